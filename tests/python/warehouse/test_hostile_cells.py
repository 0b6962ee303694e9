"""Property: no cell value fails the build; each is typed by the rules or is a field issue.

Hypothesis draws batches of records made of hostile cells (tests/python/warehouse/
hostile_cells.py), writes each batch as a movies_metadata.csv and runs the whole dbt
build on it (every error-severity test must pass). The warehouse must then equal the
independent Python computation (reference_answers.py, the same comparisons as
test_warehouse_matches_reference.py), and every value the rules leave unknown, other
than an empty cell or a money 0, must have its row in audit.movie_field_issues.

A build is ~10 s, so each example is one batch of RECORDS_PER_BUILD records and there
are few examples; the CSV and warehouse paths stay the same so dbt reuses its parse.
Examples are derandomized (the same on every run, as CI needs); set
MOVIES_HYPOTHESIS_RANDOM=1 to explore new ones.
"""

from __future__ import annotations

import csv
import math
import os
import re
import warnings
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, Phase, given, settings

import test_warehouse_matches_reference as reference_checks
from conftest import build_warehouse
from hostile_cells import HEADER, hostile_records
from reference_answers import (
    ID_COLUMNS,
    LITERAL_COLUMNS,
    Reference,
    compute,
    known_amount,
    known_popularity,
    literal_elements,
    literal_eval,
    release_year,
)

pytestmark = pytest.mark.slow

RECORDS_PER_BUILD = 50
FIRST_ID = 100
INT32 = range(-(2**31), 2**31)


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def build(records: list[list[str]], work_dir: Path) -> tuple[duckdb.DuckDBPyConnection, Reference, Path]:
    csv_path = work_dir / "movies_metadata.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(records)
    (work_dir / "movies.duckdb").unlink(missing_ok=True)
    # Unit tests do not read the file: one run of them (the warehouse tests) is enough.
    warehouse = build_warehouse(csv_path, work_dir, ("--exclude-resource-type", "unit_test"))
    with warnings.catch_warnings():  # literal_eval warns on an unknown escape such as \q
        warnings.simplefilter("ignore", SyntaxWarning)
        reference = compute(csv_path)
    return duckdb.connect(str(warehouse), read_only=True), reference, csv_path


def finite_number(text: str) -> float | None:
    if not text.isascii():
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def whole_number(text: str) -> int | None:
    text = text.strip(" ")
    if not re.fullmatch(r"[+-]?[0-9]+", text) or int(text) not in INT32:
        return None
    return int(text)


def is_zero(text: str) -> bool:
    try:
        return float(text.strip()) == 0
    except ValueError:
        return False


def is_clean_list(column: str, cell: str) -> bool:
    """True when the cell is a literal whose every element is kept: no issue is due."""
    cell = cell.strip()
    if not cell:
        return True
    try:
        value = literal_eval(cell)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return False
    if value is None:
        return True
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):  # a tuple or a scalar
        return False
    kept = literal_elements(cell, LITERAL_COLUMNS[column], column in ID_COLUMNS)
    return len(kept) == len(value) and (column != "belongs_to_collection" or len(value) <= 1)


def assert_matches_reference(connection: duckdb.DuckDBPyConnection, reference: Reference) -> None:
    built = (connection, reference)
    reference_checks.test_every_record_is_accounted_for(built)
    reference_checks.test_rejected_records_carry_the_expected_code(built)
    reference_checks.test_fact_holds_the_winning_version_with_typed_measures(built)
    for column in reference_checks.BRIDGES:
        reference_checks.test_bridge_holds_exactly_the_literal_eval_triples(built, column)
    reference_checks.test_collections_match_literal_eval(built)
    for entity in ("company", "genre"):
        for measure in reference_checks.MONEY_MARTS:
            reference_checks.test_money_marts_match_reference(built, entity, measure)
    reference_checks.test_company_popularity_matches_reference(built)
    reference_checks.test_company_releases_by_genre_match_reference(built)
    reference_checks.test_most_popular_genre_matches_reference(built)
    reference_checks.test_movies_without_a_year_are_in_no_yearly_mart(built)


def assert_unknowns_are_recorded(connection: duckdb.DuckDBPyConnection, csv_path: Path) -> None:
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    issues = set(connection.execute("select movie_id, column_name from audit.movie_field_issues").fetchall())
    fact = {
        row[0]: row[1:]
        for row in connection.execute(
            "select movie_id, runtime_minutes, vote_average, vote_count from core.fct_movie"
        ).fetchall()
    }
    for row in rows:
        movie_id = int(row["id"])
        runtime = finite_number(row["runtime"])
        typed = {
            "budget": known_amount(row["budget"]),
            "revenue": known_amount(row["revenue"]),
            "popularity": known_popularity(row["popularity"]),
            "runtime": runtime if runtime is not None and runtime >= 0 else None,
            "vote_average": finite_number(row["vote_average"]),
            "vote_count": whole_number(row["vote_count"]),
            "release_date": release_year(row["release_date"]),
        }
        # budget, revenue, popularity and the year are compared by assert_matches_reference
        got_runtime, got_vote_average, got_vote_count = fact[movie_id]
        assert reference_checks.same_float(got_runtime, typed["runtime"]), (movie_id, row["runtime"])
        assert reference_checks.same_float(got_vote_average, typed["vote_average"]), (movie_id, row["vote_average"])
        assert got_vote_count == typed["vote_count"], (movie_id, row["vote_count"])
        for column, value in typed.items():
            raw = row[column]
            ordinary_unknown = raw.strip(" ") == "" or (column in {"budget", "revenue"} and is_zero(raw))
            if value is None and not ordinary_unknown:
                assert (movie_id, column) in issues, f"movie {movie_id}: {column} {raw!r} is unknown but not recorded"
        for column in LITERAL_COLUMNS:
            if not is_clean_list(column, row[column]):
                assert (movie_id, column) in issues, f"movie {movie_id}: {column} {row[column]!r} lost elements unrecorded"


PHASES = (Phase.explicit, Phase.reuse, Phase.generate)  # no shrinking: a build is ~10 s


@settings(
    max_examples=int(os.environ.get("MOVIES_HYPOTHESIS_EXAMPLES", "4")),
    deadline=None,
    derandomize=os.environ.get("MOVIES_HYPOTHESIS_RANDOM") != "1",
    database=None,
    phases=PHASES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(records=hostile_records(FIRST_ID, RECORDS_PER_BUILD))
def test_hostile_cells_build_and_are_typed_or_recorded(records, work_dir):
    connection, reference, csv_path = build(records, work_dir)
    try:
        assert_matches_reference(connection, reference)
        assert_unknowns_are_recorded(connection, csv_path)
    finally:
        connection.close()
