"""The five company charts: budget, revenue and profit of the top companies, the busiest companies' popularity,
and releases by genre for a company picked from a menu."""

import html
from collections import defaultdict

import duckdb
import plotly.graph_objects as go

from movies_pipeline.report.figures import (
    MAX_SERIES,
    OTHER_COLOUR,
    PALETTE,
    THIN_MOVIE_COUNT,
    Axis,
    Chart,
    Point,
    Series,
    Unit,
    layout,
    line_figure,
    year_span,
)
from movies_pipeline.report.money import money_figure, money_notes, money_series
from movies_pipeline.report.warehouse import (
    MONEY_KNOWN_PHRASE,
    Money,
    dollar_year,
    implausible_amounts,
    leaders_movie_count,
    leading_companies,
    rows,
)

# How many companies the company charts show: the leaders by each chart's own measure, one colour each.
TOP_COMPANY_COUNT = MAX_SERIES
OTHER_GENRES = "Other genres"
# Keeps a mart's rows (`mart`) of the leaders of one ranking: parameters ranked_by, then how many leaders.
JOIN_LEADERS = """
        inner join marts.company_leaders as leader
            on mart.company_id = leader.company_id and leader.ranked_by = ? and leader.company_rank <= ?
"""


def company_money_chart(
    connection: duckdb.DuckDBPyConnection, money: Money, top_count: int = TOP_COMPANY_COUNT,
) -> Chart:
    """Yearly total budget, revenue or profit of the companies with the largest constant-dollar total."""
    mart = f"marts.company_{money.name}_by_year"
    top_ids = [company_id for company_id, _ in leading_companies(connection, money.name, top_count)]
    found = rows(
        connection,
        f"""
        select mart.company_id, mart.company_name, mart.release_year, mart.{money.total_column}_real,
            mart.{money.total_column}, mart.{money.known_count_column}, mart.movie_count
        from {mart} as mart
        {JOIN_LEADERS}
        where mart.{money.total_column} is not null
        order by leader.company_rank, mart.release_year
        """,
        [money.name, top_count],
    )
    series, amounts = money_series(found, implausible_amounts(connection, money, "company", top_ids))
    return Chart(
        chart_id=f"company-{money.name}",
        question=f"What {money.name} did the top companies have each year?",
        figure=money_figure([series], money, dollar_year(connection)),
        movie_count=leaders_movie_count(connection, money.name, len(top_ids)),
        basis=(
            f"the movies of the {len(top_ids)} companies with the largest total {money.name} over all years "
            f"(in constant dollars) that have {MONEY_KNOWN_PHRASE[money.name]} and a release year"
        ),
        notes=money_notes(series, money, amounts),
    )


def company_popularity_chart(connection: duckdb.DuckDBPyConnection, top_count: int = TOP_COMPANY_COUNT) -> Chart:
    """Yearly average popularity of the companies with the most releases."""
    top_ids = [company_id for company_id, _ in leading_companies(connection, "releases", top_count)]
    found = rows(
        connection,
        f"""
        select mart.company_id, mart.company_name, mart.release_year, mart.avg_popularity, mart.movie_count
        from marts.company_popularity_by_year as mart
        {JOIN_LEADERS}
        where mart.avg_popularity is not null
        order by leader.company_rank, mart.release_year
        """,
        ["releases", top_count],
    )
    by_company: dict[object, Series] = {}
    for company_id, company_name, year, avg_popularity, movie_count in found:
        one = by_company.setdefault(company_id, Series(name=company_name, points={}))
        one.points[year] = Point(values=(avg_popularity,), movie_count=movie_count, customdata=(movie_count,))
    series = list(by_company.values())
    unit = Unit(
        label="",
        axis_title="Average TMDB popularity",
        hovertemplate="<b>%{fullData.name}</b>, %{x}<br>average popularity: %{y:.2f}<br>"
        "over %{customdata[0]} movies{note}<extra></extra>",
    )
    points = [point for one in series for point in one.points.values()]
    thin = sum(point.movie_count < THIN_MOVIE_COUNT for point in points)
    return Chart(
        chart_id="company-popularity",
        question="How popular were the releases of the busiest companies each year?",
        figure=line_figure([series], [unit], Axis()),
        movie_count=leaders_movie_count(connection, "releases", len(top_ids)),
        basis=f"the movies with a release year of the {len(top_ids)} companies with the most releases",
        notes=(
            f"{thin:,} of {len(points):,} points average fewer than {THIN_MOVIE_COUNT} movies: they are drawn hollow. "
            "A break in a line is a year without a release.",
        ),
    )


