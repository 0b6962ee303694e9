"""Rule on contracts: no data test repeats what an enforced contract already checks (docs/conventions.md)."""

from dbt_score import Model, RuleViolation, rule

# DuckDB creates these as tables with the contract's constraints, so an insert breaking one fails
# the model; a view is created without them (dbt warns that it ignores them).
ENFORCING_MATERIALIZATIONS = ("table", "incremental")


def enforced_not_null_columns(model: Model) -> set[str]:
    """Columns whose not_null constraint the warehouse enforces: an enforced contract on a table."""
    contract = model.config.get("contract") or {}
    if not contract.get("enforced") or model.config.get("materialized") not in ENFORCING_MATERIALIZATIONS:
        return set()
    return {
        column.name
        for column in model.columns
        if any(constraint.type == "not_null" for constraint in column.constraints)
    }


@rule
def no_test_repeats_an_enforced_constraint(model: Model) -> RuleViolation | None:
    """A not_null test on a column whose enforced not_null constraint the table checks is one more dbt node checking nothing."""
    enforced = enforced_not_null_columns(model)
    repeated = sorted(
        column.name
        for column in model.columns
        if column.name in enforced and any(test.type == "not_null" for test in column.tests)
    )
    if repeated:
        return RuleViolation(
            f"not_null tests repeat the enforced not_null constraint on {', '.join(repeated)}: "
            "drop the tests (the constraint fails the model on a NULL; docs/data_tests.md)."
        )
    return None
