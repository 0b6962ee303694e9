#!/usr/bin/env bash
# Conventions checker, as run by CI and pre-commit: parse the project into a throwaway
# target folder and lint its manifest with dbt-score, configured in pyproject.toml
# ([tool.dbt-score]) with this project's rules in dbt_score_rules/. Exits non-zero, naming
# each model, source, seed or macro and the rule it breaks, when any convention is broken,
# when docs/data_tests.md (the error tests that gate a publish) or docs/hourly_scopes.md
# (each model's hourly scope) is stale, or when a macro line is over 100 characters.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${VENV:-.venv}/bin"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

MOVIES_WAREHOUSE_PATH="$work/parse.duckdb" "$bin/dbt" parse --quiet \
    --profiles-dir . --project-dir . --target-path "$work/target" --log-path "$work/logs"
"$bin/dbt-score" lint --manifest "$work/target/manifest.json"
"$bin/python" scripts/document_data_tests.py --check "$work/target/manifest.json"
"$bin/python" scripts/document_hourly_scopes.py --check "$work/target/manifest.json"

# sqlfluff skips macros (.sqlfluffignore), so their line length is checked here: at most 100.
long_lines="$(find macros -name '*.sql' -print0 | xargs -0 awk 'length > 100 { print FILENAME ":" FNR ": " length " characters (at most 100)" }')"
if [ -n "$long_lines" ]; then
    echo "$long_lines"
    exit 1
fi
