"""The records netrack keeps, as plain values.

The store turns documents into these; everything else reads them. Dates are local
wall-clock values: an action belongs to the day shown on the clock where it was logged.

Values are ``NamedTuple``s rather than dataclasses: they are just as immutable, but
defining them costs a quick add about 1 ms instead of 12 (``dataclasses`` imports
``inspect``), and building 100k actions takes half the time. They are declared as
``Value``s (domain/valuetype.py), which type checkers read as ``NamedTuple`` and which
are defined without compiling code: every command imports these eleven classes. Change
one with ``value._replace(field=...)``.

A contact's details and the settings are declared by their annotations
(``Annotated[type, ContactField(...)]``, ``Annotated[type, Setting(...)]``): the store,
the command line, the JSON views and the app's forms are built from these declarations
(see ``domain/fields.py``), so a new detail or setting is one line here.
"""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated

from netrack.domain.circles import CIRCLES as CIRCLES
from netrack.domain.circles import DEFAULT_CADENCES as DEFAULT_CADENCES
from netrack.domain.circles import NO_CADENCE as NO_CADENCE
from netrack.domain.dates import YearlyDate
from netrack.domain.fields import (
    URL_MAX,
    Cadence,
    Circle,
    ContactField,
    Day,
    Email,
    Notes,
    Tags,
    Text,
    YearlyDay,
    contact_fields,
)
from netrack.domain.labeled import Labeled, LabeledValues
from netrack.domain.setting_fields import Choice, CircleOrNone, Setting, Weekday, Whole
from netrack.domain.valuetype import Value

# The setting followups-closed-by: any touch closes a meeting's follow-up, or only a
# follow-up action does (domain/followups.py).
FOLLOWUPS_CLOSED_BY = ("touch", "follow-up")


class Contact(Value):
    """A person. ``cadence_days`` None means "use the circle's cadence".

    Every attribute between ``created`` and ``archived`` is a detail the user edits,
    declared with its ContactField: add a new one there (see docs/architecture.md).
    """

    id: str
    name: str
    created: datetime
    company: Annotated[str, ContactField(Text(), "company", help="where they work")] = ""
    role: Annotated[str, ContactField(Text(), "role", help="what they do there")] = ""
    met_how: Annotated[
        str,
        ContactField(
            Text(),
            "met",
            title="How met",
            help="how you met",
            option="--met",
            hint="e.g. PyCon 2026",
        ),
    ] = ""
    met_on: Annotated[
        date | None,
        ContactField(
            Day(),
            "met on",
            help="the day you met (YYYY-MM-DD): their timeline starts there",
            option="--met-on",
            metavar="DATE",
            hint="YYYY-MM-DD",
        ),
    ] = None
    circle: Annotated[
        str | None,
        ContactField(Circle(), "circle", help="inner, active, wider, or none", metavar="C"),
    ] = None
    cadence_days: Annotated[
        int | None,
        ContactField(
            Cadence(),
            "cadence",
            help="keep-in-touch days, 'none', or 'circle' (its default)",
            option="--cadence",
            metavar="DAYS",
            hint="days, 'none', or empty for the circle's",
            detail=False,
        ),
    ] = None
    email: Annotated[str, ContactField(Email(), "email", help="their email address")] = ""
    url: Annotated[
        str,
        ContactField(Text(URL_MAX), "url", title="Profile URL", help="profile URL", metavar="URL"),
    ] = ""
    tags: Annotated[
        tuple[str, ...],
        ContactField(
            Tags(), "tags", help="comma-separated tags", metavar="A,B", hint="comma separated"
        ),
    ] = ()
    birthday: Annotated[
        YearlyDate | None,
        ContactField(
            YearlyDay(),
            "birthday",
            help="MM-DD, or YYYY-MM-DD with the year (Feb 29 falls on Feb 28 in other years)",
            metavar="DATE",
            hint="MM-DD or YYYY-MM-DD",
        ),
    ] = None
    dates: Annotated[
        Labeled[YearlyDate],
        ContactField(
            LabeledValues(YearlyDay()),
            "dates",
            title="Dates",
            help="an important date, e.g. 'work anniversary=06-01' ('LABEL=' removes it)",
            option="--date",
            metavar="DATE",
            hint="work anniversary=06-01, ...",
        ),
    ] = ()
    notes: Annotated[
        str, ContactField(Notes(), "notes", help="anything worth remembering about them")
    ] = ""
    archived: bool = False
    updated: datetime | None = None
    # When their circle or cadence was last set (or they were imported): the keep-in-touch
    # clock of someone never in touch runs from here, not from ``created`` (an imported
    # contact is created on the day the address book says you connected, maybe years ago).
    reminders_since: datetime | None = None


