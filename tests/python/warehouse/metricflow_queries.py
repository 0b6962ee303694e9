"""Ask MetricFlow (`mf query --csv`) about a warehouse the `built` fixture made.

mf reads the semantic manifest from <project>/target/semantic_manifest.json and connects with
profiles.yml (MOVIES_WAREHOUSE_PATH). A build of the fixture writes its manifest to its own
target folder, so the questions run in a place of their own: the project's files linked in, its
target folder the build's, and a copy of the warehouse (the fixture holds the file open read-only,
and dbt-duckdb opens it read-write).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from dbt_build import PROJECT_DIR

MF = Path(sys.executable).with_name("mf")
# What a place leaves out of the project: its own target, logs and warehouse stand in.
NOT_LINKED = {"target", "logs", "warehouse", ".venv", ".git"}


def warehouse_file(connection: duckdb.DuckDBPyConnection) -> Path:
    """The DuckDB file the connection reads."""
    (path,), = connection.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchall()
    return Path(path)


def metricflow_place(connection: duckdb.DuckDBPyConnection, place: Path) -> Path:
    """A project folder for mf over the connection's build (its target folder beside the file)."""
    warehouse = warehouse_file(connection)
    manifest = warehouse.parent / "target" / "semantic_manifest.json"
    assert manifest.exists(), f"{manifest} missing: the build writes it beside the warehouse"
    place.mkdir(parents=True, exist_ok=True)
    for entry in PROJECT_DIR.iterdir():
        if entry.name not in NOT_LINKED:
            (place / entry.name).symlink_to(entry)
    (place / "target").symlink_to(manifest.parent)
    (place / "warehouse").mkdir()
    shutil.copyfile(warehouse, place / "warehouse" / warehouse.name)
    return place


def mf_query(place: Path, metrics: list[str], group_by: list[str]) -> list[dict[str, str | None]]:
    """The rows of `mf query --csv` in the place; an empty cell is None."""
    output = place / "query.csv"
    result = subprocess.run(
        [str(MF), "query", "--metrics", ",".join(metrics), "--group-by", ",".join(group_by),
         "--csv", str(output)],
        cwd=place,
        env={
            **os.environ,
            "DBT_PROJECT_DIR": str(place),
            "DBT_PROFILES_DIR": str(place),
            "MOVIES_WAREHOUSE_PATH": str(place / "warehouse" / "movies.duckdb"),
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0 and output.exists(), result.stdout[-3000:] + result.stderr[-3000:]
    with output.open(newline="", encoding="utf-8") as csv_file:
        rows = [{name: (value if value != "" else None) for name, value in row.items()}
                for row in csv.DictReader(csv_file)]
    output.unlink()
    return rows
