"""Kept publishes, `history` and `rollback`: an earlier publish made current again by one rename.

The slow tests publish real builds of two different inputs (the sample and its first records)
and of hourly drops; the others publish the session's build again (fake_build) to test what the
command does around the build: keeping, pruning, and refusing while another run holds the lock.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pipeline_helpers import (
    SAMPLE_CSV,
    FakeBuild,
    Place,
    assert_one_line_error,
    hourly_drops,
    new_place,
    run_command,
    sha256_of,
    warehouse_contents,
)

from movies_pipeline.cli import main
from movies_pipeline.errors import ExitCode
from movies_pipeline.publish import WarehouseLock
from movies_pipeline.publishes import KeptPublishes

TRIMMED_RECORDS = 1800


def trimmed_sample(path: Path) -> Path:
    """The sample's header and its first records: another input, with fewer movies."""
    lines = SAMPLE_CSV.read_bytes().splitlines(keepends=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(lines[: TRIMMED_RECORDS + 1]))
    return path


def history(place: Place) -> list[dict]:
    result = run_command("history", "--warehouse", place.warehouse, "--output-dir", place.output, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["publishes"]


def rollback(place: Place, *arguments: str):
    return run_command("rollback", *arguments, "--warehouse", place.warehouse, "--output-dir", place.output)


def file_state(path: Path) -> tuple[int, str]:
    return os.stat(path).st_ino, sha256_of(path)


def assert_refused(place: Place, arguments: tuple[str, ...], code: ExitCode, *fragments: str) -> None:
    before = file_state(place.warehouse)
    result = rollback(place, *arguments)
    assert result.returncode == code, result.stderr
    assert_one_line_error(result.stderr, *fragments)
    assert file_state(place.warehouse) == before


@pytest.mark.slow
def test_rollback_restores_the_previous_publish_and_the_next_run_builds_on_it(tmp_path: Path) -> None:
    place = new_place(tmp_path / "place")
    trimmed = trimmed_sample(tmp_path / "input" / "trimmed.csv")

    first = run_command(SAMPLE_CSV, *place.options())
    assert first.returncode == 0, first.stderr
    run_a = place.only_run().name
    contents_a = warehouse_contents(place.warehouse)
    assert_refused(place, (), ExitCode.NO_SUCH_PUBLISH, "no kept publish", "older than the current one")

    second = run_command(trimmed, *place.options(), "--allow-shrink")
    assert second.returncode == 0, second.stderr
    run_b = place.runs()[-1].name
    assert warehouse_contents(place.warehouse) != contents_a
    kept = history(place)
    assert [(item["run_id"], item["current"]) for item in kept] == [(run_b, True), (run_a, False)]
    assert kept[0]["accepted"] < kept[1]["accepted"] and kept[0]["input"] == str(trimmed)
    assert_refused(place, ("20990101T000000.000000Z-abcdef",), ExitCode.NO_SUCH_PUBLISH, "has run id")

    result = rollback(place)
    assert result.returncode == 0, result.stderr
    assert f"rolled back {place.warehouse} to publish {run_a}" in result.stdout
    assert f"replacing {run_b}" in result.stdout
    assert warehouse_contents(place.warehouse) == contents_a
    assert os.path.samefile(place.warehouse, KeptPublishes(place.warehouse).path_of(run_a))
    assert os.readlink(place.output / "latest") == f"runs/{run_a}"
    assert [item["current"] for item in history(place)] == [False, True]
    assert_refused(place, (), ExitCode.NO_SUCH_PUBLISH, "older than the current one")

    # The "up to date" shortcut compares with the restored publish's lineage.
    again_a = run_command(SAMPLE_CSV, *place.options())
    assert again_a.returncode == 0, again_a.stderr
    assert place.summary(place.runs()[-1])["status"] == "up to date"
    again_b = run_command(trimmed, *place.options(), "--allow-shrink", "--keep-publishes", "1")
    assert again_b.returncode == 0, again_b.stderr
    summary = place.summary(place.runs()[-1])
    assert summary["status"] == "success"
    assert sorted(summary["publishes_removed"]) == [run_a, run_b]
    assert [item["run_id"] for item in history(place)] == [place.runs()[-1].name]


@pytest.mark.slow
def test_after_a_rollback_the_hourly_run_loads_again_what_the_rolled_back_publish_had(tmp_path: Path) -> None:
    drops = hourly_drops(tmp_path, scale=0.02, seed=11)
    place = new_place(tmp_path / "place")

    drops.deliver(0, 1)
    assert run_command(drops.folder, *place.options()).returncode == 0
    drops.deliver(2)
    assert run_command(drops.folder, *place.options()).returncode == 0
    after_hourly = warehouse_contents(place.warehouse)

    assert rollback(place).returncode == 0
    assert warehouse_contents(place.warehouse) != after_hourly
    hourly = run_command(drops.folder, *place.options())
    assert hourly.returncode == 0, hourly.stderr
    summary = place.summary(place.runs()[-1])
    assert summary["drops"]["load_mode"] == "hourly"
    assert summary["drops"]["loaded"] == [drops.drop_key(2)]
    assert warehouse_contents(place.warehouse) == after_hourly

    rebuild = run_command(drops.folder, "--rebuild", *place.options())
    assert rebuild.returncode == 0, rebuild.stderr
    assert warehouse_contents(place.warehouse) == after_hourly


def publish_again(place: Place, *options: str) -> str:
    """Publish the session's build again (a new run id, a new file); return the run id."""
    assert main([str(SAMPLE_CSV), *place.options(), "--force", *options]) == ExitCode.OK
    return place.runs()[-1].name


def test_a_publish_keeps_the_file_it_replaces_and_prunes_to_keep_publishes(
    published_place: Place, fake_build: FakeBuild
) -> None:
    kept = KeptPublishes(published_place.warehouse)
    assert kept.run_ids() == []  # published by a copy: nothing kept yet
    first = publish_again(published_place)
    assert len(kept.run_ids()) == 2  # the file it replaced (named by its lineage's run id) and its own
    assert kept.current_run_id() == first
    second = publish_again(published_place, "--keep-publishes", "2")
    assert kept.run_ids() == [first, second]
    assert published_place.summary(published_place.runs()[-1])["publishes_removed"]
    third = publish_again(published_place, "--keep-publishes", "1")
    assert kept.run_ids() == [third]
    assert os.stat(published_place.warehouse).st_nlink == 2  # the warehouse and its kept name: no copy


def test_rollback_while_a_run_holds_the_lock_fails_and_changes_nothing(
    published_place: Place, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    publish_again(published_place)
    before = file_state(published_place.warehouse)
    lock = WarehouseLock(published_place.warehouse)
    lock.acquire("20261207T000000.000000Z-aaaaaa")
    try:
        code = main(["rollback", "--warehouse", str(published_place.warehouse)])
    finally:
        lock.release()
    assert code == ExitCode.LOCKED
    assert_one_line_error(capsys.readouterr().err, "is locked by run 20261207T000000.000000Z-aaaaaa")
    assert file_state(published_place.warehouse) == before
    assert main(["rollback", "--warehouse", str(published_place.warehouse)]) == ExitCode.OK
    assert file_state(published_place.warehouse) != before


def test_rollback_with_no_kept_publish_is_refused(published_place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    before = file_state(published_place.warehouse)
    assert main(["rollback", "--warehouse", str(published_place.warehouse)]) == ExitCode.NO_SUCH_PUBLISH
    assert_one_line_error(capsys.readouterr().err, "is not one of its kept publishes")
    assert file_state(published_place.warehouse) == before
