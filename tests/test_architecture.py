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
    "sync": BASE | {"domain", "store"},
    "operations": BASE | {"domain", "store", "sync", "transfer"},
    "transfer": BASE | {"domain", "store", "paths"},
    "tui": BASE | {"domain", "store", "operations", "transfer", "summaries", "collector"},
    "cli": BASE
    | {
        "domain",
        "store",
        "sync",
        "operations",
        "transfer",
        "summaries",
        "paths",
        "demo",
        "tui",
        "collector",
    },
}
# Third-party packages a part must never import.
FORBIDDEN = {
    "domain": {"tinydb", "textual", "rich", "orjson"},
    "store": {"textual", "rich", "pycrdt"},
    "sync": {"textual", "rich"},
    "operations": {"textual", "rich"},
    "transfer": {"textual", "rich"},
    "demo": {"textual", "rich", "tinydb"},
}


def part_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def imported_names(path: Path, package: Path = PACKAGE) -> set[str]:
    """Every module ``path`` (a file of ``package``) imports, as dotted names.

    Relative imports are resolved, and ``from netrack import tui`` names netrack.tui.
    """
    module = ".".join(path.relative_to(package.parent).with_suffix("").parts)
    here = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            source = ".".join([*base, node.module] if node.module else base)
            names.add(source)
            names.update(f"{source}.{alias.name}" for alias in node.names)
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
            is_module = (PACKAGE / target).is_dir() or (PACKAGE / f"{target}.py").is_file()
            if target and target != part and is_module:  # not ``from netrack import __version__``
                assert target in ALLOWED[part], f"{part} must not import netrack.{target}"
        else:
            assert top not in FORBIDDEN.get(part, set()), f"{part} must not import {top}"


@pytest.mark.parametrize(
    ("source", "names"),
    [
        ("import rich.text", {"rich.text"}),
        ("def f():\n    from textual import widgets", {"textual", "textual.widgets"}),
        ("from netrack import tui", {"netrack", "netrack.tui"}),
        ("from ..tui import app", {"netrack.tui", "netrack.tui.app"}),
        ("from . import codec", {"netrack.store", "netrack.store.codec"}),
        ("from .files import lock", {"netrack.store.files", "netrack.store.files.lock"}),
    ],
)
def test_every_kind_of_import_is_seen(tmp_path: Path, source: str, names: set[str]) -> None:
    probe = tmp_path / "netrack" / "store" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(source)
    assert imported_names(probe, tmp_path / "netrack") == names


def test_every_module_stays_small() -> None:
    """Small, well-named modules: one over 400 lines has grown a second concept to move out."""
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
