"""Run duckdb_plain.sql on raw movies_metadata.csv files and write the nine answers as Parquet.

    python benchmarks/baselines/run_duckdb_plain.py MOVIES_CSV [MOVIES_CSV ...] OUTPUT_DIR
        [--threads N] [--state STATE.duckdb]

Several files are read as one, in the order given: a record of a later file is a later
state of its movie than any record of an earlier one (pass hourly drops oldest first).

With --state, the floor of an hourly run: the latest movies (numbers typed, lists parsed)
are kept in STATE between runs. A run parses only the files it is given, replaces their
movies in STATE (their records are later than any it holds) and computes the nine answers
from STATE; the first run, with no STATE yet, stores every movie of its files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb
from answers import ANSWERS

SCRIPT = Path(__file__).with_name("duckdb_plain.sql")
ANSWERS_PART = "-- The answers, from `movies` alone"


def run(
    movies_csvs: list[Path],
    output_dir: Path,
    threads: int | None = None,
    min_movies: int = 1,
    state: Path | None = None,
) -> None:
    for movies_csv in movies_csvs:
        if not movies_csv.is_file():
            sys.exit(f"error: {movies_csv} does not exist; pass the path of a movies_metadata.csv")
    output_dir.mkdir(parents=True, exist_ok=True)
    movies_part, answers_part = SCRIPT.read_text(encoding="utf-8").split(ANSWERS_PART, 1)
    answers_part = answers_part.split("\n", 1)[1]  # the rest of the marking comment's line
    with duckdb.connect() as connection:
        if threads:
            connection.execute(f"set threads = {int(threads)}")
        connection.execute("set variable movies_csv = ?", [[str(path) for path in movies_csvs]])
        connection.execute("set variable most_popular_genre_min_movies = ?", [min_movies])
        connection.execute(movies_part)
        if state is not None:
            merge_into_state(connection, state)
        connection.execute(answers_part)
        for answer in ANSWERS:
            target = (output_dir / f"{answer}.parquet").as_posix().replace("'", "''")
            connection.execute(f"copy {answer} to '{target}' (format parquet)")


def merge_into_state(connection: duckdb.DuckDBPyConnection, state: Path) -> None:
    """Replace the parsed movies of this run's files in STATE's `movies`, then point the
    name `movies` at STATE's table for the answers part."""
    first_run = not state.exists()
    state.parent.mkdir(parents=True, exist_ok=True)
    connection.execute("attach ? as state", [str(state)])
    if first_run:
        connection.execute("create table state.movies as from movies")
    else:
        connection.execute("begin")
        connection.execute("delete from state.movies where movie_id in (select movie_id from movies)")
        connection.execute("insert into state.movies from movies")
        connection.execute("commit")
    connection.execute("drop table movies")
    connection.execute("create temp view movies as from state.movies")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("movies_csv", type=Path, nargs="+", help="one or more files, oldest first")
    parser.add_argument("output_dir", type=Path)
    parser.add_argument("--threads", type=int, help="DuckDB threads (default: one per core)")
    parser.add_argument("--min-movies", type=int, default=1, help="movies a genre needs to be a year's most popular")
    parser.add_argument("--state", type=Path, help="a DuckDB file keeping the parsed movies between hourly runs")
    args = parser.parse_args(argv)
    run(args.movies_csv, args.output_dir, args.threads, args.min_movies, args.state)
    return 0


if __name__ == "__main__":
    sys.exit(main())
