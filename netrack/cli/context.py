"""What every command gets: the store, the moment it runs, and where to print."""

from __future__ import annotations

import re
import sys
from typing import TextIO

import pendulum

from netrack import clock
from netrack.domain.models import Settings
from netrack.domain.weeks import Calendar, Week
from netrack.errors import UsageError, quoted
from netrack.paths import resolve_db_path
from netrack.store import Store

_LOOKS_LIKE_LABEL = re.compile(r"^\d{4}-?w", re.ASCII)
MAX_WEEKS_BACK = 5_200  # about a hundred years


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


def calendar_for(settings: Settings) -> Calendar:
    return Calendar(settings.week_start, settings.day_starts_at)


def resolve_week(text: str | None, calendar: Calendar, now: pendulum.DateTime) -> Week:
    """The week the user named: a label, ``this``, ``last``, ``next``, or a date in it."""
    this_week = calendar.week_of(now)
    if text is None:
        return this_week
    key = text.strip().casefold()
    if key in ("", "this", "now", "current"):
        return this_week
    if key in ("last", "previous", "prev"):
        return this_week.shifted(-1)
    if key == "next":
        return this_week.shifted(1)
    back = key.removeprefix("-")
    if key.startswith("-") and back.isascii() and back.isdigit():
        if int(back) > MAX_WEEKS_BACK:
            raise UsageError(f"week {quoted(text)} is too far back (at most {MAX_WEEKS_BACK})")
        return this_week.shifted(-int(back))
    if _LOOKS_LIKE_LABEL.match(key):
        return calendar.week_labelled(text)
    from netrack.domain.when import parse_on

    try:
        return calendar.week_of(parse_on(text, now, calendar))
    except UsageError:
        raise UsageError(
            f"unknown week {quoted(text)}; "
            "use a label like 2026-W47, 'this', 'last', '-2', or a date"
        ) from None
