"""Hourly drops applied one by one give exactly the warehouse a full rebuild gives.

The generator writes a few hourly drops (new movies and new versions of earlier ones);
one warehouse is built once over all drops (the default full build, reading a glob),
another takes the first drop and then each later drop in its own hourly run
(`load_mode: hourly`, incremental). Every public table must be equal, row for row.
Loading a drop a second time (a backfill of that hour) must change nothing.

A second scenario drives the per-movie models, which an hourly run rewrites for the movies
it touched only (int_movie_versions_touched), through every way a movie can change: a drop
of an earlier hour loaded last, and backfills that reload drops edited (records rejected,
companies and genres taken away, a company spelled otherwise). Again the expected warehouse
is the full rebuild; the yearly models, which an hourly run keeps by delta, included.
"""

from __future__ import annotations

import ast
import csv
import re
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from dbt_build import dbt_build
from movies_pipeline.generate import generate_hourly_drops
from movies_pipeline.generate.hourly_drops import drop_path

pytestmark = pytest.mark.slow

HOURS = 3
PUBLIC_SCHEMAS = ("core", "marts", "audit")


def table_contents(warehouse: Path) -> dict[str, list[tuple]]:
    """Every table of the public schemas, rows sorted, floats rounded against noise."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = connection.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_schema in ? order by all",
            [list(PUBLIC_SCHEMAS)],
        ).fetchall()
        contents = {}
        for schema, table in tables:
            rows = connection.execute(f'select * from "{schema}"."{table}"').fetchall()
            contents[f"{schema}.{table}"] = sorted(
                (tuple(round(v, 9) if isinstance(v, float) else v for v in row) for row in rows),
                key=repr,
            )
        return contents


@pytest.fixture(scope="module")
def drops(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("drops")
    generation = generate_hourly_drops(root, scale=0.02, seed=7, hours=HOURS, new_share=0.05, changed_share=0.04)
    return [drop.path for drop in generation.drops]


@pytest.fixture(scope="module")
def full_rebuild(drops, tmp_path_factory) -> dict[str, list[tuple]]:
    work = tmp_path_factory.mktemp("full")
    glob = str(drops[0].parents[1] / "ingest_hour=*" / "*.csv")
    dbt_build(work / "movies.duckdb", work, {"movies_metadata_path": glob})
    return table_contents(work / "movies.duckdb")


@pytest.fixture(scope="module")
def hourly_warehouse(drops, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("hourly")
    warehouse = work / "movies.duckdb"
    dbt_build(warehouse, work, {"movies_metadata_path": str(drops[0])})
    for drop in drops[1:]:
        dbt_build(warehouse, work, {"movies_metadata_path": str(drop), "load_mode": "hourly"})
    return warehouse


def test_hourly_runs_equal_a_full_rebuild(full_rebuild, hourly_warehouse):
    hourly = table_contents(hourly_warehouse)
    assert hourly.keys() == full_rebuild.keys()
    for table, rows in full_rebuild.items():
        assert hourly[table] == rows, table


def test_newer_versions_won(hourly_warehouse, drops):
    with duckdb.connect(str(hourly_warehouse), read_only=True) as connection:
        (superseded_by_later_hours,), = connection.execute(
            "select count(*) from audit.superseded_movie_records as superseded"
            " inner join core.fct_movie as movie on superseded.movie_id = movie.movie_id"
            " where movie.ingest_hour > superseded.ingest_hour"
        ).fetchall()
        (wrong_winners,), = connection.execute(
            "select count(*) from audit.superseded_movie_records as superseded"
            " inner join core.fct_movie as movie on superseded.movie_id = movie.movie_id"
            " where movie.ingest_hour < superseded.ingest_hour"
        ).fetchall()
    assert superseded_by_later_hours > 0
    assert wrong_winners == 0


def test_reloading_a_drop_changes_nothing(full_rebuild, hourly_warehouse, drops, tmp_path):
    dbt_build(hourly_warehouse, tmp_path, {"movies_metadata_path": str(drops[1]), "load_mode": "hourly"})
    assert table_contents(hourly_warehouse) == full_rebuild


# ---------------------------------------------------------------------------------------
# The siblings of the per-movie incremental models (int_movie_versions_touched): drops of
# our own, written from records of the generated ones, that change a movie's rows in every
# way an hourly run can. Expected results: the full rebuild over the same final drops.

COLUMNS = ("adult,belongs_to_collection,budget,genres,homepage,id,imdb_id,original_language,"
           "original_title,overview,popularity,poster_path,production_companies,"
           "production_countries,release_date,revenue,runtime,spoken_languages,status,tagline,"
           "title,video,vote_average,vote_count").split(",")  # fmt: skip
LATE_HOUR = "2026-11-25T12"  # before the first generated hour: loaded last, oldest of all
EDITED_HOUR = "2026-11-25T16"  # after the generated hours: loaded, then reloaded edited


def read_drop(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_drop(root: Path, hour: str, records: list[dict[str, str]]) -> Path:
    path = drop_path(root, hour)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(records)
    return path


def list_keys(cell: str) -> list[object]:
    """The ids of a Python-literal list cell, read independently of the models."""
    try:
        value = ast.literal_eval(cell)
    except (ValueError, SyntaxError):
        return []
    return [element.get("id") for element in value if isinstance(element, dict)] if isinstance(value, list) else []


def is_clean(record: dict[str, str]) -> bool:
    """A record every rule accepts: a positive integer id and all 24 fields."""
    return None not in record and None not in record.values() and record["id"].isdigit() and int(record["id"]) > 0


def with_changes(record: dict[str, str], **changes: str) -> dict[str, str]:
    return {**record, **changes}


@dataclass
class Scenario:
    root: Path
    warehouse: Path
    movies: dict[str, int]  # the role each chosen movie plays -> its id
    before_reload: dict[str, list[tuple]]  # the hourly warehouse's tables before the backfills
    version_count_before_reload: int  # of the movie whose late older version a reload rejects
    renamed_company: tuple[int, int]  # a company a new version spells otherwise, and its untouched year


RENAMED = "!!! Renamed Company"  # first in order, so it wins a tie of spellings (dim_company)
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def renamed_company_case(drops: list[list[dict[str, str]]], candidates: list[dict[str, str]]) -> tuple[int, dict, str]:
    """A company credited by exactly two movies, of different years, both among the candidates:
    (company id, the record of the movie whose new version will spell it RENAMED, the other's year)."""
    credits: dict[int, set[str]] = defaultdict(set)
    for drop in drops:
        for record in drop:
            if is_clean(record):
                for company_id in list_keys(record["production_companies"]):
                    credits[company_id].add(record["id"])
    by_id = {record["id"]: record for record in candidates if DATE.fullmatch(record["release_date"])}
    for company_id, movie_ids in credits.items():
        if len(movie_ids) == 2 and movie_ids <= by_id.keys():
            first, other = (by_id[movie_id] for movie_id in sorted(movie_ids))
            if first["release_date"][:4] != other["release_date"][:4]:
                return company_id, first, other["release_date"][:4]
    raise AssertionError("no company is credited by exactly two single-version movies of different years")


def renamed(record: dict[str, str], company_id: int) -> dict[str, str]:
    """The record with the company spelled RENAMED (repr writes the list as the raw file does)."""
    companies = ast.literal_eval(record["production_companies"])
    for company in companies:
        if company.get("id") == company_id:
            company["name"] = RENAMED
    return with_changes(record, production_companies=repr(companies))


def movie_rows(warehouse: Path, movie_id: int) -> dict[str, list[tuple]]:
    """A movie's rows in fct_movie and the bridges."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return {
            table: sorted(connection.execute(f"select * from core.{table} where movie_id = ?", [movie_id]).fetchall())
            for table in ("fct_movie", "bridge_movie_company", "bridge_movie_genre")
        }


@pytest.fixture(scope="module")
def scenario(drops, tmp_path_factory) -> Scenario:
    root = tmp_path_factory.mktemp("sibling-drops")
    shutil.copytree(drops[0].parents[3], root, dirs_exist_ok=True)
    generated = sorted((root / "raw" / "movies").glob("ingest_hour=*/*.csv"))
    first, *later = [read_drop(path) for path in generated]
    counts = Counter(record["id"] for drop in (first, *later) for record in drop if is_clean(record))
    in_later = {record["id"] for drop in later for record in drop}
    once_in_first = [record for record in first if is_clean(record) and counts[record["id"]] == 1]
    co_produced = [record for record in once_in_first if len(list_keys(record["production_companies"])) >= 2
                   and len(list_keys(record["genres"])) >= 2 and record["production_countries"] not in ("", "[]")]  # fmt: skip
    alone = [record for record in once_in_first if record not in co_produced]
    changed_later = next(r for r in first if is_clean(r) and counts[r["id"]] == 2 and r["id"] in in_later)
    next_id = max(int(record["id"]) for record in first if is_clean(record)) + 1
    templates = {
        "late_older_of_a_changed_movie": changed_later,
        "late_older_of_an_unchanged_movie": alone[0],
        "latest_rejected_older_wins": alone[1],
        "late_older_then_rejected": alone[4],
        "late_new_movie": with_changes(alone[2], id=str(next_id), imdb_id="tt99999991"),
        "new_then_rejected": with_changes(alone[3], id=str(next_id + 1), imdb_id="tt99999992"),
        "companies_and_genres_removed": co_produced[0],
        "companies_reduced_to_one": co_produced[1],
        "all_lists_emptied": co_produced[2],
        "dropped_by_a_shorter_reload": alone[5],
    }
    used = {record["id"] for record in templates.values()}
    company_id, renamed_template, untouched_year = renamed_company_case(
        [first, *later], [record for record in alone if record["id"] not in used]
    )
    templates["spells_a_company_otherwise"] = renamed_template
    movies = {role: int(record["id"]) for role, record in templates.items()}

    # hour 16: a new movie, and newer versions of six movies of the first hour
    edited_first = [
        with_changes(templates["new_then_rejected"], title="Only Once"),
        with_changes(templates["companies_and_genres_removed"], popularity="1.5"),
        with_changes(templates["companies_reduced_to_one"], popularity="2.5"),
        with_changes(templates["latest_rejected_older_wins"], title="A Newer Title"),
        with_changes(templates["all_lists_emptied"], popularity="3.5"),
        with_changes(templates["dropped_by_a_shorter_reload"], title="Dropped On Reload"),
        renamed(templates["spells_a_company_otherwise"], company_id),
    ]
    # hour 16 again, reloaded (a backfill) with the same records, edited: the first now
    # rejected (the new movie had no other version), the second credits no company and
    # no genre (its countries stay, so its record still has list elements), the third one
    # company, the fourth rejected (its older version wins again), the fifth has no list
    # element left at all (its record has no parsed cell to replace the old ones), and the
    # sixth is gone (the file is one record shorter: its old record must go with it)
    one_company = ast.literal_eval(templates["companies_reduced_to_one"]["production_companies"])[:1]
    no_lists = dict.fromkeys(
        ("genres", "production_companies", "production_countries", "spoken_languages"), "[]"
    )
    edited_again = [
        with_changes(edited_first[0], id="not-an-id"),
        with_changes(edited_first[1], production_companies="[]", genres="[]"),
        with_changes(edited_first[2], production_companies=repr(one_company)),
        with_changes(edited_first[3], id="-1"),
        with_changes(edited_first[4], belongs_to_collection="", **no_lists),
        edited_first[6],  # the company still spelled otherwise
    ]
    # hour 12, loaded last: older versions of a movie changed since and of two never
    # changed, and a movie that has no other version; then reloaded with the third older
    # version rejected (its movie has one version less, and the same latest one)
    late = [
        with_changes(templates["late_older_of_a_changed_movie"], title="An Older Title"),
        with_changes(templates["late_older_of_an_unchanged_movie"], popularity="0.5"),
        with_changes(templates["late_new_movie"], title="Late And New"),
        with_changes(templates["late_older_then_rejected"], popularity="0.25"),
    ]
    late_again = [*late[:3], with_changes(late[3], id="-2")]

    work = tmp_path_factory.mktemp("sibling-hourly")
    warehouse = work / "movies.duckdb"
    dbt_build(warehouse, work, {"movies_metadata_path": str(generated[0])})
    for path in generated[1:]:
        dbt_build(warehouse, work, {"movies_metadata_path": str(path), "load_mode": "hourly"})
    edited = write_drop(root, EDITED_HOUR, edited_first)
    dbt_build(warehouse, work, {"movies_metadata_path": str(edited), "load_mode": "hourly"})
    late_path = write_drop(root, LATE_HOUR, late)
    dbt_build(warehouse, work, {"movies_metadata_path": str(late_path), "load_mode": "hourly"})
    before_reload = table_contents(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        ((version_count,),) = connection.execute(
            "select version_count from core.fct_movie where movie_id = ?", [movies["late_older_then_rejected"]]
        ).fetchall()
    write_drop(root, EDITED_HOUR, edited_again)  # backfills: the same files, edited
    dbt_build(warehouse, work, {"movies_metadata_path": str(edited), "load_mode": "hourly"})
    write_drop(root, LATE_HOUR, late_again)
    dbt_build(warehouse, work, {"movies_metadata_path": str(late_path), "load_mode": "hourly"})
    return Scenario(root, warehouse, movies, before_reload, version_count, (company_id, int(untouched_year)))


@pytest.fixture(scope="module")
def scenario_rebuild(scenario, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("sibling-full")
    glob = str(scenario.root / "raw" / "movies" / "ingest_hour=*" / "*.csv")
    dbt_build(work / "movies.duckdb", work, {"movies_metadata_path": glob})
    return work / "movies.duckdb"


@pytest.mark.xdist_group("hourly-scenario")  # its own worker: the scenario is as long as the rest
def test_late_versions_reloads_and_removals_equal_a_full_rebuild(scenario, scenario_rebuild):
    hourly, full = table_contents(scenario.warehouse), table_contents(scenario_rebuild)
    assert hourly.keys() == full.keys()
    for table, rows in full.items():
        assert hourly[table] == rows, table


@pytest.mark.xdist_group("hourly-scenario")  # its own worker: the scenario is as long as the rest
def test_the_scenario_changes_what_it_says(scenario, scenario_rebuild):
    """Each chosen movie went through its case, judged on the full rebuild and on the
    hourly warehouse before the backfills (so the equality above covers each case)."""
    ids = scenario.movies
    with duckdb.connect(str(scenario_rebuild), read_only=True) as connection:
        def fct(movie_id: int, column: str) -> object:
            rows = connection.execute(f"select {column} from core.fct_movie where movie_id = ?", [movie_id]).fetchall()
            return rows[0][0] if rows else None

        # a late older version counts as a version and does not win
        assert fct(ids["late_older_of_a_changed_movie"], "version_count") == 3
        assert fct(ids["late_older_of_a_changed_movie"], "title") != "An Older Title"
        assert fct(ids["late_older_of_an_unchanged_movie"], "version_count") == 2
        assert fct(ids["late_older_of_an_unchanged_movie"], "popularity") != 0.5
        assert fct(ids["late_new_movie"], "title") == "Late And New"
        assert fct(ids["late_older_then_rejected"], "version_count") == 1
        # a movie whose only record a reload rejected is gone, and its record is a reject
        assert fct(ids["new_then_rejected"], "movie_id") is None
        (rejected,) = connection.execute(
            "select count(*) from audit.rejected_movie_records where raw_id = 'not-an-id'"
        ).fetchone()
        assert rejected == 1
        # a reload that rejects a movie's newest record: the older one wins again
        assert fct(ids["latest_rejected_older_wins"], "title") != "A Newer Title"
        assert fct(ids["latest_rejected_older_wins"], "version_count") == 1
    before_reload = scenario.before_reload
    # a record a shorter reload no longer holds is not a version any more
    with duckdb.connect(str(scenario_rebuild), read_only=True) as connection:
        ((title, versions),) = connection.execute(
            "select title, version_count from core.fct_movie where movie_id = ?",
            [ids["dropped_by_a_shorter_reload"]],
        ).fetchall()
    assert (title != "Dropped On Reload", versions) == (True, 1)
    for role, companies_after in (
        ("companies_and_genres_removed", 0),
        ("companies_reduced_to_one", 1),
        ("all_lists_emptied", 0),
    ):
        movie_id = ids[role]
        companies_before = [row for row in before_reload["core.bridge_movie_company"] if row[0] == movie_id]
        assert len(companies_before) >= 2, role
        assert len(movie_rows(scenario_rebuild, movie_id)["bridge_movie_company"]) == companies_after, role
    assert [row for row in before_reload["core.fct_movie"] if row[0] == ids["new_then_rejected"]]
    assert scenario.version_count_before_reload == 2  # then the reload rejected one
    assert movie_rows(scenario_rebuild, ids["companies_and_genres_removed"])["bridge_movie_genre"] == []
    # a company spelled otherwise by one movie's new version: its other movie's year, which no
    # movie of the run falls in, carries the new name (an hourly run writes that group again)
    company_id, untouched_year = scenario.renamed_company
    with duckdb.connect(str(scenario_rebuild), read_only=True) as connection:
        names = connection.execute(
            "select company_name from marts.company_yearly_metrics where company_id = ? and release_year = ?",
            [company_id, untouched_year],
        ).fetchall()
    assert names == [(RENAMED,)]
    assert [row for row in before_reload["marts.company_yearly_metrics"] if row[0] == company_id and row[2] == untouched_year]
