"""Helpers shared by the generator tests."""

from __future__ import annotations

import csv
import re
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[3]
SAMPLE = REPOSITORY / "data" / "sample" / "movies_metadata.csv"
COLUMNS = (
    "adult belongs_to_collection budget genres homepage id imdb_id original_language original_title overview "
    "popularity poster_path production_companies production_countries release_date revenue runtime "
    "spoken_languages status tagline title video vote_average vote_count"
).split()


def column(name: str) -> int:
    return COLUMNS.index(name)


def read_records(path: Path) -> list[list[str]]:
    """Every CSV record after the header, as Python's csv module reads it."""
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))[1:]


def accepted(records: list[list[str]]) -> list[list[str]]:
    """The contract's accepted records: 24 fields and an id of digits above 0."""
    return [r for r in records if len(r) == 24 and re.fullmatch(r"\s*[0-9]+\s*", r[5]) and int(r[5]) > 0]
