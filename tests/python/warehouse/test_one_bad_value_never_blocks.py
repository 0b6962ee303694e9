"""One bad value never blocks a publish: a table of cases, every column of the raw file.

For each of seven kinds of bad value (empty, a new word, a 10 kB text, non-BMP unicode, a
number where a word belongs, a word where a number belongs, a list where a scalar
belongs), the bundled sample gets that value in every one of its 24 columns, each in a
record of its own (24 records of the 2,996 changed, one column each), and
`movies-pipeline` runs on it. Each run must publish (exit 0: no error-severity test fails
and the circuit breaker lets it through); every other record's answers (its fact row and
its genre and company bridges) must equal those of a run on the unchanged sample; and
each changed record must be either kept, with its value as written or marked in
audit.movie_field_issues with the value quoted, or rejected with the value among its raw
fields. The test prints, column by column, what each value became.

One record per column per run (not one run per cell) keeps this to eight runs: a value in
one record cannot change another record's row, which is what the comparison checks.
"""

from __future__ import annotations

import collections
import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from dbt_build import SAMPLE_CSV
from pipeline.pipeline_helpers import new_place, run_command
from reference_answers import CODE_COLUMNS, LITERAL_COLUMNS, literal_elements

pytestmark = pytest.mark.slow

KINDS = {
    "empty": "",
    "a new word": "Quixotic",
    "a 10 kB text": ("Lorem ipsum dolor sit amet, " * 400)[:10240],
    "non-BMP unicode": "\U0001f3ac\U0001d518\U0001d52b\U0001f600 \U00020000",
    "a number where a word belongs": "4242424",
    "a word where a number belongs": "twelve",
    "a list where a scalar belongs": "[{'id': 7, 'name': 'Seven'}]",
}

# Raw column -> the fact column it becomes (the list columns are checked through their bridges).
FACT_COLUMN = {
    "adult": "is_adult", "budget": "budget", "homepage": "homepage", "id": "movie_id",
    "imdb_id": "imdb_id", "original_language": "original_language",
    "original_title": "original_title", "overview": "overview", "popularity": "popularity",
    "poster_path": "poster_path", "release_date": "release_date", "revenue": "revenue",
    "runtime": "runtime_minutes", "status": "status", "tagline": "tagline", "title": "title",
    "video": "is_video", "vote_average": "vote_average", "vote_count": "vote_count",
}
BRIDGED = {
    "genres": ("core.bridge_movie_genre", "genre_id"),
    "production_companies": ("core.bridge_movie_company", "company_id"),
    "production_countries": ("core.bridge_movie_country", "country_code"),
    "spoken_languages": ("core.bridge_movie_language", "language_code"),
}
BRIDGED_TABLES = [table for table, _ in BRIDGED.values()]
COMPARED_BRIDGES = ["core.bridge_movie_genre", "core.bridge_movie_company"]


def sample_rows() -> tuple[list[str], list[list[str]]]:
    with SAMPLE_CSV.open(newline="", encoding="utf-8") as file:
        header, *records = list(csv.reader(file))
    return header, records


def chosen_records(header: list[str], records: list[list[str]]) -> dict[str, int]:
    """One record per column (record numbers from 1): full records whose id is used once,
    so a changed value can only change its own movie."""
    ids = collections.Counter(record[header.index("id")] for record in records)
    column = header.index

    def is_full(record: list[str]) -> bool:
        return (
            len(record) == len(header)
            and ids[record[column("id")]] == 1
            and record[column("budget")] not in ("", "0")
            and record[column("revenue")] not in ("", "0")
            and len(record[column("genres")]) > 2
            and len(record[column("production_companies")]) > 2
            and record[column("belongs_to_collection")] != ""
        )

    full = [number for number, record in enumerate(records, start=1) if is_full(record)]
    assert len(full) >= len(header), "the sample has too few full records for the test"
    return dict(zip(header, full, strict=False))


@dataclass(frozen=True)
class Published:
    facts: dict[int, dict]  # record number -> fact row
    bridges: dict[str, set[tuple]]
    issues: dict[tuple[int, str], list[tuple[str, str]]]  # (movie, column) -> (code, raw value)
    rejects: dict[int, tuple[str, list[str]]]  # record number -> (code, raw fields)


