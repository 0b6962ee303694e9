"""Fixtures for the movies-pipeline command tests.

Builds are slow (about 10 s each), so one real build of the sample runs per session
(`built_sample`) and most tests reuse its published warehouse; only the tests whose point
is a build of their own (crash, concurrency, S3, failing tests) run another.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pipeline_helpers import (
    BAD_RECORDS,
    SAMPLE_CSV,
    BuiltSample,
    FakeBuild,
    Place,
    aws_free_environment,
    new_place,
    run_command,
)


@pytest.fixture(autouse=True)
def _no_machine_aws_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith("AWS_"):
            monkeypatch.delenv(key)
    for key, value in aws_free_environment().items():
        if key.startswith("AWS_"):
            monkeypatch.setenv(key, value)


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> BuiltSample:
    """One real build: the sample plus three bad records, published into a fresh place."""
    root = tmp_path_factory.mktemp("built")
    input_csv = root / "input" / "movies_metadata.csv"
    input_csv.parent.mkdir()
    input_csv.write_bytes(SAMPLE_CSV.read_bytes() + BAD_RECORDS)
    place = new_place(root / "place")
    result = run_command(input_csv, *place.options(), timeout=300)
    assert result.returncode == 0, result.stderr
    copy = root / "published-copy.duckdb"
    shutil.copyfile(place.warehouse, copy)
    return BuiltSample(place, input_csv, result, place.only_run(), copy)


@pytest.fixture
def place(tmp_path: Path) -> Place:
    return new_place(tmp_path / "place")


@pytest.fixture
def published_place(tmp_path: Path, built_sample: BuiltSample) -> Iterator[Place]:
    """A place whose warehouse already holds a published build (a copy of the session's)."""
    place = new_place(tmp_path / "place")
    place.warehouse.parent.mkdir(parents=True)
    shutil.copyfile(built_sample.warehouse_copy, place.warehouse)
    yield place


@pytest.fixture
def fake_build(monkeypatch: pytest.MonkeyPatch, built_sample: BuiltSample) -> FakeBuild:
    from movies_pipeline import pipeline
    from movies_pipeline.build import BuildOutcome

    fake = FakeBuild(built_sample.warehouse_copy)

    def build(*, build_file: Path, **_: object) -> BuildOutcome:
        fake.calls += 1
        shutil.copyfile(fake.warehouse, build_file)
        return BuildOutcome(success=True)

    monkeypatch.setattr(pipeline, "run_dbt_build", build)
    return fake
