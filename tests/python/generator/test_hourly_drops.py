"""Hourly drops: a complete first hour, then new movies and new versions of earlier ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from generator_helpers import COLUMNS, accepted, column, read_records

from movies_pipeline.generate import HourlyGeneration, generate_file, generate_hourly_drops

SCALE, SEED, HOURS, NEW_SHARE, CHANGED_SHARE = 0.1, 5, 4, 0.01, 0.005
RECORDS = round(45_466 * SCALE)
MAY_CHANGE = {"popularity", "budget", "revenue"}


@pytest.fixture(scope="module")
def generation(tmp_path_factory: pytest.TempPathFactory) -> HourlyGeneration:
    root = tmp_path_factory.mktemp("drops")
    return generate_hourly_drops(
        root, scale=SCALE, seed=SEED, hours=HOURS, new_share=NEW_SHARE, changed_share=CHANGED_SHARE
    )


def test_drops_are_complete_csv_files_one_folder_per_hour(generation: HourlyGeneration) -> None:
    root = generation.drops[0].path.parents[3]
    found = sorted(path.relative_to(root).as_posix() for path in root.rglob("*.csv"))
    assert found == [f"raw/movies/ingest_hour=2026-11-25T{hour}/part-0.csv" for hour in (13, 14, 15, 16)]
    for drop in generation.drops:
        assert drop.path.read_text(encoding="utf-8").split("\n", 1)[0] == ",".join(COLUMNS)
        assert len(read_records(drop.path)) == drop.records


def test_the_first_hour_is_the_file_generate_file_writes(generation: HourlyGeneration, tmp_path: Path) -> None:
    single = generate_file(tmp_path / "movies_metadata.csv", scale=SCALE, seed=SEED)
    assert generation.drops[0].path.read_bytes() == single.path.read_bytes()


def test_later_hours_hold_new_movies_and_new_versions_of_earlier_ones(generation: HourlyGeneration) -> None:
    latest = {record[column("id")]: record for record in accepted(read_records(generation.drops[0].path))}
    base_movies = len(latest)
    for drop in generation.drops[1:]:
        records = read_records(drop.path)
        assert all(len(record) == 24 for record in records)
        ids = [record[column("id")] for record in records]
        assert len(set(ids)) == len(ids)
        new = [record for record in records if record[column("id")] not in latest]
        changed = [record for record in records if record[column("id")] in latest]
        assert len(new) == drop.new_movies == round(NEW_SHARE * RECORDS)
        assert len(changed) == drop.changed_movies == round(CHANGED_SHARE * RECORDS)
        for record in changed:
            before = latest[record[column("id")]]
            differing = {COLUMNS[i] for i in range(24) if before[i] != record[i]}
            assert "popularity" in differing and differing <= MAY_CHANGE
        latest.update((record[column("id")], record) for record in records)
    assert len(latest) == base_movies + (HOURS - 1) * round(NEW_SHARE * RECORDS)
    assert base_movies == generation.base.movies


def test_split_movies_get_no_new_versions(generation: HourlyGeneration) -> None:
    later_ids = {int(record[column("id")]) for drop in generation.drops[1:] for record in read_records(drop.path)}
    assert not later_ids & set(generation.base.split_movie_ids)