def company_releases_by_genre_chart(connection: duckdb.DuckDBPyConnection, top_count: int = TOP_COMPANY_COUNT) -> Chart:
    """Releases per genre and year for one company at a time, chosen from a menu; the genres these companies
    release most each have a colour of their own, the rest are stacked as one grey "Other genres"."""
    companies = leading_companies(connection, "genre_releases", top_count)
    leading_genres = [
        row[0]
        for row in rows(
            connection,
            f"""
            select mart.genre_name from marts.company_releases_by_genre_by_year as mart
            {JOIN_LEADERS}
            group by mart.genre_name
            order by sum(mart.release_count) desc, mart.genre_name
            limit ?
            """,
            ["genre_releases", top_count, MAX_SERIES - 1],
        )
    ]
    found = rows(
        connection,
        f"""
        select mart.company_id, mart.genre_name, mart.release_year, mart.release_count
        from marts.company_releases_by_genre_by_year as mart
        {JOIN_LEADERS}
        """,
        ["genre_releases", top_count],
    )
    counts: dict[object, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for company_id, genre_name, year, release_count in found:
        counts[company_id][genre_name if genre_name in leading_genres else OTHER_GENRES][year] += release_count
    years = year_span(year for _, _, year, _ in found)
    colours = {**dict(zip(leading_genres, PALETTE, strict=False)), OTHER_GENRES: OTHER_COLOUR}
    figure = go.Figure()
    trace_owner: list[object] = []
    for position, (company_id, company_name) in enumerate(companies):
        for genre_name in [*leading_genres, OTHER_GENRES]:
            by_year = counts[company_id].get(genre_name)
            if not by_year:
                continue
            figure.add_trace(
                go.Bar(
                    name=genre_name,
                    marker={"color": colours[genre_name]},
                    x=years,
                    y=[by_year.get(year) for year in years],
                    visible=position == 0,
                    hovertemplate=(
                        f"<b>{html.escape(company_name)}</b>, %{{x}}<br>%{{fullData.name}}: "
                        "%{y} releases<extra></extra>"
                    ),
                )
            )
            trace_owner.append(company_id)
    buttons = [
        {
            "label": company_name,
            "method": "update",
            "args": [{"visible": [owner == company_id for owner in trace_owner]}],
        }
        for company_id, company_name in companies
    ]
    layout(figure, {"title": {"text": "Releases (a movie counts once per genre)"}})
    figure.update_layout(
        barmode="stack",
        margin={"t": 60},
        updatemenus=[{"buttons": buttons, "direction": "down", "x": 0, "xanchor": "left", "y": 1.15, "yanchor": "top"}],
    )
    return Chart(
        chart_id="company-releases-by-genre",
        question="Which genres did a chosen company release each year?",
        figure=figure,
        movie_count=leaders_movie_count(connection, "genre_releases", len(companies)),
        basis=(
            f"the movies with a release year of the {len(companies)} companies in the menu "
            "(the companies with the most genre releases); pick a company above the chart"
        ),
        notes=(
            f"The {len(leading_genres)} genres these companies release most have a colour each, the same for every "
            f"company; the other genres are stacked in grey as \u201c{OTHER_GENRES}\u201d.",
        ),
    )
