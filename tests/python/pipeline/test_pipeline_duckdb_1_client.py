"""The warehouse the command publishes opens in a DuckDB 1.x client: the README's CLI command on it."""

from __future__ import annotations

from duckdb_1_client import check_readme_cli_command_on


def test_the_readme_cli_command_reads_the_published_warehouse_with_duckdb_1(built_sample) -> None:
    """built_sample: conftest.BuiltSample (not imported: another folder's conftest may hold the name)."""
    check_readme_cli_command_on(built_sample.warehouse_copy)
