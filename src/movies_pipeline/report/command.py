"""`movies-pipeline report`: read a built warehouse and write the report page."""

import argparse
from pathlib import Path

import duckdb

from movies_pipeline.guards import is_duckdb_file
from movies_pipeline.errors import PipelineError, UsageError
from movies_pipeline.report.company_charts import (
    company_money_chart,
    company_popularity_chart,
    company_releases_by_genre_chart,
)
from movies_pipeline.report.figures import Chart
from movies_pipeline.report.genre_charts import genre_money_chart, genre_most_popular_chart
from movies_pipeline.report.page import render_html
from movies_pipeline.report.warehouse import BUDGET, PROFIT, REVENUE, dollar_year, rows

DEFAULT_WAREHOUSE_PATH = Path("warehouse/movies.duckdb")
DEFAULT_REPORT_PATH = Path("report.html")


def build_charts(connection: duckdb.DuckDBPyConnection) -> list[Chart]:
    """The nine charts, in the order of the questions."""
    return [
        company_money_chart(connection, BUDGET),
        company_money_chart(connection, REVENUE),
        company_money_chart(connection, PROFIT),
        company_popularity_chart(connection),
        company_releases_by_genre_chart(connection),
        genre_money_chart(connection, BUDGET),
        genre_money_chart(connection, REVENUE),
        genre_money_chart(connection, PROFIT),
        genre_most_popular_chart(connection),
    ]


def write_report(warehouse_path: Path = DEFAULT_WAREHOUSE_PATH, out_path: Path = DEFAULT_REPORT_PATH) -> Path:
    """Read the marts from the warehouse file and write the HTML report to `out_path`; return that path."""
    warehouse_path = Path(warehouse_path)
    out_path = Path(out_path)
    if not warehouse_path.is_file():
        raise UsageError(
            f"no warehouse at {warehouse_path}",
            "build one first with `movies-pipeline` (or `dbt build`), or pass its path with --warehouse",
        )
    if not is_duckdb_file(warehouse_path):
        raise UsageError(f"{warehouse_path} is not a DuckDB database", "pass the warehouse's path with --warehouse")
    try:
        with duckdb.connect(str(warehouse_path), read_only=True) as connection:
            charts = build_charts(connection)
            accepted_movie_count = rows(connection, "select count(*) from core.fct_movie")[0][0]
            constant_year = dollar_year(connection)
    except duckdb.CatalogException as error:
        raise UsageError(
            f"{warehouse_path} lacks a table the report reads ({str(error).splitlines()[0]})",
            "rebuild it with the current models (`movies-pipeline` or `dbt build`) and try again",
        ) from error
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(render_html(charts, warehouse_path.name, accepted_movie_count, constant_year), encoding="utf-8")
    return out_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The report command's options: `movies-pipeline report [--warehouse PATH] [--out PATH]`."""
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=DEFAULT_WAREHOUSE_PATH,
        help=f"DuckDB warehouse to read (default: {DEFAULT_WAREHOUSE_PATH})",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_REPORT_PATH, help=f"HTML file to write (default: {DEFAULT_REPORT_PATH})"
    )


def run(arguments: argparse.Namespace) -> int:
    """Write the report for parsed arguments and say where it went; a PipelineError says why it could not."""
    out_path = write_report(arguments.warehouse, arguments.out)
    print(f"wrote {out_path}: open it in any browser, it needs no network")
    return 0

