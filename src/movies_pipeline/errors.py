"""Exit codes and the errors that map to them.

Every failure the pipeline expects is a PipelineError: it carries the exit code and a
hint that tells the user what to do next. The command prints both on one line; a
traceback only with --verbose.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes of `movies-pipeline` (see docs/pipeline.md)."""

    OK = 0
    INTERNAL_ERROR = 1
    USAGE = 2
    BAD_INPUT = 3
    FETCH_FAILED = 4
    BUILD_FAILED = 5
    DATA_TESTS_FAILED = 6
    LOCKED = 7
    PUBLISH_FAILED = 8
    IMPLAUSIBLE_RESULT = 9
    NO_SUCH_PUBLISH = 10
    STALE = 11
    INTERRUPTED = 130


EXIT_CODE_MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "Success: the warehouse was built, tested and published; the run folder is complete.",
    ExitCode.INTERNAL_ERROR: "Unexpected error (a bug): rerun with --verbose and report the traceback.",
    ExitCode.USAGE: "Bad command line: unknown option, missing value, unusable path or option value.",
    ExitCode.BAD_INPUT: "The input was rejected before building: missing, empty, wrong header, not UTF-8, "
    "unterminated quote, not a zip/CSV, no movies_metadata.csv in the zip, unsafe or oversized zip.",
    ExitCode.FETCH_FAILED: "The input could not be downloaded: not found (404/NoSuchKey), access denied, "
    "endpoint unreachable, TLS error, timeout.",
    ExitCode.BUILD_FAILED: "dbt could not build the warehouse (compile or SQL error); the build file is kept "
    "in the .builds folder for inspection.",
    ExitCode.DATA_TESTS_FAILED: "The build finished but an error-severity data test failed; nothing was "
    "published; the build file is kept for inspection.",
    ExitCode.LOCKED: "Another run holds the lock on this warehouse; wait for it or use --wait.",
    ExitCode.PUBLISH_FAILED: "Writing the outputs or publishing the warehouse failed (disk full, permissions, "
    "a folder that cannot be written, someone holding the warehouse open read-write); the last line says "
    "whether the warehouse was published.",
    ExitCode.IMPLAUSIBLE_RESULT: "The circuit breaker refused to publish an implausible result: no accepted "
    "movies, too many rejected records, a warehouse that would shrink, or one built from another kind of input "
    "(a single file vs hourly drops); the build is kept. --max-rejected-share and --allow-shrink override.",
    ExitCode.NO_SUCH_PUBLISH: "rollback: no kept publish to restore (none older than the current one, or "
    "none with that run id); nothing was changed.",
    ExitCode.STALE: "status --max-age: the current publish is older than that (or there is no publish).",
    ExitCode.INTERRUPTED: "Interrupted (Ctrl-C / SIGINT / SIGTERM); the last line says whether the warehouse "
    "was published before the interruption.",
}


class PipelineError(Exception):
    """An expected failure: a message, what to do next, and the exit code."""

    exit_code: ExitCode = ExitCode.INTERNAL_ERROR

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        text = self.message.rstrip(".")
        return f"{text}; {self.hint}" if self.hint else text


class UsageError(PipelineError):
    exit_code = ExitCode.USAGE


class BadInputError(PipelineError):
    exit_code = ExitCode.BAD_INPUT


class FetchError(PipelineError):
    exit_code = ExitCode.FETCH_FAILED


class BuildError(PipelineError):
    exit_code = ExitCode.BUILD_FAILED


class DataTestsFailedError(PipelineError):
    exit_code = ExitCode.DATA_TESTS_FAILED


class LockedError(PipelineError):
    exit_code = ExitCode.LOCKED


class PublishError(PipelineError):
    exit_code = ExitCode.PUBLISH_FAILED


class ImplausibleResultError(PipelineError):
    exit_code = ExitCode.IMPLAUSIBLE_RESULT


def describe_os_error(error: OSError) -> str:
    """An OSError (permissions, a full disk, a read-only folder) as the one line the user reads."""
    where = f" {error.filename}" if error.filename else ""
    return f"could not use{where}: {error.strerror or error}; check the path, its permissions and free space"
