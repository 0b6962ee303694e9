"""Deterministic generator of raw `movies_metadata.csv` files at any scale.

The output has the exact raw format of The Movies Dataset (24-column header, `False`/`True`,
ISO dates, list columns written by Python's `repr`, CSV quoting as Python's `csv` module
writes it) and the full file's quirks at the full file's rates: duplicated ids, records split
by an unquoted line break, a genres cell that is not a valid literal. Scale 1 is 45,466
records, the size of the real file. The same seed, scale and options give the same bytes.

Speed comes from rendering every text fragment once (each company's dict literal, each
genre list, each overview...) and assembling records from numpy index arrays, chunk by chunk.
See docs/generator.md for what is generated and why.
"""

from __future__ import annotations

import argparse
import ast
import csv
import datetime as dt
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from movies_pipeline.errors import PipelineError, UsageError
from movies_pipeline.validate import EXPECTED_HEADER

HEADER = EXPECTED_HEADER  # the 24 columns of movies_metadata.csv, in order

FULL_FILE_RECORDS = 45_466
# Quirks of the full file, per 45,466 records; a generated file has at least one of each.
SPLIT_MOVIES_PER_FULL_FILE = 3
DUPLICATE_RECORDS_PER_FULL_FILE = 30
BROKEN_GENRES_PER_FULL_FILE = 1
BROKEN_GENRES_CELL = "[{'id': 35, 'name': 'Comedy'} GATORADE"
# Shares of True flags in the full file (the sample has none).
ADULT_PER_FULL_FILE = 9
VIDEO_PER_FULL_FILE = 93
# Vocabulary growth: the full file names about 23,000 companies and 1,700 collections;
# companies grow with the number of movies as Heaps' law with this exponent.
FULL_FILE_COMPANIES = 23_000
COMPANY_GROWTH_EXPONENT = 0.75
FULL_FILE_COLLECTIONS = 1_700
SYNTHETIC_COMPANY_FIRST_ID = 1_000_000
SYNTHETIC_COLLECTION_FIRST_ID = 1_000_000
# Companies whose names hold both kinds of quote, so every file exercises repr's escaping.
QUOTED_COMPANIES = (
    (990_001, "Bob \"Bulldog\" O'Brien Pictures"),
    (990_002, "The \"Nobody's Fool\" Company"),
)
QUOTED_COMPANY_RANK = 40
FIRST_YEAR = 1900
LAST_YEAR = 2020
JANUARY_FIRST_SHARE = 0.03
OVERVIEW_LINE_BREAK_SHARE = 0.005
POOL_SIZE = 8_192
CHUNK_ROWS = 50_000
DEFAULT_START_HOUR = "2026-11-25T13"
HOUR_FORMAT = "%Y-%m-%dT%H"
DEFAULT_SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "movies_metadata.csv"

_SEED_PLAN, _SEED_CHUNK, _SEED_POOLS, _SEED_NEW, _SEED_CHANGED = range(5)
_POSTER_ALPHABET = np.array(list("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"))


class GeneratorError(UsageError):
    """A generator option or input that cannot work; the hint says what to change."""


