"""The CPI seed against the `cpi` package it comes from, and the to_constant_dollars macro against cpi.inflate."""

import csv
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[3]
SEED_PATH = PROJECT_DIR / "seeds" / "us_cpi_by_year.csv"
DBT = Path(sys.executable).parent / "dbt"

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="CPI data is out of date")
    import cpi


def seed_rows() -> dict[int, float]:
    with SEED_PATH.open(newline="", encoding="utf-8") as seed_file:
        return {int(row["year"]): float(row["cpi_u_annual_average"]) for row in csv.DictReader(seed_file)}


def test_seed_holds_every_year_of_the_cpi_u_series_with_the_package_values() -> None:
    rows = seed_rows()
    assert min(rows) == 1913
    assert max(rows) == cpi.LATEST_YEAR
    assert sorted(rows) == list(range(1913, cpi.LATEST_YEAR + 1))
    assert {year: cpi.get(year) for year in rows} == rows


def dbt(arguments: list[str], warehouse: Path, target_path: Path) -> str:
    completed = subprocess.run(
        [str(DBT), *arguments, "--profiles-dir", ".", "--project-dir", ".",
         "--target-path", str(target_path), "--log-path", str(target_path / "logs")],
        cwd=PROJECT_DIR, env={**os.environ, "MOVIES_WAREHOUSE_PATH": str(warehouse)},
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-2000:]
    return completed.stdout


@pytest.fixture(scope="module")
def seeded_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A warehouse holding only the CPI seed, and the dbt target folder used to load it."""
    folder = tmp_path_factory.mktemp("cpi_seed")
    warehouse, target_path = folder / "cpi.duckdb", folder / "target"
    dbt(["seed", "--select", "us_cpi_by_year"], warehouse, target_path)
    return warehouse, target_path


def show_inline(seeded_project: tuple[Path, Path], sql: str) -> list[dict]:
    """Rows of `dbt show --inline` on the seeded warehouse."""
    output = dbt(["show", "--inline", sql, "--output", "json", "--log-format", "json", "--limit", "-1"], *seeded_project)
    for line in output.splitlines():
        event = json.loads(line)
        if event["info"]["name"] == "ShowNode":
            return json.loads(event["data"]["preview"])
    raise AssertionError(f"dbt show printed no rows:\n{output[-3000:]}")


def test_macro_restates_amounts_in_dollars_of_the_seeds_latest_year_like_cpi_inflate(
    seeded_project: tuple[Path, Path],
) -> None:
    amounts = {1913: 1_000.0, 1950: 2_500_000.0, 1980: 100.0, 1999: 63_000_000.0, 2010: 0.01}
    latest_year = max(seed_rows())
    amounts[latest_year] = 12_345.67
    values = ", ".join(f"({year}, {amount})" for year, amount in amounts.items())
    rows = show_inline(
        seeded_project,
        f"select release_year, {{{{ to_constant_dollars('amount', 'release_year') }}}} as amount_real "
        f"from (values {values}) as nominal(release_year, amount) order by release_year",
    )
    restated = {row["release_year"]: row["amount_real"] for row in rows}
    expected = {year: round(cpi.inflate(amount, year, to=latest_year), 2) for year, amount in amounts.items()}
    assert restated == pytest.approx(expected, abs=0.005)
    assert restated[latest_year] == amounts[latest_year]


def test_macro_gives_null_for_years_without_an_index_and_for_unknown_amounts(seeded_project: tuple[Path, Path]) -> None:
    rows = show_inline(
        seeded_project,
        "select {{ to_constant_dollars('100', '1912') }} as before_series, "
        "{{ to_constant_dollars('100', '9999') }} as after_series, "
        "{{ to_constant_dollars('null', '2000') }} as unknown_amount, "
        "{{ to_constant_dollars('100', 'null') }} as unknown_year",
    )
    assert rows == [{"before_series": None, "after_series": None, "unknown_amount": None, "unknown_year": None}]
