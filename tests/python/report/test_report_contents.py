"""What the report's charts hold, checked against the six-movie warehouse worked out by hand (see tiny_warehouse.py)."""

import re
from pathlib import Path

import duckdb
import pytest

from movies_pipeline import report
from movies_pipeline.cli import main
from movies_pipeline.errors import UsageError
from movies_pipeline.report.figures import FLAG_TRACE_NAME, MAX_SERIES, PALETTE, THIN_MOVIE_COUNT

SUFFIX_SCALE = {"": 1.0, "k": 1e3, "M": 1e6, "B": 1e9}


def data_traces(chart: report.Chart) -> list:
    return [trace for trace in chart.figure.data if trace.name != FLAG_TRACE_NAME]


def amounts(chart: report.Chart, unit: int = 0, shown_only: bool = True) -> dict[str, dict[int, float]]:
    """{series: {year: exact amount}} from a money chart's hover data: unit 0 is constant dollars, 1 nominal."""
    return {
        trace.name: {year: data[unit] for year, data in zip(trace.x, trace.customdata, strict=True)
                     if data[unit] is not None}
        for trace in data_traces(chart)
        if trace.visible or not shown_only
    }


def plotted(chart: report.Chart, button: int | None = None) -> dict[str, dict[int, float]]:
    """{series: {year: y}} of the shown data traces, as the page opens or after pressing a money button."""
    ys = [trace.y for trace in chart.figure.data]
    if button is not None:
        ys = chart.figure.layout.updatemenus[0].buttons[button].args[0]["y"]
    return {
        trace.name: {year: value for year, value in zip(trace.x, y, strict=True) if value is not None}
        for trace, y in zip(chart.figure.data, ys, strict=True)
        if trace.visible and trace.name != FLAG_TRACE_NAME
    }


def ringed(chart: report.Chart) -> set[tuple[str, int]]:
    """(series, year) of the points the chart rings as including an implausible amount."""
    return {
        (name, year)
        for trace in chart.figure.data if trace.name == FLAG_TRACE_NAME
        for name, year in zip(trace.text, trace.x, strict=True)
    }


@pytest.fixture()
def tiny(tiny_warehouse: Path):
    with duckdb.connect(str(tiny_warehouse), read_only=True) as connection:
        yield connection


def test_company_budget_chart_shows_only_known_budgets_of_the_top_companies(tiny) -> None:
    chart = report.company_money_chart(tiny, report.BUDGET, top_count=2)
    # Budgets by company: B 100 + 200, A 100 (movie 5 has no year), C 10 -> the top two are B and A.
    # The page opens on constant 2001 dollars (2000 amounts doubled); a button switches to nominal.
    assert amounts(chart) == {"B": {2000: 200.0, 2001: 200.0}, "A": {2000: 200.0}}
    assert amounts(chart, unit=1) == {"B": {2000: 100.0, 2001: 200.0}, "A": {2000: 100.0}}
    assert [button.label for button in chart.figure.layout.updatemenus[0].buttons] == ["US$ of 2001", "Nominal US$"]
    # Plotted values are the amounts in the unit of the axis ticks (here thousands: $0.2k).
    scale = SUFFIX_SCALE[chart.figure.layout.yaxis.ticksuffix]
    for button, unit in ((None, 0), (0, 0), (1, 1)):
        expected = {name: {year: amount / scale for year, amount in years.items()}
                    for name, years in amounts(chart, unit).items()}
        shown = plotted(chart, button)
        assert shown.keys() == expected.keys()
        for name, years in expected.items():
            assert shown[name] == pytest.approx(years), (button, name)
    # Movies of A or B with a budget and a year: 1 and 3.
    assert chart.movie_count == 2
    # Hover data: constant and nominal amount, movies with a known budget, movies.
    hover = {trace.name: [list(data[:4]) for data in trace.customdata if data[0] is not None]
             for trace in data_traces(chart)}
    assert hover == {"A": [[200.0, 100.0, 1, 2]], "B": [[200.0, 100.0, 1, 1], [200.0, 200.0, 1, 1]]}
    # C's budget of 10 is flagged, but C is not among the two shown.
    assert ringed(chart) == set()


