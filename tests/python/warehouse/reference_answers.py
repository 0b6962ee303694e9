"""An independent computation of the warehouse's answers from the raw CSV.

Written from the rules in the README and docs/modeling.md, with Python's csv and
ast.literal_eval, sharing no code or SQL with the dbt project, so a test that compares
the two can fail when either misreads a rule.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

ID_COLUMNS = {"genres": "id", "production_companies": "id", "belongs_to_collection": "id"}
CODE_COLUMNS = {"production_countries": "iso_3166_1", "spoken_languages": "iso_639_1"}
LITERAL_COLUMNS = {**ID_COLUMNS, **CODE_COLUMNS}
CENTS = Decimal("0.01")
MAX_BIGINT = 2**63 - 1
MIN_BIGINT = -(2**63)
# The bounds of docs/modeling.md ("Types and unknowns").
MAX_AMOUNT = Decimal(10) ** 18
MAX_POPULARITY = 1e6
FIRST_YEAR, LAST_YEAR = 1874, 2100
DECIMAL_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
# A \N escape: an odd run of backslashes before N (an even run is escaped backslashes).
NAMED_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\N")


@dataclass
class Movie:
    movie_id: int
    record_number: int
    budget: Decimal | None
    revenue: Decimal | None
    popularity: float | None
    release_year: int | None
    elements: dict[str, list[tuple[str | int, str]]] = field(default_factory=dict)

    @property
    def profit(self) -> Decimal | None:
        if self.budget is None or self.revenue is None:
            return None
        return self.revenue - self.budget


@dataclass
class Reference:
    raw_record_count: int
    rejected: dict[int, str]  # record number -> reject code
    superseded: dict[int, int]  # record number -> winning record number
    movies: dict[int, Movie]


def known_amount(text: str) -> Decimal | None:
    """A decimal number rounded to cents half away from zero, when 0.01 to 10**18."""
    text = text.strip(" ")
    if not DECIMAL_NUMBER.fullmatch(text):
        return None
    try:
        value = Decimal(text)
        if value.adjusted() > 18:  # beyond 10**18 before rounding
            return None
        value = value.quantize(CENTS, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # an exponent too large for Decimal: far out of range
        return None
    return value if CENTS <= value <= MAX_AMOUNT else None


def known_popularity(text: str) -> float | None:
    if not text.isascii():  # float() also reads other scripts' digits; a number is ASCII
        return None
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) and 0 <= value <= MAX_POPULARITY else None


def release_year(text: str) -> int | None:
    text = text.strip()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        year = dt.date.fromisoformat(text).year
    except ValueError:
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def _strings_in(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for pair in value.items() for item in pair for text in _strings_in(item)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [text for item in value for text in _strings_in(item)]
    return []


def literal_eval(text: str) -> object:
    """ast.literal_eval, except that a string with a named escape (\\N{...}) or a
    surrogate (U+D800 to U+DFFF, which no UTF-8 text can hold) makes the literal invalid."""
    if NAMED_ESCAPE.search(text):
        raise ValueError("named escape")
    value = ast.literal_eval(text)
    if any(re.search("[\ud800-\udfff]", string) for string in _strings_in(value)):
        raise ValueError("surrogate")
    return value


def _dicts_inside(text: str) -> list[dict]:
    """The shortest {...} substrings that literal_eval reads as dicts, left to right."""
    found: list[dict] = []
    start = 0
    while (open_at := text.find("{", start)) != -1:
        for close_at in (i for i, ch in enumerate(text) if ch == "}" and i > open_at):
            try:
                value = literal_eval(text[open_at : close_at + 1])
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                continue
            if isinstance(value, dict):
                found.append(value)
                start = close_at + 1
                break
        else:
            start = open_at + 1
    return found


def literal_elements(cell: str, key: str, integer_key: bool) -> list[tuple[str | int, str]]:
    """Well-formed (key, name) pairs of a literal cell, first of each key kept."""
    cell = cell.strip()
    if not cell:
        return []
    try:
        value = literal_eval(cell)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        value = _dicts_inside(cell)
    if isinstance(value, tuple):  # a trailing comma: not JSON either, so repaired
        value = _dicts_inside(cell)
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    pairs: list[tuple[str | int, str]] = []
    seen: set = set()
    for element in value:
        if not isinstance(element, dict):
            continue
        element_key, name = element.get(key), element.get("name")
        key_ok = (
            isinstance(element_key, int)
            and not isinstance(element_key, bool)
            and MIN_BIGINT <= element_key <= MAX_BIGINT
            if integer_key
            else isinstance(element_key, str)
        )
        if not key_ok or not isinstance(name, str) or element_key in seen:
            continue
        seen.add(element_key)
        pairs.append((element_key, name))
    return pairs


def compute(csv_path: Path) -> Reference:
    with csv_path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    header, data = records[0], records[1:]
    id_at = header.index("id")
    rejected: dict[int, str] = {}
    accepted: dict[int, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for number, fields in enumerate(data, start=1):
        raw_id = fields[id_at] if len(fields) > id_at else None
        if len(fields) != 24:
            rejected[number] = "wrong_field_count"
        elif raw_id.strip() == "":
            rejected[number] = "missing_id"
        elif not re.fullmatch(r"\s*[0-9]+\s*", raw_id) or not 0 < int(raw_id) <= MAX_BIGINT:
            rejected[number] = "invalid_id"
        else:
            accepted[int(raw_id)].append((number, dict(zip(header, fields))))

    superseded: dict[int, int] = {}
    movies: dict[int, Movie] = {}
    for movie_id, versions in accepted.items():
        winner_number, row = versions[-1]
        for number, _ in versions[:-1]:
            superseded[number] = winner_number
        movie = Movie(
            movie_id=movie_id,
            record_number=winner_number,
            budget=known_amount(row["budget"]),
            revenue=known_amount(row["revenue"]),
            popularity=known_popularity(row["popularity"]),
            release_year=release_year(row["release_date"]),
        )
        for column, key in LITERAL_COLUMNS.items():
            movie.elements[column] = literal_elements(row[column], key, column in ID_COLUMNS)
        # A movie belongs to one collection: the first listed.
        movie.elements["belongs_to_collection"] = movie.elements["belongs_to_collection"][:1]
        movies[movie_id] = movie
    return Reference(len(data), rejected, superseded, movies)


def entity_names(reference: Reference, column: str) -> dict:
    """Each key's name: the spelling on the most movies, ties to the first alphabetically."""
    counts: Counter = Counter()
    for movie in reference.movies.values():
        for key, name in movie.elements[column]:
            counts[(key, name)] += 1
    best: dict = {}
    for (key, name), count in counts.items():
        if key not in best or (-count, name) < (-best[key][0], best[key][1]):
            best[key] = (count, name)
    return {key: name for key, (_, name) in best.items()}


