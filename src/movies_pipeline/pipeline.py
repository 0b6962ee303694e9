"""One run: lock, fetch, validate, build, export, publish, record.

    input --fetch--> .builds/movies.building/input/movies_metadata.csv --validate--> dbt build
          --> .builds/movies.building.duckdb --tests pass?--> export Parquet --> rename over warehouse

A folder of hourly drops as input (see drops.py) loads the drops the published warehouse
has not loaded yet on top of a copy of it (load_mode hourly), or reloads a range of hours
(a backfill), or rebuilds everything from all drops; the rest of the run is the same.

The run folder (output/runs/<run-id>) is written for every run that got the lock,
successful or not, so a failure always leaves an errors.log and a run_summary.json.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from movies_pipeline import circuit_breaker
from movies_pipeline.build import BuildOutcome, run_dbt_build
from movies_pipeline.circuit_breaker import BreakerLimits
from movies_pipeline.drops import DropSelection, is_drops_dir, select_drops
from movies_pipeline.errors import ExitCode, PipelineError, PublishError, describe_os_error
from movies_pipeline.exports import export_tables, touched_only
from movies_pipeline.fetch import DEFAULT_MAX_INPUT_BYTES, StagedInput, input_kind, redact, stage_input
from movies_pipeline.guards import check_input_is_not_output, check_output_dir
from movies_pipeline.health import run_summaries, volume_warnings
from movies_pipeline.lineage import (
    BuildLineage,
    LoadedFile,
    latest_lineage,
    package_versions,
    project_fingerprint,
    write_lineage,
)
from movies_pipeline.outputs import (
    ERRORS_LOG,
    LATEST,
    REJECTED_CSV,
    SUMMARY_JSON,
    AuditFacts,
    RunFolder,
    copy_dbt_log,
    is_run_id,
    new_run_id,
    prune_runs,
    read_audit,
    write_errors_log,
    write_rejected_csv,
)
from movies_pipeline.run_summary import DbtSummary, DropsSummary, InputSummary, RunSummary, WarehouseSummary, now
from movies_pipeline.progress import Progress
from movies_pipeline.publish import ReaderGuard, WarehouseLock, check_no_write_ahead_log, publish
from movies_pipeline.publishes import DEFAULT_KEEP_PUBLISHES, KeptPublishes
from movies_pipeline.validate import InputReport, validate_csv
from movies_pipeline.workspace import BuildWorkspace

SAMPLE_RELATIVE_PATH = Path("data/sample/movies_metadata.csv")
DEFAULT_KEEP_RUNS = 20
REPORT_HTML = "report.html"


@dataclass(frozen=True)
class RunOptions:
    """Everything a run needs, with paths already resolved."""

    input: str
    project_dir: Path
    warehouse: Path
    output_dir: Path
    wait_seconds: float | None = None
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    s3_endpoint_url: str | None = None
    check_only: bool = False
    verbose: bool = False
    from_hour: str | None = None  # with a drops folder: reload the drops of this range (backfill)
    to_hour: str | None = None
    rebuild: bool = False  # with a drops folder: a fresh build over every drop
    force: bool = False  # build even when the input and the models are those of the published warehouse
    keep_runs: int = DEFAULT_KEEP_RUNS  # run folders kept in output/runs (the newest; latest's always)
    keep_publishes: int = DEFAULT_KEEP_PUBLISHES  # publishes kept for rollback (hard links; publishes.py)
    limits: BreakerLimits = BreakerLimits()


@dataclass
class RunResult:
    run_id: str
    exit_code: ExitCode
    run_dir: Path | None  # None when the run folder itself could not be written
    summary: dict[str, Any]


class _Run:
    """The state of one run, so that every way out writes the same records."""

    def __init__(self, options: RunOptions, progress: Progress) -> None:
        self.options = options
        self.progress = progress
        self.run_id = new_run_id(options.output_dir)
        self.started = time.perf_counter()
        self.workspace = BuildWorkspace(options.warehouse)
        self.readers = ReaderGuard(options.warehouse)
        self.kept_build: Path | None = None
        self.folder = RunFolder(options.output_dir, self.run_id)
        self.staged: StagedInput | None = None
        self.report: InputReport | None = None
        self.outcome: BuildOutcome | None = None
        self.audit: AuditFacts | None = None
        self.exports: list[dict[str, Any]] = []
        self.drops: DropSelection | None = None
        self.drop_reports: list[InputReport] = []
        self.fingerprint = project_fingerprint(options.project_dir)
        self.published = False
        self.up_to_date = False
        self.summary = RunSummary(
            self.run_id, WarehouseSummary(str(options.warehouse)), InputSummary(redact(options.input))
        )

    # -- the stages -----------------------------------------------------------------

    def execute(self, recovered_run_id: str | None) -> None:
        run_dir = self._create_run_folder()
        self._set_aside_interrupted_build(recovered_run_id)
        # From here to the publish no read-write connection may open the published file.
        self.readers.acquire()
        check_no_write_ahead_log(self.options.warehouse)
        published_before = circuit_breaker.published_facts(self.options.warehouse)
        sources, load_mode = self._select_input()
        if self.options.check_only or not sources or self._is_up_to_date():
            return
        self._build(sources, load_mode)
        kept_at = self.workspace.kept_build_file(self.run_id) if self.workspace.has_build() else None
        checks = self._check_and_export(run_dir, load_mode, published_before)
        self.outcome.raise_unless_publishable(kept_at)
        circuit_breaker.enforce(checks, kept_at)
        self._warn_on_volume()
        self._publish()
        self._write_report(run_dir)

    def _create_run_folder(self) -> Path:
        try:
            return self.folder.create()
        except OSError as error:
            raise PublishError(
                f"could not create the run folder {self.folder.partial}: {error.strerror or error}",
                "check free space and permissions of --output-dir",
            ) from error

    def _set_aside_interrupted_build(self, recovered_run_id: str | None) -> None:
        """A build left by a run that was killed: kept for inspection under that run's id."""
        if not (self.workspace.has_build() or self.workspace.scratch.exists()):
            return
        stale = self.workspace.set_aside(recovered_run_id or f"{self.run_id}-stale")
        self.summary.stale_build_set_aside = str(stale) if stale else None
        self.progress.message(f"set aside the build left by an interrupted run: {stale}")

    def _select_input(self) -> tuple[list[Path], str]:
        """The files to load and the load mode: the pending drops of a drops folder, or one file."""
        if is_drops_dir(Path(self.options.input)):
            return self._select_drops()
        return self._stage_file()

    def _build(self, sources: list[Path], load_mode: str) -> None:
        """dbt build into the build file (on a copy of the warehouse for an hourly run), then its lineage."""
        if load_mode == "hourly":
            with self.progress.stage("copy warehouse", unit="file"):
                shutil.copyfile(self.options.warehouse, self.workspace.build_file)
        self.outcome = run_dbt_build(
            project_dir=self.options.project_dir,
            build_file=self.workspace.build_file,
            sources=sources,
            scratch=self.workspace.scratch,
            target_dir=self.workspace.dbt_target,
            log_dir=self.workspace.dbt_logs,
            progress=self.progress,
            load_mode=load_mode,
            input_label=self._input_label(),
            verbose=self.options.verbose,
        )
        if self.outcome.publishable and self.workspace.has_build():
            write_lineage(self.workspace.build_file, self._lineage(load_mode))

    def _check_and_export(
        self, run_dir: Path, load_mode: str, published_before: circuit_breaker.WarehouseFacts | None
    ) -> list[circuit_breaker.Check]:
        """Read the build's audit into the run folder; if it is publishable, run the circuit breaker
        and, when every check passes, export the Parquet files. Returns the breaker's checks."""
        assert self.outcome is not None
        checks: list[circuit_breaker.Check] = []
        try:
            copy_dbt_log(self.workspace.dbt_logs, run_dir)
            if self.workspace.has_build():
                with duckdb.connect(str(self.workspace.build_file), read_only=True) as connection:
                    self.audit = read_audit(connection)
                    write_rejected_csv(connection, run_dir / REJECTED_CSV)
                    if self.outcome.publishable:
                        loaded_keys = [drop.key for drop in self.drops.drops] if load_mode == "hourly" else None
                        checks = circuit_breaker.evaluate(
                            circuit_breaker.warehouse_facts(connection),
                            circuit_breaker.rejected_share(connection, loaded_keys),
                            published_before,
                            circuit_breaker.DROPS if self.drops else circuit_breaker.FILE,
                            self.options.limits,
                        )
                        self.summary.circuit_breaker = circuit_breaker.summary_of(checks, self.options.limits)
                        if all(check.passed or check.overridden for check in checks):
                            self.exports = export_tables(
                                connection, run_dir, self.progress, touched=self._exports_touched_only(load_mode)
                            )
        except (OSError, duckdb.IOException) as error:
            raise PublishError(
                f"could not write the run folder {run_dir}: {error}",
                "check free space and permissions of --output-dir",
            ) from error
        return checks

    def _exports_touched_only(self, load_mode: str) -> bool:
        """An hourly run on top of the newest export in this output folder writes the per-movie tables
        as the movies it touched (exports.py); any other run writes every table whole."""
        if load_mode != "hourly":
            return False
        built_on = latest_lineage(self.options.warehouse)
        return touched_only(self.options.output_dir / "runs", self.run_id, built_on["run_id"] if built_on else None)

    def _warn_on_volume(self) -> None:
        """Counts far from the last publishes' (health.py) are warnings: recorded, never a stop."""
        previous = run_summaries(self.options.output_dir, self.options.warehouse)
        for warning in volume_warnings(previous, self._records()):
            self.summary.warnings.append(warning.to_dict())
            self.progress.message(f"warning: {warning.message}")

    def _publish(self) -> None:
        """Rename the build over the warehouse, kept (a hard link) for rollback; prune the kept ones."""
        kept = KeptPublishes(self.options.warehouse)
        with self.progress.stage("publish", unit="file"):
            try:
                publish(
                    self.workspace.build_file,
                    self.options.warehouse,
                    self._mark_published,
                    before_replace=lambda: kept.keep(self.workspace.build_file, self.run_id),
                )
            finally:
                if not self.published:  # a kept name for a file that never was published
                    kept.path_of(self.run_id).unlink(missing_ok=True)
        self.readers.release()
        self.summary.publishes_removed = kept.prune(self.options.keep_publishes)

    def _mark_published(self) -> None:
        self.published = True

    def _input_label(self) -> str | None:
        """How the warehouse names a single input: its URI (redacted) or absolute path; drops name themselves."""
        if self.staged is None:
            return None
        if self.staged.kind == "local":
            return str(Path(self.options.input).expanduser().absolute())
        return self.staged.source

    def _lineage(self, load_mode: str) -> BuildLineage:
        assert self.report is not None
        if self.drops is not None:
            files = [
                LoadedFile(drop.key, report.sha256, report.size_bytes, report.record_count)
                for drop, report in zip(self.drops.drops, self.drop_reports, strict=True)
            ]
            source, kind = redact(self.options.input), "drops"
        else:
            label = self._input_label() or ""
            files = [LoadedFile(label, self.report.sha256, self.report.size_bytes, self.report.record_count)]
            source, kind = label, "file"
        return BuildLineage(
            run_id=self.run_id,
            input_source=source,
            input_kind=kind,
            load_mode=load_mode,
            input_sha256=self.report.sha256,
            project_fingerprint=self.fingerprint,
            files=files,
        )

    def _is_up_to_date(self) -> bool:
        """A single file whose checksum and models are those the published warehouse was built with."""
        if self.drops is not None or self.options.force or self.report is None:
            return False
        last = latest_lineage(self.options.warehouse)
        if not (
            last
            and last["input_kind"] == "file"
            and last["input_sha256"] == self.report.sha256
            and last["project_fingerprint"] == self.fingerprint
        ):
            return False
        self.up_to_date = True
        self.progress.message(
            f"up to date: {self.options.warehouse} was built from this input (sha256 {self.report.sha256[:12]}...) "
            f"with these models by run {last['run_id']}; nothing to do (--force rebuilds)"
        )
        return True

    def _write_report(self, run_dir: Path) -> None:
        """The HTML report of the published warehouse; a failure here is recorded, not fatal."""
        from movies_pipeline.report import write_report  # plotly: imported only when needed

        try:
            with self.progress.stage("report", unit="file"):
                write_report(self.options.warehouse, run_dir / REPORT_HTML)
            self.summary.report = REPORT_HTML
        except Exception as error:  # noqa: BLE001 - the warehouse is published; say what went wrong
            self.summary.report_error = f"{type(error).__name__}: {error}"
            self.progress.message(f"the report could not be written: {error}")

    def _stage_file(self) -> tuple[list[Path], str]:
        """A single file (local, https or s3; csv or zip): fetched, checked, built in full."""
        self.staged = stage_input(
            self.options.input,
            self.workspace.input_dir,
            self.progress,
            max_bytes=self.options.max_input_bytes,
            s3_endpoint_url=self.options.s3_endpoint_url,
        )
        self.report = validate_csv(self.staged.csv_path, self.progress, self.staged.source)
        self.progress.message(f"input: {self.staged.source}: {self.report.describe()}")
        return [self.staged.csv_path], "full"

    def _select_drops(self) -> tuple[list[Path], str]:
        """A folder of hourly drops: the ones to load now, each checked like a single file."""
        root = Path(self.options.input)
        last = latest_lineage(self.options.warehouse)
        self.drops = select_drops(
            root,
            self.options.warehouse,
            from_hour=self.options.from_hour,
            to_hour=self.options.to_hour,
            rebuild=self.options.rebuild,
            # a warehouse without lineage predates it: nothing to compare, load on top as before
            models_changed=bool(last) and last["project_fingerprint"] != self.fingerprint,
        )
        self.progress.message(f"drops: {self.drops.reason}")
        reports = [validate_csv(drop.path, self.progress, str(drop.path)) for drop in self.drops.drops]
        self.drop_reports = reports
        combined = hashlib.sha256("".join(report.sha256 for report in reports).encode())
        self.report = InputReport(
            sha256=combined.hexdigest(),
            size_bytes=sum(report.size_bytes for report in reports),
            record_count=sum(report.record_count for report in reports),
            known_as=None,
        )
        self.up_to_date = not self.drops.drops
        return [drop.path for drop in self.drops.drops], self.drops.load_mode

    # -- the records every run leaves ---------------------------------------------------

    def _records(self) -> dict[str, int | None]:
        reconciliation = self.audit.reconciliation if self.audit else None
        if reconciliation:
            return {
                "in": reconciliation.get("raw_record_count"),
                "accepted": reconciliation.get("accepted_movie_count"),
                "superseded": reconciliation.get("superseded_record_count"),
                "rejected": reconciliation.get("rejected_record_count"),
            }
        records_in = self.report.record_count if self.report else None
        return {"in": records_in, "accepted": None, "superseded": None, "rejected": None}

    def _status(self, exit_code: ExitCode) -> str:
        if exit_code != ExitCode.OK:
            return "published, then failed" if self.published else "failed"
        if self.options.check_only:
            return "checked"
        return "up to date" if self.up_to_date else "success"

    def _warehouse_state(self) -> str:
        """How every failure's last line ends: what became of the published warehouse."""
        if self.published:
            return f"the new warehouse WAS published at {self.options.warehouse} before this happened"
        return "the published warehouse is unchanged"

    def finish(self, exit_code: ExitCode, error: str | None) -> RunResult:
        """Record the run; the error text always ends by saying what happened to the warehouse."""
        self.readers.release()
        if error is not None:
            error = f"{error}; {self._warehouse_state()}"
        if self.workspace.has_build() and not self.published:
            self.kept_build = self.workspace.set_aside(self.run_id)
        self.workspace.clear()
        self.progress.durations["total"] = round(time.perf_counter() - self.started, 3)
        summary = self.summary
        summary.status, summary.exit_code, summary.error = self._status(exit_code), int(exit_code), error
        summary.finished_at = now()
        summary.input = InputSummary.of(redact(self.options.input), self.staged, self.report)
        summary.drops = DropsSummary.of(self.drops)
        summary.records = self._records()
        summary.field_issues = self.audit.field_issue_count if self.audit else None
        summary.durations_seconds = dict(self.progress.durations)
        summary.dbt = DbtSummary.of(self.outcome)
        summary.warehouse.published = str(self.options.warehouse) if self.published else None
        summary.warehouse.build_file_kept = str(self.kept_build) if self.kept_build else None
        summary.exports = self.exports
        summary.versions = package_versions()
        try:
            run_dir = self.folder.partial
            summary.runs_removed = prune_runs(self.options.output_dir, self.options.keep_runs, self.run_id)
            write_errors_log(run_dir / ERRORS_LOG, summary=summary.to_dict(), audit=self.audit, outcome=self.outcome)
            if not (run_dir / REJECTED_CSV).exists():
                write_rejected_csv(None, run_dir / REJECTED_CSV)
            summary.write(run_dir / SUMMARY_JSON)
            final_dir = self.folder.finish()
            if self.published:  # the warehouse is live: latest names the run that published it
                self.folder.point_latest_here()
        except (OSError, KeyboardInterrupt) as failure:
            if isinstance(failure, KeyboardInterrupt):
                what, failed_with = "interrupted while writing the run folder", ExitCode.INTERRUPTED
            else:
                what = f"could not write the run folder {self.folder.partial}: {failure.strerror or failure}"
                failed_with = ExitCode.PUBLISH_FAILED
            summary.error = f"{error}; also {what}" if error else f"{what}; {self._warehouse_state()}"
            if exit_code == ExitCode.OK:
                exit_code = failed_with
            return RunResult(self.run_id, exit_code, None, summary.to_dict())
        return RunResult(self.run_id, exit_code, final_dir, summary.to_dict())


