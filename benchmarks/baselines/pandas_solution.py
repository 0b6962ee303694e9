"""The nine yearly answers from one raw movies_metadata.csv in pandas, written the way a
typical solution is: read_csv, ast.literal_eval on the list columns, explode, groupby.

    python benchmarks/baselines/pandas_solution.py MOVIES_CSV OUTPUT_DIR

It follows the warehouse contract's rules as far as pandas naturally allows; where it
cannot (see docs/benchmarks.md), it says so here:
- pandas pads a short record with empty fields without saying how many it had, so the
  head of a record split by a line break is accepted when its id is valid. Such a head
  ends before release_date, so it reaches no yearly answer; records with more than 24
  fields are skipped by the reader (on_bad_lines="skip"), which is the contract's rejection.
- release dates outside pandas' timestamp range (before 1677 or after 2262) count as
  unknown; DuckDB reads years 1 to 9999.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

DICT_LITERAL = re.compile(r"""\{(?:[^{}'"]|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")*\}""", re.DOTALL)


def parse_list_cell(cell: str) -> list:
    """A list column's Python literal as a list of dicts; when the cell is not a valid
    literal (the GATORADE cell), the dict literals inside it that are."""
    if not cell.strip():
        return []
    try:
        parsed = ast.literal_eval(cell)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        parsed = []
        for text in DICT_LITERAL.findall(cell):
            try:
                parsed.append(ast.literal_eval(text))
            except (ValueError, SyntaxError):
                continue
    if isinstance(parsed, dict):
        return [parsed]
    return parsed if isinstance(parsed, list) else []


def known_amount(raw: pd.Series) -> pd.Series:
    """Money above 0 and finite, rounded to cents; NaN (unknown) otherwise."""
    number = pd.to_numeric(raw.str.strip(), errors="coerce")
    return number.where(np.isfinite(number) & (number > 0)).round(2)


def load_movies(path: Path) -> pd.DataFrame:
    movies = pd.read_csv(path, dtype=str, keep_default_na=False, on_bad_lines="skip")
    movies["record_number"] = np.arange(1, len(movies) + 1)
    valid_id = movies["id"].str.fullmatch(r"\s*[0-9]+\s*")
    movies = movies[valid_id].copy()
    movies["movie_id"] = pd.to_numeric(movies["id"].str.strip(), errors="coerce")
    movies = movies[movies["movie_id"] > 0]
    movies = movies.drop_duplicates("movie_id", keep="last")  # the last record of an id wins

    movies["budget"] = known_amount(movies["budget"])
    movies["revenue"] = known_amount(movies["revenue"])
    movies["profit"] = movies["revenue"] - movies["budget"]
    popularity = pd.to_numeric(movies["popularity"].str.strip(), errors="coerce")
    movies["popularity"] = popularity.where(np.isfinite(popularity) & (popularity >= 0))
    release_date = movies["release_date"].str.strip()
    release_date = release_date.where(release_date.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"))
    movies["release_year"] = pd.to_datetime(release_date, format="%Y-%m-%d", errors="coerce").dt.year
    return movies


def movie_entities(movies: pd.DataFrame, column: str, key: str, name: str) -> pd.DataFrame:
    """One row per movie per listed entity: the first listing of an id, if well formed."""
    listed = movies[["movie_id", "record_number", column]].copy()
    listed["entity"] = listed[column].map(parse_list_cell)
    listed = listed.explode("entity").dropna(subset=["entity"])
    well_formed = listed["entity"].map(
        lambda entity: isinstance(entity, dict)
        and isinstance(entity.get("id"), int)
        and not isinstance(entity.get("id"), bool)
        and isinstance(entity.get("name"), str)
    )
    listed = listed[well_formed.astype(bool)]
    listed[key] = listed["entity"].map(lambda entity: entity["id"]).astype("int64")
    listed[name] = listed["entity"].map(lambda entity: entity["name"])
    return listed.drop_duplicates(["movie_id", key])[["movie_id", "record_number", key, name]]


def entity_names(links: pd.DataFrame, key: str, name: str) -> pd.DataFrame:
    """Each id's name: the spelling on the most movies, ties to the most recent record."""
    spellings = links.groupby([key, name]).agg(
        movie_count=("movie_id", "size"), latest=("record_number", "max")
    ).reset_index()
    spellings = spellings.sort_values([key, "movie_count", "latest"], ascending=[True, False, False])
    return spellings.drop_duplicates(key)[[key, name]]


def yearly_metrics(movies: pd.DataFrame, links: pd.DataFrame, names: pd.DataFrame, key: str) -> pd.DataFrame:
    dated = movies.dropna(subset=["release_year"])
    joined = links[["movie_id", key]].merge(dated, on="movie_id").merge(names, on=key)
    name = names.columns[1]
    metrics = joined.groupby([key, name, "release_year"]).agg(
        movie_count=("movie_id", "size"),
        movies_with_budget=("budget", "count"),
        total_budget=("budget", lambda values: values.sum(min_count=1)),
        movies_with_revenue=("revenue", "count"),
        total_revenue=("revenue", lambda values: values.sum(min_count=1)),
        movies_with_financials=("profit", "count"),
        total_profit=("profit", lambda values: values.sum(min_count=1)),
        movies_with_popularity=("popularity", "count"),
        avg_popularity=("popularity", "mean"),
    )
    metrics = metrics.reset_index()
    metrics["release_year"] = metrics["release_year"].astype("int32")
    return metrics


def answers(movies: pd.DataFrame, min_movies: int = 1) -> dict[str, pd.DataFrame]:
    genre_links = movie_entities(movies, "genres", "genre_id", "genre_name")
    company_links = movie_entities(movies, "production_companies", "company_id", "company_name")
    genres = entity_names(genre_links, "genre_id", "genre_name")
    companies = entity_names(company_links, "company_id", "company_name")
    by_genre = yearly_metrics(movies, genre_links, genres, "genre_id")
    by_company = yearly_metrics(movies, company_links, companies, "company_id")

    company_key = ["company_id", "company_name", "release_year", "movie_count"]
    genre_key = ["genre_id", "genre_name", "release_year", "movie_count"]
    dated = movies.dropna(subset=["release_year"])[["movie_id", "release_year"]]
    releases = (
        company_links[["movie_id", "company_id"]]
        .merge(genre_links[["movie_id", "genre_id"]], on="movie_id")
        .merge(dated, on="movie_id")
        .groupby(["company_id", "genre_id", "release_year"])
        .size()
        .rename("release_count")
        .reset_index()
        .merge(companies, on="company_id")
        .merge(genres, on="genre_id")
    )
    releases["release_year"] = releases["release_year"].astype("int32")

    contenders = by_genre[by_genre["avg_popularity"].notna() & (by_genre["movie_count"] >= min_movies)].copy()
    contenders["contender_count"] = contenders.groupby("release_year")["genre_id"].transform("size")
    most_popular = contenders.sort_values(
        ["release_year", "avg_popularity", "movie_count", "genre_name"], ascending=[True, False, False, True]
    ).drop_duplicates("release_year")
    return {
        "company_budget_by_year": by_company[company_key + ["movies_with_budget", "total_budget"]],
        "company_revenue_by_year": by_company[company_key + ["movies_with_revenue", "total_revenue"]],
        "company_profit_by_year": by_company[company_key + ["movies_with_financials", "total_profit"]],
        "company_popularity_by_year": by_company[company_key + ["movies_with_popularity", "avg_popularity"]],
        "company_releases_by_genre_by_year": releases[
            ["company_id", "company_name", "genre_id", "genre_name", "release_year", "release_count"]
        ],
        "genre_budget_by_year": by_genre[genre_key + ["movies_with_budget", "total_budget"]],
        "genre_revenue_by_year": by_genre[genre_key + ["movies_with_revenue", "total_revenue"]],
        "genre_profit_by_year": by_genre[genre_key + ["movies_with_financials", "total_profit"]],
        "genre_most_popular_by_year": most_popular[
            [
                "release_year",
                "genre_id",
                "genre_name",
                "movie_count",
                "movies_with_popularity",
                "avg_popularity",
                "contender_count",
            ]
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("movies_csv", type=Path)
    parser.add_argument("output_dir", type=Path)
    parser.add_argument("--min-movies", type=int, default=1, help="movies a genre needs to be a year's most popular")
    args = parser.parse_args(argv)
    if not args.movies_csv.is_file():
        parser.error(f"{args.movies_csv} does not exist; pass the path of a movies_metadata.csv")
    args.output_dir.mkdir(parents=True, exist_ok=True)
    for name, frame in answers(load_movies(args.movies_csv), args.min_movies).items():
        frame.to_parquet(args.output_dir / f"{name}.parquet", index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
