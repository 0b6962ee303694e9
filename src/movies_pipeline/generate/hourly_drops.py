"""Hourly drops: a first hour that is the full file, then hours of new movies and new
versions of earlier ones, under root/raw/movies/ingest_hour=.../part-0.csv."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from movies_pipeline.generate.common import _SEED_CHANGED, _SEED_NEW, GeneratorError, _rng
from movies_pipeline.generate.csv_file import (
    GeneratedFile,
    _check_scale,
    _header_line,
    _write_movies_file,
    plan_file,
)
from movies_pipeline.generate.movies import (
    MovieBatch,
    _changed_popularity,
    _round_significant,
    generate_movies,
    join_segments,
    render_segments,
)
from movies_pipeline.generate.pools import build_pools
from movies_pipeline.generate.profile import DEFAULT_SAMPLE, load_sample_profile

DEFAULT_START_HOUR = "2026-11-25T13"
HOUR_FORMAT = "%Y-%m-%dT%H"


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
