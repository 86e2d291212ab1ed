"""Publishing right after a write, without making the write wait for it.

A command that changed the data file (a quick add, say) starts ``netrack sync
--background`` as a detached process and returns at once: the change reaches the folder
a fraction of a second later. ``NETRACK_SYNC_PUBLISH`` chooses otherwise: ``now`` runs
the sync inside the command (slower, but done when the prompt returns), ``later`` leaves
it to the next command, the app or ``netrack sync``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PUBLISH_ENV = "NETRACK_SYNC_PUBLISH"
BACKGROUND, NOW, LATER = "background", "now", "later"


def publish_mode() -> str:
    mode = os.environ.get(PUBLISH_ENV, BACKGROUND).strip().lower()
    return mode if mode in (BACKGROUND, NOW, LATER) else BACKGROUND


def start_background_sync(data_path: Path) -> bool:
    """Start a detached ``netrack sync`` for this data file; False if it cannot start."""
    argv = [sys.executable, "-m", "netrack", "sync", "--background", "--db", str(data_path)]
    devnull = os.devnull
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, devnull, os.O_WRONLY, 0),
    ]
    try:
        # Its own session: closing the terminal or Ctrl-C here does not stop it.
        os.posix_spawn(sys.executable, argv, dict(os.environ), file_actions=actions, setsid=True)
    except OSError:
        return False
    return True
