"""Write docs/data_tests.md: every data test at error severity, what it guards, and whether
an input value can decide it, from a parsed manifest.

    python scripts/document_data_tests.py target/manifest.json          # write the page
    python scripts/document_data_tests.py --check target/manifest.json  # exit 1 when stale

`make docs` writes it; the conventions check (scripts/check_conventions.sh) runs --check,
so a test added, removed or changed without the page fails CI.

The rule the page states: an error test gates the publish, so no value of the input may
decide it. Each kind of test below says why an input value cannot; the few tests on
columns that carry input values (a typed number, a closed list) say which staging rule
maps every other value to NULL and a field issue, which `tests/python/warehouse/
test_one_bad_value_never_blocks.py` checks by putting hostile values in every column.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parents[1] / "docs" / "data_tests.md"

# Why no input value can decide a test, by kind: the project builds what it checks.
WHY_BY_KIND = {
    "unique": "a key the project builds: staging rejects a record without a valid id, "
    "the latest version of an id is kept and the others are superseded",
    "unique_combination_of_columns": "a grain the project builds (a file and its record "
    "number from the reader; a movie, group or element key from the models)",
    "not_null": "a column the project fills for every row (keys, codes, counts)",
    "relationships": "both sides come from the same parsed elements or movies",
    "relationships_of_columns": "both sides come from the same parsed elements or movies",
    "accepted_values": "the project's own codes, written by its models",
    "expression_is_true": "a count, sum or rule the project computes",
    "equals_difference": "a column the project computes from two others",
    "singular": "a reconciliation the project computes",
}

# Tests on a column that carries an input value: which rule keeps the input from deciding it.
INPUT_COLUMNS = {
    ("fct_movie", "status"): "a closed list (var movie_statuses): staging makes any other "
    "text NULL and an `unknown_category` field issue",
    ("fct_movie", "budget"): "staging keeps a number from 0.01 to 10^18; any other text is "
    "NULL and an `invalid_number` or `out_of_range` field issue",
    ("fct_movie", "revenue"): "staging keeps a number from 0.01 to 10^18; any other text is "
    "NULL and an `invalid_number` or `out_of_range` field issue",
    ("fct_movie", "popularity"): "staging keeps a finite number from 0 to 10^6; any other "
    "text is NULL and an `invalid_number` or `out_of_range` field issue",
    ("fct_movie", "release_year"): "staging keeps a valid date from 1874 to 2100; any other "
    "text is NULL and an `invalid_date` or `out_of_range` field issue",
}


def guards(node: dict) -> str:
    """What the test asserts, in one line."""
    metadata = node.get("test_metadata") or {}
    kwargs = metadata.get("kwargs", {})
    arguments = {**kwargs, **kwargs.get("arguments", {})}
    column = node.get("column_name")
    kind = metadata.get("name", "singular")
    if kind == "unique":
        return f"`{column}` is unique"
    if kind == "not_null":
        return f"`{column}` is never NULL"
    if kind == "unique_combination_of_columns":
        return "one row per " + ", ".join(f"`{c}`" for c in arguments["combination_of_columns"])
    if kind in ("relationships", "relationships_of_columns"):
        target = str(arguments.get("to", "")).replace("ref('", "").replace("')", "")
        left = column or ", ".join(arguments.get("columns", []))
        field = arguments.get("field") or left
        return f"every `{left}` is a `{field}` of `{target}`"
    if kind == "accepted_values":
        values = arguments["values"]
        if isinstance(values, str):  # a var, as "{{ var('movie_statuses') }}"
            return f"`{column}` is one of the var `{values.split(chr(39))[1]}`"
        return f"`{column}` is one of " + ", ".join(f"`{v}`" for v in values)
    if kind == "expression_is_true":
        return f"`{' '.join(str(arguments['expression']).split())}`"
    if kind == "equals_difference":
        return f"`{column}` = " + " - ".join(f"`{c}`" for c in (arguments.get("minuend"), arguments.get("subtrahend")))
    # a singular test: its leading comment, up to the first full stop
    comment = " ".join(
        line.lstrip("- ").strip() for line in node["raw_code"].splitlines() if line.startswith("--")
    )
    return comment.split(". ")[0].rstrip(".") or node["name"]


def rows(manifest: dict) -> list[tuple[str, str, str, str]]:
    found = []
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test" or node["config"]["severity"].lower() != "error":
            continue
        kind = (node.get("test_metadata") or {}).get("name", "singular")
        model = (node.get("attached_node") or "").rsplit(".", 1)[-1] or node["name"]
        why = INPUT_COLUMNS.get((model, node.get("column_name") or ""))
        decided = f"no: {why}" if why else f"no: {WHY_BY_KIND[kind]}"
        found.append((model, kind, guards(node), decided))
    return sorted(found)


def constraints_standing_in(manifest: dict) -> tuple[int, int]:
    """(columns, models): the not_null constraints DuckDB enforces in place of a not_null test,
    those of an enforced contract on a table or incremental model (a view enforces none)."""
    models = [
        node for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["config"]["contract"]["enforced"]
        and node["config"]["materialized"] in ("table", "incremental")
    ]
    counts = [
        sum(any(c["type"] == "not_null" for c in column.get("constraints", [])) for column in node["columns"].values())
        for node in models
    ]
    return sum(counts), sum(1 for count in counts if count)


def render(manifest: dict) -> str:
    table = rows(manifest)
    constrained_columns, constrained_models = constraints_standing_in(manifest)
    lines = [
        "# The data tests that gate a publish",
        "",
        "Generated by `scripts/document_data_tests.py` from the manifest (`make docs`); the",
        "conventions check fails when it is stale. Every test below is at error severity: it",
        "stops the build and nothing is published. So none may be decided by a value of the",
        "input: one record with a word the project has not seen must not hold back every",
        "answer. Each line says why no input value can decide it. Where a test reads a column",
        "that carries an input value, staging maps every value outside the rule to NULL and",
        "writes a row of `audit.movie_field_issues` (docs/modeling.md), and",
        "`tests/python/warehouse/test_one_bad_value_never_blocks.py` puts hostile values in",
        "every column of the raw file to check it. The warning-level test",
        "`movie_money_is_plausible` is not listed: it never blocks a publish.",
        "",
        "A not_null constraint of an enforced contract on a table (or incremental) model stands",
        "in for a not_null test: DuckDB rejects a NULL as the model is built, which fails the",
        f"build as the test would, so those columns ({constrained_columns} on {constrained_models} models) have no test of their",
        "own (`tests/python/warehouse/test_contract_constraints_enforced.py` inserts a NULL",
        "into each). The 30 tests that repeated a constraint were removed (issue 20: each test",
        "is one more dbt node, and dbt's cost per node is the floor of a build); dbt-score's",
        "`no_test_repeats_an_enforced_constraint` keeps them out. The views over those tables",
        "keep theirs: a view enforces no constraint. On Spark no contract is enforced",
        "(docs/spark.md); the DuckDB build is the one that gates the publish.",
        "",
        f"{len(table)} tests.",
        "",
        "| Model | Test | Guards | Can an input value decide it? |",
        "|---|---|---|---|",
    ]
    lines += [f"| `{model}` | {kind} | {what} | {decided} |" for model, kind, what, decided in table]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/data_tests.md is stale")
    arguments = parser.parse_args(argv)
    page = render(json.loads(arguments.manifest.read_text()))
    if arguments.check:
        if not PAGE.exists() or PAGE.read_text() != page:
            print(f"{PAGE.name} is stale: run `make docs` (or {Path(__file__).name}) and commit it")
            return 1
        return 0
    PAGE.write_text(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
