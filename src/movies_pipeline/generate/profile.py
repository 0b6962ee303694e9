"""The sample profile: what the generator learns from the real sample (vocabularies,
shares of empty cells, fitted laws for money and popularity), read with csv + ast."""

from __future__ import annotations

import ast
import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from movies_pipeline.generate.common import GeneratorError

DEFAULT_SAMPLE = Path(__file__).resolve().parents[3] / "data" / "sample" / "movies_metadata.csv"


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
