"""`due` reads: it loads none of the machinery that writes (quick add, transactions)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import python_command

WRITES = (
    "netrack.operations",
    "netrack.domain.quicklog",
    "netrack.store.quick",
    "netrack.store.transaction",
)

PROBE = """\
import sys
from netrack.cli.main import main
code = main(['due'])
loaded = [m for m in sorted(sys.modules) if m.startswith(tuple(sys.argv[1:]))]
print(code, loaded)
"""


def test_due_imports_nothing_that_writes(cli, db_path: Path) -> None:
    assert cli("meet", "Priya Nair", "coffee").code == 0  # opens a follow-up
    out = subprocess.run(
        python_command(PROBE, *WRITES),
        capture_output=True,
        text=True,
        env={**os.environ, "NETRACK_DB": str(db_path)},
        timeout=60,
    )
    assert "Priya Nair" in out.stdout, out.stdout + out.stderr
    assert out.stdout.strip().splitlines()[-1] == "0 []", out.stdout + out.stderr
