"""One run at a time per warehouse, and an atomic publish.

The lock is an advisory `flock` on `.<warehouse name>.lock` beside the warehouse. The
kernel drops it when its process ends, however it ends (SIGKILL included), so a lock
left by a killed run needs no cleanup: the next run simply gets it. The file itself is
never deleted (deleting a lock file lets two processes lock two different inodes); it
holds the holder's run id and pid for the "locked" message, and is emptied on a clean
release, so a non-empty file found by a new holder names a run that died.

Publishing is `os.replace` of the finished build file over the published warehouse:
one rename within one folder. A reader that opened the old file keeps its inode and a
consistent view; a reader that opens the path afterwards gets the new file, never a mix.

A read-write connection to the published file is another matter: its write-ahead log
(`movies.duckdb.wal`) is named after the path, so a write after the rename would pair
that log with the new file. DuckDB takes a POSIX write lock on a file it opens read-write
and a read lock on one it opens read-only, so `ReaderGuard` takes a read lock of its own
(an open-file-description lock, which closing another descriptor of the file does not
drop) for the whole run: it fails at once if a read-write connection is open, and while
it is held no read-write connection can open. Read-only readers are never disturbed.

The published file is in DuckDB 1.0's storage format, so DuckDB 1.x clients (a test opens
it with the duckdb CLI 1.5) read it as well as DuckDB 2. dbt creates build
files in that format (profiles.yml, `storage_compatibility_version`), and a file keeps its
format when written again; a build in a newer format (one that started from a copy of a
warehouse published before) is rewritten into it before publishing.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import struct
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from movies_pipeline.errors import LockedError, PublishError, UsageError
from movies_pipeline.guards import is_duckdb_file

POLL_SECONDS = 0.2
# struct flock on Linux: l_type, l_whence, (padding), l_start, l_len, l_pid, (padding).
FLOCK_STRUCT = "hhxxxxqqixxxx"
READ_ONLY_HINT = (
    "close that connection and connect read-only (duckdb.connect(path, read_only=True), or duckdb -readonly), "
    "then run again"
)
# The storage format DuckDB 1.x clients read; profiles.yml creates build files in it.
CLIENT_STORAGE_VERSION = "v1.0.0"


def lock_path_for(warehouse: Path) -> Path:
    return warehouse.parent / f".{warehouse.name}.lock"


class WarehouseLock:
    """An exclusive, crash-safe lock on one warehouse path."""

    def __init__(self, warehouse: Path) -> None:
        self.warehouse = warehouse
        self.path = lock_path_for(warehouse)
        self._fd: int | None = None
        self.recovered_from: dict[str, object] | None = None

    def _holder(self) -> dict[str, object]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            return {}

    def acquire(self, run_id: str, wait_seconds: float | None = None) -> None:
        """Take the lock; raise LockedError at once, or after wait_seconds (None: do not wait)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + (wait_seconds or 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    holder = self._holder()
                    run_id, pid, since = (holder.get(key, "?") for key in ("run_id", "pid", "started_at"))
                    who = f"run {run_id} (pid {pid}, started {since})"
                    waited = f" after waiting {wait_seconds:g}s" if wait_seconds else ""
                    raise LockedError(
                        f"warehouse {self.warehouse} is locked by {who}{waited}",
                        "wait for that run to finish, or pass --wait to queue behind it",
                    ) from None
                time.sleep(POLL_SECONDS)
        self._fd = fd
        previous = os.read(fd, 4096)
        if previous.strip():
            try:
                self.recovered_from = json.loads(previous)
            except ValueError:
                self.recovered_from = {"raw": previous.decode("utf-8", "replace")}
        holder = {
            "run_id": run_id,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder).encode("utf-8"), 0)

    def release(self, keep_recovered: bool = False) -> None:
        """Unlock; keep_recovered leaves a dead holder's details for the next run (a rollback does)."""
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)
        if keep_recovered and self.recovered_from is not None:
            os.pwrite(self._fd, json.dumps(self.recovered_from).encode("utf-8"), 0)
        os.close(self._fd)  # closing the descriptor drops the flock
        self._fd = None


def _process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text(encoding="utf-8").strip()
    except OSError:
        return "?"


