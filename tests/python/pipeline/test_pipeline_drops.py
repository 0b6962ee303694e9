"""The command over a folder of hourly drops: the hourly run, a backfill, a rebuild.

An hourly run loads only the drops the published warehouse has not loaded yet, on top of
a copy of it, and publishes atomically; a backfill reloads a range of hours and a rebuild
starts from every drop: all three must leave the same marts (idempotent reprocessing).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from movies_pipeline.cli import main
from movies_pipeline.drops import find_drops, select_drops
from movies_pipeline.errors import BadInputError, ExitCode, UsageError
from movies_pipeline.generate import generate_hourly_drops
from pipeline_helpers import SAMPLE_CSV, SAMPLE_HEADER, Place, new_place, run_command, warehouse_contents

@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated")
    generate_hourly_drops(root, scale=0.02, seed=11, hours=3, new_share=0.05, changed_share=0.04)
    return root / "raw" / "movies"


def copy_hours(generated: Path, drops: Path, hours: list[str]) -> None:
    for folder in sorted(generated.iterdir())[: len(hours)]:
        shutil.copytree(folder, drops / "raw" / "movies" / folder.name, dirs_exist_ok=True)


def last_summary(place: Place) -> dict:
    return place.summary(place.runs()[-1])


@pytest.mark.slow
def test_hourly_run_loads_only_new_drops_and_backfill_and_rebuild_agree(generated: Path, tmp_path: Path):
    hours = sorted(folder.name for folder in generated.iterdir())
    drops = tmp_path / "drops"
    place = new_place(tmp_path / "place")

    copy_hours(generated, drops, hours[:2])
    first = run_command(drops, *place.options())
    assert first.returncode == 0, first.stderr
    assert last_summary(place)["drops"]["load_mode"] == "full"

    copy_hours(generated, drops, hours)
    hourly = run_command(drops, *place.options())
    assert hourly.returncode == 0, hourly.stderr
    summary = last_summary(place)
    assert summary["drops"]["load_mode"] == "hourly"
    assert summary["drops"]["loaded"] == [f"{hours[2]}/part-0.csv"]
    after_hourly = warehouse_contents(place.warehouse)

    again = run_command(drops, *place.options())
    assert again.returncode == 0, again.stderr
    assert last_summary(place)["status"] == "up to date"
    assert warehouse_contents(place.warehouse) == after_hourly

    first_hour, last_hour = (name.removeprefix("ingest_hour=") for name in (hours[1], hours[2]))
    backfill = run_command(drops, "--from", first_hour, "--to", last_hour, *place.options())
    assert backfill.returncode == 0, backfill.stderr
    assert last_summary(place)["drops"]["loaded"] == [f"{hour}/part-0.csv" for hour in hours[1:]]
    assert warehouse_contents(place.warehouse) == after_hourly

    rebuild = run_command(drops, "--rebuild", *place.options())
    assert rebuild.returncode == 0, rebuild.stderr
    assert last_summary(place)["drops"]["load_mode"] == "full"
    assert warehouse_contents(place.warehouse) == after_hourly


@pytest.mark.slow
def test_an_hourly_run_parses_only_what_its_new_files_change_and_reads_them(generated: Path, tmp_path: Path):
    """The command passes the files to read as environment variables, not --vars (which make
    dbt parse the whole project again whenever they change): the second hourly run in a row
    parses partially, and still reads its own drop, not the one the saved parse named."""
    hours = sorted(folder.name for folder in generated.iterdir())
    drops = tmp_path / "drops"
    place = new_place(tmp_path / "place")
    for count in (1, 2, 3):
        copy_hours(generated, drops, hours[:count])
        result = run_command(drops, *place.options())
        assert result.returncode == 0, result.stderr
        assert last_summary(place)["drops"]["loaded"] == [f"{hours[count - 1]}/part-0.csv"]
    dbt_log = (place.runs()[-1] / "dbt.log").read_text(encoding="utf-8")
    assert "Partial parsing enabled" in dbt_log
    assert "Unable to do partial parsing" not in dbt_log
    with duckdb.connect(str(place.warehouse), read_only=True) as connection:
        loaded_files = connection.execute(
            "select distinct source_file from intermediate.int_movie_records_loaded order by all"
        ).fetchall()
    assert loaded_files == [(f"{hour}/part-0.csv",) for hour in hours]
    hourly = warehouse_contents(place.warehouse)
    rebuild = run_command(drops, "--rebuild", *place.options())
    assert rebuild.returncode == 0, rebuild.stderr
    assert warehouse_contents(place.warehouse) == hourly


def test_range_options_need_a_drops_folder(tmp_path: Path):
    place = new_place(tmp_path / "place")
    result = run_command(tmp_path / "missing.csv", "--from", "2026-11-25T13", *place.options())
    assert result.returncode == 2
    assert "need a folder of hourly drops" in result.stderr


def write_drop(root: Path, hour: str, name: str = "part-0.csv", records: bytes = b"") -> Path:
    folder = root / "raw" / "movies" / f"ingest_hour={hour}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(SAMPLE_HEADER + records)
    return folder / name


STRICT_LAYOUT = [
    ("an hour that is not an hour", lambda root: write_drop(root, "2025-13-45T99"), "ingest_hour=2025-13-45T99"),
    ("hour 24", lambda root: write_drop(root, "2025-01-01T24"), "ingest_hour=2025-01-01T24"),
    ("February 30th", lambda root: write_drop(root, "2025-02-30T00"), "ingest_hour=2025-02-30T00"),
    ("a text file", lambda root: write_drop(root, "2025-01-01T00", "notes.txt"), "notes.txt"),
    ("a gzip drop", lambda root: write_drop(root, "2025-01-01T00", "part-0.csv.gz"), "part-0.csv.gz"),
    ("a nested folder", lambda root: (write_drop(root, "2025-01-01T00").parent / "more").mkdir(), "more"),
    ("a stray file beside the hours", lambda root: (root / "raw" / "movies" / "x.csv").write_text(""), "x.csv"),
    ("a glob in a drop's name", lambda root: write_drop(root, "2025-01-01T00", "part*.csv"), "part*.csv"),
]


@pytest.mark.parametrize(("arrange", "named"), [case[1:] for case in STRICT_LAYOUT], ids=[c[0] for c in STRICT_LAYOUT])
def test_a_drop_the_command_will_not_load_is_refused_by_name(tmp_path: Path, arrange, named: str) -> None:
    root = tmp_path / "drops"
    write_drop(root, "2025-01-01T01", records=b"False,,0,[],,862,tt1,en,T,,1.0,,[],[],1995-01-01,0,9,[],R,,T,False,5,1\n")
    arrange(root)
    with pytest.raises(BadInputError) as refused:
        find_drops(root)
    assert named in refused.value.one_line()


def test_drop_files_are_found_whatever_the_case_of_csv(tmp_path: Path) -> None:
    root = tmp_path / "drops"
    write_drop(root, "2025-01-01T00", "part-0.CSV")
    write_drop(root, "2025-01-01T00", "part-1.csv")
    assert [drop.key for drop in find_drops(root)] == [
        "ingest_hour=2025-01-01T00/part-0.CSV",
        "ingest_hour=2025-01-01T00/part-1.csv",
    ]


def test_from_after_to_is_a_usage_error_on_any_warehouse(tmp_path: Path) -> None:
    root = tmp_path / "drops"
    write_drop(root, "2025-01-01T00")
    place = new_place(tmp_path / "place")
    result = run_command(root, "--from", "2025-01-02T00", "--to", "2025-01-01T00", *place.options())
    assert result.returncode == ExitCode.USAGE and "is after --to" in result.stderr
    assert not place.output.exists()


def test_a_range_that_holds_no_drop_is_a_usage_error(tmp_path: Path) -> None:
    root = tmp_path / "drops"
    write_drop(root, "2025-01-01T00")
    with pytest.raises(UsageError, match="no drop under"):
        select_drops(root, tmp_path / "none.duckdb", from_hour="2026-01-01T00")


def test_a_range_on_a_fresh_warehouse_loads_that_range_only(tmp_path: Path) -> None:
    root = tmp_path / "drops"
    for hour in ("2025-01-01T00", "2025-01-01T01", "2025-01-01T02"):
        write_drop(root, hour)
    selection = select_drops(root, tmp_path / "none.duckdb", from_hour="2025-01-01T01", to_hour="2025-01-01T01")
    assert selection.load_mode == "full"
    assert [drop.key for drop in selection.drops] == ["ingest_hour=2025-01-01T01/part-0.csv"]


@pytest.mark.slow
def test_a_drops_folder_whose_path_is_a_glob_reads_only_itself(generated: Path, tmp_path: Path) -> None:
    """read_csv expands * and [..] even in a path that exists as written: beside the drops
    folder lies a decoy its name matches as a pattern, holding other records for the same hour."""
    hour = sorted(generated.iterdir())[0]
    drops = tmp_path / "drops [x]*"
    shutil.copytree(hour, drops / hour.name)
    decoy = tmp_path / "drops x-decoy"
    (decoy / hour.name).mkdir(parents=True)
    (decoy / hour.name / "part-0.csv").write_bytes(SAMPLE_CSV.read_bytes())
    place = new_place(tmp_path / "place")

    assert main([str(drops), *place.options()]) == ExitCode.OK

    with open(drops / hour.name / "part-0.csv", newline="", encoding="utf-8") as handle:
        records = sum(1 for _ in csv.reader(handle)) - 1
    assert last_summary(place)["records"]["in"] == records


HOURS = ("2025-01-01T00", "2025-01-01T01", "2025-01-01T02")


def drops_with_loaded(tmp_path: Path, loaded_hours: tuple[str, ...]) -> tuple[Path, Path]:
    """A drops folder of three hours, and a warehouse that records loading the given ones."""
    root = tmp_path / "drops"
    for hour in HOURS:
        write_drop(root, hour)
    warehouse = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("create schema audit")
        connection.execute("create table audit.loaded_source_files (source_file varchar)")
        for hour in loaded_hours:
            connection.execute(
                "insert into audit.loaded_source_files values (?)", [f"ingest_hour={hour}/part-0.csv"]
            )
    return root, warehouse


def hours_of(selection) -> list[str]:
    return [drop.hour for drop in selection.drops]


@pytest.mark.parametrize(
    ("loaded_hours", "options", "unchanged_hours"),
    [
        (HOURS[:2], {}, [HOURS[2]]),  # an hourly run: the pending drop
        (HOURS, {}, []),  # nothing pending
        (HOURS, {"from_hour": HOURS[1], "to_hour": HOURS[1]}, [HOURS[1]]),  # a backfill of one hour
    ],
    ids=["hourly", "nothing pending", "backfill"],
)
def test_changed_models_make_any_drops_run_a_fresh_build_over_every_drop(
    tmp_path: Path, loaded_hours: tuple[str, ...], options: dict, unchanged_hours: list[str]
) -> None:
    """Drops loaded on top of a warehouse that other models built would mix rows of both."""
    root, warehouse = drops_with_loaded(tmp_path, loaded_hours)
    unchanged = select_drops(root, warehouse, **options)
    assert (unchanged.load_mode, hours_of(unchanged)) == ("hourly", unchanged_hours)
    changed = select_drops(root, warehouse, models_changed=True, **options)
    assert (changed.load_mode, hours_of(changed)) == ("full", list(HOURS))
    assert "the models changed since the published warehouse was built" in changed.reason


def test_the_command_compares_the_models_with_the_published_warehouse_lineage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wiring: models_changed is true exactly when the lineage's fingerprint is not this project's."""
    from movies_pipeline import pipeline

    root, _ = drops_with_loaded(tmp_path, HOURS)
    place = new_place(tmp_path / "place")
    seen: list[bool] = []

    def stop_after_selecting(*args, models_changed: bool = False, **kwargs):
        seen.append(models_changed)
        raise UsageError("stopped by the test", "none")

    monkeypatch.setattr(pipeline, "select_drops", stop_after_selecting)
    monkeypatch.setattr(pipeline, "project_fingerprint", lambda project_dir: "these models")
    for lineage in ({"project_fingerprint": "other models"}, {"project_fingerprint": "these models"}, None):
        monkeypatch.setattr(pipeline, "latest_lineage", lambda warehouse, lineage=lineage: lineage)
        assert main([str(root), *place.options()]) == ExitCode.USAGE
    assert seen == [True, False, False]


def test_rebuild_with_a_range_is_refused(tmp_path: Path) -> None:
    """--rebuild is a fresh build: over a range alone it would publish a warehouse without the other hours."""
    root, warehouse = drops_with_loaded(tmp_path, HOURS)
    for options in ({"from_hour": HOURS[1]}, {"to_hour": HOURS[1]}, {"from_hour": HOURS[0], "to_hour": HOURS[2]}):
        with pytest.raises(UsageError, match="--rebuild reloads every drop"):
            select_drops(root, warehouse, rebuild=True, **options)
    place = new_place(tmp_path / "place")
    result = run_command(root, "--rebuild", "--from", HOURS[1], *place.options())
    assert result.returncode == ExitCode.USAGE and "--rebuild reloads every drop" in result.stderr
    assert not place.output.exists()
