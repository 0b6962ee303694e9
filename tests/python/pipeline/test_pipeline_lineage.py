"""Lineage names the real input and its checksum; an unchanged input with unchanged models is
"up to date" instead of a rebuild; run folders are kept to a number."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import duckdb
import pytest
from pipeline_helpers import SAMPLE_CSV, BuiltSample, FakeBuild, Place, new_place, run_command, sha256_of

from movies_pipeline import pipeline
from movies_pipeline.cli import main
from movies_pipeline.errors import ExitCode


def test_the_warehouse_names_the_input_it_was_built_from(built_sample: BuiltSample) -> None:
    with duckdb.connect(str(built_sample.place.warehouse), read_only=True) as connection:
        source_files = connection.execute("select distinct source_file from core.fct_movie").fetchall()
        lineage = connection.execute(
            "select run_id, input_source, input_kind, load_mode, input_sha256, files from audit.build_lineage"
        ).fetchall()
    assert source_files == [(str(built_sample.input_csv),)]  # not the deleted staged copy
    [(run_id, source, kind, load_mode, checksum, files)] = lineage
    assert (run_id, source, kind, load_mode) == (built_sample.run_dir.name, str(built_sample.input_csv), "file", "full")
    assert checksum == sha256_of(built_sample.input_csv)
    assert [(file["source_file"], file["sha256"], file["bytes"]) for file in files] == [
        (str(built_sample.input_csv), checksum, built_sample.input_csv.stat().st_size)
    ]


@pytest.mark.slow
def test_a_second_input_is_named_by_its_own_path_when_dbt_reuses_its_saved_parse(tmp_path: Path) -> None:
    """The command passes the input's name as an environment variable (not --vars, which make
    dbt parse the whole project again): the second run, from another file into the same
    warehouse, parses partially and still names its records by the second file."""
    first, second = tmp_path / "first" / "movies_metadata.csv", tmp_path / "second" / "movies_metadata.csv"
    with SAMPLE_CSV.open(newline="", encoding="utf-8") as sample:
        records = list(csv.reader(sample))
    for path, kept in ((first, records), (second, records[:-1])):
        path.parent.mkdir()
        with path.open("w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows(kept)
    place = new_place(tmp_path / "place")
    for path in (first, second):
        result = run_command(path, *place.options())
        assert result.returncode == 0, result.stderr
    dbt_log = (place.runs()[-1] / "dbt.log").read_text(encoding="utf-8")
    assert "Partial parsing enabled" in dbt_log
    with duckdb.connect(str(place.warehouse), read_only=True) as connection:
        source_files = connection.execute("select distinct source_file from core.fct_movie").fetchall()
    assert source_files == [(str(second),)]


def test_an_unchanged_input_with_unchanged_models_is_up_to_date(
    built_sample: BuiltSample, published_place: Place, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sha256_of(published_place.warehouse)
    assert main([str(built_sample.input_csv), *published_place.options()]) == ExitCode.OK
    assert "is up to date" in capsys.readouterr().out
    assert fake_build.calls == 0 and sha256_of(published_place.warehouse) == before
    summary = published_place.summary()
    assert summary["status"] == "up to date" and summary["exports"] == []

    assert main([str(built_sample.input_csv), *published_place.options(), "--force"]) == ExitCode.OK
    assert fake_build.calls == 1


def test_changed_models_rebuild(
    built_sample: BuiltSample, published_place: Place, fake_build: FakeBuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "project_fingerprint", lambda project_dir: "another project")
    assert main([str(built_sample.input_csv), *published_place.options()]) == ExitCode.OK
    assert fake_build.calls == 1


def test_run_folders_are_kept_to_a_number(
    built_sample: BuiltSample, published_place: Place, fake_build: FakeBuild
) -> None:
    for _ in range(4):
        assert main([str(built_sample.input_csv), *published_place.options(), "--force", "--keep-runs", "2"]) == 0
    runs = published_place.runs()
    assert len(runs) == 2
    assert os.readlink(published_place.output / "latest") == f"runs/{runs[-1].name}"
