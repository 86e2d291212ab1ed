"""Finding and ordering contacts in a list: search words, filters, and sort orders.

The search matches every word typed (any case) against a contact's name, company, role,
how you met, tags and notes, and the notes of every action with them. The filters
narrow by circle, by tag, and to those past their keep-in-touch cadence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

from netrack.domain.keepintouch import OVERDUE, TouchStatus
from netrack.domain.models import CIRCLES, Action, Contact
from netrack.domain.text import fold, name_order

NO_CIRCLE = "none"
CIRCLE_CHOICES = (*CIRCLES, NO_CIRCLE)  # what the circle filter steps through

NAME, LAST_TOUCH, BALANCE, CIRCLE, COLDNESS = "name", "last", "balance", "circle", "overdue"
SORTS = {
    # sort: (what it reads as, descending by default)
    NAME: ("name", False),
    LAST_TOUCH: ("last touch, longest ago first", False),
    BALANCE: ("balance, lowest first", False),
    CIRCLE: ("circle, closest first", False),
    COLDNESS: ("overdue, furthest past the cadence first", True),
}


class ContactQuery(NamedTuple):
    """What the list shows: words to find, and filters (None: no filter)."""

    words: tuple[str, ...] = ()
    circle: str | None = None  # a circle, or NO_CIRCLE for contacts without one
    tag: str | None = None
    overdue: bool = False

    @classmethod
    def typed(cls, text: str, **filters: object) -> ContactQuery:
        return cls(tuple(fold(text).split()), **filters)  # type: ignore[arg-type]

    def describe(self) -> str:
        """The filters in a few words ("circle inner · tag python · overdue")."""
        parts = []
        if self.circle is not None:
            parts.append(f"circle {self.circle}")
        if self.tag is not None:
            parts.append(f"tag {self.tag}")
        if self.overdue:
            parts.append("overdue")
        return " · ".join(parts)


def action_notes(actions: Iterable[Action]) -> dict[str, str]:
    """Every contact's action notes, folded for searching, by contact id."""
    notes: dict[str, list[str]] = {}
    for action in actions:
        if action.note and action.contact_id is not None:
            notes.setdefault(action.contact_id, []).append(action.note)
    return {cid: fold("\n".join(texts)) for cid, texts in notes.items()}


def matches(
    contact: Contact,
    query: ContactQuery,
    touch: TouchStatus | None,
    notes_of: Callable[[], Mapping[str, str]],
) -> bool:
    """True when ``contact`` passes the filters and has every word somewhere.

    ``notes_of`` gives the action notes by contact (``action_notes``); it is asked only
    when a word is not found in the contact's own fields.
    """
    if query.circle is not None and (contact.circle or NO_CIRCLE) != query.circle:
        return False
    if query.tag is not None and query.tag.casefold() not in (t.casefold() for t in contact.tags):
        return False
    if query.overdue and (touch is None or touch.status != OVERDUE):
        return False
    if not query.words:
        return True
    own = fold(
        " ".join(
            (
                contact.name,
                contact.company,
                contact.role,
                contact.met_how,
                contact.notes,
                *contact.tags,
            )
        )
    )
    missing = [word for word in query.words if word not in own]
    if not missing:
        return True
    theirs = notes_of().get(contact.id, "")
    return all(word in theirs for word in missing)


def sort_key(
    sort: str,
    touches: Mapping[str, TouchStatus],
    last_touch: Mapping[str, date],
    balances: Mapping[str, int],
) -> Callable[[Contact], Any]:
    """What orders contacts by ``sort``, ascending (``ordered`` breaks ties by name).

    Last touch puts those never in touch first; circle puts those without one last;
    overdue grows with how far past the cadence (relative to it) a contact is.
    """
    if sort == LAST_TOUCH:
        return lambda c: (c.id in last_touch, last_touch.get(c.id, date.min))
    if sort == BALANCE:
        return lambda c: balances.get(c.id, 0)
    if sort == CIRCLE:
        order = {circle: n for n, circle in enumerate(CIRCLES)}
        return lambda c: order.get(c.circle or "", len(CIRCLES))
    if sort == COLDNESS:

        def coldness(contact: Contact) -> tuple[float, int]:
            touch = touches.get(contact.id)
            if touch is None:
                return (-1.0, 0)
            late = touch.coldness if touch.status == OVERDUE else -1.0
            return (late, touch.days_since)

        return coldness
    return lambda c: name_order(c.name)


def ordered(
    contacts: Iterable[Contact], key: Callable[[Contact], Any], descending: bool
) -> list[Contact]:
    """``contacts`` sorted by ``key``; within a tie, names run A to Z either way."""
    by_name = sorted(contacts, key=lambda c: name_order(c.name))
    return sorted(by_name, key=key, reverse=descending)  # stable: ties keep name order
