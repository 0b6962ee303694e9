"""What the report reads from a built warehouse: small marts made for it (the company leaders, the genre movie counts,
the flagged amounts by company and by genre) beside the nine answers, never a whole bridge table."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Money:
    """One money measure and the names it has in the marts and the money audit."""

    name: str
    total_column: str
    known_count_column: str
    known_flag_column: str
    # The amounts the measure is made of (`column_name` of the money audit): an implausible one taints it.
    amount_columns: tuple[str, ...]


BUDGET = Money("budget", "total_budget", "movies_with_budget", "has_budget", ("budget",))
REVENUE = Money("revenue", "total_revenue", "movies_with_revenue", "has_revenue", ("revenue",))
PROFIT = Money("profit", "total_profit", "movies_with_financials", "has_financials", ("budget", "revenue"))
MONEY_KNOWN_PHRASE = {
    "budget": "a known budget",
    "revenue": "a known revenue",
    "profit": "both budget and revenue known",
}


def rows(connection: duckdb.DuckDBPyConnection, sql: str, parameters: Sequence[object] = ()) -> list[tuple]:
    return connection.execute(sql, list(parameters)).fetchall()


def dollar_year(connection: duckdb.DuckDBPyConnection) -> int:
    """The latest year of the CPI seed: the `_real` columns are in dollars of this year."""
    return rows(connection, "select max(year) from reference.us_cpi_by_year")[0][0]


def leading_companies(
    connection: duckdb.DuckDBPyConnection, ranked_by: str, top_count: int,
) -> list[tuple[object, str]]:
    """(company id, name) of the `top_count` leaders of one ranking of `marts.company_leaders`, best first.

    `ranked_by` is `budget`, `revenue`, `profit` (constant-dollar total), `releases` or `genre_releases`; the mart
    keeps the top `company_leader_count` companies of each (the dbt var, 8: TOP_COMPANY_COUNT).
    """
    return rows(
        connection,
        """
        select company_id, company_name from marts.company_leaders
        where ranked_by = ? and company_rank <= ?
        order by company_rank
        """,
        [ranked_by, top_count],
    )


def leaders_movie_count(connection: duckdb.DuckDBPyConnection, ranked_by: str, leader_count: int) -> int:
    """Distinct movies the first `leader_count` leaders of a ranking rest on (dated, with the ranking's money known)."""
    found = rows(
        connection,
        "select leaders_movie_count from marts.company_leaders where ranked_by = ? and company_rank = ?",
        [ranked_by, leader_count],
    )
    return found[0][0] if found else 0


def genre_movie_count(connection: duckdb.DuckDBPyConnection, count_column: str = "movie_count") -> int:
    """Distinct movies with a genre and a release year (`count_column`: those with some money known), each once."""
    return rows(connection, f"select coalesce(sum({count_column}), 0) from marts.genre_movie_counts_by_year")[0][0]


@dataclass(frozen=True)
class ImplausibleAmount:
    """One amount of `audit.movie_money_issues` behind a chart's point."""

    title: str
    release_year: int
    column_name: str
    amount: float
    issue: str

    def key(self) -> tuple:
        return (self.release_year, self.title, self.column_name)

    def rule(self) -> str:
        """The rule broken, as the audit model words it before the colon: "under $1,000"."""
        return self.issue.split(":")[0]

    def describe(self, with_issue: bool = True) -> str:
        named = f"{self.title} ({self.release_year}) {self.column_name} ${self.amount:,.0f}"
        return f"{named}: {self.issue}" if with_issue else named


def implausible_amounts(
    connection: duckdb.DuckDBPyConnection, money: Money, entity: str, entity_ids: Sequence[object] | None = None,
) -> dict[tuple[object, int], list[ImplausibleAmount]]:
    """{(entity id, year): the amounts in its `money` total that `audit.movie_money_issues` flags as implausible}.

    Read from `audit.<entity>_money_issues_by_year` (`entity` is `company` or `genre`), for the entities
    `entity_ids` only when given. An amount counts where the mart counts it: the movie has a release year and the
    measure is known for it (a flagged budget is in a profit total only when the revenue is known too).
    """
    only_some = "" if entity_ids is None else f"and list_contains(?, {entity}_id)"
    found = rows(
        connection,
        f"""
        select {entity}_id, release_year, title, column_name, amount, issue
        from audit.{entity}_money_issues_by_year
        where {money.known_flag_column} and list_contains(?, column_name) {only_some}
        order by {entity}_id, release_year, title, column_name, movie_id
        """,
        [list(money.amount_columns), *([] if entity_ids is None else [list(entity_ids)])],
    )
    by_point: dict[tuple[object, int], list[ImplausibleAmount]] = defaultdict(list)
    for entity_id, year, title, column_name, amount, issue in found:
        by_point[(entity_id, year)].append(ImplausibleAmount(title, year, column_name, float(amount), issue))
    return dict(by_point)
