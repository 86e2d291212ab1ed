"""Other command-line trackers' quick adds, on a history of the same length, for comparison.

Measured only where installed (``jrnl`` and taskwarrior's ``task`` on the PATH, or the
commands named by ``NETRACK_BENCH_JRNL`` / ``NETRACK_BENCH_TASK``); otherwise they are
left out without a word. Each gets its own folder under the benchmark's temporary one,
filled with as many entries as the size has actions, so nothing of the user's is read.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

from timing import Paired, paired

JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.2
"""


def _command(variable: str, name: str) -> str | None:
    return os.environ.get(variable) or shutil.which(name)


def _jrnl(folder: Path, entries: int) -> tuple[list[str], dict[str, str]] | None:
    jrnl = _command("NETRACK_BENCH_JRNL", "jrnl")
    if jrnl is None:
        return None
    journal = folder / "journal.txt"
    (folder / "jrnl").mkdir(parents=True)
    (folder / "jrnl" / "jrnl.yaml").write_text(JRNL_CONFIG.format(journal=journal))
    with journal.open("w") as out:
        for n in range(entries):
            day = 1 + n % 28
            out.write(f"[2020-01-{day:02d} 09:{n % 60:02d}] sent a note to contact {n}\n\n")
    return [jrnl, "sent the hiring deck"], {"XDG_CONFIG_HOME": str(folder)}


def _task(folder: Path, entries: int) -> tuple[list[str], dict[str, str]] | None:
    task = _command("NETRACK_BENCH_TASK", "task")
    if task is None:
        return None
    rc = folder / "taskrc"
    rc.write_text(f"data.location={folder / 'data'}\nconfirmation=off\nverbose=nothing\n")
    env = {"TASKRC": str(rc)}
    if entries:
        done = [
            {
                "description": f"sent a note to contact {n}",
                "entry": "20200101T090000Z",
                "end": "20200101T100000Z",
                "status": "completed",
                "uuid": str(uuid.UUID(int=n + 1)),
            }
            for n in range(entries)
        ]
        (folder / "import.json").write_text(json.dumps(done))
        subprocess.run(
            [task, "import", str(folder / "import.json")],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
    return [task, "add", "sent the hiring deck"], env


PEERS: dict[str, Callable[[Path, int], tuple[list[str], dict[str, str]] | None]] = {
    "jrnl": _jrnl,
    "task add": _task,
}


def measure_peers(
    folder: Path, entries: int, floor: list[str], env: dict[str, str], runs: int
) -> dict[str, Paired]:
    """Each installed peer's quick add with ``entries`` entries, timed against ``floor``."""
    found = {}
    for name, setup in PEERS.items():
        place = folder / name.split()[0]
        place.mkdir(parents=True)
        made = setup(place, entries)
        if made is not None:
            command, extra = made
            found[name] = paired(command, floor, {**env, **extra}, runs)
    return found
