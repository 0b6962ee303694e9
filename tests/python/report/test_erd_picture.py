"""The committed star schema picture (docs/images/erd.svg) shows what dbt's manifest says.

`make docs` redraws the picture with scripts/draw_erd.py; this test reads the committed SVG
on its own terms (Graphviz writes a group per table and per line) and compares it with the
core models, their columns and their relationships tests in a freshly parsed manifest, so
a model, column or relationship changed without `make docs` fails here.
"""

import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from report_test_helpers import PROJECT_DIR, run_dbt

PICTURE = PROJECT_DIR / "docs" / "images" / "erd.svg"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict:
    target_path = tmp_path_factory.mktemp("parse_target")
    run_dbt(["parse"], target_path / "unused.duckdb", target_path)
    return json.loads((target_path / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def picture() -> ElementTree.Element:
    assert PICTURE.is_file(), f"{PICTURE} is missing: run `make docs`"
    return ElementTree.parse(PICTURE).getroot()


def core_models(manifest: dict) -> dict[str, dict]:
    return {
        node["name"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["original_file_path"].startswith("models/marts/core/")
    }


def relationships_tests(manifest: dict) -> set[tuple[str, str, str, str]]:
    """(model, column, referenced model, referenced column) of every relationships test between core models."""
    core = core_models(manifest)
    found = set()
    for node in manifest["nodes"].values():
        metadata = node.get("test_metadata") or {}
        if node["resource_type"] != "test" or metadata.get("name") != "relationships":
            continue
        child = manifest["nodes"][node["attached_node"]]["name"]
        parent = re.search(r"ref\('([^']+)'\)", metadata["kwargs"]["to"]).group(1)
        if child in core and parent in core:
            found.add((child, node["column_name"], parent, metadata["kwargs"]["field"]))
    return found


def groups(picture: ElementTree.Element, kind: str) -> list[ElementTree.Element]:
    return [group for group in picture.iter(f"{SVG}g") if group.get("class") == kind]


def texts(group: ElementTree.Element) -> list[str]:
    return [text.text.strip() for text in group.iter(f"{SVG}text") if text.text and text.text.strip()]


def test_the_picture_has_one_table_per_core_model_with_its_columns(picture, manifest: dict) -> None:
    drawn = {group.find(f"{SVG}title").text: texts(group) for group in groups(picture, "node")}
    models = core_models(manifest)
    assert set(drawn) == set(models), "run `make docs` to redraw docs/images/erd.svg"
    for name, node in models.items():
        columns = list(node["columns"])
        types = {column.get("data_type") for column in node["columns"].values()}
        shown = drawn[name]
        assert shown[0] == name
        assert [text for text in shown if text in columns] == columns, f"{name}: run `make docs`"
        leftovers = [text for text in shown[1:] if text not in columns and text not in types and text not in {"PK", "FK", "PK, FK"}]
        assert leftovers == [], f"{name} shows what the manifest does not have: {leftovers}; run `make docs`"


def test_every_line_of_the_picture_is_a_relationships_test_and_every_test_is_drawn(picture, manifest: dict) -> None:
    drawn = set()
    for group in groups(picture, "edge"):
        child, parent = group.get("id").split(" -> ")
        drawn.add((*child.split("."), *parent.split(".")))
    expected = relationships_tests(manifest)
    assert len(expected) >= 9, "the star schema should keep its relationships tests (4 bridges x 2, and the collection)"
    assert drawn == expected, "run `make docs` to redraw docs/images/erd.svg"
    marked = {
        (group.find(f"{SVG}title").text, text)
        for group in groups(picture, "node")
        for text in texts(group)
    }
    for child, column, _, _ in expected:
        assert (child, "FK") in marked or (child, "PK, FK") in marked, f"{child}.{column} should be marked FK"
