"""One movies_metadata.csv: where the full file's quirks go (duplicated ids, split
records, a broken genres cell), and writing the file chunk by chunk."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from movies_pipeline.generate.common import (
    _SEED_CHUNK,
    _SEED_PLAN,
    FIRST_YEAR,
    GeneratorError,
    _ceil_rate,
    _rng,
    csv_field,
    record_count_for_scale,
)
from movies_pipeline.generate.movies import (
    _GENRES_SEGMENT,
    _OVERVIEW_SEGMENT,
    MovieBatch,
    _changed_popularity,
    generate_movies,
    join_segments,
    movie_id_for_slot,
    render_segments,
)
from movies_pipeline.generate.pools import FragmentPools, build_pools
from movies_pipeline.generate.profile import DEFAULT_SAMPLE, SampleProfile, load_sample_profile
from movies_pipeline.validate import EXPECTED_HEADER

HEADER = EXPECTED_HEADER  # the 24 columns of movies_metadata.csv, in order

# Quirks of the full file, per 45,466 records; a generated file has at least one of each.
SPLIT_MOVIES_PER_FULL_FILE = 3
DUPLICATE_RECORDS_PER_FULL_FILE = 30
BROKEN_GENRES_PER_FULL_FILE = 1
BROKEN_GENRES_CELL = "[{'id': 35, 'name': 'Comedy'} GATORADE"
CHUNK_ROWS = 50_000


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