def yearly_figures(reference: Reference, column: str) -> dict[tuple, dict]:
    """Figures per (entity key, release year), with the counts they rest on."""
    groups: dict[tuple, list[Movie]] = defaultdict(list)
    for movie in reference.movies.values():
        if movie.release_year is None:
            continue
        for key, _ in movie.elements[column]:
            groups[(key, movie.release_year)].append(movie)
    names = entity_names(reference, column)
    figures: dict[tuple, dict] = {}
    for (key, year), movies in groups.items():
        budgets = [m.budget for m in movies if m.budget is not None]
        revenues = [m.revenue for m in movies if m.revenue is not None]
        profits = [m.profit for m in movies if m.profit is not None]
        popularities = [m.popularity for m in movies if m.popularity is not None]
        figures[(key, year)] = {
            "name": names[key],
            "movie_count": len(movies),
            "movies_with_budget": len(budgets),
            "total_budget": sum(budgets) if budgets else None,
            "movies_with_revenue": len(revenues),
            "total_revenue": sum(revenues) if revenues else None,
            "movies_with_financials": len(profits),
            "total_profit": sum(profits) if profits else None,
            "avg_popularity": sum(popularities) / len(popularities) if popularities else None,
        }
    return figures


def company_releases_by_genre(reference: Reference) -> dict[tuple, int]:
    counts: Counter = Counter()
    for movie in reference.movies.values():
        if movie.release_year is None:
            continue
        for company_id, _ in movie.elements["production_companies"]:
            for genre_id, _ in movie.elements["genres"]:
                counts[(company_id, genre_id, movie.release_year)] += 1
    return dict(counts)


def most_popular_genre(reference: Reference, min_movies: int = 1) -> dict[int, tuple]:
    """Per year: (genre_id, genre_name, movie_count, avg_popularity) of the winner."""
    best: dict[int, tuple] = {}
    for (genre_id, year), figures in yearly_figures(reference, "genres").items():
        if figures["avg_popularity"] is None or figures["movie_count"] < min_movies:
            continue
        candidate = (genre_id, figures["name"], figures["movie_count"], figures["avg_popularity"])
        current = best.get(year)
        if current is None or (
            (-round(candidate[3], 6), -candidate[2], candidate[1])
            < (-round(current[3], 6), -current[2], current[1])
        ):
            best[year] = candidate
    return best
