"""The test tiers (pytest markers declared in pyproject.toml; README "Two commands" says which to run when).

- unmarked: a unit test, no build of the dbt project.
- `build`: reads a build made once per session and shared (the sample, the quirks file);
  given here to every test that asks for one of the fixtures below, so a new test that reads
  a shared build is in the right tier without anyone remembering to mark it.
- `slow`: runs builds of its own (hourly runs, crashes, concurrency, hostile inputs).
- `spark`: builds the project on Spark as well.
- `browser`: drives headless Chromium.

`make test-fast` runs `-m "not slow and not spark and not browser"`; `make test` runs all.

`make pytest` runs on two pytest-xdist workers with `--dist loadgroup`; every test gets an
`xdist_group` (see `xdist_group` below), so the Spark and reference builds of each input and each
module's fixtures are made once, and the groups spread over the workers, the longest tiers first
(TIERS_LONGEST_FIRST).
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


# tryfirst: xdist's worker reads the xdist_group marks in its own pytest_collection_modifyitems;
# without it, that hook runs before this one, finds no marks, and every test is a group of its own
# (each worker then makes every shared build and module fixture again).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        shared = sorted(SHARED_BUILD_FIXTURES.intersection(getattr(item, "fixturenames", ())))
        if shared:
            item.add_marker(pytest.mark.build)
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(xdist_group(item, shared)))
    first_rank: dict[str, int] = {}
    for item in items:
        group = item.get_closest_marker("xdist_group").args[0]
        first_rank[group] = min(first_rank.get(group, len(TIERS_LONGEST_FIRST)), tier_rank(item, group))
    # Stable: within a tier the groups (and within a group the tests) keep their order.
    items.sort(key=lambda item: first_rank[item.get_closest_marker("xdist_group").args[0]])


# The order `make pytest` deals the groups out in (it passes --no-loadscope-reorder, so xdist
# keeps the collection's order instead of putting the groups with the most tests first): the
# tiers whose groups take longest first, so that the last groups to start are short ones and
# both workers finish together (measured: the hourly scenario, two tests and 3-9 minutes of
# builds, was dealt out last and ran alone at the end).
# The Spark groups are not dealt out together: two Spark builds at once, one per worker, run two
# JVMs on the two cores (measured in a CI run: the sample's group 391 s alone, 519 s beside the
# quirks file's; the quirks file's 271 s and 376 s). The largest goes first, the others after the
# slow DuckDB groups.
FIRST_SPARK_GROUP = "spark-sample"
TIERS_LONGEST_FIRST = ("spark", "slow", "later spark", "browser", "build")


def tier_rank(item: pytest.Item, group: str) -> int:
    """The index in TIERS_LONGEST_FIRST of the first tier the test is in (a unit test: after all)."""
    for rank, tier in enumerate(TIERS_LONGEST_FIRST):
        if tier == "spark" and item.get_closest_marker("spark") is not None:
            return rank if group == FIRST_SPARK_GROUP else TIERS_LONGEST_FIRST.index("later spark")
        if item.get_closest_marker(tier) is not None:
            return rank
    return len(TIERS_LONGEST_FIRST)


def xdist_group(item: pytest.Item, shared: list[str]) -> str:
    """The worker group of a test under `--dist loadgroup`.

    The readers of a build made per input (`built`, `builds`: the sample and the quirks file, the
    Spark ones 3-4 minutes each) go to one worker per input: `spark-sample`, `warehouse-quirks`.
    Any other test goes with its file, so a module's fixtures are built once; a shared build that
    several files read (`built_sample`, under a minute) is then made at most once per worker, which
    costs less than holding all its readers on one worker. A test can name a group with the mark.
    """
    params = getattr(getattr(item, "callspec", None), "params", {})
    definitions = item._fixtureinfo.name2fixturedefs
    # The input of a build fixture parametrized by its inputs (params=["sample", "quirks"]), not a
    # test's own parametrize of a fixture it overrides.
    inputs = [str(params[name]) for name in shared if name in params and definitions[name][-1].params]
    if inputs:
        return "-".join([item.path.parent.name, *inputs])
    return item.path.name
