"""The not_null constraints that stand in for not_null tests are enforced by the built warehouse.

A model with an enforced contract, built as a table (or incremental table), carries its
not_null constraints in DuckDB's catalog, so an insert of a NULL fails and with it the model
and the build; such a column has no not_null test (docs/data_tests.md; dbt-score's
`no_test_repeats_an_enforced_constraint`). Here each of those columns, read from the build's
manifest, must be listed NOT NULL in the catalog and refuse a NULL in a copy of the warehouse.
A view is created without constraints, so the views keep their not_null tests.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

ENFORCING_MATERIALIZATIONS = ("table", "incremental")


def not_null_constraints(manifest: dict) -> list[tuple[str, str, str, dict[str, str]]]:
    """(schema, table, column, {not-null column: data type}) per not_null constraint DuckDB enforces."""
    found = []
    for node in manifest["nodes"].values():
        config = node["config"]
        if (
            node["resource_type"] != "model"
            or not config["contract"]["enforced"]
            or config["materialized"] not in ENFORCING_MATERIALIZATIONS
        ):
            continue
        not_null = {
            name: column["data_type"]
            for name, column in node["columns"].items()
            if any(constraint["type"] == "not_null" for constraint in column.get("constraints", []))
        }
        found += [(node["schema"], node["alias"], name, not_null) for name in not_null]
    return sorted(found, key=lambda found_constraint: found_constraint[:3])


def test_each_not_null_constraint_refuses_a_null(built, tmp_path):
    connection, _ = built
    warehouse = Path(connection.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchone()[0])
    manifest = json.loads((warehouse.parent / "target" / "manifest.json").read_text(encoding="utf-8"))
    constraints = not_null_constraints(manifest)
    assert len(constraints) >= 30, "the contracts declare their keys not null"
    catalog = set(connection.execute(
        "select schema_name, table_name, constraint_column_names[1] from duckdb_constraints()"
        " where constraint_type = 'NOT NULL' and database_name = current_database()"
    ).fetchall())
    assert [c[:3] for c in constraints if c[:3] not in catalog] == []

    shutil.copy(warehouse, tmp_path / "movies.duckdb")
    copy = duckdb.connect(str(tmp_path / "movies.duckdb"))
    accepted = []
    for schema, table, column, not_null in constraints:
        relation = f"{schema}.{table}"
        if copy.execute(f"select count(*) from {relation}").fetchone()[0]:
            # a row the table holds, with only this column made NULL
            insert = f"insert into {relation} select * replace (null as {column}) from {relation} limit 1"
        else:
            others = ", ".join(f"cast(0 as {data_type}) as {name}" for name, data_type in not_null.items() if name != column)
            insert = f"insert into {relation} by name select null as {column}{', ' if others else ''}{others}"
        copy.execute("begin")
        try:
            copy.execute(insert)
            accepted.append(f"{relation}.{column}")
        except duckdb.ConstraintException as error:
            assert f"NOT NULL constraint failed: {table}.{column}" in str(error)
        finally:
            copy.execute("rollback")
    copy.close()
    assert accepted == []
