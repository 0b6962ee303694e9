"""The warehouse equals an independent Python computation over the same raw file.

Runs for the bundled sample and for a file with every known quirk of the full file
planted in it (tests/python/warehouse/quirks_file.py).
"""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from reference_answers import (
    LITERAL_COLUMNS,
    company_releases_by_genre,
    most_popular_genre,
    yearly_figures,
)

BRIDGES = {
    "genres": ("bridge_movie_genre", "genre_id", "genre_name"),
    "production_companies": ("bridge_movie_company", "company_id", "company_name"),
    "production_countries": ("bridge_movie_country", "country_code", "country_name"),
    "spoken_languages": ("bridge_movie_language", "language_code", "language_name"),
}
MONEY_MARTS = {
    "budget": ("movies_with_budget", "total_budget"),
    "revenue": ("movies_with_revenue", "total_revenue"),
    "profit": ("movies_with_financials", "total_profit"),
}


def rows(connection, sql: str) -> list[tuple]:
    return connection.execute(sql).fetchall()


def same_float(left: float | None, right: float | None) -> bool:
    if left is None or right is None:
        return left is right
    return math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-12)


def test_every_record_is_accounted_for(built):
    connection, reference = built
    (raw, accepted, superseded, rejected, reconciled), = rows(
        connection, "select * from audit.movie_record_reconciliation"
    )
    assert raw == reference.raw_record_count
    assert accepted == len(reference.movies)
    assert superseded == len(reference.superseded)
    assert rejected == len(reference.rejected)
    assert reconciled and raw == accepted + superseded + rejected


def test_rejected_records_carry_the_expected_code(built):
    connection, reference = built
    warehouse = dict(rows(connection, "select record_number, reject_code from audit.rejected_movie_records"))
    assert warehouse == reference.rejected


def test_superseded_duplicates_point_to_the_last_record(built):
    connection, reference = built
    warehouse = dict(
        rows(connection, "select record_number, superseded_by_record_number from audit.superseded_movie_records")
    )
    assert warehouse == reference.superseded


def test_fact_holds_the_winning_version_with_typed_measures(built):
    connection, reference = built
    warehouse = {
        row[0]: row[1:]
        for row in rows(
            connection,
            "select movie_id, record_number, budget, revenue, profit, popularity, release_year"
            " from core.fct_movie",
        )
    }
    expected = {
        movie.movie_id: (
            movie.record_number,
            movie.budget,
            movie.revenue,
            movie.profit,
            movie.popularity,
            movie.release_year,
        )
        for movie in reference.movies.values()
    }
    assert warehouse.keys() == expected.keys()
    for movie_id, values in expected.items():
        got = warehouse[movie_id]
        assert got[:4] == values[:4], movie_id
        assert same_float(got[4], values[4]), movie_id
        assert got[5] == values[5], movie_id


@pytest.mark.parametrize("column", sorted(BRIDGES))
def test_bridge_holds_exactly_the_literal_eval_triples(built, column):
    connection, reference = built
    table, key, name = BRIDGES[column]
    warehouse = set(rows(connection, f"select movie_id, {key}, {name} from core.{table}"))
    expected = {
        (movie.movie_id, element_key, element_name)
        for movie in reference.movies.values()
        for element_key, element_name in movie.elements[column]
    }
    assert warehouse == expected


def test_collections_match_literal_eval(built):
    connection, reference = built
    warehouse = set(rows(connection, "select movie_id, collection_id from core.fct_movie where collection_id is not null"))
    expected = {
        (movie.movie_id, movie.elements["belongs_to_collection"][0][0])
        for movie in reference.movies.values()
        if movie.elements["belongs_to_collection"]
    }
    assert warehouse == expected


@pytest.mark.parametrize("entity", ["company", "genre"])
@pytest.mark.parametrize("measure", sorted(MONEY_MARTS))
def test_money_marts_match_reference(built, entity, measure):
    connection, reference = built
    column = "production_companies" if entity == "company" else "genres"
    count_column, total_column = MONEY_MARTS[measure]
    warehouse = {
        (key, year): (name, movie_count, with_value, total)
        for key, name, year, movie_count, with_value, total in rows(
            connection,
            f"select {entity}_id, {entity}_name, release_year, movie_count, {count_column},"
            f" {total_column} from marts.{entity}_{measure}_by_year",
        )
    }
    expected = {
        group: (f["name"], f["movie_count"], f[count_column], f[total_column])
        for group, f in yearly_figures(reference, column).items()
    }
    assert warehouse == expected


def test_company_popularity_matches_reference(built):
    connection, reference = built
    warehouse = {
        (key, year): (name, movie_count, avg)
        for key, name, year, movie_count, avg in rows(
            connection,
            "select company_id, company_name, release_year, movie_count, avg_popularity"
            " from marts.company_popularity_by_year",
        )
    }
    expected = yearly_figures(reference, "production_companies")
    assert warehouse.keys() == expected.keys()
    for group, figures in expected.items():
        name, movie_count, avg = warehouse[group]
        assert (name, movie_count) == (figures["name"], figures["movie_count"])
        assert same_float(avg, figures["avg_popularity"]), group


def test_company_releases_by_genre_match_reference(built):
    connection, reference = built
    warehouse = {
        (company_id, genre_id, year): count
        for company_id, genre_id, year, count in rows(
            connection,
            "select company_id, genre_id, release_year, release_count"
            " from marts.company_releases_by_genre_by_year",
        )
    }
    assert warehouse == company_releases_by_genre(reference)


def test_most_popular_genre_matches_reference(built):
    connection, reference = built
    warehouse = {
        year: (genre_id, name, movie_count, avg)
        for year, genre_id, name, movie_count, avg in rows(
            connection,
            "select release_year, genre_id, genre_name, movie_count, avg_popularity"
            " from marts.genre_most_popular_by_year",
        )
    }
    expected = most_popular_genre(reference)
    assert warehouse.keys() == expected.keys()
    for year, (genre_id, name, movie_count, avg) in expected.items():
        assert warehouse[year][:3] == (genre_id, name, movie_count), year
        assert same_float(warehouse[year][3], avg), year


def test_movies_without_a_year_are_in_no_yearly_mart(built):
    connection, reference = built
    undated = {m.movie_id for m in reference.movies.values() if m.release_year is None}
    (null_years,), = rows(connection, "select count(*) from marts.company_yearly_metrics where release_year is null")
    assert null_years == 0
    (undated_in_fact,), = rows(connection, "select count(*) from core.fct_movie where release_year is null")
    assert undated_in_fact == len(undated)


def test_literal_columns_cover_every_parsed_column():
    assert set(BRIDGES) | {"belongs_to_collection"} == set(LITERAL_COLUMNS)


def test_sums_beyond_64_bit_integers_stay_exact(built):
    connection, reference = built
    figures = yearly_figures(reference, "production_companies")
    biggest = max(
        (f["total_budget"] for f in figures.values() if f["total_budget"] is not None),
        default=Decimal(0),
    )
    (warehouse_biggest,), = rows(connection, "select max(total_budget) from marts.company_budget_by_year")
    assert warehouse_biggest == biggest
