"""Whose important dates are coming up: birthdays and the other dates contacts have."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

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
    return coming_dates(((c.id, dates_of(c)) for c in contacts if not c.archived), today, within)


def every_date(contacts: Iterable[Contact]) -> list[tuple[Contact, str, YearlyDate]]:
    """Every important date of every active contact (for a calendar)."""
    return [(c, label, day) for c in contacts if not c.archived for label, day in dates_of(c)]
