"""Write the nine yearly answers as one self-contained HTML report that opens offline.

The report reads the marts (and, for the number of movies behind each chart, the core
star schema) from a built DuckDB warehouse and draws one Plotly chart per question. The
Plotly JavaScript bundle is embedded once in the page, so the file needs no network.

    movies-pipeline report --warehouse warehouse/movies.duckdb --out report.html
"""

import argparse
import html
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from movies_pipeline.errors import PipelineError, UsageError

DEFAULT_WAREHOUSE_PATH = Path("warehouse/movies.duckdb")
DEFAULT_REPORT_PATH = Path("report.html")
# How many companies the company charts show: the leaders by each chart's own measure.
TOP_COMPANY_COUNT = 8


@dataclass(frozen=True)
class Chart:
    """One answered question: its figure and the number of distinct movies the figure rests on."""

    chart_id: str
    question: str
    figure: go.Figure
    movie_count: int
    basis: str


@dataclass(frozen=True)
class Money:
    """One money measure and the names it has in the marts and the core fact table."""

    name: str
    total_column: str
    known_count_column: str
    known_flag_column: str


BUDGET = Money("budget", "total_budget", "movies_with_budget", "has_budget")
REVENUE = Money("revenue", "total_revenue", "movies_with_revenue", "has_revenue")
PROFIT = Money("profit", "total_profit", "movies_with_financials", "has_financials")
MONEY_KNOWN_PHRASE = {
    "budget": "a known budget",
    "revenue": "a known revenue",
    "profit": "both budget and revenue known",
}


def _rows(connection: duckdb.DuckDBPyConnection, sql: str, parameters: Sequence[object] = ()) -> list[tuple]:
    return connection.execute(sql, list(parameters)).fetchall()


def _distinct_movies(
    connection: duckdb.DuckDBPyConnection,
    bridge: str,
    entity_column: str,
    entity_ids: Sequence[object] | None = None,
    flag_column: str | None = None,
) -> int:
    """Distinct movies with a release year linked through `bridge`, optionally to some entities and with a flag set."""
    conditions = ["movie.release_year is not null"]
    parameters: list[object] = []
    if entity_ids is not None:
        conditions.append(f"list_contains(?, link.{entity_column})")
        parameters.append(list(entity_ids))
    if flag_column is not None:
        conditions.append(f"movie.{flag_column}")
    sql = f"""
        select count(distinct movie.movie_id)
        from core.fct_movie as movie
        inner join core.{bridge} as link on movie.movie_id = link.movie_id
        where {' and '.join(conditions)}
    """
    return _rows(connection, sql, parameters)[0][0]


def _layout(figure: go.Figure, x_title: str, y_axis: dict) -> go.Figure:
    figure.update_layout(
        template="plotly_white",
        height=460,
        margin={"l": 70, "r": 20, "t": 30, "b": 50},
        hovermode="closest",
        legend={"title": {"text": ""}},
        xaxis={"title": {"text": x_title}, "tickformat": "d"},
        yaxis=y_axis,
    )
    return figure


def _series_by_name(rows: list[tuple]) -> dict[str, list[tuple]]:
    """Group rows whose first field is a series name, keeping row order inside each series."""
    grouped: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row[1:])
    return grouped


def dollar_year(connection: duckdb.DuckDBPyConnection) -> int:
    """The latest year of the CPI seed: the `_real` columns are in dollars of this year."""
    return _rows(connection, "select max(year) from reference.us_cpi_by_year")[0][0]


