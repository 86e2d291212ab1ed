"""Keeping relationships warm: each contact's cadence and who is going cold."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from netrack.domain.models import NO_CADENCE, Action, Contact, Settings
from netrack.domain.name_sort import sorted_then_by_name
from netrack.domain.valuetype import Value
from netrack.domain.weeks import Calendar

OK, DUE_SOON, OVERDUE = "ok", "due soon", "overdue"
# The contact details keep-in-touch reads (a long history's read view decodes these alone
# for a listing of who is going cold: store/readview.py).
DETAILS_READ = ("circle", "cadence_days")
DUE_SOON_SHARE = 0.8  # within the last 20% of the cadence


class TouchStatus(Value):
    """How warm one relationship is on a given day."""

    contact: Contact
    cadence: int | None  # days; None when the contact has no cadence
    last_touch: date | None  # day of the latest action with them
    days_since: int  # since the last touch, or since the clock started (``clock_start``)
    status: str | None  # ok / due soon / overdue; None without a cadence

    @property
    def days_overdue(self) -> int:
        return self.days_since - self.cadence if self.cadence else 0

    @property
    def coldness(self) -> float:
        """How far past the cadence, relative to it: 0.5 means half a cadence late."""
        return self.days_overdue / self.cadence if self.cadence else 0.0


def cadence_of(contact: Contact, settings: Settings) -> int | None:
    """The contact's own cadence, else its circle's; None when it has neither."""
    if contact.cadence_days is not None:
        return None if contact.cadence_days == NO_CADENCE else contact.cadence_days
    if contact.circle is None:
        return None
    return settings.cadences.get(contact.circle)


def last_touch_days(
    by_week: Mapping[int, Iterable[Action]], calendar: Calendar, upto: date
) -> dict[str, date]:
    """The day of each contact's latest action on or before ``upto``.

    ``by_week`` holds the actions grouped by week (``tally.actions_by_week``). Weeks are
    read newest first, so a contact already found is never looked at again.
    """
    latest: dict[str, date] = {}
    last_index = calendar.week_index(upto)
    day_of = calendar.day_of
    for index in sorted(by_week, reverse=True):
        if index > last_index:
            continue
        found: dict[str, date] = {}
        for action in by_week[index]:
            cid = action.contact_id
            if cid is None or cid in latest:
                continue
            day = day_of(action.at)
            if day <= upto and (cid not in found or day > found[cid]):
                found[cid] = day
        latest.update(found)
    return latest


def clock_start(contact: Contact, calendar: Calendar) -> date:
    """The day the keep-in-touch clock of someone never in touch starts: when they were
    put in their circle (or given a cadence, or imported), else when they were added.

    So that a contact imported with a connection day years back and then sorted into the
    inner circle comes due one cadence later, not at once.
    """
    added = calendar.day_of(contact.created)
    if contact.reminders_since is None:
        return added
    return max(added, calendar.day_of(contact.reminders_since))


def touch_status(
    contact: Contact,
    last_touch: date | None,
    today: date,
    settings: Settings,
    calendar: Calendar,
) -> TouchStatus:
    """Where the relationship with ``contact`` stands on ``today``."""
    cadence = cadence_of(contact, settings)
    since = last_touch if last_touch is not None else clock_start(contact, calendar)
    # Ordinals: subtracting pendulum dates builds an Interval, 20 times slower.
    days = max(0, today.toordinal() - since.toordinal())
    status = None
    if cadence:
        status = OVERDUE if days > cadence else DUE_SOON if days >= cadence * DUE_SOON_SHARE else OK
    return TouchStatus(contact, cadence, last_touch, days, status)


def touch_statuses(
    contacts: Iterable[Contact],
    touches: Mapping[str, date],
    today: date,
    settings: Settings,
    calendar: Calendar,
) -> list[TouchStatus]:
    """Every active contact's status on ``today`` (contacts added later are left out).

    ``touch_status`` for each, written out: a listing asks it of thousands of contacts.
    """
    found: list[TouchStatus] = []
    add, new = found.append, tuple.__new__  # (a plain tuple's __new__: no call of TouchStatus's)
    # (the settings' read-only mapping copied: a plain dict's get is quicker, 5,000 times)
    day_of, cadences, last = calendar.day_of, dict(settings.cadences).get, touches.get
    on = today.toordinal()
    for contact in contacts:
        if contact.archived:
            continue
        added = day_of(contact.created)
        if added > today:
            continue
        own = contact.cadence_days
        if own is not None:
            cadence = None if own == NO_CADENCE else own
        else:
            circle = contact.circle
            cadence = None if circle is None else cadences(circle)
        touched = last(contact.id)
        if touched is not None:
            since = touched
        elif contact.reminders_since is None:
            since = added
        else:
            since = max(added, day_of(contact.reminders_since))
        days = max(0, on - since.toordinal())
        status = None
        if cadence:
            if days > cadence:
                status = OVERDUE
            else:
                status = DUE_SOON if days >= cadence * DUE_SOON_SHARE else OK
        add(new(TouchStatus, (contact, cadence, touched, days, status)))
    return found


def going_cold(statuses: Iterable[TouchStatus]) -> list[TouchStatus]:
    """Contacts past their cadence, the coldest (relative to their cadence) first."""
    cold = [s for s in statuses if s.status == OVERDUE]
    return sorted_then_by_name(cold, _coldest_first, lambda s: s.contact.name)


def _coldest_first(status: TouchStatus) -> tuple[float, int]:
    """(-coldness, -days since), worked out without the properties (for thousands): an
    overdue status has a cadence, and (cadence - days) / cadence is exactly -coldness."""
    cadence, days = status.cadence or 0, status.days_since
    return (cadence - days) / cadence, -days
