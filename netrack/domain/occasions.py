"""Whose important dates are coming up: birthdays and the other dates contacts have.

A date comes up ``COMING_UP_DAYS`` before its day. Getting in touch with the person
from then on (any action logged with them) sees to it: ``next`` no longer suggests it,
and Today shows it ticked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from netrack.domain.dates import BIRTHDAY, COMING_UP_DAYS, DateComing, YearlyDate, coming_dates
from netrack.domain.models import Contact


def dates_of(contact: Contact) -> list[tuple[str, YearlyDate]]:
    """A contact's important dates, labelled: the birthday first, then the others."""
    found = [(BIRTHDAY, contact.birthday)] if contact.birthday is not None else []
    return found + [(label, day) for label, day in contact.dates if label != BIRTHDAY]


def coming_up(
    contacts: Iterable[Contact], today: date, within: int = COMING_UP_DAYS
) -> list[DateComing]:
    """The dates of active contacts from ``today`` to ``within`` days after it, soonest first."""
    dated = (
        (c.id, dates_of(c))
        for c in contacts
        if (c.birthday is not None or c.dates) and not c.archived
    )
    return coming_dates(dated, today, within)


def seen_to_on(coming: DateComing, last_touches: Mapping[str, date]) -> date | None:
    """The day you last got in touch with the person since ``coming`` came up, or None
    while it is still to do.

    ``last_touches``: each contact's last day in touch (``Analysis.last_touches``).
    """
    day = last_touches.get(coming.contact_id)
    if day is None or day < coming.on - timedelta(days=COMING_UP_DAYS):
        return None
    return day


def still_to_do(dates: Iterable[DateComing], last_touches: Mapping[str, date]) -> list[DateComing]:
    """The dates nobody has been in touch for yet (see ``seen_to_on``)."""
    return [d for d in dates if seen_to_on(d, last_touches) is None]


def every_date(contacts: Iterable[Contact]) -> list[tuple[Contact, str, YearlyDate]]:
    """Every important date of every active contact (for a calendar)."""
    return [(c, label, day) for c in contacts if not c.archived for label, day in dates_of(c)]
