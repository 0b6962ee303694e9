"""The `generate` subcommand: its options, running it, and the stand-alone entry point."""

from __future__ import annotations

import argparse
from pathlib import Path

from movies_pipeline.generate.csv_file import generate_file
from movies_pipeline.generate.hourly_drops import DEFAULT_START_HOUR, generate_hourly_drops
from movies_pipeline.generate.profile import DEFAULT_SAMPLE


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

