"""The nine yearly answers asked through MetricFlow equal the marts, row for row.

The marts are SQL of their own (company_yearly_metrics, genre_yearly_metrics,
company_releases_by_genre_by_year, genre_most_popular_by_year); MetricFlow computes the same
figures from the semantic models of models/marts/core/_core__semantic.yml. Runs for the sample
and for the quirks file (the `built` fixture). MetricFlow's rows of movies without a release
date (metric_time NULL) are left out, as every yearly mart leaves those movies out.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
import yaml

from dbt_build import PROJECT_DIR
from metricflow_queries import metricflow_place, mf_query

# mart -> its figure columns: (column, metric, kind, the metric counting the movies it rests on)
COMPANY_MARTS = {
    "company_budget_by_year": [
        ("movie_count", "company_movie_count", "count", None),
        ("movies_with_budget", "company_movies_with_budget", "count", None),
        ("total_budget", "company_budget", "money", None),
        ("total_budget_real", "company_budget_real", "restated", "company_movies_with_budget"),
    ],
    "company_revenue_by_year": [
        ("movie_count", "company_movie_count", "count", None),
        ("movies_with_revenue", "company_movies_with_revenue", "count", None),
        ("total_revenue", "company_revenue", "money", None),
        ("total_revenue_real", "company_revenue_real", "restated", "company_movies_with_revenue"),
    ],
    "company_profit_by_year": [
        ("movie_count", "company_movie_count", "count", None),
        ("movies_with_financials", "company_movies_with_financials", "count", None),
        ("total_profit", "company_profit", "money", None),
        ("total_profit_real", "company_profit_real", "restated", "company_movies_with_financials"),
    ],
    "company_popularity_by_year": [
        ("movie_count", "company_movie_count", "count", None),
        ("movies_with_popularity", "company_movies_with_popularity", "count", None),
        ("avg_popularity", "company_popularity", "average", None),
    ],
}
GENRE_MARTS = {
    mart.replace("company", "genre"): [
        (column, metric.replace("company", "genre"), kind, count and count.replace("company", "genre"))
        for column, metric, kind, count in figures
    ]
    for mart, figures in COMPANY_MARTS.items()
    if mart != "company_popularity_by_year"
}


def year_of(metric_time: str | None) -> int | None:
    """The year of a metric_time__year cell (yyyy-01-01 ...)."""
    return int(metric_time[:4]) if metric_time else None


def same(kind: str, mart_value, metric_value: str | None, movies: int) -> bool:
    """Whether a mart's figure and MetricFlow's agree, as the kind of figure allows."""
    if mart_value is None or metric_value is None:
        return mart_value is None and metric_value is None
    if kind == "count":
        return int(mart_value) == int(metric_value)
    if kind == "average":
        return math.isclose(float(mart_value), float(metric_value), rel_tol=1e-9)
    if kind == "money":
        # MetricFlow hands the sum back as a double: equal to its precision
        return math.isclose(float(mart_value), float(metric_value), rel_tol=1e-12)
    # restated: the mart restates the year's sum to the cent, the metric sums the movies'
    # amounts each restated to the cent, so they differ by at most half a cent per movie
    # (and by the double's precision, in which MetricFlow hands the sum back)
    difference = abs(Decimal(str(mart_value)) - Decimal(metric_value))
    double_precision = abs(Decimal(metric_value)) * Decimal("1e-15")
    return difference <= max(Decimal("0.005") * (movies + 1), double_precision)


def compare(connection, mart: str, keys: list[str], figures, metric_rows: dict) -> None:
    """Every row of the mart has MetricFlow's row with the same key and figures, and no more."""
    columns = [column for column, _, _, _ in figures]
    mart_rows = {
        tuple(row[: len(keys)]): row[len(keys):]
        for row in connection.execute(
            f"select {', '.join(keys + columns)} from marts.{mart}"
        ).fetchall()
    }
    assert mart_rows, f"marts.{mart} is empty: nothing to compare"
    assert sorted(metric_rows) == sorted(mart_rows), f"{mart}: MetricFlow's keys differ"
    wrong = []
    for key, mart_values in mart_rows.items():
        row = metric_rows[key]
        for (column, metric, kind, count), mart_value in zip(figures, mart_values):
            movies = int(row[count] or 0) if count else 0
            if not same(kind, mart_value, row[metric], movies):
                wrong.append((key, column, mart_value, row[metric]))
    assert wrong == [], f"{mart}: {len(wrong)} figures differ, first {wrong[:5]}"


