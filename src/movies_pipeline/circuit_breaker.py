"""The circuit breaker: a build that passed every data test is still not published when its
result is implausible against the input and the warehouse it would replace.

Checks, in order (every one is recorded in run_summary.json with its value and limit):
- accepted movies: at least one. Never overridden: an empty warehouse is never what was meant.
- rejected share: of the records this run loaded, at most --max-rejected-share (1%) were
  rejected. The full file rejects 3 of 45,466 (0.007%); a systematic export mistake (say,
  a trailing comma on every row) rejects them all.
- shrink: the accepted movies fall by at most --max-shrink (10%) against the published
  warehouse. --allow-shrink publishes anyway.
- same kind of input: a warehouse built from a single file is not replaced by one built
  from hourly drops, or the reverse (each would silently drop the other's movies).
  --allow-shrink publishes anyway.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb

from movies_pipeline.errors import ImplausibleResultError, PublishError
from movies_pipeline.outputs import LOADED_FILES_TABLE, table_exists

DEFAULT_MAX_REJECTED_SHARE = 0.01
DEFAULT_MAX_SHRINK = 0.10
FILE, DROPS = "a single file", "hourly drops"


@dataclass(frozen=True)
class BreakerLimits:
    max_rejected_share: float = DEFAULT_MAX_REJECTED_SHARE
    max_shrink: float = DEFAULT_MAX_SHRINK
    allow_shrink: bool = False


@dataclass(frozen=True)
class WarehouseFacts:
    """What a warehouse holds, as far as the breaker is concerned."""

    accepted_movies: int | None
    input_kind: str | None  # FILE, DROPS, or None when it has loaded no records


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    value: float | int | str | None
    limit: str
    reason: str
    overridden: bool = False


def warehouse_facts(connection: duckdb.DuckDBPyConnection) -> WarehouseFacts:
    accepted = None
    if table_exists(connection, "audit", "movie_record_reconciliation"):
        rows = connection.execute("select accepted_movie_count from audit.movie_record_reconciliation").fetchall()
        accepted = int(rows[0][0]) if rows else None
    kind = None
    if table_exists(connection, *LOADED_FILES_TABLE.split(".")):
        drop_files, files = connection.execute(
            f"select count(*) filter (where is_drop), count(*) from {LOADED_FILES_TABLE}"
        ).fetchall()[0]
        if files:
            kind = DROPS if drop_files == files else FILE
    return WarehouseFacts(accepted, kind)


def published_facts(warehouse: Path) -> WarehouseFacts | None:
    """The published warehouse's facts; None when there is none yet."""
    if not warehouse.exists():
        return None
    try:
        with duckdb.connect(str(warehouse), read_only=True) as connection:
            return warehouse_facts(connection)
    except duckdb.Error as error:
        raise PublishError(
            f"cannot read the published warehouse {warehouse}: {' '.join(str(error).split())[:300]}",
            "check that it is a warehouse this command wrote, or publish to a new --warehouse path",
        ) from error


def rejected_share(connection: duckdb.DuckDBPyConnection, loaded_keys: list[str] | None) -> tuple[int, int]:
    """(rejected, loaded) among the records this run loaded: every record, or those of loaded_keys."""
    where, parameters = "", []
    if loaded_keys is not None:
        where, parameters = "where list_contains(?, source_file)", [loaded_keys]
    rejected, loaded = connection.execute(
        "select coalesce(sum(rejected_record_count), 0), coalesce(sum(record_count), 0)"
        f" from {LOADED_FILES_TABLE} {where}",
        parameters,
    ).fetchall()[0]
    return int(rejected), int(loaded)


def evaluate(
    built: WarehouseFacts,
    rejected_and_loaded: tuple[int, int],
    published: WarehouseFacts | None,
    run_kind: str,
    limits: BreakerLimits,
) -> list[Check]:
    checks = []
    accepted = built.accepted_movies or 0
    checks.append(
        Check("accepted movies", accepted > 0, accepted, "> 0", "the build holds no accepted movie")
    )
    rejected, loaded = rejected_and_loaded
    share = rejected / loaded if loaded else 0.0
    checks.append(
        Check(
            "rejected share",
            share <= limits.max_rejected_share,
            round(share, 6),
            f"<= {limits.max_rejected_share:g} (--max-rejected-share)",
            f"{rejected:,} of the {loaded:,} records this run loaded were rejected ({share:.2%}); see "
            "rejected_records.csv for why",
        )
    )
    if published is not None and published.accepted_movies:
        shrink = (published.accepted_movies - accepted) / published.accepted_movies
        checks.append(
            Check(
                "shrink",
                shrink <= limits.max_shrink,
                round(shrink, 6),
                f"<= {limits.max_shrink:g} (--max-shrink; --allow-shrink to publish anyway)",
                f"the warehouse would fall from {published.accepted_movies:,} to {accepted:,} movies "
                f"({shrink:.1%} fewer)",
                overridden=limits.allow_shrink and shrink > limits.max_shrink,
            )
        )
    if published is not None and published.input_kind is not None:
        same = published.input_kind == run_kind
        checks.append(
            Check(
                "same kind of input",
                same,
                run_kind,
                f"{published.input_kind} (--allow-shrink to replace anyway)",
                f"the published warehouse was built from {published.input_kind} and this run builds a new one "
                f"from {run_kind}, which would drop every movie the other input brought",
                overridden=limits.allow_shrink and not same,
            )
        )
    return checks


def summary_of(checks: list[Check], limits: BreakerLimits) -> dict[str, Any]:
    return {"limits": asdict(limits), "checks": [asdict(check) for check in checks]}


def enforce(checks: list[Check], kept_at: Path | None) -> None:
    """Raise ImplausibleResultError for the first failed check that is not overridden."""
    for check in checks:
        if not check.passed and not check.overridden:
            kept = f"; the build is kept at {kept_at}" if kept_at else ""
            raise ImplausibleResultError(
                f"refused to publish an implausible result ({check.name}): {check.reason}",
                f"limit {check.limit}{kept}",
            )
