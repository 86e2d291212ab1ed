"""What every command pays before it starts: `netrack --version` loads the command line
alone, not the dates library, the data model or the table of commands."""

from __future__ import annotations

import subprocess
import sys

from netrack import __version__

PROBE = """\
import sys
from netrack.cli.main import main
code = main(sys.argv[1:2])
print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('pendulum', 'tinydb')
    or m in ('netrack.domain.models', 'netrack.domain.when', 'netrack.cli.command_table')))
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    # Not through tests/helpers/frozen_netrack.py: freezing the clock imports pendulum.
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60
    )


def test_version_imports_no_dates_library_nor_model_nor_command_table() -> None:
    out = _run("--version")
    assert out.stdout.splitlines() == [f"netrack {__version__}", "0 []"], out.stderr


def test_help_still_lists_every_command() -> None:
    out = _run("--help")
    assert "contacts" in out.stdout and "doctor" in out.stdout and "week" in out.stdout
    assert out.stdout.splitlines()[-1].startswith("0 ")
