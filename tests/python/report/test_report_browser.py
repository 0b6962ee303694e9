"""The report of the bundled sample, opened from disk in headless Chromium: every chart drawn, no errors logged,
and what the reader sees checked against the warehouse: few series in distinct colours, breaks where a year has
no data, money ticks with the sign before the dollar, and the implausible amounts ringed."""

import html
import re
from pathlib import Path

import duckdb
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from movies_pipeline import report
from movies_pipeline.report.figures import FLAG_TRACE_NAME
from report_test_helpers import console_errors, save_full_page_screenshot

pytestmark = pytest.mark.browser

QUESTION_COUNT = 9
MOST_SERIES = 8
MONEY_CHARTS = [f"{entity}-{money}-plot" for entity in ("company", "genre") for money in ("budget", "revenue", "profit")]
# A money tick: an optional minus (Plotly's U+2212 or a hyphen) before the dollar, then a number and a scale letter.
MONEY_TICK = re.compile(r"^[\u2212-]?\$\d[\d,]*(\.\d+)?[kMB]$")

# For each Plotly chart on the page: its id, the traces Plotly holds as visible, and the trace
# groups actually drawn into its SVG (lines, markers and bars).
DRAWN_CHARTS_SCRIPT = """
return Array.from(document.querySelectorAll('.js-plotly-plot')).map(plot => ({
    id: plot.id,
    visible: (plot._fullData || []).filter(trace => trace.visible === true).length,
    drawn: plot.querySelectorAll('.main-svg .scatterlayer .trace, .main-svg .barlayer .trace').length,
    y_title: (plot.querySelector('.g-ytitle') || {}).textContent || '',
    y_ticks: Array.from(plot.querySelectorAll('.ytick text')).map(tick => tick.textContent),
}));
"""
# The visible traces of one chart as Plotly drew them: name, colour, x and y (null where a year has no data).
SHOWN_TRACES_SCRIPT = """
return document.getElementById(arguments[0])._fullData.filter(trace => trace.visible === true).map(trace => ({
    name: trace.name,
    colour: trace.type === 'bar' || !trace.line ? trace.marker.color : trace.line.color,
    mode: trace.mode || '',
    x: Array.from(trace.x),
    y: Array.from(trace.y),
    text: trace.text ? Array.from(trace.text) : [],
}));
"""


def drawn_charts(driver) -> dict[str, dict]:
    return {chart["id"]: chart for chart in driver.execute_script(DRAWN_CHARTS_SCRIPT)}


def shown_traces(driver, plot_id: str) -> list[dict]:
    return driver.execute_script(SHOWN_TRACES_SCRIPT, plot_id)


@pytest.fixture(scope="module")
def opened_report(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory, browser):
    """The sample's report, loaded in the browser once every chart has drawn."""
    page = report.write_report(sample_warehouse, tmp_path_factory.mktemp("report") / "report.html")
    console_errors(browser)  # start from an empty console log
    browser.get(page.as_uri())
    WebDriverWait(browser, 60).until(
        lambda driver: len(drawn_charts(driver)) == QUESTION_COUNT
        and all(chart["drawn"] > 0 for chart in drawn_charts(driver).values())
    )
    return browser


@pytest.fixture(scope="module")
def sample(sample_warehouse: Path):
    with duckdb.connect(str(sample_warehouse), read_only=True) as connection:
        yield connection


def test_every_question_has_a_chart_with_all_its_traces_drawn(opened_report, artifacts_dir: Path) -> None:
    charts = drawn_charts(opened_report)
    save_full_page_screenshot(opened_report, artifacts_dir / "report.png")
    assert len(charts) == QUESTION_COUNT
    for chart_id, chart in charts.items():
        assert chart["visible"] > 0, f"{chart_id} has no data to show"
        assert chart["drawn"] == chart["visible"], f"{chart_id}: {chart['drawn']} of {chart['visible']} traces drawn"
    headings = [element.text for element in opened_report.find_elements(By.CSS_SELECTOR, "section h2")]
    movie_counts = [element.text for element in opened_report.find_elements(By.CSS_SELECTOR, ".movie-count")]
    assert len(headings) == len(movie_counts) == QUESTION_COUNT
    assert all(int(count.replace(",", "")) > 0 for count in movie_counts)


def test_the_page_logs_no_errors(opened_report) -> None:
    assert console_errors(opened_report) == []


def test_no_chart_shows_more_than_eight_series_and_no_two_share_a_colour(opened_report) -> None:
    for plot_id in drawn_charts(opened_report):
        series = [trace for trace in shown_traces(opened_report, plot_id) if trace["name"] != FLAG_TRACE_NAME]
        assert 0 < len(series) <= MOST_SERIES, plot_id
        colours = [trace["colour"] for trace in series]
        assert len(set(colours)) == len(colours), f"{plot_id}: {colours}"