# The details of a contact, in the order they are shown, stored and offered.
CONTACT_FIELDS = contact_fields(Contact)


class Action(Value):
    """One thing that happened, at a local date-time."""

    id: str
    kind: str
    contact_id: str | None
    at: datetime
    logged: datetime
    channel: str = "other"
    note: str = ""
    personal: bool | None = None
    followup_id: str | None = None  # the follow-up this action created
    closed_followup_id: str | None = None  # the follow-up this action closed


class FollowUp(Value):
    """Something owed to a contact by a due date; open until ``closed`` is set."""

    id: str
    contact_id: str
    text: str
    due: date
    created: datetime
    source_action_id: str | None = None
    closed: datetime | None = None
    closed_by_action_id: str | None = None
    # The kind of the action that opened it (None: a promise made on its own). Only a
    # meeting's follow-up is closed by the next touch; the others when marked done.
    source_kind: str | None = None

    @property
    def is_open(self) -> bool:
        return self.closed is None


class TargetChange(Value):
    """From the week containing ``since``, the habit's weekly target is ``target``."""

    since: date
    target: int


class Habit(Value):
    """A weekly target over one or more action kinds, with its history of targets.

    ``targets`` are in the order they were made: of two changes in force, the one made
    later wins, even when a day start or time zone dated it earlier.
    """

    id: str
    name: str
    kinds: tuple[str, ...]
    targets: tuple[TargetChange, ...]
    created: date

    @property
    def target(self) -> int:
        """The target in force now (the change made last)."""
        return self.targets[-1].target

    def target_until(self, last_day: date) -> int:
        """The target of a week whose last day is ``last_day``.

        A change made at any point in a week applies to that whole week. Before every
        change, the earliest-dated one applies.
        """
        current = None
        for change in self.targets:
            if change.since <= last_day:
                current = change.target
        if current is None:
            return min(self.targets, key=lambda t: t.since).target
        return current


class WeekNote(Value):
    """What the user said about one week: a reflection, next week's focus, or a skip."""

    id: str
    week: str
    reflection: str = ""
    focus: str = ""
    skipped: bool = False
    skip_reason: str = ""
    updated: datetime | None = None


class Introduction(Value):
    """Two people put in touch: by you (``by_id`` None), or by a contact, to you.

    An introduction you make links ``a_id`` and ``b_id`` and logged one give to each
    (``action_ids``). One made to you has ``by_id`` (who made it), ``a_id`` (whom you
    were introduced to) and ``b_id`` None (you); it logged help received from ``by_id``.
    """

    id: str
    a_id: str
    b_id: str | None
    at: datetime
    logged: datetime
    note: str = ""
    by_id: str | None = None
    action_ids: tuple[str, ...] = ()

    @property
    def made_by_you(self) -> bool:
        return self.by_id is None

    def people(self) -> tuple[str, ...]:
        """The contact ids it names: the people introduced, and who introduced them."""
        return tuple(i for i in (self.a_id, self.b_id, self.by_id) if i is not None)


