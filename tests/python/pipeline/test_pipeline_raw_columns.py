"""The file's columns are declared once (dbt_project.yml's var movies_raw_columns): the
validator reads them, and the source YAML documents exactly them, in order."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from dbt_build import SAMPLE_CSV
from movies_pipeline.validate import EXPECTED_HEADER, PROJECT_FILE, raw_columns

SOURCES_YAML = PROJECT_FILE.parent / "models" / "staging" / "movies" / "_movies__sources.yml"
READER_COLUMNS = {"ordinality", "filename"}


def documented_source_columns(sources_yaml: Path) -> list[str]:
    document = yaml.safe_load(sources_yaml.read_text(encoding="utf-8"))
    (table,) = [table for source in document["sources"] for table in source["tables"]]
    return [column["name"] for column in table["columns"]]


def test_the_validator_expects_the_declared_columns():
    declared = yaml.safe_load(PROJECT_FILE.read_text(encoding="utf-8"))["vars"]["movies_raw_columns"]
    assert EXPECTED_HEADER == raw_columns() == tuple(declared)
    assert len(EXPECTED_HEADER) == 24


def test_the_sample_header_is_the_declared_columns():
    with SAMPLE_CSV.open(encoding="utf-8", newline="") as sample:
        header = next(csv.reader(sample))
    assert tuple(header) == EXPECTED_HEADER


def test_the_source_documents_the_declared_columns_in_order():
    documented = [name for name in documented_source_columns(SOURCES_YAML) if name not in READER_COLUMNS]
    file_columns = [name for name in documented if not name.startswith("extra_field_")]
    extra_fields = [name for name in documented if name.startswith("extra_field_")]
    assert tuple(file_columns) == EXPECTED_HEADER
    assert extra_fields == [f"extra_field_{number}" for number in range(len(EXPECTED_HEADER) + 1, 41)]
    assert documented == file_columns + extra_fields
