"""The test tiers (pytest markers declared in pyproject.toml; README "Two commands" says which to run when).

- unmarked: a unit test, no build of the dbt project.
- `build`: reads a build made once per session and shared (the sample, the quirks file);
  given here to every test that asks for one of the fixtures below, so a new test that reads
  a shared build is in the right tier without anyone remembering to mark it.
- `slow`: runs builds of its own (hourly runs, crashes, concurrency, hostile inputs).
- `spark`: builds the project on Spark as well.
- `browser`: drives headless Chromium.

`make test-fast` runs `-m "not slow and not spark and not browser"`; `make test` runs all.

A test that reads a shared build also gets `xdist_group(<its folder>)`: under pytest-xdist's
`--dist loadgroup`, the readers of one folder's builds run on one worker, so each
build is still made once; every other test is grouped with its file (as `--dist loadfile`), so a
module's fixtures are built once, and the files spread over the workers.
"""

from __future__ import annotations

import pytest

# The session fixtures that make a shared build. A test's fixturenames is the closure of what it
# asks for, so the fixtures built on these (published_place, fake_build, sample_warehouse) count.
SHARED_BUILD_FIXTURES = frozenset(
    {
        "built",  # warehouse/: the sample and the quirks file, plain dbt builds
        "quirks_warehouse",  # warehouse/: the quirks file, for the recorded quirks
        "built_sample",  # pipeline/: the command's build of the sample plus three bad records
        "sample_build",  # report/: a plain dbt build of the sample
        "seeded_project",  # money/: the CPI seed loaded by dbt
        "builds",  # spark/: the sample and the quirks file on DuckDB and on Spark
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SHARED_BUILD_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
            item.add_marker(pytest.mark.xdist_group(item.path.parent.name))
        else:
            # One file on one worker, so a module's fixtures (the hourly scenarios) are built once.
            item.add_marker(pytest.mark.xdist_group(item.path.name))
