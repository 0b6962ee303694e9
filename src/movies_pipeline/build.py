"""Run `dbt build` in-process (dbt's programmatic runner) into a fresh DuckDB file."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from movies_pipeline.errors import BuildError, DataTestsFailedError
from movies_pipeline.progress import Progress, Stage
from movies_pipeline.validate import MAX_RECORD_BYTES

WAREHOUSE_ENV = "MOVIES_WAREHOUSE_PATH"
MEMORY_LIMIT_ENV = "MOVIES_DUCKDB_MEMORY_LIMIT"
# What changes from run to run reaches the project as environment variables, not --vars: dbt
# parses the whole project again whenever --vars change, but when an environment variable
# changes only the files that read it (macro movies_metadata_paths; docs/scaling.md measures it).
PATHS_ENV = "MOVIES_METADATA_PATHS"
INPUT_LABEL_ENV = "MOVIES_INPUT_LABEL_HEX"
# DuckDB's memory limit for a build (profiles.yml): past it DuckDB spills to disk. 3 GiB keeps
# the whole process under 4 GiB at 100x the full file (docs/benchmarks.md).
MEMORY_LIMIT_CAP_BYTES = 3 * 2**30
# A path DuckDB's read_csv takes literally: no glob characters (* ? [ ] { }), no backslash.
PLAIN_PATH = re.compile(r"[A-Za-z0-9_./+=@,:~%-]+")

TEST_TYPES = ("test", "unit_test")


@dataclass
class BuildOutcome:
    """What dbt did: one entry per node, and the nodes that stop publishing."""

    success: bool
    results: list[dict[str, Any]] = field(default_factory=list)
    dbt_error: str | None = None

    def with_status(self, *statuses: str) -> list[dict[str, Any]]:
        return [result for result in self.results if result["status"] in statuses]

    @property
    def failed_tests(self) -> list[dict[str, Any]]:
        return [result for result in self.with_status("fail") if result["resource_type"] in TEST_TYPES]

    @property
    def warned_tests(self) -> list[dict[str, Any]]:
        return [result for result in self.with_status("warn") if result["resource_type"] in TEST_TYPES]

    @property
    def publishable(self) -> bool:
        """Every node built and every error-severity test passed (a skipped node counts as not passed)."""
        return self.success and self.dbt_error is None and not self.with_status("error", "fail", "skipped")

    def status_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for result in self.results:
            counts[result["status"]] = counts.get(result["status"], 0) + 1
        return counts

    def raise_unless_publishable(self, kept_at: Path | None) -> None:
        """Raise the error that explains why this build may not be published."""
        if self.publishable:
            return
        kept = "nothing was published"
        if kept_at is not None:
            kept = f"the build is kept at {kept_at} for inspection; {kept}"
        if self.dbt_error is not None:
            raise BuildError(f"dbt build failed: {self.dbt_error}", f"{kept}; see dbt.log in the run folder")
        errored = self.with_status("error")
        if errored:
            names = ", ".join(result["name"] for result in errored[:3])
            raise BuildError(
                f"dbt build failed: {len(errored)} node(s) errored ({names})",
                f"{kept}; see errors.log and dbt.log in the run folder",
            )
        failed = self.failed_tests
        if failed:
            names = ", ".join(result["name"] for result in failed[:3])
            raise DataTestsFailedError(
                f"{len(failed)} data test(s) failed ({names})",
                f"{kept}; errors.log lists the failures",
            )
        raise BuildError("dbt build did not finish every node", f"{kept}; see dbt.log in the run folder")


def readable_paths(sources: list[Path], scratch: Path) -> list[str]:
    """Paths to the same files that read_csv takes literally, from the scratch folder.

    read_csv expands glob characters even in a path that exists as written (`a*b/x.csv`
    would read every matching folder), so a file under a folder whose path is not plain is
    read through a link in the scratch folder (for a drop, a link to the folder holding its
    hour folders, so that `ingest_hour=<hour>/<file>` stays the tail of the path), by a
    path relative to the scratch folder, where dbt runs."""
    readable = []
    for number, path in enumerate(sources):
        if PLAIN_PATH.fullmatch(str(path)):
            readable.append(str(path))
            continue
        folder = path.parent.parent if path.parent.name.startswith("ingest_hour=") else path.parent
        tail = path.relative_to(folder)
        if not PLAIN_PATH.fullmatch(str(tail)):
            raise BuildError(
                f"cannot read {path} literally: its name holds characters read_csv takes as a pattern",
                "rename it to letters, digits and .-_",
            )
        link = scratch / "sources" / str(number)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.unlink(missing_ok=True)
        link.symlink_to(folder)
        readable.append(str(link.relative_to(scratch) / tail))
    return readable


@contextmanager
def _working_directory(folder: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def memory_limit() -> str:
    """The build's DuckDB memory limit: MOVIES_DUCKDB_MEMORY_LIMIT when set, else 3 GiB or
    half the machine's memory, whichever is less."""
    chosen = os.environ.get(MEMORY_LIMIT_ENV, "").strip()
    if chosen:
        return chosen
    try:
        machine_bytes = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # no sysconf (Windows): the cap
        machine_bytes = 2 * MEMORY_LIMIT_CAP_BYTES
    return f"{min(MEMORY_LIMIT_CAP_BYTES, machine_bytes // 2) // 2**20}MiB"


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


