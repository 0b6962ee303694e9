"""Movies as column arrays: drawing a batch of new movies from the profile and the pools,
and rendering a batch into record text."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np

from movies_pipeline.generate.common import FULL_FILE_RECORDS
from movies_pipeline.generate.pools import FragmentPools, _object_array
from movies_pipeline.generate.profile import SampleProfile

# Shares of True flags in the full file (the sample has none).
ADULT_PER_FULL_FILE = 9
VIDEO_PER_FULL_FILE = 93
JANUARY_FIRST_SHARE = 0.03


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


def _changed_popularity(rng: np.random.Generator, popularity: np.ndarray) -> np.ndarray:
    changed = np.round(popularity * rng.lognormal(0, 0.25, size=len(popularity)), 6)
    return np.where(changed == popularity, popularity + 0.000001, changed)


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
