"""The conventions checker (dbt-score with this project's config and rules) on a small project built to break them.

Each model of the fixture project below breaks at most one convention, so the rules each
one fails can be stated by hand. The real project is checked by scripts/check_conventions.sh.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
OUR_RULES = "dbt_score_rules."

FIXTURE_FILES = {
    "dbt_project.yml": """
name: fixture
version: "1.0.0"
config-version: 2
profile: fixture
flags:
  send_anonymous_usage_stats: false
models:
  fixture:
    +meta: {hourly_scope: rebuild}
""",
    "profiles.yml": """
fixture:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: "{{ env_var('FIXTURE_WAREHOUSE') }}"
""",
    "macros/tests/test_unique_combination_of_columns.sql": """
{# Generic test: no two rows share the given columns. #}
{% test unique_combination_of_columns(model, combination_of_columns) %}
select {{ combination_of_columns | join(', ') }} from {{ model }}
group by all having count(*) > 1
{% endtest %}
""",
    "models/staging/shop/_shop__sources.yml": """
version: 2
sources:
  - name: shop
    description: "The shop."
    tables:
      - name: orders
        description: "One row per order."
        columns:
          - name: order_id
            description: "Order id."
      - name: customers
        description: "One row per customer."
        columns:
          - name: customer_id
      - name: payments
        description: "One row per payment."
        columns:
          - name: payment_id
            description: "Payment id."
""",
    "models/staging/shop/stg_shop__orders.sql": "select 1 as order_id from {{ source('shop', 'orders') }}",
    "models/staging/shop/stg_shop__customers.sql": (
        "select 1 as customer_id from {{ source('shop', 'customers') }} "
        "cross join {{ ref('stg_shop__orders') }}"
    ),
    "models/intermediate/orders_enriched.sql": "select * from {{ ref('stg_shop__orders') }}",
    "models/marts/core/fct_orders.sql": "select 1 as order_id from {{ source('shop', 'orders') }}",
    "models/marts/sales/sales_revenue_by_month.sql": (
        "select 1 as order_month, 'north' as region from {{ ref('stg_shop__orders') }}"
    ),
    "models/marts/sales/revenue_by_month.sql": "select 1 as order_month from {{ ref('stg_shop__orders') }}",
    "models/marts/sales/sales_orders_by_day.sql": "select 1 as order_day from {{ ref('stg_shop__orders') }}",
    "models/marts/sales/sales_orders_by_week.sql": "select 1 as order_week from {{ ref('stg_shop__orders') }}",
    "models/marts/sales/sales_orders_by_month.sql": "select 1 as order_month from {{ ref('stg_shop__orders') }}",
    "models/marts/sales/sales_orders_by_year.sql": "select 1 as order_year from {{ ref('stg_shop__orders') }}",
    "models/marts/audit/dim_rejects.sql": "select 1 as reject_id",
    "models/marts/audit/rejected_orders.sql": "select 1 as reject_id",
    "models/reports/loose_model.sql": "select 1 as loose_id",
    # Hourly scopes: rebuild unless the model's config says otherwise (the fixture's dbt_project.yml).
    "models/staging/shop/stg_shop__payments.sql": (
        "{{ config(meta={'hourly_scope': 'run_input'}) }} "
        "select 1 as payment_id from {{ source('shop', 'payments') }}"
    ),
    "models/intermediate/int_payments_summed.sql": "select 1 as payment_id from {{ ref('stg_shop__payments') }}",
    "models/intermediate/int_orders_scoped_sometimes.sql": (
        "{{ config(meta={'hourly_scope': 'sometimes'}) }} select 1 as order_id"
    ),
    "models/intermediate/int_orders_rebuilt_incrementally.sql": (
        "{{ config(materialized='incremental') }} select 1 as order_id {% if is_incremental() %} where false {% endif %}"
    ),
    "models/intermediate/int_orders_touched.sql": (
        "{{ config(meta={'hourly_scope': 'touched_movies'}) }} select 1 as order_id"
    ),
    "models/intermediate/int_orders_appended.sql": (
        "{{ config(materialized='incremental', incremental_strategy='append', full_refresh=true, "
        "meta={'hourly_scope': 'append_new'}) }} select 1 as order_id "
        "{% if is_incremental() %} where 1 not in (select order_id from {{ this }}) {% endif %}"
    ),
    # touched_groups: kept by delta; the wrong one is a table with no post-hook and no *_replaced parent
    "macros/hourly.sql": (
        "{% macro only_touched_movies() %}{% endmacro %}"
        "{% macro delete_emptied_groups(count_column) %}{% endmacro %}"
    ),
    "models/intermediate/int_orders_replaced.sql": "select 1 as order_id, 1 as order_month",
    "models/intermediate/int_orders_grouped.sql": (
        "{{ config(materialized='incremental', incremental_strategy='delete+insert', "
        "unique_key=['order_month'], full_refresh=true, "
        "post_hook=\"{{ delete_emptied_groups('order_count') }}\", "
        "meta={'hourly_scope': 'touched_groups'}) }} "
        "select order_month, sum(order_count) as order_count from ("
        "select 1 as order_month, 1 as order_count {{ only_touched_movies() }} "
        "union all select order_month, -1 as order_count from {{ ref('int_orders_replaced') }} "
        "{% if is_incremental() %} union all select order_month, order_count from {{ this }} {% endif %}"
        ") as shares group by order_month"
    ),
    "models/intermediate/int_orders_grouped_wrongly.sql": (
        "{{ config(meta={'hourly_scope': 'touched_groups'}) }} "
        "select 1 as order_month {{ only_touched_movies() }}"
    ),
    "models/_models.yml": """
version: 2
models:
  - name: stg_shop__orders
    description: "One row per order."
    columns:
      - name: order_id
        description: "Order id."
        data_tests: [unique, not_null]
  - name: stg_shop__customers
    description: "One row per customer."
    columns:
      - name: customer_id
        description: "Customer id."
        data_tests: [unique, not_null]
  - name: orders_enriched
    description: "One row per order."
    columns:
      - name: order_id
        description: "Order id."
        data_tests: [unique, not_null]
  - name: fct_orders
    description: "One row per order."
    columns:
      - name: order_id
        description: "Order id."
        data_tests: [unique, not_null]
  - name: sales_revenue_by_month
    description: "One row per month per region."
    data_tests:
      - unique_combination_of_columns:
          arguments:
            combination_of_columns: [order_month, region]
    columns:
      - name: order_month
        description: "Month."
        data_tests: [not_null]
      - name: region
        description: "Region."
  - name: revenue_by_month
    description: "One row per month."
    columns:
      - name: order_month
        description: "Month."
        data_tests: [unique, not_null]
  - name: sales_orders_by_day
    description: "One row per day."
    columns:
      - name: order_day
        description: "Day."
  - name: sales_orders_by_week
    description: "One row per week."
    config: {materialized: table, contract: {enforced: true}}
    columns:
      - name: order_week
        data_type: integer
        description: "Week."
        constraints: [{type: not_null}]
        data_tests: [unique, not_null]
  - name: sales_orders_by_month
    description: "One row per month."
    config: {materialized: table, contract: {enforced: true}}
    columns:
      - name: order_month
        data_type: integer
        description: "Month."
        constraints: [{type: not_null}]
        data_tests: [unique]
  - name: sales_orders_by_year
    description: "One row per year."
    config: {materialized: view, contract: {enforced: true}}
    columns:
      - name: order_year
        data_type: integer
        description: "Year."
        constraints: [{type: not_null, warn_unsupported: false}]
        data_tests: [unique]
  - name: dim_rejects
    description: "One row per reject."
    columns:
      - name: reject_id
        description: "Reject id."
        data_tests: [unique, not_null]
  - name: rejected_orders
    description: "One row per reject."
    columns:
      - name: reject_id
        description: "Reject id."
        data_tests: [unique, not_null]
  - name: loose_model
    description: "One row."
    columns:
      - name: loose_id
        description: "Id."
        data_tests: [unique, not_null]
  - name: stg_shop__payments
    description: "One row per payment."
    columns:
      - name: payment_id
        description: "Id."
        data_tests: [unique, not_null]
  - name: int_payments_summed
    description: "One row per payment."
    columns:
      - name: payment_id
        description: "Id."
        data_tests: [unique, not_null]
  - name: int_orders_scoped_sometimes
    description: "One row per order."
    columns:
      - name: order_id
        description: "Id."
        data_tests: [unique, not_null]
  - name: int_orders_rebuilt_incrementally
    description: "One row per order."
    columns:
      - name: order_id
        description: "Id."
        data_tests: [unique, not_null]
  - name: int_orders_touched
    description: "One row per order."
    columns:
      - name: order_id
        description: "Id."
        data_tests: [unique, not_null]
  - name: int_orders_appended
    description: "One row per order."
    columns:
      - name: order_id
        description: "Id."
        data_tests: [unique, not_null]
  - name: int_orders_replaced
    description: "One row per order."
    columns:
      - name: order_id
        description: "Id."
        data_tests: [unique, not_null]
      - name: order_month
        description: "Month."
  - name: int_orders_grouped
    description: "One row per month."
    columns:
      - name: order_month
        description: "Month."
        data_tests: [unique, not_null]
      - name: order_count
        description: "Orders."
  - name: int_orders_grouped_wrongly
    description: "One row per month."
    columns:
      - name: order_month
        description: "Month."
        data_tests: [unique, not_null]
""",
}


@pytest.fixture(scope="module")
def lint_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """{evaluable id: names of the rules it fails} for the fixture project, linted with this project's config."""
    project = tmp_path_factory.mktemp("fixture_project")
    for relative_path, text in FIXTURE_FILES.items():
        (project / relative_path).parent.mkdir(parents=True, exist_ok=True)
        (project / relative_path).write_text(text.lstrip(), encoding="utf-8")
    environment = {**os.environ, "FIXTURE_WAREHOUSE": str(project / "fixture.duckdb")}
    parsed = subprocess.run(
        [str(BIN / "dbt"), "parse", "--profiles-dir", ".", "--project-dir", "."],
        cwd=project, env=environment, capture_output=True, text=True, timeout=300, check=False,
    )
    assert parsed.returncode == 0, parsed.stdout[-4000:]
    # From the project folder, as in CI: dbt-score reads pyproject.toml's config and our rules there.
    linted = subprocess.run(
        [str(BIN / "dbt-score"), "lint", "--format", "json", "--manifest", str(project / "target" / "manifest.json")],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300, check=False,
    )
    assert linted.returncode == 1, f"the fixture breaks conventions, so the checker must fail:\n{linted.stderr}"
    evaluables = json.loads(linted.stdout)["evaluables"]
    return {
        unique_id: {rule for rule, outcome in evaluable["results"].items() if outcome["result"] != "OK"}
        for unique_id, evaluable in evaluables.items()
    }


def our_failures(lint_results: dict[str, set[str]], unique_id: str) -> set[str]:
    return {rule.removeprefix(OUR_RULES) for rule in lint_results[unique_id] if rule.startswith(OUR_RULES)}


@pytest.mark.parametrize(
    ("unique_id", "expected"),
    [
        ("model.fixture.stg_shop__orders", set()),
        ("model.fixture.stg_shop__customers", {"layers.staging_model_reads_one_source"}),
        ("model.fixture.orders_enriched", {"layers.model_name_matches_its_layer"}),
        ("model.fixture.fct_orders", {"layers.only_staging_reads_sources"}),
        ("model.fixture.sales_revenue_by_month", {"keys.has_tested_primary_key"}),
        ("model.fixture.revenue_by_month", {"layers.model_name_matches_its_layer"}),
        ("model.fixture.sales_orders_by_day", {"keys.has_tested_primary_key"}),
        # a not_null test repeating a table's enforced not_null constraint; the table's
        # constraint alone; a view's constraint, which DuckDB does not enforce
        ("model.fixture.sales_orders_by_week", {"contracts.no_test_repeats_an_enforced_constraint"}),
        ("model.fixture.sales_orders_by_month", set()),
        ("model.fixture.sales_orders_by_year", {"keys.has_tested_primary_key"}),
        ("model.fixture.dim_rejects", {"layers.model_name_matches_its_layer"}),
        ("model.fixture.rejected_orders", set()),
        ("model.fixture.loose_model", {"layers.model_name_matches_its_layer"}),
        ("model.fixture.stg_shop__payments", set()),
        ("model.fixture.int_payments_summed", {"hourly_scopes.sql_matches_hourly_scope"}),
        ("model.fixture.int_orders_scoped_sometimes", {"hourly_scopes.sql_matches_hourly_scope"}),
        ("model.fixture.int_orders_rebuilt_incrementally", {"hourly_scopes.sql_matches_hourly_scope"}),
        ("model.fixture.int_orders_touched", {"hourly_scopes.sql_matches_hourly_scope"}),
        ("model.fixture.int_orders_appended", set()),
        ("model.fixture.int_orders_replaced", set()),
        ("model.fixture.int_orders_grouped", set()),
        ("model.fixture.int_orders_grouped_wrongly", {"hourly_scopes.sql_matches_hourly_scope"}),
        ("source.fixture.shop.orders", set()),
        ("source.fixture.shop.customers", {"documentation.source_columns_have_description"}),
    ],
)
def test_each_model_fails_exactly_the_conventions_it_breaks(
    lint_results: dict[str, set[str]], unique_id: str, expected: set[str],
) -> None:
    assert our_failures(lint_results, unique_id) == expected


def test_owner_and_example_rules_are_off_and_macro_descriptions_are_on(lint_results: dict[str, set[str]]) -> None:
    failing_everywhere = set().union(*lint_results.values())
    assert "dbt_score.rules.generic.has_owner" not in failing_everywhere
    assert "dbt_score.rules.generic.has_example_sql" not in failing_everywhere
    # The macro in the fixture has no YAML description, and the built-in macro rule is on.
    assert "dbt_score.rules.macros.macro_has_description" in lint_results[
        "macro.fixture.test_unique_combination_of_columns"
    ]
