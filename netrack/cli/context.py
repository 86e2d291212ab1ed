"""What every command gets: the store, the moment it runs, and where to print."""

from __future__ import annotations

import sys
from typing import TextIO

import pendulum

from netrack import clock
from netrack.errors import NetrackError, UsageError
from netrack.paths import resolve_db_path
from netrack.store import Store


class Context:
    """A command's surroundings. ``now`` is read once, so a command sees one moment."""

    def __init__(
        self,
        store: Store,
        now: pendulum.DateTime,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.store = store
        self.now = now
        self.out = out or sys.stdout
        self.err = err or sys.stderr

    @classmethod
    def from_args(cls, db: str | None) -> Context:
        return cls(store=Store(resolve_db_path(db)), now=clock.now())

    def say(self, line: str = "") -> None:
        self.out.write(line + "\n")

    def warn(self, line: str) -> None:
        self.err.write(line + "\n")

    def confirm(self, question: str, yes: bool, command: str) -> None:
        """Ask ``question`` on the terminal before something destructive, unless ``yes``.

        Without a terminal to ask on (a script, a pipe) the command is refused rather
        than run unasked; ``--yes`` runs it. Any answer but y or yes changes nothing.
        """
        if yes:
            return
        if not sys.stdin.isatty():
            raise UsageError(
                f"{command} asks before it changes anything, and there is no terminal to "
                "ask on; nothing was changed (add --yes to go ahead without asking)"
            )
        self.err.write(f"{question} [y/N] ")
        self.err.flush()
        answer = sys.stdin.readline()
        if answer.strip().casefold() not in ("y", "yes"):
            raise NetrackError(f"{command}: not confirmed; nothing was changed")
