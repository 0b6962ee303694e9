"""Run health: volume warnings (published anyway, recorded) and `movies-pipeline status`."""

from __future__ import annotations

import json
import time
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
)

from movies_pipeline.cli import main
from movies_pipeline.errors import ExitCode
from movies_pipeline.health import volume_warnings


def summaries(*counts: tuple[int, int], status: str = "success") -> list[dict]:
    return [
        {"run_id": f"run-{number}", "status": status, "records": {"accepted": accepted, "rejected": rejected}}
        for number, (accepted, rejected) in enumerate(counts)
    ]


@pytest.mark.parametrize(
    ("previous", "records", "warned"),
    [
        (summaries((1000, 5), (1000, 5)), {"accepted": 10, "rejected": 5}, []),  # fewer than 3 publishes
        (summaries((1000, 5), (1100, 5), (900, 5)), {"accepted": 500, "rejected": 5}, []),  # 0.5x: at the limit
        (summaries((1000, 5), (1100, 5), (900, 5)), {"accepted": 499, "rejected": 5}, ["accepted"]),
        (summaries((1000, 5), (1100, 5), (900, 5)), {"accepted": 2001, "rejected": 5}, ["accepted"]),
        (summaries((1000, 0), (1000, 0), (1000, 0)), {"accepted": 1000, "rejected": 9}, []),  # under 10 records
        (summaries((1000, 0), (1000, 0), (1000, 0)), {"accepted": 1000, "rejected": 50}, ["rejected"]),
        (summaries((1000, 5), (1000, 5), (1000, 5), status="failed"), {"accepted": 1, "rejected": 5}, []),
        # only the last five publishes count: the old small ones do not
        (summaries((10, 0), (10, 0), *[(1000, 0)] * 5), {"accepted": 1000, "rejected": 0}, []),
    ],
)
def test_the_volume_rule(previous: list[dict], records: dict, warned: list[str]) -> None:
    assert [warning.check for warning in volume_warnings(previous, records)] == warned


def fabricate_publishes(place: Place, accepted: int, count: int = 3) -> None:
    """Run folders of earlier publishes of this warehouse with another accepted count."""
    for number in range(count):
        run_id = f"20200101T00000{number}.000000Z-abcdef"
        folder = place.output / "runs" / run_id
        folder.mkdir(parents=True)
        summary = {
            "run_id": run_id,
            "status": "success",
            "exit_code": 0,
            "warehouse": {"path": str(place.warehouse)},
            "records": {"accepted": accepted, "rejected": 3},
        }
        (folder / "run_summary.json").write_text(json.dumps(summary))


def status(place: Place, *options: str):
    return run_command("status", "--warehouse", place.warehouse, "--output-dir", place.output, *options)


def test_a_run_far_from_the_last_publishes_still_publishes_with_a_warning(
    published_place: Place, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    fabricate_publishes(published_place, accepted=10_000)  # the sample has 2,995 movies: under half
    assert main([str(SAMPLE_CSV), *published_place.options(), "--force"]) == ExitCode.OK
    assert "1 warning(s) in errors.log" in capsys.readouterr().out
    run = published_place.runs()[-1]
    (warning,) = published_place.summary(run)["warnings"]
    assert warning["check"] == "accepted" and warning["value"] == 2995 and warning["median"] == 10_000
    assert "0.30x the median 10,000 of the last 3 publishes" in warning["message"]
    assert warning["message"] in (run / "errors.log").read_text()

    result = status(published_place)
    assert result.returncode == 0, result.stderr
    assert f"last run: {run.name}, success, exit 0" in result.stdout
    assert f"warning: {warning['message']}" in result.stdout
    document = json.loads(status(published_place, "--json").stdout)
    assert document["current_publish"]["run_id"] == run.name
    assert document["last_run"]["warnings"] == [warning["message"]]
    assert [row["accepted"] for row in document["recent_runs"]] == [2995, 10_000, 10_000, 10_000]


def test_status_max_age(published_place: Place, fake_build: FakeBuild) -> None:
    assert main([str(SAMPLE_CSV), *published_place.options(), "--force"]) == ExitCode.OK
    assert status(published_place, "--max-age", "1").returncode == 0
    time.sleep(1.1)  # built_at has whole seconds
    stale = status(published_place, "--max-age", "0.0001")
    assert stale.returncode == ExitCode.STALE
    assert_one_line_error(stale.stderr, " s old, over --max-age 0.0001 h")
    assert "current publish:" in stale.stdout  # the report is printed first


def test_status_of_a_place_with_no_publish_and_a_failed_run(place: Place, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert run_command(empty, *place.options()).returncode == ExitCode.BAD_INPUT
    result = status(place)
    assert result.returncode == 0, result.stderr
    assert "current publish: none" in result.stdout
    assert f"last run: {place.only_run().name}, failed, exit 3" in result.stdout
    missing = status(place, "--max-age", "24")
    assert missing.returncode == ExitCode.STALE
    assert_one_line_error(missing.stderr, "has no current publish")


@pytest.mark.slow
def test_status_lists_the_drops_no_run_has_loaded(tmp_path: Path) -> None:
    drops = hourly_drops(tmp_path, scale=0.01, seed=5)
    place = new_place(tmp_path / "place")
    drops.deliver(0, 1)
    assert run_command(drops.folder, *place.options()).returncode == 0
    drops.deliver(2)

    document = json.loads(status(place, "--drops", drops.folder, "--json").stdout)
    assert document["drops"]["waiting"] == [drops.drop_key(2)]
    assert document["current_publish"]["load_mode"] == "full"
    assert document["current_publish"]["kept_publishes"] == 1
    waiting = f"drops waiting in {drops.folder}: 1 ({drops.drop_key(2)})"
    assert waiting in status(place, "--drops", drops.folder).stdout

    assert run_command(drops.folder, *place.options()).returncode == 0
    document = json.loads(status(place, "--drops", drops.folder, "--json").stdout)
    assert document["drops"]["waiting"] == []
    assert document["current_publish"]["load_mode"] == "hourly"
    assert [row["status"] for row in document["recent_runs"]] == ["success", "success"]


def test_status_says_when_a_rollback_made_an_earlier_publish_current(
    published_place: Place, fake_build: FakeBuild
) -> None:
    assert main([str(SAMPLE_CSV), *published_place.options(), "--force"]) == ExitCode.OK
    assert main([str(SAMPLE_CSV), *published_place.options(), "--force"]) == ExitCode.OK
    first, second = (run.name for run in published_place.runs())
    assert main(["rollback", "--warehouse", str(published_place.warehouse)]) == ExitCode.OK
    document = json.loads(status(published_place, "--json").stdout)
    assert document["current_publish"]["run_id"] == first
    assert document["current_publish"]["rolled_back_from"] == second
    assert f"rolled back: the newest publishing run is {second}" in status(published_place).stdout
