"""Kept publishes: the last N published warehouses, for `history` and `rollback`, without a copy.

    warehouse/.builds/<name>.publishes/<run-id>.duckdb   one hard link per kept publish

Just before a run renames its build over the warehouse it hard-links the build here under its
run id (and the file being replaced too, if an older version of the command published it, named
by its lineage's run id). A kept file is a second name for the inode that is, or was, published:
it costs no copy and no disk while it is the published one, and after a newer publish it holds
the old file's blocks (so N kept publishes take about N times the warehouse's size on disk).
Nothing opens a published file read-write (an hourly run copies it first), so a kept file stays
what was published.

A rollback hard-links the chosen kept file to a temporary name beside the warehouse and renames
that over the warehouse: one atomic rename within one folder, under the warehouse lock, so a
running build is never rolled under and a reader opening the path gets one whole warehouse.
What each kept file holds comes from inside it: its `audit.build_lineage` (run id, input, load
mode) and `audit.movie_record_reconciliation` (accepted movies, rejected records), read read-only.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from movies_pipeline.errors import ExitCode, PipelineError
from movies_pipeline.lineage import LINEAGE_TABLE
from movies_pipeline.outputs import is_run_id, new_run_id, table_exists
from movies_pipeline.publish import ReaderGuard, WarehouseLock, check_no_write_ahead_log, fsync_path, signals_held
from movies_pipeline.workspace import BuildWorkspace

DEFAULT_KEEP_PUBLISHES = 3
SUFFIX = ".duckdb"


class NoSuchPublishError(PipelineError):
    exit_code = ExitCode.NO_SUCH_PUBLISH


@dataclass(frozen=True)
class KeptPublish:
    """One kept publish and what its file says about itself."""

    run_id: str
    path: Path
    current: bool
    built_at: str | None = None
    input_source: str | None = None
    input_kind: str | None = None
    load_mode: str | None = None
    accepted: int | None = None
    rejected: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id,
            "built_at": self.built_at,
            "input": self.input_source,
            "input_kind": self.input_kind,
            "load_mode": self.load_mode,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "current": self.current,
            "path": str(self.path),
        }


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def newest_lineage_run_id(database: Path) -> str | None:
    """The run id of the newest lineage row: the run that published this file."""
    with duckdb.connect(str(database), read_only=True) as connection:
        if not table_exists(connection, *LINEAGE_TABLE.split(".")):
            return None
        row = connection.execute(
            f"select run_id from {LINEAGE_TABLE} order by built_at desc, run_id desc limit 1"
        ).fetchone()
    return str(row[0]) if row else None


def describe(database: Path, run_id: str, current: bool) -> KeptPublish:
    """A kept file as history shows it, read read-only from its own lineage and audit tables."""
    facts: dict[str, object] = {}
    with duckdb.connect(str(database), read_only=True) as connection:
        if table_exists(connection, *LINEAGE_TABLE.split(".")):
            row = connection.execute(
                f"select built_at, input_source, input_kind, load_mode from {LINEAGE_TABLE} "
                "where run_id = ?",
                [run_id],
            ).fetchone()
            if row:
                built_at = row[0].isoformat(timespec="seconds") if row[0] is not None else None
                facts.update(built_at=built_at, input_source=row[1], input_kind=row[2], load_mode=row[3])
        if table_exists(connection, "audit", "movie_record_reconciliation"):
            row = connection.execute(
                "select accepted_movie_count, rejected_record_count from audit.movie_record_reconciliation"
            ).fetchone()
            if row:
                facts.update(accepted=int(row[0]), rejected=int(row[1]))
    return KeptPublish(run_id, database, current, **facts)  # type: ignore[arg-type]


class KeptPublishes:
    """The kept-publishes folder of one warehouse."""

    def __init__(self, warehouse: Path) -> None:
        self.warehouse = warehouse
        self.folder = BuildWorkspace(warehouse).publishes

    def path_of(self, run_id: str) -> Path:
        return self.folder / f"{run_id}{SUFFIX}"

    def run_ids(self) -> list[str]:
        """Kept run ids, oldest first (run ids sort in start order, and one run publishes at a time)."""
        try:
            names = [path.name for path in self.folder.iterdir()]
        except FileNotFoundError:
            return []
        return sorted(name.removesuffix(SUFFIX) for name in names if is_run_id(name.removesuffix(SUFFIX)))

    def current_run_id(self) -> str | None:
        """The kept publish that is the published warehouse (the same inode), if any."""
        return next((run_id for run_id in self.run_ids() if _same_file(self.path_of(run_id), self.warehouse)), None)

    def keep(self, build_file: Path, run_id: str) -> None:
        """Before the publish: link the file about to be replaced (if not kept yet) and the new build."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.warehouse.exists() and self.current_run_id() is None:
            previous = newest_lineage_run_id(self.warehouse)  # none: a warehouse older than lineage
            if previous and is_run_id(previous) and not self.path_of(previous).exists():
                os.link(self.warehouse, self.path_of(previous))
        self.path_of(run_id).unlink(missing_ok=True)
        os.link(build_file, self.path_of(run_id))
        fsync_path(self.folder)

    def prune(self, keep: int) -> list[str]:
        """Remove the oldest kept publishes so that `keep` remain; never the published one."""
        current = self.current_run_id()
        run_ids = self.run_ids()
        removed = []
        for run_id in run_ids[: max(len(run_ids) - keep, 0)]:
            if run_id != current:
                self.path_of(run_id).unlink(missing_ok=True)
                removed.append(run_id)
        return removed

    def list(self) -> list[KeptPublish]:
        """Every kept publish, newest first, with what its file says about itself."""
        current = self.current_run_id()
        return [describe(self.path_of(run_id), run_id, run_id == current) for run_id in reversed(self.run_ids())]

    def choose(self, run_id: str | None) -> str:
        """The run id to roll back to: the named one, or the newest kept publish older than the current."""
        run_ids = self.run_ids()
        current = self.current_run_id()
        kept = ", ".join(run_ids) or "none"
        if run_id is not None:
            if run_id not in run_ids:
                raise NoSuchPublishError(
                    f"no kept publish of {self.warehouse} has run id {run_id!r} (kept: {kept})",
                    "`movies-pipeline history` lists them",
                )
            return run_id
        if current is None:
            raise NoSuchPublishError(
                f"the published {self.warehouse} is not one of its kept publishes (kept: {kept}), "
                "so there is no 'previous' one",
                "name the publish to restore: `movies-pipeline rollback RUN_ID` (see `movies-pipeline history`)",
            )
        older = [kept_id for kept_id in run_ids if kept_id < current]
        if not older:
            raise NoSuchPublishError(
                f"no kept publish of {self.warehouse} is older than the current one ({current})",
                "nothing to roll back to; `movies-pipeline history` lists what is kept",
            )
        return older[-1]

    def restore(self, run_id: str) -> None:
        """Make the kept publish current: hard-link it beside the warehouse, rename that over it."""
        temporary = self.warehouse.with_name(f".{self.warehouse.name}.rollback-{os.getpid()}")
        temporary.unlink(missing_ok=True)
        os.link(self.path_of(run_id), temporary)
        try:
            with signals_held():
                os.replace(temporary, self.warehouse)
        finally:
            temporary.unlink(missing_ok=True)
        fsync_path(self.warehouse.parent)


