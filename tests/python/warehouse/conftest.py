"""Build the dbt project on a CSV into a throwaway DuckDB file, once per input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from quirks_file import write_quirks_csv
from reference_answers import Reference, compute

PROJECT_DIR = Path(__file__).resolve().parents[3]
SAMPLE_CSV = PROJECT_DIR / "data" / "sample" / "movies_metadata.csv"
DBT = Path(sys.executable).with_name("dbt")


def build_warehouse(csv_path: Path, work_dir: Path) -> Path:
    """Run `dbt build` on csv_path; return the DuckDB file. Fails the test on a red build."""
    warehouse = work_dir / "movies.duckdb"
    result = subprocess.run(
        [
            str(DBT), "build",
            "--project-dir", str(PROJECT_DIR),
            "--profiles-dir", str(PROJECT_DIR),
            "--target-path", str(work_dir / "target"),
            "--log-path", str(work_dir / "logs"),
            "--vars", f"{{movies_metadata_path: '{csv_path}'}}",
        ],
        env={**os.environ, "MOVIES_WAREHOUSE_PATH": str(warehouse)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    return warehouse


@pytest.fixture(scope="session", params=["sample", "quirks"])
def built(request, tmp_path_factory) -> tuple[duckdb.DuckDBPyConnection, Reference]:
    """(read-only connection to the built warehouse, independent reference) per input."""
    work_dir = tmp_path_factory.mktemp(request.param)
    if request.param == "sample":
        csv_path = SAMPLE_CSV
    else:
        csv_path = write_quirks_csv(SAMPLE_CSV, work_dir / "movies_metadata.csv")
    warehouse = build_warehouse(csv_path, work_dir)
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection, compute(csv_path)
    connection.close()
