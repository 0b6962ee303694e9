"""`movies-pipeline`: the command line.

    movies-pipeline [INPUT] [options]      build, test and publish from INPUT (default: the bundled sample)
    movies-pipeline <subcommand> ...       a registered subcommand (see SUBCOMMANDS)

A first argument that names a registered subcommand selects it; anything else is the
run command's INPUT (write `./generate` for a file that happens to share a name).

Adding a subcommand takes one line in this module:

    SUBCOMMANDS["generate"] = lazy_subcommand("movies_pipeline.generate", "write synthetic raw input")

where the module defines `add_arguments(parser)` to declare its options and `run(args) -> int`
to return an exit code (raise a PipelineError subclass for an expected failure: it is printed
on one line). The module is imported only when its subcommand runs, so the run command never
pays for (or depends on) another subcommand's imports. `Subcommand(help, add_arguments,
handler)` registers any two callables directly.
"""

from __future__ import annotations

import argparse
import importlib
import math
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import duckdb

from movies_pipeline import __version__
from movies_pipeline.circuit_breaker import DEFAULT_MAX_REJECTED_SHARE, DEFAULT_MAX_SHRINK, BreakerLimits
from movies_pipeline.drops import check_hour_range, is_drops_dir, parse_hour
from movies_pipeline.errors import EXIT_CODE_MEANINGS, ExitCode, PipelineError, UsageError, describe_os_error
from movies_pipeline.fetch import DEFAULT_MAX_INPUT_BYTES
from movies_pipeline.places import add_place_arguments, places_from
from movies_pipeline.pipeline import DEFAULT_KEEP_RUNS, SAMPLE_RELATIVE_PATH, RunOptions, RunResult, run_pipeline
from movies_pipeline.publishes import DEFAULT_KEEP_PUBLISHES
from movies_pipeline.progress import MODES, Progress

PROG = "movies-pipeline"


@dataclass(frozen=True)
class Subcommand:
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    handler: Callable[[argparse.Namespace], int]


def lazy_subcommand(module: str, help: str) -> Subcommand:  # noqa: A002 - argparse's word for it
    """A subcommand whose module (with add_arguments and run) is imported only when it runs."""

    def add_arguments(parser: argparse.ArgumentParser) -> None:
        importlib.import_module(module).add_arguments(parser)

    def handler(arguments: argparse.Namespace) -> int:
        return int(importlib.import_module(module).run(arguments))

    return Subcommand(help, add_arguments, handler)


SUBCOMMANDS: dict[str, Subcommand] = {}
SUBCOMMANDS["generate"] = lazy_subcommand("movies_pipeline.generate", "write synthetic raw input at any scale")
SUBCOMMANDS["report"] = lazy_subcommand("movies_pipeline.report", "write the HTML report of the nine yearly answers")
SUBCOMMANDS["history"] = lazy_subcommand("movies_pipeline.history", "list the kept publishes of a warehouse")
SUBCOMMANDS["rollback"] = lazy_subcommand("movies_pipeline.rollback", "make an earlier kept publish current again")
SUBCOMMANDS["status"] = lazy_subcommand("movies_pipeline.status", "the health of a warehouse: publish, runs, drops")


def _exit_code_table() -> str:
    return "\n".join(f"  {int(code):>3}  {text}" for code, text in EXIT_CODE_MEANINGS.items())


def _positive_bytes(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of bytes") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if value < 0 or math.isnan(value):
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _positive_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _share(text: str) -> float:
    try:
        value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a share (0.01 or 1%)") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1 (or 0% and 100%)")
    return value


