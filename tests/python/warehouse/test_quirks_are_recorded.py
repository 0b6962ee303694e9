"""The full file's known quirks land where the docs say: rejects, superseded, field issues."""

from __future__ import annotations

import duckdb
import pytest

from conftest import build_warehouse
from dbt_build import SAMPLE_CSV
from quirks_file import write_quirks_csv


@pytest.fixture(scope="module")
def quirks_warehouse(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    work_dir = tmp_path_factory.mktemp("quirks_recorded")
    csv_path = write_quirks_csv(SAMPLE_CSV, work_dir / "movies_metadata.csv")
    connection = duckdb.connect(str(build_warehouse(csv_path, work_dir)), read_only=True)
    yield connection
    connection.close()


def issues(connection, movie_id: int) -> set[tuple[str, str]]:
    return set(
        connection.execute(
            "select column_name, issue_code from audit.movie_field_issues where movie_id = ?",
            [movie_id],
        ).fetchall()
    )


def test_split_record_halves_are_rejected_with_their_fields(quirks_warehouse):
    rejected = quirks_warehouse.execute(
        "select field_count, raw_id, raw_fields from audit.rejected_movie_records"
        " where reject_code = 'wrong_field_count' order by record_number"
    ).fetchall()
    head, tail = rejected[0], rejected[1]
    assert head[0] == 10 and head[1] == "82663"
    assert tail[0] == 15 and tail[1] == "1997-08-20"
    assert tail[2][2] == "/ff9qCepilowshEtG2GYWwzt2bs4.jpg"


def test_gatorade_cell_is_repaired_and_recorded(quirks_warehouse):
    genres = quirks_warehouse.execute(
        "select genre_id, genre_name from core.bridge_movie_genre where movie_id = 10663"
    ).fetchall()
    assert genres == [(35, "Comedy")]
    assert ("genres", "repaired_cell") in issues(quirks_warehouse, 10663)


def test_dropped_elements_are_recorded(quirks_warehouse):
    recorded = issues(quirks_warehouse, 900001)
    assert ("genres", "malformed_element") in recorded  # the string id '6194'
    assert ("genres", "repeated_element") in recorded  # id 35 twice
    assert ("production_countries", "malformed_element") in recorded  # integer ISO code


def test_unreadable_numbers_and_dates_are_recorded(quirks_warehouse):
    assert {("budget", "invalid_number"), ("revenue", "invalid_number"), ("popularity", "invalid_number")} <= issues(
        quirks_warehouse, 900003
    )
    assert {("budget", "invalid_number"), ("release_date", "invalid_date")} <= issues(quirks_warehouse, 900004)


def test_zero_money_is_unknown_but_not_an_issue(quirks_warehouse):
    (budget,), = quirks_warehouse.execute("select budget from core.fct_movie where movie_id = 900004").fetchall()
    assert budget is None
    assert ("revenue", "invalid_number") not in issues(quirks_warehouse, 900004)


def test_extreme_cells_are_kept_out_and_recorded(quirks_warehouse):
    """The cells that once failed the build (issue 8): typed out, each with a field issue."""
    assert ("budget", "out_of_range") in issues(quirks_warehouse, 960001)  # 1e37
    assert ("revenue", "out_of_range") in issues(quirks_warehouse, 960002)  # sum beyond 10^36
    assert ("revenue", "out_of_range") in issues(quirks_warehouse, 960003)
    assert {
        ("genres", "malformed_element"),  # id 2**63
        ("production_companies", "repaired_cell"),  # \U00110000
        ("release_date", "out_of_range"),  # 0000-01-01
    } <= issues(quirks_warehouse, 960004)
    assert {("production_companies", "repaired_cell"), ("release_date", "out_of_range")} <= issues(
        quirks_warehouse, 960005
    )  # a lone surrogate, 9999-12-31
    assert ("belongs_to_collection", "repeated_element") in issues(quirks_warehouse, 960006)
    fact = {
        movie_id: (budget, revenue, release_year)
        for movie_id, budget, revenue, release_year in quirks_warehouse.execute(
            "select movie_id, budget, revenue, release_year from core.fct_movie"
            " where movie_id between 960001 and 960005"
        ).fetchall()
    }
    assert fact[960001][0] is None and fact[960002][1] is None
    assert fact[960004][2] is None and fact[960005][2] is None
    companies = quirks_warehouse.execute(
        "select movie_id, company_id from core.bridge_movie_company where movie_id in (960004, 960005)"
    ).fetchall()
    assert sorted(companies) == [(960004, 960102), (960005, 960102)]
