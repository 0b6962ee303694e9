"""Build the project twice per input, on DuckDB and on Spark, into throwaway folders (once per session)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from built_tables import Table, duckdb_public_tables, spark_public_tables
from dbt_build import SAMPLE_CSV, dbt_build
from reader_edges import write_quirks_and_reader_edges_csv
from spark_dbt_build import spark_dbt_build


@dataclass(frozen=True)
class Builds:
    input_name: str
    duckdb: dict[str, Table]
    spark: dict[str, Table]


@pytest.fixture(scope="session", params=["sample", "quirks"])
def builds(request, tmp_path_factory) -> Builds:
    """The public tables of both builds of one input.

    The sample gets the whole `dbt build` on Spark (data and unit tests included, so it
    must be green there too); the quirks file (with READER_EDGE_LINES), whose tests the
    DuckDB build runs, only its seed and models, to keep the Spark side to one full build.
    """
    work_dir = tmp_path_factory.mktemp(f"spark_{request.param}")
    if request.param == "sample":
        csv_path, spark_resource_types = SAMPLE_CSV, ()
    else:
        csv_path = write_quirks_and_reader_edges_csv(work_dir / "movies_metadata.csv")
        spark_resource_types = ("seed", "model")
    variables = {"movies_metadata_path": str(csv_path)}

    warehouse = work_dir / "duckdb" / "movies.duckdb"
    dbt_build(warehouse, work_dir / "duckdb", variables)
    spark_dir = work_dir / "spark" / "warehouse"
    spark_dbt_build(spark_dir, work_dir / "spark", variables, spark_resource_types)
    return Builds(request.param, duckdb_public_tables(warehouse), spark_public_tables(spark_dir))