class Event(Value):
    """A conference, meetup or dinner: prepared before the day, debriefed after it.

    ``know``: contacts you know who are going; ``met``: contacts met there (the
    debrief), each with a meeting logged (``action_ids``).
    """

    id: str
    name: str
    on: date
    created: datetime
    where: str = ""
    goal: str = ""
    know: tuple[str, ...] = ()
    to_meet: str = ""  # who you want to meet: free text, not yet contacts
    intro: str = ""  # your one-line introduction
    questions: str = ""
    notes: str = ""
    met: tuple[str, ...] = ()
    action_ids: tuple[str, ...] = ()
    updated: datetime | None = None


PLAN_OPEN, PLAN_DONE, PLAN_DROPPED = "open", "done", "dropped"
PLAN_STATUSES = (PLAN_OPEN, PLAN_DONE, PLAN_DROPPED)


class PlanItem(Value):
    """A person to get in touch with during one week, and what to do for them.

    ``kind`` None means any kind of action will do. ``action_id`` is the action that
    checked it off; ``carried_from`` the item of an earlier week it continues.
    """

    id: str
    contact_id: str
    week: str  # ISO week label, e.g. 2026-W47
    created: datetime
    kind: str | None = None
    note: str = ""
    status: str = PLAN_OPEN
    action_id: str | None = None
    carried_from: str | None = None
    updated: datetime | None = None


class Settings(Value):
    """User preferences; every field has a sensible default.

    Each is a setting of ``netrack config`` and of the app's settings, declared with its
    Setting (the order here is the order they are listed in).
    """

    week_start: Annotated[  # 0 = Monday ... 6 = Sunday
        int, Setting("week-start", Weekday(), "the first day of your week (monday ... sunday)")
    ] = 0
    day_starts_at: Annotated[
        int,
        Setting(
            "day-starts-at",
            Whole(0, 12, (":00", "h")),
            "hour your day starts; earlier actions count for the day before (0-12)",
        ),
    ] = 0
    followup_days: Annotated[
        int,
        Setting(
            "followup-days",
            Whole(0, 60, ("d",)),
            "days after a meeting that its follow-up is due (0-60)",
        ),
    ] = 2
    new_contact_circle: Annotated[
        str | None,
        Setting(
            "new-contact-circle",
            CircleOrNone(),
            f"circle for contacts created by a quick add ({', '.join(CIRCLES)}, none)",
        ),
    ] = "wider"
    followups_closed_by: Annotated[
        str,
        Setting(
            "followups-closed-by",
            Choice(FOLLOWUPS_CLOSED_BY),
            "what closes a meeting's follow-up: touch (a reach-out, give, meeting or "
            "follow-up with the person) or follow-up (only a follow-up)",
        ),
    ] = FOLLOWUPS_CLOSED_BY[0]
    cadences: Annotated[
        Mapping[str, int],
        Setting(
            "cadence.{circle}",
            Whole(1, 3_650, ("d",)),
            "keep-in-touch days for the {circle} circle (1-3650)",
            per_circle=True,
        ),
    ] = DEFAULT_CADENCES


class Dataset(Value):
    """Everything in one data file, as read at one moment."""

    contacts: tuple[Contact, ...] = ()
    actions: tuple[Action, ...] = ()
    followups: tuple[FollowUp, ...] = ()
    habits: tuple[Habit, ...] = ()
    week_notes: tuple[WeekNote, ...] = ()
    settings: Settings = Settings()
    introductions: tuple[Introduction, ...] = ()
    events: tuple[Event, ...] = ()
    plans: tuple[PlanItem, ...] = ()

    def contact(self, contact_id: str | None) -> Contact | None:
        """The contact with this id, if any."""
        if contact_id is None:
            return None
        for contact in self.contacts:
            if contact.id == contact_id:
                return contact
        return None


# Every kind of record a data file holds (what a transaction saves and deletes).
Record = Contact | Action | FollowUp | Habit | WeekNote | PlanItem | Introduction | Event
