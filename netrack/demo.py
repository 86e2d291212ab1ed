"""Invented but realistic netrack history, the same every time it is asked for.

``demo_records`` tells a half-year story of about 40 people for the demo, the tests
and the screenshots; ``history_records`` scales the same rules up to any size for the
benchmarks. Everything comes from one ``random.Random(seed)`` and from the ``now``
given (ids included), so equal arguments give equal records.

The history is built the way netrack itself records it: a meeting opens a follow-up
due two days later, and a follow-up action closes the contact's oldest open one.
Actions are generated week by week against the habits' targets (most weeks meet them,
some fall short, one holiday week is skipped), then played in time order so that each
one can pick a plausible contact: the people who have not heard from you for a while,
the ones you recently talked to for a follow-up, never someone who has gone cold.
"""

from __future__ import annotations

import heapq
import math
import random
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from netrack import clock
from netrack.demo_text import (
    COMPANIES,
    EVENTS,
    FIRST_NAMES,
    FOCUSES,
    HOLIDAYS,
    LAST_NAMES,
    MET_HOW,
    NOTES,
    PROFILES,
    REFLECTIONS,
    ROLES,
    TAGS,
    TOPICS,
    Profile,
)
from netrack.domain.habits import default_habits
from netrack.domain.ids import uuid4_text
from netrack.domain.kinds import ASK, FOLLOW_UP, GIVE, MEET, REACH_OUT, RECEIVE
from netrack.domain.models import (
    DEFAULT_CADENCES,
    NO_CADENCE,
    Action,
    Contact,
    FollowUp,
    Habit,
    Settings,
    TargetChange,
    WeekNote,
)
from netrack.domain.weeks import Calendar, Week
from netrack.errors import UsageError

Record = Contact | Action | FollowUp | Habit | WeekNote

POST = "post"  # the custom kind of the demo's own habit, "Posts shared"
FOLLOWUP_DAYS = Settings().followup_days
DEMO_WEEKS_MAX = 520
HISTORY_PER_WEEK = 40
_DAY = timedelta(days=1)
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
_BASE_WEEK = 15.5  # actions in an average demo week, to scale the benchmark histories


class DemoSummary(NamedTuple):
    """What a demo or benchmark history holds, for a one-line report."""

    contacts: int
    actions: int
    followups: int
    open_followups: int
    habits: int
    notes: int
    weeks: int

    def describe(self) -> str:
        return (
            f"{self.contacts:,} contacts, {self.actions:,} actions, "
            f"{self.followups:,} follow-ups ({self.open_followups:,} open), "
            f"{self.habits} habits, {self.notes:,} week notes over {self.weeks:,} weeks"
        )


# Public functions ---------------------------------------------------------------------


def demo_records(weeks: int = 26, seed: int = 0, now: datetime | None = None) -> list[Record]:
    """About 40 contacts and ``weeks`` weeks of history ending at ``now``."""
    if not 1 <= weeks <= DEMO_WEEKS_MAX:
        raise UsageError(f"weeks must be between 1 and {DEMO_WEEKS_MAX}, not {weeks}")
    story = _Story(random.Random(seed), now or clock.now(), weeks, sample=None)
    story.cast(_demo_people(story))
    _demo_parts(story)
    story.keep_open_followups()
    story.plan_weeks(scale=1.0)
    story.play()
    return story.records()


def history_records(
    actions: int,
    contacts: int,
    seed: int = 0,
    now: datetime | None = None,
    per_week: int = HISTORY_PER_WEEK,
) -> list[Record]:
    """Exactly ``actions`` actions and ``contacts`` contacts, about ``per_week`` a week.

    The same rules as the demo, with cheaper contact picking, for benchmarks.
    """
    if actions < 0 or contacts < 0 or per_week < 1:
        raise UsageError("actions, contacts and per_week must not be negative")
    if actions and not contacts:
        raise UsageError("a history with actions needs at least one contact")
    now = now or clock.now()
    weeks = max(2, math.ceil(actions * 1.05 / per_week) + 1)
    while True:
        story = _Story(random.Random(seed), now, weeks, sample=8)
        story.cast(_generated_people(story, contacts))
        story.keep_open_followups()
        story.plan_weeks(scale=per_week / _BASE_WEEK, holidays=0.04)
        story.play()
        if len(story.actions) >= actions:
            story.keep_latest(actions)
            return story.records()
        weeks += math.ceil((actions - len(story.actions)) / per_week) + 2


