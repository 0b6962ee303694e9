"""Fixtures for the report and docs tests: warehouses to read and a headless Chromium to look with.

Chromium and its driver are Debian's (`apt-get install -y chromium chromium-driver`); the
browser is started with flags that keep it off the network, since only the pages these
tests serve on 127.0.0.1 (or open from disk) are reachable here.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from report_test_helpers import PROJECT_DIR, run_dbt
from tiny_warehouse import build_tiny_warehouse

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--window-size=1280,1000",
]


@pytest.fixture(scope="session")
def tiny_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The six-movie hand-made warehouse of tiny_warehouse.py."""
    return build_tiny_warehouse(tmp_path_factory.mktemp("tiny") / "tiny.duckdb")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(warehouse, dbt target folder) of one `dbt build` of the bundled sample, made once per session."""
    build_dir = tmp_path_factory.mktemp("sample_build")
    warehouse = build_dir / "movies.duckdb"
    target_path = build_dir / "target"
    run_dbt(["build"], warehouse, target_path)
    return warehouse, target_path


@pytest.fixture(scope="session")
def sample_warehouse(sample_build: tuple[Path, Path]) -> Path:
    """The DuckDB file built from the bundled sample."""
    return sample_build[0]


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where the browser tests keep screenshots for CI to collect: target/artifacts (git-ignored)."""
    folder = PROJECT_DIR / "target" / "artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    """Headless Chromium with a fresh profile, recording the page's console messages."""
    for needed in (CHROMIUM, CHROMEDRIVER):
        if not needed.is_file():
            pytest.fail(f"{needed} is missing: install it with `apt-get install -y chromium chromium-driver`")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
