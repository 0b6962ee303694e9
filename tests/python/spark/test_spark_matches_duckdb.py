"""The spark target builds the same warehouse as DuckDB, table for table and row for row.

Each input (the bundled sample, and a file with every known quirk of the full file
planted in it) is built on DuckDB and on Spark (dbt-spark, session method, local); every
public table must have the same columns, the same types and the same rows: equal
integers, decimals, strings, dates and lists, doubles within 1e-9 relative.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from built_tables import FLOAT_RELATIVE_TOLERANCE, Table, row_differences
from reader_edges import ESCAPED_NAMES, ESCAPES_IN_A_LIST_CELL
from spark_dbt_build import missing_spark_requirement

NINE_MARTS = (
    "company_budget_by_year",
    "company_revenue_by_year",
    "company_profit_by_year",
    "company_popularity_by_year",
    "company_releases_by_genre_by_year",
    "genre_budget_by_year",
    "genre_revenue_by_year",
    "genre_profit_by_year",
    "genre_most_popular_by_year",
)
COMPARED_TABLES = (
    *(f"marts.{mart}" for mart in NINE_MARTS),
    "marts.company_yearly_metrics",
    "marts.genre_yearly_metrics",
    "marts.company_leaders",
    "marts.genre_movie_counts_by_year",
    "core.fct_movie",
    "core.dim_company",
    "core.dim_genre",
    "core.dim_country",
    "core.dim_language",
    "core.dim_collection",
    "core.bridge_movie_company",
    "core.bridge_movie_genre",
    "core.bridge_movie_country",
    "core.bridge_movie_language",
    "core.fct_movie_company",
    "core.fct_movie_genre",
    "core.fct_movie_company_genre",
    "core.dim_date",
    "audit.rejected_movie_records",
    "audit.superseded_movie_records",
    "audit.movie_field_issues",
    "audit.movie_record_reconciliation",
    "audit.movie_money_issues",
    "audit.company_money_issues_by_year",
    "audit.genre_money_issues_by_year",
    "audit.loaded_source_files",
)
# On the sample the audit tables may rightly be empty; these never are.
NEVER_EMPTY = tuple(name for name in COMPARED_TABLES if not name.startswith("audit.")) + (
    "audit.movie_record_reconciliation",
)

missing = missing_spark_requirement()
pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(missing is not None, reason=f"spark target cannot run: {missing}"),
]


def test_every_public_table_is_compared(builds):
    unlisted = sorted(builds.duckdb.keys() - set(COMPARED_TABLES))
    assert not unlisted, f"add {unlisted} to COMPARED_TABLES in {__file__}"


def test_spark_builds_the_same_public_tables(builds):
    assert sorted(builds.spark) == sorted(builds.duckdb)


@pytest.mark.parametrize("table_name", COMPARED_TABLES)
def test_table_is_equal(builds, table_name):
    expected, actual = builds.duckdb[table_name], builds.spark[table_name]
    assert actual.columns == expected.columns
    if table_name in NEVER_EMPTY:
        assert expected.rows, f"{table_name} is empty on DuckDB: nothing would be compared"
    assert len(actual.rows) == len(expected.rows)
    assert row_differences(expected, actual) == []


def test_each_input_reaches_the_paths_it_is_there_for(builds):
    """The comparison is not vacuous: the sample has a duplicated id (105045); the planted
    file reaches the repair paths, records of every width class and beyond-2^63 money."""
    duckdb_tables = builds.duckdb
    assert duckdb_tables["audit.superseded_movie_records"].rows
    if builds.input_name == "quirks":
        issues = set(values(duckdb_tables["audit.movie_field_issues"], "issue_code"))
        assert {"repaired_cell", "malformed_element", "repeated_element", "invalid_number"} <= issues
        widths = set(values(duckdb_tables["audit.rejected_movie_records"], "field_count"))
        assert {1, 10, 15, 25, 40} <= widths
        real_budgets = values(duckdb_tables["marts.company_yearly_metrics"], "total_budget_real")
        assert max(budget or 0 for budget in real_budgets) > 2**63
        company_names = set(values(duckdb_tables["core.dim_company"], "company_name"))
        assert set(ESCAPED_NAMES) <= company_names


def test_the_escapes_record_holds_every_escape_repr_writes():
    for escape in ("\\t", "\\n", "\\r", "\\\\", "\\'", "\\x85", "\\x07", "\\u200b", "\\U000e0041"):
        assert escape in ESCAPES_IN_A_LIST_CELL, escape


def values(table: Table, column_name: str) -> list:
    position = [name for name, _ in table.columns].index(column_name)
    return [row[position] for row in table.rows]


def test_row_differences_sees_a_cent_and_a_drifting_double():
    """The comparison is strict where it must be and tolerant only for doubles."""
    columns = [("genre_id", "BIGINT"), ("year", "INTEGER"), ("total", "DECIMAL(38,2)"), ("average", "DOUBLE")]
    base = Table(columns, [(1, 1995, Decimal("10.00"), 1.0), (2, 1995, None, None)])
    drifted = Table(columns, [(1, 1995, Decimal("10.00"), 1.0 + 1e-12), (2, 1995, None, None)])
    off_by_a_cent = Table(columns, [(1, 1995, Decimal("10.01"), 1.0), (2, 1995, None, None)])
    off_double = Table(
        columns, [(1, 1995, Decimal("10.00"), 1.0 + 10 * FLOAT_RELATIVE_TOLERANCE), (2, 1995, None, None)]
    )
    missing_row = Table(columns, base.rows[:1])
    assert row_differences(base, drifted) == []
    assert row_differences(base, off_by_a_cent)
    assert row_differences(base, off_double)
    assert row_differences(base, missing_row)
    dated = [("release_date", "DATE")]
    assert row_differences(Table(dated, [(date(1995, 1, 2),)]), Table(dated, [(date(1995, 1, 3),)]))
