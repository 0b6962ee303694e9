"""The last line tells the truth about the warehouse, whatever happens and whenever; expected
failures are never "a bug"; readers are safe; run ids sort in start order; a stale lock never
costs a kept build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from pipeline_helpers import SAMPLE_CSV, FakeBuild, Place, assert_one_line_error, sha256_of

from movies_pipeline import outputs, pipeline
from movies_pipeline.cli import main
from movies_pipeline.errors import ExitCode
from movies_pipeline.outputs import RUN_ID_PATTERN, new_run_id
from movies_pipeline.publish import ReaderGuard, lock_path_for
from movies_pipeline.run_summary import RunSummary


def interrupt(*_: object, **__: object) -> None:
    raise KeyboardInterrupt


def disk_full(*_: object, **__: object) -> None:
    raise OSError(28, "No space left on device", "output/runs/x/run_summary.json")


@pytest.mark.parametrize(
    ("where", "failure", "exit_code"),
    [
        ("report", interrupt, ExitCode.INTERRUPTED),
        ("summary", interrupt, ExitCode.INTERRUPTED),
        ("summary", disk_full, ExitCode.PUBLISH_FAILED),
    ],
)
def test_a_failure_after_the_publish_says_it_was_published(
    published_place: Place,
    fake_build: FakeBuild,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
    failure,
    exit_code: ExitCode,
) -> None:
    before = published_place.warehouse.stat().st_ino
    if where == "report":
        from movies_pipeline import report

        monkeypatch.setattr(report, "write_report", failure)
    else:
        monkeypatch.setattr(RunSummary, "write", failure)

    assert main([str(SAMPLE_CSV), *published_place.options()]) == exit_code

    line = assert_one_line_error(capsys.readouterr().err, "the new warehouse WAS published")
    assert "unchanged" not in line
    assert published_place.warehouse.stat().st_ino != before  # it really was: another file now
    if where == "report":  # the run folder was still written, and latest names it
        summary = published_place.summary()
        assert summary["status"] == "published, then failed"
        assert summary["warehouse"]["published"] == str(published_place.warehouse)
        assert os.readlink(published_place.output / "latest") == f"runs/{summary['run_id']}"


@pytest.mark.parametrize("failure", [interrupt, disk_full])
def test_a_failure_before_the_publish_says_it_is_unchanged(
    published_place: Place,
    fake_build: FakeBuild,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    failure,
) -> None:
    before = sha256_of(published_place.warehouse)
    monkeypatch.setattr(pipeline, "export_tables", failure)

    code = main([str(SAMPLE_CSV), *published_place.options()])

    assert code in (ExitCode.INTERRUPTED, ExitCode.PUBLISH_FAILED)
    line = assert_one_line_error(capsys.readouterr().err, "the published warehouse is unchanged")
    assert "bug" not in line and "WAS published" not in line
    assert sha256_of(published_place.warehouse) == before
    assert not (published_place.output / "latest").exists()


def test_an_unwritable_output_folder_is_not_a_bug(
    published_place: Place, fake_build: FakeBuild, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Root ignores permission bits, so the refusal a read-only folder gives is injected."""

    def read_only(self: outputs.RunFolder) -> Path:
        raise PermissionError(13, "Permission denied", str(self.partial))

    monkeypatch.setattr(outputs.RunFolder, "create", read_only)
    before = sha256_of(published_place.warehouse)
    assert main([str(SAMPLE_CSV), *published_place.options()]) == ExitCode.PUBLISH_FAILED
    line = assert_one_line_error(capsys.readouterr().err, "Permission denied", "the published warehouse is unchanged")
    assert "bug" not in line
    assert sha256_of(published_place.warehouse) == before


READ_WRITE_HOLDER = """
import sys, time, duckdb
connection = duckdb.connect(sys.argv[1])
print("open", flush=True)
time.sleep(120)
"""


