"""A quick add loads only what logging one action uses (its time is mostly imports)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from netrack.store import Store
from tests.conftest import python_command

# Loaded by other commands, the app or sync: never by `netrack give NAME NOTE` once the
# day's first write has been made (the quick add then appends to the journal).
NOT_FOR_A_QUICK_ADD = (
    "textual",
    "rich",
    "orjson",
    "rapidfuzz",
    "pycrdt",
    "netrack.tui",
    "netrack.sync",
    "netrack.transfer",
    "netrack.demo",
    "netrack.cli.command_table",
    "netrack.cli.jsonviews",
    "netrack.cli.output",
    "netrack.cli.plan_arguments",
    "netrack.domain.introductions",
    "netrack.domain.timeline",
    "netrack.domain.reciprocity",
    "netrack.store.generations",
    "netrack.store.readview",
)

PROBE = """\
import sys
from netrack.cli.main import main
code = main(['give', 'Dana Lee', 'sent the deck'])
loaded = sorted(sys.modules)
unwanted = [m for m in loaded if any(m == n or m.startswith(n + '.') for n in sys.argv[1:])]
commands = [m for m in loaded if m.startswith('netrack.cli.commands.')]
print(code, unwanted, commands)
"""


def test_a_quick_add_imports_nothing_it_does_not_use(cli, db_path: Path) -> None:
    assert cli("contact", "add", "Dana Lee").code == 0
    assert cli("give", "Dana Lee", "the day's first write").code == 0  # keeps today's backup
    main_file = db_path.read_bytes()
    out = subprocess.run(
        python_command(PROBE, *NOT_FOR_A_QUICK_ADD),
        capture_output=True,
        text=True,
        env={**os.environ, "NETRACK_DB": str(db_path)},
        timeout=60,
    )
    assert out.stdout.strip().splitlines()[-1] == "0 [] ['netrack.cli.commands.logging']", (
        out.stdout + out.stderr
    )
    # It took the quick path (the journal), the one whose imports are its whole cost.
    assert db_path.read_bytes() == main_file
    notes = sorted(action.note for action in Store(db_path).load().actions)
    assert notes == ["sent the deck", "the day's first write"]


TYPO_PROBE = """\
import sys
from netrack.cli.main import main
code = main(['give', 'Dana Lea', 'sent the deck'])
print(code, [m for m in ('netrack.cli.output', 'rapidfuzz') if m in sys.modules])
"""


def test_a_typo_of_a_name_is_refused_without_the_output_module(cli, db_path: Path) -> None:
    assert cli("contact", "add", "Dana Lee").code == 0
    assert cli("give", "Dana Lee", "the day's first write").code == 0
    out = subprocess.run(
        python_command(TYPO_PROBE),
        capture_output=True,
        text=True,
        env={**os.environ, "NETRACK_DB": str(db_path)},
        timeout=60,
    )
    assert "did you mean Dana Lee?" in out.stderr
    assert out.stdout.strip().splitlines()[-1] == "2 []", out.stdout + out.stderr
