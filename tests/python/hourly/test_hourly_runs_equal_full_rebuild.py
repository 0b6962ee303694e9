"""Hourly drops applied one by one give exactly the warehouse a full rebuild gives.

The generator writes a few hourly drops (new movies and new versions of earlier ones);
one warehouse is built once over all drops (the default full build, reading a glob),
another takes the first drop and then each later drop in its own hourly run
(`load_mode: hourly`, incremental). Every public table must be equal, row for row.
Loading a drop a second time (a backfill of that hour) must change nothing.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dbt_build import dbt_build
from movies_pipeline.generate import generate_hourly_drops

HOURS = 3
PUBLIC_SCHEMAS = ("core", "marts", "audit")


def table_contents(warehouse: Path) -> dict[str, list[tuple]]:
    """Every table of the public schemas, rows sorted, floats rounded against noise."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = connection.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_schema in ? order by all",
            [list(PUBLIC_SCHEMAS)],
        ).fetchall()
        contents = {}
        for schema, table in tables:
            rows = connection.execute(f'select * from "{schema}"."{table}"').fetchall()
            contents[f"{schema}.{table}"] = sorted(
                (tuple(round(v, 9) if isinstance(v, float) else v for v in row) for row in rows),
                key=repr,
            )
        return contents


@pytest.fixture(scope="module")
def drops(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("drops")
    generation = generate_hourly_drops(root, scale=0.02, seed=7, hours=HOURS, new_share=0.05, changed_share=0.04)
    return [drop.path for drop in generation.drops]


@pytest.fixture(scope="module")
def full_rebuild(drops, tmp_path_factory) -> dict[str, list[tuple]]:
    work = tmp_path_factory.mktemp("full")
    glob = str(drops[0].parents[1] / "ingest_hour=*" / "*.csv")
    dbt_build(work / "movies.duckdb", work, {"movies_metadata_path": glob})
    return table_contents(work / "movies.duckdb")


@pytest.fixture(scope="module")
def hourly_warehouse(drops, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("hourly")
    warehouse = work / "movies.duckdb"
    dbt_build(warehouse, work, {"movies_metadata_path": str(drops[0])})
    for drop in drops[1:]:
        dbt_build(warehouse, work, {"movies_metadata_path": str(drop), "load_mode": "hourly"})
    return warehouse


def test_hourly_runs_equal_a_full_rebuild(full_rebuild, hourly_warehouse):
    hourly = table_contents(hourly_warehouse)
    assert hourly.keys() == full_rebuild.keys()
    for table, rows in full_rebuild.items():
        assert hourly[table] == rows, table


def test_newer_versions_won(hourly_warehouse, drops):
    with duckdb.connect(str(hourly_warehouse), read_only=True) as connection:
        (superseded_by_later_hours,), = connection.execute(
            "select count(*) from audit.superseded_movie_records as superseded"
            " inner join core.fct_movie as movie on superseded.movie_id = movie.movie_id"
            " where movie.ingest_hour > superseded.ingest_hour"
        ).fetchall()
        (wrong_winners,), = connection.execute(
            "select count(*) from audit.superseded_movie_records as superseded"
            " inner join core.fct_movie as movie on superseded.movie_id = movie.movie_id"
            " where movie.ingest_hour < superseded.ingest_hour"
        ).fetchall()
    assert superseded_by_later_hours > 0
    assert wrong_winners == 0


def test_reloading_a_drop_changes_nothing(full_rebuild, hourly_warehouse, drops, tmp_path):
    dbt_build(hourly_warehouse, tmp_path, {"movies_metadata_path": str(drops[1]), "load_mode": "hourly"})
    assert table_contents(hourly_warehouse) == full_rebuild
