"""Hourly drops: which raw files exist, which the warehouse has loaded, which to load now.

    DROPS_DIR/[raw/movies/]ingest_hour=2026-11-25T13/part-0.csv

Each drop is a complete movies_metadata.csv (header included) holding the new movies and
the new versions of existing ones ingested that hour. The layout is strict: a folder whose
hour is not a real hour (`ingest_hour=2025-13-45T99`), a file that is not a `.csv` (any
case), or anything else beside the hour folders is refused by name, never skipped. The warehouse records every loaded
file in audit.loaded_source_files.source_file as `ingest_hour=<hour>/<file>`,
the same key this module computes, so it knows what is pending without any state of its
own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from movies_pipeline.build import PLAIN_PATH
from movies_pipeline.errors import BadInputError, UsageError
from movies_pipeline.outputs import LOADED_FILES_TABLE, table_exists

HOUR_FORMAT = "%Y-%m-%dT%H"
HOUR_FOLDER_PREFIX = "ingest_hour="
HOUR_FOLDER = re.compile(r"ingest_hour=(\d{4}-\d{2}-\d{2}T\d{2})")
DROP_SUFFIX = ".csv"
LAYOUT_HINT = "a drops folder holds only ingest_hour=YYYY-MM-DDTHH folders, each holding only .csv files"


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


def check_hour_range(from_hour: str | None, to_hour: str | None, rebuild: bool = False) -> None:
    if from_hour and to_hour and from_hour > to_hour:
        raise UsageError(f"--from {from_hour} is after --to {to_hour}", "swap them")
    if rebuild and (from_hour or to_hour):
        # a fresh build over the range alone would publish a warehouse without the other hours
        raise UsageError("--rebuild reloads every drop: it takes no --from or --to", "drop --rebuild or the range")


def is_drops_dir(path: Path) -> bool:
    return path.is_dir() and any(folder.name.startswith(HOUR_FOLDER_PREFIX) for folder in _entries(_base(path)))


def _base(root: Path) -> Path:
    return root / "raw" / "movies" if (root / "raw" / "movies").is_dir() else root


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError as error:
        raise BadInputError(f"cannot read the drops folder {folder}: {error.strerror}", "check its permissions") from error


def _hour_of(folder: Path) -> str:
    """The ingest hour a folder names; refuse a name that is not a real hour."""
    match = HOUR_FOLDER.fullmatch(folder.name)
    hour = None
    if match is not None:
        try:
            hour = dt.datetime.strptime(match.group(1), HOUR_FORMAT).strftime(HOUR_FORMAT)
        except ValueError:
            hour = None
    if hour is None or not folder.is_dir():
        raise BadInputError(
            f"{folder} is not an hour folder named ingest_hour=YYYY-MM-DDTHH with a real date and hour (00-23)",
            f"rename or remove it; {LAYOUT_HINT}",
        )
    return hour


def _drop_files(folder: Path) -> list[Path]:
    """The CSV files of one hour folder; refuse anything else in it."""
    files = []
    for entry in _entries(folder):
        if not (entry.is_file() and entry.name.lower().endswith(DROP_SUFFIX)):
            kind = "folder" if entry.is_dir() else "file"
            raise BadInputError(f"{entry} is a {kind} the command does not load", f"move it away; {LAYOUT_HINT}")
        if not PLAIN_PATH.fullmatch(entry.name):
            raise BadInputError(
                f"{entry}: a drop's name may hold only letters, digits and .-_ (DuckDB reads *?[]{{}} as a pattern)",
                "rename it",
            )
        files.append(entry)
    return files


def find_drops(root: Path) -> list[Drop]:
    """Every CSV in an ingest_hour=<hour> folder under root, oldest hour first."""
    drops = []
    for folder in _entries(_base(root)):
        drops.extend(Drop(_hour_of(folder), path) for path in _drop_files(folder))
    if not drops:
        raise BadInputError(f"no drops under {root}", f"expected {LAYOUT_HINT}")
    return sorted(drops)


def loaded_keys(warehouse: Path) -> set[str] | None:
    """The drop files the published warehouse has loaded; None when there is no warehouse yet."""
    if not warehouse.exists():
        return None
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        if not table_exists(connection, *LOADED_FILES_TABLE.split(".")):
            return set()
        rows = connection.execute(f"select source_file from {LOADED_FILES_TABLE}").fetchall()
    return {row[0] for row in rows}


def select_drops(
    root: Path,
    warehouse: Path,
    *,
    from_hour: str | None = None,
    to_hour: str | None = None,
    rebuild: bool = False,
    models_changed: bool = False,
) -> DropSelection:
    """Pending drops for an hourly run; the drops of a range for a backfill; all for a rebuild.

    models_changed: the published warehouse was built by other models (its lineage's project
    fingerprint differs). Loading drops on top of it would mix rows the old models computed
    with rows the new ones compute, so the run is a fresh build over every drop instead.
    """
    check_hour_range(from_hour, to_hour, rebuild)
    drops = find_drops(root)
    loaded = loaded_keys(warehouse)
    nothing_loaded = loaded is None or not loaded & {drop.key for drop in drops}
    models_changed_why = "the models changed since the published warehouse was built"
    if from_hour or to_hour:
        low, high = from_hour or drops[0].hour, to_hour or drops[-1].hour
        chosen = [drop for drop in drops if low <= drop.hour <= high]
        if not chosen:
            raise UsageError(
                f"no drop under {root} falls in {low}..{high} (the drops span {drops[0].hour}..{drops[-1].hour})",
                "check --from and --to",
            )
        if nothing_loaded:
            return DropSelection(
                chosen, "full", f"a fresh build over the {len(chosen)} drop(s) of {low}..{high} (nothing loaded yet)"
            )
        if models_changed:
            return DropSelection(
                drops,
                "full",
                f"backfill of {low}..{high}, but {models_changed_why}: a fresh build over all {len(drops)} "
                "drop(s), this range included",
            )
        return DropSelection(chosen, "hourly", f"backfill of {low}..{high}: {len(chosen)} drop(s) reloaded")
    if rebuild or nothing_loaded or models_changed:
        if rebuild:
            why = "rebuild requested"
        elif nothing_loaded:
            why = "no drop of this folder is in the warehouse yet"
        else:
            why = models_changed_why
        return DropSelection(drops, "full", f"{why}: a fresh build over all {len(drops)} drop(s)")
    pending = [drop for drop in drops if drop.key not in loaded]
    return DropSelection(pending, "hourly", f"{len(pending)} drop(s) not loaded yet")