def write_demo(
    store: Any, weeks: int = 26, seed: int = 0, now: datetime | None = None
) -> DemoSummary:
    """Write the demo into ``store``, whose file must hold no data yet (one transaction)."""
    return write_records(store, demo_records(weeks, seed, now or clock.now()))


def write_history(
    store: Any, actions: int, contacts: int, seed: int = 0, now: datetime | None = None
) -> DemoSummary:
    """Write a benchmark history into ``store``, whose file must hold no data yet."""
    return write_records(store, history_records(actions, contacts, seed, now or clock.now()))


def write_records(store: Any, records: Sequence[Record]) -> DemoSummary:
    """Save ``records`` in one transaction; refuse a file that already holds data."""
    with store.transaction() as tx:
        data = tx.data
        if data.contacts or data.actions or data.followups or data.notes:
            raise UsageError(
                f"data file {store.path} already holds {len(data.contacts):,} contacts and "
                f"{len(data.actions):,} actions; the demo writes only into a new or empty "
                "file (choose one with --db PATH)"
            )
        tx.save_many(records)
    return summarize(records)


def summarize(records: Iterable[Record]) -> DemoSummary:
    """Counts of each kind of record, and how many weeks the actions span."""
    counts = {Contact: 0, Action: 0, FollowUp: 0, Habit: 0, WeekNote: 0}
    open_followups = 0
    first = last = None
    for record in records:
        counts[type(record)] += 1
        if isinstance(record, FollowUp) and record.closed is None:
            open_followups += 1
        elif isinstance(record, Action):
            first = record.at if first is None or record.at < first else first
            last = record.at if last is None or record.at > last else last
    weeks = 0
    if first is not None and last is not None:
        calendar = Calendar()
        weeks = (calendar.week_of(last).start - calendar.week_of(first).start).days // 7 + 1
    return DemoSummary(
        counts[Contact],
        counts[Action],
        counts[FollowUp],
        open_followups,
        counts[Habit],
        counts[WeekNote],
        weeks,
    )


# The people ---------------------------------------------------------------------------


class _Person:
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


def _slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.translate(_LATIN_EXTRA))
    ascii_name = folded.encode("ascii", "ignore").decode("ascii").casefold()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_name).split())


_LATIN_EXTRA = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d"})


def _email(name: str, company: str) -> str:
    user = _slug(name).replace("-", ".")
    domain = f"{_slug(company) or 'mail'}.example"
    return f"{user}@{domain}"


def _profile_url(name: str) -> str:
    return f"https://linkedin.example/in/{_slug(name)}"


def _demo_people(story: _Story) -> list[_Person]:
    """The hand-written cast; newcomers join during the history, the rest on day one."""
    people = []
    late_first = story.first_day + 7 * _DAY
    late_last = story.today - 10 * _DAY
    for profile in PROFILES:
        created = story.setup
        if profile.part == "new" and late_first < late_last:
            day = story.random_day(late_first, late_last)
            created = story.moment(day, _intro_channel(profile.met_how))
        people.append(_Person(_demo_contact(story, profile, created), profile.part))
    return people


def _intro_channel(met_how: str) -> str:
    """Newcomers met online were reached out to; the others were met at an event."""
    online = any(word in met_how.casefold() for word in ("discord", "linkedin", "online"))
    return "linkedin" if online else "event"


def _demo_contact(story: _Story, profile: Profile, created: datetime) -> Contact:
    rng = story.rng
    return Contact(
        id=story.new_id(),
        name=profile.name,
        created=created,
        company=profile.company,
        role=profile.role,
        met_how=profile.met_how,
        tags=profile.tags,
        circle=profile.circle,
        cadence_days=profile.cadence,
        email=_email(profile.name, profile.company) if rng.random() < 0.85 else "",
        url=_profile_url(profile.name) if rng.random() < 0.7 else "",
        notes=profile.notes,
        updated=created,
    )


