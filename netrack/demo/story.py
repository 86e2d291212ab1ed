"""The engine of the demo history: plan each week's actions, then play them in time order.

A planned slot says what happens and when; who it happens with is decided as the
slots are played, from what has happened so far: the people not heard from for a
while come first, follow-ups go to people talked to recently, nobody is contacted
after going cold, and the few who only ever take are never given to. Meetings open
follow-ups and follow-up actions close the oldest one owed, as netrack does.
"""

from __future__ import annotations

import heapq
import random
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from netrack.demo.text import COMPANIES, EVENTS, FOCUSES, HOLIDAYS, NOTES, REFLECTIONS, TOPICS
from netrack.domain.habits import default_habits
from netrack.domain.ids import uuid4_text
from netrack.domain.kinds import ASK, FOLLOW_UP, GIVE, MEET, REACH_OUT, RECEIVE
from netrack.domain.models import (
    DEFAULT_CADENCES,
    Action,
    Contact,
    Event,
    FollowUp,
    Habit,
    Introduction,
    PlanItem,
    Settings,
    TargetChange,
    WeekNote,
)
from netrack.domain.weeks import Calendar, Week

Record = Contact | Action | FollowUp | Habit | WeekNote | Introduction | Event | PlanItem

POST = "post"  # the custom kind of the demo's own habit, "Posts shared"
FOLLOWUP_DAYS = Settings().followup_days
DAY = timedelta(days=1)
_ONE_HOUR = timedelta(hours=1)
_TWO_HOURS = timedelta(hours=2)
_PROTECTED = 1  # a meeting whose follow-up must stay open (overdue or due soon)

# Which channels each kind uses, and how often.
_CHANNEL_MIX = {
    REACH_OUT: {"linkedin": 38, "email": 27, "message": 22, "call": 5, "event": 3, "other": 5},
    GIVE: {"email": 38, "message": 24, "linkedin": 18, "call": 8, "coffee": 6, "other": 6},
    MEET: {"coffee": 45, "call": 32, "event": 20, "other": 3},
    FOLLOW_UP: {"email": 48, "message": 28, "linkedin": 12, "call": 10, "other": 2},
    ASK: {"email": 40, "message": 30, "call": 15, "linkedin": 10, "coffee": 5},
    RECEIVE: {"email": 35, "call": 25, "message": 20, "coffee": 12, "other": 8},
    POST: {"linkedin": 80, "other": 20},
}
_DESK_HOURS = (((8 * 60 + 30, 18 * 60 + 30, 1), 87), ((19 * 60 + 30, 22 * 60 + 30, 1), 13))
# When in the day each channel happens: (first minute, last minute, step), weight.
_TIME_WINDOWS = {
    "linkedin": _DESK_HOURS,
    "email": _DESK_HOURS,
    "message": _DESK_HOURS,
    "other": _DESK_HOURS,
    "call": (((9 * 60, 17 * 60 + 30, 5), 1),),
    "coffee": (
        ((8 * 60, 10 * 60, 5), 40),
        ((12 * 60, 14 * 60, 5), 45),
        ((15 * 60, 17 * 60, 5), 15),
    ),
    "event": (((18 * 60, 20 * 60 + 30, 5), 75), ((10 * 60, 16 * 60, 5), 25)),
}
_WEEKDAY_WEIGHTS = (1.0, 1.1, 1.1, 1.05, 0.9, 0.15, 0.1)

# How likely each circle is picked for each kind (before staleness is weighed in).
_CIRCLE_WEIGHTS = {
    REACH_OUT: {"inner": 1.0, "active": 2.5, "wider": 3.0, None: 1.5},
    GIVE: {"inner": 4.0, "active": 3.0, "wider": 1.2, None: 0.6},
    MEET: {"inner": 4.0, "active": 3.0, "wider": 1.0, None: 0.6},
    FOLLOW_UP: {"inner": 2.0, "active": 2.0, "wider": 1.0, None: 1.0},
    ASK: {"inner": 2.0, "active": 2.5, "wider": 2.0, None: 1.0},
    RECEIVE: {"inner": 3.0, "active": 2.0, "wider": 1.0, None: 0.5},
}
_CADENCE_UNSET = 60  # how a contact without a cadence is weighed when picking

# A week's form: most weeks meet the targets, some fall short, a few are quiet.
GOOD, PARTIAL, WEAK = "good", "partial", "weak"
BASE_WEEK = 15.5  # actions in an average demo week, to scale the benchmark histories