@dataclass(frozen=True)
class Rollback:
    restored: KeptPublish
    replaced: str | None  # the run id of the publish it replaced, when that one is kept
    seconds: float


def rollback(
    warehouse: Path,
    run_id: str | None,
    wait_seconds: float | None = None,
    on_restored: Callable[[str], None] = lambda run_id: None,
) -> Rollback:
    """Make a kept publish (the named one, or the one before the current) the published warehouse.

    Under the warehouse lock (a run in progress makes it fail with LockedError, or wait) and the
    reader guard (a read-write connection makes it fail): the same conditions as a run's publish.
    on_restored(run_id) runs under the lock after the rename (the command points `latest` there)."""
    started = time.perf_counter()
    kept = KeptPublishes(warehouse)
    lock = WarehouseLock(warehouse)
    lock.acquire(f"rollback-{new_run_id()}", wait_seconds)
    readers = ReaderGuard(warehouse)
    try:
        readers.acquire()
        check_no_write_ahead_log(warehouse)
        chosen = kept.choose(run_id)
        replaced = kept.current_run_id()
        if chosen != replaced:
            kept.restore(chosen)
        on_restored(chosen)
    finally:
        readers.release()
        lock.release(keep_recovered=True)
    restored = describe(kept.path_of(chosen), chosen, current=True)
    return Rollback(restored, replaced, round(time.perf_counter() - started, 3))
