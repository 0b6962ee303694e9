"""Where the command's files are by default: the dbt project, the warehouse, the output folder.

The run command and the subcommands that read its results (history, rollback, status) share
these defaults, so `movies-pipeline status` looks where `movies-pipeline` published.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

from movies_pipeline.errors import UsageError
from movies_pipeline.guards import resolve_warehouse

PROJECT_DIR_ENV = "MOVIES_PROJECT_DIR"


def find_project_dir(option: Path | None) -> Path:
    """--project-dir, then $MOVIES_PROJECT_DIR, then the repository this package lives in, then the cwd."""
    candidates = [option] if option else []
    if not option and os.environ.get(PROJECT_DIR_ENV):
        candidates.append(Path(os.environ[PROJECT_DIR_ENV]))
    if not candidates:
        candidates += [Path(__file__).resolve().parents[2], Path.cwd()]
    for candidate in candidates:
        if (candidate / "dbt_project.yml").is_file():
            return candidate.resolve()
    raise UsageError(
        f"no dbt project (dbt_project.yml) found in {', '.join(str(c) for c in candidates)}",
        f"pass --project-dir or set {PROJECT_DIR_ENV}",
    )


@dataclass(frozen=True)
class Places:
    project_dir: Path
    warehouse: Path
    output_dir: Path


def add_place_arguments(parser: argparse.ArgumentParser) -> None:
    """--warehouse, --output-dir and --project-dir, with the run command's defaults."""
    parser.add_argument(
        "--warehouse", type=Path, help="the published DuckDB file (default: <project>/warehouse/movies.duckdb)"
    )
    parser.add_argument("--output-dir", type=Path, help="where run folders go (default: <project>/output)")
    parser.add_argument(
        "--project-dir",
        type=Path,
        help=f"the dbt project (default: ${PROJECT_DIR_ENV}, else the repository holding this package)",
    )


def places_from(arguments: argparse.Namespace) -> Places:
    project_dir = find_project_dir(arguments.project_dir)
    warehouse = resolve_warehouse(arguments.warehouse or project_dir / "warehouse" / "movies.duckdb")
    output_dir = (arguments.output_dir or project_dir / "output").absolute()
    return Places(project_dir, warehouse, output_dir)
