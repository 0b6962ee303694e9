"""What the report's charts hold, checked against the six-movie warehouse worked out by hand (see tiny_warehouse.py)."""

import re
from pathlib import Path

import duckdb
import pytest

from movies_pipeline import report
from movies_pipeline.errors import UsageError


def points(chart: report.Chart, visible: bool = True) -> dict[str, dict[int, float]]:
    """{trace name: {x: y}} of the chart's traces shown when the page opens (or of the hidden ones)."""
    return {
        trace.name: dict(zip(trace.x, trace.y, strict=True))
        for trace in chart.figure.data
        if (trace.visible is not False) == visible
    }


def switched_points(chart: report.Chart, button: int) -> dict[str, dict[int, float]]:
    """{trace name: {x: y}} of the traces a money chart shows after pressing one of its buttons."""
    visibility = chart.figure.layout.updatemenus[0].buttons[button].args[0]["visible"]
    return {
        trace.name: dict(zip(trace.x, trace.y, strict=True))
        for trace, visible in zip(chart.figure.data, visibility, strict=True)
        if visible
    }


@pytest.fixture()
def tiny(tiny_warehouse: Path):
    with duckdb.connect(str(tiny_warehouse), read_only=True) as connection:
        yield connection


def test_company_budget_chart_shows_only_known_budgets_of_the_top_companies(tiny, monkeypatch) -> None:
    monkeypatch.setattr(report, "TOP_COMPANY_COUNT", 2)
    chart = report.company_money_chart(tiny, report.BUDGET)
    # Budgets by company: B 100 + 200, A 100 (movie 5 has no year), C 10 -> the top two are B and A.
    # The page opens on constant 2001 dollars (2000 amounts doubled); a button switches to nominal.
    assert points(chart) == {"A": {2000: 200.0}, "B": {2000: 200.0, 2001: 200.0}}
    assert points(chart, visible=False) == {"A": {2000: 100.0}, "B": {2000: 100.0, 2001: 200.0}}
    assert [button.label for button in chart.figure.layout.updatemenus[0].buttons] == ["US$ of 2001", "Nominal US$"]
    assert switched_points(chart, 1) == points(chart, visible=False)
    assert switched_points(chart, 0) == points(chart)
    # Movies of A or B with a budget and a year: 1 and 3.
    assert chart.movie_count == 2
    # Hover data: nominal amount, movies with a known budget, movies.
    hover = {
        trace.name: [list(values) for values in trace.customdata]
        for trace in chart.figure.data
        if trace.visible is not False
    }
    assert hover == {"A": [[100.0, 1, 2]], "B": [[100.0, 1, 1], [200.0, 1, 1]]}


def test_company_profit_chart_sums_revenue_minus_budget_over_movies_with_both(tiny) -> None:
    chart = report.company_money_chart(tiny, report.PROFIT)
    # C's only movie has no revenue, so C has no profit at all.
    assert points(chart, visible=False) == {"A": {2000: 200.0}, "B": {2000: 200.0, 2001: -100.0}}
    assert points(chart) == {"A": {2000: 400.0}, "B": {2000: 400.0, 2001: -100.0}}
    assert chart.movie_count == 2


def test_company_popularity_chart_averages_per_company_and_year(tiny, monkeypatch) -> None:
    monkeypatch.setattr(report, "TOP_COMPANY_COUNT", 1)
    chart = report.company_popularity_chart(tiny)
    # A has the most releases with a year (movies 1, 2, 6).
    assert points(chart) == {"A": {2000: 3.5, 2001: 3.0}}
    assert chart.movie_count == 3


def test_releases_by_genre_chart_shows_one_chosen_company_at_a_time(tiny) -> None:
    chart = report.company_releases_by_genre_chart(tiny)
    figure = chart.figure
    menu = figure.layout.updatemenus[0]
    assert [button.label for button in menu.buttons] == ["A", "B", "C"]
    shown_first = {trace.name: dict(zip(trace.x, trace.y, strict=True)) for trace in figure.data if trace.visible}
    assert shown_first == {"Comedy": {2000: 1, 2001: 1}, "Drama": {2000: 2}}
    b_visibility = menu.buttons[1].args[0]["visible"]
    shown_for_b = {trace.name: dict(zip(trace.x, trace.y, strict=True))
                   for trace, visible in zip(figure.data, b_visibility, strict=True) if visible}
    assert shown_for_b == {"Action": {2001: 1}, "Comedy": {2000: 1}, "Drama": {2000: 1}}
    assert chart.movie_count == 5


def test_genre_budget_chart_covers_every_genre(tiny) -> None:
    chart = report.genre_money_chart(tiny, report.BUDGET)
    assert points(chart) == {"Action": {2001: 200.0}, "Comedy": {2000: 200.0}, "Drama": {2000: 200.0, 2001: 10.0}}
    assert points(chart, visible=False) == {
        "Action": {2001: 200.0}, "Comedy": {2000: 100.0}, "Drama": {2000: 100.0, 2001: 10.0},
    }
    assert chart.movie_count == 3


def test_most_popular_genre_timeline_names_each_years_winner(tiny) -> None:
    chart = report.genre_most_popular_chart(tiny)
    # 2000: Comedy 5.0 beats Drama 3.5; 2001: Action 8.0.
    assert {trace.name: list(trace.x) for trace in chart.figure.data} == {"Action": [2001], "Comedy": [2000]}
    assert chart.movie_count == 5


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
    exit_code = report.main(["--warehouse", str(tmp_path / "absent.duckdb"), "--out", str(tmp_path / "r.html")])
    assert exit_code == 2
    assert "build one first with `movies-pipeline`" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_warehouse_without_the_marts_is_reported_with_what_to_do(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(UsageError, match="lacks a table"):
        report.write_report(empty, tmp_path / "r.html")