def test_money_ticks_put_the_sign_before_the_dollar(tiny) -> None:
    chart = report.company_money_chart(tiny, report.PROFIT)
    axis = chart.figure.layout.yaxis
    # d3's "$" format writes -$0.1k, never $-0.1k; the suffix scales the amounts.
    assert axis.tickformat.startswith("$") and axis.ticksuffix in SUFFIX_SCALE
    assert axis.tickprefix is None


def test_every_year_of_the_span_is_on_the_x_axis_and_years_without_data_break_the_line(tiny) -> None:
    chart = report.company_money_chart(tiny, report.REVENUE)
    # Revenues by company and year: A 2000 (300 + 50), B 2000 (300) and 2001 (100); C none.
    for trace in data_traces(chart):
        assert list(trace.x) == [2000, 2001]
        assert trace.connectgaps is False
    assert {trace.name: list(trace.y) for trace in data_traces(chart)}["A"][1] is None


def test_company_profit_chart_sums_revenue_minus_budget_over_movies_with_both(tiny) -> None:
    chart = report.company_money_chart(tiny, report.PROFIT)
    # C's only movie has no revenue, so C has no profit at all.
    assert amounts(chart, unit=1) == {"A": {2000: 200.0}, "B": {2000: 200.0, 2001: -100.0}}
    assert amounts(chart) == {"A": {2000: 400.0}, "B": {2000: 400.0, 2001: -100.0}}
    assert chart.movie_count == 2
    # The flagged budget (movie 4) and revenue (movie 2) are each on a movie without the other amount: no profit.
    assert ringed(chart) == set()


def test_points_that_include_a_flagged_amount_are_ringed_and_named(tiny) -> None:
    budget = report.company_money_chart(tiny, report.BUDGET)
    assert ringed(budget) == {("C", 2001)}
    assert any("Four (2001) budget $10" in note for note in budget.notes)
    revenue = report.genre_money_chart(tiny, report.REVENUE)
    assert ringed(revenue) == {("Drama", 2000)}
    assert any("Two (2000) revenue $50" in note and "Under $1,000" in note for note in revenue.notes)
    hovered = {trace.name: data[-1] for trace in data_traces(revenue)
               for year, data in zip(trace.x, trace.customdata, strict=True) if year == 2000}
    assert "implausible" in hovered["Drama"] and "implausible" not in hovered["Comedy"]


def test_points_resting_on_few_movies_are_hollow_and_say_so(tiny) -> None:
    chart = report.company_popularity_chart(tiny, top_count=1)
    # A has the most releases with a year (movies 1, 2, 6): 2000 averages 2 movies, 2001 one.
    assert plotted(chart) == {"A": {2000: 3.5, 2001: 3.0}}
    (trace,) = data_traces(chart)
    assert list(trace.marker.symbol) == ["circle-open", "circle-open"]  # both under THIN_MOVIE_COUNT
    assert all(f"fewer than {THIN_MOVIE_COUNT}" in data[-1] for data in trace.customdata)
    assert chart.movie_count == 3
    assert chart.notes[0].startswith("2 of 2 points")


def test_releases_by_genre_chart_shows_one_chosen_company_at_a_time(tiny) -> None:
    chart = report.company_releases_by_genre_chart(tiny)
    figure = chart.figure
    menu = figure.layout.updatemenus[0]
    assert [button.label for button in menu.buttons] == ["A", "B", "C"]

    def shown(visibility: list[bool]) -> dict[str, dict[int, int]]:
        return {trace.name: {year: count for year, count in zip(trace.x, trace.y, strict=True) if count is not None}
                for trace, visible in zip(figure.data, visibility, strict=True) if visible}

    assert shown([trace.visible for trace in figure.data]) == {"Comedy": {2000: 1, 2001: 1}, "Drama": {2000: 2}}
    assert shown(menu.buttons[1].args[0]["visible"]) == {"Action": {2001: 1}, "Comedy": {2000: 1}, "Drama": {2000: 1}}
    # A genre has one colour whichever company is picked.
    colours = {(trace.name, trace.marker.color) for trace in figure.data}
    assert len(colours) == len({name for name, _ in colours}) == 3
    assert chart.movie_count == 5


