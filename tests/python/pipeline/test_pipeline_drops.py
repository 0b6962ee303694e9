"""The command over a folder of hourly drops: the hourly run, a backfill, a rebuild.

An hourly run loads only the drops the published warehouse has not loaded yet, on top of
a copy of it, and publishes atomically; a backfill reloads a range of hours and a rebuild
starts from every drop: all three must leave the same marts (idempotent reprocessing).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from movies_pipeline.generate import generate_hourly_drops
from pipeline_helpers import Place, new_place, run_command

MARTS_QUERY = """
    select table_name from information_schema.tables
    where table_schema in ('core', 'marts', 'audit') order by table_name
"""


def warehouse_contents(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = [row[0] for row in connection.execute(MARTS_QUERY).fetchall()]
        schemas = dict(
            connection.execute(
                "select table_name, table_schema from information_schema.tables"
                " where table_schema in ('core', 'marts', 'audit')"
            ).fetchall()
        )
        return {table: _rows(connection, f"select * from {schemas[table]}.{table}") for table in tables}


def _rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    """Sorted rows, doubles rounded: averages summed in another order differ in the last bits."""
    rows = connection.execute(sql).fetchall()
    return sorted((tuple(round(v, 9) if isinstance(v, float) else v for v in row) for row in rows), key=repr)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated")
    generate_hourly_drops(root, scale=0.02, seed=11, hours=3, new_share=0.05, changed_share=0.04)
    return root / "raw" / "movies"


def copy_hours(generated: Path, drops: Path, hours: list[str]) -> None:
    for folder in sorted(generated.iterdir())[: len(hours)]:
        shutil.copytree(folder, drops / "raw" / "movies" / folder.name, dirs_exist_ok=True)


def last_summary(place: Place) -> dict:
    return place.summary(place.runs()[-1])


def test_hourly_run_loads_only_new_drops_and_backfill_and_rebuild_agree(generated: Path, tmp_path: Path):
    hours = sorted(folder.name for folder in generated.iterdir())
    drops = tmp_path / "drops"
    place = new_place(tmp_path / "place")

    copy_hours(generated, drops, hours[:2])
    first = run_command(drops, *place.options())
    assert first.returncode == 0, first.stderr
    assert last_summary(place)["drops"]["load_mode"] == "full"

    copy_hours(generated, drops, hours)
    hourly = run_command(drops, *place.options())
    assert hourly.returncode == 0, hourly.stderr
    summary = last_summary(place)
    assert summary["drops"]["load_mode"] == "hourly"
    assert summary["drops"]["loaded"] == [f"{hours[2]}/part-0.csv"]
    after_hourly = warehouse_contents(place.warehouse)

    again = run_command(drops, *place.options())
    assert again.returncode == 0, again.stderr
    assert last_summary(place)["status"] == "up to date"
    assert warehouse_contents(place.warehouse) == after_hourly

    first_hour, last_hour = (name.removeprefix("ingest_hour=") for name in (hours[1], hours[2]))
    backfill = run_command(drops, "--from", first_hour, "--to", last_hour, *place.options())
    assert backfill.returncode == 0, backfill.stderr
    assert last_summary(place)["drops"]["loaded"] == [f"{hour}/part-0.csv" for hour in hours[1:]]
    assert warehouse_contents(place.warehouse) == after_hourly

    rebuild = run_command(drops, "--rebuild", *place.options())
    assert rebuild.returncode == 0, rebuild.stderr
    assert last_summary(place)["drops"]["load_mode"] == "full"
    assert warehouse_contents(place.warehouse) == after_hourly


def test_range_options_need_a_drops_folder(tmp_path: Path):
    place = new_place(tmp_path / "place")
    result = run_command(tmp_path / "missing.csv", "--from", "2026-11-25T13", *place.options())
    assert result.returncode == 2
    assert "need a folder of hourly drops" in result.stderr
