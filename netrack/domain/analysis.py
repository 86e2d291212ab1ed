"""Indexes over one snapshot of the data, built once and shared by every view of it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

import pendulum

from netrack.domain.keepintouch import TouchStatus, going_cold, last_touch_days, touch_statuses
from netrack.domain.kinds import MEET
from netrack.domain.models import Action, Contact, Dataset, WeekNote
from netrack.domain.reciprocity import (
    TREND_WEEKS,
    Balance,
    ContactBalance,
    TakesSinceGive,
    WeekBalance,
    all_time,
    combined_balances,
    combined_takes_since,
    contact_balances,
    takes_since_last_give,
    trend,
)
from netrack.domain.tally import DayCounts, NotRead, WeekTally, actions_by_week
from netrack.domain.weeks import Week, calendar_for

if TYPE_CHECKING:
    from netrack.domain.past import ArchivedWeeks
    from netrack.domain.streaks import HabitRecord  # (habits' records: not every listing's)


class Analysis:
    """``data`` as seen at ``now``: the CLI and the app both read their numbers here.

    ``earlier``: the actions before ``earlier.until`` summed up by day, when ``data``
    holds only the later ones (the store's ``load_recent``). Such an analysis knows
    habits, streaks, totals, keep-in-touch and give and take per contact, and the
    actions of weeks it ``covers``. With the archived weeks summed up (``earlier.weeks``)
    instead of their days, it knows what the review of a recent week shows
    (``reviews``).
    """

    def __init__(
        self, data: Dataset, now: pendulum.DateTime, earlier: DayCounts | None = None
    ) -> None:
        self.data = data
        self.now = now
        self.earlier = earlier
        self.calendar = calendar_for(data.settings)
        self.today: date = self.calendar.day_of(now)
        self.current_week: Week = self.calendar.week_of_day(self.today)
        self._habit_records: dict[date, tuple[HabitRecord, ...]] = {}

    @cached_property
    def by_week(self) -> dict[int, list[Action]]:
        """The actions grouped by week (``Calendar.week_index``): one pass over them all."""
        return actions_by_week(self.data.actions, self.calendar)

    @cached_property
    def tally(self) -> WeekTally:
        return WeekTally.of_weeks(self.by_week, self.calendar, self.earlier)

    @cached_property
    def recent_tally(self) -> WeekTally:
        """The tally of the loaded actions alone (without the archived day counts)."""
        if self.earlier is None:
            return self.tally
        return WeekTally.of_weeks(self.by_week, self.calendar)

    @cached_property
    def _archived_weeks(self) -> ArchivedWeeks | None:
        """The archived weeks summed up, if read and if every loaded action and this
        week come after them (a backdated quick add not yet moved to its year does not)."""
        weeks = None if self.earlier is None else self.earlier.weeks
        if weeks is None or self.calendar.week_index(self.current_week.start) < weeks.since:
            return None
        if self.by_week and min(self.by_week) < weeks.since:
            return None
        return weeks

    def _summed_up_before(self, week: Week) -> ArchivedWeeks | None:
        """The archived weeks summed up, if ``week`` is not among them (the weeks from
        ``week`` on are then counted by ``_later_tally`` as by ``tally``)."""
        weeks = self._archived_weeks
        if weeks is None or self.calendar.week_index(week.start) < weeks.since:
            return None
        return weeks

    @cached_property
    def _later_tally(self) -> WeekTally:
        """The weeks after the archived ones summed up: the loaded actions, and the
        archived ones of the week the archive's last days share with them."""
        tally = WeekTally.of_weeks(self.by_week, self.calendar)
        weeks = self._archived_weeks
        for index, kinds in weeks.spill.items() if weeks is not None else ():
            counter = tally.by_week.setdefault(index, Counter())
            counter.update(kinds)
        return tally

    def reviews(self, week: Week) -> bool:
        """True when what was loaded is enough for the review of ``week``
        (``domain.review.week_review``)."""
        if self.earlier is None:
            return True
        if not isinstance(self.earlier.by_day, NotRead):
            return self.covers(week)
        weeks = self._summed_up_before(week.shifted(1 - TREND_WEEKS))
        return weeks is not None and all(
            weeks.past_of(h, self.calendar) is not None for h in self.data.habits
        )

    def tally_from(self, first: Week) -> WeekTally:
        """A tally that counts each week from ``first`` on as ``tally`` does, from the
        loaded actions alone when it can."""
        return self._later_tally if self._summed_up_before(first) else self.tally

    def all_time_upto(self, week: Week) -> Balance:
        """Every give and take up to the end of ``week``."""
        weeks = self._summed_up_before(week)
        if weeks is None:
            return all_time(self.tally, week)
        recent = all_time(self._later_tally, week)
        return Balance(recent.gives + weeks.balance.gives, recent.takes + weeks.balance.takes)

    def all_time_balance(self) -> Balance:
        """Every give and take ever (of archived years, from the summary's totals)."""
        if self.earlier is None:
            return all_time(self.tally)
        recent, earlier = all_time(self.recent_tally), self.earlier.totals
        return Balance(recent.gives + earlier["gives"], recent.takes + earlier["takes"])

    def balance_trend(self, weeks: int = TREND_WEEKS) -> list[WeekBalance]:
        """Give and take of each of the last ``weeks`` weeks, oldest first."""
        first = self.current_week.shifted(-(weeks - 1))
        tally = self.recent_tally if self.covers(first) else self.tally
        return trend(tally, self.current_week, weeks)

    def covers(self, week: Week) -> bool:
        """True when every action of ``week`` is in ``data`` (not only counted)."""
        return self.earlier is None or week.start >= self.earlier.until

    def week_actions(self, week: Week) -> list[Action]:
        """The actions that count for ``week``, in file order."""
        if not self.covers(week):
            raise ValueError(f"the actions of {week.label} were not loaded")
        return self.by_week.get(self.calendar.week_index(week.start), [])

    @cached_property
    def contacts_by_id(self) -> dict[str, Contact]:
        return {c.id: c for c in self.data.contacts}

    @cached_property
    def notes_by_week(self) -> dict[str, WeekNote]:
        return {n.week: n for n in self.data.week_notes}

    @cached_property
    def skipped_weeks(self) -> frozenset[str]:
        return frozenset(n.week for n in self.data.week_notes if n.skipped)

    @cached_property
    def balances(self) -> dict[str, ContactBalance]:
        """Give and take per contact id, over all time."""
        if self.earlier is None:
            return self._loaded_balances
        return combined_balances(self.earlier.balances, self._loaded_balances)

    @cached_property
    def _loaded_balances(self) -> dict[str, ContactBalance]:
        return contact_balances(self.data.actions)

    @cached_property
    def takes_since_give(self) -> dict[str, TakesSinceGive]:
        """Per contact id: asks and help received since your last give to them."""
        later = takes_since_last_give(self.data.actions, self._loaded_balances)
        if self.earlier is None:
            return later
        return combined_takes_since(self.earlier.takes_since_give, later, self._loaded_balances)

    def meetings(self, action_ids: set[str]) -> dict[str, tuple[date, str]]:
        """The day and note of each meeting among ``action_ids`` (archived ones too, when
        they opened a follow-up)."""
        found = dict(self.earlier.meetings) if self.earlier is not None else {}
        found = {i: found[i] for i in action_ids if i in found}
        calendar = self.calendar
        for action in self.data.actions:
            if action.id in action_ids and action.kind == MEET:
                found[action.id] = (calendar.day_of(action.at), action.note)
        return found

    @cached_property
    def last_touches(self) -> dict[str, date]:
        return self._last_touches(self.today)

    def last_touches_upto(self, upto: date) -> dict[str, date]:
        """The day of each contact's latest action on or before ``upto``."""
        return self._last_touches(upto)

    def _last_touches(self, upto: date) -> dict[str, date]:
        latest = last_touch_days(self.by_week, self.calendar, upto)
        if self.earlier is not None:
            if upto < self.earlier.until:
                raise ValueError(f"the actions up to {upto} were not loaded")
            # Counted days all come before loaded ones: they matter only when no loaded
            # action (up to ``upto``) touched the contact.
            latest = {**self.earlier.last_touch, **latest}
        return latest

    def contact_name(self, contact_id: str | None) -> str | None:
        contact = self.contacts_by_id.get(contact_id) if contact_id else None
        return contact.name if contact else None

    def habit_records(self, upto: Week | None = None) -> list[HabitRecord]:
        """Every habit's history up to ``upto`` (default: this week).

        Worked out once per week asked for: Today, the review and the streaks screen
        all ask (the streaks screen once per week it shows), and over years of weeks
        each answer costs a pass over every week of every habit.
        """
        last = upto or self.current_week
        records = self._habit_records.get(last.start)
        if records is None:
            records = self._habit_records[last.start] = self._records_upto(
                min(last, self.current_week)
            )
        return list(records)

    def _records_upto(self, last: Week) -> tuple[HabitRecord, ...]:
        from netrack.domain.streaks import habit_record

        habits, calendar, skipped = self.data.habits, self.calendar, self.skipped_weeks
        weeks = self._summed_up_before(last)
        pasts = [None if weeks is None else weeks.past_of(h, calendar) for h in habits]
        if weeks is not None and None not in pasts:
            # Decades of archived weeks, each habit's summed up once (domain/past.py).
            tally = self._later_tally
            return tuple(
                habit_record(h, tally, skipped, last, self.current_week, past)
                for h, past in zip(habits, pasts, strict=True)
            )
        return tuple(habit_record(h, self.tally, skipped, last, self.current_week) for h in habits)

    def touch_statuses(
        self, on: date | None = None, among: Iterable[Contact] | None = None
    ) -> list[TouchStatus]:
        """Every active contact's keep-in-touch status on ``on`` (default today); those
        of the contacts ``among`` alone, if given."""
        day = self.today if on is None else min(on, self.today)
        if day == self.today and among is None:
            return list(self._statuses_today)
        touches = self.last_touches if day == self.today else self._last_touches(day)
        contacts = self.data.contacts if among is None else among
        return touch_statuses(contacts, touches, day, self.data.settings, self.calendar)

    @cached_property
    def _statuses_today(self) -> list[TouchStatus]:
        # Asked for by several views of one snapshot (Today's cold list, Contacts).
        settings, calendar = self.data.settings, self.calendar
        return touch_statuses(self.data.contacts, self.last_touches, self.today, settings, calendar)

    def going_cold(self, on: date | None = None) -> list[TouchStatus]:
        """Contacts past their cadence on ``on`` (default today), coldest first."""
        return going_cold(self.touch_statuses(on))
