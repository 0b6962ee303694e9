"""The dbt docs site of the sample build as one file (`dbt docs generate --static`), opened
from file:// in headless Chromium, as someone opens it from a download or a shared folder.

The expected texts come from the manifest that `dbt docs generate` wrote, so the test
follows the descriptions as they are edited and fails when a page does not show them.
"""

import json
import re
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from report_test_helpers import console_errors, run_dbt, save_full_page_screenshot

pytestmark = pytest.mark.browser

MART = "model.movies.genre_revenue_by_year"
# dbt's own page asks for two unrendered icon templates and a favicon it does not ship; those
# failed loads come from dbt, not from this project, and are the only errors allowed.
DBT_SITE_OWN_MISSING_FILES = re.compile(r"(getIcon\(item\.type|favicon\.ico)")


@pytest.fixture(scope="module")
def docs_target(sample_build: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder `dbt docs generate --static` wrote for the sample warehouse: static_index.html and its assets."""
    warehouse, _ = sample_build
    target_path = tmp_path_factory.mktemp("docs_target")
    run_dbt(["docs", "generate", "--static"], warehouse, target_path)
    return target_path


@pytest.fixture(scope="module")
def docs_url(docs_target: Path) -> str:
    """The one-file docs site, opened from disk: no server, no manifest.json to fetch."""
    return (docs_target / "static_index.html").as_uri()


@pytest.fixture(scope="module")
def manifest(docs_target: Path) -> dict:
    return json.loads((docs_target / "manifest.json").read_text(encoding="utf-8"))


def plain_start(markdown: str, length: int = 50) -> str:
    """The first words of a description, up to its first markdown mark, as the page shows them."""
    return re.match(r"[^`*_\[\]<>#\n]*", markdown.strip()).group()[:length].strip()


def project_errors(driver) -> list[dict]:
    return [entry for entry in console_errors(driver) if not DBT_SITE_OWN_MISSING_FILES.search(entry["message"])]


def wait_for_text(driver, selector: str, text: str) -> str:
    """The text of `selector` once it contains `text` (fails after 30 s with what the page showed)."""
    try:
        WebDriverWait(driver, 30).until(lambda d: text in d.find_element(By.CSS_SELECTOR, selector).text)
    except Exception as error:
        shown = driver.find_element(By.CSS_SELECTOR, "body").text[:2000]
        raise AssertionError(f"{text!r} never appeared in {selector}; the page showed:\n{shown}") from error
    return driver.find_element(By.CSS_SELECTOR, selector).text


def test_overview_page_shows_the_projects_own_overview(browser, docs_url: str, manifest: dict, artifacts_dir: Path) -> None:
    overview = manifest["docs"].get("doc.movies.__overview__")
    assert overview, "docs/overview.md should define {% docs __overview__ %} so the site opens on the project's overview"
    console_errors(browser)
    browser.get(docs_url)
    wait_for_text(browser, "body", plain_start(overview["block_contents"]))
    save_full_page_screenshot(browser, artifacts_dir / "docs_overview.png")
    assert project_errors(browser) == []


def test_overview_shows_the_star_schema_picture(browser, docs_url: str, artifacts_dir: Path) -> None:
    """The diagram is a picture the page loads (from the assets dbt copied beside the page), not code."""
    browser.get(docs_url)
    wait_for_text(browser, "body", "Star schema")
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, 'img[src$="erd.svg"]'))
    picture = browser.find_element(By.CSS_SELECTOR, 'img[src$="erd.svg"]')
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return arguments[0].complete", picture))
    width = browser.execute_script("return arguments[0].naturalWidth", picture)
    assert width > 0, f"the star schema picture {picture.get_attribute('src')} did not load"
    browser.execute_script("arguments[0].scrollIntoView()", picture)
    (artifacts_dir / "docs_star_schema.png").write_bytes(picture.screenshot_as_png)
    assert "erDiagram" not in browser.find_element(By.CSS_SELECTOR, "body").text


def test_mart_page_shows_its_description_and_every_column(
    browser, docs_url: str, manifest: dict, artifacts_dir: Path,
) -> None:
    node = manifest["nodes"][MART]
    console_errors(browser)
    browser.get(f"{docs_url}#!/model/{MART}")
    page = wait_for_text(browser, "body", plain_start(node["description"]))
    save_full_page_screenshot(browser, artifacts_dir / "docs_mart.png")
    for column in node["columns"]:
        assert column in page, f"column {column} is not listed on the {MART} page"
    assert project_errors(browser) == []


def test_every_column_the_build_made_is_described(docs_target: Path, manifest: dict) -> None:
    catalog = json.loads((docs_target / "catalog.json").read_text(encoding="utf-8"))
    undocumented = []
    for unique_id, entry in {**catalog["nodes"], **catalog["sources"]}.items():
        node = manifest["nodes"].get(unique_id) or manifest["sources"].get(unique_id)
        if node is None or node.get("package_name") != "movies":
            continue
        described = {name.lower() for name, column in node["columns"].items() if column.get("description")}
        undocumented += [f"{unique_id}.{name}" for name in entry["columns"] if name.lower() not in described]
    assert not undocumented, f"{len(undocumented)} built columns have no description: {', '.join(undocumented)}"


def test_exposures_name_the_report_and_the_output_folder(browser, docs_url: str, manifest: dict) -> None:
    exposures = manifest["exposures"]
    report_exposure = exposures["exposure.movies.yearly_answers_report"]
    folder_exposure = exposures["exposure.movies.published_output_folder"]
    assert "report.html" in report_exposure["description"]
    assert "output/runs/<run-id>/" in folder_exposure["description"]
    marts = {
        unique_id
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["original_file_path"].startswith("models/marts/")
    }
    assert set(folder_exposure["depends_on"]["nodes"]) == marts
    console_errors(browser)
    browser.get(f"{docs_url}#!/exposure/exposure.movies.yearly_answers_report")
    wait_for_text(browser, "body", report_exposure["label"])
    assert project_errors(browser) == []
