"""Generated files shared by the generator tests: each is written once per session."""

from __future__ import annotations

import pytest
from generator_helpers import SAMPLE, read_records

from movies_pipeline.generate import GeneratedFile, generate_file


@pytest.fixture(scope="session")
def sample_records() -> list[list[str]]:
    return read_records(SAMPLE)


@pytest.fixture(scope="session")
def small_file(tmp_path_factory: pytest.TempPathFactory) -> GeneratedFile:
    """909 records (scale 0.02): one of each planted quirk."""
    return generate_file(tmp_path_factory.mktemp("small") / "movies_metadata.csv", scale=0.02, seed=7)


@pytest.fixture(scope="session")
def tenth_file(tmp_path_factory: pytest.TempPathFactory) -> GeneratedFile:
    """4,547 records (scale 0.1)."""
    return generate_file(tmp_path_factory.mktemp("tenth") / "movies_metadata.csv", scale=0.1, seed=11)


@pytest.fixture(scope="session")
def full_file(tmp_path_factory: pytest.TempPathFactory) -> GeneratedFile:
    """45,466 records (scale 1), the size of the real file."""
    return generate_file(tmp_path_factory.mktemp("full") / "movies_metadata.csv", scale=1, seed=42)


@pytest.fixture(scope="session")
def full_records(full_file: GeneratedFile) -> list[list[str]]:
    return read_records(full_file.path)