def _node_result(result: Any) -> dict[str, Any]:
    node = result.node
    return {
        "unique_id": node.unique_id,
        "name": node.name,
        "resource_type": str(node.resource_type),
        "status": str(result.status),
        "failures": result.failures,
        "execution_time": round(result.execution_time or 0.0, 3),
        "message": result.message,
    }


class _ProgressCallback:
    """Turns dbt's structured events into one step per finished node."""

    def __init__(self, bar: Stage) -> None:
        self.bar = bar

    def __call__(self, event: Any) -> None:
        name = event.info.name
        if name == "LogStartLine" and not self.bar.total:
            self.bar.set_total(event.data.total)
        elif name == "NodeFinished":
            self.bar.update(1)


def _close_duckdb_environment() -> None:
    """dbt-duckdb keeps its DuckDB connection open in a class attribute after the command
    finishes; close it so this process can open the build file (read-only) and rename it."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    environment = DuckDBConnectionManager._ENV  # noqa: SLF001 - no public way to close it
    if environment is not None:
        environment.close()
    DuckDBConnectionManager.close_all_connections()


def run_dbt_build(
    *,
    project_dir: Path,
    build_file: Path,
    sources: list[Path],
    scratch: Path,
    target_dir: Path,
    log_dir: Path,
    progress: Progress,
    load_mode: str = "full",
    input_label: str | None = None,
    verbose: bool = False,
) -> BuildOutcome:
    """`dbt build` of the project with the CSV files as input and build_file as the warehouse,
    run from the scratch folder (see readable_paths).

    dbt keeps its parse of the project (target_dir/partial_parse.msgpack) only for the same
    vars and the same profile values, the warehouse's path among them; that path is given
    relative to the scratch folder, so every build workspace (its two names fixed by the
    warehouse's name) parses the same, and a saved parse holds wherever the folder is.

    load_mode "full" builds everything from the sources; "hourly" loads them on top of
    what build_file already holds (the incremental models append them).
    """
    variables = {"movies_max_record_bytes": MAX_RECORD_BYTES, "load_mode": load_mode}
    # Paths are data: the source quotes every character (dbt_project.yml). The label is hex,
    # so that nothing in it can be read as SQL or Jinja on the way (macro input_label_or).
    paths = json.dumps(readable_paths(sources, scratch), ensure_ascii=False)
    label_hex = input_label.encode("utf-8", "surrogateescape").hex() if input_label else ""
    arguments = [
        "build",
        "--project-dir", str(project_dir),
        "--profiles-dir", str(project_dir),
        "--target-path", str(target_dir),
        "--log-path", str(log_dir),
        "--vars", json.dumps(variables, ensure_ascii=False),
        "--log-level", "info" if verbose else "none",
        "--log-level-file", "debug",
    ]  # fmt: skip
    scratch.mkdir(parents=True, exist_ok=True)
    with (
        progress.stage("dbt build", unit="node") as bar,
        _environment(WAREHOUSE_ENV, os.path.relpath(build_file, scratch)),
        _environment(MEMORY_LIMIT_ENV, memory_limit()),
        _environment(PATHS_ENV, paths),
        _environment(INPUT_LABEL_ENV, label_hex),
        _working_directory(scratch),
    ):
        from dbt.cli.main import dbtRunner  # about 1.5 s: imported only when a build runs

        try:
            result = dbtRunner(callbacks=[_ProgressCallback(bar)]).invoke(arguments)
        finally:
            _close_duckdb_environment()
        bar.ok = bool(result.success)
    if isinstance(result.exception, KeyboardInterrupt):
        raise KeyboardInterrupt  # dbtRunner returns Ctrl-C / SIGTERM as a result; pass it on
    outcome = BuildOutcome(success=bool(result.success))
    if result.exception is not None:
        outcome.dbt_error = " ".join(str(result.exception).split())[:500]
    execution = result.result
    for node_result in getattr(execution, "results", None) or []:
        outcome.results.append(_node_result(node_result))
    if not outcome.results and outcome.dbt_error is None and not outcome.success:
        outcome.dbt_error = "dbt reported failure without results"
    return outcome
