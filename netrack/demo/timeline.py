"""The state of a demo history as it is made, and the playing of its planned slots.

A planned slot says what happens and when; who it happens with is decided as the
slots are played, from what has happened so far: the people not heard from for a
while come first, follow-ups go to people talked to recently, nobody is contacted
after going cold, and the few who only ever take are never given to. Each action is
made by the rules netrack itself logs with (``domain/quicklog.py``): a meeting opens a
follow-up due after the configured days, a follow-up closes the oldest one owed.
"""

from __future__ import annotations

import heapq
import random
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo

from netrack.demo.gatherings import meetup_day
from netrack.demo.mix import (
    CHANNEL_MIX,
    CIRCLE_WEIGHTS,
    DAY,
    DEMO_SETTINGS,
    ONE_HOUR,
    POST,
    PROTECTED,
    TIME_WINDOWS,
    TWO_HOURS,
    Person,
    Slot,
    cumulative,
    deck,
    pick,
)
from netrack.demo.text import (
    COMPANIES,
    EVENTS,
    FOCUSES,
    INTRODUCED,
    MET_AT_THE_EVENT,
    NOTES,
    REFLECTIONS,
    TOPICS,
)
from netrack.domain.followups import BY_TOUCH, TOUCH_KINDS, followup_closed_by
from netrack.domain.ids import uuid4_text
from netrack.domain.kinds import ASK, FOLLOW_UP, GIVE, MEET, REACH_OUT, RECEIVE
from netrack.domain.models import Action, FollowUp, Habit, WeekNote
from netrack.domain.quicklog import (
    closed_by,
    meeting_followup_due,
    new_action,
    opened_followup,
)
from netrack.domain.weeks import calendar_for

GATHERED = frozenset((*INTRODUCED, *MET_AT_THE_EVENT))  # see gatherings.py