def test_genre_budget_chart_covers_every_genre(tiny) -> None:
    chart = report.genre_money_chart(tiny, report.BUDGET)
    assert amounts(chart) == {"Action": {2001: 200.0}, "Comedy": {2000: 200.0}, "Drama": {2000: 200.0, 2001: 10.0}}
    assert amounts(chart, unit=1) == {"Action": {2001: 200.0}, "Comedy": {2000: 100.0}, "Drama": {2000: 100.0, 2001: 10.0}}
    assert chart.movie_count == 3
    # Ranked by constant-dollar total, Drama 210, then Action and Comedy 200 each; the nominal total breaks the tie.
    assert [trace.name for trace in data_traces(chart)] == ["Drama", "Action", "Comedy"]
    assert [trace.line.color for trace in data_traces(chart)] == list(PALETTE[:3])


def test_genres_beyond_eight_are_picked_from_a_menu_eight_at_a_time(tiny, monkeypatch) -> None:
    monkeypatch.setattr("movies_pipeline.report.genre_charts.MAX_SERIES", 2)
    chart = report.genre_money_chart(tiny, report.BUDGET)
    menu = chart.figure.layout.updatemenus[1]
    assert [button.label for button in menu.buttons] == ["Genres 1-2 of 3 by total budget", "Genres 3-3 of 3 by total budget"]
    second = {trace.name for trace, visible in zip(chart.figure.data, menu.buttons[1].args[0]["visible"], strict=True)
              if visible}
    assert second == {"Comedy"}
    assert {trace.name for trace in chart.figure.data if trace.visible} == {"Drama", "Action", FLAG_TRACE_NAME}


def test_most_popular_genre_timeline_names_each_years_winner(tiny) -> None:
    chart = report.genre_most_popular_chart(tiny)
    # 2000: Comedy 5.0 beats Drama 3.5; 2001: Action 8.0. Each rests on one movie, so both squares are hollow.
    (trace,) = chart.figure.data
    assert dict(zip(trace.x, trace.y, strict=True)) == {2000: "Comedy", 2001: "Action"}
    assert list(trace.marker.symbol) == ["square-open", "square-open"]
    assert chart.movie_count == 5


def test_no_chart_shows_more_series_than_it_has_colours(tiny) -> None:
    for chart in report.build_charts(tiny):
        shown = [trace for trace in data_traces(chart) if trace.visible]
        assert len(shown) <= MAX_SERIES, chart.chart_id


def test_written_report_is_one_offline_page_with_nine_charts_and_their_movie_counts(
    tiny_warehouse: Path, tmp_path: Path,
) -> None:
    out = report.write_report(tiny_warehouse, tmp_path / "nested" / "report.html")
    page = out.read_text(encoding="utf-8")
    assert len(re.findall(r'<div id="[a-z-]+-plot"', page)) == 9
    # Scripts and styles are inline: nothing to fetch, so the page works offline.
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert page.count("Plotly.newPlot(") == 9
    with duckdb.connect(str(tiny_warehouse), read_only=True) as connection:
        expected_counts = [chart.movie_count for chart in report.build_charts(connection)]
    assert re.findall(r'<strong class="movie-count">([\d,]+)</strong>', page) == [f"{n:,}" for n in expected_counts]


def test_missing_warehouse_is_reported_with_what_to_do(tmp_path: Path, capsys) -> None:
    exit_code = main(["report", "--warehouse", str(tmp_path / "absent.duckdb"), "--out", str(tmp_path / "r.html")])
    assert exit_code == 2
    assert "build one first with `movies-pipeline`" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_warehouse_without_the_marts_is_reported_with_what_to_do(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(UsageError, match="lacks a table"):
        report.write_report(empty, tmp_path / "r.html")
