"""Deterministic generator of raw `movies_metadata.csv` files at any scale.

The output has the exact raw format of The Movies Dataset (24-column header, `False`/`True`,
ISO dates, list columns written by Python's `repr`, CSV quoting as Python's `csv` module
writes it) and the full file's quirks at the full file's rates: duplicated ids, records split
by an unquoted line break, a genres cell that is not a valid literal. Scale 1 is 45,466
records, the size of the real file. The same seed, scale and options give the same bytes.

Speed comes from rendering every text fragment once (each company's dict literal, each
genre list, each overview...) and assembling records from numpy index arrays, chunk by chunk.
See docs/generator.md for what is generated and why.

The parts, in the order data flows through them:

    common.py        the full file's size, the seeds' purposes, GeneratorError, csv_field
    profile.py       SampleProfile: what is learnt from the real sample
    pools.py         FragmentPools: every text fragment rendered once
    movies.py        MovieBatch: movies drawn as column arrays and rendered to record text
    csv_file.py      plan_file and generate_file: one file with the quirks planted
    hourly_drops.py  generate_hourly_drops: the first hour's file, then hourly changes
    command.py       the `generate` subcommand (add_arguments, run)

Everything public is importable from `movies_pipeline.generate` itself.
"""

from __future__ import annotations

from movies_pipeline.generate.command import add_arguments, run
from movies_pipeline.generate.common import (
    FIRST_YEAR,
    FULL_FILE_RECORDS,
    LAST_YEAR,
    GeneratorError,
    csv_field,
    record_count_for_scale,
)
from movies_pipeline.generate.csv_file import (
    BROKEN_GENRES_CELL,
    BROKEN_GENRES_PER_FULL_FILE,
    CHUNK_ROWS,
    DUPLICATE_RECORDS_PER_FULL_FILE,
    HEADER,
    SPLIT_MOVIES_PER_FULL_FILE,
    FilePlan,
    GeneratedFile,
    generate_file,
    plan_file,
)
from movies_pipeline.generate.hourly_drops import (
    DEFAULT_START_HOUR,
    HOUR_FORMAT,
    HourlyDrop,
    HourlyGeneration,
    drop_path,
    generate_hourly_drops,
)
from movies_pipeline.generate.movies import (
    ADULT_PER_FULL_FILE,
    JANUARY_FIRST_SHARE,
    VIDEO_PER_FULL_FILE,
    MovieBatch,
    generate_movies,
    join_segments,
    movie_id_for_slot,
    render_segments,
)
from movies_pipeline.generate.pools import (
    COMPANY_GROWTH_EXPONENT,
    FULL_FILE_COLLECTIONS,
    FULL_FILE_COMPANIES,
    OVERVIEW_LINE_BREAK_SHARE,
    POOL_SIZE,
    QUOTED_COMPANIES,
    QUOTED_COMPANY_RANK,
    SYNTHETIC_COLLECTION_FIRST_ID,
    SYNTHETIC_COMPANY_FIRST_ID,
    FragmentPools,
    build_pools,
    company_vocabulary,
    synthetic_company_names,
)
from movies_pipeline.generate.profile import DEFAULT_SAMPLE, SampleProfile, load_sample_profile, upper_half_lognormal

__all__ = [
    "ADULT_PER_FULL_FILE",
    "BROKEN_GENRES_CELL",
    "BROKEN_GENRES_PER_FULL_FILE",
    "CHUNK_ROWS",
    "COMPANY_GROWTH_EXPONENT",
    "DEFAULT_SAMPLE",
    "DEFAULT_START_HOUR",
    "DUPLICATE_RECORDS_PER_FULL_FILE",
    "FIRST_YEAR",
    "FULL_FILE_COLLECTIONS",
    "FULL_FILE_COMPANIES",
    "FULL_FILE_RECORDS",
    "HEADER",
    "HOUR_FORMAT",
    "JANUARY_FIRST_SHARE",
    "LAST_YEAR",
    "OVERVIEW_LINE_BREAK_SHARE",
    "POOL_SIZE",
    "QUOTED_COMPANIES",
    "QUOTED_COMPANY_RANK",
    "SPLIT_MOVIES_PER_FULL_FILE",
    "SYNTHETIC_COLLECTION_FIRST_ID",
    "SYNTHETIC_COMPANY_FIRST_ID",
    "VIDEO_PER_FULL_FILE",
    "FilePlan",
    "FragmentPools",
    "GeneratedFile",
    "GeneratorError",
    "HourlyDrop",
    "HourlyGeneration",
    "MovieBatch",
    "SampleProfile",
    "add_arguments",
    "build_pools",
    "company_vocabulary",
    "csv_field",
    "drop_path",
    "generate_file",
    "generate_hourly_drops",
    "generate_movies",
    "join_segments",
    "load_sample_profile",
    "movie_id_for_slot",
    "plan_file",
    "record_count_for_scale",
    "render_segments",
    "run",
    "synthetic_company_names",
    "upper_half_lognormal",
]
