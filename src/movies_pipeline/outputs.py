"""The run folder: Parquet exports, errors.log, rejected_records.csv, run_summary.json,
and the `latest` pointer.

A run folder is written under a hidden temporary name (`runs/.<run-id>.partial`) and
renamed to `runs/<run-id>` once complete. `latest` is a symlink to `runs/<run-id>` of the
newest successful run, swapped atomically (a new symlink renamed over the old one).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from movies_pipeline.build import BuildOutcome
from movies_pipeline.exports import chain, exported_runs

REJECTED_CSV = "rejected_records.csv"
ERRORS_LOG = "errors.log"
SUMMARY_JSON = "run_summary.json"
LATEST = "latest"


RUN_ID_PATTERN = re.compile(r"\d{8}T\d{6}\.\d{6}Z-[0-9a-f]{6}")


_last_run_time: list[datetime] = []  # the newest run id's time this process made


def new_run_id(output_dir: Path | None = None) -> str:
    """Unique, and sorting in start order: UTC time to the microsecond plus random hex, always
    after every run id this process made and every one already in output_dir/runs (the clock
    may tick less than a microsecond between two calls, or step back)."""
    now = datetime.now(UTC)
    earlier = list(_last_run_time)
    if output_dir is not None:
        earlier += [_run_time(path.name) for path in _run_entries(output_dir)]
    newest = max(earlier, default=None)
    if newest is not None and newest >= now:
        now = newest + timedelta(microseconds=1)
    _last_run_time[:] = [now]
    return f"{now:%Y%m%dT%H%M%S.%fZ}-{secrets.token_hex(3)}"


def is_run_id(text: str) -> bool:
    return RUN_ID_PATTERN.fullmatch(text) is not None


def _run_entries(output_dir: Path) -> list[Path]:
    runs = output_dir / "runs"
    try:
        return [path for path in runs.iterdir() if is_run_id(path.name.lstrip(".").removesuffix(".partial"))]
    except OSError:
        return []


def prune_runs(output_dir: Path, keep: int, current: str) -> list[str]:
    """Remove the oldest run folders so that `keep` remain, counting the current run (still being
    written under a hidden name); never the current run's, the one latest names, or one the newest
    export's chain reads (exports.py: the current state of the per-movie tables rests on them)."""
    runs = sorted(path for path in _run_entries(output_dir) if not path.name.startswith(".") and path.name != current)
    keep -= 1  # the current run
    latest = output_dir / LATEST
    protected = {current, os.path.basename(os.readlink(latest)) if latest.is_symlink() else ""}
    protected |= {run.folder.name for run in chain(exported_runs(output_dir / "runs"))}
    removed = []
    for path in runs[: max(len(runs) - keep, 0)]:
        if path.name not in protected:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def _run_time(name: str) -> datetime:
    stamp = name.lstrip(".").split("-", 1)[0]
    return datetime.strptime(stamp, "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=UTC)


class RunFolder:
    """output/runs/<run-id>, written as output/runs/.<run-id>.partial until complete."""

    def __init__(self, output_dir: Path, run_id: str) -> None:
        self.output_dir = output_dir
        self.run_id = run_id
        self.final = output_dir / "runs" / run_id
        self.partial = output_dir / "runs" / f".{run_id}.partial"

    def create(self) -> Path:
        self.partial.mkdir(parents=True)
        return self.partial

    def finish(self) -> Path:
        os.replace(self.partial, self.final)
        return self.final

    def point_latest_here(self) -> None:
        link = self.output_dir / LATEST
        temporary = self.output_dir / f".{LATEST}.{self.run_id}"
        temporary.symlink_to(Path("runs") / self.run_id)
        os.replace(temporary, link)


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# The model the command reads to know what the warehouse has loaded (drops.py, circuit_breaker.py):
# the hourly path's public face, never the intermediate layer behind it.
LOADED_FILES_TABLE = "audit.loaded_source_files"


def table_exists(connection: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    found = connection.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchone()
    return bool(found and found[0])


@dataclass
class AuditFacts:
    """What the build's audit schema says about the input records."""

    reconciliation: dict[str, int] | None = None
    rejected: list[dict[str, Any]] = field(default_factory=list)
    field_issues: list[dict[str, Any]] = field(default_factory=list)
    field_issue_count: int = 0


def read_audit(connection: duckdb.DuckDBPyConnection) -> AuditFacts:
    facts = AuditFacts()
    if table_exists(connection, "audit", "movie_record_reconciliation"):
        cursor = connection.execute("select * from audit.movie_record_reconciliation")
        row = cursor.fetchone()
        if row is not None:
            columns = [column[0] for column in cursor.description]
            facts.reconciliation = {name: int(value) for name, value in zip(columns, row, strict=True)}
    if table_exists(connection, "audit", "rejected_movie_records"):
        cursor = connection.execute(
            "select record_number, reject_code, reject_reason, field_count, raw_fields[6] as raw_id "
            "from audit.rejected_movie_records order by record_number"
        )
        columns = [column[0] for column in cursor.description]
        facts.rejected = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    if table_exists(connection, "audit", "movie_field_issues"):
        cursor = connection.execute(
            "select column_name, issue, count(*) as issue_count, "
            "list(movie_id order by movie_id)[1:5] as example_movie_ids "
            "from audit.movie_field_issues group by all order by issue_count desc, column_name, issue"
        )
        columns = [column[0] for column in cursor.description]
        facts.field_issues = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        facts.field_issue_count = sum(issue["issue_count"] for issue in facts.field_issues)
    return facts


def write_rejected_csv(connection: duckdb.DuckDBPyConnection | None, path: Path) -> None:
    """Every rejected record with its reason and raw fields (a JSON array); a header only when none."""
    if connection is not None and table_exists(connection, "audit", "rejected_movie_records"):
        connection.execute(
            "copy (select record_number, reject_code, reject_reason, field_count, "
            "raw_fields[6] as raw_id, to_json(raw_fields) as raw_fields "
            f"from audit.rejected_movie_records order by record_number) to {_quote_literal(str(path))} "
            "(format csv, header true)"
        )
    else:
        path.write_text("record_number,reject_code,reject_reason,field_count,raw_id,raw_fields\n", encoding="utf-8")


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", f"== {title} ==", *(lines or ["(none)"])]


def _describe(result: dict[str, Any]) -> str:
    return f"{result['name']}: {result['status']}: {result['message'] or ''} ({result['unique_id']})"


def write_errors_log(
    path: Path,
    *,
    summary: dict[str, Any],
    audit: AuditFacts | None,
    outcome: BuildOutcome | None,
) -> None:
    """A human-readable account of everything that went wrong or was set aside."""
    lines = [
        f"movies-pipeline run {summary['run_id']}: {summary['status']} (exit code {summary['exit_code']})",
        f"input: {summary['input']['source']}",
    ]
    if summary.get("error"):
        lines += _section("Run error", [summary["error"]])
    if summary.get("warnings"):
        lines += _section("Warnings (published anyway)", [warning["message"] for warning in summary["warnings"]])
    if audit is not None:
        if audit.reconciliation:
            counts = summary["records"]
            lines += [
                f"records: {counts['in']:,} in, {counts['accepted']:,} accepted, "
                f"{counts['superseded']:,} superseded, {counts['rejected']:,} rejected"
            ]
        rejected = [
            f"record {row['record_number']}: {row['reject_code']}: {row['reject_reason']} (raw id: {row['raw_id']!r})"
            for row in audit.rejected
        ]
        lines += _section(f"Rejected records ({len(audit.rejected):,}; details in {REJECTED_CSV})", rejected)
        issues = [
            f"{issue['column_name']}: {issue['issue']}: {issue['issue_count']:,} "
            f"(e.g. movie ids {', '.join(str(movie_id) for movie_id in issue['example_movie_ids'])})"
            for issue in audit.field_issues
        ]
        lines += _section(
            f"Field issues, summarised ({audit.field_issue_count:,}; all in audit/movie_field_issues.parquet)", issues
        )
    if outcome is not None:
        lines += _section("Data test failures", [_describe(result) for result in outcome.failed_tests])
        lines += _section("Data test warnings", [_describe(result) for result in outcome.warned_tests])
        errored = [_describe(result) for result in outcome.with_status("error")]
        if errored or outcome.dbt_error:
            lines += _section("dbt errors", errored + ([outcome.dbt_error] if outcome.dbt_error else []))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def copy_dbt_log(log_dir: Path, run_dir: Path) -> None:
    log = log_dir / "dbt.log"
    if log.exists():
        shutil.copyfile(log, run_dir / "dbt.log")
