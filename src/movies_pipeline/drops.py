"""Hourly drops: which raw files exist, which the warehouse has loaded, which to load now.

    DROPS_DIR/[raw/movies/]ingest_hour=2026-11-25T13/part-0.csv

Each drop is a complete movies_metadata.csv (header included) holding the new movies and
the new versions of existing ones ingested that hour. The warehouse records every loaded
file in intermediate.int_movie_records_loaded.source_file as `ingest_hour=<hour>/<file>`,
the same key this module computes, so it knows what is pending without any state of its
own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from movies_pipeline.errors import UsageError

HOUR_FORMAT = "%Y-%m-%dT%H"
HOUR_FOLDER = re.compile(r"ingest_hour=(\d{4}-\d{2}-\d{2}T\d{2})")


@dataclass(frozen=True, order=True)
class Drop:
    hour: str
    path: Path

    @property
    def key(self) -> str:
        """How the warehouse names the file: independent of where the drops folder lives."""
        return f"ingest_hour={self.hour}/{self.path.name}"


@dataclass(frozen=True)
class DropSelection:
    """What a drops run loads, and how."""

    drops: list[Drop]
    load_mode: str  # "hourly": on top of the published warehouse; "full": a fresh build
    reason: str


def parse_hour(text: str, option: str) -> str:
    try:
        return dt.datetime.strptime(text, HOUR_FORMAT).strftime(HOUR_FORMAT)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not an hour", "write it like 2026-11-25T13") from None


def is_drops_dir(path: Path) -> bool:
    return path.is_dir() and any(_hour_folders(path))


def _hour_folders(root: Path) -> list[Path]:
    base = root / "raw" / "movies" if (root / "raw" / "movies").is_dir() else root
    return sorted(folder for folder in base.glob("ingest_hour=*") if folder.is_dir())


def find_drops(root: Path) -> list[Drop]:
    """Every CSV in an ingest_hour=<hour> folder under root, oldest hour first."""
    drops = []
    for folder in _hour_folders(root):
        match = HOUR_FOLDER.fullmatch(folder.name)
        if match is None:
            raise UsageError(f"{folder} is not named ingest_hour=YYYY-MM-DDTHH", "rename or remove it")
        drops.extend(Drop(match.group(1), path) for path in sorted(folder.glob("*.csv")))
    if not drops:
        raise UsageError(f"no drops under {root}", "expected ingest_hour=YYYY-MM-DDTHH/*.csv folders")
    return sorted(drops)


def loaded_keys(warehouse: Path) -> set[str] | None:
    """The drop files the published warehouse has loaded; None when there is no warehouse yet."""
    if not warehouse.exists():
        return None
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        found = connection.execute(
            "select count(*) from information_schema.tables"
            " where table_schema = 'intermediate' and table_name = 'int_movie_records_loaded'"
        ).fetchone()
        if not found or not found[0]:
            return set()
        rows = connection.execute(
            "select distinct source_file from intermediate.int_movie_records_loaded"
        ).fetchall()
    return {row[0] for row in rows}


def select_drops(
    root: Path,
    warehouse: Path,
    *,
    from_hour: str | None = None,
    to_hour: str | None = None,
    rebuild: bool = False,
) -> DropSelection:
    """Pending drops for an hourly run; the drops of a range for a backfill; all for a rebuild."""
    drops = find_drops(root)
    loaded = loaded_keys(warehouse)
    if rebuild or loaded is None or not loaded & {drop.key for drop in drops}:
        why = "rebuild requested" if rebuild else "no drop of this folder is in the warehouse yet"
        return DropSelection(drops, "full", f"{why}: a fresh build over all {len(drops)} drop(s)")
    if from_hour or to_hour:
        low, high = from_hour or drops[0].hour, to_hour or drops[-1].hour
        if low > high:
            raise UsageError(f"--from {low} is after --to {high}", "swap them")
        chosen = [drop for drop in drops if low <= drop.hour <= high]
        return DropSelection(chosen, "hourly", f"backfill of {low}..{high}: {len(chosen)} drop(s) reloaded")
    pending = [drop for drop in drops if drop.key not in loaded]
    return DropSelection(pending, "hourly", f"{len(pending)} drop(s) not loaded yet")