def test_lines_break_at_years_the_mart_has_no_figure_for(opened_report, sample) -> None:
    known = set(sample.execute(
        "select company_name, release_year from marts.company_budget_by_year where total_budget_real is not null"
    ).fetchall())
    lines = [trace for trace in shown_traces(opened_report, "company-budget-plot") if "lines" in trace["mode"]]
    assert lines
    gaps = 0
    for trace in lines:
        assert trace["x"] == list(range(trace["x"][0], trace["x"][-1] + 1)), trace["name"]  # every year, in order
        for year, value in zip(trace["x"], trace["y"], strict=True):
            assert (value is None) == ((trace["name"], year) not in known), (trace["name"], year)
            gaps += value is None
    assert gaps > 0


def test_money_ticks_put_the_sign_before_the_dollar(opened_report) -> None:
    charts = drawn_charts(opened_report)
    for plot_id in MONEY_CHARTS:
        ticks = charts[plot_id]["y_ticks"]
        assert ticks and all(MONEY_TICK.match(tick) for tick in ticks), f"{plot_id}: {ticks}"
    # The sample has a year of negative profit (Metropolis' budget): its axis goes below zero.
    assert any(tick[0] in "\u2212-" for tick in charts["genre-profit-plot"]["y_ticks"])


def test_points_including_an_implausible_amount_are_ringed_and_named(opened_report, sample) -> None:
    expected = set(sample.execute(
        """
        select link.company_name, issue.release_year
        from audit.movie_money_issues as issue
        join core.bridge_movie_company as link using (movie_id)
        where issue.column_name = 'budget' and issue.release_year is not null
        """
    ).fetchall())
    traces = shown_traces(opened_report, "company-budget-plot")
    shown = {trace["name"] for trace in traces if trace["name"] != FLAG_TRACE_NAME}
    (rings,) = [trace for trace in traces if trace["name"] == FLAG_TRACE_NAME]
    assert set(zip(rings["text"], rings["x"], strict=True)) == {(name, year) for name, year in expected if name in shown}
    assert 1927 in rings["x"]  # Metropolis, $92.6M in 1927 dollars
    notes = opened_report.find_element(By.CSS_SELECTOR, "#company-budget").text
    assert "Metropolis (1927) budget $92,620,000" in notes


def test_money_buttons_switch_between_constant_and_nominal_dollars(opened_report) -> None:
    before = drawn_charts(opened_report)["genre-budget-plot"]
    constant_y = [trace["y"] for trace in shown_traces(opened_report, "genre-budget-plot")]
    assert before["y_title"].startswith("Total budget (US$ of ")
    nominal_button = opened_report.find_elements(By.CSS_SELECTOR, "#genre-budget-plot .updatemenu-button")[1]
    nominal_button.click()
    WebDriverWait(opened_report, 10).until(
        lambda driver: drawn_charts(driver)["genre-budget-plot"]["y_title"] == "Total budget (nominal US$)"
    )
    after = drawn_charts(opened_report)["genre-budget-plot"]
    assert after["drawn"] == after["visible"] > 0
    assert [trace["y"] for trace in shown_traces(opened_report, "genre-budget-plot")] != constant_y
    assert console_errors(opened_report) == []


def test_genre_menu_shows_the_next_eight_genres(opened_report, sample) -> None:
    plot_id = "genre-revenue-plot"
    ranked = [row[0] for row in sample.execute(
        """
        select genre_name from marts.genre_revenue_by_year where total_revenue is not null
        group by genre_id, genre_name
        order by sum(total_revenue_real) desc nulls last, sum(total_revenue) desc, genre_id
        """
    ).fetchall()]
    first = [trace["name"] for trace in shown_traces(opened_report, plot_id) if trace["name"] != FLAG_TRACE_NAME]
    assert first == ranked[:MOST_SERIES]
    opened_report.find_element(By.CSS_SELECTOR, f"#{plot_id} .updatemenu-header").click()
    opened_report.find_elements(By.CSS_SELECTOR, f"#{plot_id} .updatemenu-dropdown-button")[1].click()
    WebDriverWait(opened_report, 10).until(
        lambda driver: shown_traces(driver, plot_id)[0]["name"] == ranked[MOST_SERIES]
    )
    second = [trace["name"] for trace in shown_traces(opened_report, plot_id) if trace["name"] != FLAG_TRACE_NAME]
    assert second == ranked[MOST_SERIES:2 * MOST_SERIES]
    assert console_errors(opened_report) == []


def test_company_menu_shows_the_chosen_companys_genres(opened_report) -> None:
    plot_id = "company-releases-by-genre-plot"
    menu = opened_report.find_element(By.CSS_SELECTOR, f"#{plot_id} .updatemenu-header")
    first_company = menu.text
    menu.click()
    options = opened_report.find_elements(By.CSS_SELECTOR, f"#{plot_id} .updatemenu-dropdown-button")
    second_company = options[1].text
    options[1].click()
    WebDriverWait(opened_report, 10).until(
        lambda driver: driver.find_element(By.CSS_SELECTOR, f"#{plot_id} .updatemenu-header").text == second_company
    )
    assert second_company != first_company
    shown_companies = opened_report.execute_script(
        f"return document.getElementById('{plot_id}')._fullData"
        ".filter(trace => trace.visible === true).map(trace => trace.hovertemplate)"
    )
    assert shown_companies and all(html.escape(second_company) in template for template in shown_companies)
    chart = drawn_charts(opened_report)[plot_id]
    assert chart["drawn"] == chart["visible"] > 0
