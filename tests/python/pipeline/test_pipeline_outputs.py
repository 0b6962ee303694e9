"""What one successful run leaves: the published warehouse, Parquet per table, errors.log,
rejected_records.csv, run_summary.json, dbt.log and the `latest` pointer."""

from __future__ import annotations

import csv
import os

import duckdb
from pipeline_helpers import BuiltSample

CONTRACT_TABLES = {
    "core": [
        "fct_movie", "dim_company", "dim_genre", "dim_country", "dim_language", "dim_collection",
        "bridge_movie_company", "bridge_movie_genre", "bridge_movie_country", "bridge_movie_language",
    ],
    "marts": [
        "company_yearly_metrics", "genre_yearly_metrics",
        "company_budget_by_year", "company_revenue_by_year", "company_profit_by_year",
        "company_popularity_by_year", "company_releases_by_genre_by_year",
        "genre_budget_by_year", "genre_revenue_by_year", "genre_profit_by_year", "genre_most_popular_by_year",
    ],
    "audit": [
        "rejected_movie_records", "superseded_movie_records", "movie_field_issues", "movie_record_reconciliation",
    ],
}  # fmt: skip


def test_the_command_reports_what_it_published(built_sample: BuiltSample) -> None:
    stdout = built_sample.result.stdout
    assert f"published {built_sample.place.warehouse}" in stdout
    assert "2,995 movies, 3 records rejected, 1 superseded" in stdout
    assert str(built_sample.run_dir) in stdout
    stderr = built_sample.result.stderr
    for stage in ("lock", "copy", "validate", "dbt build", "export", "publish"):
        assert f"[{stage}] done in" in stderr
    assert "Traceback" not in stderr


def test_one_parquet_file_per_table_with_every_row(built_sample: BuiltSample) -> None:
    with duckdb.connect(str(built_sample.place.warehouse), read_only=True) as warehouse:
        tables = warehouse.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('core', 'marts', 'audit')"
        ).fetchall()
        for schema, names in CONTRACT_TABLES.items():
            assert set(names) <= {name for table_schema, name in tables if table_schema == schema}
        for schema, name in tables:
            parquet = built_sample.run_dir / schema / f"{name}.parquet"
            assert parquet.is_file(), parquet
            in_warehouse = warehouse.execute(f'select count(*) from "{schema}"."{name}"').fetchone()
            in_parquet = warehouse.execute("select count(*) from read_parquet(?)", [str(parquet)]).fetchone()
            assert in_parquet == in_warehouse, (schema, name)
    exported = built_sample.place.summary(built_sample.run_dir)["exports"]
    assert len(exported) == len(tables)


def test_run_summary(built_sample: BuiltSample) -> None:
    summary = built_sample.place.summary(built_sample.run_dir)
    assert summary["run_id"] == built_sample.run_dir.name
    assert summary["status"] == "success"
    assert summary["exit_code"] == 0
    assert summary["error"] is None
    assert summary["input"]["source"] == str(built_sample.input_csv)
    assert summary["input"]["kind"] == "local"
    assert summary["input"]["csv_records"] == 2999
    assert summary["input"]["known_file"] is None  # the sample plus three bad records
    assert len(summary["input"]["csv_sha256"]) == 64
    assert summary["records"] == {"in": 2999, "accepted": 2995, "superseded": 1, "rejected": 3}
    assert set(summary["durations_seconds"]) >= {"lock", "copy", "validate", "dbt build", "export", "publish", "total"}
    dbt = summary["dbt"]
    assert dbt["success"] and dbt["publishable"]
    assert set(dbt["status_counts"]) <= {"success", "pass", "no-op", "warn"}  # exposures are no-ops
    # The one warning: the sample's implausible budgets and revenues (docs/modeling.md), which do not block a publish.
    assert [result["name"] for result in dbt["results"] if result["status"] == "warn"] == ["movie_money_is_plausible"]
    assert {"model", "test"} <= {result["resource_type"] for result in dbt["results"]}
    assert summary["warehouse"] == {
        "path": str(built_sample.place.warehouse),
        "published": str(built_sample.place.warehouse),
        "build_file_kept": None,
    }
    assert set(summary["versions"]) == {"movies-pipeline", "dbt-core", "dbt-duckdb", "duckdb"}


def test_errors_log_lists_every_rejected_record_with_its_reason(built_sample: BuiltSample) -> None:
    log = (built_sample.run_dir / "errors.log").read_text()
    assert "records: 2,999 in, 2,995 accepted, 1 superseded, 3 rejected" in log
    rejected_lines = [line for line in log.splitlines() if line.startswith("record ")]
    assert len(rejected_lines) == 3
    for code in ("wrong_field_count", "missing_id", "invalid_id"):
        assert sum(code in line for line in rejected_lines) == 1
    assert "'1997-08-20'" in log  # the raw id of the record rejected as invalid
    for section in ("Rejected records (3", "Field issues, summarised", "Data test failures", "Data test warnings"):
        assert f"== {section}" in log


def test_rejected_records_csv(built_sample: BuiltSample) -> None:
    with open(built_sample.run_dir / "rejected_records.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["reject_code"] for row in rows] == ["wrong_field_count", "missing_id", "invalid_id"]
    assert all(row["reject_reason"] for row in rows)
    assert rows[2]["raw_id"] == "1997-08-20"
    assert rows[0]["raw_fields"].startswith("[")


def test_latest_points_at_the_run_and_scratch_is_gone(built_sample: BuiltSample) -> None:
    latest = built_sample.place.output / "latest"
    assert latest.is_symlink()
    assert os.readlink(latest) == f"runs/{built_sample.run_dir.name}"
    assert (latest / "run_summary.json").is_file()
    assert not list((built_sample.place.output / "runs").glob(".*"))  # no partial folder left
    builds = built_sample.place.warehouse.parent / ".builds"
    leftovers = sorted(path.name for path in builds.iterdir())
    assert leftovers == ["movies.dbt-target", "movies.publishes"]  # dbt's parse; the kept publishes (rollback)
    assert [path.name for path in (builds / "movies.publishes").iterdir()] == [f"{built_sample.run_dir.name}.duckdb"]
    assert (built_sample.run_dir / "dbt.log").stat().st_size > 0


def test_the_published_warehouse_answers(built_sample: BuiltSample) -> None:
    with duckdb.connect(str(built_sample.place.warehouse), read_only=True) as warehouse:
        assert warehouse.execute("select count(*) from core.fct_movie").fetchone() == (2995,)
        assert warehouse.execute("select count(*) from marts.genre_most_popular_by_year").fetchone()[0] > 0
    assert not built_sample.place.warehouse.with_name("movies.duckdb.wal").exists()
