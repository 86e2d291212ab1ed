"""Installs netrack into .venv when pyproject.toml says something new: `make` runs it.

The install is kept (a copy of the pyproject.toml it was made from, beside the venv) and
done again only when that file's text changes: not when a checkout or a merge merely
gives it a new date, which would make pip take netrack out and put it back while the
tests of another run import it. Two runs at once wait for each other behind a lock, and
the second finds the install done.
"""

from __future__ import annotations

import fcntl
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

# What each make target needs; "test" holds everything "run" does.
EXTRAS = {"run": ("run", "test"), "test": ("test",)}


def pip_install(venv: Path, spec: str) -> None:
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", spec], check=True)


def install(
    root: Path, venv: Path, extra: str, pip: Callable[[Path, str], None] = pip_install
) -> bool:
    """Install ``root`` into ``venv`` with ``extra`` unless an install made from the same
    pyproject.toml already covers it; True when pip ran."""
    with open(venv / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        wanted = (root / "pyproject.toml").read_bytes()
        if any(_installed(venv, name) == wanted for name in EXTRAS[extra]):
            return False
        pip(venv, f"{root}[test]" if extra == "test" else str(root))
        # The text installed from, read before pip ran: a merge meanwhile installs again.
        (venv / f".installed-{extra}.toml").write_bytes(wanted)
        return True


def _installed(venv: Path, extra: str) -> bytes | None:
    try:
        return (venv / f".installed-{extra}.toml").read_bytes()
    except FileNotFoundError:
        return None


if __name__ == "__main__":
    here = Path(__file__).resolve().parent.parent
    install(here, here / ".venv", sys.argv[1])
