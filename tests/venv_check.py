"""Whether the running Python has what pyproject.toml asks for (a stale .venv)."""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.requirements import Requirement


def missing_requirements(pyproject: Path) -> list[str]:
    """The requirements of ``pyproject`` (dependencies and the test extra) that the
    installed packages do not meet, each with what is installed instead.

    A test run in a .venv made before a dependency was added would otherwise fail half
    way, as "internal error: ModuleNotFoundError" from whichever command first needs it.
    """
    project = tomllib.loads(pyproject.read_text())["project"]
    wanted = [*project["dependencies"], *project.get("optional-dependencies", {}).get("test", [])]
    missing = []
    for text in wanted:
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        try:
            installed = version(requirement.name)
        except PackageNotFoundError:
            missing.append(f"{text} (not installed)")
            continue
        if not requirement.specifier.contains(installed, prereleases=True):
            missing.append(f"{text} (installed {installed})")
    return missing
