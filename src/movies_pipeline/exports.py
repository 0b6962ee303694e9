"""The run folder's Parquet files: every table whole, or, in an hourly run, the movies it touched.

A full build writes one Parquet file per table of the core, marts and audit schemas,
`<schema>/<table>.parquet`, each with every row: a *whole* export. An hourly run changes the
per-movie tables (PER_MOVIE_TABLES: the fact table, the bridges, the field and money issues)
only for the movies it touched (`intermediate.int_movie_versions_touched`), so it writes those
tables as the rows of those movies, beside `touched_movies.parquet` (every movie id it touched,
a removed movie's too), and every other table whole: the marts, the dimensions and the audit
tables are small. The export then follows the drop, not the warehouse.

A table's current state is the chain of run folders from the newest whole export on: for each
movie, its rows in the newest run that touched it. Every run folder has `current_state.sql`, which
creates one view per table over that chain (paths relative to the output folder):

    cd output && duckdb -c ".read latest/current_state.sql" -c "select count(*) from core.fct_movie"

The chain stays short and whole: an hourly run exports whole when the run before it in the
output folder is not the publish its build started from (another output folder, a rollback, a
run folder removed) or when MAX_CHAIN runs already rest on the last whole export, and pruning
(outputs.prune_runs) never removes a run folder the newest chain needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from movies_pipeline.progress import Progress

EXPORT_SCHEMAS = ("core", "marts", "audit")
# The tables whose rows are each one movie's and change only for the movies a run touched: the
# per-movie models an hourly run updates for those movies (dbt_project.yml) and the views over them.
PER_MOVIE_TABLES = frozenset(
    {
        "core.fct_movie",
        "core.bridge_movie_company",
        "core.bridge_movie_country",
        "core.bridge_movie_genre",
        "core.bridge_movie_language",
        "core.fct_movie_company",
        "core.fct_movie_genre",
        "core.fct_movie_company_genre",
        "audit.movie_field_issues",
        "audit.movie_money_issues",
    }
)
TOUCHED_MOVIES = "intermediate.int_movie_versions_touched"
TOUCHED_MOVIES_FILE = "touched_movies.parquet"
CURRENT_STATE_SQL = "current_state.sql"
# Hourly exports resting on one whole export; the next run after them exports whole again, so the
# current state is at most this many files per table away (and a year of hours is not kept).
MAX_CHAIN = 24
# A run folder that exported anything has this file (every export has the fact table).
EXPORT_MARKER = Path("core") / "fct_movie.parquet"


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class ExportedRun:
    """A run folder holding an export: whole, or the movies its run touched."""

    folder: Path

    @property
    def is_whole(self) -> bool:
        return not (self.folder / TOUCHED_MOVIES_FILE).exists()


def exported_runs(runs_dir: Path, before: str | None = None) -> list[ExportedRun]:
    """The finished run folders with an export, oldest first (only those named before `before`)."""
    if not runs_dir.is_dir():
        return []
    folders = sorted(
        path
        for path in runs_dir.iterdir()
        if not path.name.startswith(".") and (path / EXPORT_MARKER).is_file() and (before is None or path.name < before)
    )
    return [ExportedRun(folder) for folder in folders]


def chain(runs: list[ExportedRun]) -> list[ExportedRun]:
    """The newest run's chain: the newest whole export and every export after it, oldest first."""
    for index in range(len(runs) - 1, -1, -1):
        if runs[index].is_whole:
            return runs[index:]
    return []


def touched_only(runs_dir: Path, current: str, built_on: str | None) -> bool:
    """Whether an hourly run may export only the movies it touched: the newest export in this output
    folder is the publish its build started from (`built_on`), on a chain with room for one more."""
    newest_chain = chain(exported_runs(runs_dir, before=current))
    return bool(newest_chain) and newest_chain[-1].folder.name == built_on and len(newest_chain) < MAX_CHAIN


