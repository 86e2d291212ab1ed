"""Open follow-ups as an iCalendar file, to add to any calendar.

Each follow-up becomes an all-day event on its due date (what every calendar shows) or,
if asked, a to-do due that day (for task apps). Its UID is stable, so importing a newer
export updates the entries instead of doubling them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from netrack.domain.models import Contact, Dataset, FollowUp

PRODID = "-//netrack//follow-ups//EN"
CALENDAR_NAME = "netrack follow-ups"


def open_followups(data: Dataset) -> list[FollowUp]:
    """The follow-ups still owed, soonest due first."""
    return sorted((f for f in data.followups if f.is_open), key=lambda f: (f.due, f.created))


def followups_ics(data: Dataset, now: datetime, as_todos: bool = False) -> bytes:
    """The open follow-ups of ``data`` as iCalendar bytes (events, or to-dos)."""
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
    return calendar.to_ical()


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