def _generated_people(story: _Story, count: int) -> list[_Person]:
    """``count`` people with unique names, most of them met during the history."""
    rng = story.rng
    pairs = len(FIRST_NAMES) * len(LAST_NAMES)
    people = []
    span = max((story.today - story.first_day).days - 7, 1)
    for n, combo in enumerate(_name_order(rng, count, pairs)):
        first = FIRST_NAMES[combo % len(FIRST_NAMES)]
        last = LAST_NAMES[combo // len(FIRST_NAMES)]
        rounds = n // pairs
        name = f"{first} {chr(64 + rounds)}. {last}" if rounds else f"{first} {last}"
        company = rng.choice(COMPANIES) if rng.random() < 0.85 else ""
        circle = rng.choices(("inner", "active", "wider", None), (3, 12, 80, 5))[0]
        cadence = None
        roll = rng.random()
        if roll < 0.05:
            cadence = rng.choice((7, 21, 45, 60, 120))
        elif roll < 0.08:
            cadence = NO_CADENCE
        created = story.setup
        if rng.random() > 0.15:
            created = story.moment(story.first_day + rng.randrange(span) * _DAY, "linkedin")
        contact = Contact(
            id=story.new_id(),
            name=name,
            created=created,
            company=company,
            role=rng.choice(ROLES),
            met_how=rng.choice(MET_HOW),
            tags=tuple(rng.sample(TAGS, rng.randint(0, 3))),
            circle=circle,
            cadence_days=cadence,
            email=_email(name, company) if rng.random() < 0.8 else "",
            url=_profile_url(name) if rng.random() < 0.6 else "",
            updated=created,
        )
        part_roll = rng.random()
        part = "ask-only" if part_roll < 0.02 else "generous" if part_roll < 0.03 else ""
        person = _Person(contact, part)
        if rng.random() < 0.1:
            _drift_apart(story, person)
        people.append(person)
    return people


def _name_order(rng: random.Random, count: int, pairs: int) -> Iterable[int]:
    """Indexes into every first/last name pair, shuffled, repeating when more are needed."""
    made = 0
    while made < count:
        batch = rng.sample(range(pairs), min(pairs, count - made))
        made += len(batch)
        yield from batch


def _drift_apart(story: _Story, person: _Person, within_days: int | None = None) -> None:
    """Make ``person`` go cold: nothing with them after a moment past their cadence.

    ``within_days`` keeps that moment recent (the demo's few people going cold).
    """
    latest = story.today - (person.cadence + story.rng.randint(8, 40)) * _DAY
    earliest = person.created.date() + 14 * _DAY
    if within_days is not None:
        earliest = max(earliest, latest - within_days * _DAY)
    if earliest < latest:
        person.until = story.moment(story.random_day(earliest, latest), "email")


def _demo_parts(story: _Story) -> None:
    """Give the demo's special contacts their story (see ``Profile.part``)."""
    rng = story.rng
    early_end = story.first_day + max((story.today - story.first_day).days // 3, 1) * _DAY
    for person in story.people:
        if person.part == "new":
            channel = _intro_channel(person.contact.met_how)
            kind = MEET if channel == "event" else REACH_OUT
            story.add_slot(person.created, kind, channel, person)
        elif person.part == "cold":
            _drift_apart(story, person, within_days=30)
            if person.until is not None:
                kind = rng.choice((GIVE, REACH_OUT))
                channel = story.channel(kind)
                at = story.moment(person.until.date(), channel)
                story.add_slot(min(at, person.until), kind, channel, person)
        elif person.part == "ask-only":
            for kind in (ASK, RECEIVE)[: rng.randint(1, 2)]:
                day = story.random_day(story.first_day, story.today - 14 * _DAY)
                story.add_slot(story.moment(day, "email"), kind, "email", person)
        elif person.part == "generous":
            for _ in range(3):
                day = story.random_day(story.first_day, early_end)
                story.add_slot(story.moment(day, "call"), RECEIVE, "call", person)
            day = story.random_day(early_end + _DAY, story.today - _DAY)
            story.add_slot(story.moment(day, "email"), GIVE, "email", person)


# The story ----------------------------------------------------------------------------


class _Slot(NamedTuple):
    at: datetime
    seq: int
    kind: str
    channel: str
    person: _Person | None  # None: pick someone when the slot is played
    flags: int = 0


class _Story:
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
        self.people: list[_Person] = []
        self._created: list[datetime] = []
        self._others: list[str] = []
        self.slots: list[_Slot] = []
        self.actions: list[Action] = []
        self.followups: dict[str, FollowUp] = {}
        self.protected: set[str] = set()
        self.notes: list[WeekNote] = []
        self.habits: list[Habit] = []
        self.skipped: set[date] = set()
        self._closures: list[tuple[datetime, int, _Person, str]] = []
        self._seq = 0
        self._channels = {
            kind: (tuple(mix), _cumulative(mix.values())) for kind, mix in _CHANNEL_MIX.items()
        }
        self._windows = {
            channel: (tuple(w for w, _ in windows), _cumulative(n for _, n in windows))
            for channel, windows in _TIME_WINDOWS.items()
        }
        self._weekday_cum = _cumulative(_WEEKDAY_WEIGHTS)
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
            day = first + self.rng.randint(0, span) * _DAY
            if self.calendar.week_of_day(day).start not in self.skipped:
                break
        return day

    def channel(self, kind: str) -> str:
        channels, cum = self._channels[kind]
        return _pick(self.rng.random, channels, cum)

    def add_slot(
        self, at: datetime, kind: str, channel: str, person: _Person | None, flags: int = 0
    ) -> None:
        if at > self.now:
            return
        self._seq += 1
        self.slots.append(_Slot(at, self._seq, kind, channel, person, flags))

    def between(self, start: datetime, end: datetime, channel: str) -> datetime:
        """A plausible moment after ``start`` and no later than ``end``."""
        span = (end.date() - start.date()).days
        for _ in range(6):
            moment = self.moment(start.date() + self.rng.randint(0, span) * _DAY, channel)
            if start < moment <= end:
                return moment
        return start + min((end - start) / 2, _ONE_HOUR)

    # Cast, habits, weeks ------------------------------------------------------------

    def cast(self, people: list[_Person]) -> None:
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
            day = self.today - days_ago * _DAY
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
        moment = self.moment(week.start - 3 * _DAY, "email")
        self.notes.append(
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
        day = week.end if rng.random() < 0.7 else week.end - 2 * _DAY
        self.notes.append(
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
                at, _, person, channel = heapq.heappop(closures)
                self._close(at, person, channel)
            person = slot.person
            if person is None and slot.kind != POST:
                person = self._choose(slot.kind, slot.at)
                if person is None:
                    continue
            self._act(slot.at, slot.kind, slot.channel, person, slot.flags)
        while closures:
            at, _, person, channel = heapq.heappop(closures)
            self._close(at, person, channel)

    def _choose(self, kind: str, at: datetime) -> _Person | None:
        """Someone plausible for ``kind`` at ``at``; the long-unheard-from come first."""
        random = self.rng.random
        known = bisect_right(self._created, at)
        if not known:
            return None
        people = self.people
        if self.sample is None or known <= self.sample:
            candidates: Sequence[_Person] = people[:known]
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

    def _oldest_open(self, person: _Person) -> str | None:
        if not person.open:
            return None
        followups = self.followups
        return min(person.open, key=lambda fid: (followups[fid].created, followups[fid].due))

    def _oldest_protected(self, person: _Person) -> bool:
        return self._oldest_open(person) in self.protected

    def _close(self, at: datetime, person: _Person, channel: str) -> None:
        """A follow-up planned after a meeting, if something is still owed."""
        oldest = self._oldest_open(person)
        if oldest is not None and oldest not in self.protected:
            self._act(at, FOLLOW_UP, channel, person)

    def _act(
        self, at: datetime, kind: str, channel: str, person: _Person | None, flags: int = 0
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
        self, at: datetime, logged: datetime, person: _Person, note: str, source: str, flags: int
    ) -> str:
        due = at.date() + FOLLOWUP_DAYS * _DAY
        text = f"Follow up after meeting: {note}" if note else "Follow up after meeting"
        followup = FollowUp(self.new_id(), person.id, text, due, logged, source)
        self.followups[followup.id] = followup
        person.open.append(followup.id)
        if flags & _PROTECTED:
            self.protected.add(followup.id)
        else:
            self._plan_closure(at, due, person)
        return followup.id

    def _plan_closure(self, at: datetime, due: date, person: _Person) -> None:
        """When the follow-up of a meeting at ``at`` is done: mostly on time, some late."""
        rng = self.rng
        on_time = rng.random() < 0.82
        days = rng.choice((0, 1, 1, 1, 2, 2)) if on_time else rng.randint(3, 8)
        channel = self.channel(FOLLOW_UP)
        when = self.moment(at.date() + days * _DAY, channel)
        if when <= at:
            when = self.moment(at.date() + _DAY, channel)
        week_start = self.calendar.week_of_day(when.date()).start
        if week_start in self.skipped:  # done after the holiday, late
            when = self.moment(week_start + rng.randint(7, 8) * _DAY, channel)
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
            logged = self.at_minute(at.date() + _DAY, 8 * 60 + int(random() * 90))
        return logged if logged <= self.now else self.now

    def _note(self, kind: str, channel: str, person: _Person | None) -> str:
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
        """Contacts, habits, actions, follow-ups and week notes, in time order."""
        self.actions.sort(key=lambda a: a.at)
        followups = sorted(self.followups.values(), key=lambda f: f.created)
        notes = sorted(self.notes, key=lambda n: n.week)
        return [
            *(p.contact for p in self.people),
            *self.habits,
            *self.actions,
            *followups,
            *notes,
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
