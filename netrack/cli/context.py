"""What every command gets: the store, the moment it runs, and where to print."""

from __future__ import annotations

import sys
from typing import TextIO

import pendulum

from netrack import clock
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
