"""Rule on hourly scopes: a model's SQL and config do what its declared hourly scope says.

Each model declares, once, what an hourly run does to it: `meta: {hourly_scope: ...}` in
dbt_project.yml (folder configs, the per-movie anchor). SCOPES below is the closed list and
what each scope means; scripts/document_hourly_scopes.py writes docs/hourly_scopes.md from
it and the manifest. The rule reads a DuckDB parse of the project (as
scripts/check_conventions.sh makes one): hourly runs are DuckDB's only, Spark builds tables.
"""

import re
from typing import Any

from dbt_score import Model, RuleViolation, rule

# The closed vocabulary, in the order data flows through a run: each scope's one-line
# summary (a row of docs/hourly_scopes.md) and how the SQL and config do it.
SCOPES = {
    "run_input": (
        "holds only the files this run reads",
        "the source's files, which in an hourly run are the new drops; rebuilt every run, and "
        "read only by an `append_files` model",
    ),
    "append_files": (
        "appends the files this run reads, replacing an earlier load of each",
        "pre-hook `delete_reloaded_files`, then delete+insert on the record key "
        "(`source_file`, `record_number`)",
    ),
    "append_new": (
        "appends the rows no earlier run wrote, deletes none",
        "incremental append; the SQL's `is_incremental()` filter against `this` skips the rows held",
    ),
    "touched_movies": (
        "recomputes the movies the run touched",
        "the movies of `int_movie_versions_touched`: pre-hook `delete_touched_movies`, "
        "`only_touched_movies()` in the SQL, delete+insert on `movie_id`",
    ),
    "touched_groups": (
        "keeps its groups by delta: adds the touched movies as they are now, takes them out as they were",
        "the `*_replaced` models hold what the touched movies were; `only_touched_movies()` in the "
        "SQL, `is_incremental()` sums both with the held rows of `this`, delete+insert on the group "
        "key, post-hook `delete_emptied_groups`",
    ),
    "rebuild": (
        "recomputed whole from its parents",
        "a table rewritten every run, or a view",
    ),
}

IS_INCREMENTAL = re.compile(r"\bis_incremental\s*\(")
ONLY_TOUCHED_MOVIES = re.compile(r"\bonly_touched_movies\s*\(")
DELETE_TOUCHED_MOVIES = re.compile(r"\bdelete_touched_movies\s*\(")
DELETE_RELOADED_FILES = re.compile(r"\bdelete_reloaded_files\s*\(")
DELETE_EMPTIED_GROUPS = re.compile(r"\bdelete_emptied_groups\s*\(")
THIS = re.compile(r"\{\{\s*this\s*\}\}")
FULL_REFRESH_HINT = "+full_refresh: \"{{ var('load_mode', 'full') != 'hourly' }}\""


def hourly_scope(node: Any) -> str | None:
    """The scope a model (or any node with a config) declares; None when it declares none."""
    config = getattr(node, "config", None) or {}
    return (config.get("meta") or {}).get("hourly_scope")


def _pre_hooks(model: Model) -> str:
    return "\n".join(hook.get("sql", "") for hook in model.config.get("pre-hook") or [])


def _post_hooks(model: Model) -> str:
    return "\n".join(hook.get("sql", "") for hook in model.config.get("post-hook") or [])


def _unique_key(model: Model) -> list[str]:
    key = model.config.get("unique_key")
    return [key] if isinstance(key, str) else list(key or [])


