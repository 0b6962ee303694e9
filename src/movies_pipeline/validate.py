"""Check the staged CSV before building: present, not empty, not compressed, the
expected header, UTF-8 throughout, well-formed quoting, and no record longer than the
reader takes; report its sha256.

DuckDB's reader as configured in the source (strict_mode=false) would swallow the rest of
a file after an unterminated quote into a single field without a word, so one streaming
pass with Python's csv module in strict mode checks the quoting here (about 20 ms on the
2.5 MB sample). Lines may end in LF, CRLF or CR alone, as the engine reads them all.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from movies_pipeline.errors import BadInputError
from movies_pipeline.progress import Progress

# The dbt project this package lives in: the var movies_raw_columns there declares the
# file's columns once, for the validator, staging, the Spark source and the source's reader.
PROJECT_FILE = Path(__file__).resolve().parents[2] / "dbt_project.yml"


def raw_columns(project_file: Path = PROJECT_FILE) -> tuple[str, ...]:
    """The columns of movies_metadata.csv, in order (dbt_project.yml's var movies_raw_columns)."""
    project = yaml.safe_load(project_file.read_text(encoding="utf-8"))
    return tuple(project["vars"]["movies_raw_columns"])


EXPECTED_HEADER = raw_columns()
FULL_FILE_SHA256 = "37ec322786b136a24604564e55160be75f8937546f11cb1a990076971fa895fd"
FULL_FILE_BYTES = 34_445_126
SAMPLE_SHA256 = "28a12d277d694927cfec8dac08347e87da6e4eff7ca330e5556c19b75c45aa63"
KNOWN_FILES = {
    FULL_FILE_SHA256: "full",
    SAMPLE_SHA256: "sample",
}
CHUNK_SIZE = 1024 * 1024
# The longest record the source's reader takes (read_csv's max_line_size, set from the dbt var
# movies_max_record_bytes, whose default in dbt_project.yml must equal this; a test checks).
MAX_RECORD_BYTES = 8 * 1024 * 1024
# What a file that is not a plain CSV starts with, and what to tell its owner.
FOREIGN_FORMATS = (
    (b"\x1f\x8b", "gzip-compressed", "decompress it (gunzip), or give it as the single input, which may be a .csv.gz"),
    (b"BZh", "bzip2-compressed", "decompress it (bunzip2) first"),
    (b"\xfd7zXZ\x00", "xz-compressed", "decompress it (unxz) first"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed", "decompress it (unzstd) first"),
    (b"PK\x03\x04", "a zip archive", "give the zip as the single input, or extract movies_metadata.csv from it"),
    (b"\xff\xfe", "UTF-16 (little-endian byte order mark)", "re-export the file as UTF-8"),
    (b"\xfe\xff", "UTF-16 (big-endian byte order mark)", "re-export the file as UTF-8"),
)


@dataclass(frozen=True)
class InputReport:
    """What the validator learned about the CSV."""

    sha256: str
    size_bytes: int
    record_count: int
    known_as: str | None

    def describe(self) -> str:
        known = {
            "full": "the known full movies_metadata.csv of The Movies Dataset",
            "sample": "the bundled 2,996-record sample",
        }.get(self.known_as or "", "not a known release of movies_metadata.csv")
        return f"{self.size_bytes:,} bytes, {self.record_count:,} records, sha256 {self.sha256} ({known})"


class _HashingReader(io.RawIOBase):
    """The file's bytes, hashed and counted on the way through."""

    def __init__(self, path: Path, progress_step: Callable[[float], None]) -> None:
        self._handle = open(path, "rb")  # noqa: SIM115 - closed by close()
        self.digest = hashlib.sha256()
        self.size = 0
        self._progress_step = progress_step

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        count = self._handle.readinto(buffer)
        if count:
            view = memoryview(buffer)[:count]
            self.digest.update(view)
            self.size += count
            self._progress_step(count)
        return count or 0

    def close(self) -> None:
        self._handle.close()
        super().close()


def _foreign_format(path: Path, source: str) -> None:
    """Refuse a compressed, zipped or UTF-16 file by its first bytes, naming what it is."""
    with open(path, "rb") as handle:
        start = handle.read(8)
    for magic, what, hint in FOREIGN_FORMATS:
        if start.startswith(magic):
            raise BadInputError(f"{source} is {what}, not a CSV file", hint)


def _utf8_problem(path: Path, source: str) -> BadInputError:
    """Where the first byte that is not UTF-8 lies (line and byte offset), found by a second pass."""
    offset = 0
    with open(path, "rb") as handle:
        for line_number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as error:
                # A character cut by the line break cannot happen: \n never occurs inside UTF-8.
                return BadInputError(
                    f"{source} is not UTF-8: line {line_number:,}, byte {offset + error.start:,} "
                    f"holds {raw[error.start : error.start + 4]!r}",
                    "re-export the file as UTF-8",
                )
            offset += len(raw)
    return BadInputError(f"{source} is not UTF-8", "re-export the file as UTF-8")


def _header_problem(header: list[str]) -> str | None:
    if tuple(header) == EXPECTED_HEADER:
        return None
    if len(header) != len(EXPECTED_HEADER):
        shown = ",".join(header[:4])[:80]
        return f"the header has {len(header)} columns, expected {len(EXPECTED_HEADER)} (it starts '{shown}')"
    for position, (found, wanted) in enumerate(zip(header, EXPECTED_HEADER, strict=True), start=1):
        if found != wanted:
            return f"header column {position} is '{found[:40]}', expected '{wanted}'"
    raise AssertionError("unreachable")


def _record_bytes(row: list[str]) -> int:
    """A lower bound of the record's size in the file (its fields and separators, unquoted)."""
    characters = sum(map(len, row)) + len(row)
    if characters * 4 <= MAX_RECORD_BYTES:  # cannot be over the limit: skip the exact count
        return characters
    return sum(len(field.encode("utf-8")) for field in row) + len(row)


def validate_csv(path: Path, progress: Progress, source: str) -> InputReport:
    """Stream through the CSV once; raise BadInputError on the first problem."""
    size = path.stat().st_size
    if size == 0:
        raise BadInputError(f"input is empty (0 bytes): {source}", "check that the file was fully downloaded")
    _foreign_format(path, source)
    with progress.stage("validate", total=size) as bar:
        raw = _HashingReader(path, bar.update)
        text = io.TextIOWrapper(io.BufferedReader(raw, CHUNK_SIZE), encoding="utf-8-sig", newline="")
        csv.field_size_limit(MAX_RECORD_BYTES)  # characters: never below the byte count
        reader = csv.reader(text, strict=True)
        records = 0
        record_start = 1
        try:
            header = next(reader, None)
            problem = _header_problem(header or [])
            if problem:
                raise BadInputError(
                    f"{source} is not movies_metadata.csv: {problem}",
                    "give The Movies Dataset's movies_metadata.csv (or its zip)",
                )
            record_start = reader.line_num + 1
            for row in reader:
                if row:
                    records += 1
                    if _record_bytes(row) > MAX_RECORD_BYTES:
                        raise BadInputError(
                            f"{source} has a record longer than the reader takes: the record starting on "
                            f"line {record_start:,} holds more than {MAX_RECORD_BYTES:,} bytes",
                            "check that record; a record that long is almost always a broken export",
                        )
                record_start = reader.line_num + 1
        except UnicodeDecodeError:
            raise _utf8_problem(path, source) from None
        except csv.Error as error:
            message = str(error)
            if "field larger than field limit" in message:
                raise BadInputError(
                    f"{source}: the record starting on line {record_start:,} runs past {MAX_RECORD_BYTES:,} bytes, "
                    "the longest record the reader takes (a quote that never closes, or a field that long)",
                    "fix or re-export the file",
                ) from error
            if "unexpected end of data" in message:
                raise BadInputError(
                    f"{source} has an unterminated quote: the quoted field in the record starting on "
                    f"line {record_start:,} never closes",
                    "fix or re-export the file; a quote left open would swallow every record after it",
                ) from error
            raise BadInputError(
                f"{source} has a quoting error in the record starting on line {record_start:,} ({message})",
                "fix or re-export the file; a stray quote would run records together",
            ) from error
        finally:
            text.close()
    if records == 0:
        raise BadInputError(f"{source} has a header but no records", "give the complete movies_metadata.csv")
    sha256 = raw.digest.hexdigest()
    return InputReport(sha256=sha256, size_bytes=raw.size, record_count=records, known_as=KNOWN_FILES.get(sha256))
