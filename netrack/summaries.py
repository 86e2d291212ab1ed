"""Short phrases about dates and changes, shared by the command line and the app."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from netrack.domain.humanize import clip, short_day
from netrack.domain.text import printable

if TYPE_CHECKING:  # in annotations alone: a quick add imports no introduction's logic, and
    # a listing (cold, balance) none of a quick add's
    from netrack.domain.introductions import IntroOutcome
    from netrack.domain.quicklog import LogOutcome


def short_moment(moment: datetime) -> str:
    return f"{short_day(moment.date())} {moment:%H:%M}"


def percent(share: float | None) -> str:
    """``67%``, or ``—`` when there is no share to show."""
    return "—" if share is None else f"{round(share * 100)}%"


def signed(number: int) -> str:
    """``+3``, ``-2``, ``+1,204`` or ``0`` (a balance)."""
    return f"{number:+,d}" if number else "0"


def logged_line(outcome: LogOutcome, progress: str, today: date) -> str:
    """``logged give → Dana Lee · Thu 19 Nov · gives this week 2/3`` (and what else changed)."""
    action = outcome.action
    who = outcome.contact.name if outcome.contact else "no contact"
    parts = [
        f"logged {printable(action.kind)} → {printable(who)}",
        short_day(action.at.date(), today),
    ]
    parts.append(progress)
    if outcome.opened is not None:
        parts.append(f"follow-up due {short_day(outcome.opened.due, today)}")
    if outcome.closed is not None:
        parts.append(f"closed follow-up “{printable(clip(outcome.closed.text))}”")
    if outcome.checked is not None:
        parts.append(f"plan ✓ {outcome.checked.week}")
    return " · ".join(parts)


def introduced_line(outcome: IntroOutcome, progress: str, today: date) -> str:
    """``introduced Ana Diaz ↔ Ben Carter · Thu 19 Nov · gives this week 2/3``, or for an
    introduction made to you ``logged receive → Cleo: introduced you to Dov · ...``."""
    intro = outcome.introduction
    known = [o.contact for o in outcome.logged if o.contact is not None]
    names = {c.id: printable(c.name) for c in (*known, *outcome.new_contacts)}
    first = names.get(intro.a_id, "?")
    if intro.made_by_you:
        line = f"introduced {first} ↔ {names.get(intro.b_id or '', '?')}"
    else:
        line = f"logged receive → {names.get(intro.by_id or '', '?')}: introduced you to {first}"
    return " · ".join((line, short_day(intro.at.date(), today), progress))


def records_counted(counts: dict[str, int], nouns: dict[str, tuple[str, str]]) -> str:
    """``3 actions, 1 contact`` from records counted by table ("" when there are none).

    ``nouns``: each table's record in the singular and the plural (``schema.NOUNS``).
    """
    parts = []
    for table, count in sorted(counts.items()):
        one, many = nouns.get(table, (table, table))
        parts.append(f"{count} {one if count == 1 else many}")
    return ", ".join(parts)


def arrivals(
    received: dict[str, int], removed: dict[str, int], nouns: dict[str, tuple[str, str]]
) -> str:
    """What a sync run took in from the other computers ("" when nothing)."""
    lines = []
    if received:
        lines.append(f"took in {records_counted(received, nouns)}")
    if removed:
        lines.append(f"removed as there: {records_counted(removed, nouns)}")
    return "\n".join(lines)