def run_and_read(csv_path: Path, root: Path) -> Published:
    place = new_place(root)
    result = run_command(csv_path, *place.options(), timeout=600)
    assert result.returncode == 0, f"the run did not publish:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    connection = duckdb.connect(str(place.warehouse), read_only=True)
    try:
        cursor = connection.execute("select * from core.fct_movie")
        names = [description[0] for description in cursor.description]
        facts = {row["record_number"]: row for row in (dict(zip(names, values)) for values in cursor.fetchall())}
        bridges = {table: set(connection.sql(f"select * from {table}").fetchall()) for table in BRIDGED_TABLES}
        issues: dict[tuple[int, str], list[tuple[str, str]]] = collections.defaultdict(list)
        for movie, column, code, raw in connection.sql(
            "select movie_id, column_name, issue_code, raw_value from audit.movie_field_issues"
        ).fetchall():
            issues[(movie, column)].append((code, raw))
        rejects = {
            number: (code, fields)
            for number, code, fields in connection.sql(
                "select record_number, reject_code, raw_fields from audit.rejected_movie_records"
            ).fetchall()
        }
    finally:
        connection.close()
    return Published(facts, bridges, dict(issues), rejects)


def kept_as_written(column: str, value: str, fact: dict, published: Published) -> bool:
    """The value is in the warehouse as the rules type it: a list cell's elements as the
    independent parser (reference_answers.py) reads them, an empty value as unknown."""
    movie = fact["movie_id"]
    if column in LITERAL_COLUMNS:
        keys = [key for key, _ in literal_elements(value, LITERAL_COLUMNS[column], column not in CODE_COLUMNS)]
        if column == "belongs_to_collection":  # one collection: the first
            return fact["collection_id"] == (keys[0] if keys else None)
        table, _ = BRIDGED[column]
        return {row[1] for row in published.bridges[table] if row[0] == movie} == set(keys)
    typed = fact[FACT_COLUMN[column]]
    if value == "":
        return typed is None
    if isinstance(typed, str):
        return typed == value.strip()
    if isinstance(typed, (int, float, Decimal)) and not isinstance(typed, bool):
        try:
            return Decimal(str(typed)) == Decimal(value)
        except ArithmeticError:
            return False
    return False


def outcome(column: str, value: str, number: int, published: Published, baseline: Published) -> str | None:
    """What the value became, or None when it was lost or changed silently. Marked: the
    movie has an issue in that column that the unchanged sample does not have; a cell-level
    issue quotes the value as written (an element-level one quotes the element)."""
    if number in published.rejects:
        code, fields = published.rejects[number]
        return f"rejected ({code})" if value in (fields or []) else None
    fact = published.facts.get(number)
    if fact is None:
        return None
    movie = fact["movie_id"]
    before = set(baseline.issues.get((movie, column), []))
    new_issues = [(code, raw) for code, raw in published.issues.get((movie, column), []) if (code, raw) not in before]
    for code, raw in new_issues:
        if code.endswith("_element") or value in (raw or ""):
            return f"kept, marked {code}"
    if kept_as_written(column, value, fact, published):
        return "kept as written" if value else "kept, unknown"
    return None


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Published:
    root = tmp_path_factory.mktemp("baseline")
    return run_and_read(SAMPLE_CSV, root)


def other_rows(published: Published, changed: set[int]) -> tuple[dict, dict]:
    movies = {fact["movie_id"] for number, fact in published.facts.items() if number in changed}
    facts = {
        number: {key: value for key, value in fact.items() if key != "source_file"}
        for number, fact in published.facts.items()
        if number not in changed
    }
    bridges = {
        table: {row for row in published.bridges[table] if row[0] not in movies} for table in COMPARED_BRIDGES
    }
    return facts, bridges


@pytest.mark.parametrize("kind", list(KINDS))
def test_one_bad_value_in_any_column_never_blocks_the_publish(kind, baseline, tmp_path):
    value = KINDS[kind]
    header, records = sample_rows()
    targets = chosen_records(header, records)
    for column, number in targets.items():
        records[number - 1][header.index(column)] = value
    csv_path = tmp_path / "movies_metadata.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows([header, *records])

    published = run_and_read(csv_path, tmp_path)

    changed = set(targets.values())
    assert other_rows(published, changed) == other_rows(baseline, changed), (
        f"{kind}: a record that was not changed has other answers than on the sample"
    )
    outcomes = {column: outcome(column, value, number, published, baseline) for column, number in targets.items()}
    print(f"\n{kind!r} ({len(value)} characters) in each column:")
    for column, became in outcomes.items():
        print(f"  {column:22} record {targets[column]:5}: {became or 'LOST OR CHANGED SILENTLY'}")
    lost = [column for column, became in outcomes.items() if became is None]
    assert not lost, f"{kind}: the value was lost or changed without a mark in {lost}"
