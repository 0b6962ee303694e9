"""Helpers for the movies-pipeline command tests.

Builds are slow (about 10 s each), so one real build of the sample runs per session
(`built_sample`) and most tests reuse its published warehouse; only the tests whose point
is a build of their own (crash, concurrency, S3, failing tests) run another.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from movies_pipeline.generate import generate_hourly_drops
from movies_pipeline.workspace import BuildWorkspace
from saved_parse import save_parse, start_from_saved_parse

PROJECT_DIR = Path(__file__).resolve().parents[3]
SAMPLE_CSV = PROJECT_DIR / "data" / "sample" / "movies_metadata.csv"
SAMPLE_HEADER = SAMPLE_CSV.read_bytes().split(b"\n", 1)[0] + b"\n"
# Three records the pipeline must reject (bad width, no id, non-numeric id), appended to the sample
# so the session build has rejected records to report.
BAD_RECORDS = (
    b"\nFalse,,0,[],,this-record-is-short\n"
    b"False,,0,[],,,tt0000001,en,No Id,,1.0,,[],[],1995-01-01,0,90.0,[],Released,,No Id,False,5.0,10\n"
    b"False,,0,[],,1997-08-20,tt0000002,en,Shifted,,1.0,,[],[],1995-01-01,0,90.0,[],Released,,Shifted,False,5.0,10"
)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def aws_free_environment() -> dict[str, str]:
    """The environment for a child process: no AWS settings from the machine, and never the
    instance-metadata endpoint (the tests talk to loopback only)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    env.update(
        AWS_EC2_METADATA_DISABLED="true",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        CI="true",
    )
    return env


