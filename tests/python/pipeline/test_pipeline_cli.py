"""The command line: subcommand dispatch, usage errors, messages, progress, locking."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pipeline_helpers import PROJECT_DIR, Place, assert_one_line_error

from movies_pipeline import cli, pipeline
from movies_pipeline.cli import SUBCOMMANDS, Subcommand, main
from movies_pipeline.errors import EXIT_CODE_MEANINGS, ExitCode
from movies_pipeline.publish import WarehouseLock, lock_path_for


def test_help_lists_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "movies-pipeline [INPUT] [options]" in out
    for code in ExitCode:
        assert re.search(rf"^\s+{int(code)}\s", out, re.MULTILINE), code


def test_the_docs_list_the_same_exit_codes() -> None:
    docs = (PROJECT_DIR / "docs" / "pipeline.md").read_text()
    documented = {int(code) for code in re.findall(r"^\| `(\d+)` \|", docs, re.MULTILINE)}
    assert documented == {int(code) for code in ExitCode}
    assert set(EXIT_CODE_MEANINGS) == set(ExitCode)


def test_a_registered_subcommand_is_dispatched(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[argparse.Namespace] = []

    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--name")

    def handler(arguments: argparse.Namespace) -> int:
        seen.append(arguments)
        return 0

    monkeypatch.setitem(SUBCOMMANDS, "hello", Subcommand("say hello", add_arguments, handler))
    assert main(["hello", "--name", "world"]) == 0
    assert seen[0].name == "world"
    assert main(["hello", "--bogus"]) == ExitCode.USAGE


def test_anything_else_is_the_input(
    place: Place, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(SUBCOMMANDS, "hello", Subcommand("say hello", lambda parser: None, lambda arguments: 0))
    assert main(["--", "hello", *place.options()]) == ExitCode.BAD_INPUT
    assert_one_line_error(capsys.readouterr().err, "input not found: hello")
    assert main(["hello.zip", *place.options()]) == ExitCode.BAD_INPUT


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        (["--wait", "soon"], "not a number of seconds"),
        (["--max-input-bytes", "0"], "must be more than 0"),
        (["--progress", "loud"], "invalid choice"),
        (["--no-such-option"], "unrecognized arguments"),
    ],
)
def test_usage_errors(arguments: list[str], fragment: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(arguments) == ExitCode.USAGE
    assert fragment in capsys.readouterr().err


def test_unsupported_scheme(place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ftp://example.org/movies.zip", *place.options()]) == ExitCode.USAGE
    assert_one_line_error(capsys.readouterr().err, "unsupported input scheme 'ftp://'", "s3:// or https://")


def test_no_input_means_the_bundled_sample(place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*place.options(), "--check-only"]) == ExitCode.OK
    summary = place.summary()
    assert summary["status"] == "checked"
    assert summary["input"]["source"] == str(PROJECT_DIR / "data" / "sample" / "movies_metadata.csv")
    assert summary["input"]["known_file"] == "sample"
    assert summary["input"]["csv_records"] == 2996
    assert summary["dbt"] is None and summary["warehouse"]["published"] is None
    assert not place.warehouse.exists()
    assert not (place.output / "latest").exists()  # only a published run becomes `latest`
    out, err = capsys.readouterr()
    assert "input OK (2,996 records); nothing built (--check-only)" in out
    assert "(the bundled 2,996-record sample)" in err


def test_project_dir_from_the_environment(
    place: Place, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MOVIES_PROJECT_DIR", str(tmp_path / "not-a-project"))
    assert main([*place.options(), "--check-only"]) == ExitCode.USAGE
    assert_one_line_error(capsys.readouterr().err, "no dbt project", "--project-dir")


def test_plain_progress_lines(place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    main([*place.options(), "--check-only"])
    err = capsys.readouterr().err
    assert "[copy] started (2.5 MB)" in err
    assert "[validate] 50% (" in err
    assert re.search(r"^\[validate\] done in \d+\.\ds, 2\.5 MB$", err, re.MULTILINE)


def test_progress_bars(place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    options = [option if option != "plain" else "bar" for option in place.options()]
    main([*options, "--check-only"])
    err = capsys.readouterr().err
    assert re.search(r"validate: 100%\|[^|]*\| 2\.49M/2\.49M", err), err


def test_an_unexpected_error_is_one_line_unless_verbose(
    place: Place, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*arguments: object, **keywords: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline, "validate_csv", explode)
    assert main([*place.options(), "--check-only"]) == ExitCode.INTERNAL_ERROR
    line = assert_one_line_error(capsys.readouterr().err, "unexpected RuntimeError: disk on fire", "--verbose")
    assert "bug" in line
    assert place.summary()["exit_code"] == ExitCode.INTERNAL_ERROR

    assert main([*place.options(), "--check-only", "--verbose"]) == ExitCode.INTERNAL_ERROR
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_a_second_run_is_refused_at_once(place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    holder = WarehouseLock(place.warehouse)
    holder.acquire("20250101T000000Z-aaaaaa")
    try:
        started = time.monotonic()
        assert main([*place.options(), "--check-only"]) == ExitCode.LOCKED
        assert time.monotonic() - started < 5
        assert_one_line_error(capsys.readouterr().err, "is locked by run 20250101T000000Z-aaaaaa (pid ", "--wait")
        assert not (place.output / "runs").exists()  # a refused run leaves no trace

        started = time.monotonic()
        assert main([*place.options(), "--check-only", "--wait", "0.6"]) == ExitCode.LOCKED
        assert time.monotonic() - started >= 0.6
        assert_one_line_error(capsys.readouterr().err, "after waiting 0.6s")
    finally:
        holder.release()
    assert main([*place.options(), "--check-only", "--wait", "0.6"]) == ExitCode.OK


def test_a_lock_left_by_a_dead_run_is_recovered(place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    lock = lock_path_for(place.warehouse)
    lock.parent.mkdir(parents=True)
    lock.write_text(json.dumps({"run_id": "20250101T000000Z-dead00", "pid": 999999}))  # its process is gone
    assert main([*place.options(), "--check-only"]) == ExitCode.OK
    assert place.summary()["lock_recovered_from"]["run_id"] == "20250101T000000Z-dead00"
    assert "recovered the lock left by an interrupted run" in capsys.readouterr().err
    assert lock.read_text() == ""  # released cleanly


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("movies-pipeline ")


def test_module_entry_point_is_the_console_script() -> None:
    assert cli.main is main


def test_the_run_command_does_not_import_other_subcommands() -> None:
    # A fresh install must run the pipeline even if a subcommand's own dependencies are missing.
    probe = "import sys, movies_pipeline.cli; print(sorted({'numpy', 'plotly', 'dbt'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
