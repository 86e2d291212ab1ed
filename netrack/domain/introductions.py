"""Introductions: one of the best gives, counted for both people and linking them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import NamedTuple

from netrack.domain.contacts import find_or_add, name_key
from netrack.domain.ids import new_id
from netrack.domain.kinds import GIVE, RECEIVE
from netrack.domain.models import Contact, Dataset, Introduction
from netrack.domain.quicklog import LogOutcome, LogRequest, plan_log, with_logged
from netrack.domain.text import check_note
from netrack.domain.weeks import Calendar, Week, calendar_for
from netrack.errors import UsageError, quoted

YOU_INTRODUCED, INTRODUCED_YOU, INTRODUCED_TO_YOU = (
    "you-introduced",
    "introduced-you",
    "introduced-to-you",
)


class IntroOutcome(NamedTuple):
    """The records one introduction adds or changes: the link and what was logged."""

    introduction: Introduction
    logged: tuple[LogOutcome, ...]  # a give to each person, or the help received
    new_contacts: tuple[Contact, ...]


def plan_introduction(
    data: Dataset,
    first: str,
    second: str,
    at: datetime,
    now: datetime,
    note: str = "",
    channel: str = "other",
    make_id: Callable[[], str] = new_id,
    new: bool = False,
) -> IntroOutcome:
    """Introducing ``first`` to ``second``: a give logged to each, and the link.

    Each name is found like a quick add's (a new name becomes a contact); ``new``: a name
    close to an existing contact's is a new person, not a typo.
    """
    note = check_note(note).strip()
    a, a_new = find_or_add(data, first, now, make_id, new)
    b, b_new = (a, False) if _same(first, second) else find_or_add(data, second, now, make_id, new)
    if a.id == b.id:
        raise UsageError(f"an introduction needs two people; {quoted(a.name)} is named twice")
    news = tuple(c for c, new in ((a, a_new), (b, b_new)) if new)
    data = data._replace(contacts=(*data.contacts, *news))
    logged = []
    for person, other in ((a, b), (b, a)):
        request = LogRequest(
            kind=GIVE,
            contact_name=None,
            contact_id=person.id,
            at=at,
            note=intro_note(other.name, note),
            channel=channel,
        )
        outcome = plan_log(data, request, now, make_id)
        logged.append(outcome)
        data = with_logged(data, outcome)
    introduction = Introduction(
        id=make_id(),
        a_id=a.id,
        b_id=b.id,
        at=at,
        logged=now,
        note=note,
        action_ids=tuple(o.action.id for o in logged),
    )
    return IntroOutcome(introduction, tuple(logged), news)


def plan_received_introduction(
    data: Dataset,
    request: LogRequest,
    introduced: str,
    now: datetime,
    make_id: Callable[[], str] = new_id,
) -> IntroOutcome:
    """Someone (``request``'s contact) introduced you to ``introduced``.

    Logs the help received from the introducer (``request``, a ``receive``) and
    records who introduced you to whom; a new ``introduced`` becomes a contact whose
    "how we met" says who introduced you. ``request.new_contact`` holds for both names.
    """
    if request.kind != RECEIVE:
        raise UsageError("--intro-to goes with 'receive': netrack receive Ana --intro-to Ben")
    if request.contact_name is not None and _same(request.contact_name, introduced):
        raise UsageError(f"{quoted(introduced)} cannot introduce you to themselves")
    note = check_note(request.note).strip()
    person, is_new = find_or_add(data, introduced, now, make_id, request.new_contact)
    request = request._replace(
        note=f"introduced you to {person.name}" + (f": {note}" if note else "")
    )
    outcome = plan_log(data, request, now, make_id)
    introducer = outcome.contact
    assert introducer is not None  # a receive always names its contact
    if person.id == introducer.id:
        raise UsageError(f"{quoted(introducer.name)} cannot introduce you to themselves")
    news = [outcome.contact] if outcome.new_contact and outcome.contact else []
    if is_new:
        met_on = calendar_for(data.settings).day_of(request.at)
        person = person._replace(met_how=f"introduced by {introducer.name}", met_on=met_on)
        news.append(person)
    introduction = Introduction(
        id=make_id(),
        a_id=person.id,
        b_id=None,
        by_id=introducer.id,
        at=request.at,
        logged=now,
        note=note,
        action_ids=(outcome.action.id,),
    )
    return IntroOutcome(introduction, (outcome,), tuple(news))


def intro_note(other: str, note: str) -> str:
    """The note of the give logged to one person: ``introduced to Ben Carter: why``."""
    return f"introduced to {other}: {note}" if note else f"introduced to {other}"


def _same(first: str, second: str) -> bool:
    return name_key(first) == name_key(second)


# Reading them back ---------------------------------------------------------------------


class IntroLine(NamedTuple):
    """One introduction as it concerns one contact."""

    introduction: Introduction
    # "you-introduced": you introduced them to ``other_id``; "introduced-you": they
    # introduced you to ``other_id``; "introduced-to-you": ``other_id`` introduced them.
    role: str
    other_id: str | None

    @property
    def day(self) -> date:
        return self.introduction.at.date()


def introductions_of(introductions: Iterable[Introduction], contact_id: str) -> list[IntroLine]:
    """The introductions that name ``contact_id``, newest first."""
    lines = []
    for intro in introductions:
        if intro.by_id is None and contact_id in (intro.a_id, intro.b_id):
            other = intro.b_id if intro.a_id == contact_id else intro.a_id
            lines.append(IntroLine(intro, YOU_INTRODUCED, other))
        elif intro.by_id == contact_id:
            lines.append(IntroLine(intro, INTRODUCED_YOU, intro.a_id))
        elif intro.a_id == contact_id:
            lines.append(IntroLine(intro, INTRODUCED_TO_YOU, intro.by_id))
    return sorted(lines, key=lambda line: line.introduction.at, reverse=True)


def intro_phrase(line: IntroLine, name_of: Callable[[str | None], str]) -> str:
    """``introduced to Ben``, ``introduced you to Ben``, ``introduced to you by Ana``."""
    other = name_of(line.other_id)
    if line.role == YOU_INTRODUCED:
        return f"introduced to {other}"
    if line.role == INTRODUCED_YOU:
        return f"introduced you to {other}"
    return f"introduced to you by {other}"


def introductions_made(
    introductions: Iterable[Introduction], week: Week, calendar: Calendar
) -> list[Introduction]:
    """The introductions you made in ``week``, in the order they happened."""
    made = [i for i in introductions if i.made_by_you and week.contains(calendar.day_of(i.at))]
    return sorted(made, key=lambda i: i.at)
