"""Counting actions per week in one pass, the base of habits, streaks and trends."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from netrack.domain.models import Action
from netrack.domain.weeks import Calendar

if TYPE_CHECKING:
    from netrack.domain.past import ArchivedWeeks
    from netrack.domain.reciprocity import ContactBalance, TakesSinceGive

NOTHING: Mapping[str, tuple[date, str]] = MappingProxyType({})


class NotRead(Mapping[Any, Any]):
    """A part of the archive's summary a command did not read: any use of it is a bug
    (the command must ask the store for that part), never a silent empty answer."""

    def __init__(self, what: str) -> None:
        self.what = what

    def _refuse(self) -> NoReturn:
        raise ValueError(f"the archived years' {self.what} were not read")

    def __getitem__(self, key: Any) -> Any:
        self._refuse()

    def __iter__(self) -> Iterator[Any]:
        self._refuse()

    def __len__(self) -> int:
        self._refuse()


class WeekTally:
    """How many actions of each kind fell in each week (weeks by ``Calendar.week_index``)."""

    def __init__(self, actions: Iterable[Action], calendar: Calendar) -> None:
        self.calendar = calendar
        self.by_week: dict[int, Counter[str]] = {
            index: Counter(a.kind for a in week)
            for index, week in actions_by_week(actions, calendar).items()
        }

    @classmethod
    def of_weeks(
        cls,
        by_week: dict[int, list[Action]],
        calendar: Calendar,
        earlier: DayCounts | None = None,
    ) -> WeekTally:
        """The tally of actions already grouped by ``actions_by_week`` (and ``earlier``)."""
        tally = cls((), calendar)
        tally.by_week = {index: Counter(a.kind for a in week) for index, week in by_week.items()}
        if earlier is not None:
            # Decades of archived days: Calendar.week_index and Counter.update written out.
            counters = tally.by_week
            shift = 1 + calendar.week_start
            for day, kinds in earlier.by_day.items():
                index = (day.toordinal() - shift) // 7
                counter = counters.get(index)
                if counter is None:
                    counter = counters[index] = Counter()
                get = counter.get
                for kind, count in kinds.items():
                    counter[kind] = get(kind, 0) + count
        return tally

    def count(self, index: int, kinds: Iterable[str]) -> int:
        """Actions of any of ``kinds`` in week ``index``."""
        counter = self.by_week.get(index)
        if not counter:
            return 0
        return sum(counter[kind] for kind in kinds)


def actions_by_week(actions: Iterable[Action], calendar: Calendar) -> dict[int, list[Action]]:
    """The actions grouped by week (``Calendar.week_index``), in the order given."""
    by_week: dict[int, list[Action]] = {}
    day_of = calendar.day_of
    week_index = calendar.week_index
    index_of_day: dict[date, int] = {}
    for action in actions:
        day = day_of(action.at)
        index = index_of_day.get(day)
        if index is None:
            index = index_of_day[day] = week_index(day)
        week = by_week.get(index)
        if week is None:
            week = by_week[index] = []
        week.append(action)
    return by_week


class DayCounts(NamedTuple):
    """Actions summed up by day, for years whose actions are not loaded one by one.

    What the week review needs of a long-past year is how many actions of each kind
    fell on each day (habits, streaks, all-time balance) and each contact's latest
    day (keep-in-touch). ``until`` is the first day these counts do not cover.
    What the balances and the suggestions need of it (``domain.past.summed_up``):
    each contact's give and take, what they gave you since your last give, and the
    day and note of each meeting that opened a follow-up, by action id. What the week
    review of a recent week needs (``weeks``, when read): ``domain.past.ArchivedWeeks``.
    """

    by_day: Mapping[date, dict[str, int]]
    last_touch: Mapping[str, date]
    until: date
    balances: Mapping[str, ContactBalance] = MappingProxyType({})
    takes_since_give: Mapping[str, TakesSinceGive] = MappingProxyType({})
    meetings: Mapping[str, tuple[date, str]] = NOTHING
    totals: Mapping[str, int] = MappingProxyType({"gives": 0, "takes": 0})  # of every action
    weeks: ArchivedWeeks | None = None


def day_counts(actions: Iterable[Action], calendar: Calendar, until: date) -> DayCounts:
    """``actions`` (all on days before ``until``) summed up by day."""
    by_day: dict[date, dict[str, int]] = {}
    last_touch: dict[str, date] = {}
    day_of = calendar.day_of
    for action in actions:
        day = day_of(action.at)
        kinds = by_day.get(day)
        if kinds is None:
            kinds = by_day[day] = {}
        kinds[action.kind] = kinds.get(action.kind, 0) + 1
        cid = action.contact_id
        if cid is not None and (cid not in last_touch or day > last_touch[cid]):
            last_touch[cid] = day
    return DayCounts(by_day, last_touch, until)
