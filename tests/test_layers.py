"""The layers stay apart: the domain and the store never reach up into the UI.

Every import statement of a module counts, at its top or inside a function (a lazy
import still ties the layers together), relative ones resolved to the module they name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "netrack"

FORBIDDEN = {
    "domain": ("netrack.store", "netrack.tui", "textual", "rich"),
    "store": ("netrack.tui", "textual", "rich"),
}


def imported_modules(path: Path, package_dir: Path = PACKAGE) -> set[str]:
    """The names of every module ``path`` (a file of ``package_dir``) imports, anywhere in it."""
    module = ".".join(path.relative_to(package_dir.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            # ``from netrack import tui`` imports the module netrack.tui.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def breaches(layer: str, package_dir: Path = PACKAGE) -> list[str]:
    """Each import of a module ``layer`` must not use, as "netrack/store/x.py imports rich"."""
    out = []
    for path in sorted((package_dir / layer).rglob("*.py")):
        for name in sorted(imported_modules(path, package_dir)):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                out.append(f"{path.relative_to(package_dir.parent)} imports {name}")
    return out


@pytest.mark.parametrize("layer", list(FORBIDDEN))
def test_a_lower_layer_never_imports_a_higher_one(layer: str) -> None:
    assert list((PACKAGE / layer).rglob("*.py")), f"netrack/{layer} has no modules"
    assert breaches(layer) == []


@pytest.mark.parametrize(
    ("source", "imports"),
    [
        ("import rich.text", {"rich.text"}),
        (
            "def f():\n    from textual.widgets import Static",
            {"textual.widgets", "textual.widgets.Static"},
        ),
        ("from netrack import tui", {"netrack", "netrack.tui"}),
        ("from ..tui import app", {"netrack.tui", "netrack.tui.app"}),
        ("from . import codec", {"netrack.store", "netrack.store.codec"}),
        ("from .store import Store", {"netrack.store.store", "netrack.store.store.Store"}),
    ],
)
def test_the_check_sees_every_kind_of_import(tmp_path, source, imports) -> None:
    # A module netrack/store/probe.py in a package of its own.
    package = tmp_path / "netrack"
    (package / "store").mkdir(parents=True)
    probe = package / "store" / "probe.py"
    probe.write_text(source)
    assert imported_modules(probe, package) == imports
    assert bool(breaches("store", package)) == any(
        name.startswith(("netrack.tui", "textual", "rich")) for name in imports
    )
