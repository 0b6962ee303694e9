"""What every part of the generator shares: the full file's size, the seeds' purposes,
the error type, CSV quoting and the scale-to-records arithmetic."""

from __future__ import annotations

import numpy as np

from movies_pipeline.errors import UsageError

FULL_FILE_RECORDS = 45_466
FIRST_YEAR = 1900
LAST_YEAR = 2020

_SEED_PLAN, _SEED_CHUNK, _SEED_POOLS, _SEED_NEW, _SEED_CHANGED = range(5)


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
