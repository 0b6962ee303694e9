"""Where a run builds: fixed paths beside the warehouse, used under the warehouse lock.

    warehouse/.builds/
      <name>.building.duckdb      the build in progress (renamed over the warehouse on success)
      <name>.building/            its scratch: input/movies_metadata.csv, dbt-logs/
      <name>.dbt-target/          dbt's target folder, kept between runs
      <name>.publishes/           the last N publishes, hard links (publishes.py: history, rollback)
      <run-id>.duckdb, <run-id>/  a failed, interrupted or killed build, set aside for inspection

<name> is the warehouse's file name without its suffix, kept to letters, digits and
underscores (plus a short hash of the real name when anything was replaced): dbt-duckdb
names the database after the file and puts that name into SQL unescaped.

The paths are the same from one run to the next on purpose: dbt keeps its parse of the
project between runs (partial parsing) only when the vars and the profile's values are
unchanged (the build file's path reaches dbt relative to the scratch folder, build.py),
which saves about 7 s of a 40 s run of the sample. The lock makes them safe: only one run per
warehouse uses them at a time, and different warehouses get different names.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

UNSAFE_NAME_CHARACTERS = re.compile(r"[^A-Za-z0-9_]+")


def safe_name(stem: str) -> str:
    """The stem in letters, digits and underscores; distinct stems keep distinct names."""
    cleaned = UNSAFE_NAME_CHARACTERS.sub("_", stem).strip("_") or "warehouse"
    if cleaned == stem:
        return stem
    return f"{cleaned}_{hashlib.sha256(stem.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


class BuildWorkspace:
    def __init__(self, warehouse: Path) -> None:
        name = safe_name(warehouse.stem)
        self.folder = warehouse.parent / ".builds"
        self.build_file = self.folder / f"{name}.building.duckdb"
        self.scratch = self.folder / f"{name}.building"
        self.dbt_target = self.folder / f"{name}.dbt-target"
        self.publishes = self.folder / f"{name}.publishes"
        self.input_dir = self.scratch / "input"
        self.dbt_logs = self.scratch / "dbt-logs"

    def kept_build_file(self, run_id: str) -> Path:
        return self.folder / f"{run_id}.duckdb"

    def has_build(self) -> bool:
        return self.build_file.exists()

    def _free_name(self, run_id: str) -> str:
        """run_id, or run_id-2, -3, ...: a name no kept build or scratch has, so nothing kept is overwritten."""
        name, number = run_id, 1
        while any(
            path.exists() or path.is_symlink()
            for path in (self.kept_build_file(name), self.kept_build_file(name).with_name(f"{name}.duckdb.wal"),
                         self.folder / name)
        ):
            number += 1
            name = f"{run_id}-{number}"
        return name

    def set_aside(self, run_id: str) -> Path | None:
        """Move the build (if any) and its scratch to names of their own; return the kept file."""
        run_id = self._free_name(run_id)
        kept = self.kept_build_file(run_id)
        for suffix in ("", ".wal"):
            leftover = self.build_file.with_name(self.build_file.name + suffix)
            if leftover.exists():
                os.replace(leftover, kept.with_name(kept.name + suffix))
        if self.scratch.exists():
            os.replace(self.scratch, self.folder / run_id)
        return kept if kept.exists() else None

    def clear(self) -> None:
        """Remove the scratch of a run that needs nothing kept."""
        shutil.rmtree(self.scratch, ignore_errors=True)
