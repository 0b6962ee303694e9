"""Draw the star schema (the core models) from dbt's manifest as a Graphviz picture.

Tables, columns and types come from the core models' YAML (their enforced contracts);
primary keys from their `unique` and `unique_combination_of_columns` tests; every line
from a `relationships` test between two core models. So the picture shows what the
tests enforce, and `make docs` redraws it after every `dbt docs generate`:

    python scripts/draw_erd.py target/manifest.json docs/images/erd.svg

The Graphviz source is rendered with Debian's `dot` (`apt-get install graphviz`).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

CORE_FOLDER = "models/marts/core/"
REF = re.compile(r"""ref\(\s*['"]([^'"]+)['"]\s*\)""")


@dataclass
class Table:
    name: str
    columns: list[tuple[str, str]]  # (name, data type), in the YAML's order
    primary_key: set[str] = field(default_factory=set)
    foreign_keys: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Relationship:
    """`child.column` references `parent.field` (a relationships test)."""

    child: str
    column: str
    parent: str
    field: str


def star_schema(manifest: dict) -> tuple[dict[str, Table], list[Relationship]]:
    """The core models and the relationships tests between them."""
    models = {
        unique_id: node
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["original_file_path"].startswith(CORE_FOLDER)
    }
    tables = {
        node["name"]: Table(node["name"], [(name, column.get("data_type") or "") for name, column in node["columns"].items()])
        for node in models.values()
    }
    relationships = []
    single_column_keys: dict[str, set[str]] = {}
    combination_keys: dict[str, set[str]] = {}
    for node in manifest["nodes"].values():
        test = node.get("test_metadata") or {}
        model = models.get(node.get("attached_node") or "")
        if node["resource_type"] != "test" or model is None:
            continue
        kwargs = test.get("kwargs", {})
        if test.get("name") == "unique":
            single_column_keys.setdefault(model["name"], set()).add(node["column_name"])
        elif test.get("name") == "unique_combination_of_columns":
            combination_keys.setdefault(model["name"], set()).update(kwargs["combination_of_columns"])
        elif test.get("name") == "relationships":
            parent = REF.search(kwargs["to"]).group(1)
            if parent in tables:
                relationships.append(Relationship(model["name"], node["column_name"], parent, kwargs["field"]))
    for name, table in tables.items():
        # A single-column unique key is the primary key; otherwise the unique combination is.
        table.primary_key = single_column_keys.get(name) or combination_keys.get(name, set())
        table.foreign_keys = {relationship.column for relationship in relationships if relationship.child == name}
    return tables, sorted(relationships, key=lambda r: (r.child, r.column))


def table_label(table: Table) -> str:
    """An HTML-like Graphviz label: the table's name, then a row per column (ports w_ and e_ on its two ends)."""
    rows = [f'<tr><td bgcolor="#1f4e79" colspan="3"><font color="white"><b>{html.escape(table.name)}</b></font></td></tr>']
    for name, data_type in table.columns:
        keys = ", ".join(mark for mark, is_key in (("PK", name in table.primary_key), ("FK", name in table.foreign_keys)) if is_key)
        rows.append(
            f'<tr><td port="w_{html.escape(name)}" align="left">{html.escape(name)}</td>'
            f'<td align="left"><font color="#555555">{html.escape(data_type)}</font></td>'
            f'<td port="e_{html.escape(name)}" align="left">{f"<b>{keys}</b>" if keys else ""}</td></tr>'
        )
    return '<<table border="0" cellborder="1" cellspacing="0" cellpadding="3">' + "".join(rows) + "</table>>"


def to_dot(tables: dict[str, Table], relationships: list[Relationship]) -> str:
    """Graphviz source: a table per model; an edge per relationship, many (crow's foot) to one."""
    lines = [
        "digraph star_schema {",
        '  graph [rankdir=LR, nodesep=0.3, ranksep=1.1, fontname="Helvetica"];',
        '  node [shape=plaintext, fontname="Helvetica", fontsize=10];',
        '  edge [dir=both, arrowtail=crow, arrowhead=tee, color="#444444"];  # many -> one',
    ]
    lines += [f"  {name} [label={table_label(table)}];" for name, table in sorted(tables.items())]
    for r in relationships:
        edge_id = f'id="{r.child}.{r.column} -> {r.parent}.{r.field}"'  # the SVG names each line by it
        # Left to right: the fact, then what references it (bridges) and what it references,
        # then the dimensions; so a relationship to the fact is drawn from the fact's side.
        if r.parent.startswith("fct_"):
            lines.append(f'  {r.parent}:"e_{r.field}":e -> {r.child}:"w_{r.column}":w [{edge_id}, arrowhead=crow, arrowtail=tee];')
        else:
            lines.append(f'  {r.child}:"e_{r.column}":e -> {r.parent}:"w_{r.field}":w [{edge_id}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", type=Path, help="dbt's target/manifest.json")
    parser.add_argument("picture", type=Path, help="where to write the picture; .svg or .png")
    arguments = parser.parse_args(argv)
    tables, relationships = star_schema(json.loads(arguments.manifest.read_text(encoding="utf-8")))
    if not tables:
        print(f"no models under {CORE_FOLDER} in {arguments.manifest}: run `dbt docs generate` first", file=sys.stderr)
        return 1
    picture_format = arguments.picture.suffix.lstrip(".")
    try:
        rendered = subprocess.run(
            ["dot", f"-T{picture_format}"], input=to_dot(tables, relationships).encode("utf-8"),
            capture_output=True, check=False,
        )
    except FileNotFoundError:
        print("Graphviz's `dot` is missing: install it with `apt-get install graphviz`", file=sys.stderr)
        return 1
    if rendered.returncode != 0 or rendered.stderr:
        print(f"dot could not draw the schema:\n{rendered.stderr.decode()}", file=sys.stderr)
        return 1
    arguments.picture.write_bytes(rendered.stdout)
    print(f"{arguments.picture}: {len(tables)} tables, {len(relationships)} relationships")
    return 0


if __name__ == "__main__":
    sys.exit(main())
