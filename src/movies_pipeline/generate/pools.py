"""Fragment pools: every piece of record text (each company's dict literal, each genre
list, each overview, every date...) rendered and CSV-escaped once, for records to index."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from movies_pipeline.generate.common import (
    _SEED_POOLS,
    FIRST_YEAR,
    FULL_FILE_RECORDS,
    LAST_YEAR,
    _rng,
    csv_field,
)
from movies_pipeline.generate.profile import SampleProfile

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
OVERVIEW_LINE_BREAK_SHARE = 0.005
POOL_SIZE = 8_192

_POSTER_ALPHABET = np.array(list("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"))


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
