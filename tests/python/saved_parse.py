"""dbt's saved parse of the project, shared between the tests' builds.

A `dbt build` into a new target folder parses the whole project first: about 9 s of a 44 s
build of the sample on this 2-core machine (measured with `/usr/bin/time`, a fresh target
folder against one holding the parse of an identical build), and most of the tests' builds
are each in a folder of its own. dbt keeps a parse
(`<target>/partial_parse.msgpack`) and uses it again when the project's files, the vars and
the profile's values (the warehouse's path among them) are the same; an environment variable
that changed makes it parse again only the files that read it.

So the first build with a given `key` (what the vars and the profile's values depend on)
leaves its parse here, and later builds with that key start from it. A parse is kept per
`project_fingerprint()` of every file dbt reads, so one is never offered for other files,
and dbt checks it again itself (it parses in full when anything differs). What a saved
parse changes is only how long a build takes: what it builds is the same (the pipeline
tests of a second run, which uses its own saved parse, check that it reads its new input).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
CACHE_DIR = PROJECT_DIR / "target" / "test-parse-cache"
SAVED_PARSE = "partial_parse.msgpack"
# dbt_project.yml's paths: what dbt reads when it parses (docs-paths holds docs/ and models/).
PARSED_PATHS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests/dbt", "analyses", "docs")


@functools.cache
def project_fingerprint() -> str:
    """A hash of every file dbt parses, by path and content (once per test process)."""
    digest = hashlib.sha256()
    for name in PARSED_PATHS:
        root = PROJECT_DIR / name
        files = [root] if root.is_file() else sorted(path for path in root.rglob("*") if path.is_file())
        for path in files:
            digest.update(str(path.relative_to(PROJECT_DIR)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _cache_file(key: dict[str, object]) -> Path:
    name = hashlib.sha256((project_fingerprint() + json.dumps(key, sort_keys=True)).encode()).hexdigest()
    return CACHE_DIR / f"{name[:32]}.msgpack"


def start_from_saved_parse(target_dir: Path, key: dict[str, object]) -> None:
    """Put the saved parse for key into a target folder that has none yet (if one is saved)."""
    saved = _cache_file(key)
    if saved.exists() and not (target_dir / SAVED_PARSE).exists():
        target_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(saved, target_dir / SAVED_PARSE)


def save_parse(target_dir: Path, key: dict[str, object]) -> None:
    """Keep a build's parse for key, unless one is kept already (the first build's stays)."""
    made = target_dir / SAVED_PARSE
    saved = _cache_file(key)
    if made.exists() and not saved.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        partial = saved.with_name(f"{saved.name}.{os.getpid()}")
        shutil.copyfile(made, partial)
        os.replace(partial, saved)  # whole or not at all, for a test process beside this one
