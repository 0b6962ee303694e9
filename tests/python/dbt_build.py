"""Run the dbt project from tests: one `dbt build` into a given DuckDB file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from saved_parse import save_parse, start_from_saved_parse

PROJECT_DIR = Path(__file__).resolve().parents[2]
SAMPLE_CSV = PROJECT_DIR / "data" / "sample" / "movies_metadata.csv"
DBT = Path(sys.executable).with_name("dbt")


def dbt_build(
    warehouse: Path, work_dir: Path, variables: dict[str, object], extra_args: tuple[str, ...] = ()
) -> None:
    """`dbt build` with the given vars (and arguments) into `warehouse`; fails the test on a red build.

    It runs as the command runs dbt (saved_parse.py): the input (the var movies_metadata_path)
    reaches the project as the environment variable MOVIES_METADATA_PATHS, and the warehouse's
    path is given relative to work_dir, where dbt runs; so builds that differ only in their
    input and folder start from one saved parse of the project.
    """
    work_dir.mkdir(parents=True, exist_ok=True)
    variables = dict(variables)
    paths = variables.pop("movies_metadata_path", None)
    environment = {**os.environ, "MOVIES_WAREHOUSE_PATH": os.path.relpath(warehouse, work_dir)}
    if paths is not None:
        environment["MOVIES_METADATA_PATHS"] = json.dumps([paths] if isinstance(paths, str) else paths)
    target_dir = work_dir / "target"
    parse_key = {"build": "dbt_build", "vars": variables, "warehouse": environment["MOVIES_WAREHOUSE_PATH"]}
    start_from_saved_parse(target_dir, parse_key)
    result = subprocess.run(
        [
            str(DBT), "build",
            "--project-dir", str(PROJECT_DIR),
            "--profiles-dir", str(PROJECT_DIR),
            "--target-path", str(target_dir),
            "--log-path", str(work_dir / "logs"),
            "--vars", json.dumps(variables),
            *extra_args,
        ],
        cwd=work_dir,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    save_parse(target_dir, parse_key)
