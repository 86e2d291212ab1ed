"""The app's six screens (modes): their keys and titles, each imported when first made.

Importing them all made Today's first paint wait for the other five screens' modules.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

    from netrack.tui.screens.base import DataScreen

# mode name, key, title, screen class (in netrack.tui.screens, as module:Class)
SCREENS = (
    ("today", "1", "Today", "today:TodayScreen"),
    ("contacts", "2", "Contacts", "contacts:ContactsScreen"),
    ("review", "3", "Review", "review:ReviewScreen"),
    ("streaks", "4", "Streaks", "streaks:StreaksScreen"),
    ("reciprocity", "5", "Reciprocity", "reciprocity:ReciprocityScreen"),
    ("events", "6", "Events", "events:EventsScreen"),
)


def screen_class(where: str) -> type[DataScreen]:
    """The screen class ``module:Class`` of ``netrack.tui.screens``, imported now."""
    module, name = where.split(":")
    found: type[DataScreen] = getattr(import_module(f"netrack.tui.screens.{module}"), name)
    return found


def mode_screens() -> list[tuple[str, str, str, type[DataScreen]]]:
    """``SCREENS`` with their classes (for the help and the command palette)."""
    return [(name, key, title, screen_class(where)) for name, key, title, where in SCREENS]


def mode_factories() -> dict[str, str | Callable[[], Screen[Any]]]:
    """The app's ``MODES``: each mode's screen, made (and its module imported) on demand."""
    return {name: partial(_make_screen, where) for name, _, _, where in SCREENS}


def _make_screen(where: str) -> DataScreen:
    return screen_class(where)()
