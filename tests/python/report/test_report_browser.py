"""The report of the bundled sample, opened from disk in headless Chromium: every chart drawn, no errors logged."""

import html
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from movies_pipeline import report
from report_test_helpers import console_errors, save_full_page_screenshot

QUESTION_COUNT = 9

# For each Plotly chart on the page: its id, the traces Plotly holds as visible, and the trace
# groups actually drawn into its SVG (lines, markers and bars).
DRAWN_CHARTS_SCRIPT = """
return Array.from(document.querySelectorAll('.js-plotly-plot')).map(plot => ({
    id: plot.id,
    visible: (plot._fullData || []).filter(trace => trace.visible === true).length,
    drawn: plot.querySelectorAll('.main-svg .scatterlayer .trace, .main-svg .barlayer .trace').length,
    y_title: (plot.querySelector('.g-ytitle') || {}).textContent || '',
}));
"""


def drawn_charts(driver) -> dict[str, dict]:
    return {chart["id"]: chart for chart in driver.execute_script(DRAWN_CHARTS_SCRIPT)}


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


def test_money_buttons_switch_between_constant_and_nominal_dollars(opened_report) -> None:
    before = drawn_charts(opened_report)["genre-budget-plot"]
    assert before["y_title"].startswith("Total budget (US$ of ")
    nominal_button = opened_report.find_elements(By.CSS_SELECTOR, "#genre-budget-plot .updatemenu-button")[1]
    nominal_button.click()
    WebDriverWait(opened_report, 10).until(
        lambda driver: drawn_charts(driver)["genre-budget-plot"]["y_title"] == "Total budget (nominal US$)"
    )
    after = drawn_charts(opened_report)["genre-budget-plot"]
    assert after["drawn"] == after["visible"] > 0
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
