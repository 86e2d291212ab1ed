"""The first steps of a new user, and which of them are done.

A new data file is empty: the guide on Today walks through bringing in the people you
know, setting weekly targets, sorting people into circles and logging a first action.
It stays until every step is done or the file has been in use for a couple of weeks,
so it does not vanish after the first log.
"""

from __future__ import annotations

from typing import NamedTuple

from netrack.domain.habits import DEFAULT_HABITS
from netrack.domain.models import Dataset
from netrack.domain.weeks import Calendar

IMPORT, TARGETS, CIRCLES, FIRST_LOG = "import", "targets", "circles", "first-log"
CLOSE_CIRCLES = ("inner", "active")
GUIDED_WEEKS = 2  # once actions fall in this many weeks, the user has found their way


class StartStep(NamedTuple):
    name: str
    done: bool


def start_steps(data: Dataset) -> list[StartStep]:
    """The four first steps, each done or not."""
    defaults = {(name, kinds, target) for _, name, kinds, target in DEFAULT_HABITS}
    mine = {(h.name, h.kinds, h.target) for h in data.habits}
    return [
        StartStep(IMPORT, bool(data.contacts)),
        StartStep(TARGETS, mine != defaults),
        StartStep(CIRCLES, any(c.circle in CLOSE_CIRCLES for c in data.contacts)),
        StartStep(FIRST_LOG, bool(data.actions)),
    ]


def needs_guide(data: Dataset, calendar: Calendar) -> bool:
    """True while the user is still finding their way (see the module's docstring)."""
    if all(step.done for step in start_steps(data)):
        return False
    weeks: set[int] = set()
    for action in data.actions:
        weeks.add(calendar.week_index(calendar.day_of(action.at)))
        if len(weeks) >= GUIDED_WEEKS:
            return False
    return True
