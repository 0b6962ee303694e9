"""Checks before a run spends a build: it may only replace what it was asked to replace.

- The warehouse path holds a DuckDB file or nothing: any other file there (a CSV given by
  mistake, a folder, an empty file) is refused, never overwritten.
- A symlinked warehouse is published through to its target: the run builds, locks and
  renames beside the target, so the link keeps pointing at the new warehouse.
- The input is never the output: not the warehouse, nor anything the run writes.
- Every folder the run writes can be created, and `latest` in the output folder is the
  command's own symlink (or absent), so a failure there cannot come after the publish.
"""

from __future__ import annotations

import os
from pathlib import Path

from movies_pipeline.errors import UsageError

# A DuckDB database file: a checksum (8 bytes), then the magic bytes.
DUCKDB_MAGIC_OFFSET = 8
DUCKDB_MAGIC = b"DUCK"
# Characters DuckDB mishandles in a database's (real) path, checked on this machine: with
# `?` the write-ahead log goes to `<path up to ?>.wal?...`; `\` is taken for `/`.
DUCKDB_UNWRITABLE = ("?", "\\")


def is_duckdb_file(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(DUCKDB_MAGIC_OFFSET)
        return handle.read(len(DUCKDB_MAGIC)) == DUCKDB_MAGIC


def resolve_warehouse(path: Path) -> Path:
    """The absolute path to publish at: through any symlink to its target; refuse what is not a warehouse."""
    warehouse = Path(os.path.realpath(path.expanduser()))
    if warehouse != path.absolute():
        shown = f"{path} (a link to {warehouse})"
    else:
        shown = str(path)
    if warehouse.is_dir():
        raise UsageError(f"--warehouse {shown} is a folder", "give the path of the .duckdb file")
    for character in DUCKDB_UNWRITABLE:
        if character in str(warehouse):
            raise UsageError(
                f"--warehouse {shown}: DuckDB cannot write a database whose path holds {character!r} "
                "(it reads '?' as the start of options and '\\' as a folder separator)",
                "choose a path without it",
            )
    if warehouse.exists():
        if not warehouse.is_file():
            raise UsageError(f"--warehouse {shown} is not a regular file", "give the path of a .duckdb file")
        try:
            duckdb_file = is_duckdb_file(warehouse)
        except OSError as error:
            raise UsageError(f"cannot read --warehouse {shown}: {error.strerror}", "check its permissions") from error
        if not duckdb_file:
            raise UsageError(
                f"--warehouse {shown} exists and is not a DuckDB database; refusing to replace it",
                "give the path of the warehouse (a .duckdb file) or a new path",
            )
    _check_creatable(warehouse.parent, "the warehouse's folder")
    return warehouse


def _check_creatable(folder: Path, what: str) -> None:
    """The folder exists and is writable, or its nearest existing ancestor is a writable folder."""
    existing = folder
    while not existing.exists():
        if existing.is_symlink():  # a dangling link in the way
            raise UsageError(f"{what} {folder} goes through the broken link {existing}", "fix or remove the link")
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(f"{what} {folder} cannot be created: {existing} is a file", "choose another path")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"{what} {existing} is not writable", "choose a folder you may write, or fix its permissions")


def check_output_dir(output_dir: Path, latest_name: str) -> None:
    """The output folder can be written and its `latest` is ours to replace."""
    if output_dir.exists() and not output_dir.is_dir():
        raise UsageError(f"--output-dir {output_dir} is a file", "give a folder")
    _check_creatable(output_dir, "the output folder")
    latest = output_dir / latest_name
    if latest.exists() and not latest.is_symlink():
        raise UsageError(
            f"{latest} is a real {'folder' if latest.is_dir() else 'file'}, not the link the command keeps there",
            f"move it away; {latest_name} always points at the newest successful run",
        )


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_input_is_not_output(input_path: Path, warehouse: Path, output_dir: Path, builds_dir: Path) -> None:
    """A local input (a file or a drops folder) must not be what the run writes. (A drops folder
    whose hour folders hold anything but CSV files is refused by drops.find_drops.)"""
    source = Path(os.path.realpath(input_path.expanduser()))
    written = {
        "the warehouse": warehouse,
        "the warehouse's write-ahead log": warehouse.with_name(warehouse.name + ".wal"),
        "the build folder": builds_dir,
    }
    for what, path in written.items():
        if source == path or _same(source, path) or _within(source, path):
            raise UsageError(f"the input {input_path} is {what}", "give the raw movies_metadata.csv (or its zip) as input")
    if _within(source, Path(os.path.realpath(output_dir)) / "runs"):
        raise UsageError(f"the input {input_path} lies in a run folder of --output-dir", "copy it elsewhere first")
