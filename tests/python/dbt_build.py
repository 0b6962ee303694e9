"""Run the dbt project from tests: one `dbt build` into a given DuckDB file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
SAMPLE_CSV = PROJECT_DIR / "data" / "sample" / "movies_metadata.csv"
DBT = Path(sys.executable).with_name("dbt")


def dbt_build(
    warehouse: Path, work_dir: Path, variables: dict[str, object], extra_args: tuple[str, ...] = ()
) -> None:
    """`dbt build` with the given vars (and arguments) into `warehouse`; fails the test on a red build."""
    work_dir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            str(DBT), "build",
            "--project-dir", str(PROJECT_DIR),
            "--profiles-dir", str(PROJECT_DIR),
            "--target-path", str(work_dir / "target"),
            "--log-path", str(work_dir / "logs"),
            "--vars", json.dumps(variables),
            *extra_args,
        ],
        env={**os.environ, "MOVIES_WAREHOUSE_PATH": str(warehouse)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
