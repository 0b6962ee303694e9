"""The dbt docs site of the sample build, served on 127.0.0.1 and read in headless Chromium.

The expected texts come from the manifest that `dbt docs generate` wrote, so the test
follows the descriptions as they are edited and fails when a page does not show them.
"""

import functools
import json
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from report_test_helpers import console_errors, run_dbt, save_full_page_screenshot

MART = "model.movies.genre_revenue_by_year"
# dbt's own index.html asks for two unrendered icon templates and a favicon it does not ship;
# those 404s come from dbt, not from this project, and are the only errors allowed.
DBT_SITE_OWN_404S = re.compile(r"(getIcon\(item\.type|favicon\.ico).* 404 ")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """Keep the test output free of one line per request."""


@pytest.fixture(scope="module")
def docs_target(sample_build: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder `dbt docs generate` wrote for the sample warehouse: index.html, manifest.json, catalog.json."""
    warehouse, _ = sample_build
    target_path = tmp_path_factory.mktemp("docs_target")
    run_dbt(["docs", "generate"], warehouse, target_path)
    return target_path


@pytest.fixture(scope="module")
def docs_url(docs_target: Path) -> Iterator[str]:
    """The docs site, served from the target folder on a free port of 127.0.0.1 until the tests are done."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(docs_target)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def manifest(docs_target: Path) -> dict:
    return json.loads((docs_target / "manifest.json").read_text(encoding="utf-8"))


def plain_start(markdown: str, length: int = 50) -> str:
    """The first words of a description, up to its first markdown mark, as the page shows them."""
    return re.match(r"[^`*_\[\]<>#\n]*", markdown.strip()).group()[:length].strip()


def project_errors(driver) -> list[dict]:
    return [entry for entry in console_errors(driver) if not DBT_SITE_OWN_404S.search(entry["message"])]


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
