"""The pandas and plain-DuckDB baselines give the same nine answers, and those answers
match a third, row-by-row computation with the csv module; the plain-DuckDB floor's two
ways of reading a list cell (native for the plain form, regular expressions for the rest)
both agree with Python's own reading of the cell, and its hourly update (--state) gives
what reading every drop at once gives."""

from __future__ import annotations

import ast
import importlib.util
import math
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from generator_helpers import REPOSITORY, SAMPLE, accepted, column, read_records

from movies_pipeline.generate import GeneratedFile, generate_hourly_drops

BASELINES = REPOSITORY / "benchmarks" / "baselines"
_answers_spec = importlib.util.spec_from_file_location("baseline_answers", BASELINES / "answers.py")
assert _answers_spec and _answers_spec.loader
_answers_module = importlib.util.module_from_spec(_answers_spec)
_answers_spec.loader.exec_module(_answers_module)
ANSWER_KEYS: dict[str, tuple[str, ...]] = _answers_module.ANSWER_KEYS


def run_baselines(movies_csv: Path, output: Path) -> tuple[Path, Path]:
    pandas_dir, duckdb_dir = output / "pandas", output / "duckdb"
    for script, target in (("pandas_solution.py", pandas_dir), ("run_duckdb_plain.py", duckdb_dir)):
        subprocess.run([sys.executable, str(BASELINES / script), str(movies_csv), str(target)], check=True)
    return pandas_dir, duckdb_dir


def load(folder: Path, answer: str) -> pd.DataFrame:
    frame = pd.read_parquet(folder / f"{answer}.parquet")
    return frame.sort_values(list(ANSWER_KEYS[answer])).reset_index(drop=True)


def assert_same_answers(left: Path, right: Path) -> None:
    assert sorted(path.stem for path in right.glob("*.parquet")) == sorted(ANSWER_KEYS)
    for answer in ANSWER_KEYS:
        expected, actual = load(left, answer), load(right, answer)
        assert list(actual.columns) == list(expected.columns), answer
        assert len(actual) == len(expected) > 0, answer
        for name in expected.columns:
            if name.startswith(("total_", "avg_")):
                pd.testing.assert_series_equal(
                    actual[name].astype("float64"), expected[name].astype("float64"), rtol=1e-9, atol=0.005
                )
            else:
                assert actual[name].astype(str).tolist() == expected[name].astype(str).tolist(), (answer, name)


@pytest.fixture(scope="module")
def sample_answers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return run_baselines(SAMPLE, tmp_path_factory.mktemp("sample_answers"))


