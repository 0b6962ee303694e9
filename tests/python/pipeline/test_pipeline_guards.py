"""The command replaces only what it was asked to: a DuckDB warehouse (or nothing) at the
warehouse path, never its own input, never a folder or file it does not own; and paths are
data, whatever characters they hold."""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from pipeline_helpers import (
    SAMPLE_CSV,
    BuiltSample,
    FakeBuild,
    Place,
    assert_one_line_error,
    new_place,
    sha256_of,
)

from movies_pipeline.cli import main
from movies_pipeline.errors import ExitCode

SAMPLE = SAMPLE_CSV.read_bytes()


def csv_at_warehouse(place: Place) -> list[str]:
    place.warehouse.parent.mkdir(parents=True)
    place.warehouse.write_bytes(SAMPLE)  # someone's CSV where the warehouse should be
    return [str(SAMPLE_CSV), *place.options()]


def empty_file_at_warehouse(place: Place) -> list[str]:
    place.warehouse.parent.mkdir(parents=True)
    place.warehouse.write_bytes(b"")
    return [str(SAMPLE_CSV), *place.options()]


def input_is_the_warehouse(place: Place) -> list[str]:
    place.warehouse.parent.mkdir(parents=True)
    place.warehouse.write_bytes(SAMPLE)
    return [str(place.warehouse), *place.options()]


def input_is_a_link_to_the_published_warehouse(place: Place) -> list[str]:
    shutil.copytree(SAMPLE_CSV.parent, place.root / "unused")  # something else to keep unchanged
    place.warehouse.parent.mkdir(parents=True)
    duckdb.connect(str(place.warehouse)).close()
    (place.root / "input.csv").symlink_to(place.warehouse)
    return [str(place.root / "input.csv"), *place.options()]


def warehouse_folder_is_a_file(place: Place) -> list[str]:
    place.warehouse.parent.write_bytes(b"not a folder")
    return [str(SAMPLE_CSV), *place.options()]


def output_dir_is_a_file(place: Place) -> list[str]:
    place.output.write_bytes(b"not a folder")
    return [str(SAMPLE_CSV), *place.options()]


def latest_is_a_real_folder(place: Place) -> list[str]:
    (place.output / "latest").mkdir(parents=True)
    (place.output / "latest" / "notes.txt").write_text("mine")
    return [str(SAMPLE_CSV), *place.options()]


def warehouse_links_to_a_csv(place: Place) -> list[str]:
    (place.root / "mine.csv").write_bytes(SAMPLE)
    place.warehouse.parent.mkdir(parents=True)
    place.warehouse.symlink_to(place.root / "mine.csv")
    return [str(SAMPLE_CSV), *place.options()]


REFUSED: list[tuple[str, Callable[[Place], list[str]], tuple[str, ...]]] = [
    ("a CSV at the warehouse path", csv_at_warehouse, ("is not a DuckDB database", "refusing to replace it")),
    ("an empty file at the warehouse path", empty_file_at_warehouse, ("is not a DuckDB database",)),
    ("the input is the warehouse path", input_is_the_warehouse, ("is not a DuckDB database",)),
    ("the input links to the warehouse", input_is_a_link_to_the_published_warehouse, ("is the warehouse",)),
    ("the warehouse folder is a file", warehouse_folder_is_a_file, ("cannot be created", "is a file")),
    ("the output folder is a file", output_dir_is_a_file, ("--output-dir", "is a file")),
    ("output/latest is a real folder", latest_is_a_real_folder, ("is a real folder", "move it away")),
    ("the warehouse links to a CSV", warehouse_links_to_a_csv, ("a link to", "is not a DuckDB database")),
]