def _money_figure(rows: list[tuple], money: Money, constant_year: int, mode: str) -> go.Figure:
    """Lines of yearly money totals, in constant dollars first and in nominal dollars behind a switch.

    `rows` are (series name, year, constant-dollar total, nominal total, movies with the amount known,
    movies), ordered by series name and year.
    """
    figure = go.Figure()
    for name, points in _series_by_name(rows).items():
        for constant in (True, False):
            shown = [point for point in points if point[1 if constant else 2] is not None]
            figure.add_trace(
                go.Scatter(
                    name=name,
                    legendgroup=name,
                    mode=mode,
                    marker={"size": 5},
                    visible=constant,
                    x=[point[0] for point in shown],
                    y=[float(point[1 if constant else 2]) for point in shown],
                    customdata=[[float(point[2]), point[3], point[4]] for point in shown],
                    hovertemplate=(
                        f"<b>%{{fullData.name}}</b>, %{{x}}<br>total {money.name}: $%{{y:,.0f}}"
                        + (f" in {constant_year} dollars (nominal $%{{customdata[0]:,.0f}})" if constant else " nominal")
                        + f"<br>%{{customdata[1]}} of %{{customdata[2]}} movies with {MONEY_KNOWN_PHRASE[money.name]}"
                        "<extra></extra>"
                    ),
                )
            )
    constant_title = f"Total {money.name} (US$ of {constant_year})"
    nominal_title = f"Total {money.name} (nominal US$)"
    _layout(figure, "Release year", {"title": {"text": constant_title}, "tickprefix": "$", "exponentformat": "B"})
    trace_count = len(figure.data)
    figure.update_layout(
        margin={"t": 60},
        updatemenus=[{
            "type": "buttons",
            "direction": "right",
            "x": 0,
            "xanchor": "left",
            "y": 1.15,
            "yanchor": "top",
            "buttons": [
                {
                    "label": f"US$ of {constant_year}",
                    "method": "update",
                    "args": [{"visible": [i % 2 == 0 for i in range(trace_count)]}, {"yaxis.title.text": constant_title}],
                },
                {
                    "label": "Nominal US$",
                    "method": "update",
                    "args": [{"visible": [i % 2 == 1 for i in range(trace_count)]}, {"yaxis.title.text": nominal_title}],
                },
            ],
        }],
    )
    return figure


def company_money_chart(connection: duckdb.DuckDBPyConnection, money: Money) -> Chart:
    """Yearly total budget, revenue or profit of the companies with the largest constant-dollar total."""
    mart = f"marts.company_{money.name}_by_year"
    top_ids = [
        row[0]
        for row in _rows(
            connection,
            f"""
            select company_id from {mart}
            where {money.total_column} is not null
            group by company_id
            order by sum({money.total_column}_real) desc nulls last, sum({money.total_column}) desc, company_id
            limit ?
            """,
            [TOP_COMPANY_COUNT],
        )
    ]
    rows = _rows(
        connection,
        f"""
        select company_name, release_year, {money.total_column}_real, {money.total_column},
            {money.known_count_column}, movie_count
        from {mart}
        where list_contains(?, company_id) and {money.total_column} is not null
        order by company_name, release_year
        """,
        [top_ids],
    )
    return Chart(
        chart_id=f"company-{money.name}",
        question=f"What {money.name} did the top companies have each year?",
        figure=_money_figure(rows, money, dollar_year(connection), "lines+markers"),
        movie_count=_distinct_movies(connection, "bridge_movie_company", "company_id", top_ids, money.known_flag_column),
        basis=(
            f"the movies of the {len(top_ids)} companies with the largest total {money.name} over all years "
            f"(in constant dollars) that have {MONEY_KNOWN_PHRASE[money.name]} and a release year"
        ),
    )


def company_popularity_chart(connection: duckdb.DuckDBPyConnection) -> Chart:
    """Yearly average popularity of the companies with the most releases."""
    top_ids = [
        row[0]
        for row in _rows(
            connection,
            """
            select company_id from marts.company_popularity_by_year
            group by company_id
            order by sum(movie_count) desc, company_id
            limit ?
            """,
            [TOP_COMPANY_COUNT],
        )
    ]
    rows = _rows(
        connection,
        """
        select company_name, release_year, avg_popularity, movie_count
        from marts.company_popularity_by_year
        where list_contains(?, company_id) and avg_popularity is not null
        order by company_name, release_year
        """,
        [top_ids],
    )
    figure = go.Figure()
    for company_name, points in _series_by_name(rows).items():
        figure.add_trace(
            go.Scatter(
                name=company_name,
                mode="lines+markers",
                x=[point[0] for point in points],
                y=[point[1] for point in points],
                customdata=[[point[2]] for point in points],
                hovertemplate=(
                    "<b>%{fullData.name}</b>, %{x}<br>average popularity: %{y:.2f}<br>"
                    "over %{customdata[0]} movies<extra></extra>"
                ),
            )
        )
    _layout(figure, "Release year", {"title": {"text": "Average TMDB popularity"}})
    return Chart(
        chart_id="company-popularity",
        question="How popular were the releases of the busiest companies each year?",
        figure=figure,
        movie_count=_distinct_movies(connection, "bridge_movie_company", "company_id", top_ids),
        basis=f"the movies with a release year of the {len(top_ids)} companies with the most releases",
    )


