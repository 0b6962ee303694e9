"""What the report reads from a built warehouse: the marts, the core star schema and the money audit."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Money:
    """One money measure and the names it has in the marts, the core fact table and the money audit."""

    name: str
    total_column: str
    known_count_column: str
    known_flag_column: str
    # The fct_movie amounts the measure is made of: an implausible one taints the measure.
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


def distinct_movies(
    connection: duckdb.DuckDBPyConnection,
    bridge: str,
    entity_column: str,
    entity_ids: Sequence[object] | None = None,
    flag_column: str | None = None,
) -> int:
    """Distinct movies with a release year linked through `bridge`, optionally to some entities and with a flag set."""
    conditions = ["movie.release_year is not null"]
    parameters: list[object] = []
    if entity_ids is not None:
        conditions.append(f"list_contains(?, link.{entity_column})")
        parameters.append(list(entity_ids))
    if flag_column is not None:
        conditions.append(f"movie.{flag_column}")
    sql = f"""
        select count(distinct movie.movie_id)
        from core.fct_movie as movie
        inner join core.{bridge} as link on movie.movie_id = link.movie_id
        where {' and '.join(conditions)}
    """
    return rows(connection, sql, parameters)[0][0]


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
    connection: duckdb.DuckDBPyConnection, money: Money, bridge: str, entity_column: str,
) -> dict[tuple[object, int], list[ImplausibleAmount]]:
    """{(entity id, year): the amounts in its `money` total that `audit.movie_money_issues` flags as implausible}.

    An amount counts where the mart counts it: the movie has a release year and the measure is known for it
    (a flagged budget is in a profit total only when the revenue is known too).
    """
    found = rows(
        connection,
        f"""
        select link.{entity_column}, issue.release_year, issue.title, issue.column_name, issue.amount, issue.issue
        from audit.movie_money_issues as issue
        inner join core.fct_movie as movie on issue.movie_id = movie.movie_id
        inner join core.{bridge} as link on issue.movie_id = link.movie_id
        where issue.release_year is not null
            and movie.{money.known_flag_column}
            and list_contains(?, issue.column_name)
        order by link.{entity_column}, issue.release_year, issue.title, issue.column_name
        """,
        [list(money.amount_columns)],
    )
    by_point: dict[tuple[object, int], list[ImplausibleAmount]] = defaultdict(list)
    for entity_id, year, title, column_name, amount, issue in found:
        by_point[(entity_id, year)].append(ImplausibleAmount(title, year, column_name, float(amount), issue))
    return dict(by_point)