def build_run_parser() -> argparse.ArgumentParser:
    subcommands = "".join(f"\n  {name:<10} {command.help}" for name, command in sorted(SUBCOMMANDS.items()))
    parser = argparse.ArgumentParser(
        prog=PROG,
        usage=f"{PROG} [INPUT] [options]" + (f"\n       {PROG} <subcommand> ..." if SUBCOMMANDS else ""),
        description="Build The Movies Dataset warehouse with dbt, test it, publish it atomically, and "
        "write a run folder (Parquet per table, errors.log, rejected_records.csv, run_summary.json).",
        epilog=(f"subcommands:{subcommands}\n\n" if SUBCOMMANDS else "")
        + f"exit codes:\n{_exit_code_table()}\n\ndocs: docs/pipeline.md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "input",
        nargs="?",
        metavar="INPUT",
        help="s3://bucket/key, https:// URL, or a local .zip or .csv; a zip must hold movies_metadata.csv "
        "at its root or in one folder (default: the bundled sample)",
    )
    add_place_arguments(parser)
    parser.add_argument(
        "--wait",
        nargs="?",
        type=_seconds,
        const=math.inf,
        metavar="SECONDS",
        help="if another run holds the warehouse lock, wait for it (for at most SECONDS) instead of exiting",
    )
    parser.add_argument(
        "--s3-endpoint-url",
        metavar="URL",
        help="S3-compatible endpoint (MinIO, Ceph, ...); AWS_ENDPOINT_URL_S3 works too",
    )
    parser.add_argument(
        "--max-input-bytes",
        type=_positive_bytes,
        default=DEFAULT_MAX_INPUT_BYTES,
        metavar="N",
        help="refuse a download or an extracted CSV larger than this (default: %(default)s)",
    )
    parser.add_argument("--check-only", action="store_true", help="fetch and validate the input, then stop")
    parser.add_argument(
        "--force",
        action="store_true",
        help="build even when the published warehouse was built from this input with these models",
    )
    parser.add_argument(
        "--keep-runs",
        type=_positive_count,
        default=DEFAULT_KEEP_RUNS,
        metavar="N",
        help="run folders to keep in OUTPUT_DIR/runs, the newest (and latest's) (default: %(default)s)",
    )
    parser.add_argument(
        "--keep-publishes",
        type=_positive_count,
        default=DEFAULT_KEEP_PUBLISHES,
        metavar="N",
        help="publishes to keep for `rollback`, the current one included (hard links; about N times the "
        "warehouse's size on disk) (default: %(default)s)",
    )
    breaker = parser.add_argument_group(
        "circuit breaker",
        "a build that passed its tests is still not published (exit 9) when it holds no movie, rejects too "
        "many records, shrinks the warehouse, or replaces one built from another kind of input",
    )
    breaker.add_argument(
        "--max-rejected-share",
        type=_share,
        default=DEFAULT_MAX_REJECTED_SHARE,
        metavar="SHARE",
        help="most records of this run that may be rejected, as 0.01 or 1%% (default: %(default)g)",
    )
    breaker.add_argument(
        "--max-shrink",
        type=_share,
        default=DEFAULT_MAX_SHRINK,
        metavar="SHARE",
        help="largest fall in accepted movies against the published warehouse (default: %(default)g)",
    )
    breaker.add_argument(
        "--allow-shrink",
        action="store_true",
        help="publish even if the warehouse shrinks more than --max-shrink, or replaces one built from another "
        "kind of input (a single file vs hourly drops)",
    )
    drops = parser.add_argument_group(
        "hourly drops",
        "INPUT may be a folder of hourly drops ([raw/movies/]ingest_hour=YYYY-MM-DDTHH/*.csv): a run loads "
        "the drops the warehouse has not loaded yet on top of it (the hourly run); the options below "
        "reprocess instead. See docs/scaling.md.",
    )
    drops.add_argument("--from", dest="from_hour", metavar="HOUR", help="backfill: reload the drops from HOUR (2026-11-25T13)")
    drops.add_argument("--to", dest="to_hour", metavar="HOUR", help="backfill: reload the drops up to HOUR, inclusive")
    drops.add_argument(
        "--rebuild", action="store_true", help="rebuild from every drop with the current models into a fresh warehouse"
    )
    parser.add_argument(
        "--progress", choices=MODES, default="auto", help="bars on a terminal, plain lines elsewhere (default: auto)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show dbt's log and tracebacks")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def options_from_arguments(arguments: argparse.Namespace) -> RunOptions:
    places = places_from(arguments)
    project_dir, warehouse, output_dir = places.project_dir, places.warehouse, places.output_dir
    hours = {
        name: parse_hour(value, option)
        for name, option, value in (("from_hour", "--from", arguments.from_hour), ("to_hour", "--to", arguments.to_hour))
        if value
    }
    check_hour_range(hours.get("from_hour"), hours.get("to_hour"), arguments.rebuild)
    if (hours or arguments.rebuild) and not (arguments.input and is_drops_dir(Path(arguments.input))):
        raise UsageError("--from, --to and --rebuild need a folder of hourly drops as INPUT", "see --help")
    return RunOptions(
        **hours,
        rebuild=arguments.rebuild,
        input=arguments.input or str(project_dir / SAMPLE_RELATIVE_PATH),
        project_dir=project_dir,
        warehouse=warehouse,
        output_dir=output_dir,
        wait_seconds=arguments.wait,
        max_input_bytes=arguments.max_input_bytes,
        s3_endpoint_url=arguments.s3_endpoint_url,
        check_only=arguments.check_only,
        verbose=arguments.verbose,
        limits=BreakerLimits(arguments.max_rejected_share, arguments.max_shrink, arguments.allow_shrink),
        force=arguments.force,
        keep_runs=arguments.keep_runs,
        keep_publishes=arguments.keep_publishes,
    )


