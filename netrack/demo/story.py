"""The demo history's story: who is in it, what each week holds, and the records made.

``Story`` plans each week against the habits' targets (most weeks good, a slump, a
holiday), reflections and skipped weeks, and a few follow-ups left open to act on;
``Timeline`` (``demo/timeline.py``) plays the plan into records.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from netrack.demo.mix import (
    DAY,
    POST,
    PROTECTED,
    WEEKDAY_WEIGHTS,
    Person,
    cumulative,
    pick,
)
from netrack.demo.text import HOLIDAYS, INTRODUCED
from netrack.demo.timeline import Timeline
from netrack.domain.habits import default_habits
from netrack.domain.kinds import ASK, FOLLOW_UP, MEET, RECEIVE
from netrack.domain.models import Habit, PlanItem, Record, TargetChange, WeekNote
from netrack.domain.weeks import Week

__all__ = ["BASE_WEEK", "DAY", "POST", "Person", "Story"]

# A week's form: most weeks meet the targets, some fall short, a few are quiet.
GOOD, PARTIAL, WEAK = "good", "partial", "weak"
BASE_WEEK = 15.5  # actions in an average demo week, to scale the benchmark histories


class Story(Timeline):
    """Builds a history: people, planned slots, then the records played in time order."""

    def __init__(self, rng: random.Random, now: datetime, weeks: int, sample: int | None) -> None:
        super().__init__(rng, now, weeks, sample)
        self.plans: list[PlanItem] = []  # made once the story has played (demo/plans.py)
        self._choose_skipped_week()

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
            if p.circle in ("inner", "active")
            and not p.part
            and p.created == self.setup
            and p.contact.name not in INTRODUCED  # the introduction (a give) would close it
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
            self.add_slot(at, MEET, channel, person, PROTECTED)

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
            cum = cumulative(WEEKDAY_WEIGHTS[(d - week.start).days] for d in days)
            for kind, count in counts.items():
                for _ in range(int(count * scale * share + rng.random())):
                    day = pick(rng.random, days, cum)
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
