"""The four genre charts: budget, revenue and profit of every genre (eight at a time, picked from a menu), and a
timeline of the most popular genre."""

import duckdb
import plotly.graph_objects as go

from movies_pipeline.report.figures import MAX_SERIES, PALETTE, THIN_MOVIE_COUNT, Chart, layout
from movies_pipeline.report.money import money_figure, money_notes, money_series
from movies_pipeline.report.warehouse import (
    MONEY_KNOWN_PHRASE,
    Money,
    dollar_year,
    genre_movie_count,
    implausible_amounts,
    rows,
)


def genre_money_chart(connection: duckdb.DuckDBPyConnection, money: Money) -> Chart:
    """Yearly total budget, revenue or profit of every genre, ranked by constant-dollar total and shown eight at a
    time: the top eight when the page opens, the others from the menu."""
    found = rows(
        connection,
        f"""
        select genre_id, genre_name, release_year, {money.total_column}_real, {money.total_column},
            {money.known_count_column}, movie_count
        from marts.genre_{money.name}_by_year
        where {money.total_column} is not null
        order by
            sum({money.total_column}_real) over (partition by genre_id) desc nulls last,
            sum({money.total_column}) over (partition by genre_id) desc,
            genre_id,
            release_year
        """,
    )
    series, amounts = money_series(found, implausible_amounts(connection, money, "genre"))
    groups = [series[start:start + MAX_SERIES] for start in range(0, len(series), MAX_SERIES)]
    labels = [
        f"Genres {start + 1}-{start + len(group)} of {len(series)} by total {money.name}"
        for start, group in zip(range(0, len(series), MAX_SERIES), groups, strict=True)
    ]
    return Chart(
        chart_id=f"genre-{money.name}",
        question=f"What {money.name} did each genre have each year?",
        figure=money_figure(groups, money, dollar_year(connection), labels),
        movie_count=genre_movie_count(connection, money.known_count_column),
        basis=(
            f"the movies with a genre, a release year and {MONEY_KNOWN_PHRASE[money.name]}; the menu at the "
            f"top right shows the genres {MAX_SERIES} at a time, ranked by total {money.name} in constant dollars"
        ),
        notes=money_notes(series, money, amounts),
    )


def genre_most_popular_chart(connection: duckdb.DuckDBPyConnection) -> Chart:
    """Timeline of the genre with the highest average popularity in each year, hollow where it rests on few movies."""
    found = rows(
        connection,
        """
        select release_year, genre_name, avg_popularity, movie_count
        from marts.genre_most_popular_by_year
        order by release_year, genre_name
        """,
    )
    thin = [movie_count < THIN_MOVIE_COUNT for _, _, _, movie_count in found]
    figure = go.Figure(
        go.Scatter(
            name="most popular genre",
            mode="markers",
            x=[year for year, _, _, _ in found],
            y=[genre_name for _, genre_name, _, _ in found],
            marker={
                "color": PALETTE[0],
                "size": [min(8 + 2 * movie_count, 30) for _, _, _, movie_count in found],
                "symbol": ["square-open" if is_thin else "square" for is_thin in thin],
                "line": {"width": 2, "color": PALETTE[0]},
            },
            customdata=[
                [avg_popularity, movie_count,
                 f"<br><i>rests on fewer than {THIN_MOVIE_COUNT} movies</i>" if is_thin else ""]
                for (_, _, avg_popularity, movie_count), is_thin in zip(found, thin, strict=True)
            ],
            hovertemplate=(
                "<b>%{x}: %{y}</b><br>average popularity: %{customdata[0]:.2f}<br>"
                "over %{customdata[1]} movies%{customdata[2]}<extra></extra>"
            ),
        )
    )
    layout(figure, {"title": {"text": ""}, "categoryorder": "category descending"})
    figure.update_layout(showlegend=False)
    return Chart(
        chart_id="genre-most-popular",
        question="Which genre was the most popular each year?",
        figure=figure,
        movie_count=genre_movie_count(connection),
        basis=(
            "the movies with a genre and a release year, all of which compete for each year's title "
            "(marker size grows with the winning genre's movie count)"
        ),
        notes=(
            f"{sum(thin):,} of {len(found):,} years are won by a genre with fewer than {THIN_MOVIE_COUNT} movies "
            "that year: their squares are hollow, and the title rests on those few movies.",
        ),
    )
