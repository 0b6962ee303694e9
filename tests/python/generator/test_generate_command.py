"""`movies-pipeline generate` writes what the function API writes, and refuses bad options."""

from __future__ import annotations

from pathlib import Path

import pytest

from movies_pipeline import cli
from movies_pipeline.generate import generate_file


def test_generate_command_writes_the_same_bytes_as_the_function(tmp_path: Path, capsys) -> None:
    assert cli.main(["generate", "--scale", "0.01", "--seed", "3", "--out", str(tmp_path / "out")]) == 0
    written = tmp_path / "out" / "movies_metadata.csv"
    expected = generate_file(tmp_path / "expected.csv", scale=0.01, seed=3)
    assert written.read_bytes() == expected.path.read_bytes()
    assert "455 records" in capsys.readouterr().out


def test_generate_command_writes_hourly_drops(tmp_path: Path) -> None:
    arguments = ["generate", "--scale", "0.01", "--out", str(tmp_path), "--hourly-drops", "2", "--start-hour", "2027-01-31T23"]
    assert cli.main(arguments) == 0
    assert (tmp_path / "raw/movies/ingest_hour=2027-01-31T23/part-0.csv").is_file()
    assert (tmp_path / "raw/movies/ingest_hour=2027-02-01T00/part-0.csv").is_file()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [("--scale", "-1", "--scale"), ("--hourly-drops", "0", "--hourly-drops"), ("--new-share", "2", "--new-share")],
)
def test_bad_options_exit_2_with_a_hint(tmp_path: Path, capsys, option: str, value: str, message: str) -> None:
    arguments = ["generate", "--scale", "0.01", "--out", str(tmp_path), "--hourly-drops", "2", option, value]
    assert cli.main(arguments) == 2
    assert message in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
