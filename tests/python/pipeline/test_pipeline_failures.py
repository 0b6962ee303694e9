"""Failed builds and a killed build never touch the published warehouse."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import signal
from pathlib import Path

import duckdb
import pytest
from pipeline_helpers import (
    PROJECT_DIR,
    SAMPLE_CSV,
    Place,
    assert_one_line_error,
    run_command,
    sha256_of,
    start_command,
)

from movies_pipeline.errors import ExitCode
from movies_pipeline.publish import lock_path_for

pytestmark = pytest.mark.slow

DBT_PROJECT_PARTS = (
    "dbt_project.yml", "profiles.yml", "packages.yml", "models", "macros", "seeds",
    "snapshots", "analyses", "docs", "tests/dbt",
)  # fmt: skip


def copy_of_the_project(destination: Path) -> Path:
    """The dbt project alone (no data, venv or outputs), to be changed by a test."""
    for part in DBT_PROJECT_PARTS:
        source = PROJECT_DIR / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("*.duckdb", "__pycache__"))
        elif source.is_file():
            (destination / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination / part)
    return destination


def test_a_failing_data_test_blocks_publishing(tmp_path: Path, published_place: Place) -> None:
    project = copy_of_the_project(tmp_path / "project")
    (project / "tests" / "dbt").mkdir(parents=True, exist_ok=True)
    (project / "tests" / "dbt" / "pipeline_must_not_publish.sql").write_text("select 1 as movie_id\n")
    before = sha256_of(published_place.warehouse)

    result = run_command(SAMPLE_CSV, "--project-dir", project, *published_place.options())

    assert result.returncode == ExitCode.DATA_TESTS_FAILED, result.stderr
    assert_one_line_error(result.stderr, "1 data test(s) failed (pipeline_must_not_publish)", "kept at")
    assert sha256_of(published_place.warehouse) == before
    summary = published_place.summary()
    kept = Path(summary["warehouse"]["build_file_kept"])
    assert kept.parent == published_place.warehouse.parent / ".builds" and kept.exists()
    assert summary["warehouse"]["published"] is None
    assert summary["dbt"]["status_counts"]["fail"] == 1
    assert not (published_place.output / "latest").exists()
    log = (published_place.only_run() / "errors.log").read_text()
    failures = log.split("== Data test failures ==")[1].split("==")[0]
    assert "pipeline_must_not_publish: fail" in failures
    with duckdb.connect(str(kept), read_only=True) as build:  # the failed build can be inspected
        assert build.execute("select count(*) from core.fct_movie").fetchone() == (2995,)


def test_a_dbt_error_is_a_build_failure(tmp_path: Path, published_place: Place) -> None:
    project = copy_of_the_project(tmp_path / "project")
    (project / "models" / "broken_model.sql").write_text("select {{ ref( }}\n")
    before = sha256_of(published_place.warehouse)

    result = run_command(SAMPLE_CSV, "--project-dir", project, *published_place.options())

    assert result.returncode == ExitCode.BUILD_FAILED, result.stderr
    assert_one_line_error(result.stderr, "dbt build failed", "dbt.log")
    assert sha256_of(published_place.warehouse) == before
    assert (published_place.only_run() / "dbt.log").exists()


def test_a_build_killed_midway_leaves_the_warehouse_intact(published_place: Place) -> None:
    before = sha256_of(published_place.warehouse)
    killed = start_command(SAMPLE_CSV, *published_place.options())
    assert killed.stderr is not None
    for line in killed.stderr:
        if re.match(r"\[dbt build\] \d+% ", line):
            break
    else:
        pytest.fail(f"the build ended before it could be killed: {killed.wait()}")
    killed.send_signal(signal.SIGKILL)
    assert killed.wait(timeout=30) == -signal.SIGKILL

    assert sha256_of(published_place.warehouse) == before
    runs = published_place.output / "runs"
    assert next(path.name for path in runs.iterdir()).endswith(".partial")  # never completed
    assert not (published_place.output / "latest").exists()
    lock = lock_path_for(published_place.warehouse)
    killed_run = json.loads(lock.read_text())
    assert killed_run["pid"] == killed.pid
    with open(lock) as handle:  # the kernel dropped the dead run's lock
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    with duckdb.connect(str(published_place.warehouse), read_only=True) as warehouse:
        assert warehouse.execute("select count(*) from core.fct_movie").fetchone() == (2995,)

    again = run_command(SAMPLE_CSV, *published_place.options())

    assert again.returncode == 0, again.stderr
    assert sha256_of(published_place.warehouse) != before
    summary = published_place.summary()
    assert summary["lock_recovered_from"]["run_id"] == killed_run["run_id"]
    set_aside = published_place.warehouse.parent / ".builds" / f"{killed_run['run_id']}.duckdb"
    assert summary["stale_build_set_aside"] == str(set_aside)
    assert set_aside.exists()
    assert os.readlink(published_place.output / "latest") == f"runs/{summary['run_id']}"
    with duckdb.connect(str(published_place.warehouse), read_only=True) as warehouse:
        assert warehouse.execute("select count(*) from core.fct_movie").fetchone() == (2995,)


def test_sigterm_midway_stops_cleanly(published_place: Place) -> None:
    before = sha256_of(published_place.warehouse)
    stopped = start_command(SAMPLE_CSV, *published_place.options())
    assert stopped.stderr is not None
    for line in stopped.stderr:
        if re.match(r"\[dbt build\] \d+% ", line):
            break
    else:
        pytest.fail(f"the build ended before it could be stopped: {stopped.wait()}")
    stopped.send_signal(signal.SIGTERM)
    _, rest = stopped.communicate(timeout=60)

    assert stopped.returncode == ExitCode.INTERRUPTED, rest
    assert_one_line_error(rest, "interrupted; the published warehouse is unchanged")
    assert sha256_of(published_place.warehouse) == before
    assert lock_path_for(published_place.warehouse).read_text() == ""  # released, not left behind
    summary = published_place.summary()
    assert summary["exit_code"] == ExitCode.INTERRUPTED
    assert summary["warehouse"]["build_file_kept"]
