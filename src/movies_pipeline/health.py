"""Run health: volume warnings at publish time, and what `movies-pipeline status` reports.

Volume rule: a run's accepted movies and rejected records (`records` of run_summary.json) are
each compared with the median of the same count over the last VOLUME_WINDOW runs that published
this warehouse (their run folders in the output folder); with at least VOLUME_MIN_RUNS of them, a
count below VOLUME_LOW or above VOLUME_HIGH times the median is a warning, unless it differs from
the median by fewer than VOLUME_MIN_DIFFERENCE records (so 0 -> 3 rejected is not one). A warning
never stops a publish (the circuit breaker does that); it goes to run_summary.json `warnings`,
errors.log and `status`.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from movies_pipeline.outputs import SUMMARY_JSON, is_run_id

VOLUME_WINDOW = 5
VOLUME_MIN_RUNS = 3
VOLUME_LOW = 0.5
VOLUME_HIGH = 2.0
VOLUME_MIN_DIFFERENCE = 10
PUBLISHED_STATUSES = ("success", "published, then failed")
VOLUME_COUNTS = (("accepted", "accepted movies"), ("rejected", "rejected records"))


@dataclass(frozen=True)
class VolumeWarning:
    check: str  # "accepted" or "rejected"
    value: int
    median: float
    runs: list[str]  # the run ids the median was taken over
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_summaries(output_dir: Path, warehouse: Path) -> list[dict[str, Any]]:
    """The run_summary.json of every finished run folder of this warehouse, oldest first."""
    runs = output_dir / "runs"
    try:
        folders = sorted(path for path in runs.iterdir() if is_run_id(path.name))
    except OSError:
        return []
    summaries = []
    for folder in folders:
        try:
            summary = json.loads((folder / SUMMARY_JSON).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if summary.get("warehouse", {}).get("path") == str(warehouse):
            summaries.append(summary)
    return summaries


def volume_warnings(
    previous: list[dict[str, Any]], records: dict[str, int | None]
) -> list[VolumeWarning]:
    """The volume rule (module docstring) for a run's records against the earlier runs' summaries."""
    published = [
        summary
        for summary in previous
        if summary.get("status") in PUBLISHED_STATUSES and (summary.get("records") or {}).get("accepted") is not None
    ][-VOLUME_WINDOW:]
    if len(published) < VOLUME_MIN_RUNS:
        return []
    warnings = []
    for key, label in VOLUME_COUNTS:
        value = records.get(key)
        history = [summary["records"].get(key) for summary in published]
        if value is None or None in history:
            continue
        median = statistics.median(history)
        outside = value < VOLUME_LOW * median or value > VOLUME_HIGH * median
        if outside and abs(value - median) >= VOLUME_MIN_DIFFERENCE:
            ratio = f"{value / median:.2f}x" if median else "from none"
            warnings.append(
                VolumeWarning(
                    key,
                    value,
                    median,
                    [summary["run_id"] for summary in published],
                    f"{value:,} {label} is {ratio} the median {median:,g} of the last {len(published)} publishes "
                    f"(outside {VOLUME_LOW:g}x..{VOLUME_HIGH:g}x); published anyway, check the input",
                )
            )
    return warnings


def age_hours(built_at: object, now: datetime | None = None) -> float | None:
    """Hours since a lineage row's built_at (a datetime from DuckDB, or ISO text)."""
    if built_at is None:
        return None
    when = built_at if isinstance(built_at, datetime) else datetime.fromisoformat(str(built_at))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return ((now or datetime.now(UTC)) - when).total_seconds() / 3600
