"""Rule on keys: every model has a primary key that is tested unique and not null (docs/conventions.md)."""

from dbt_score import Model, RuleViolation, rule

from dbt_score_rules.contracts import enforced_not_null_columns

COMBINATION_TESTS = ("unique_combination_of_columns",)


def _not_null_columns(model: Model) -> set[str]:
    """Columns with a not_null data test or a not_null constraint the warehouse enforces (not a view's)."""
    tested = {column.name for column in model.columns if any(test.type == "not_null" for test in column.tests)}
    return tested | enforced_not_null_columns(model)


def _unique_keys(model: Model) -> list[list[str]]:
    """Each column set that has a uniqueness test: single `unique` columns and tested combinations."""
    keys = [[column.name] for column in model.columns if any(test.type == "unique" for test in column.tests)]
    for test in model.tests:
        if test.type == "unique" and test.kwargs.get("column_name"):
            keys.append([test.kwargs["column_name"]])
        if test.type in COMBINATION_TESTS:
            keys.append(list(test.kwargs.get("combination_of_columns", [])))
    return keys


@rule
def has_tested_primary_key(model: Model) -> RuleViolation | None:
    """The model's primary key (one column, or a combination of columns) is tested unique and not null."""
    keys = _unique_keys(model)
    if not keys:
        return RuleViolation(
            "No primary-key test: add `unique` + `not_null` on the key column, or "
            "`unique_combination_of_columns` on a composite key."
        )
    not_null = _not_null_columns(model)
    if any(key and set(key) <= not_null for key in keys):
        return None
    return RuleViolation(
        f"Key {', '.join('+'.join(key) for key in keys)} is tested unique but not not_null: "
        "add `not_null` to each key column."
    )