def check_options(options: RunOptions) -> None:
    """Refuse, before anything is written, a run that would replace or read what it must not."""
    check_output_dir(options.output_dir, LATEST)
    if input_kind(options.input) == "local":
        check_input_is_not_output(
            Path(options.input), options.warehouse, options.output_dir, BuildWorkspace(options.warehouse).folder
        )


def run_pipeline(options: RunOptions, progress: Progress) -> RunResult:
    """Run once under the warehouse lock; expected failures come back as a non-zero exit code.

    UsageError and LockedError are raised before anything is written: a refused run leaves no trace.
    """
    check_options(options)
    run = _Run(options, progress)
    lock = WarehouseLock(options.warehouse)
    with progress.stage("lock", unit="lock"):
        lock.acquire(run.run_id, options.wait_seconds)
    try:
        recovered = None
        if lock.recovered_from:
            run.summary.lock_recovered_from = lock.recovered_from
            progress.message(f"recovered the lock left by an interrupted run: {lock.recovered_from}")
            recovered_id = str(lock.recovered_from.get("run_id", ""))
            recovered = recovered_id if is_run_id(recovered_id) else None
        try:
            run.execute(recovered)
        except PipelineError as error:
            return run.finish(error.exit_code, error.one_line())
        except KeyboardInterrupt:
            return run.finish(ExitCode.INTERRUPTED, "interrupted")
        except OSError as error:  # the machine, not the program: permissions, a full disk, a vanished file
            return run.finish(ExitCode.PUBLISH_FAILED, describe_os_error(error))
        except Exception as error:
            run.finish(ExitCode.INTERNAL_ERROR, f"unexpected {type(error).__name__}: {error}")
            raise
        return run.finish(ExitCode.OK, None)
    finally:
        lock.release()
