"""The build's DuckDB memory limit: bounded by default, the user's setting kept."""

from __future__ import annotations

import os
import re

import duckdb
import pytest

from movies_pipeline import build

UNITS = {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "KB": 10**3, "MB": 10**6, "GB": 10**9}


def _bytes(limit: str) -> int:
    match = re.fullmatch(r"([0-9.]+)\s*([KMG]i?B)", limit)
    assert match, f"not a DuckDB memory size: {limit!r}"
    return int(float(match.group(1)) * UNITS[match.group(2)])


def test_the_default_limit_is_at_most_3_gib_and_half_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(build.MEMORY_LIMIT_ENV, raising=False)
    limit = build.memory_limit()
    machine = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    assert 0 < _bytes(limit) <= min(3 * 2**30, machine // 2)
    # DuckDB takes it as a setting, and reads it back as the same amount (to its rounding)
    with duckdb.connect() as connection:
        connection.execute(f"set memory_limit = '{limit}'")
        (setting,) = connection.execute("select current_setting('memory_limit')").fetchall()[0]
    assert abs(_bytes(setting.replace(" ", "")) - _bytes(limit)) <= 2**20 * 10


def test_a_limit_the_user_set_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(build.MEMORY_LIMIT_ENV, "12GB")
    assert build.memory_limit() == "12GB"