def _problems(model: Model, scope: str) -> list[str]:
    """What in the model's SQL and config contradicts its scope."""
    config, code, hooks, post_hooks = model.config, model.raw_code, _pre_hooks(model), _post_hooks(model)
    incremental = config.get("materialized") == "incremental"
    problems = []
    if scope in ("run_input", "rebuild"):
        if incremental:
            problems.append("it is incremental: make it a table or a view")
        if IS_INCREMENTAL.search(code):
            problems.append("its SQL calls is_incremental()")
    if scope == "run_input":
        not_input = [
            parent.name for parent in model.parents
            if isinstance(parent, Model) and hourly_scope(parent) != "run_input"
        ]
        if not_input:
            problems.append(f"it reads {', '.join(not_input)}, which hold more than this run's files")
    if scope in ("append_files", "append_new", "touched_movies", "touched_groups"):
        if not incremental:
            problems.append(f"it is {config.get('materialized')}, not incremental")
        elif config.get("full_refresh") is not True:
            problems.append(f"a full build must rebuild it: {FULL_REFRESH_HINT}")
    if scope == "append_files":
        if not DELETE_RELOADED_FILES.search(hooks):
            problems.append("no pre-hook delete_reloaded_files()")
        if not {"source_file", "record_number"} <= set(_unique_key(model)):
            problems.append("its unique_key is not the record key (source_file, record_number)")
    if scope == "append_new":
        if config.get("incremental_strategy") != "append":
            problems.append("its incremental_strategy is not append")
        if not (IS_INCREMENTAL.search(code) and THIS.search(code)):
            problems.append("its SQL has no is_incremental() filter against {{ this }} to skip the rows held")
    if scope == "touched_movies":
        if not DELETE_TOUCHED_MOVIES.search(hooks):
            problems.append("no pre-hook delete_touched_movies()")
        if not ONLY_TOUCHED_MOVIES.search(code):
            problems.append("its SQL never calls only_touched_movies()")
        if config.get("incremental_strategy") != "delete+insert" or _unique_key(model) != ["movie_id"]:
            problems.append("it is not delete+insert on unique_key movie_id")
    if scope == "touched_groups":
        if not ONLY_TOUCHED_MOVIES.search(code):
            problems.append("its SQL never calls only_touched_movies()")
        if not (IS_INCREMENTAL.search(code) and THIS.search(code)):
            problems.append("its SQL has no is_incremental() branch reading the held groups of {{ this }}")
        if not any(parent.name.endswith("_replaced") for parent in model.parents if isinstance(parent, Model)):
            problems.append("it reads no *_replaced model, so it cannot take out what a touched movie was")
        if config.get("incremental_strategy") != "delete+insert" or "movie_id" in _unique_key(model):
            problems.append("it is not delete+insert on its group key")
        if not DELETE_EMPTIED_GROUPS.search(post_hooks):
            problems.append("no post-hook delete_emptied_groups()")
    if scope != "touched_groups" and DELETE_EMPTIED_GROUPS.search(post_hooks):
        problems.append("it has the post-hook delete_emptied_groups()")
    if scope not in ("touched_movies", "touched_groups") and ONLY_TOUCHED_MOVIES.search(code):
        problems.append("it recomputes touched movies (only_touched_movies)")
    if scope != "touched_movies" and DELETE_TOUCHED_MOVIES.search(hooks):
        problems.append("it recomputes touched movies (delete_touched_movies)")
    if scope != "append_files" and DELETE_RELOADED_FILES.search(hooks):
        problems.append("it has the pre-hook delete_reloaded_files()")
    if scope not in ("run_input", "append_files"):
        inputs = [
            parent.name for parent in model.parents
            if isinstance(parent, Model) and hourly_scope(parent) == "run_input"
        ]
        if inputs:
            problems.append(f"it reads {', '.join(inputs)}, which in an hourly run hold only the new drops")
    return problems


@rule
def sql_matches_hourly_scope(model: Model) -> RuleViolation | None:
    """The model declares an hourly scope of the closed list, and its SQL and config do what that scope says."""
    scope = hourly_scope(model)
    if scope not in SCOPES:
        return RuleViolation(
            f"hourly_scope {scope!r} is none of {', '.join(SCOPES)}: declare one in dbt_project.yml "
            "(+meta: {hourly_scope: ...}, docs/hourly_scopes.md)."
        )
    problems = _problems(model, scope)
    if problems:
        return RuleViolation(f"Declared hourly_scope {scope}, but {'; '.join(problems)}.")
    return None
