"""Rules on layers: names that say the layer, and sources read only by staging (docs/conventions.md)."""

import re
from pathlib import PurePosixPath

from dbt_score import Model, RuleViolation, rule

LAYER_PREFIXES = ("stg_", "int_", "fct_", "dim_", "bridge_")
CORE_PATTERN = re.compile(r"(fct|dim|bridge)_[a-z0-9_]+")
SNAKE_CASE = re.compile(r"[a-z][a-z0-9_]*")


def _folders(model: Model) -> tuple[str, ...]:
    """The folders of the model's SQL file below models/, e.g. ('marts', 'core')."""
    parts = PurePosixPath(model.original_file_path).parts
    return parts[1:-1] if parts and parts[0] == "models" else parts[:-1]


def _expected_name(folders: tuple[str, ...], areas_without_prefix: tuple[str, ...]) -> tuple[str, str] | None:
    """(regular expression, human description) a model in these folders must match; None if the folder is no layer."""
    match folders:
        case ("staging", source):
            return rf"stg_{source}__[a-z0-9_]+", f"stg_{source}__<entity>"
        case ("staging", source, "base"):
            return rf"base_{source}__[a-z0-9_]+", f"base_{source}__<entity>"
        case ("intermediate",) | ("intermediate", "records"):
            return r"int_[a-z0-9_]+", "int_<entity>_<verb>"
        case ("marts", "core"):
            return CORE_PATTERN.pattern, "fct_<entity>, dim_<entity> or bridge_<entity>_<entity>"
        case ("marts", area) if area in areas_without_prefix:
            return r"(?!stg_|int_|fct_|dim_|bridge_)[a-z][a-z0-9_]*", "a name without a layer prefix"
        case ("marts", area):
            return rf"{area}_[a-z0-9_]+", f"{area}_<measure>_by_<grain>"
    return None


@rule
def model_name_matches_its_layer(model: Model, areas_without_prefix: tuple[str, ...] = ("audit",)) -> RuleViolation | None:
    """A model lives in a layer folder and its name says the layer: stg_, int_, fct_/dim_/bridge_, or the mart area."""
    folders = _folders(model)
    expected = _expected_name(folders, tuple(areas_without_prefix))
    if expected is None:
        return RuleViolation(
            f"{model.original_file_path} is in no layer folder: use models/staging/<source>/[base/], "
            "models/intermediate/[records/], models/marts/core/ or models/marts/<area>/."
        )
    pattern, description = expected
    if not re.fullmatch(pattern, model.name):
        return RuleViolation(f"Name {model.name} does not fit {'/'.join(folders)}/: expected {description}.")
    return None


@rule
def only_staging_reads_sources(model: Model) -> RuleViolation | None:
    """Only staging models call source(); every other model reads through ref()."""
    sources = [node for node in model.depends_on.get("nodes", []) if node.startswith("source.")]
    if sources and _folders(model)[:1] != ("staging",):
        return RuleViolation(f"Reads {', '.join(sources)} outside staging: ref() its staging model instead.")
    return None


@rule
def staging_model_reads_one_source(model: Model) -> RuleViolation | None:
    """A staging model reads exactly one source table, itself or through one base model, and nothing else."""
    if _folders(model)[:1] != ("staging",):
        return None
    parents = model.depends_on.get("nodes", [])
    sources = [node for node in parents if node.startswith("source.")]
    bases = [node for node in parents if node.startswith("model.") and node.split(".")[-1].startswith("base_")]
    others = [node for node in parents if node not in sources and node not in bases]
    if len(sources) + len(bases) != 1 or others or (bases and _folders(model)[-1:] == ("base",)):
        return RuleViolation(
            f"Staging reads {len(sources)} sources, {len(bases)} base models and {len(others)} other nodes: "
            "expected one source (or, for a stg_ model, the one base model that reads it) and nothing else."
        )
    return None