class Timeline:
    """The state of a history being made, and the playing of its planned slots."""

    def __init__(self, rng: random.Random, now: datetime, weeks: int, sample: int | None) -> None:
        self.rng = rng
        self.tz: tzinfo | None = now.tzinfo
        # A plain datetime in the same zone, so every comparison is on wall-clock fields.
        self.now = datetime(
            now.year, now.month, now.day, now.hour, now.minute, now.second, tzinfo=self.tz
        )
        self.today = self.now.date()
        self.settings = DEMO_SETTINGS
        self.calendar = calendar_for(self.settings)
        self.this_week = self.calendar.week_of(self.now)
        first = meetup_day(self.today)
        self.gatherings_from = datetime(first.year, first.month, first.day, tzinfo=self.tz)
        self.weeks = self.calendar.weeks_between(self.this_week.shifted(1 - weeks), self.this_week)
        self.first_day = self.weeks[0].start
        self.setup = min(self.at_minute(self.first_day, 7 * 60 + 30), self.now)
        self.sample = sample
        self.people: list[Person] = []
        self._created: list[datetime] = []
        self._others: list[str] = []
        self.slots: list[Slot] = []
        self.actions: list[Action] = []
        self.followups: dict[str, FollowUp] = {}
        self.protected: set[str] = set()
        self.week_notes: list[WeekNote] = []
        self.habits: list[Habit] = []
        self.skipped: set[date] = set()
        self._closures: list[tuple[datetime, int, Person, str]] = []
        self._seq = 0
        self._channels = {
            kind: (tuple(mix), cumulative(mix.values())) for kind, mix in CHANNEL_MIX.items()
        }
        self._windows = {
            channel: (tuple(w for w, _ in windows), cumulative(n for _, n in windows))
            for channel, windows in TIME_WINDOWS.items()
        }
        self._reflections = deck(rng, REFLECTIONS)
        self._focuses = deck(rng, FOCUSES)

    # Small helpers ------------------------------------------------------------------

    def new_id(self) -> str:
        return uuid4_text(self.rng.randbytes(16))

    def at_minute(self, day: date, minute: int) -> datetime:
        return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=self.tz)

    def moment(self, day: date, channel: str) -> datetime:
        """A plausible time of day on ``day`` for something done over ``channel``."""
        windows, cum = self._windows[channel]
        random = self.rng.random
        first, last, step = pick(random, windows, cum)
        return self.at_minute(day, first + step * int(random() * ((last - first) // step)))

    def random_day(self, first: date, last: date) -> date:
        """A day from ``first`` to ``last``, outside skipped weeks when possible."""
        span = max((last - first).days, 0)
        day = first
        for _ in range(5):
            day = first + self.rng.randint(0, span) * DAY
            if self.calendar.week_of_day(day).start not in self.skipped:
                break
        return day

    def channel(self, kind: str) -> str:
        channels, cum = self._channels[kind]
        return pick(self.rng.random, channels, cum)

    def add_slot(
        self, at: datetime, kind: str, channel: str, person: Person | None, flags: int = 0
    ) -> None:
        if at > self.now:
            return
        self._seq += 1
        self.slots.append(Slot(at, self._seq, kind, channel, person, flags))

    def between(self, start: datetime, end: datetime, channel: str) -> datetime:
        """A plausible moment after ``start`` and no later than ``end``."""
        span = (end.date() - start.date()).days
        for _ in range(6):
            moment = self.moment(start.date() + self.rng.randint(0, span) * DAY, channel)
            if start < moment <= end:
                return moment
        return start + min((end - start) / 2, ONE_HOUR)

    # Playing the slots in time order ------------------------------------------------

    def play(self) -> None:
        """Turn the planned slots, and the follow-ups they lead to, into records."""
        self.slots.sort()
        closures = self._closures
        for slot in self.slots:
            while closures and closures[0][0] <= slot.at:
                at, _, owed, channel = heapq.heappop(closures)
                self._close(at, owed, channel)
            person = slot.person
            if person is None and slot.kind != POST:
                person = self._choose(slot.kind, slot.at)
                if person is None:
                    continue
            self._act(slot.at, slot.kind, slot.channel, person, slot.flags)
        while closures:
            at, _, person, channel = heapq.heappop(closures)
            self._close(at, person, channel)

    def _choose(self, kind: str, at: datetime) -> Person | None:
        """Someone plausible for ``kind`` at ``at``; the long-unheard-from come first."""
        random = self.rng.random
        known = bisect_right(self._created, at)
        if not known:
            return None
        people = self.people
        if self.sample is None or known <= self.sample:
            candidates: Sequence[Person] = people[:known]
        else:
            candidates = [people[int(random() * known)] for _ in range(self.sample)]
        circle_weights = CIRCLE_WEIGHTS[kind]
        day = at.toordinal()
        pool = []
        cum: list[float] = []
        total = 0.0
        for person in candidates:
            if person.until is not None and at > person.until:
                continue
            if at >= self.gatherings_from and person.contact.name in GATHERED:
                continue  # the demo's introduction and event are theirs (gatherings.py)
            if kind in TOUCH_KINDS and person.open and self._oldest_protected(person):
                continue  # any touch would close the follow-up the story keeps owed
            if kind == GIVE and (
                person.part == "ask-only"
                or (person.part == "generous" and person.gives + 1 >= person.receives)
            ):
                continue
            weight = circle_weights[person.circle]
            since = day - person.last_touch if person.last_touch else None
            if kind == FOLLOW_UP:
                weight *= 0.2 if since is None else 3.0 if since <= 10 else 0.4
            elif kind in (ASK, RECEIVE):
                # Only the story's few "ask-only" people are taken from without a give.
                if person.part == "generous":
                    weight *= 3 if kind == RECEIVE else 1
                elif not person.gives and person.part != "ask-only":
                    continue
            elif since is None:
                weight *= 2.5
            else:
                due = since / person.cadence
                weight *= min(6.0, max(0.05, due * due))
            pool.append(person)
            total += weight
            cum.append(total)
        if not pool:
            return None
        return pick(random, pool, cum)

    def _oldest_open(self, person: Person, kind: str = FOLLOW_UP) -> str | None:
        """The follow-up an action of ``kind`` with ``person`` closes, as netrack picks it."""
        if not person.open:
            return None
        owed = followup_closed_by(
            (self.followups[fid] for fid in person.open), person.id, kind, BY_TOUCH
        )
        return owed.id if owed is not None else None

    def _oldest_protected(self, person: Person) -> bool:
        return self._oldest_open(person) in self.protected

    def _close(self, at: datetime, person: Person, channel: str) -> None:
        """A follow-up planned after a meeting, if something is still owed."""
        oldest = self._oldest_open(person)
        if oldest is not None and oldest not in self.protected:
            self._act(at, FOLLOW_UP, channel, person)

    def _act(
        self, at: datetime, kind: str, channel: str, person: Person | None, flags: int = 0
    ) -> None:
        """Record one action as netrack would, with the follow-up it opens or closes."""
        rng = self.rng
        action_id = self.new_id()
        logged = self._logged(at)
        note = self._note(kind, channel, person)
        opened = closed = None
        if person is not None:
            closed = self._oldest_open(person, kind)  # any touch closes a meeting's
            if closed is not None:
                owed = self.followups[closed]
                logged = max(logged, owed.created)  # it was owed before it was closed
                self.followups[closed] = closed_by(owed, at, action_id)
                person.open.remove(closed)
            if kind == MEET:
                opened = self._open_followup(at, logged, person, note, action_id, flags)
            elif kind == GIVE:
                person.gives += 1
            elif kind == RECEIVE:
                person.receives += 1
            person.last_touch = at.toordinal()
        personal = (rng.random() < 0.7) if kind == REACH_OUT else None
        contact_id = person.id if person is not None else None
        self.actions.append(
            new_action(
                action_id, kind, contact_id, at, logged, channel, note, personal, opened, closed
            )
        )

    def _open_followup(
        self, at: datetime, logged: datetime, person: Person, note: str, source: str, flags: int
    ) -> str:
        due = meeting_followup_due(self.calendar.day_of(at), self.settings)
        followup = opened_followup(self.new_id(), MEET, note, person.id, at, due, source)
        self.followups[followup.id] = followup
        person.open.append(followup.id)
        if flags & PROTECTED:
            self.protected.add(followup.id)
        else:
            self._plan_closure(at, due, person)
        return followup.id

    def _plan_closure(self, at: datetime, due: date, person: Person) -> None:
        """When the follow-up of a meeting at ``at`` is done: mostly on time, some late."""
        rng = self.rng
        on_time = rng.random() < 0.82
        days = rng.choice((0, 1, 1, 1, 2, 2)) if on_time else rng.randint(3, 8)
        channel = self.channel(FOLLOW_UP)
        when = self.moment(at.date() + days * DAY, channel)
        if when <= at:
            when = self.moment(at.date() + DAY, channel)
        week_start = self.calendar.week_of_day(when.date()).start
        if week_start in self.skipped:  # done after the holiday, late
            when = self.moment(week_start + rng.randint(7, 8) * DAY, channel)
        if person.until is not None and when > person.until:
            if at >= person.until:
                return
            when = self.between(at, person.until, channel)
        if when > self.now:
            if due >= self.today and (rng.random() < 0.5 or self.now - at < TWO_HOURS):
                return  # not due yet: it stays open
            when = self.between(at, self.now, channel)
        self._seq += 1
        heapq.heappush(self._closures, (when, self._seq, person, channel))

    def _logged(self, at: datetime) -> datetime:
        """When the action was typed in: mostly right away, sometimes later or next day."""
        random = self.rng.random
        roll = random()
        if roll < 0.7:
            logged = at + timedelta(minutes=int(random() * 31))
        elif roll < 0.92:
            logged = at + timedelta(minutes=31 + int(random() * 330))
        else:
            logged = self.at_minute(at.date() + DAY, 8 * 60 + int(random() * 90))
        return logged if logged <= self.now else self.now

    def _note(self, kind: str, channel: str, person: Person | None) -> str:
        rng = self.rng
        templates = NOTES.get(f"{kind}-{channel}") or NOTES[kind]
        template = rng.choice(templates)
        if "{" not in template:
            return template
        return template.format(
            first=person.first if person is not None else "",
            company=(person.company if person is not None else "") or rng.choice(COMPANIES),
            topic=rng.choice(TOPICS),
            event=rng.choice(EVENTS),
            other=rng.choice(self._others) if self._others else "a friend",
        )
