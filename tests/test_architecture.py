"""The layering docs/architecture.md describes: imports run downward only.

Every import in every module counts, including those inside functions (a command that
imports the app lazily still depends on it).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "netrack"

# What each part of netrack may import, besides itself.
BASE = {"errors", "clock"}
ALLOWED = {
    "errors": set(),
    "clock": set(),
    "paths": {"errors"},
    "collector": set(),
    "domain": BASE,
    "summaries": BASE | {"domain"},
    "demo": BASE | {"domain"},
    "store": BASE | {"domain", "paths", "collector"},
    "operations": BASE | {"domain", "store", "transfer"},
    "transfer": BASE | {"domain", "store", "paths"},
    "tui": BASE | {"domain", "store", "operations", "transfer", "summaries", "collector"},
    "cli": BASE
    | {"domain", "store", "operations", "transfer", "summaries", "paths", "demo", "tui"},
}
# Third-party packages a part must never import.
FORBIDDEN = {
    "domain": {"tinydb", "textual", "rich", "orjson"},
    "store": {"textual", "rich"},
    "operations": {"textual", "rich"},
    "transfer": {"textual", "rich"},
    "demo": {"textual", "rich", "tinydb"},
}


def part_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def imported_names(path: Path) -> set[str]:
    """Every module ``path`` imports, as dotted names."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if part_of(p) not in ("__init__", "__main__"))


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_downward(module: Path) -> None:
    part = part_of(module)
    assert part in ALLOWED, f"netrack/{part} has no place in the layers; add it to ALLOWED"
    for name in imported_names(module):
        top, _, rest = name.partition(".")
        if top == "netrack":
            target = rest.partition(".")[0]
            if target and target != part:
                assert target in ALLOWED[part], f"{part} must not import netrack.{target}"
        else:
            assert top not in FORBIDDEN.get(part, set()), f"{part} must not import {top}"
