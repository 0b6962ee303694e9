"""The README's DuckDB CLI command, run with a DuckDB 1.x client on a built warehouse.

The client is the `duckdb-cli` package pinned in pyproject.toml's dev extra (its `duckdb`
script sits beside this venv's python); the command is read from the README, so the
instructions analysts follow are the ones tested.
"""

from __future__ import annotations

import csv
import io
import re
import shlex
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[2]
README = PROJECT_DIR / "README.md"
DUCKDB_CLI = Path(sys.executable).with_name("duckdb")
README_WAREHOUSE = "warehouse/movies.duckdb"


def readme_install_line() -> str:
    """The README's `pip install duckdb-cli==X` line."""
    match = re.search(r"^\.venv/bin/pip install duckdb-cli==\S+$", README.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, "README.md should say how to install the DuckDB CLI: `.venv/bin/pip install duckdb-cli==X`"
    return match.group()


def readme_cli_command() -> list[str]:
    """The README's `.venv/bin/duckdb -readonly warehouse/movies.duckdb -c "..."` command, as arguments."""
    match = re.search(r"^\.venv/bin/duckdb -readonly .*$", README.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, "README.md should show the DuckDB CLI command: `.venv/bin/duckdb -readonly warehouse/movies.duckdb -c ...`"
    return shlex.split(match.group())


def check_readme_cli_command_on(warehouse: Path) -> None:
    """Run the README's command with the DuckDB 1.x CLI on `warehouse` and compare with Python's duckdb."""
    assert readme_install_line() == f".venv/bin/pip install duckdb-cli=={version('duckdb-cli')}"
    cli_version = subprocess.run([str(DUCKDB_CLI), "--version"], capture_output=True, text=True, check=True).stdout
    assert cli_version.startswith("v1."), f"the client under test should be a DuckDB 1.x CLI, not {cli_version}"

    command = readme_cli_command()
    assert command[:3] == [".venv/bin/duckdb", "-readonly", README_WAREHOUSE] and command[3] == "-c", command
    sql = command[4]
    as_shown = run_cli(["-readonly", str(warehouse), "-c", sql], warehouse)
    as_csv = run_cli(["-readonly", "-csv", str(warehouse), "-c", sql], warehouse)

    with duckdb.connect(str(warehouse), read_only=True) as connection:
        relation = connection.sql(sql)
        header, rows = relation.columns, relation.fetchall()
    assert rows, "the README's query should return rows on the sample"
    expected = [header, *[["" if value is None else str(value) for value in row] for row in rows]]
    assert list(csv.reader(io.StringIO(as_csv))) == expected
    assert all(column in as_shown for column in header), as_shown


def run_cli(arguments: list[str], warehouse: Path) -> str:
    completed = subprocess.run(
        [str(DUCKDB_CLI), *arguments], capture_output=True, text=True, timeout=120, check=False, cwd=warehouse.parent
    )
    assert completed.returncode == 0 and not completed.stderr, (
        f"duckdb {' '.join(arguments)} failed ({completed.returncode}):\n{completed.stderr}"
    )
    return completed.stdout