def run_command(
    *arguments: str | Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`movies-pipeline ARGS` in a child process, as a user would run it.

    A first run on a new warehouse starts from the parse the first such run of the session
    saved (saved_parse.py), as the command's second run on a warehouse starts from its first's.
    """
    env = env or aws_free_environment()
    first_run = _first_run_target(arguments)
    settings = sorted(item for item in env.items() if item[0].startswith("MOVIES_"))
    parse_key = {"build": "first command run", "target": first_run and first_run.name, "env": settings}
    if first_run is not None:
        start_from_saved_parse(first_run, parse_key)
    result = subprocess.run(
        [sys.executable, "-m", "movies_pipeline", *map(str, arguments)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )
    if first_run is not None and result.returncode == 0:
        save_parse(first_run, parse_key)
    return result


def _first_run_target(arguments: tuple[str | Path, ...]) -> Path | None:
    """dbt's target folder of the command's build when the run is the first on its warehouse (a
    new place's: its folder absent or empty), else None."""
    words = [str(argument) for argument in arguments]
    if "--warehouse" not in words[:-1]:
        return None
    warehouse = Path(words[words.index("--warehouse") + 1])
    folder = warehouse.parent
    new_place = folder.parent.is_dir() and (not folder.exists() or (folder.is_dir() and not any(folder.iterdir())))
    return BuildWorkspace(warehouse).dbt_target if new_place else None


def start_command(*arguments: str | Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "movies_pipeline", *map(str, arguments)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env or aws_free_environment(),
    )


@dataclass(frozen=True)
class Place:
    """A warehouse path and an output folder, both under one temporary root."""

    root: Path
    warehouse: Path
    output: Path

    def options(self) -> list[str]:
        return ["--warehouse", str(self.warehouse), "--output-dir", str(self.output), "--progress", "plain"]

    def runs(self) -> list[Path]:
        runs = self.output / "runs"
        return sorted(path for path in runs.iterdir() if not path.name.startswith(".")) if runs.exists() else []

    def only_run(self) -> Path:
        runs = self.runs()
        assert len(runs) == 1, runs
        return runs[0]

    def summary(self, run: Path | None = None) -> dict:
        return json.loads(((run or self.only_run()) / "run_summary.json").read_text())

    def snapshot(self) -> set[Path]:
        return {path.relative_to(self.root) for path in self.root.rglob("*")}


def new_place(root: Path) -> Place:
    root.mkdir(parents=True, exist_ok=True)
    return Place(root, root / "warehouse" / "movies.duckdb", root / "output")


@dataclass(frozen=True)
class HourlyDrops:
    """Generated hourly drops, and the drops folder a test hands the command, filled hour by hour."""

    hours: list[Path]  # the generated hour folders (ingest_hour=...), oldest first
    folder: Path  # the drops folder the command reads

    def deliver(self, *indexes: int) -> None:
        """Copy the generated hours at these indexes into the drops folder, as a feed delivers them."""
        for index in indexes:
            shutil.copytree(self.hours[index], self.folder / self.hours[index].name)

    def drop_key(self, index: int) -> str:
        """The name the warehouse gives the drop of the hour at this index."""
        return f"{self.hours[index].name}/part-0.csv"


def hourly_drops(root: Path, scale: float, seed: int, hours: int = 3) -> HourlyDrops:
    """`hours` generated hours (5% new movies and 4% new versions each after the first) under root."""
    generate_hourly_drops(root / "generated", scale=scale, seed=seed, hours=hours, new_share=0.05, changed_share=0.04)
    generated = sorted((root / "generated" / "raw" / "movies").iterdir())
    return HourlyDrops(generated, root / "drops" / "raw" / "movies")


def official_layout_zip(path: Path, csv_bytes: bytes, folder: str = "") -> Path:
    """A zip laid out like the official the-movies-dataset.zip: movies_metadata.csv beside
    small stand-ins for credits.csv, keywords.csv, links.csv, ratings.csv and the others."""
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(f"{folder}credits.csv", "cast,crew,id\n[],[],862\n")
        bundle.writestr(f"{folder}keywords.csv", "id,keywords\n862,[]\n")
        bundle.writestr(f"{folder}links.csv", "movieId,imdbId,tmdbId\n1,0114709,862\n")
        bundle.writestr(f"{folder}links_small.csv", "movieId,imdbId,tmdbId\n1,0114709,862\n")
        bundle.writestr(f"{folder}movies_metadata.csv", csv_bytes)
        bundle.writestr(f"{folder}ratings.csv", "userId,movieId,rating,timestamp\n1,110,1.0,1425941529\n")
        bundle.writestr(f"{folder}ratings_small.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n")
    return path


def assert_one_line_error(stderr: str, *fragments: str) -> str:
    """The error is one line naming the problem and what to do next, without a traceback."""
    lines = [line for line in stderr.splitlines() if line.startswith("movies-pipeline: error:")]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


@dataclass(frozen=True)
class BuiltSample:
    place: Place
    input_csv: Path
    result: subprocess.CompletedProcess[str]
    run_dir: Path
    warehouse_copy: Path  # a pristine copy of the published warehouse, for tests that need their own


@dataclass
class FakeBuild:
    """Stands in for `dbt build` in tests of what the command does around it: the build file
    becomes a copy of `warehouse` (default: the session's published build)."""

    warehouse: Path
    calls: int = 0


# Every table the models build; audit.build_lineage records the runs themselves, so it differs.
MARTS_QUERY = """
    select table_name from information_schema.tables
    where table_schema in ('core', 'marts', 'audit') and table_name <> 'build_lineage' order by table_name
"""


def warehouse_contents(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = [row[0] for row in connection.execute(MARTS_QUERY).fetchall()]
        schemas = dict(
            connection.execute(
                "select table_name, table_schema from information_schema.tables"
                " where table_schema in ('core', 'marts', 'audit')"
            ).fetchall()
        )
        return {table: _rows(connection, f"select * from {schemas[table]}.{table}") for table in tables}


def _rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    """Sorted rows, doubles rounded: averages summed in another order differ in the last bits."""
    rows = connection.execute(sql).fetchall()
    return sorted((tuple(round(v, 9) if isinstance(v, float) else v for v in row) for row in rows), key=repr)
