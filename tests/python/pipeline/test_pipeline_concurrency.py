"""Two runs started together: one publishes, the other is refused. Readers querying the
warehouse meanwhile always see one complete warehouse, the old or the new, never an error."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from pipeline_helpers import SAMPLE_CSV, Place, aws_free_environment, sha256_of, start_command

from movies_pipeline.errors import ExitCode

pytestmark = pytest.mark.slow

READER = r"""
import json, sys, time
from pathlib import Path
import duckdb

warehouse, stop_file = sys.argv[1], Path(sys.argv[2])
deadline = time.monotonic() + 240
while not stop_file.exists() and time.monotonic() < deadline:
    try:
        with duckdb.connect(warehouse, read_only=True) as connection:
            row = connection.execute(
                "select "
                "(select count(*) from information_schema.tables where table_name = 'pipeline_test_marker'), "
                "(select count(*) from information_schema.tables where table_schema in ('core', 'marts', 'audit')), "
                "(select count(*) from core.fct_movie), "
                "(select accepted_movie_count from audit.movie_record_reconciliation)"
            ).fetchone()
        print(json.dumps({"old": bool(row[0]), "tables": row[1], "movies": row[2], "accepted": row[3]}), flush=True)
    except Exception as error:
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}), flush=True)
    time.sleep(0.01)
"""


def mark_as_old(warehouse: Path) -> int:
    """Tag the published warehouse so readers can tell it from the new one; return its table count."""
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("create table main.pipeline_test_marker as select 1 as old")
        row = connection.execute(
            "select count(*) from information_schema.tables where table_schema in ('core', 'marts', 'audit')"
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_two_runs_one_publishes_while_readers_see_whole_warehouses(tmp_path: Path, published_place: Place) -> None:
    table_count = mark_as_old(published_place.warehouse)
    before = sha256_of(published_place.warehouse)
    stop_file = tmp_path / "stop-reading"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(published_place.warehouse), str(stop_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=aws_free_environment(),
    )
    analyst = duckdb.connect(str(published_place.warehouse), read_only=True)  # held open throughout
    try:
        first = start_command(SAMPLE_CSV, *published_place.options())
        second = start_command(SAMPLE_CSV, *published_place.options())
        outcomes = sorted(
            [(first.wait(timeout=300), *first.communicate()), (second.wait(timeout=300), *second.communicate())]
        )
        time.sleep(0.5)  # let the reader query the new warehouse a few times
    finally:
        stop_file.touch()
        observations_text, reader_errors = reader.communicate(timeout=60)

    (published_code, published_out, published_err), (refused_code, _, refused_err) = outcomes
    assert published_code == ExitCode.OK, published_err
    assert refused_code == ExitCode.LOCKED, refused_err
    assert "is locked by run" in refused_err and "--wait" in refused_err
    assert "published" in published_out
    assert sha256_of(published_place.warehouse) != before
    assert len(published_place.runs()) == 1  # the refused run wrote no run folder

    # The analyst who kept the old file open still reads the old, complete warehouse.
    assert analyst.execute("select count(*) from main.pipeline_test_marker").fetchone() == (1,)
    assert analyst.execute("select count(*) from core.fct_movie").fetchone() == (2995,)
    analyst.close()
    with duckdb.connect(str(published_place.warehouse), read_only=True) as fresh:
        assert fresh.execute(
            "select count(*) from information_schema.tables where table_name = 'pipeline_test_marker'"
        ).fetchone() == (0,)

    observations = [json.loads(line) for line in observations_text.splitlines()]
    assert reader.returncode == 0, reader_errors
    assert [item for item in observations if "error" in item] == []
    assert all(item["tables"] == table_count and item["movies"] == item["accepted"] == 2995 for item in observations)
    versions = [item["old"] for item in observations]
    assert versions[0] is True and versions[-1] is False, "the reader saw both warehouses"
    switch = versions.index(False)
    assert all(versions[:switch]) and not any(versions[switch:]), "never back to the old one"
