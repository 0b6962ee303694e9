"""Build the dbt project on a CSV into a throwaway DuckDB file, once per input."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dbt_build import SAMPLE_CSV, dbt_build
from quirks_file import write_quirks_csv
from reference_answers import Reference, compute


def build_warehouse(csv_path: Path, work_dir: Path, extra_args: tuple[str, ...] = ()) -> Path:
    """Run `dbt build` on csv_path; return the DuckDB file. Fails the test on a red build."""
    warehouse = work_dir / "movies.duckdb"
    dbt_build(warehouse, work_dir, {"movies_metadata_path": str(csv_path)}, extra_args)
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