def export_tables(
    connection: duckdb.DuckDBPyConnection, run_dir: Path, progress: Progress, touched: bool = False
) -> list[dict[str, Any]]:
    """One Parquet file per table of the core, marts and audit schemas: <schema>/<table>.parquet;
    with `touched`, the per-movie tables hold the rows of the movies the run touched only."""
    placeholders = ", ".join("?" for _ in EXPORT_SCHEMAS)
    tables = connection.execute(
        "select table_schema, table_name from information_schema.tables "
        f"where table_schema in ({placeholders}) order by table_schema, table_name",
        list(EXPORT_SCHEMAS),
    ).fetchall()
    exported: list[dict[str, Any]] = []
    with progress.stage("export", total=len(tables), unit="table") as bar:
        if touched:
            connection.execute(
                f"copy (select movie_id from {TOUCHED_MOVIES} order by movie_id) "
                f"to {_quote_literal(str(run_dir / TOUCHED_MOVIES_FILE))} (format parquet, compression zstd)"
            )
        for schema, table in tables:
            target = run_dir / schema / f"{table}.parquet"
            target.parent.mkdir(exist_ok=True)
            name = f"{schema}.{table}"
            rows_of = "touched movies" if touched and name in PER_MOVIE_TABLES else "all"
            where = f" where movie_id in (select movie_id from {TOUCHED_MOVIES})" if rows_of != "all" else ""
            row = connection.execute(
                f"copy (select * from {_quote_identifier(schema)}.{_quote_identifier(table)}{where}) "
                f"to {_quote_literal(str(target))} (format parquet, compression zstd)"
            ).fetchall()
            exported.append(
                {"table": name, "file": f"{schema}/{table}.parquet", "rows": int(row[0][0]) if row else 0, "rows_of": rows_of}
            )
            bar.update(1)
    write_current_state_sql(run_dir, [item["table"] for item in exported])
    return exported


def current_state_sql(runs: list[ExportedRun], tables: list[str], output_dir: Path) -> str:
    """DuckDB statements creating one view per table: its current state over the chain `runs`
    (the last is the newest run), with paths relative to `output_dir`."""
    newest = runs[-1].folder
    lines = [
        f"-- The current state of every exported table as of run {newest.name}, from the run folders:",
        "-- each movie's rows in the newest run that touched it (docs/pipeline.md, 'Parquet files').",
        f"-- Run from the output folder: cd {output_dir.name} && duckdb -c '.read {newest.relative_to(output_dir) / CURRENT_STATE_SQL}'",
    ]
    for schema in EXPORT_SCHEMAS:
        lines.append(f"create schema if not exists {schema};")
    for name in tables:
        schema, table = name.split(".")
        relative = f"{schema}/{table}.parquet"
        if name not in PER_MOVIE_TABLES or len(runs) == 1:
            query = f"select * from {_parquet(runs[-1], relative, output_dir)}"
        else:
            exported = " union all by name ".join(
                f"(select *, {index} as _export_run from {_parquet(run, relative, output_dir)})"
                for index, run in enumerate(runs)
            )
            touched = " union all ".join(
                f"select movie_id, {index} as _export_run from {_parquet(run, TOUCHED_MOVIES_FILE, output_dir)}"
                for index, run in enumerate(runs)
                if index > 0
            )
            query = (
                f"with exported as ({exported}), touched as ({touched}), "
                "owner as (select movie_id, max(_export_run) as _export_run from touched group by movie_id) "
                "select exported.* exclude (_export_run) from exported left join owner using (movie_id) "
                "where exported._export_run = coalesce(owner._export_run, 0)"
            )
        lines.append(f"create or replace view {schema}.{_quote_identifier(table)} as {query};")
    return "\n".join(lines) + "\n"


def _parquet(run: ExportedRun, relative: str, output_dir: Path) -> str:
    return f"read_parquet({_quote_literal(str(run.folder.relative_to(output_dir) / relative))})"


def write_current_state_sql(run_dir: Path, tables: list[str]) -> None:
    """current_state.sql for the run being written (under its hidden name; it becomes the newest)."""
    runs_dir = run_dir.parent
    final_name = run_dir.name.lstrip(".").removesuffix(".partial")
    current = ExportedRun(runs_dir / final_name)
    runs = [*exported_runs(runs_dir, before=final_name), current]
    if (run_dir / TOUCHED_MOVIES_FILE).exists():
        runs = chain(runs[:-1]) + [current]
    else:
        runs = [current]
    (run_dir / CURRENT_STATE_SQL).write_text(current_state_sql(runs, tables, runs_dir.parent), encoding="utf-8")
