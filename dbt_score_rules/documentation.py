"""Rules on source documentation, which dbt-score checks only for models and seeds (docs/conventions.md)."""

from dbt_score import RuleViolation, Source, rule


@rule
def source_has_description(source: Source) -> RuleViolation | None:
    """A source table has a description."""
    if not source.description:
        return RuleViolation("Source table lacks a description.")
    return None


@rule
def source_columns_have_description(source: Source) -> RuleViolation | None:
    """Every documented column of a source table has a description."""
    missing = [column.name for column in source.columns if not column.description]
    if missing:
        return RuleViolation(f"Columns lack a description: {', '.join(missing)}.")
    return None
