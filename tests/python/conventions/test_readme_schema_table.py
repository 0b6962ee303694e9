"""The README's "What is in the warehouse" table names every public model (every model under
models/marts/, in the schema it is built in) and every seed, so a new mart cannot ship unlisted."""

from __future__ import annotations

import re

import yaml
from dbt_build import PROJECT_DIR


def readme_schema_table() -> dict[str, set[str]]:
    """{schema: names in its row} from the README table under "What is in the warehouse"."""
    text = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    section = text.split("## What is in the warehouse", 1)[1].split("\n## ", 1)[0]
    table: dict[str, set[str]] = {}
    for schema, cell in re.findall(r"^\| `(\w+)` \| (.+) \|$", section, flags=re.MULTILINE):
        table[schema] = set(re.findall(r"`(\w+)`", cell))
    return table


def public_models() -> dict[str, str]:
    """{model: schema} for every model under models/marts/, its schema from dbt_project.yml."""
    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    marts_config = project["models"]["movies"]["marts"]
    models = {}
    for sql in (PROJECT_DIR / "models" / "marts").rglob("*.sql"):
        folder = sql.parent.name
        schema = marts_config.get(folder, {}).get("+schema", marts_config.get("+schema", folder))
        models[sql.stem] = schema
    return models


def test_every_public_model_is_in_the_readme_schema_table() -> None:
    table = readme_schema_table()
    models = public_models()
    assert len(models) > 20, "no models found under models/marts"
    missing = sorted(f"{schema}.{name}" for name, schema in models.items() if name not in table.get(schema, set()))
    assert missing == [], "add these to the README's schema table"


def test_every_seed_is_in_the_readme_schema_table() -> None:
    listed = set().union(*readme_schema_table().values())
    seeds = sorted(path.stem for path in (PROJECT_DIR / "seeds").glob("*.csv"))
    assert seeds and [seed for seed in seeds if seed not in listed] == []