def test_a_read_write_connection_stops_the_run_before_it_builds(
    published_place: Place, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", READ_WRITE_HOLDER, str(published_place.warehouse)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = sha256_of(published_place.warehouse)
        assert main([str(SAMPLE_CSV), *published_place.options()]) == ExitCode.PUBLISH_FAILED
        assert_one_line_error(
            capsys.readouterr().err, f"open read-write by process {holder.pid}", "connect read-only", "unchanged"
        )
        assert sha256_of(published_place.warehouse) == before
        assert fake_build.calls == 0
    finally:
        holder.kill()
        holder.wait()


def test_while_a_run_holds_the_warehouse_no_read_write_connection_opens(published_place: Place) -> None:
    guard = ReaderGuard(published_place.warehouse)
    guard.acquire()
    try:
        with duckdb.connect(str(published_place.warehouse), read_only=True) as reader:  # readers are welcome
            assert reader.execute("select count(*) from core.fct_movie").fetchall()[0][0] > 0
        writer = subprocess.run(
            [sys.executable, "-c", "import sys, duckdb; duckdb.connect(sys.argv[1])", str(published_place.warehouse)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert writer.returncode != 0 and "Could not set lock" in writer.stderr
    finally:
        guard.release()
    duckdb.connect(str(published_place.warehouse)).close()  # released: a writer may open again


def test_a_left_over_write_ahead_log_stops_the_run(
    published_place: Place, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    wal = published_place.warehouse.with_name(published_place.warehouse.name + ".wal")
    wal.write_bytes(b"changes of a session that crashed")
    assert main([str(SAMPLE_CSV), *published_place.options()]) == ExitCode.PUBLISH_FAILED
    assert_one_line_error(capsys.readouterr().err, "did not close cleanly", "unchanged")
    assert wal.read_bytes() == b"changes of a session that crashed"
    assert fake_build.calls == 0


def test_run_ids_sort_in_start_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [new_run_id() for _ in range(20_000)]  # many within one second, some within one microsecond
    assert all(RUN_ID_PATTERN.fullmatch(run_id) for run_id in ids)
    assert ids == sorted(ids) and len(set(ids)) == len(ids)

    # The clock steps back an hour: the next id still sorts after every run already there.
    (tmp_path / "runs" / ids[-1]).mkdir(parents=True)
    real_datetime = outputs.datetime

    class ClockBack(real_datetime):  # type: ignore[misc, valid-type]
        @classmethod
        def now(cls, tz=None):  # noqa: ANN001, ANN206 - datetime's signature
            return real_datetime.now(tz) - timedelta(hours=1)

    monkeypatch.setattr(outputs, "datetime", ClockBack)
    assert new_run_id(tmp_path) > ids[-1]
    assert ClockBack.now(UTC) < datetime.now(UTC)


@pytest.mark.parametrize("holder", [b"", b"{}", b"not json at all", b'{"run_id": "../../../escape"}'])
def test_a_stale_lock_never_costs_a_kept_build(
    published_place: Place, fake_build: FakeBuild, monkeypatch: pytest.MonkeyPatch, holder: bytes
) -> None:
    """Twice in a row a run finds a killed run's build and a lock file whose holder is unreadable
    (or names no usable run id): each build is set aside under a name of its own."""
    builds = published_place.warehouse.parent / ".builds"
    kept: list[Path] = []
    for attempt in range(2):
        builds.mkdir(exist_ok=True)
        (builds / "movies.building.duckdb").write_bytes(f"killed build {attempt}".encode())
        lock_path_for(published_place.warehouse).write_bytes(holder or b" ")
        monkeypatch.setattr(pipeline, "export_tables", interrupt)  # stop before publishing
        main([str(SAMPLE_CSV), *published_place.options()])
        summary = published_place.summary(published_place.runs()[-1])
        kept.append(Path(summary["stale_build_set_aside"]))
    assert kept[0] != kept[1]
    assert [path.read_bytes() for path in kept] == [b"killed build 0", b"killed build 1"]
    assert all(path.parent == builds for path in kept)
    assert not list(published_place.root.rglob("escape*"))


def test_the_report_subcommand_reports_expected_failures_in_one_line(
    tmp_path: Path, published_place: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = [
        (["--warehouse", str(tmp_path / "missing.duckdb")], "no warehouse at"),
        (["--warehouse", str(SAMPLE_CSV), "--out", str(tmp_path / "r.html")], "is not a DuckDB database"),
        (["--warehouse", str(published_place.warehouse), "--out", str(tmp_path)], "could not use"),
        (["--warehouse", str(published_place.warehouse), "--out", str(SAMPLE_CSV / "report.html")], "could not use"),
    ]
    for arguments, fragment in cases:
        code = main(["report", *arguments])
        line = assert_one_line_error(capsys.readouterr().err, fragment)
        assert code not in (0, ExitCode.INTERNAL_ERROR) and "bug" not in line, line


def test_summary_json_is_still_valid_json(published_place: Place, fake_build: FakeBuild) -> None:
    assert main([str(SAMPLE_CSV), *published_place.options()]) == ExitCode.OK
    summary = json.loads((published_place.output / "latest" / "run_summary.json").read_text())
    assert {check["name"] for check in summary["circuit_breaker"]["checks"]} >= {"accepted movies", "shrink"}
