"""Run duckdb_plain.sql on raw movies_metadata.csv files and write the nine answers as Parquet.

    python benchmarks/baselines/run_duckdb_plain.py MOVIES_CSV [MOVIES_CSV ...] OUTPUT_DIR [--threads N]

Several files are read as one, in the order given: a record of a later file is a later
state of its movie than any record of an earlier one (pass hourly drops oldest first).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb
from answers import ANSWERS

SCRIPT = Path(__file__).with_name("duckdb_plain.sql")


def run(movies_csvs: list[Path], output_dir: Path, threads: int | None = None, min_movies: int = 1) -> None:
    for movies_csv in movies_csvs:
        if not movies_csv.is_file():
            sys.exit(f"error: {movies_csv} does not exist; pass the path of a movies_metadata.csv")
    output_dir.mkdir(parents=True, exist_ok=True)
    with duckdb.connect() as connection:
        if threads:
            connection.execute(f"set threads = {int(threads)}")
        connection.execute("set variable movies_csv = ?", [[str(path) for path in movies_csvs]])
        connection.execute("set variable most_popular_genre_min_movies = ?", [min_movies])
        connection.execute(SCRIPT.read_text(encoding="utf-8"))
        for answer in ANSWERS:
            target = (output_dir / f"{answer}.parquet").as_posix().replace("'", "''")
            connection.execute(f"copy {answer} to '{target}' (format parquet)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("movies_csv", type=Path, nargs="+", help="one or more files, oldest first")
    parser.add_argument("output_dir", type=Path)
    parser.add_argument("--threads", type=int, help="DuckDB threads (default: one per core)")
    parser.add_argument("--min-movies", type=int, default=1, help="movies a genre needs to be a year's most popular")
    args = parser.parse_args(argv)
    run(args.movies_csv, args.output_dir, args.threads, args.min_movies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