@pytest.mark.parametrize(("arrange", "fragments"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED])
def test_what_is_not_ours_is_refused_before_anything_is_written(
    place: Place,
    capsys: pytest.CaptureFixture[str],
    fake_build: FakeBuild,
    arrange: Callable[[Place], list[str]],
    fragments: tuple[str, ...],
) -> None:
    arguments = arrange(place)
    before = {path: sha256_of(path) if path.is_file() else None for path in place.root.rglob("*")}

    assert main(arguments) == ExitCode.USAGE
    assert_one_line_error(capsys.readouterr().err, *fragments)
    assert {path: sha256_of(path) if path.is_file() else None for path in place.root.rglob("*")} == before
    assert fake_build.calls == 0


def test_a_symlinked_warehouse_is_published_through_to_its_target(
    tmp_path: Path, built_sample: BuiltSample, fake_build: FakeBuild
) -> None:
    place = new_place(tmp_path / "place")
    target = tmp_path / "storage" / "real.duckdb"
    target.parent.mkdir()
    shutil.copyfile(built_sample.warehouse_copy, target)
    with duckdb.connect(str(target)) as connection:
        connection.execute("create table main.old_marker as select 1 as old")
    place.warehouse.parent.mkdir(parents=True)
    place.warehouse.symlink_to(target)

    assert main([str(SAMPLE_CSV), *place.options()]) == ExitCode.OK

    assert place.warehouse.is_symlink() and os.readlink(place.warehouse) == str(target)
    with duckdb.connect(str(place.warehouse), read_only=True) as connection:
        markers = connection.execute("select count(*) from duckdb_tables() where table_name = 'old_marker'").fetchall()
    assert markers == [(0,)]  # the target holds the new build
    assert (target.parent / ".builds").is_dir() and (target.parent / ".real.duckdb.lock").exists()
    assert place.summary()["warehouse"]["published"] == str(target)


# Characters a filesystem allows and a template, a format string, YAML, a glob or SQL would trip
# on. ('?' and '\\' are refused in a warehouse path, which DuckDB cannot write: tested below.)
HOSTILE_NAME = "-it's {name} \"quoted\" $HOME %s {{ var('x') }} ${x} [a]* 🎬 naïve"


@pytest.mark.slow
def test_paths_are_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A real build with the input, the warehouse and the output all under hostile names, an
    input whose name starts with a dash given after `--`, and, beside the input's folder, a
    decoy folder its name would match as a glob."""
    root = tmp_path / HOSTILE_NAME
    root.mkdir()
    (root / f"{HOSTILE_NAME}?.csv").write_bytes(SAMPLE)
    decoy = tmp_path / HOSTILE_NAME.replace("[a]*", "a-decoy")
    decoy.mkdir()
    (decoy / f"{HOSTILE_NAME}?.csv").write_bytes(SAMPLE)  # read twice if the path were a glob
    monkeypatch.chdir(root)
    warehouse = root / HOSTILE_NAME / "movies {0}.duckdb"
    output = root / f"out {HOSTILE_NAME}?"

    code = main(["--warehouse", str(warehouse), "--output-dir", str(output), "--progress", "plain",
                 "--", f"{HOSTILE_NAME}?.csv"])  # fmt: skip

    assert code == ExitCode.OK, capsys.readouterr().err
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        movies, records = connection.execute(
            "select accepted_movie_count, raw_record_count from audit.movie_record_reconciliation"
        ).fetchall()[0]
    with open(SAMPLE_CSV, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert (movies, records) == (len({row["id"] for row in rows}), len(rows))
    assert (output / "latest" / "run_summary.json").is_file()


@pytest.mark.parametrize("character", ["?", "\\"])
def test_a_warehouse_path_duckdb_cannot_write_is_refused(
    tmp_path: Path, character: str, capsys: pytest.CaptureFixture[str], fake_build: FakeBuild
) -> None:
    place = new_place(tmp_path / f"place{character}x")
    assert main([str(SAMPLE_CSV), *place.options()]) == ExitCode.USAGE
    assert_one_line_error(capsys.readouterr().err, "DuckDB cannot write a database whose path holds")
    assert not place.warehouse.parent.exists() and not place.output.exists()
