"""Bad inputs: each gets a clear one-line error and a non-zero exit, the published
warehouse stays as it was, and nothing is written outside the run's own folders."""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import random
import stat
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from pipeline_helpers import (
    SAMPLE_CSV,
    SAMPLE_HEADER,
    Place,
    assert_one_line_error,
    official_layout_zip,
    sha256_of,
)

from movies_pipeline.cli import main
from movies_pipeline.errors import ExitCode

SAMPLE = SAMPLE_CSV.read_bytes()
ESCAPE_NAME = f"escaped-{uuid.uuid4().hex}.txt"


def zip_with(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, data in entries:
            bundle.writestr(name, data)
    return path


def symlink_entry(name: str, target: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def missing(folder: Path) -> Path:
    return folder / "no-such-file.zip"


def a_folder(folder: Path) -> Path:
    (folder / "the-movies-dataset").mkdir()
    return folder / "the-movies-dataset"


def empty(folder: Path) -> Path:
    (folder / "movies_metadata.csv").write_bytes(b"")
    return folder / "movies_metadata.csv"


def wrong_header(folder: Path) -> Path:
    (folder / "credits.csv").write_bytes(b"cast,crew,id\n[],[],862\n")
    return folder / "credits.csv"


def zip_without_csv(folder: Path) -> Path:
    return zip_with(folder / "the-movies-dataset.zip", [("credits.csv", b"cast,crew,id\n"), ("links.csv", b"a\n")])


def zip_csv_too_deep(folder: Path) -> Path:
    return zip_with(folder / "deep.zip", [("a/b/movies_metadata.csv", SAMPLE)])


def truncated_zip(folder: Path) -> Path:
    whole = official_layout_zip(folder / "whole.zip", SAMPLE).read_bytes()
    (folder / "the-movies-dataset.zip").write_bytes(whole[: len(whole) // 2])
    return folder / "the-movies-dataset.zip"


def corrupted_zip_member(folder: Path) -> Path:
    whole = bytearray(official_layout_zip(folder / "whole.zip", SAMPLE).read_bytes())
    start = whole.find(b"movies_metadata.csv") + 200  # inside the compressed CSV
    whole[start : start + 64] = bytes(64)
    (folder / "the-movies-dataset.zip").write_bytes(bytes(whole))
    return folder / "the-movies-dataset.zip"


def not_a_zip(folder: Path) -> Path:
    (folder / "the-movies-dataset.zip").write_bytes(b"<html>Access denied</html>\n")
    return folder / "the-movies-dataset.zip"


def non_utf8(folder: Path) -> Path:
    (folder / "movies_metadata.csv").write_bytes(SAMPLE.replace(b"Toy Story", "Toy Störy".encode("latin-1"), 1))
    return folder / "movies_metadata.csv"


def unterminated_quote(folder: Path) -> Path:
    (folder / "movies_metadata.csv").write_bytes(SAMPLE + b"\nFalse,,0,\"[{'id': 18, 'name': 'Drama'}],,8844\n")
    return folder / "movies_metadata.csv"


def random_binary(folder: Path) -> Path:
    (folder / "movies_metadata.csv").write_bytes(random.Random(7).randbytes(100_000))
    return folder / "movies_metadata.csv"


def zip_slip_parent(folder: Path) -> Path:
    return zip_with(folder / "slip.zip", [("movies_metadata.csv", SAMPLE), (f"../{ESCAPE_NAME}", b"owned")])


def zip_slip_absolute(folder: Path) -> Path:
    return zip_with(folder / "absolute.zip", [("movies_metadata.csv", SAMPLE), (f"/tmp/{ESCAPE_NAME}", b"owned")])


def zip_symlink(folder: Path) -> Path:
    return zip_with(folder / "link.zip", [(symlink_entry("movies_metadata.csv", "/etc/passwd"), b"/etc/passwd")])


def bzip2_compressed(folder: Path) -> Path:
    (folder / "movies_metadata.csv").write_bytes(bz2.compress(SAMPLE))
    return folder / "movies_metadata.csv"


def utf16(folder: Path) -> Path:
    (folder / "movies_metadata.csv").write_bytes(SAMPLE.decode("utf-8").encode("utf-16"))
    return folder / "movies_metadata.csv"


def truncated_gzip(folder: Path) -> Path:
    whole = gzip.compress(SAMPLE)
    (folder / "movies_metadata.csv.gz").write_bytes(whole[: len(whole) // 2])
    return folder / "movies_metadata.csv.gz"


def record_past_the_reader_limit(folder: Path) -> Path:
    # Two fields of 5 MB each: no field is over the limit, the record is.
    record = SAMPLE.split(b"\n")[1].replace(b"Led by Woody", b"x" * 5_000_000, 1)
    record = record.replace(b"Released", b"y" * 5_000_000, 1)
    (folder / "movies_metadata.csv").write_bytes(SAMPLE + b"\n" + record + b"\n")
    return folder / "movies_metadata.csv"


def field_past_the_reader_limit(folder: Path) -> Path:
    record = SAMPLE.split(b"\n")[1].replace(b"Led by Woody", b"x" * 9_000_000, 1)
    (folder / "movies_metadata.csv").write_bytes(SAMPLE + b"\n" + record + b"\n")
    return folder / "movies_metadata.csv"


def zip_bomb(folder: Path) -> Path:
    # 64 MiB of one byte compresses to about 64 KB; run with --max-input-bytes 10000000.
    return zip_with(folder / "bomb.zip", [("movies_metadata.csv", SAMPLE_HEADER + b"0" * (64 * 1024 * 1024))])


CASES: list[tuple[str, Callable[[Path], Path], ExitCode, tuple[str, ...], list[str]]] = [
    ("missing file", missing, ExitCode.BAD_INPUT, ("input not found", "check the path"), []),
    ("a folder", a_folder, ExitCode.BAD_INPUT, ("input is not a file",), []),
    ("empty file", empty, ExitCode.BAD_INPUT, ("empty (0 bytes)",), []),
    ("wrong header", wrong_header, ExitCode.BAD_INPUT, ("has 3 columns, expected 24",), []),
    ("zip without the CSV", zip_without_csv, ExitCode.BAD_INPUT, ("has no movies_metadata.csv", "credits.csv"), []),
    ("CSV two folders deep", zip_csv_too_deep, ExitCode.BAD_INPUT, ("has no movies_metadata.csv",), []),
    ("truncated zip", truncated_zip, ExitCode.BAD_INPUT, ("cannot read the zip", "download it again"), []),
    ("corrupted zip member", corrupted_zip_member, ExitCode.BAD_INPUT, ("cannot read the zip",), []),
    ("named .zip, not a zip", not_a_zip, ExitCode.BAD_INPUT, ("is not a zip archive",), []),
    ("non-UTF-8 bytes", non_utf8, ExitCode.BAD_INPUT, ("is not UTF-8: line 2", "re-export"), []),
    ("unterminated quote", unterminated_quote, ExitCode.BAD_INPUT, ("unterminated quote", "line 3,001"), []),
    ("random binary", random_binary, ExitCode.BAD_INPUT, ("not UTF-8",), []),
    ("zip entry ../", zip_slip_parent, ExitCode.BAD_INPUT, ("unsafe zip", "points outside"), []),
    ("zip entry absolute", zip_slip_absolute, ExitCode.BAD_INPUT, ("unsafe zip", "absolute path"), []),
    ("zip entry symlink", zip_symlink, ExitCode.BAD_INPUT, ("unsafe zip", "symbolic link"), []),
    ("bzip2-compressed", bzip2_compressed, ExitCode.BAD_INPUT, ("is bzip2-compressed", "bunzip2"), []),
    ("UTF-16", utf16, ExitCode.BAD_INPUT, ("is UTF-16", "as UTF-8"), []),
    ("truncated gzip", truncated_gzip, ExitCode.BAD_INPUT, ("cannot decompress the gzip file",), []),
    ("record past the limit", record_past_the_reader_limit, ExitCode.BAD_INPUT, ("line 3,001", "8,388,608"), []),
    ("field past the limit", field_past_the_reader_limit, ExitCode.BAD_INPUT, ("line 3,001", "8,388,608"), []),
    (
        "zip bomb",
        zip_bomb,
        ExitCode.BAD_INPUT,
        ("would expand to", "over the limit of 10,000,000", "--max-input-bytes"),
        ["--max-input-bytes", "10000000"],
    ),
]


@pytest.mark.parametrize(
    ("make_input", "exit_code", "fragments", "extra"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_input_is_refused_cleanly(
    tmp_path: Path,
    published_place: Place,
    capsys: pytest.CaptureFixture[str],
    make_input: Callable[[Path], Path],
    exit_code: ExitCode,
    fragments: tuple[str, ...],
    extra: list[str],
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    bad = make_input(inputs)
    published_before = sha256_of(published_place.warehouse)
    inputs_before = {path: path.stat().st_mtime_ns for path in inputs.rglob("*")}
    before = published_place.snapshot()

    code = main([str(bad), *published_place.options(), *extra])

    assert code == exit_code
    message = assert_one_line_error(capsys.readouterr().err, *fragments)
    assert sha256_of(published_place.warehouse) == published_before

    run_dir = published_place.only_run()
    rel = run_dir.relative_to(published_place.root)
    allowed = {
        Path("output"),
        rel.parent,
        rel,
        rel / "errors.log",
        rel / "run_summary.json",
        rel / "rejected_records.csv",
        Path("warehouse/.movies.duckdb.lock"),
        Path("warehouse/.builds"),
    }
    assert published_place.snapshot() - before <= allowed
    assert not (published_place.output / "latest").exists()
    assert {path: path.stat().st_mtime_ns for path in inputs.rglob("*")} == inputs_before
    assert not list(tmp_path.rglob(ESCAPE_NAME)) and not Path("/tmp", ESCAPE_NAME).exists()

    summary = published_place.summary(run_dir)
    assert summary["status"] == "failed"
    assert summary["exit_code"] == exit_code
    assert summary["warehouse"]["published"] is None
    assert summary["error"] in message
    assert summary["error"] in (run_dir / "errors.log").read_text()


def test_a_zip_with_the_csv_in_one_folder_is_accepted(tmp_path: Path, place: Place) -> None:
    bundle = official_layout_zip(tmp_path / "the-movies-dataset.zip", SAMPLE, folder="the-movies-dataset/")
    assert main([str(bundle), *place.options(), "--check-only"]) == ExitCode.OK
    summary = place.summary()
    assert summary["status"] == "checked"
    assert summary["input"]["archive_member"] == "the-movies-dataset/movies_metadata.csv"
    assert summary["input"]["known_file"] == "sample"


def test_a_gzip_input_is_read_by_its_bytes(tmp_path: Path, place: Place) -> None:
    packed = tmp_path / "movies.download"  # no telling name: the bytes say gzip
    packed.write_bytes(gzip.compress(SAMPLE))
    assert main([str(packed), *place.options(), "--check-only"]) == ExitCode.OK
    summary = place.summary()
    assert summary["input"]["known_file"] == "sample"  # the checksum of the CSV inside
    assert summary["input"]["archive_member"] == "gzip"


@pytest.mark.slow
def test_what_the_engine_reads_is_built(tmp_path: Path, place: Place) -> None:
    """CR-only line ends, a field over Python csv's default 131,072-character limit and a 2.2 MB
    record pass the checks and build (before, each was refused or failed the build)."""
    records = SAMPLE.decode("utf-8").split("\n")
    header, first, rest = records[0], records[1], records[2:]
    long_overview = "w" * 2_200_000
    wide = first.replace("Led by Woody", long_overview, 1)
    middle = rest[0].replace("When siblings", "s" * 200_000, 1)
    source = tmp_path / "movies_metadata.csv"
    source.write_bytes("\r".join([header, wide, middle, *rest[1:]]).encode("utf-8"))

    assert main([str(source), *place.options()]) == ExitCode.OK
    with duckdb.connect(str(place.warehouse), read_only=True) as connection:
        counts = connection.execute(
            "select raw_record_count, accepted_movie_count from audit.movie_record_reconciliation"
        ).fetchall()[0]
        longest = connection.execute("select max(length(overview)) from intermediate.int_movie_records_loaded").fetchall()
    rows = list(csv.reader(io.StringIO(SAMPLE.decode("utf-8"), newline="")))[1:]
    assert counts == (len(rows), len({row[5] for row in rows}))
    assert longest == [(len(rows[0][9].replace("Led by Woody", long_overview, 1)),)]
