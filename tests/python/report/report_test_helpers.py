"""Helpers shared by the report and docs tests: running dbt on this project, reading Chromium's console, screenshots."""

import base64
import os
import subprocess
import sys
from pathlib import Path

from selenium import webdriver

PROJECT_DIR = Path(__file__).resolve().parents[3]
DBT = Path(sys.executable).parent / "dbt"


def run_dbt(arguments: list[str], warehouse: Path, target_path: Path) -> subprocess.CompletedProcess:
    """Run one dbt command on this project against `warehouse`, with its target and logs under `target_path`."""
    environment = {**os.environ, "MOVIES_WAREHOUSE_PATH": str(warehouse)}
    completed = subprocess.run(
        [str(DBT), *arguments, "--profiles-dir", ".", "--project-dir", ".",
         "--target-path", str(target_path), "--log-path", str(target_path / "logs")],
        cwd=PROJECT_DIR, env=environment, capture_output=True, text=True, timeout=900, check=False,
    )
    assert completed.returncode == 0, (
        f"dbt {' '.join(arguments)} failed:\n{completed.stdout[-5000:]}\n{completed.stderr[-2000:]}"
    )
    return completed


def console_errors(driver: webdriver.Chrome) -> list[dict]:
    """The page's console messages of level SEVERE logged since the last call."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def save_full_page_screenshot(driver: webdriver.Chrome, path: Path) -> Path:
    """Screenshot of the whole page, not only the window, as a PNG at `path`."""
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    path.write_bytes(base64.b64decode(shot["data"]))
    return path