def company_releases_by_genre_chart(connection: duckdb.DuckDBPyConnection) -> Chart:
    """Releases per genre and year for one company at a time, chosen from a menu."""
    companies = _rows(
        connection,
        """
        select company_id, any_value(company_name) as company_name
        from marts.company_releases_by_genre_by_year
        group by company_id
        order by sum(release_count) desc, company_id
        limit ?
        """,
        [TOP_COMPANY_COUNT],
    )
    rows = _rows(
        connection,
        """
        select company_id, genre_name, release_year, release_count
        from marts.company_releases_by_genre_by_year
        where list_contains(?, company_id)
        order by company_id, genre_name, release_year
        """,
        [[company_id for company_id, _ in companies]],
    )
    traces_by_company: dict[object, dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    for company_id, genre_name, release_year, release_count in rows:
        traces_by_company[company_id][genre_name].append((release_year, release_count))
    figure = go.Figure()
    trace_owner: list[object] = []
    for position, (company_id, company_name) in enumerate(companies):
        for genre_name, points in traces_by_company[company_id].items():
            figure.add_trace(
                go.Bar(
                    name=genre_name,
                    x=[point[0] for point in points],
                    y=[point[1] for point in points],
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
    _layout(figure, "Release year", {"title": {"text": "Releases (a movie counts once per genre)"}})
    figure.update_layout(
        barmode="stack",
        margin={"t": 60},
        updatemenus=[{"buttons": buttons, "direction": "down", "x": 0, "xanchor": "left", "y": 1.15, "yanchor": "top"}],
    )
    return Chart(
        chart_id="company-releases-by-genre",
        question="Which genres did a chosen company release each year?",
        figure=figure,
        movie_count=_distinct_movies(
            connection, "bridge_movie_company", "company_id", [company_id for company_id, _ in companies]
        ),
        basis=(
            f"the movies with a release year of the {len(companies)} companies in the menu "
            "(the companies with the most genre releases); pick a company above the chart"
        ),
    )


def genre_money_chart(connection: duckdb.DuckDBPyConnection, money: Money) -> Chart:
    """Yearly total budget, revenue or profit of every genre."""
    rows = _rows(
        connection,
        f"""
        select genre_name, release_year, {money.total_column}_real, {money.total_column},
            {money.known_count_column}, movie_count
        from marts.genre_{money.name}_by_year
        where {money.total_column} is not null
        order by genre_name, release_year
        """,
    )
    return Chart(
        chart_id=f"genre-{money.name}",
        question=f"What {money.name} did each genre have each year?",
        figure=_money_figure(rows, money, dollar_year(connection), "lines+markers"),
        movie_count=_distinct_movies(connection, "bridge_movie_genre", "genre_id", None, money.known_flag_column),
        basis=f"the movies with a genre, a release year and {MONEY_KNOWN_PHRASE[money.name]}",
    )


def genre_most_popular_chart(connection: duckdb.DuckDBPyConnection) -> Chart:
    """Timeline of the genre with the highest average popularity in each year."""
    rows = _rows(
        connection,
        """
        select genre_name, release_year, avg_popularity, movie_count
        from marts.genre_most_popular_by_year
        order by genre_name, release_year
        """,
    )
    figure = go.Figure()
    for genre_name, points in _series_by_name(rows).items():
        figure.add_trace(
            go.Scatter(
                name=genre_name,
                mode="markers",
                x=[point[0] for point in points],
                y=[genre_name] * len(points),
                marker={"size": [min(8 + 2 * point[2], 30) for point in points], "symbol": "square"},
                customdata=[[point[1], point[2]] for point in points],
                hovertemplate=(
                    "<b>%{x}: %{fullData.name}</b><br>average popularity: %{customdata[0]:.2f}<br>"
                    "over %{customdata[1]} movies<extra></extra>"
                ),
            )
        )
    _layout(figure, "Release year", {"title": {"text": ""}, "categoryorder": "category descending"})
    figure.update_layout(showlegend=False)
    return Chart(
        chart_id="genre-most-popular",
        question="Which genre was the most popular each year?",
        figure=figure,
        movie_count=_distinct_movies(connection, "bridge_movie_genre", "genre_id"),
        basis=(
            "the movies with a genre and a release year, all of which compete for each year's title "
            "(marker size grows with the winning genre's movie count)"
        ),
    )


def build_charts(connection: duckdb.DuckDBPyConnection) -> list[Chart]:
    """The nine charts, in the order of the questions."""
    return [
        company_money_chart(connection, BUDGET),
        company_money_chart(connection, REVENUE),
        company_money_chart(connection, PROFIT),
        company_popularity_chart(connection),
        company_releases_by_genre_chart(connection),
        genre_money_chart(connection, BUDGET),
        genre_money_chart(connection, REVENUE),
        genre_money_chart(connection, PROFIT),
        genre_most_popular_chart(connection),
    ]


PAGE_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px;
       padding: 0 24px 48px; color: #222; }
h1 { margin-bottom: 4px; }
.built { color: #555; margin-top: 0; }
section { border-top: 1px solid #ddd; margin-top: 28px; padding-top: 8px; }
.basis { color: #444; margin: 4px 0 8px; }
.rules li { margin-bottom: 4px; }
"""


def render_html(charts: Sequence[Chart], built_from: str, accepted_movie_count: int, constant_year: int) -> str:
    """The report page: Plotly's script once in the head, then one section per chart."""
    created_at = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    contents = "\n".join(
        f'<li><a href="#{chart.chart_id}">{html.escape(chart.question)}</a></li>' for chart in charts
    )
    sections = "\n".join(
        f"""<section id="{chart.chart_id}">
<h2>{html.escape(chart.question)}</h2>
<p class="basis">Rests on <strong class="movie-count">{chart.movie_count:,}</strong> movies:
{html.escape(chart.basis)}. Hover a point for the movies behind it.</p>
{chart.figure.to_html(full_html=False, include_plotlyjs=False, div_id=f"{chart.chart_id}-plot",
                      config={"displaylogo": False, "responsive": True})}
</section>"""
        for chart in charts
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The Movies Dataset: nine yearly answers</title>
<style>{PAGE_STYLE}</style>
<script type="text/javascript">{get_plotlyjs()}</script>
</head>
<body>
<h1>The Movies Dataset: nine yearly answers</h1>
<p class="built">Built from <code>{html.escape(built_from)}</code> ({accepted_movie_count:,} accepted movies)
on {created_at}.</p>
<ul class="rules">
<li>Money is shown in constant US dollars of {constant_year} (CPI-U annual averages of the Bureau of Labor
Statistics); the buttons above each money chart switch to nominal dollars. Years before 1913 have no CPI-U index,
so they appear only in nominal dollars.</li>
<li>A budget or revenue of 0 or less means unknown: it is left out of the sums, and a year with no known amount has
no point.</li>
<li>Profit is revenue minus budget, summed over the movies with both known.</li>
<li>A co-produced movie counts in full for each of its companies and genres, so the lines overlap and do
not add up to a total.</li>
<li>Movies without a release year, and raw records rejected or superseded by the build, are in no chart.</li>
</ul>
<ol>
{contents}
</ol>
{sections}
</body>
</html>
"""


def write_report(warehouse_path: Path = DEFAULT_WAREHOUSE_PATH, out_path: Path = DEFAULT_REPORT_PATH) -> Path:
    """Read the marts from the warehouse file and write the HTML report to `out_path`; return that path."""
    warehouse_path = Path(warehouse_path)
    out_path = Path(out_path)
    if not warehouse_path.is_file():
        raise UsageError(
            f"no warehouse at {warehouse_path}",
            "build one first with `movies-pipeline` (or `dbt build`), or pass its path with --warehouse",
        )
    try:
        with duckdb.connect(str(warehouse_path), read_only=True) as connection:
            charts = build_charts(connection)
            accepted_movie_count = _rows(connection, "select count(*) from core.fct_movie")[0][0]
            constant_year = dollar_year(connection)
    except duckdb.CatalogException as error:
        raise UsageError(
            f"{warehouse_path} lacks a table the report reads ({str(error).splitlines()[0]})",
            "rebuild it with the current models (`movies-pipeline` or `dbt build`) and try again",
        ) from error
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(render_html(charts, warehouse_path.name, accepted_movie_count, constant_year), encoding="utf-8")
    return out_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The report command's options: `movies-pipeline report [--warehouse PATH] [--out PATH]`."""
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=DEFAULT_WAREHOUSE_PATH,
        help=f"DuckDB warehouse to read (default: {DEFAULT_WAREHOUSE_PATH})",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_REPORT_PATH, help=f"HTML file to write (default: {DEFAULT_REPORT_PATH})"
    )


def run(arguments: argparse.Namespace) -> int:
    """Write the report for parsed arguments and say where it went; a PipelineError says why it could not."""
    out_path = write_report(arguments.warehouse, arguments.out)
    print(f"wrote {out_path}: open it in any browser, it needs no network")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Stand-alone entry point: python -m movies_pipeline.report [--warehouse PATH] [--out PATH]."""
    parser = argparse.ArgumentParser(prog="python -m movies_pipeline.report", description=__doc__.splitlines()[0])
    add_arguments(parser)
    try:
        return run(parser.parse_args(argv))
    except PipelineError as error:
        print(f"error: {error.one_line()}", file=sys.stderr)
        return int(error.exit_code)


if __name__ == "__main__":
    raise SystemExit(main())
