"""The publish step on its own: an atomic rename that readers of the old file survive."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from movies_pipeline.errors import PublishError, UsageError
from movies_pipeline.publish import publish


def make_warehouse(path: Path, answer: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as connection:
        connection.execute(f"create table answers as select {answer} as answer")
    return path


def test_a_reader_of_the_old_file_keeps_it_and_new_readers_get_the_new_one(tmp_path: Path) -> None:
    published = make_warehouse(tmp_path / "movies.duckdb", 1)
    build = make_warehouse(tmp_path / ".builds" / "movies.building.duckdb", 2)
    analyst = duckdb.connect(str(published), read_only=True)

    publish(build, published)

    assert not build.exists()
    assert analyst.execute("select answer from answers").fetchone() == (1,)
    analyst.close()  # DuckDB shares one instance per path within a process; close it to see the new file
    with duckdb.connect(str(published), read_only=True) as fresh:
        assert fresh.execute("select answer from answers").fetchone() == (2,)


def test_a_write_ahead_log_beside_the_published_file_stops_publishing(tmp_path: Path) -> None:
    published = make_warehouse(tmp_path / "movies.duckdb", 1)
    build = make_warehouse(tmp_path / ".builds" / "movies.building.duckdb", 2)
    (tmp_path / "movies.duckdb.wal").write_bytes(b"someone wrote to the published file")

    with pytest.raises(PublishError, match="did not close cleanly"):
        publish(build, published)

    assert build.exists()
    (tmp_path / "movies.duckdb.wal").unlink()
    with duckdb.connect(str(published), read_only=True) as connection:
        assert connection.execute("select answer from answers").fetchone() == (1,)


def test_only_a_duckdb_file_is_replaced(tmp_path: Path) -> None:
    """Checked again just before the rename: the path may have changed since the run began."""
    published = tmp_path / "movies.duckdb"
    published.write_bytes(b"adult,belongs_to_collection,budget\n")
    build = make_warehouse(tmp_path / ".builds" / "movies.building.duckdb", 2)
    with pytest.raises(UsageError, match="no longer a DuckDB database"):
        publish(build, published)
    assert published.read_bytes() == b"adult,belongs_to_collection,budget\n"


def storage_version(path: Path) -> str:
    with duckdb.connect() as connection:
        connection.execute("attach ? as warehouse (read_only)", [str(path)])
        return connection.execute(
            "select tags['storage_version'] from duckdb_databases() where database_name = 'warehouse'"
        ).fetchone()[0]


def test_a_build_in_duckdb_2s_format_is_published_in_the_format_duckdb_1_clients_read(tmp_path: Path) -> None:
    published = make_warehouse(tmp_path / "movies.duckdb", 1)
    build = make_warehouse(tmp_path / ".builds" / "movies.building.duckdb", 2)
    with duckdb.connect(str(build)) as connection:
        connection.execute("comment on table answers is 'One row: the answer.'")
    assert storage_version(build).startswith("v2."), "the test needs a build in DuckDB 2's own format"

    publish(build, published)

    assert storage_version(published) == "v1.0.0+"
    with duckdb.connect(str(published), read_only=True) as connection:
        assert connection.execute("select answer from answers").fetchall() == [(2,)]
        assert connection.execute(
            "select comment from duckdb_tables() where table_name = 'answers'"
        ).fetchall() == [("One row: the answer.",)]
    assert sorted(path.name for path in (tmp_path / ".builds").iterdir()) == []