@pytest.fixture(scope="module")
def place(built, tmp_path_factory):
    connection, _ = built
    return metricflow_place(connection, tmp_path_factory.mktemp("metricflow"))


@pytest.mark.parametrize("area,marts", [("company", COMPANY_MARTS), ("genre", GENRE_MARTS)])
def test_yearly_figures_equal_the_marts(built, place, area, marts):
    connection, _ = built
    metrics = sorted({metric for figures in marts.values() for _, metric, _, _ in figures})
    rows = mf_query(place, metrics, [area, f"{area}__{area}_name", "metric_time__year"])
    by_key = {
        (int(row[area]), row[f"{area}__{area}_name"], year_of(row["metric_time__year"])): row
        for row in rows
        if row["metric_time__year"] is not None
    }
    assert len(by_key) == sum(row["metric_time__year"] is not None for row in rows)
    for mart, figures in marts.items():
        compare(connection, mart, [f"{area}_id", f"{area}_name", "release_year"], figures, by_key)


def test_company_releases_by_genre_equal_the_mart(built, place):
    connection, _ = built
    rows = mf_query(
        place,
        ["company_releases_by_genre"],
        ["company", "company__company_name", "genre", "genre__genre_name", "metric_time__year"],
    )
    by_key = {
        (int(row["company"]), row["company__company_name"], int(row["genre"]),
         row["genre__genre_name"], year_of(row["metric_time__year"])): row
        for row in rows
        if row["metric_time__year"] is not None
    }
    compare(
        connection,
        "company_releases_by_genre_by_year",
        ["company_id", "company_name", "genre_id", "genre_name", "release_year"],
        [("release_count", "company_releases_by_genre", "count", None)],
        by_key,
    )


def test_most_popular_genre_follows_from_the_genre_popularity(built, place):
    """The mart's pick per year is the arg-max of genre_popularity: highest average (to six
    decimals), then most movies, then the first name; genres under the var's minimum of
    movies do not compete."""
    connection, _ = built
    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    minimum = project["vars"]["most_popular_genre_min_movies"]
    rows = mf_query(
        place,
        ["genre_popularity", "genre_movie_count", "genre_movies_with_popularity"],
        ["genre", "genre__genre_name", "metric_time__year"],
    )
    contenders: dict[int, list[dict]] = {}
    for row in rows:
        year = year_of(row["metric_time__year"])
        if year is not None and row["genre_popularity"] is not None and int(row["genre_movie_count"]) >= minimum:
            contenders.setdefault(year, []).append(row)
    picks = {}
    for year, genres in contenders.items():
        best = min(
            genres,
            key=lambda row: (-round(float(row["genre_popularity"]), 6), -int(row["genre_movie_count"]),
                             row["genre__genre_name"]),
        )
        picks[year] = (int(best["genre"]), best["genre__genre_name"], int(best["genre_movie_count"]),
                       int(best["genre_movies_with_popularity"]), float(best["genre_popularity"]),
                       len(genres))
    mart = {
        year: rest
        for year, *rest in connection.execute(
            "select release_year, genre_id, genre_name, movie_count, movies_with_popularity,"
            " avg_popularity, contender_count from marts.genre_most_popular_by_year"
        ).fetchall()
    }
    assert mart, "genre_most_popular_by_year is empty: nothing to compare"
    assert sorted(picks) == sorted(mart)
    for year, (genre_id, name, movies, with_popularity, popularity, contender_count) in picks.items():
        assert mart[year][:4] == [genre_id, name, movies, with_popularity], year
        assert math.isclose(mart[year][4], popularity, rel_tol=1e-9), year
        assert mart[year][5] == contender_count, year
