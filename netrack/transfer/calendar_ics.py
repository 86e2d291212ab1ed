"""Open follow-ups and important dates as an iCalendar file, to add to any calendar.

Each follow-up becomes an all-day event on its due date (what every calendar shows) or,
if asked, a to-do due that day (for task apps). Each important date (a birthday, a work
anniversary) becomes an all-day event repeating every year, with an alarm the day
before. UIDs are stable, so importing a newer export updates the entries instead of
doubling them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from netrack.domain.dates import YearlyDate
from netrack.domain.models import Contact, Dataset, FollowUp

DatedContact = tuple[Contact, str, YearlyDate]  # a contact, a label, the date

PRODID = "-//netrack//follow-ups//EN"
CALENDAR_NAME = "netrack follow-ups"


def open_followups(data: Dataset) -> list[FollowUp]:
    """The follow-ups still owed, soonest due first."""
    return sorted((f for f in data.followups if f.is_open), key=lambda f: (f.due, f.created))


def followups_ics(
    data: Dataset, now: datetime, as_todos: bool = False, dates: Iterable[DatedContact] = ()
) -> bytes:
    """The open follow-ups of ``data`` (events, or to-dos) and the important ``dates``
    (yearly events) as iCalendar bytes."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    stamp = now.astimezone(UTC)
    contacts = {contact.id: contact for contact in data.contacts}
    for followup in open_followups(data):
        contact = contacts.get(followup.contact_id)
        item: icalendar.Todo | icalendar.Event
        if as_todos:
            item = icalendar.Todo()
            item.add("due", followup.due)
            item.add("status", "NEEDS-ACTION")
        else:
            item = icalendar.Event()
            item.add("dtstart", followup.due)
            item.add("dtend", followup.due + timedelta(days=1))
            item.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
        item.add("uid", f"followup-{followup.id}@netrack")
        item.add("dtstamp", stamp)
        item.add("created", followup.created.astimezone(UTC))
        item.add("summary", _summary(followup, contact))
        item.add("description", _description(followup, contact))
        item.add("categories", ["netrack"])
        calendar.add_component(item)
    for contact, label, yearly in dates:
        calendar.add_component(_yearly_event(contact, label, yearly, now, stamp))
    return calendar.to_ical()


def _yearly_event(
    contact: Contact, label: str, yearly: YearlyDate, now: datetime, stamp: datetime
) -> Any:
    """An all-day event every year on the date, with an alarm the day before."""
    import icalendar

    first = yearly.in_year(now.year)
    event = icalendar.Event()
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(days=1))
    if (yearly.month, yearly.day) == (2, 29):
        # The last day of February: Feb 29 in leap years, Feb 28 in the others.
        event.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
    else:
        event.add("rrule", {"freq": "yearly"})
    event.add("transp", "TRANSPARENT")
    digest = hashlib.sha1(label.casefold().encode()).hexdigest()[:12]
    event.add("uid", f"date-{contact.id}-{digest}@netrack")
    event.add("dtstamp", stamp)
    event.add("summary", f"{contact.name}: {label}")
    since = f" (since {yearly.year})" if yearly.year is not None else ""
    event.add("description", f"{label} of {contact.name}, {yearly.text()}{since}")
    event.add("categories", ["netrack"])
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Tomorrow: {contact.name}'s {label}")
    alarm.add("trigger", timedelta(days=-1))
    event.add_component(alarm)
    return event


def _summary(followup: FollowUp, contact: Contact | None) -> str:
    who = contact.name if contact else "someone"
    if not followup.text:
        return f"Follow up with {who}"
    if followup.text.casefold().startswith("follow up"):
        return f"{followup.text} ({who})"
    return f"Follow up with {who}: {followup.text}"


def _description(followup: FollowUp, contact: Contact | None) -> str:
    lines = [followup.text] if followup.text else []
    if contact is not None:
        details = [contact.company, contact.role, contact.email, contact.url]
        lines.append(" · ".join([contact.name, *(d for d in details if d)]))
    lines.append(f"netrack follow-up {followup.id}")
    return "\n".join(lines)