def _say_done(result: RunResult) -> None:
    summary = result.summary
    records = summary["records"]
    if summary["status"] == "up to date":
        what = "every drop is loaded already" if summary["drops"] else "built from this input with these models already"
        print(f"{summary['warehouse']['path']} is up to date ({what}); nothing to do. Run folder: {result.run_dir}")
        return
    if summary["status"] == "checked":
        records_in = summary["input"]["csv_records"]
        print(f"input OK ({records_in:,} records); nothing built (--check-only). Run folder: {result.run_dir}")
        return
    counts = ", ".join(
        f"{records[key]:,} {label}"
        for key, label in (("accepted", "movies"), ("rejected", "records rejected"), ("superseded", "superseded"))
        if records.get(key) is not None
    )
    warned = f" {len(summary['warnings'])} warning(s) in errors.log." if summary["warnings"] else ""
    print(f"published {summary['warehouse']['published']} ({counts or 'built'}).{warned} Run folder: {result.run_dir}")


def _raise_keyboard_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def guarded(command: Callable[[], int], verbose: bool) -> int:
    """The one error boundary of the command and every subcommand: an expected failure is one
    line and its exit code; only a real bug says so. --verbose adds the traceback."""
    try:
        return int(command())
    except BaseException as error:  # noqa: BLE001 - every way out is one line and an exit code
        if isinstance(error, SystemExit):
            raise
        if verbose:
            traceback.print_exception(error, file=sys.stderr)
        text, code = _describe(error)
    print(f"{PROG}: error: {text}", file=sys.stderr)
    return int(code)


def _describe(error: BaseException) -> tuple[str, ExitCode]:
    if isinstance(error, PipelineError):
        return error.one_line(), error.exit_code
    if isinstance(error, KeyboardInterrupt):
        return "interrupted", ExitCode.INTERRUPTED
    if isinstance(error, OSError):  # permissions, a full disk, a read-only folder: the machine's, not a bug
        return describe_os_error(error), ExitCode.PUBLISH_FAILED
    if isinstance(error, duckdb.IOException):  # not a database, or one a read-write connection holds
        return (
            f"could not open a database: {' '.join(str(error).split())[:300]}",
            ExitCode.PUBLISH_FAILED,
        )
    return (
        f"unexpected {type(error).__name__}: {error}. This is a bug: rerun with --verbose and report the traceback",
        ExitCode.INTERNAL_ERROR,
    )


def _run(arguments: argparse.Namespace) -> int:
    options = options_from_arguments(arguments)
    result = run_pipeline(options, Progress(arguments.progress))
    if result.exit_code == ExitCode.OK:
        _say_done(result)
    else:
        where = f" (run folder: {result.run_dir})" if result.run_dir else ""
        print(f"{PROG}: error: {result.summary['error']}{where}", file=sys.stderr)
    return int(result.exit_code)


def run_command(argv: Sequence[str]) -> int:
    parser = build_run_parser()
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as exit_request:  # argparse: --help, --version or a usage error
        return int(exit_request.code or 0)
    return guarded(lambda: _run(arguments), arguments.verbose)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if argv is None:
        signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    if arguments and arguments[0] in SUBCOMMANDS:
        name, rest = arguments[0], arguments[1:]
        command = SUBCOMMANDS[name]
        parser = argparse.ArgumentParser(prog=f"{PROG} {name}", description=command.help)
        command.add_arguments(parser)
        try:
            parsed = parser.parse_args(rest)
        except SystemExit as exit_request:
            return int(exit_request.code or 0)
        return guarded(lambda: command.handler(parsed), bool(getattr(parsed, "verbose", False)))
    if arguments[:1] == ["--"] and len(arguments) > 1:
        # `-- INPUT [options]`: INPUT is the input whatever it looks like (`-- -file.csv`).
        arguments = [*arguments[2:], "--", arguments[1]]
    return run_command(arguments)


if __name__ == "__main__":
    sys.exit(main())