class Person:
    """A contact and what the story needs to know about them as it unfolds."""

    __slots__ = (
        "cadence",
        "circle",
        "company",
        "contact",
        "created",
        "first",
        "gives",
        "id",
        "last_touch",
        "open",
        "part",
        "receives",
        "until",
    )

    def __init__(self, contact: Contact, part: str = "", until: datetime | None = None) -> None:
        self.contact = contact
        self.id = contact.id
        self.first = contact.name.split()[0]
        self.company = contact.company
        self.circle = contact.circle
        cadence = contact.cadence_days
        if cadence is None:
            cadence = DEFAULT_CADENCES.get(contact.circle or "", _CADENCE_UNSET)
        self.cadence = cadence or _CADENCE_UNSET
        self.created = contact.created
        self.part = part
        self.until = until  # no touches after this moment: the contact goes cold
        self.last_touch = 0  # day ordinal of the last action with them; 0 = never
        self.gives = 0
        self.receives = 0
        self.open: list[str] = []  # ids of their open follow-ups


class _Slot(NamedTuple):
    at: datetime
    seq: int
    kind: str
    channel: str
    person: Person | None  # None: pick someone when the slot is played
    flags: int = 0


class Story:
    """Builds a history: people, planned slots, then the records played in time order."""

    def __init__(self, rng: random.Random, now: datetime, weeks: int, sample: int | None) -> None:
        self.rng = rng
        self.tz: tzinfo | None = now.tzinfo
        # A plain datetime in the same zone, so every comparison is on wall-clock fields.
        self.now = datetime(
            now.year, now.month, now.day, now.hour, now.minute, now.second, tzinfo=self.tz
        )
        self.today = self.now.date()
        self.calendar = Calendar()
        self.this_week = self.calendar.week_of(self.now)
        self.weeks = self.calendar.weeks_between(self.this_week.shifted(1 - weeks), self.this_week)
        self.first_day = self.weeks[0].start
        self.setup = min(self.at_minute(self.first_day, 7 * 60 + 30), self.now)
        self.sample = sample
        self.people: list[Person] = []
        self._created: list[datetime] = []
        self._others: list[str] = []
        self.slots: list[_Slot] = []
        self.actions: list[Action] = []
        self.followups: dict[str, FollowUp] = {}
        self.protected: set[str] = set()
        self.week_notes: list[WeekNote] = []
        self.plans: list[PlanItem] = []
        self.habits: list[Habit] = []
        self.skipped: set[date] = set()
        self._closures: list[tuple[datetime, int, Person, str]] = []
        self._seq = 0
        self._channels = {
            kind: (tuple(mix), _cumulative(mix.values())) for kind, mix in _CHANNEL_MIX.items()
        }
        self._windows = {
            channel: (tuple(w for w, _ in windows), _cumulative(n for _, n in windows))
            for channel, windows in _TIME_WINDOWS.items()
        }
        self._reflections = _deck(rng, REFLECTIONS)
        self._focuses = _deck(rng, FOCUSES)
        self._choose_skipped_week()

    # Small helpers ------------------------------------------------------------------

    def new_id(self) -> str:
        return uuid4_text(self.rng.randbytes(16))

    def at_minute(self, day: date, minute: int) -> datetime:
        return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=self.tz)

    def moment(self, day: date, channel: str) -> datetime:
        """A plausible time of day on ``day`` for something done over ``channel``."""
        windows, cum = self._windows[channel]
        random = self.rng.random
        first, last, step = _pick(random, windows, cum)
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
        return _pick(self.rng.random, channels, cum)

    def add_slot(
        self, at: datetime, kind: str, channel: str, person: Person | None, flags: int = 0
    ) -> None:
        if at > self.now:
            return
        self._seq += 1
        self.slots.append(_Slot(at, self._seq, kind, channel, person, flags))

    def between(self, start: datetime, end: datetime, channel: str) -> datetime:
        """A plausible moment after ``start`` and no later than ``end``."""
        span = (end.date() - start.date()).days
        for _ in range(6):
            moment = self.moment(start.date() + self.rng.randint(0, span) * DAY, channel)
            if start < moment <= end:
                return moment
        return start + min((end - start) / 2, _ONE_HOUR)

    # Cast, habits, weeks ------------------------------------------------------------

    def cast(self, people: list[Person]) -> None:
        """Set the people (in the order they were met) and the habits they are tracked by."""
        self.people = sorted(people, key=lambda p: p.created)
        self._created = [p.created for p in self.people]
        self._others = [p.contact.name for p in self.people]
        self.habits = self._habits()

    def _choose_skipped_week(self) -> None:
        if len(self.weeks) >= 6:
            back = self.rng.randint(3, min(6, len(self.weeks) - 2))
            self.skipped.add(self.weeks[-1 - back].start)

    def _habits(self) -> list[Habit]:
        """The default habits from the first day, one target raised midway, and "Posts"."""
        habits = default_habits(self.first_day)
        if len(self.weeks) >= 4:
            meet = habits[3]
            since = self.weeks[len(self.weeks) // 2].start
            targets = (*meet.targets, TargetChange(since, meet.target + 1))
            habits[3] = meet._replace(targets=targets)
        posts_from = self.weeks[min(3, len(self.weeks) // 4)].start
        posts = Habit(
            self.new_id(), "Posts shared", (POST,), (TargetChange(posts_from, 1),), posts_from
        )
        return [*habits, posts]

    def keep_open_followups(self) -> None:
        """Two meetings whose follow-ups are overdue, and one or two due in the next days."""
        candidates = [
            p
            for p in self.people
            if p.circle in ("inner", "active") and not p.part and p.created == self.setup
        ]
        if len(candidates) < 4:
            return
        chosen = self.rng.sample(candidates, 4)
        plans = [(9, chosen[0]), (5, chosen[1]), (1, chosen[2])]
        if self.now.hour >= 11:
            plans.append((0, chosen[3]))
        for days_ago, person in plans:
            day = self.today - days_ago * DAY
            if day < self.first_day:
                continue
            channel = self.rng.choice(("coffee", "call"))
            at = self.moment(day, channel)
            if at > self.now:
                at = self.now - timedelta(minutes=self.rng.randint(20, 90))
            self.add_slot(at, MEET, channel, person, _PROTECTED)

    def plan_weeks(self, scale: float, holidays: float = 0.0) -> None:
        """Plan every week's actions against the habits' targets of that week."""
        rng = self.rng
        forms = self._forms()
        for week, form in zip(self.weeks, forms, strict=True):
            if week.start in self.skipped:
                self._skip(week)
                continue
            if holidays and week != self.this_week and rng.random() < holidays:
                self.skipped.add(week.start)
                self._skip(week)
                continue
            counts = self._counts(week, form)
            last_day = min(week.end, self.today)
            share = 1.0
            if week == self.this_week:
                share = min(1.0, ((self.today - week.start).days + self.now.hour / 24) / 5)
            days = [d for d in week.days() if d <= last_day]
            cum = _cumulative(_WEEKDAY_WEIGHTS[(d - week.start).days] for d in days)
            for kind, count in counts.items():
                for _ in range(int(count * scale * share + rng.random())):
                    day = _pick(rng.random, days, cum)
                    channel = self.channel(kind)
                    self.add_slot(self.moment(day, channel), kind, channel, None)
            last_full = len(self.weeks) > 1 and week == self.weeks[-2]
            if week != self.this_week and (last_full or rng.random() < 0.5):
                self._reflect(week)

    def _forms(self) -> list[str]:
        """Each week's form: a slow start, a slump, steady recent weeks, chance elsewhere."""
        rng = self.rng
        forms = [rng.choices((GOOD, PARTIAL, WEAK), (70, 24, 6))[0] for _ in self.weeks]
        forms[0] = PARTIAL
        if len(forms) >= 10:
            slump = rng.randint(2, len(forms) // 2)
            forms[slump] = forms[slump + 1] = WEAK
        for back in (2, 3):
            if len(forms) > back + 1:
                forms[-back] = GOOD
        for n, week in enumerate(self.weeks[:-1]):
            if week.start in self.skipped:
                forms[n + 1] = PARTIAL
        return forms

    def _counts(self, week: Week, form: str) -> dict[str, int]:
        """How many of each kind to do in ``week``, given the targets then in force."""
        rng = self.rng
        counts = {}
        for habit in self.habits:
            if habit.created > week.end:
                continue
            target = habit.target_until(week.end)
            if form == WEAK:
                count = round(target * rng.uniform(0.2, 0.7))
            elif form == PARTIAL and rng.random() < 0.45:
                count = max(0, target - rng.randint(1, 2))
            else:
                count = target + rng.choice((0, 0, 1, 1, 2) if target > 2 else (0, 0, 0, 1))
            counts[habit.kinds[0]] = count
        counts[ASK] = rng.choice((0, 0, 1, 1, 2)) + (form == WEAK)
        counts[RECEIVE] = rng.choice((0, 1, 1, 2))
        # Meetings bring their own follow-ups; plan only the rest.
        counts[FOLLOW_UP] = max(0, counts.get(FOLLOW_UP, 0) - counts.get(MEET, 0))
        return counts

    def _skip(self, week: Week) -> None:
        moment = self.moment(week.start - 3 * DAY, "email")
        self.week_notes.append(
            WeekNote(
                id=self.new_id(),
                week=week.label,
                skipped=True,
                skip_reason=self.rng.choice(HOLIDAYS),
                updated=min(moment, self.now),
            )
        )

    def _reflect(self, week: Week) -> None:
        rng = self.rng
        day = week.end if rng.random() < 0.7 else week.end - 2 * DAY
        self.week_notes.append(
            WeekNote(
                id=self.new_id(),
                week=week.label,
                reflection=next(self._reflections),
                focus=next(self._focuses),
                updated=self.at_minute(day, rng.randrange(17 * 60, 21 * 60 + 30)),
            )
        )

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
        circle_weights = _CIRCLE_WEIGHTS[kind]
        day = at.toordinal()
        pool = []
        cum: list[float] = []
        total = 0.0
        for person in candidates:
            if person.until is not None and at > person.until:
                continue
            if kind in (FOLLOW_UP, MEET) and person.open and self._oldest_protected(person):
                continue
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
        return _pick(random, pool, cum)

    def _oldest_open(self, person: Person) -> str | None:
        if not person.open:
            return None
        followups = self.followups
        return min(person.open, key=lambda fid: (followups[fid].created, followups[fid].due))

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
            if kind == FOLLOW_UP:
                closed = self._oldest_open(person)
                if closed is not None:
                    owed = self.followups[closed]
                    logged = max(logged, owed.created)  # it was owed before it was closed
                    self.followups[closed] = owed._replace(closed=at, closed_by_action_id=action_id)
                    person.open.remove(closed)
            elif kind == MEET:
                opened = self._open_followup(at, logged, person, note, action_id, flags)
            elif kind == GIVE:
                person.gives += 1
            elif kind == RECEIVE:
                person.receives += 1
            person.last_touch = at.toordinal()
        personal = (rng.random() < 0.7) if kind == REACH_OUT else None
        contact_id = person.id if person is not None else None
        self.actions.append(
            Action(action_id, kind, contact_id, at, logged, channel, note, personal, opened, closed)
        )

    def _open_followup(
        self, at: datetime, logged: datetime, person: Person, note: str, source: str, flags: int
    ) -> str:
        due = at.date() + FOLLOWUP_DAYS * DAY
        text = f"Follow up after meeting: {note}" if note else "Follow up after meeting"
        followup = FollowUp(self.new_id(), person.id, text, due, logged, source)
        self.followups[followup.id] = followup
        person.open.append(followup.id)
        if flags & _PROTECTED:
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
            if due >= self.today and (rng.random() < 0.5 or self.now - at < _TWO_HOURS):
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

    # Results ------------------------------------------------------------------------

    def keep_latest(self, count: int) -> None:
        """Keep only the ``count`` most recent actions, and the follow-ups they explain."""
        self.actions.sort(key=lambda a: a.at)
        dropped = {a.id for a in self.actions[: len(self.actions) - count]}
        self.actions = self.actions[len(self.actions) - count :]
        gone = {fid for fid, f in self.followups.items() if f.source_action_id in dropped}
        for fid in gone:
            del self.followups[fid]
        self.actions = [
            a._replace(closed_followup_id=None) if a.closed_followup_id in gone else a
            for a in self.actions
        ]

    def records(self) -> list[Record]:
        """Contacts, habits, actions, follow-ups, week notes and plans, in time order."""
        self.actions.sort(key=lambda a: a.at)
        followups = sorted(self.followups.values(), key=lambda f: f.created)
        notes = sorted(self.week_notes, key=lambda n: n.week)
        return [
            *(p.contact for p in self.people),
            *self.habits,
            *self.actions,
            *followups,
            *notes,
            *self.plans,
        ]


def _deck(rng: random.Random, items: Sequence[str]) -> Iterator[str]:
    """``items`` in a shuffled order, reshuffled each time round: few repeats close by."""
    while True:
        yield from rng.sample(items, len(items))


def _pick(random: Any, items: Sequence[Any], cum: Sequence[float]) -> Any:
    """One of ``items`` by cumulative weights (``random.choices`` for one item, quicker)."""
    return items[bisect_right(cum, random() * cum[-1], 0, len(cum) - 1)]


def _cumulative(weights: Iterable[float]) -> tuple[float, ...]:
    total = 0.0
    out = []
    for weight in weights:
        total += weight
        out.append(total)
    return tuple(out)