@pytest.fixture(scope="module")
def generated_answers(small_file: GeneratedFile, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return run_baselines(small_file.path, tmp_path_factory.mktemp("generated_answers"))


def test_baselines_agree_on_the_real_sample(sample_answers: tuple[Path, Path]) -> None:
    assert_same_answers(*sample_answers)


def test_baselines_agree_on_a_generated_file(small_file: GeneratedFile, generated_answers: tuple[Path, Path]) -> None:
    # Every planted quirk is in the file, so the baselines must agree on how to handle it.
    assert small_file.popularity_only_duplicate_ids and small_file.split_movie_ids
    assert small_file.broken_genres_movie_ids
    assert_same_answers(*generated_answers)


def genre_budget_by_year_by_hand(path: Path) -> dict[tuple[int, int], tuple[int, int, Decimal | None]]:
    """(genre_id, year) -> (movie_count, movies_with_budget, total_budget), from the rules:
    last accepted record of an id wins, budget > 0 is known, the GATORADE cell keeps Comedy."""
    latest = {int(record[column("id")]): record for record in accepted(read_records(path))}
    figures: dict[tuple[int, int], list] = defaultdict(lambda: [0, 0, None])
    for record in latest.values():
        date = record[column("release_date")].strip()
        if not date:
            continue
        cell = record[column("genres")]
        genres = ast.literal_eval(cell.replace(" GATORADE", "]")) if "GATORADE" in cell else ast.literal_eval(cell)
        budget = float(record[column("budget")])
        known = math.isfinite(budget) and budget > 0
        for genre_id in dict.fromkeys(genre["id"] for genre in genres):
            entry = figures[(genre_id, int(date[:4]))]
            entry[0] += 1
            if known:
                entry[1] += 1
                entry[2] = (entry[2] or Decimal(0)) + Decimal(record[column("budget")].strip())
    return {key: tuple(value) for key, value in figures.items()}


@pytest.mark.parametrize("engine", [0, 1], ids=["pandas", "duckdb"])
def test_genre_budgets_match_a_computation_by_hand(
    small_file: GeneratedFile, generated_answers: tuple[Path, Path], engine: int
) -> None:
    expected = genre_budget_by_year_by_hand(small_file.path)
    frame = load(generated_answers[engine], "genre_budget_by_year")
    actual = {
        (row.genre_id, row.release_year): (
            row.movie_count,
            row.movies_with_budget,
            None if pd.isna(row.total_budget) else Decimal(str(row.total_budget)).quantize(Decimal(1)),
        )
        for row in frame.itertuples()
    }
    assert actual == expected
    assert any(key[0] == 35 for key in expected)  # Comedy, which the GATORADE cell also names


def listed_by_python(cell: str, key_first: str) -> list[tuple[int, str]] | None:
    """(id, name) of each element of a list cell as Python reads it, first listing of a
    repeated id kept; None when the cell is not a list of such elements in repr's key order."""
    try:  # the GATORADE cell keeps its one complete element, as in genre_budget_by_year_by_hand
        elements = ast.literal_eval(cell.replace(" GATORADE", "]") if "GATORADE" in cell else cell)
    except (ValueError, SyntaxError):
        return None
    if not isinstance(elements, list):
        return None
    kept: dict[int, str] = {}
    for element in elements:
        if not (isinstance(element, dict) and list(element) == ([key_first, "name"] if key_first == "id" else ["name", "id"])):
            return None
        if not (isinstance(element["id"], int) and element["id"] >= 0 and isinstance(element["name"], str)):
            return None
        kept.setdefault(element["id"], element["name"])
    return list(kept.items())


# Spellings repr writes that the sample may lack: an apostrophe (double quotes), both quote
# kinds (an escaped apostrophe), a backslash, an id listed twice.
HAND_WRITTEN_CELLS = {
    "genres": [
        repr([{"id": 1, "name": "Children's"}, {"id": 2, "name": "Drama"}]),
        repr([{"id": 3, "name": 'It\'s "x"'}, {"id": 4, "name": "back\\slash"}, {"id": 3, "name": "again"}]),
        repr([{"id": 5, "name": "Plain"}, {"id": 5, "name": "Plain twice"}]),
    ],
    "production_companies": [
        repr([{"name": "Butcher's Run Films", "id": 8}, {"name": 'Say "when"', "id": 9}]),
        repr([{"name": "A", "id": 10}, {"name": "B", "id": 10}]),
    ],
}


@pytest.mark.parametrize(("cells_column", "kind", "key_first"), [("genres", "genre", "id"), ("production_companies", "company", "name")])
def test_the_floor_reads_list_cells_as_python_does(
    small_file: GeneratedFile, cells_column: str, kind: str, key_first: str
) -> None:
    """Every distinct cell of the sample and of a generated file, and a few written here: the
    floor's list (native when the cell is in the plain form, else the tokeniser's) equals
    Python's reading; the native reading, where it applies, equals the tokeniser's; and
    both paths are taken."""
    records = accepted(read_records(SAMPLE)) + accepted(read_records(small_file.path))
    cells = sorted({record[column(cells_column)] for record in records} | set(HAND_WRITTEN_CELLS[cells_column]))
    with duckdb.connect() as connection:
        connection.execute("set variable movies_csv = ?", [str(SAMPLE)])
        connection.execute("set variable most_popular_genre_min_movies = 1")
        connection.execute((BASELINES / "duckdb_plain.sql").read_text(encoding="utf-8"))
        connection.execute("create temp table cells (cell varchar)")
        connection.executemany("insert into cells values (?)", [[cell] for cell in cells])
        rows = connection.execute(
            f"""
            select
                cell,
                plain_{kind}_list(cell) is not null,
                plain_{kind}_list(cell) = tokenised_{kind}_list(cell),
                first_listings(parsed)
            from (select cell, {kind}_list(cell) as parsed from cells)
            """
        ).fetchall()
    compared = 0
    for cell, plain, plain_equals_tokenised, parsed in rows:
        if plain:
            assert plain_equals_tokenised, cell
        expected = listed_by_python(cell, key_first)
        if expected is not None:
            assert [(element["id"], element["name"]) for element in parsed] == expected, cell
            compared += 1
    plain_count = sum(1 for row in rows if row[1])
    assert compared > 0.9 * len(rows)
    assert plain_count > 0.5 * len(rows)  # the native path reads most cells
    native = {row[0] for row in rows if row[1]}
    for cell in HAND_WRITTEN_CELLS[cells_column]:  # a quote or a backslash sends a cell to the tokeniser
        assert (cell in native) == ('"' not in cell and "\\" not in cell), cell


def test_the_hourly_floor_equals_reading_every_drop(tmp_path: Path) -> None:
    """run_duckdb_plain.py --state, fed the drops one at a time, ends with the answers of one
    run over all of them, and the second drop changes them (so the comparison can fail)."""
    generate_hourly_drops(tmp_path / "drops", scale=0.05, seed=5, hours=2, new_share=0.2, changed_share=0.2)
    first, second = (next(hour.glob("*.csv")) for hour in sorted((tmp_path / "drops" / "raw" / "movies").iterdir()))
    script, state = str(BASELINES / "run_duckdb_plain.py"), str(tmp_path / "state.duckdb")
    for csv_file, answers in ((first, "first_hour"), (second, "updated")):
        subprocess.run([sys.executable, script, str(csv_file), str(tmp_path / answers), "--state", state], check=True)
    subprocess.run([sys.executable, script, str(first), str(second), str(tmp_path / "all_at_once")], check=True)
    assert_same_answers(tmp_path / "all_at_once", tmp_path / "updated")
    with pytest.raises(AssertionError):
        assert_same_answers(tmp_path / "all_at_once", tmp_path / "first_hour")
