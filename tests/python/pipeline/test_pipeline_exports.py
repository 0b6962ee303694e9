"""The run folder's Parquet export follows the drop (exports.py): an hourly run writes the per-movie
tables as the movies it touched, and `current_state.sql` over the run folders gives every table
exactly as the published warehouse holds it, after hourly runs, a rollback and pruning."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from pipeline_helpers import Place, hourly_drops, new_place, run_command

from movies_pipeline.exports import (
    CURRENT_STATE_SQL,
    EXPORT_MARKER,
    MAX_CHAIN,
    PER_MOVIE_TABLES,
    TOUCHED_MOVIES_FILE,
    chain,
    exported_runs,
    touched_only,
)


def current_state(output: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with latest/current_state.sql read from the output folder, as the README says."""
    connection = duckdb.connect()
    previous = Path.cwd()
    os.chdir(output)
    try:
        connection.execute((output / "latest" / CURRENT_STATE_SQL).read_text(encoding="utf-8"))
        # The views read the files when queried: materialize them while the paths resolve.
        tables = connection.execute(
            "select table_schema, table_name from information_schema.tables where table_type = 'VIEW'"
        ).fetchall()
        for schema, table in tables:
            connection.execute(f'create table "{schema}"."{table}__now" as select * from "{schema}"."{table}"')
    finally:
        os.chdir(previous)
    return connection


def assert_files_hold_the_warehouse(place: Place) -> None:
    files = current_state(place.output)
    with duckdb.connect(str(place.warehouse), read_only=True) as warehouse:
        tables = warehouse.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('core', 'marts', 'audit') order by all"
        ).fetchall()
        assert tables
        for schema, table in tables:
            in_warehouse = warehouse.execute(f'select * from "{schema}"."{table}" order by all').fetchall()
            in_files = files.execute(f'select * from "{schema}"."{table}__now" order by all').fetchall()
            assert in_files == in_warehouse, f"{schema}.{table}"


def parquet_rows(path: Path) -> int:
    return duckdb.execute("select count(*) from read_parquet(?)", [str(path)]).fetchall()[0][0]


@pytest.mark.slow
def test_hourly_exports_hold_the_touched_movies_and_the_files_hold_the_warehouse(tmp_path: Path) -> None:
    drops = hourly_drops(tmp_path, scale=0.02, seed=13, hours=4)
    place = new_place(tmp_path / "place")
    options = [*place.options(), "--keep-runs", "1"]

    drops.deliver(0, 1)
    assert run_command(drops.folder, *options).returncode == 0
    whole = place.runs()[-1]
    assert not (whole / TOUCHED_MOVIES_FILE).exists()
    assert_files_hold_the_warehouse(place)

    for hour in (2, 3):
        drops.deliver(hour)
        result = run_command(drops.folder, *options)
        assert result.returncode == 0, result.stderr
        run = place.runs()[-1]
        summary = place.summary(run)
        assert summary["drops"]["load_mode"] == "hourly"
        touched = parquet_rows(run / TOUCHED_MOVIES_FILE)
        with duckdb.connect(str(place.warehouse), read_only=True) as warehouse:
            movies = warehouse.execute("select count(*) from core.fct_movie").fetchall()[0][0]
        # The drop is 5% new and 4% changed movies: far fewer than the warehouse holds.
        assert 0 < touched < movies / 4
        exports = {item["table"]: item for item in summary["exports"]}
        assert {name for name, item in exports.items() if item["rows_of"] == "touched movies"} == PER_MOVIE_TABLES
        assert exports["core.fct_movie"]["rows"] == parquet_rows(run / "core" / "fct_movie.parquet") <= touched
        assert_files_hold_the_warehouse(place)

    # --keep-runs 1 removed no run folder the chain reads: the whole export and both hourly ones.
    assert [run.folder.name for run in chain(exported_runs(place.output / "runs"))] == [
        path.name for path in place.runs()
    ]
    assert place.runs()[0] == whole


@pytest.mark.slow
def test_after_a_rollback_the_next_hourly_run_exports_whole(tmp_path: Path) -> None:
    drops = hourly_drops(tmp_path, scale=0.01, seed=17, hours=4)
    place = new_place(tmp_path / "place")
    drops.deliver(0, 1)
    assert run_command(drops.folder, *place.options()).returncode == 0
    drops.deliver(2)
    assert run_command(drops.folder, *place.options()).returncode == 0
    assert (place.runs()[-1] / TOUCHED_MOVIES_FILE).exists()

    rollback = run_command("rollback", "--warehouse", place.warehouse, "--output-dir", place.output)
    assert rollback.returncode == 0, rollback.stderr
    drops.deliver(3)
    result = run_command(drops.folder, *place.options())
    assert result.returncode == 0, result.stderr
    # The newest export (hour 2's) is not what this build started from: the chain starts again.
    assert place.summary(place.runs()[-1])["drops"]["load_mode"] == "hourly"
    assert not (place.runs()[-1] / TOUCHED_MOVIES_FILE).exists()
    assert_files_hold_the_warehouse(place)


def fake_run(runs: Path, name: str, whole: bool) -> None:
    (runs / name / EXPORT_MARKER).parent.mkdir(parents=True)
    (runs / name / EXPORT_MARKER).write_bytes(b"")
    if not whole:
        (runs / name / TOUCHED_MOVIES_FILE).write_bytes(b"")


def test_an_hourly_run_exports_touched_movies_only_on_top_of_the_publish_it_built_on(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    assert not touched_only(runs, "r9", "r1")  # no export yet
    fake_run(runs, "r1", whole=True)
    (runs / "r2").mkdir()  # a failed run: no export
    fake_run(runs, "r3", whole=False)
    assert touched_only(runs, "r9", "r3")
    assert not touched_only(runs, "r9", "r1")  # rolled back to r1: r3's rows are not the warehouse's
    assert not touched_only(runs, "r9", None)
    assert [run.folder.name for run in chain(exported_runs(runs))] == ["r1", "r3"]
    assert [run.folder.name for run in chain(exported_runs(runs, before="r3"))] == ["r1"]


def test_the_chain_is_whole_again_after_max_chain_runs(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    fake_run(runs, "r00", whole=True)
    for index in range(1, MAX_CHAIN):
        fake_run(runs, f"r{index:02d}", whole=False)
        # r00 plus index hourly exports: room for one more until the chain is MAX_CHAIN long
        assert touched_only(runs, "r99", f"r{index:02d}") == (index + 1 < MAX_CHAIN)
