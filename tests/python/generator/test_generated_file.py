"""The generated movies_metadata.csv has the real file's format, quirks and proportions."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import re
import statistics
from collections import defaultdict

import pytest
from generator_helpers import COLUMNS, SAMPLE, accepted, column, read_records

from movies_pipeline.generate import GeneratedFile, GeneratorError, generate_file

LIST_COLUMNS = ("belongs_to_collection", "genres", "production_companies", "production_countries", "spoken_languages")
BROKEN_GENRES = "[{'id': 35, 'name': 'Comedy'} GATORADE"


def test_same_seed_writes_same_bytes_and_another_seed_does_not(small_file: GeneratedFile, tmp_path) -> None:
    again = generate_file(tmp_path / "again.csv", scale=0.02, seed=7)
    other = generate_file(tmp_path / "other.csv", scale=0.02, seed=8)
    assert again.path.read_bytes() == small_file.path.read_bytes()
    assert other.path.read_bytes() != small_file.path.read_bytes()


def test_header_is_the_real_files_header(small_file: GeneratedFile) -> None:
    real_header = SAMPLE.read_bytes().split(b"\n", 1)[0]
    assert small_file.path.read_bytes().split(b"\n", 1)[0] == real_header
    assert real_header.decode().split(",") == COLUMNS


def test_record_count_is_45466_times_the_scale(small_file: GeneratedFile, full_records: list[list[str]]) -> None:
    assert len(read_records(small_file.path)) == small_file.records == round(45_466 * 0.02)
    assert len(full_records) == 45_466


def test_quoting_is_what_pythons_csv_writer_writes_as_in_the_real_file(tenth_file: GeneratedFile) -> None:
    def rewritten(text: str) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(csv.reader(io.StringIO(text, newline="")))
        return buffer.getvalue()

    sample = SAMPLE.read_text(encoding="utf-8")
    assert rewritten(sample) == sample + "\n"  # the premise: the real file is csv-writer output
    generated = tenth_file.path.read_text(encoding="utf-8")
    assert rewritten(generated) == generated


def test_booleans_and_dates_are_written_as_in_the_real_file(tenth_file: GeneratedFile) -> None:
    records = accepted(read_records(tenth_file.path))
    assert {r[column("adult")] for r in records} | {r[column("video")] for r in records} <= {"False", "True"}
    dates = [r[column("release_date")] for r in records if r[column("release_date")]]
    assert len(dates) > 0.99 * len(records)
    assert all(dt.date.fromisoformat(date).isoformat() == date for date in dates)


def test_every_list_cell_is_python_repr_output_except_the_planted_genres_cell(tenth_file: GeneratedFile) -> None:
    unparseable = []
    for record in accepted(read_records(tenth_file.path)):
        for name in LIST_COLUMNS:
            cell = record[column(name)]
            if not cell:
                continue
            try:
                parsed = ast.literal_eval(cell)
            except (ValueError, SyntaxError):
                unparseable.append((name, cell))
                continue
            assert repr(parsed) == cell
    assert unparseable == [("genres", BROKEN_GENRES)] * len(tenth_file.broken_genres_movie_ids)
    assert len(tenth_file.broken_genres_movie_ids) == 1


def test_names_with_quotes_are_quoted_the_way_repr_quotes_them(tenth_file: GeneratedFile) -> None:
    apostrophe_only, both_quotes = set(), set()
    for record in accepted(read_records(tenth_file.path)):
        cell = record[column("production_companies")]
        for company in ast.literal_eval(cell):
            name = company["name"]
            if "'" in name and '"' not in name:
                assert f"'name': \"{name}\"" in cell
                apostrophe_only.add(name)
            elif "'" in name and '"' in name:
                assert "'name': '" + name.replace("'", "\\'") + "'" in cell
                both_quotes.add(name)
    assert len(apostrophe_only) >= 5
    assert len(both_quotes) >= 1


def test_split_records_are_planted_as_in_the_full_file(full_file: GeneratedFile, full_records) -> None:
    heads = [index for index, record in enumerate(full_records) if len(record) == 10]
    tails = [index for index, record in enumerate(full_records) if len(record) == 15]
    assert len(heads) == len(tails) == 3  # the full file has three
    assert tails == [head + 1 for head in heads]
    for tail in (full_records[index] for index in tails):
        assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", tail[column("id")])
        assert re.fullmatch(r"/\w+\.jpg", tail[column("budget")])
        assert not re.fullmatch(r"[0-9.e-]+", tail[column("popularity")])
    assert sorted(int(full_records[index][column("id")]) for index in heads) == sorted(full_file.split_movie_ids)
    assert all(len(record) in (10, 15, 24) for record in full_records)


def test_about_30_ids_are_duplicated_some_only_in_popularity(full_file: GeneratedFile, full_records) -> None:
    versions: dict[str, list[list[str]]] = defaultdict(list)
    for record in accepted(full_records):
        versions[record[column("id")]].append(record)
    duplicated = {movie_id: found for movie_id, found in versions.items() if len(found) > 1}
    assert len(duplicated) == 30
    assert sum(len(found) - 1 for found in duplicated.values()) == full_file.duplicate_records == 30
    differing_columns = set()
    kinds = []
    for first, second in duplicated.values():
        differing = {COLUMNS[i] for i in range(24) if first[i] != second[i]}
        differing_columns |= differing
        kinds.append(bool(differing))
    assert differing_columns == {"popularity"}
    assert any(kinds) and not all(kinds)
    assert len(versions) == full_file.movies


def test_unknown_budget_and_revenue_shares_are_near_the_samples(full_records, sample_records) -> None:
    def zero_share(records: list[list[str]], name: str) -> float:
        return sum(1 for r in records if r[column(name)] == "0") / len(records)

    generated, sample = accepted(full_records), accepted(sample_records)
    for name in ("budget", "revenue"):
        assert zero_share(generated, name) == pytest.approx(zero_share(sample, name), abs=0.02)


def test_popularity_is_skewed_like_the_samples(full_records, sample_records) -> None:
    generated = [float(r[column("popularity")]) for r in accepted(full_records)]
    sample = [float(r[column("popularity")]) for r in accepted(sample_records)]
    median = statistics.median(generated)
    assert statistics.mean(generated) > 1.2 * median
    assert max(generated) > 15 * median
    assert 0.67 < median / statistics.median(sample) < 1.5


def test_release_years_span_1900_to_2020_and_grow(full_records) -> None:
    years = [int(r[column("release_date")][:4]) for r in accepted(full_records) if r[column("release_date")]]
    assert min(years) >= 1900 and max(years) <= 2020
    assert len(set(years)) >= 110
    per_decade = defaultdict(int)
    for year in years:
        per_decade[year // 10 * 10] += 1
    assert per_decade[1920] < per_decade[1960] < per_decade[2000]


def test_companies_grow_with_scale_and_keep_one_name_per_id(tenth_file, full_records, sample_records) -> None:
    def companies(records: list[list[str]]) -> dict[int, set[str]]:
        names: dict[int, set[str]] = defaultdict(set)
        for record in accepted(records):
            for company in ast.literal_eval(record[column("production_companies")]):
                names[company["id"]].add(company["name"])
        return names

    full, tenth, sample = companies(full_records), companies(read_records(tenth_file.path)), companies(sample_records)
    assert len(full) > 3 * len(sample)
    assert len(full) > 3 * len(tenth)
    assert all(len(names) == 1 for names in full.values())


def test_overviews_hold_commas_quotes_and_line_breaks(full_records) -> None:
    overviews = [r[column("overview")] for r in accepted(full_records)]
    assert sum("\n" in text for text in overviews) >= 10
    assert sum('"' in text for text in overviews) >= 100
    assert sum("," in text for text in overviews) > len(overviews) / 2


def test_a_scale_too_small_for_the_quirks_is_refused(tmp_path) -> None:
    with pytest.raises(GeneratorError, match="too few"):
        generate_file(tmp_path / "tiny.csv", scale=0.0001)
