"""A plain `dbt build` writes a warehouse a DuckDB 1.x client opens: the README's CLI command on it."""

from __future__ import annotations

from pathlib import Path

from duckdb_1_client import check_readme_cli_command_on


def test_the_readme_cli_command_reads_a_plain_dbt_build_with_duckdb_1(built) -> None:
    connection, _ = built
    path = connection.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()[0]
    check_readme_cli_command_on(Path(path))
