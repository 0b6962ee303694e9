"""`movies-pipeline history`: the kept publishes of a warehouse, newest first (publishes.py)."""

from __future__ import annotations

import argparse
import json

from movies_pipeline.places import add_place_arguments, places_from
from movies_pipeline.publishes import KeptPublish, KeptPublishes


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_place_arguments(parser)
    parser.add_argument("--json", action="store_true", help="one JSON document instead of the table")


def _count(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def table(publishes: list[KeptPublish]) -> str:
    header = f"{'':2}{'run id':<31} {'built at (UTC)':<26} {'accepted':>9} {'rejected':>9}  {'mode':<6} input"
    lines = [header]
    for kept in publishes:
        lines.append(
            f"{'*' if kept.current else '':<2}{kept.run_id:<31} {kept.built_at or '?':<26} "
            f"{_count(kept.accepted):>9} {_count(kept.rejected):>9}  "
            f"{kept.load_mode or '?':<6} {kept.input_source or '?'}"
        )
    return "\n".join(lines)


def run(arguments: argparse.Namespace) -> int:
    places = places_from(arguments)
    kept = KeptPublishes(places.warehouse)
    publishes = kept.list()
    if arguments.json:
        print(json.dumps({"warehouse": str(places.warehouse), "publishes": [p.to_dict() for p in publishes]}, indent=2))
        return 0
    if not publishes:
        print(f"no kept publishes of {places.warehouse} (a run keeps them from its publish on)")
        return 0
    print(f"kept publishes of {places.warehouse}, newest first (* is current):")
    print(table(publishes))
    if not any(p.current for p in publishes):
        print("the published warehouse is none of these (published by an older version, or replaced by hand)")
    return 0
