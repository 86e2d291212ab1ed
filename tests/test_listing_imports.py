"""The read commands load none of the machinery that writes, nor what only another
command of their module shows (a contact's events for ``contact show``): every module
imported is paid for by each listing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import python_command

NOT_FOR_READS = (
    "netrack.operations",
    "netrack.domain.quicklog",
    "netrack.domain.contact_changes",
    "netrack.domain.events",
    "netrack.store.quick",
    "netrack.store.transaction",
    "netrack.cli.jsonviews",
    "netrack.cli.confirm",
)

PROBE = """\
import sys
from netrack.cli.main import main
code = main(sys.argv[1].split())
loaded = [m for m in sorted(sys.modules) if m.startswith(tuple(sys.argv[2:]))]
print(code, loaded)
"""


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        ("contacts", "Priya Nair"),
        ("log", "Kim Park"),
        ("balance", "Dana Lee"),
        ("cold", "Priya Nair"),
        ("next", "Priya Nair"),
        ("plan", "Dana Lee"),
    ],
)
def test_a_listing_imports_nothing_that_writes(cli, db_path: Path, words: str, shown: str) -> None:
    assert cli("contact", "add", "Priya Nair", "--circle", "inner").code == 0
    assert cli("give", "Priya Nair", "sent the deck", "--on", "2026-09-01").code == 0
    assert cli("ask", "Dana Lee", "an intro", "--on", "2026-10-01").code == 0
    assert cli("plan", "add", "Dana Lee", "give").code == 0
    assert cli("give", "Kim Park", "thanks").code == 0
    out = subprocess.run(
        python_command(PROBE, words, *NOT_FOR_READS),
        capture_output=True,
        text=True,
        env={**os.environ, "NETRACK_DB": str(db_path)},
        timeout=60,
    )
    assert shown in out.stdout, out.stdout + out.stderr
    assert out.stdout.strip().splitlines()[-1] == "0 []", out.stdout + out.stderr
