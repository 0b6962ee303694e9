"""`movies-pipeline rollback [RUN_ID]`: make the previous (or the named) kept publish current.

One hard link and one rename under the warehouse lock: nothing is copied (publishes.py). When the
output folder holds the restored publish's run folder, `latest` is pointed back at it.
"""

from __future__ import annotations

import argparse
import math

from movies_pipeline.outputs import RunFolder, is_run_id
from movies_pipeline.places import add_place_arguments, places_from
from movies_pipeline.publishes import rollback


def _seconds(text: str) -> float:
    value = float(text)
    if value < 0 or math.isnan(value):
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "run_id", nargs="?", metavar="RUN_ID", help="the kept publish to restore (default: the one before the current)"
    )
    add_place_arguments(parser)
    parser.add_argument(
        "--wait", nargs="?", type=_seconds, const=math.inf, metavar="SECONDS",
        help="if a run holds the warehouse lock, wait for it (for at most SECONDS) instead of exiting with 7",
    )


def run(arguments: argparse.Namespace) -> int:
    places = places_from(arguments)
    latest = ""

    def point_latest(run_id: str) -> None:
        nonlocal latest
        run_folder = RunFolder(places.output_dir, run_id)
        if is_run_id(run_id) and run_folder.final.is_dir():
            run_folder.point_latest_here()
            latest = f"; {places.output_dir / 'latest'} -> runs/{run_id}"

    done = rollback(places.warehouse, arguments.run_id, arguments.wait, point_latest)
    restored = done.restored
    if done.replaced == restored.run_id:
        print(f"{places.warehouse} is already publish {restored.run_id}; nothing changed")
        return 0
    counts = ", ".join(
        f"{value:,} {label}"
        for value, label in ((restored.accepted, "movies"), (restored.rejected, "records rejected"))
        if value is not None
    )
    replaced = done.replaced or "a publish that is not kept"
    facts = "; ".join(
        part
        for part in (
            f"built {restored.built_at}" if restored.built_at else "",
            f"{restored.load_mode} from {restored.input_source}" if restored.input_source else "",
            counts,
        )
        if part
    )
    print(
        f"rolled back {places.warehouse} to publish {restored.run_id} ({facts or 'no lineage recorded'}), "
        f"replacing {replaced}, in {done.seconds:.3f} s{latest}"
    )
    return 0
