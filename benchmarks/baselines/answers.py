"""The nine answers every contender computes: each mart's name and the columns that key
one row of it. The plain-DuckDB floor, the benchmark harness and the test that the
baselines agree all read them here."""

from __future__ import annotations

ANSWER_KEYS: dict[str, tuple[str, ...]] = {
    "company_budget_by_year": ("company_id", "release_year"),
    "company_revenue_by_year": ("company_id", "release_year"),
    "company_profit_by_year": ("company_id", "release_year"),
    "company_popularity_by_year": ("company_id", "release_year"),
    "company_releases_by_genre_by_year": ("company_id", "genre_id", "release_year"),
    "genre_budget_by_year": ("genre_id", "release_year"),
    "genre_revenue_by_year": ("genre_id", "release_year"),
    "genre_profit_by_year": ("genre_id", "release_year"),
    "genre_most_popular_by_year": ("release_year",),
}
ANSWERS = tuple(ANSWER_KEYS)
