"""run_summary.json: what one run did, as a typed record (docs/pipeline.md lists the fields)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from movies_pipeline.build import BuildOutcome
from movies_pipeline.drops import DropSelection
from movies_pipeline.fetch import StagedInput
from movies_pipeline.validate import InputReport


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class InputSummary:
    source: str
    kind: str | None = None
    archive_member: str | None = None
    downloaded_bytes: int | None = None
    csv_bytes: int | None = None
    csv_sha256: str | None = None
    csv_records: int | None = None
    known_file: str | None = None

    @classmethod
    def of(cls, source: str, staged: StagedInput | None, report: InputReport | None) -> InputSummary:
        summary = cls(staged.source if staged else source)
        if staged:
            summary.kind, summary.archive_member = staged.kind, staged.archive_member
            summary.downloaded_bytes = staged.downloaded_bytes
        if report:
            summary.csv_bytes, summary.csv_sha256 = report.size_bytes, report.sha256
            summary.csv_records, summary.known_file = report.record_count, report.known_as
        return summary


@dataclass
class DropsSummary:
    load_mode: str
    reason: str
    loaded: list[str]

    @classmethod
    def of(cls, drops: DropSelection | None) -> DropsSummary | None:
        return None if drops is None else cls(drops.load_mode, drops.reason, [drop.key for drop in drops.drops])


@dataclass
class DbtSummary:
    success: bool
    publishable: bool
    error: str | None
    status_counts: dict[str, int]
    results: list[dict[str, Any]]

    @classmethod
    def of(cls, outcome: BuildOutcome | None) -> DbtSummary | None:
        if outcome is None:
            return None
        return cls(outcome.success, outcome.publishable, outcome.dbt_error, outcome.status_counts(), outcome.results)


@dataclass
class WarehouseSummary:
    path: str
    published: str | None = None
    build_file_kept: str | None = None


@dataclass
class RunSummary:
    run_id: str
    warehouse: WarehouseSummary
    input: InputSummary
    status: str = "running"
    exit_code: int | None = None
    error: str | None = None
    started_at: str = field(default_factory=now)
    finished_at: str | None = None
    drops: DropsSummary | None = None
    records: dict[str, int | None] = field(default_factory=dict)
    circuit_breaker: dict[str, Any] | None = None
    warnings: list[dict[str, Any]] = field(default_factory=list)
    field_issues: int | None = None
    durations_seconds: dict[str, float] = field(default_factory=dict)
    dbt: DbtSummary | None = None
    exports: list[dict[str, Any]] = field(default_factory=list)
    report: str | None = None
    report_error: str | None = None
    lock_recovered_from: dict[str, object] | None = None
    stale_build_set_aside: str | None = None
    runs_removed: list[str] = field(default_factory=list)
    publishes_removed: list[str] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), indent=2, default=str) + "\n", encoding="utf-8")
