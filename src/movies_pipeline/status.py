"""`movies-pipeline status`: the health of a warehouse, for a person or a monitor.

The current publish (run id, age, input), the last run's outcome and exit code, the drops
waiting in a drops folder (--drops), and the last runs' counts and warnings; --json for
machines; --max-age HOURS exits 11 when the current publish is older (or there is none).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from movies_pipeline.drops import find_drops, loaded_keys
from movies_pipeline.errors import ExitCode, PipelineError
from movies_pipeline.health import PUBLISHED_STATUSES, age_hours, run_summaries
from movies_pipeline.lineage import latest_lineage
from movies_pipeline.places import add_place_arguments, places_from
from movies_pipeline.publishes import KeptPublishes

RECENT_RUNS = 10


class StaleError(PipelineError):
    exit_code = ExitCode.STALE


def _hours(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of hours") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_place_arguments(parser)
    parser.add_argument("--drops", type=Path, metavar="DIR", help="also list the drops in DIR no run has loaded yet")
    parser.add_argument(
        "--max-age", type=_hours, metavar="HOURS", help="exit 11 when the current publish is older than HOURS"
    )
    parser.add_argument("--json", action="store_true", help="one JSON document instead of text")


def _run_row(summary: dict[str, Any]) -> dict[str, Any]:
    records = summary.get("records") or {}
    return {
        "run_id": summary["run_id"],
        "status": summary.get("status"),
        "exit_code": summary.get("exit_code"),
        "finished_at": summary.get("finished_at"),
        "accepted": records.get("accepted"),
        "rejected": records.get("rejected"),
        "warnings": [warning["message"] for warning in summary.get("warnings") or []],
        "error": summary.get("error"),
    }


def collect(warehouse: Path, output_dir: Path, drops_dir: Path | None) -> dict[str, Any]:
    """Everything status reports, as one JSON-ready document."""
    lineage = latest_lineage(warehouse)
    current = None
    if lineage is not None:
        age = age_hours(lineage["built_at"])
        current = {
            "run_id": lineage["run_id"],
            "built_at": str(lineage["built_at"]),
            "age_seconds": round(age * 3600) if age is not None else None,
            "age_hours": round(age, 3) if age is not None else None,
            "input": lineage["input_source"],
            "input_kind": lineage["input_kind"],
            "load_mode": lineage["load_mode"],
            "kept_publishes": len(KeptPublishes(warehouse).run_ids()),
        }
    runs = [_run_row(summary) for summary in run_summaries(output_dir, warehouse)][-RECENT_RUNS:]
    published = [run["run_id"] for run in runs if run["status"] in PUBLISHED_STATUSES]
    if current is not None and published and published[-1] != current["run_id"]:
        current["rolled_back_from"] = published[-1]  # a rollback made an earlier publish current
    document: dict[str, Any] = {
        "warehouse": str(warehouse),
        "published": warehouse.exists(),
        "current_publish": current,
        "last_run": runs[-1] if runs else None,
        "recent_runs": list(reversed(runs)),
    }
    if drops_dir is not None:
        loaded = loaded_keys(warehouse) or set()
        waiting = [drop.key for drop in find_drops(drops_dir) if drop.key not in loaded]
        document["drops"] = {"folder": str(drops_dir), "waiting": waiting}
    return document


def age_text(seconds: int | None) -> str:
    if seconds is None:
        return "of unknown age"
    if seconds < 120:
        return f"{seconds} s old"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min old"
    return f"{seconds / 3600:.1f} h old"


def _count(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def render(document: dict[str, Any]) -> str:
    lines = [f"warehouse: {document['warehouse']}"]
    current = document["current_publish"]
    if current:
        lines.append(
            f"current publish: {current['run_id']}, built {current['built_at']} ({age_text(current['age_seconds'])}), "
            f"{current['load_mode']} from {current['input']} ({current['kept_publishes']} kept for rollback)"
        )
        if current.get("rolled_back_from"):
            lines.append(f"  rolled back: the newest publishing run is {current['rolled_back_from']}")
    else:
        lines.append("current publish: none" if not document["published"] else "current publish: no lineage")
    last = document["last_run"]
    if last:
        error = f": {last['error']}" if last["error"] else ""
        lines.append(f"last run: {last['run_id']}, {last['status']}, exit {last['exit_code']}{error}")
        lines += [f"  warning: {warning}" for warning in last["warnings"]]
    else:
        lines.append("last run: none in the output folder")
    if "drops" in document:
        waiting = document["drops"]["waiting"]
        shown = ", ".join(waiting[:5]) + (f", ... ({len(waiting) - 5} more)" if len(waiting) > 5 else "")
        listed = f" ({shown})" if waiting else ""
        lines.append(f"drops waiting in {document['drops']['folder']}: {len(waiting)}{listed}")
    if document["recent_runs"]:
        lines.append("recent runs, newest first:")
        lines.append(f"  {'run id':<31} {'status':<23} {'exit':>4} {'accepted':>9} {'rejected':>9} {'warnings':>8}")
        for run in document["recent_runs"]:
            lines.append(
                f"  {run['run_id']:<31} {run['status'] or '?':<23} {run['exit_code']!s:>4} "
                f"{_count(run['accepted']):>9} {_count(run['rejected']):>9} {len(run['warnings']):>8}"
            )
    return "\n".join(lines)


def run(arguments: argparse.Namespace) -> int:
    places = places_from(arguments)
    document = collect(places.warehouse, places.output_dir, arguments.drops)
    print(json.dumps(document, indent=2, default=str) if arguments.json else render(document))
    if arguments.max_age is not None:
        current = document["current_publish"]
        if current is None or current["age_seconds"] is None:
            raise StaleError(f"{places.warehouse} has no current publish", "run movies-pipeline")
        if current["age_seconds"] > arguments.max_age * 3600:
            raise StaleError(
                f"the current publish of {places.warehouse} ({current['run_id']}) is "
                f"{age_text(current['age_seconds'])}, over --max-age {arguments.max_age:g} h",
                "check the scheduled run: `movies-pipeline status` shows the last run's outcome",
            )
    return 0
