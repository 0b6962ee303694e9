"""The circuit breaker: a build that passed every data test is still not published when its
result is implausible. Real builds for the mistakes it exists for (a trailing comma on every
row, a subset published over the whole, drops over a full-file warehouse); the arithmetic of
each limit, exactly at and just past it, without a build."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest
from pipeline_helpers import (
    SAMPLE_CSV,
    SAMPLE_HEADER,
    FakeBuild,
    Place,
    assert_one_line_error,
    run_command,
    sha256_of,
)

from movies_pipeline.circuit_breaker import DROPS, FILE, BreakerLimits, WarehouseFacts, evaluate
from movies_pipeline.cli import main
from movies_pipeline.errors import ExitCode

SAMPLE = SAMPLE_CSV.read_bytes()


def sample_records() -> list[list[str]]:
    with open(SAMPLE_CSV, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))[1:]


def csv_bytes(rows: list[list[str]]) -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return SAMPLE_HEADER + text.getvalue().encode("utf-8")


def accepted_movies(warehouse: Path) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute("select count(*) from core.fct_movie").fetchall()[0][0]


def assert_refused(result, place: Place, before: str, check: str) -> dict:
    assert result.returncode == ExitCode.IMPLAUSIBLE_RESULT, result.stderr
    line = assert_one_line_error(result.stderr, f"refused to publish an implausible result ({check})")
    assert "the published warehouse is unchanged" in line
    assert sha256_of(place.warehouse) == before
    summary = place.summary(place.runs()[-1])
    assert summary["status"] == "failed" and summary["warehouse"]["published"] is None
    assert summary["warehouse"]["build_file_kept"]
    failed = [item for item in summary["circuit_breaker"]["checks"] if not (item["passed"] or item["overridden"])]
    assert [item["name"] for item in failed] == [check]
    return summary


@pytest.mark.slow
def test_a_trailing_empty_field_on_every_row_publishes_nothing(tmp_path: Path, published_place: Place) -> None:
    """A common export mistake: every data row gets one more (empty) field, so every record is
    rejected as 25 fields wide; the data tests pass (the rejects are accounted for)."""
    source = tmp_path / "movies_metadata.csv"
    source.write_bytes(csv_bytes([[*row, ""] for row in sample_records()]))
    before = sha256_of(published_place.warehouse)

    result = run_command(source, *published_place.options(), "--allow-shrink", "--max-rejected-share", "100%")

    summary = assert_refused(result, published_place, before, "accepted movies")
    assert summary["records"]["accepted"] == 0 and summary["records"]["rejected"] == len(sample_records())


@pytest.mark.slow
def test_a_subset_over_the_whole_is_refused_unless_allowed(tmp_path: Path, published_place: Place) -> None:
    rows = sample_records()[:100]
    subset = tmp_path / "movies_metadata.csv"
    subset.write_bytes(csv_bytes(rows))
    before = sha256_of(published_place.warehouse)

    published_movies = accepted_movies(published_place.warehouse)

    refused = run_command(subset, *published_place.options())
    summary = assert_refused(refused, published_place, before, "shrink")
    shrink = next(item for item in summary["circuit_breaker"]["checks"] if item["name"] == "shrink")
    movies = len({row[5] for row in rows})
    assert shrink["value"] == pytest.approx((published_movies - movies) / published_movies, abs=1e-6)

    allowed = run_command(subset, *published_place.options(), "--allow-shrink")
    assert allowed.returncode == ExitCode.OK, allowed.stderr
    summary = published_place.summary(published_place.runs()[-1])
    assert summary["records"]["accepted"] == movies
    shrink = next(item for item in summary["circuit_breaker"]["checks"] if item["name"] == "shrink")
    assert not shrink["passed"] and shrink["overridden"]


@pytest.mark.slow
def test_drops_over_a_warehouse_built_from_a_file_are_refused(tmp_path: Path, published_place: Place) -> None:
    drops = tmp_path / "drops" / "raw" / "movies"
    for hour, part in (("2026-01-01T00", slice(0, 1500)), ("2026-01-01T01", slice(1500, None))):
        (drops / f"ingest_hour={hour}").mkdir(parents=True)
        (drops / f"ingest_hour={hour}" / "part-0.csv").write_bytes(csv_bytes(sample_records()[part]))
    before = sha256_of(published_place.warehouse)

    result = run_command(tmp_path / "drops", *published_place.options(), "--max-shrink", "100%")

    summary = assert_refused(result, published_place, before, "same kind of input")
    kind = next(item for item in summary["circuit_breaker"]["checks"] if item["name"] == "same kind of input")
    assert kind["value"] == DROPS and FILE in kind["limit"]


def test_too_many_rejected_records_are_refused(
    tmp_path: Path, published_place: Place, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    """The share is read from the build (here: the session's build of the sample plus three bad
    records), so a limit just under it trips and one just over it does not."""
    before = sha256_of(published_place.warehouse)
    with duckdb.connect(str(fake_build.warehouse), read_only=True) as connection:
        rejected, loaded = connection.execute(
            "select count(*) filter (where not is_accepted), count(*) from intermediate.int_movie_records_loaded"
        ).fetchall()[0]
    assert rejected > 0
    share = rejected / loaded
    assert main([str(SAMPLE_CSV), *published_place.options(), "--max-rejected-share", f"{share * 0.999}"]) == 9
    assert_one_line_error(capsys.readouterr().err, "rejected share", f"{rejected} of the {loaded:,} records")
    assert sha256_of(published_place.warehouse) == before
    assert main([str(SAMPLE_CSV), *published_place.options(), "--max-rejected-share", f"{share * 1.001}"]) == 0


def facts(accepted: int | None, kind: str | None = FILE) -> WarehouseFacts:
    return WarehouseFacts(accepted, kind)


@pytest.mark.parametrize(
    ("built", "rejected", "published", "kind", "limits", "failed"),
    [
        (facts(1000), (10, 1000), facts(1000), FILE, BreakerLimits(), []),  # 1.0% rejected: at the limit
        (facts(1000), (11, 1000), facts(1000), FILE, BreakerLimits(), ["rejected share"]),
        (facts(900), (0, 900), facts(1000), FILE, BreakerLimits(), []),  # 10% smaller: at the limit
        (facts(899), (0, 899), facts(1000), FILE, BreakerLimits(), ["shrink"]),
        (facts(899), (0, 899), facts(1000), FILE, BreakerLimits(allow_shrink=True), []),
        (facts(0), (5, 5), None, FILE, BreakerLimits(max_rejected_share=1), ["accepted movies"]),
        (facts(0), (0, 0), facts(10), FILE, BreakerLimits(allow_shrink=True), ["accepted movies"]),
        (facts(10), (0, 10), None, DROPS, BreakerLimits(), []),  # a first build: nothing to compare
        (facts(2000), (0, 2000), facts(1000, DROPS), FILE, BreakerLimits(), ["same kind of input"]),
        (facts(2000), (0, 2000), facts(1000, FILE), DROPS, BreakerLimits(allow_shrink=True), []),
        (facts(5), (0, 5), facts(None, None), FILE, BreakerLimits(), []),  # an empty published warehouse
    ],
)
def test_each_limit_holds_at_and_trips_past_it(built, rejected, published, kind, limits, failed) -> None:
    checks = evaluate(built, rejected, published, kind, limits)
    assert [check.name for check in checks if not (check.passed or check.overridden)] == failed


@pytest.mark.parametrize("option", ["--max-rejected-share", "--max-shrink"])
@pytest.mark.parametrize("bad", ["-1", "101%", "lots"])
def test_a_limit_out_of_range_is_a_usage_error(
    place: Place, capsys: pytest.CaptureFixture[str], option: str, bad: str
) -> None:
    assert main([str(SAMPLE_CSV), *place.options(), option, bad]) == ExitCode.USAGE
    assert option in capsys.readouterr().err
    assert not place.output.exists()
