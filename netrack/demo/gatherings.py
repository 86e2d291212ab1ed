"""The demo's introductions and events, made by the same domain rules as the real ones.

Played on top of the history, on whatever day the demo is made: an introduction made
this week and one received the week before, an event of this week debriefed (one of its
follow-ups done, two due), one yesterday still to debrief, and two to come, one half
prepared and one prepared. Every moment is placed relative to today, never after now
nor before the history's first contact, so the same rules hold on a Monday morning, in
ISO week 53 or on a leap day.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

import pendulum

from netrack.demo.text import INTRODUCED, MET_AT_THE_EVENT
from netrack.domain.dates import YearlyDate
from netrack.domain.events import EventFields, new_event, plan_debrief
from netrack.domain.ids import uuid4_text
from netrack.domain.introductions import IntroOutcome, plan_introduction, plan_received_introduction
from netrack.domain.kinds import FOLLOW_UP, RECEIVE
from netrack.domain.models import (
    Action,
    Contact,
    Dataset,
    Event,
    FollowUp,
    Record,
    Settings,
)
from netrack.domain.quicklog import LogOutcome, LogRequest, plan_log, with_logged

DAY = timedelta(days=1)


def meetup_day(today: date) -> date:
    """The day of the demo's debriefed event: two days ago, but within this week (today
    on a Monday), so this week's review has an event and an introduction on any date.
    The story leaves the people met or introduced there be from this day on."""
    monday = today - timedelta(days=today.weekday())
    return max(today - 2 * DAY, monday)


def next_saturday(today: date) -> date:
    """The first Saturday after today (a week on when today is one)."""
    return today + timedelta(days=(5 - today.weekday()) % 7 or 7)


def add_gatherings(records: Sequence[Record], seed: int, now: datetime) -> list[Record]:
    """``records`` with the demo's introductions and events played on top (same ids for
    the same seed)."""
    rng = random.Random(f"gatherings-{seed}")
    moment = pendulum.instance(now)
    created = [r.created for r in records if isinstance(r, Contact)]
    floor = pendulum.instance(min(created)) if created else moment
    play = _Play(records, lambda: uuid4_text(rng.randbytes(16)), moment, floor)
    today = moment.date()
    play.events(today)
    play.introductions(today)
    play.important_dates(today)
    return play.records()


class _Play:
    """The data as it grows, and the records each step adds or changes."""

    def __init__(
        self,
        records: Sequence[Record],
        make_id: Callable[[], str],
        now: pendulum.DateTime,
        floor: pendulum.DateTime,
    ) -> None:
        self.make_id = make_id
        self.now = now
        self.floor = floor  # the first contact's arrival: nothing happens before it
        self.order: list[Record] = list(records)
        self.data = Dataset(
            contacts=tuple(r for r in records if isinstance(r, Contact)),
            actions=tuple(r for r in records if isinstance(r, Action)),
            followups=tuple(r for r in records if isinstance(r, FollowUp)),
            settings=Settings(),
        )
        self.changed: dict[str, Record] = {}

    def at(self, day: date, hour: int) -> pendulum.DateTime:
        """``hour`` o'clock on ``day``, kept between the first contact and now."""
        moment = pendulum.datetime(day.year, day.month, day.day, hour, tz=self.now.tz)
        return min(max(moment, self.floor), self.now)

    def keep(self, *records: Record) -> None:
        for record in records:
            self.changed[record.id] = record

    def logged(self, outcome: LogOutcome) -> None:
        self.data = with_logged(self.data, outcome)
        extra = [outcome.contact] if outcome.new_contact and outcome.contact else []
        self.keep(*extra, outcome.action, *(f for f in (outcome.opened, outcome.closed) if f))

    def event(self, fields: EventFields, when: pendulum.DateTime) -> Event:
        change = new_event(self.data, fields, when, self.make_id)
        self.data = self.data._replace(events=(*self.data.events, change.event))
        self.keep(change.event)
        return change.event

    def events(self, today: date) -> None:
        met_on = meetup_day(today)
        debriefed_on = met_on + DAY  # the morning after, or now when that is still to come
        meetup = self.event(
            EventFields(
                name="Data Night meetup",
                on=met_on.isoformat(),
                where="Factory Berlin",
                goal="meet two people who run data platforms",
                to_meet="whoever gives the talk on lakehouses",
                intro="I build the data platform at a logistics start-up",
                questions="what do you wish you had known before migrating?",
            ),
            self.at(met_on - 6 * DAY, 9),
        )
        debriefed = plan_debrief(
            self.data,
            meetup,
            list(MET_AT_THE_EVENT),
            self.at(debriefed_on, 8),
            "talked about lakehouse migrations",
            self.make_id,
        )
        self.data = self.data._replace(
            contacts=(*self.data.contacts, *debriefed.new_contacts),
            events=tuple(debriefed.event if e.id == meetup.id else e for e in self.data.events),
        )
        self.keep(*debriefed.new_contacts, debriefed.event)
        for outcome in debriefed.logged:
            self.logged(outcome)
        self.follow_up("Tomás Rivera", self.at(debriefed_on, 11))
        self.event(
            EventFields(name="startup demo day", on=(today - DAY).isoformat(), where="Betahaus"),
            self.at(today - 3 * DAY, 10),
        )
        saturday = next_saturday(today)
        self.event(
            EventFields(
                name="PyData evening",
                on=saturday.isoformat(),
                where="Zalando, Valeska-Gert-Straße",
                goal="two people working on data contracts",
                know="Kwame Mensah, Chloé Dubois",
                intro="I build the data platform at a logistics start-up",
            ),
            self.at(today - 3 * DAY, 9),
        )
        self.event(
            EventFields(
                name="DevFest",
                on=(saturday + 14 * DAY).isoformat(),
                where="Station Berlin",
                goal="find a speaker for our meetup",
                know="Mei-Ling Chen",
                to_meet="the organisers; anyone speaking on streaming",
                intro="I run a small data engineering meetup and look for speakers",
                questions="would you give your talk again at our meetup?",
            ),
            self.at(today - 3 * DAY, 9),
        )

    def follow_up(self, name: str, when: pendulum.DateTime) -> None:
        request = LogRequest(kind=FOLLOW_UP, contact_name=name, at=when, channel="email")
        self.logged(plan_log(self.data, request, when, self.make_id))

    def introductions(self, today: date) -> None:
        received_at = self.at(today - 6 * DAY, 10)
        request = LogRequest(
            kind=RECEIVE,
            contact_name="Siobhán O'Connor",
            at=received_at,
            note="she is hiring a data lead",
            channel="email",
        )
        self.introduced(
            plan_received_introduction(self.data, request, "Lina Berg", received_at, self.make_id)
        )
        made_at = self.at(meetup_day(today), 18)
        self.introduced(
            plan_introduction(
                self.data,
                *INTRODUCED,
                made_at,
                made_at,
                "both are moving their teams to event streaming",
                "email",
                self.make_id,
            )
        )

    def introduced(self, outcome: IntroOutcome) -> None:
        for contact in outcome.new_contacts:
            self.data = self.data._replace(contacts=(*self.data.contacts, contact))
            self.keep(contact)
        for logged in outcome.logged:
            self.logged(logged)
        self.data = self.data._replace(
            introductions=(*self.data.introductions, outcome.introduction)
        )
        self.keep(outcome.introduction)

    def important_dates(self, today: date) -> None:
        """A birthday in three days and a work anniversary in six, for "Coming up"."""
        soon, later = today + 3 * DAY, today + 6 * DAY
        # Leap years, so that either may fall on Feb 29.
        priya = self.contact("Priya Raghunathan")
        if priya is not None:
            self.keep(priya._replace(birthday=YearlyDate(soon.month, soon.day, 1988)))
        dana = self.contact("Dana Lee")
        if dana is not None:
            anniversary = YearlyDate(later.month, later.day, 2016)
            self.keep(dana._replace(dates=(("work anniversary", anniversary),)))

    def contact(self, name: str) -> Contact | None:
        """The contact named ``name`` as it stands now."""
        found = next((c for c in self.data.contacts if c.name == name), None)
        changed = self.changed.get(found.id) if found else None
        return changed if isinstance(changed, Contact) else found

    def records(self) -> list[Record]:
        """Every record: the history's (changed ones replaced), then the new ones."""
        known = {r.id for r in self.order}
        kept = [self.changed.get(r.id, r) for r in self.order]
        return kept + [r for rid, r in self.changed.items() if rid not in known]
