"""The input checks: header, UTF-8, quoting, emptiness, checksum."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pipeline_helpers import SAMPLE_CSV, SAMPLE_HEADER

from movies_pipeline.errors import BadInputError
from movies_pipeline.progress import Progress
from movies_pipeline.validate import SAMPLE_SHA256, validate_csv


def check(path: Path):
    return validate_csv(path, Progress("none"), str(path))


def rejection(path: Path) -> str:
    with pytest.raises(BadInputError) as caught:
        check(path)
    return caught.value.one_line()


def test_the_sample_is_valid_and_known() -> None:
    report = check(SAMPLE_CSV)
    assert report.sha256 == SAMPLE_SHA256
    assert report.known_as == "sample"
    assert report.record_count == 2996
    assert report.size_bytes == 2_485_794
    assert "bundled 2,996-record sample" in report.describe()


def test_an_edited_file_is_valid_but_unknown(tmp_path: Path) -> None:
    edited = tmp_path / "movies_metadata.csv"
    edited.write_bytes(SAMPLE_CSV.read_bytes() + b"\n")
    report = check(edited)
    assert report.known_as is None
    assert "not a known release" in report.describe()


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    with_bom = tmp_path / "movies_metadata.csv"
    with_bom.write_bytes(b"\xef\xbb\xbf" + SAMPLE_CSV.read_bytes())
    assert check(with_bom).record_count == 2996


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "movies_metadata.csv"
    empty.write_bytes(b"")
    assert "empty (0 bytes)" in rejection(empty)


def test_header_only(tmp_path: Path) -> None:
    header_only = tmp_path / "movies_metadata.csv"
    header_only.write_bytes(SAMPLE_HEADER)
    assert "header but no records" in rejection(header_only)


def test_wrong_number_of_columns(tmp_path: Path) -> None:
    other = tmp_path / "credits.csv"
    other.write_bytes(b"cast,crew,id\n[],[],862\n")
    message = rejection(other)
    assert "has 3 columns, expected 24" in message
    assert "movies_metadata.csv" in message


def test_renamed_column(tmp_path: Path) -> None:
    renamed = tmp_path / "movies_metadata.csv"
    renamed.write_bytes(SAMPLE_CSV.read_bytes().replace(b",budget,", b",budget_usd,", 1))
    assert "header column 3 is 'budget_usd', expected 'budget'" in rejection(renamed)


def test_non_utf8_bytes_name_the_line(tmp_path: Path) -> None:
    latin1 = tmp_path / "movies_metadata.csv"
    lines = SAMPLE_CSV.read_bytes().split(b"\n")
    lines[10] = lines[10].replace(b"False", "Fälse".encode("latin-1"), 1)
    latin1.write_bytes(b"\n".join(lines))
    message = rejection(latin1)
    assert "is not UTF-8: line 11" in message
    assert "re-export the file as UTF-8" in message


def test_unterminated_quote_near_the_end(tmp_path: Path) -> None:
    broken = tmp_path / "movies_metadata.csv"
    broken.write_bytes(SAMPLE_CSV.read_bytes() + b"\nFalse,,0,\"[{'id': 1, 'name': 'Drama'}],,99999999,tt1,en\n")
    message = rejection(broken)
    assert "unterminated quote" in message
    assert "line 3," in message or "never closes" in message


def test_unterminated_quote_early_swallowing_the_rest(tmp_path: Path) -> None:
    # A quote opened in record 2 that never closes would turn the remaining 2.4 MB into one field.
    lines = SAMPLE_CSV.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",False,", b',"False,', 1)
    broken = tmp_path / "movies_metadata.csv"
    broken.write_bytes(b"\n".join(lines))
    message = rejection(broken)
    assert "quoting error in the record starting on line 3" in message


def test_random_binary(tmp_path: Path) -> None:
    noise = tmp_path / "movies_metadata.csv"
    noise.write_bytes(random.Random(20240601).randbytes(200_000))
    message = rejection(noise)
    assert "not UTF-8" in message or "not movies_metadata.csv" in message


def test_the_validator_and_the_reader_take_the_same_longest_record() -> None:
    """The validator refuses what read_csv would not read: one limit, passed as the dbt var, whose
    default in dbt_project.yml (used by a plain dbt build) must be the same."""
    import yaml

    from movies_pipeline.validate import MAX_RECORD_BYTES

    project = yaml.safe_load((SAMPLE_CSV.parents[2] / "dbt_project.yml").read_text())
    assert project["vars"]["movies_max_record_bytes"] == MAX_RECORD_BYTES
    sources = (SAMPLE_CSV.parents[2] / "models" / "staging" / "movies" / "_movies__sources.yml").read_text()
    assert 'max_line_size = {{ var("movies_max_record_bytes") }}' in sources