def csv_field(text: str) -> str:
    """One field as Python's csv module writes it with QUOTE_MINIMAL."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _rng(seed: int, *key: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, *key])))


def _ceil_rate(per_full_file: int, records: int) -> int:
    """ceil(per_full_file * records / 45,466), at least 1, in exact integer arithmetic."""
    return max(1, -(-per_full_file * records // FULL_FILE_RECORDS))


def record_count_for_scale(scale: float) -> int:
    """Physical CSV records (after the header) of a file at this scale factor."""
    return round(FULL_FILE_RECORDS * scale)


# --------------------------------------------------------------------------- sample


@dataclass(frozen=True)
class SampleProfile:
    """What the generator takes from the real sample: vocabularies, shares and fitted laws."""

    genre_lists: list[list[dict]]
    country_lists: list[list[dict]]
    language_lists: list[list[dict]]
    companies: list[tuple[int, str]]  # (id, name), most frequent first
    company_counts: np.ndarray  # companies listed per sample record
    collections: list[dict]
    collection_share: float
    titles: list[tuple[str, str, str, str, str]]  # language, original title, status, tagline, title
    homepages: list[str]
    homepage_share: float
    runtimes: list[str]
    votes: list[tuple[str, str]]
    sentences: list[str]
    empty_overview_share: float
    empty_poster_share: float
    missing_date_share: float
    money_shares: np.ndarray  # P(both known), P(budget only), P(revenue only), P(neither)
    popularity_log: tuple[float, float]
    budget_log: tuple[float, float]
    revenue_given_budget: tuple[float, float, float]  # log revenue = a + b log budget + N(0, s)
    revenue_alone_log: tuple[float, float]


def upper_half_lognormal(values: np.ndarray) -> tuple[float, float]:
    """(mu, sigma) of a lognormal matching the median and upper quartile of `values`.

    The sample's logs have a long left tail (popularity 0.00008, budgets of $1) that
    would give a moment fit a right tail far beyond anything in the data.
    """
    median, upper_quartile = np.percentile(np.log(values), [50, 75])
    return float(median), float((upper_quartile - median) / 0.6745)


def load_sample_profile(sample_path: Path = DEFAULT_SAMPLE) -> SampleProfile:
    """Read the real sample with csv + ast.literal_eval and fit what the generator draws from."""
    if not sample_path.is_file():
        raise GeneratorError(
            f"the sample {sample_path} does not exist",
            "pass --sample with a movies_metadata.csv in the original format (the repository ships data/sample/)",
        )
    with sample_path.open(newline="", encoding="utf-8") as handle:
        records = [record for record in csv.DictReader(handle) if record.get("vote_count") is not None]
    if not records:
        raise GeneratorError(f"the sample {sample_path} has no complete records", "pass a real movies_metadata.csv")

    def literal_lists(column: str) -> list[list[dict]]:
        return [ast.literal_eval(record[column]) for record in records]

    company_lists = literal_lists("production_companies")
    company_frequency: Counter[tuple[int, str]] = Counter(
        (company["id"], company["name"]) for listed in company_lists for company in listed
    )
    collections = {
        parsed["id"]: parsed
        for record in records
        if record["belongs_to_collection"]
        for parsed in [ast.literal_eval(record["belongs_to_collection"])]
    }
    budgets = np.array([float(record["budget"] or 0) for record in records])
    revenues = np.array([float(record["revenue"] or 0) for record in records])
    budget_known, revenue_known = budgets > 0, revenues > 0
    both = budget_known & revenue_known
    slope, intercept = np.polyfit(np.log(budgets[both]), np.log(revenues[both]), 1)
    residual = np.log(revenues[both]) - (intercept + slope * np.log(budgets[both]))
    popularity = np.array([float(record["popularity"]) for record in records if record["popularity"]])
    sentences = [
        sentence
        for record in records
        for sentence in re.split(r"(?<=[.!?])\s+", record["overview"].replace("\n", " ").strip())
        if sentence
    ]
    return SampleProfile(
        genre_lists=literal_lists("genres"),
        country_lists=literal_lists("production_countries"),
        language_lists=literal_lists("spoken_languages"),
        companies=[company for company, _ in company_frequency.most_common()],
        company_counts=np.array([len(listed) for listed in company_lists]),
        collections=list(collections.values()),
        collection_share=sum(1 for record in records if record["belongs_to_collection"]) / len(records),
        titles=[
            (
                record["original_language"],
                record["original_title"],
                record["status"],
                record["tagline"],
                record["title"],
            )
            for record in records
        ],
        homepages=[record["homepage"] for record in records if record["homepage"]],
        homepage_share=sum(1 for record in records if record["homepage"]) / len(records),
        runtimes=[record["runtime"] for record in records],
        votes=[(record["vote_average"], record["vote_count"]) for record in records],
        sentences=sentences,
        empty_overview_share=sum(1 for record in records if not record["overview"]) / len(records),
        empty_poster_share=sum(1 for record in records if not record["poster_path"]) / len(records),
        missing_date_share=sum(1 for record in records if not record["release_date"]) / len(records),
        money_shares=np.array(
            [
                both.mean(),
                (budget_known & ~revenue_known).mean(),
                (revenue_known & ~budget_known).mean(),
                (~budget_known & ~revenue_known).mean(),
            ]
        ),
        popularity_log=upper_half_lognormal(popularity[popularity > 0]),
        budget_log=upper_half_lognormal(budgets[budget_known]),
        revenue_given_budget=(float(intercept), float(slope), float(1.4826 * np.median(np.abs(residual)))),
        revenue_alone_log=upper_half_lognormal(revenues[revenue_known & ~budget_known]),
    )


# --------------------------------------------------------------------------- pools


@dataclass(frozen=True)
class FragmentPools:
    """Every text fragment a record is assembled from, rendered once and CSV-escaped.

    Pools that may be empty for a record end with an empty string, so index -1 selects it.
    """

    genres: np.ndarray
    countries: np.ndarray
    languages: np.ndarray
    collections: np.ndarray  # ..., ""
    company_dicts: list[str]  # repr of {'name': ..., 'id': ...} with quotes doubled, by rank
    language_titles: np.ndarray  # "en,Toy Story"
    status_tagline_titles: np.ndarray  # "Released,,Toy Story"
    titles_with_tagline: np.ndarray  # indices into the two title pools
    homepages: np.ndarray  # ..., ""
    overviews: np.ndarray
    plain_sentences: list[str]  # no comma, quote or line break: safe unquoted
    posters: np.ndarray  # ..., ""
    runtimes: np.ndarray
    votes: np.ndarray  # "7.7,5415"
    dates: np.ndarray  # every day FIRST_YEAR-01-01 .. LAST_YEAR-12-31, then ""
    year_first_day: np.ndarray
    year_days: np.ndarray
    year_weights: np.ndarray


def _object_array(items: Iterable[str]) -> np.ndarray:
    values = list(items)
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _random_paths(rng: np.random.Generator, count: int) -> list[str]:
    letters = _POSTER_ALPHABET[rng.integers(0, len(_POSTER_ALPHABET), size=(count, 27))]
    return ["/" + "".join(row) + ".jpg" for row in letters]


def synthetic_company_names(count: int, words: list[str]) -> list[str]:
    """Distinct made-up company names built from the sample's own words."""
    kinds = ("Pictures", "Films", "Productions", "Entertainment", "Studios", "Media", "Film Company")
    names = []
    for number in range(count):
        first = words[number % len(words)]
        second = words[(number // len(words)) % len(words)]
        kind = kinds[(number // len(words) ** 2) % len(kinds)]
        generation = number // (len(words) ** 2 * len(kinds))
        name = f'{first} "{second}" {kind}' if number % 211 == 7 else f"{first} {second} {kind}"
        names.append(name if generation == 0 else f"{name} {generation + 1}")
    return names


def company_vocabulary(profile: SampleProfile, records: int) -> list[tuple[int, str]]:
    """(id, name) by popularity rank: the sample's companies, then synthetic ones as scale grows."""
    growth = (records / FULL_FILE_RECORDS) ** COMPANY_GROWTH_EXPONENT
    target = max(len(profile.companies), round(FULL_FILE_COMPANIES * growth))
    words = sorted(
        {word for _, name in profile.companies for word in name.split() if word.isalpha() or "'" in word}
        - {"Pictures", "Films", "Productions", "Entertainment", "Studios", "Media", "Film", "Company"}
    )
    synthetic = synthetic_company_names(target - len(profile.companies), words)
    vocabulary = list(profile.companies) + [
        (SYNTHETIC_COMPANY_FIRST_ID + number, name) for number, name in enumerate(synthetic)
    ]
    vocabulary[QUOTED_COMPANY_RANK:QUOTED_COMPANY_RANK] = list(QUOTED_COMPANIES)
    return vocabulary


def _year_weights() -> np.ndarray:
    """More movies every year (about 3.3% a year) up to 2016, then the few announced ones."""
    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    weights = np.exp(0.033 * (years - FIRST_YEAR))
    tail = {2017: 0.6, 2018: 0.05, 2019: 0.02, 2020: 0.01}
    for year, share in tail.items():
        weights[year - FIRST_YEAR] = weights[2016 - FIRST_YEAR] * share
    return weights / weights.sum()


def build_pools(profile: SampleProfile, records: int, seed: int) -> FragmentPools:
    """Render every fragment once; the vocabulary of companies and collections grows with `records`."""
    rng = _rng(seed, _SEED_POOLS)

    def rendered_lists(lists: list[list[dict]]) -> np.ndarray:
        return _object_array(csv_field(repr(listed)) for listed in lists)

    companies = company_vocabulary(profile, records)
    wanted_collections = round(FULL_FILE_COLLECTIONS * records / FULL_FILE_RECORDS)
    synthetic_collections = max(0, wanted_collections - len(profile.collections))
    collection_words = [sentence.split()[0].strip(".,!?\"'") for sentence in profile.sentences[:5000]]
    collection_words = sorted({word for word in collection_words if word.isalpha() and word[0].isupper()})
    collection_paths = _random_paths(rng, 2 * synthetic_collections)
    collections = list(profile.collections) + [
        {
            "id": SYNTHETIC_COLLECTION_FIRST_ID + number,
            "name": f"{collection_words[number % len(collection_words)]} Collection"
            + ("" if number < len(collection_words) else f" {number // len(collection_words) + 1}"),
            "poster_path": collection_paths[2 * number],
            "backdrop_path": collection_paths[2 * number + 1],
        }
        for number in range(synthetic_collections)
    ]

    sentences = profile.sentences
    overviews = []
    for _ in range(POOL_SIZE):
        if rng.random() < profile.empty_overview_share:
            overviews.append("")
            continue
        picked = [sentences[index] for index in rng.integers(0, len(sentences), size=rng.integers(1, 5))]
        text = picked[0]
        for sentence in picked[1:]:
            text += ("\n" if rng.random() < OVERVIEW_LINE_BREAK_SHARE else " ") + sentence
        overviews.append(text)

    posters = _random_paths(rng, POOL_SIZE)
    years = np.arange(FIRST_YEAR, LAST_YEAR + 2)
    year_first_day = np.array([(dt.date(int(year), 1, 1) - dt.date(FIRST_YEAR, 1, 1)).days for year in years])
    first_day = dt.date(FIRST_YEAR, 1, 1)
    dates = [(first_day + dt.timedelta(days=day)).isoformat() for day in range(int(year_first_day[-1]))]
    return FragmentPools(
        genres=rendered_lists(profile.genre_lists),
        countries=rendered_lists(profile.country_lists),
        languages=rendered_lists(profile.language_lists),
        collections=_object_array([*(csv_field(repr(collection)) for collection in collections), ""]),
        company_dicts=[repr({"name": name, "id": company_id}).replace('"', '""') for company_id, name in companies],
        language_titles=_object_array(
            csv_field(language) + "," + csv_field(original) for language, original, _, _, _ in profile.titles
        ),
        status_tagline_titles=_object_array(
            ",".join(csv_field(text) for text in (status, tagline, title))
            for _, _, status, tagline, title in profile.titles
        ),
        titles_with_tagline=np.array([index for index, title in enumerate(profile.titles) if title[3]]),
        homepages=_object_array([*(csv_field(page) for page in profile.homepages), ""]),
        overviews=_object_array(csv_field(text) for text in overviews),
        plain_sentences=[s for s in sentences if not re.search(r'[,"\n\r]', s) and len(s) > 20],
        posters=_object_array([*posters, ""]),
        runtimes=_object_array(csv_field(runtime) for runtime in profile.runtimes),
        votes=_object_array(csv_field(average) + "," + csv_field(count) for average, count in profile.votes),
        dates=_object_array([*dates, ""]),
        year_first_day=year_first_day[:-1],
        year_days=np.diff(year_first_day),
        year_weights=_year_weights(),
    )


# --------------------------------------------------------------------------- movies


@dataclass(frozen=True)
class MovieBatch:
    """Column arrays for a batch of movie records: indices into the pools, and values."""

    slot: np.ndarray  # movie number; the id is derived from it
    collection: np.ndarray  # -1: none
    budget: np.ndarray  # 0: unknown
    revenue: np.ndarray
    genres: np.ndarray
    homepage: np.ndarray  # -1: none
    title: np.ndarray
    overview: np.ndarray
    popularity: np.ndarray
    poster: np.ndarray  # -1: none
    companies: np.ndarray  # rendered cell text (object)
    country: np.ndarray
    language: np.ndarray
    release_day: np.ndarray  # -1: no date
    runtime: np.ndarray
    vote: np.ndarray
    adult: np.ndarray
    video: np.ndarray

    def take(self, indices: np.ndarray) -> MovieBatch:
        return MovieBatch(**{field.name: getattr(self, field.name)[indices] for field in fields(self)})

    @staticmethod
    def concat(batches: list[MovieBatch]) -> MovieBatch:
        columns = {field.name: [getattr(batch, field.name) for batch in batches] for field in fields(MovieBatch)}
        return MovieBatch(**{name: np.concatenate(arrays) for name, arrays in columns.items()})

    def __len__(self) -> int:
        return len(self.slot)


def movie_id_for_slot(slot: np.ndarray) -> np.ndarray:
    """Distinct ids with irregular gaps (like TMDB's), increasing with the movie number."""
    return 2 + slot * 10 + (slot * 7919) % 10


def _round_significant(values: np.ndarray, digits: int) -> np.ndarray:
    exponent = np.maximum(np.floor(np.log10(np.maximum(values, 1))) - (digits - 1), 0)
    scale = 10.0**exponent
    return np.maximum(np.round(values / scale) * scale, 1).astype(np.int64)


def _company_cells(rng: np.random.Generator, profile: SampleProfile, pools: FragmentPools, count: int) -> np.ndarray:
    """Each movie lists companies drawn by a Zipf law over the vocabulary, without repeats."""
    per_movie = profile.company_counts[rng.integers(0, len(profile.company_counts), size=count)]
    vocabulary = len(pools.company_dicts)
    ranks = np.floor(np.exp(rng.random(int(per_movie.sum())) * math.log(vocabulary + 1))).astype(np.int64) - 1
    ranks = np.minimum(ranks, vocabulary - 1).tolist()
    dicts = pools.company_dicts
    cells = []
    position = 0
    for listed in per_movie.tolist():
        if listed == 0:
            cells.append("[]")
            continue
        chosen = dict.fromkeys(ranks[position : position + listed])
        position += listed
        cells.append('"[' + ", ".join([dicts[rank] for rank in chosen]) + ']"')
    return _object_array(cells)


def _money(rng: np.random.Generator, profile: SampleProfile, count: int) -> tuple[np.ndarray, np.ndarray]:
    kind = rng.choice(4, size=count, p=profile.money_shares)
    budget_mean, budget_sd = profile.budget_log
    log_budget = rng.normal(budget_mean, budget_sd, size=count)
    intercept, slope, residual_sd = profile.revenue_given_budget
    log_revenue = np.where(
        kind == 0,
        intercept + slope * log_budget + rng.normal(0, residual_sd, size=count),
        rng.normal(*profile.revenue_alone_log, size=count),
    )
    budget = np.where(kind <= 1, _round_significant(np.exp(np.minimum(log_budget, 22)), 2), 0)
    revenue_value = np.maximum(np.exp(np.minimum(log_revenue, 23)), 1).astype(np.int64)
    revenue = np.where((kind == 0) | (kind == 2), revenue_value, 0)
    return budget.astype(np.int64), revenue.astype(np.int64)


def _popularity(rng: np.random.Generator, profile: SampleProfile, count: int) -> np.ndarray:
    return np.round(rng.lognormal(*profile.popularity_log, size=count), 6)


def generate_movies(
    rng: np.random.Generator, profile: SampleProfile, pools: FragmentPools, first_slot: int, count: int
) -> MovieBatch:
    """`count` new movies numbered from `first_slot`, every column drawn at once."""
    year = rng.choice(len(pools.year_weights), size=count, p=pools.year_weights)
    day_in_year = np.where(
        rng.random(count) < JANUARY_FIRST_SHARE,
        0,
        np.floor(rng.random(count) * pools.year_days[year]).astype(np.int64),
    )
    release_day = np.where(rng.random(count) < profile.missing_date_share, -1, pools.year_first_day[year] + day_in_year)
    budget, revenue = _money(rng, profile, count)
    return MovieBatch(
        slot=np.arange(first_slot, first_slot + count, dtype=np.int64),
        collection=np.where(
            rng.random(count) < profile.collection_share, rng.integers(0, len(pools.collections) - 1, size=count), -1
        ),
        budget=budget,
        revenue=revenue,
        genres=rng.integers(0, len(pools.genres), size=count),
        homepage=np.where(
            rng.random(count) < profile.homepage_share, rng.integers(0, len(pools.homepages) - 1, size=count), -1
        ),
        title=rng.integers(0, len(pools.language_titles), size=count),
        overview=rng.integers(0, len(pools.overviews), size=count),
        popularity=_popularity(rng, profile, count),
        poster=np.where(
            rng.random(count) < profile.empty_poster_share, -1, rng.integers(0, len(pools.posters) - 1, size=count)
        ),
        companies=_company_cells(rng, profile, pools, count),
        country=rng.integers(0, len(pools.countries), size=count),
        language=rng.integers(0, len(pools.languages), size=count),
        release_day=release_day,
        runtime=rng.integers(0, len(pools.runtimes), size=count),
        vote=rng.integers(0, len(pools.votes), size=count),
        adult=rng.random(count) < ADULT_PER_FULL_FILE / FULL_FILE_RECORDS,
        video=rng.random(count) < VIDEO_PER_FULL_FILE / FULL_FILE_RECORDS,
    )


def render_segments(batch: MovieBatch, pools: FragmentPools) -> list[list[str]]:
    """The record text of each movie as 20 comma-joinable segments (some hold two or three fields)."""
    booleans = np.array(["False", "True"], dtype=object)
    return [
        booleans[batch.adult.astype(np.int64)].tolist(),
        pools.collections[batch.collection].tolist(),
        [str(value) for value in batch.budget.tolist()],
        pools.genres[batch.genres].tolist(),
        pools.homepages[batch.homepage].tolist(),
        [str(value) for value in movie_id_for_slot(batch.slot).tolist()],
        [f"tt{slot + 1_000_000:07d}" for slot in batch.slot.tolist()],
        pools.language_titles[batch.title].tolist(),  # original_language, original_title
        pools.overviews[batch.overview].tolist(),
        [repr(value) for value in batch.popularity.tolist()],
        pools.posters[batch.poster].tolist(),
        batch.companies.tolist(),
        pools.countries[batch.country].tolist(),
        pools.dates[batch.release_day].tolist(),
        [str(value) for value in batch.revenue.tolist()],
        pools.runtimes[batch.runtime].tolist(),
        pools.languages[batch.language].tolist(),
        pools.status_tagline_titles[batch.title].tolist(),  # status, tagline, title
        booleans[batch.video.astype(np.int64)].tolist(),
        pools.votes[batch.vote].tolist(),  # vote_average, vote_count
    ]


_OVERVIEW_SEGMENT = 8
_GENRES_SEGMENT = 3


def join_segments(segments: list[list[str]]) -> list[str]:
    return [",".join(parts) + "\n" for parts in zip(*segments)]


# --------------------------------------------------------------------------- the file


@dataclass(frozen=True)
class FilePlan:
    """Where the quirks go. Rows are logical records; a split movie is one row, two records."""

    records: int
    rows: int
    split_rows: np.ndarray
    broken_genres_rows: np.ndarray
    duplicate_rows: np.ndarray  # each repeats the movie of the matching source row
    duplicate_sources: np.ndarray
    popularity_changed: np.ndarray  # per duplicate: differs from its source only in popularity

    @property
    def movie_count(self) -> int:
        """Distinct movies written (split ones included)."""
        return self.rows - len(self.duplicate_rows)


def plan_file(records: int, seed: int) -> FilePlan:
    """Choose the rows of the quirks; a duplicate repeats an earlier movie of the same chunk."""
    split = _ceil_rate(SPLIT_MOVIES_PER_FULL_FILE, records)
    duplicates = _ceil_rate(DUPLICATE_RECORDS_PER_FULL_FILE, records)
    broken = _ceil_rate(BROKEN_GENRES_PER_FULL_FILE, records)
    rows = records - split
    if rows < 20 or rows < 8 * (split + duplicates + broken):
        raise GeneratorError(f"{records} records are too few to hold the planted quirks", "use --scale 0.001 or more")
    rng = _rng(seed, _SEED_PLAN)
    special = rng.choice(np.arange(rows), size=split + broken, replace=False)
    taken = set(special.tolist())
    pairs: list[tuple[int, int]] = []
    while len(pairs) < duplicates:
        row = int(rng.integers(0, rows))
        source = int(rng.integers(row - row % CHUNK_ROWS, row)) if row % CHUNK_ROWS else row
        if row in taken or source in taken or source == row:
            continue
        taken.update((row, source))
        pairs.append((row, source))
    pairs.sort()
    return FilePlan(
        records=records,
        rows=rows,
        split_rows=np.sort(special[:split]),
        broken_genres_rows=np.sort(special[split:]),
        duplicate_rows=np.array([row for row, _ in pairs], dtype=np.int64),
        duplicate_sources=np.array([source for _, source in pairs], dtype=np.int64),
        popularity_changed=rng.random(len(pairs)) < 1 / 3,
    )


@dataclass(frozen=True)
class GeneratedFile:
    """What a generated file holds, for reconciliation: accepted = records - 2 x split movies."""

    path: Path
    records: int
    movies: int  # distinct ids with an accepted record
    duplicate_records: int  # accepted records superseded by a later one with the same id
    split_movie_ids: tuple[int, ...]
    broken_genres_movie_ids: tuple[int, ...]
    duplicated_movie_ids: tuple[int, ...]
    popularity_only_duplicate_ids: tuple[int, ...]
    bytes: int
    seconds: float


def _split_record(segments: list[list[str]], row: int, rng: np.random.Generator, pools: FragmentPools) -> str:
    """A record broken by an unquoted line break in its overview: a 10-field head, a 15-field tail
    whose id column holds the release date, budget the poster path and popularity the tagline."""
    parts = [segment[row] for segment in segments]
    sentence = pools.plain_sentences[int(rng.integers(0, len(pools.plain_sentences)))]
    writer = [word for word in sentence.split() if word.isalpha() and word[0].isupper()] or ["Anonymous"]
    head = ",".join(parts[:_OVERVIEW_SEGMENT]) + "," + sentence + "\n"
    return head + " - Written by " + writer[-1] + "," + ",".join(parts[_OVERVIEW_SEGMENT + 1 :]) + "\n"


def _changed_popularity(rng: np.random.Generator, popularity: np.ndarray) -> np.ndarray:
    changed = np.round(popularity * rng.lognormal(0, 0.25, size=len(popularity)), 6)
    return np.where(changed == popularity, popularity + 0.000001, changed)


def _write_chunks(
    handle, plan: FilePlan, profile: SampleProfile, pools: FragmentPools, seed: int, keep_slots: np.ndarray
) -> tuple[dict[str, list[int]], list[MovieBatch]]:
    """Write every chunk of the file; return the planted ids and the movies whose slots are kept."""
    planted: dict[str, list[int]] = {"split": [], "broken": [], "duplicated": [], "popularity_only": []}
    kept: list[MovieBatch] = []
    for chunk, row_start in enumerate(range(0, plan.rows, CHUNK_ROWS)):
        row_end = min(row_start + CHUNK_ROWS, plan.rows)
        rng = _rng(seed, _SEED_CHUNK, chunk)
        in_chunk = (plan.duplicate_rows >= row_start) & (plan.duplicate_rows < row_end)
        local_duplicates = plan.duplicate_rows[in_chunk] - row_start
        is_duplicate = np.zeros(row_end - row_start, dtype=bool)
        is_duplicate[local_duplicates] = True
        movie_of_row = np.cumsum(~is_duplicate) - 1
        movie_of_row[local_duplicates] = movie_of_row[plan.duplicate_sources[in_chunk] - row_start]
        first_slot = row_start - int(np.searchsorted(plan.duplicate_rows, row_start))
        movies = generate_movies(rng, profile, pools, first_slot, int((~is_duplicate).sum()))

        local_split = plan.split_rows[(plan.split_rows >= row_start) & (plan.split_rows < row_end)] - row_start
        split_movies = movie_of_row[local_split]
        # The tail's id column shows the release date, so a split movie always has one.
        first_day_1990 = pools.year_first_day[1990 - FIRST_YEAR]
        movies.release_day[split_movies] = first_day_1990 + rng.integers(0, 9000, size=len(split_movies))
        movies.poster[split_movies] = rng.integers(0, len(pools.posters) - 1, size=len(split_movies))
        movies.title[split_movies] = rng.choice(pools.titles_with_tagline, size=len(split_movies))
        wanted = np.isin(movies.slot, keep_slots)
        if wanted.any():
            kept.append(movies.take(np.flatnonzero(wanted)))

        rows = movies.take(movie_of_row)
        changed = local_duplicates[plan.popularity_changed[in_chunk]]
        rows.popularity[changed] = _changed_popularity(rng, rows.popularity[changed])
        segments = render_segments(rows, pools)
        local_broken = plan.broken_genres_rows[
            (plan.broken_genres_rows >= row_start) & (plan.broken_genres_rows < row_end)
        ] - row_start
        for row in local_broken.tolist():
            segments[_GENRES_SEGMENT][row] = csv_field(BROKEN_GENRES_CELL)
        lines = join_segments(segments)
        for row in local_split.tolist():
            lines[row] = _split_record(segments, row, rng, pools)
        handle.write("".join(lines))

        ids = movie_id_for_slot(rows.slot)
        planted["split"] += ids[local_split].tolist()
        planted["broken"] += ids[local_broken].tolist()
        planted["duplicated"] += ids[local_duplicates].tolist()
        planted["popularity_only"] += ids[changed].tolist()
    return planted, kept


def _header_line() -> str:
    return ",".join(HEADER) + "\n"


def _write_movies_file(
    path: Path, plan: FilePlan, profile: SampleProfile, pools: FragmentPools, seed: int, keep_slots: np.ndarray
) -> tuple[GeneratedFile, list[MovieBatch]]:
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="", buffering=1 << 22) as handle:
        handle.write(_header_line())
        planted, kept = _write_chunks(handle, plan, profile, pools, seed, keep_slots)
    summary = GeneratedFile(
        path=path,
        records=plan.records,
        movies=plan.movie_count - len(plan.split_rows),
        duplicate_records=len(plan.duplicate_rows),
        split_movie_ids=tuple(planted["split"]),
        broken_genres_movie_ids=tuple(planted["broken"]),
        duplicated_movie_ids=tuple(planted["duplicated"]),
        popularity_only_duplicate_ids=tuple(planted["popularity_only"]),
        bytes=path.stat().st_size,
        seconds=time.perf_counter() - started,
    )
    return summary, kept


def _check_scale(scale: float) -> int:
    if not math.isfinite(scale) or scale <= 0:
        raise GeneratorError(f"--scale must be above 0, not {scale}", "1 is the full file's 45,466 records")
    return record_count_for_scale(scale)


def generate_file(
    path: Path | str, scale: float = 1.0, seed: int = 42, sample_path: Path = DEFAULT_SAMPLE
) -> GeneratedFile:
    """Write one movies_metadata.csv of round(45,466 x scale) records to `path`."""
    records = _check_scale(scale)
    plan = plan_file(records, seed)
    profile = load_sample_profile(sample_path)
    pools = build_pools(profile, records, seed)
    summary, _ = _write_movies_file(Path(path), plan, profile, pools, seed, np.empty(0, dtype=np.int64))
    return summary


# --------------------------------------------------------------------------- hourly drops


@dataclass(frozen=True)
class HourlyDrop:
    """One ingest hour's CSV: new movies and new versions of earlier ones."""

    ingest_hour: str
    path: Path
    records: int
    new_movies: int
    changed_movies: int


@dataclass(frozen=True)
class HourlyGeneration:
    base: GeneratedFile  # the first hour's drop: a complete file with every quirk
    drops: list[HourlyDrop]  # every hour, the first included


def drop_path(root: Path, ingest_hour: str) -> Path:
    return root / "raw" / "movies" / f"ingest_hour={ingest_hour}" / "part-0.csv"


def _skip_split_slots(ranks: np.ndarray, split_slots: np.ndarray) -> np.ndarray:
    """Map the k-th movie that is not split to its slot."""
    shifted = split_slots - np.arange(len(split_slots))
    return ranks + np.searchsorted(shifted, ranks, side="right")


def _new_versions(rng: np.random.Generator, movies: MovieBatch) -> MovieBatch:
    """Change popularity always, revenue for a third and budget for a tenth of the movies."""
    count = len(movies)
    revenue_changes = rng.random(count) < 1 / 3
    budget_changes = rng.random(count) < 1 / 10
    revenue = np.where(
        revenue_changes,
        np.where(
            movies.revenue > 0,
            (movies.revenue * rng.uniform(1.01, 1.5, size=count)).astype(np.int64),
            rng.lognormal(15, 2, size=count).astype(np.int64) + 1,
        ),
        movies.revenue,
    )
    budget = np.where(
        budget_changes & (movies.budget > 0),
        _round_significant(movies.budget * rng.uniform(1.05, 1.3, size=count), 3),
        movies.budget,
    )
    changed = movies.take(np.arange(count))
    changed.popularity[:] = _changed_popularity(rng, movies.popularity)
    changed.revenue[:] = revenue
    changed.budget[:] = budget
    return changed


def generate_hourly_drops(
    root: Path | str,
    scale: float = 1.0,
    seed: int = 42,
    hours: int = 24,
    new_share: float = 0.01,
    changed_share: float = 0.005,
    start_hour: str = DEFAULT_START_HOUR,
    sample_path: Path = DEFAULT_SAMPLE,
) -> HourlyGeneration:
    """Write `hours` drops under root/raw/movies/ingest_hour=.../part-0.csv.

    The first hour holds the same bytes generate_file writes; each later hour holds
    round(new_share x records) new movies and round(changed_share x records) new versions
    of movies from earlier hours, in random order.
    """
    records = _check_scale(scale)
    if hours < 1:
        raise GeneratorError(f"--hourly-drops must be 1 or more, not {hours}", "1 writes only the full first hour")
    for name, share in (("--new-share", new_share), ("--changed-share", changed_share)):
        if not 0 <= share <= 1:
            raise GeneratorError(f"{name} must be between 0 and 1, not {share}", "0.01 means 1% of the records")
    try:
        first_hour = dt.datetime.strptime(start_hour, HOUR_FORMAT)
    except ValueError:
        raise GeneratorError(f"--start-hour {start_hour!r} is not an hour", "write it like 2026-11-25T13") from None
    root = Path(root)
    plan = plan_file(records, seed)
    profile = load_sample_profile(sample_path)
    pools = build_pools(profile, records, seed)
    new_per_hour, changed_per_hour = round(new_share * records), round(changed_share * records)
    split_slots = np.sort(plan.split_rows - np.searchsorted(plan.duplicate_rows, plan.split_rows))

    changed_slots: list[np.ndarray] = []
    for hour in range(1, hours):
        existing = plan.movie_count + (hour - 1) * new_per_hour - len(split_slots)
        ranks = _rng(seed, _SEED_CHANGED, hour, 0).choice(existing, size=min(changed_per_hour, existing), replace=False)
        changed_slots.append(_skip_split_slots(np.sort(ranks), split_slots))
    keep = np.unique(np.concatenate([np.empty(0, dtype=np.int64), *changed_slots]))

    hour_names = [(first_hour + dt.timedelta(hours=hour)).strftime(HOUR_FORMAT) for hour in range(hours)]
    base, sources = _write_movies_file(drop_path(root, hour_names[0]), plan, profile, pools, seed, keep)
    drops = [HourlyDrop(hour_names[0], base.path, base.records, base.movies, 0)]
    for hour in range(1, hours):
        started_slot = plan.movie_count + (hour - 1) * new_per_hour
        new_movies = generate_movies(_rng(seed, _SEED_NEW, hour), profile, pools, started_slot, new_per_hour)
        sources.append(new_movies)
        known = MovieBatch.concat(sources)
        order = np.argsort(known.slot)
        wanted = changed_slots[hour - 1]
        rng = _rng(seed, _SEED_CHANGED, hour, 1)
        changed = _new_versions(rng, known.take(order[np.searchsorted(known.slot[order], wanted)]))
        batch = MovieBatch.concat([new_movies, changed])
        batch = batch.take(rng.permutation(len(batch)))
        path = drop_path(root, hour_names[hour])
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(_header_line())
            handle.write("".join(join_segments(render_segments(batch, pools))))
        drops.append(HourlyDrop(hour_names[hour], path, len(batch), new_per_hour, len(changed)))
    return HourlyGeneration(base=base, drops=drops)


# --------------------------------------------------------------------------- command line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", type=float, default=1.0, help="scale factor: 1 = 45,466 records (default 1)")
    parser.add_argument("--seed", type=int, default=42, help="random seed: the same seed writes the same bytes")
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="output folder: gets movies_metadata.csv, or raw/movies/ingest_hour=.../part-0.csv with --hourly-drops",
    )
    parser.add_argument(
        "--hourly-drops",
        type=int,
        metavar="N",
        help="write N hourly drops instead of one file: the first is the full file, "
        "the others hold new movies and new versions of earlier ones",
    )
    parser.add_argument(
        "--new-share",
        type=float,
        default=0.01,
        help="new movies in each later hour, as a share of the first hour's records (default 0.01)",
    )
    parser.add_argument(
        "--changed-share",
        type=float,
        default=0.005,
        help="new versions of earlier movies in each later hour, as a share of the first hour's records (default 0.005)",
    )
    parser.add_argument("--start-hour", default=DEFAULT_START_HOUR, help="the first drop's hour (default %(default)s)")
    parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE, help="the real sample to draw vocabularies from")


def run(args: argparse.Namespace) -> int:
    """Run the generate command; print one line per file written."""
    if args.hourly_drops is None:
        result = generate_file(args.out / "movies_metadata.csv", args.scale, args.seed, args.sample)
        print(
            f"wrote {result.path}: {result.records:,} records, {result.movies:,} movies, "
            f"{result.bytes / 1e6:,.1f} MB in {result.seconds:.1f}s"
        )
        return 0
    generation = generate_hourly_drops(
        args.out,
        scale=args.scale,
        seed=args.seed,
        hours=args.hourly_drops,
        new_share=args.new_share,
        changed_share=args.changed_share,
        start_hour=args.start_hour,
        sample_path=args.sample,
    )
    for drop in generation.drops:
        print(f"wrote {drop.path}: {drop.records:,} records ({drop.new_movies:,} new, {drop.changed_movies:,} changed)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: the `generate` subcommand, with the command's own error boundary."""
    from movies_pipeline.cli import main as command_main

    return command_main(["generate", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
