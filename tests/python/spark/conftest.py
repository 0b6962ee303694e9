"""Build the project twice per input, on DuckDB and on Spark, into throwaway folders (once per session)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from built_tables import Table, duckdb_public_tables, spark_public_tables
from dbt_build import SAMPLE_CSV, dbt_build
from spark_dbt_build import spark_dbt_build
from warehouse.quirks_file import write_quirks_csv


# Appended to the quirks file: records that probe the CSV reader (DuckDB's read_csv, Spark's
# CSV source behind the spark source view): 45 and exactly 40 fields, an empty last field,
# a blank and a whitespace-only line, a quoted line break, a quoted empty id.
RECORD = "False,,0,[],,{id},tt{id},en,{title},,1.0,,[],[],1998-01-01,0,90.0,[],Released,,T,False,5.0,{last}"
READER_EDGE_LINES = [
    RECORD.format(id=910001, title="Wide", last="1") + ",x" * 21,
    RECORD.format(id=910002, title="Forty", last="1") + ",y" * 16,
    RECORD.format(id=910003, title="Empty last field", last=""),
    "",
    "   ",
    RECORD.format(id=910004, title='"Two\nlines, quoted"', last="1"),
    RECORD.format(id='""', title="Quoted empty id", last="1"),
    RECORD.format(id=910005, title="After the edges", last="1"),
]


def write_quirks_and_reader_edges_csv(out_path: Path) -> Path:
    """The quirks file with READER_EDGE_LINES after it."""
    write_quirks_csv(SAMPLE_CSV, out_path)
    text = out_path.read_text(encoding="utf-8")
    out_path.write_text("\n".join([text, *READER_EDGE_LINES]), encoding="utf-8", newline="")
    return out_path


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
