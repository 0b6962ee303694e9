"""The command's modules import one way: entry points reach the code through `cli`, never the reverse.

`movies_pipeline.cli` is the top: it parses the command line and calls the run or a
subcommand. Only the `python -m` entry points (`__main__.py`) may import it; a module below
it that did would close an import cycle (cli -> pipeline -> report -> cli).
"""

from __future__ import annotations

import ast
from pathlib import Path

from dbt_build import PROJECT_DIR

PACKAGE = PROJECT_DIR / "src" / "movies_pipeline"


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function, as a dotted name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_nothing_below_the_command_line_imports_it() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 20, "the package was not found"
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in modules
        if path.name != "__main__.py"
        and path != PACKAGE / "cli.py"
        and "movies_pipeline.cli" in imports_of(path)
    ]
    assert offenders == []


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "below.py"
    module.write_text("def main():\n    from movies_pipeline.cli import main as command_main\n", encoding="utf-8")
    assert "movies_pipeline.cli" in imports_of(module)
