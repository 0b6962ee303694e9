#!/usr/bin/env bash
# Conventions checker, as run by CI and pre-commit: parse the project into a throwaway
# target folder and lint its manifest with dbt-score, configured in pyproject.toml
# ([tool.dbt-score]) with this project's rules in dbt_score_rules/. Exits non-zero, naming
# each model, source, seed or macro and the rule it breaks, when any convention is broken.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${VENV:-.venv}/bin"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

MOVIES_WAREHOUSE_PATH="$work/parse.duckdb" "$bin/dbt" parse --quiet \
    --profiles-dir . --project-dir . --target-path "$work/target" --log-path "$work/logs"
"$bin/dbt-score" lint --manifest "$work/target/manifest.json"
