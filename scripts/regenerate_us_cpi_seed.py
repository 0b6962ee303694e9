"""Rewrite seeds/us_cpi_by_year.csv from the CPI-U annual averages shipped inside the `cpi` package.

The package carries the Bureau of Labor Statistics series CUUR0000SA0 (CPI-U, all items,
U.S. city average, not seasonally adjusted) in its bundled SQLite file, so this reads no
network. Run it after upgrading the pinned `cpi` version, then commit the seed:

    .venv/bin/python scripts/regenerate_us_cpi_seed.py
"""

import csv
import warnings
from pathlib import Path

SEED_PATH = Path(__file__).resolve().parent.parent / "seeds" / "us_cpi_by_year.csv"


def annual_averages() -> list[tuple[int, float]]:
    """(year, CPI-U annual average) for every year of the series the package ships, oldest first."""
    with warnings.catch_warnings():
        # The package warns that its bundled data is older than today and offers cpi.update(),
        # which downloads. The seed deliberately freezes the shipped series instead.
        warnings.filterwarnings("ignore", message="CPI data is out of date")
        import cpi

    return sorted(
        (index.year, index.value)
        for index in cpi.DEFAULT_SERIES.indexes
        if index.period.type == "annual"
    )


def write_seed(rows: list[tuple[int, float]], path: Path = SEED_PATH) -> None:
    """Write the rows as the seed CSV, header `year,cpi_u_annual_average`."""
    with path.open("w", newline="", encoding="utf-8") as seed_file:
        writer = csv.writer(seed_file, lineterminator="\n")
        writer.writerow(["year", "cpi_u_annual_average"])
        writer.writerows(rows)


if __name__ == "__main__":
    rows = annual_averages()
    write_seed(rows)
    print(f"Wrote {len(rows)} years ({rows[0][0]}-{rows[-1][0]}) to {SEED_PATH}")