class ReaderGuard:
    """A read lock on the published warehouse, held from the start of a run until its publish."""

    def __init__(self, warehouse: Path) -> None:
        self.warehouse = warehouse
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the read lock; raise PublishError if a read-write connection has the file open."""
        if self._fd is not None or not self.warehouse.exists():
            return
        fd = os.open(self.warehouse, os.O_RDONLY)
        request = struct.pack(FLOCK_STRUCT, fcntl.F_RDLCK, os.SEEK_SET, 0, 0, 0)
        try:
            fcntl.fcntl(fd, fcntl.F_OFD_SETLK, request)
        except OSError:
            holder = struct.unpack(FLOCK_STRUCT, fcntl.fcntl(fd, fcntl.F_OFD_GETLK, request))[4]
            os.close(fd)
            who = f"process {holder} ({_process_name(holder)})" if holder > 0 else "another process"
            raise PublishError(
                f"{self.warehouse} is open read-write by {who}; publishing now would pair its write-ahead log "
                "with the new file",
                READ_ONLY_HINT,
            ) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends, so a rename and its record happen together."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def check_no_write_ahead_log(warehouse: Path) -> None:
    """Refuse while the published warehouse has a write-ahead log: changes a replace would orphan."""
    published_wal = warehouse.with_name(warehouse.name + ".wal")
    if published_wal.exists():
        raise PublishError(
            f"{published_wal} exists: a read-write connection changed the published warehouse and did not "
            "close cleanly, and its changes are in that log",
            "open the warehouse read-write once and close it (that folds the log in), or delete the log to "
            "drop those changes; then run again",
        )


def write_in_client_storage_format(build_file: Path) -> bool:
    """Rewrite `build_file` in CLIENT_STORAGE_VERSION if it is in a newer format; True if it was.

    DuckDB names a file's format in duckdb_databases().tags ('v1.0.0+', 'v2.0.0+'); a file
    cannot be converted in place, so a newer one is copied (COPY FROM DATABASE: tables,
    views, comments, constraints) into a new file in the old format, which replaces it.
    """
    import duckdb

    converted = build_file.with_name(build_file.name + ".v1")
    with duckdb.connect() as connection:
        connection.execute("attach ? as build (read_only)", [str(build_file)])
        storage_version = connection.execute(
            "select tags['storage_version'] from duckdb_databases() where database_name = 'build'"
        ).fetchone()[0]
        if storage_version.startswith(("v0.", "v1.")):
            return False
        converted.unlink(missing_ok=True)
        connection.execute(f"attach ? as converted (storage_version '{CLIENT_STORAGE_VERSION}')", [str(converted)])
        connection.execute("copy from database build to converted")
    os.replace(converted, build_file)
    return True


def publish(
    build_file: Path,
    warehouse: Path,
    on_published: Callable[[], None] = lambda: None,
    before_replace: Callable[[], None] = lambda: None,
) -> None:
    """Atomically replace the published warehouse with the finished build file.

    before_replace runs on the finished file (checkpointed, in the client format, fsynced) just
    before the rename: the run hard-links it into the kept publishes there. on_published runs
    right after the rename, with Ctrl-C held, so that the run records the publish whenever it
    happened."""
    import duckdb

    if build_file.parent.resolve().stat().st_dev != warehouse.parent.resolve().stat().st_dev:
        raise PublishError(
            f"{build_file} and {warehouse} are on different filesystems, so a rename cannot be atomic",
            "keep the .builds folder beside the warehouse",
        )
    check_no_write_ahead_log(warehouse)
    try:
        # Fold any write-ahead log into the file so the one file is the whole warehouse.
        with duckdb.connect(str(build_file)) as connection:
            connection.execute("checkpoint")
        if build_file.with_name(build_file.name + ".wal").exists():
            raise PublishError(f"{build_file} still has a write-ahead log after a checkpoint", "run again")
        write_in_client_storage_format(build_file)
        fsync_path(build_file)
        if warehouse.exists() and not (warehouse.is_file() and is_duckdb_file(warehouse)):
            raise UsageError(f"{warehouse} is no longer a DuckDB database; refusing to replace it", "check that path")
        before_replace()
        with signals_held():
            os.replace(build_file, warehouse)
            on_published()
        fsync_path(warehouse.parent)
    except OSError as error:
        raise PublishError(
            f"could not publish {warehouse}: {error.strerror or error}",
            "check free space and permissions",
        ) from error
