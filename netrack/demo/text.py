"""The people, words and notes the demo history is made of, read from ``text.toml``.

The text is data, kept beside this module in ``text.toml`` (shipped with the package):
edit it there. This module reads it once and gives it the shapes the story uses.
"""

from __future__ import annotations

import tomllib
from importlib.resources import files
from typing import Any, NamedTuple


class Profile(NamedTuple):
    """One hand-written demo contact and the part they play in the story."""

    name: str
    company: str
    role: str
    met_how: str
    tags: tuple[str, ...]
    circle: str | None
    cadence: int | None = None
    part: str = ""  # "new", "cold", "ask-only", "generous" or "" (an ordinary contact)
    notes: str = ""


def _profile(entry: dict[str, Any]) -> Profile:
    return Profile(**{**entry, "tags": tuple(entry.get("tags", ())), "circle": entry.get("circle")})


_TEXT = tomllib.loads(files("netrack.demo").joinpath("text.toml").read_text("utf-8"))

PROFILES = tuple(_profile(entry) for entry in _TEXT["profiles"])

# Name parts and details for the large benchmark histories.
FIRST_NAMES: tuple[str, ...] = tuple(_TEXT["crowd"]["first_names"])
LAST_NAMES: tuple[str, ...] = tuple(_TEXT["crowd"]["last_names"])
COMPANIES: tuple[str, ...] = tuple(_TEXT["crowd"]["companies"])
ROLES: tuple[str, ...] = tuple(_TEXT["crowd"]["roles"])
MET_HOW: tuple[str, ...] = tuple(_TEXT["crowd"]["met_how"])
TAGS: tuple[str, ...] = tuple(_TEXT["crowd"]["tags"])

TOPICS: tuple[str, ...] = tuple(_TEXT["story"]["topics"])
EVENTS: tuple[str, ...] = tuple(_TEXT["story"]["events"])
REFLECTIONS: tuple[str, ...] = tuple(_TEXT["story"]["reflections"])
FOCUSES: tuple[str, ...] = tuple(_TEXT["story"]["focuses"])
HOLIDAYS: tuple[str, ...] = tuple(_TEXT["story"]["holidays"])

# Note templates per kind, or per "kind-channel" where the channel changes the story.
NOTES: dict[str, tuple[str, ...]] = {kind: tuple(notes) for kind, notes in _TEXT["notes"].items()}

# The two people the demo introduces to each other this week, and those it meets at this
# week's event (demo/gatherings.py): the story leaves them be from this week on, for a
# touch it made would have closed the follow-ups those open.
INTRODUCED = ("Mateus Costa", "Elena Petrova")
MET_AT_THE_EVENT = ("Rahul Mehta", "Ingrid Haugen", "Tomás Rivera")
