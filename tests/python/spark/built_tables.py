"""The public tables (core, marts, audit) of a DuckDB build and of a Spark build, and how they differ.

Spark's tables are read from the parquet files it committed in its warehouse folder
(`<schema>.db/<table>/`, with a `_SUCCESS` marker), with DuckDB: one engine reads both
builds, and no second Spark session is needed after dbt has exited.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb

PUBLIC_SCHEMAS = ("core", "marts", "audit")
FLOAT_TYPES = {"DOUBLE", "FLOAT", "REAL"}
# Doubles (averages, sums of popularity) may differ in the last bits with the order of
# summation; everything else (integers, decimals, strings, dates, lists) must be equal.
FLOAT_RELATIVE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Table:
    columns: list[tuple[str, str]]  # (name, DuckDB type), in order
    rows: list[tuple]


def duckdb_public_tables(warehouse: Path) -> dict[str, Table]:
    """Every table and view of the public schemas of a DuckDB build, by 'schema.table'."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        names = connection.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_schema in ? order by all",
            [list(PUBLIC_SCHEMAS)],
        ).fetchall()
        return {
            f"{schema}.{table}": _read(connection, f'"{schema}"."{table}"')
            for schema, table in names
        }


def spark_public_tables(spark_dir: Path) -> dict[str, Table]:
    """Every table of the public schemas of a Spark build (its warehouse folder), by 'schema.table'."""
    tables = {}
    with duckdb.connect() as connection:
        for schema in PUBLIC_SCHEMAS:
            for folder in sorted((spark_dir / "tables" / f"{schema}.db").glob("*")):
                assert (folder / "_SUCCESS").exists(), f"{folder}: Spark did not finish writing it"
                tables[f"{schema}.{folder.name}"] = _read(
                    connection, f"read_parquet('{folder}/*.parquet')"
                )
    return tables


def _read(connection: duckdb.DuckDBPyConnection, relation: str) -> Table:
    described = connection.execute(f"describe select * from {relation}").fetchall()
    columns = [(name, kind) for name, kind, *_ in described]
    return Table(columns, connection.execute(f"select * from {relation}").fetchall())


def row_differences(expected: Table, actual: Table, limit: int = 5) -> list[str]:
    """How actual's rows differ from expected's (same columns assumed): [] when equal.

    Rows are matched on their non-float values; the floats of matched rows must agree
    within FLOAT_RELATIVE_TOLERANCE.
    """
    float_positions = [i for i, (_, kind) in enumerate(expected.columns) if kind in FLOAT_TYPES]
    expected_groups = _group(expected, float_positions)
    actual_groups = _group(actual, float_positions)
    differences = []
    for key in expected_groups.keys() | actual_groups.keys():
        left, right = expected_groups.get(key, []), actual_groups.get(key, [])
        if len(left) != len(right) or not all(map(_same_floats, left, right)):
            where = _describe(expected.columns, key, float_positions)
            differences.append(f"{where}: DuckDB {left}, Spark {right}")
    differences.sort()
    if len(differences) > limit:
        return differences[:limit] + [f"... {len(differences) - limit} more"]
    return differences


def _group(table: Table, float_positions: list[int]) -> dict[tuple, list[tuple]]:
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for row in table.rows:
        key = tuple(_hashable(value) for i, value in enumerate(row) if i not in float_positions)
        groups[key].append(tuple(row[i] for i in float_positions))
    return {
        key: sorted(floats, key=lambda values: [(value is None, value or 0.0) for value in values])
        for key, floats in groups.items()
    }


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _same_floats(left: tuple, right: tuple) -> bool:
    return all(_same_float(a, b) for a, b in zip(left, right))


def _same_float(left: float | None, right: float | None) -> bool:
    if left is None or right is None:
        return left is right
    return math.isclose(left, right, rel_tol=FLOAT_RELATIVE_TOLERANCE, abs_tol=1e-12)


def _describe(columns: list[tuple[str, str]], key: tuple, float_positions: list[int]) -> str:
    names = [name for i, (name, _) in enumerate(columns) if i not in float_positions]
    return ", ".join(f"{name}={value!r}" for name, value in zip(names, key))
