"""What a published warehouse was built from, kept inside it: `audit.build_lineage`.

One row per run that published the file's contents (a full build starts the table afresh; an
hourly run adds its row to those of the runs before it): the run id, when, the input as
given (credentials removed), each file loaded with its sha256, and the fingerprint of the
dbt project and package versions that built it. The command writes the row into the build
before it publishes it, so the lineage and the data are published together.

The fingerprint also lets a run on an unchanged input with unchanged models say "up to date"
instead of rebuilding (--force rebuilds anyway).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import duckdb

from movies_pipeline.outputs import table_exists

LINEAGE_TABLE = "audit.build_lineage"
# What decides the warehouse's contents besides the input: the dbt project and the engine.
PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests/dbt", "snapshots")
VERSIONED_PACKAGES = ("movies-pipeline", "dbt-core", "dbt-duckdb", "duckdb")


def package_versions() -> dict[str, str]:
    versions = {}
    for package in VERSIONED_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "unknown"
    return versions


def project_fingerprint(project_dir: Path) -> str:
    """sha256 over the project's model files (names and bytes) and the package versions."""
    digest = hashlib.sha256(json.dumps(package_versions(), sort_keys=True).encode())
    for part in PROJECT_PARTS:
        root = project_dir / part
        files = sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(project_dir)).encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class LoadedFile:
    source_file: str  # as the warehouse names it (audit.loaded_source_files.source_file)
    sha256: str
    bytes: int
    records: int


@dataclass(frozen=True)
class BuildLineage:
    run_id: str
    input_source: str
    input_kind: str  # "file" or "drops"
    load_mode: str  # "full" or "hourly"
    input_sha256: str
    project_fingerprint: str
    files: list[LoadedFile] = field(default_factory=list)
    built_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    versions: dict[str, str] = field(default_factory=package_versions)


def write_lineage(build_file: Path, lineage: BuildLineage) -> None:
    """Add the run's row to the build's lineage (a fresh table for a full build)."""
    with duckdb.connect(str(build_file)) as connection:
        if lineage.load_mode == "full":
            connection.execute(f"drop table if exists {LINEAGE_TABLE}")
        connection.execute(
            f"""
            create table if not exists {LINEAGE_TABLE} (
                run_id varchar primary key,
                built_at timestamptz,
                input_source varchar,
                input_kind varchar,
                load_mode varchar,
                input_sha256 varchar,
                project_fingerprint varchar,
                files struct(source_file varchar, sha256 varchar, bytes bigint, records bigint)[],
                versions json
            )
            """
        )
        connection.execute(
            f"insert into {LINEAGE_TABLE} values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                lineage.run_id,
                lineage.built_at,
                lineage.input_source,
                lineage.input_kind,
                lineage.load_mode,
                lineage.input_sha256,
                lineage.project_fingerprint,
                [asdict(loaded) for loaded in lineage.files],
                json.dumps(lineage.versions),
            ],
        )
        connection.execute(f"comment on table {LINEAGE_TABLE} is '{TABLE_COMMENT}'")


TABLE_COMMENT = (
    "One row per run that published this warehouse: the input as given, each file loaded with its "
    "sha256, and the fingerprint of the dbt project and package versions that built it. Written by "
    "movies-pipeline; a plain dbt build has none."
)


def latest_lineage(warehouse: Path) -> dict[str, object] | None:
    """The newest row of the published warehouse's lineage; None when there is none."""
    if not warehouse.exists():
        return None
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        if not table_exists(connection, *LINEAGE_TABLE.split(".")):
            return None
        cursor = connection.execute(f"select * from {LINEAGE_TABLE} order by built_at desc, run_id desc limit 1")
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    return dict(zip(columns, rows[0], strict=True)) if rows else None
