"""The demo's mix: how often each kind, channel, time of day and circle comes up, the
people as the story tracks them, and picking by weight."""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from netrack.domain.keepintouch import cadence_of
from netrack.domain.kinds import ASK, FOLLOW_UP, GIVE, MEET, REACH_OUT, RECEIVE
from netrack.domain.models import Contact, Settings

DEMO_SETTINGS = Settings()  # the demo history is made for a new data file's defaults
POST = "post"  # the custom kind of the demo's own habit, "Posts shared"
DAY = timedelta(days=1)
ONE_HOUR = timedelta(hours=1)
TWO_HOURS = timedelta(hours=2)
PROTECTED = 1  # a meeting whose follow-up must stay open (overdue or due soon)

# Which channels each kind uses, and how often.
CHANNEL_MIX = {
    REACH_OUT: {"linkedin": 38, "email": 27, "message": 22, "call": 5, "event": 3, "other": 5},
    GIVE: {"email": 38, "message": 24, "linkedin": 18, "call": 8, "coffee": 6, "other": 6},
    MEET: {"coffee": 45, "call": 32, "event": 20, "other": 3},
    FOLLOW_UP: {"email": 48, "message": 28, "linkedin": 12, "call": 10, "other": 2},
    ASK: {"email": 40, "message": 30, "call": 15, "linkedin": 10, "coffee": 5},
    RECEIVE: {"email": 35, "call": 25, "message": 20, "coffee": 12, "other": 8},
    POST: {"linkedin": 80, "other": 20},
}
DESK_HOURS = (((8 * 60 + 30, 18 * 60 + 30, 1), 87), ((19 * 60 + 30, 22 * 60 + 30, 1), 13))
# When in the day each channel happens: (first minute, last minute, step), weight.
TIME_WINDOWS = {
    "linkedin": DESK_HOURS,
    "email": DESK_HOURS,
    "message": DESK_HOURS,
    "other": DESK_HOURS,
    "call": (((9 * 60, 17 * 60 + 30, 5), 1),),
    "coffee": (
        ((8 * 60, 10 * 60, 5), 40),
        ((12 * 60, 14 * 60, 5), 45),
        ((15 * 60, 17 * 60, 5), 15),
    ),
    "event": (((18 * 60, 20 * 60 + 30, 5), 75), ((10 * 60, 16 * 60, 5), 25)),
}
WEEKDAY_WEIGHTS = (1.0, 1.1, 1.1, 1.05, 0.9, 0.15, 0.1)

# How likely each circle is picked for each kind (before staleness is weighed in).
CIRCLE_WEIGHTS = {
    REACH_OUT: {"inner": 1.0, "active": 2.5, "wider": 3.0, None: 1.5},
    GIVE: {"inner": 4.0, "active": 3.0, "wider": 1.2, None: 0.6},
    MEET: {"inner": 4.0, "active": 3.0, "wider": 1.0, None: 0.6},
    FOLLOW_UP: {"inner": 2.0, "active": 2.0, "wider": 1.0, None: 1.0},
    ASK: {"inner": 2.0, "active": 2.5, "wider": 2.0, None: 1.0},
    RECEIVE: {"inner": 3.0, "active": 2.0, "wider": 1.0, None: 0.5},
}
CADENCE_UNSET = 60  # how a contact without a cadence is weighed when picking


class Person:
    """A contact and what the story needs to know about them as it unfolds."""

    __slots__ = (
        "cadence",
        "circle",
        "company",
        "contact",
        "created",
        "first",
        "gives",
        "id",
        "last_touch",
        "open",
        "part",
        "receives",
        "until",
    )

    def __init__(self, contact: Contact, part: str = "", until: datetime | None = None) -> None:
        self.contact = contact
        self.id = contact.id
        self.first = contact.name.split()[0]
        self.company = contact.company
        self.circle = contact.circle
        # As netrack reads it (the demo keeps the default settings).
        self.cadence = cadence_of(contact, DEMO_SETTINGS) or CADENCE_UNSET
        self.created = contact.created
        self.part = part
        self.until = until  # no touches after this moment: the contact goes cold
        self.last_touch = 0  # day ordinal of the last action with them; 0 = never
        self.gives = 0
        self.receives = 0
        self.open: list[str] = []  # ids of their open follow-ups


class Slot(NamedTuple):
    """A planned action: when, what, over which channel, and with whom."""

    at: datetime
    seq: int
    kind: str
    channel: str
    person: Person | None  # None: pick someone when the slot is played
    flags: int = 0


def deck(rng: random.Random, items: Sequence[str]) -> Iterator[str]:
    """``items`` in a shuffled order, reshuffled each time round: few repeats close by."""
    while True:
        yield from rng.sample(items, len(items))


def pick(random: Any, items: Sequence[Any], cum: Sequence[float]) -> Any:
    """One of ``items`` by cumulative weights (``random.choices`` for one item, quicker)."""
    return items[bisect_right(cum, random() * cum[-1], 0, len(cum) - 1)]


def cumulative(weights: Iterable[float]) -> tuple[float, ...]:
    total = 0.0
    out = []
    for weight in weights:
        total += weight
        out.append(total)
    return tuple(out)
