"""The archived weeks summed up for the week review, kept beside the year files.

``weeks.json`` in the archive folder holds what ``domain.past.archived_weeks`` makes of
the archived day counts (daycounts.py): each habit's best streak, the streak reaching
the last archived week and the strength there, and every archived give and take. So the
review of a recent week goes over the weeks since the archive, not decades of them.

It is made from the year files (named, with their sizes, times and inodes, as the day
counts are), the day start, the week start, the habits' definitions and targets
(``habit_key``) and the skipped weeks among the archived ones; it is used only when all
of those are as they are now, and made again otherwise (and kept, if the folder can be
written). It is never the only copy of anything: the year files are.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from netrack.domain.models import Dataset, Habit
from netrack.domain.past import ArchivedWeeks, archived_weeks, skipped_before
from netrack.domain.reciprocity import Balance
from netrack.domain.streaks import HabitPast
from netrack.domain.tally import DayCounts
from netrack.domain.weeks import Calendar, calendar_for
from netrack.store import codec
from netrack.store.archive import Manifest, archive_folder
from netrack.store.daycounts import DAYS, archive_key, archived_day_counts, read_summary
from netrack.store.files import replace_privately

WEEKS_FILE = "weeks.json"
WEEKS_FORMAT = 1


def archived_weeks_summary(
    path: Path,
    named: Manifest,
    calendar: Calendar,
    habits: Iterable[Habit],
    skipped: Collection[str],
) -> ArchivedWeeks:
    """The archived weeks of the data file ``path`` summed up for ``habits`` and the
    ``skipped`` weeks (labels), with ``calendar``'s week and day start.

    ``named`` is the main file's manifest. Call with the data file's lock held, shared
    or exclusive.
    """
    habits = list(habits)
    key, _, _ = archive_key(path, named, calendar.day_starts_at)
    key = {**key, "weeks_format": WEEKS_FORMAT, "week_start": calendar.week_start}
    file = archive_folder(path) / WEEKS_FILE
    document = read_summary(file, key)
    if document is not None:
        try:
            weeks = weeks_parsed(document)
        except (AttributeError, KeyError, TypeError, ValueError):
            weeks = None  # damaged: made again
        if (
            weeks is not None
            and weeks.skipped == skipped_before(skipped, calendar, weeks.since)
            and all(weeks.past_of(h, calendar) is not None for h in habits)
        ):
            return weeks
    counts = archived_day_counts(path, named, calendar.day_starts_at, (DAYS,))
    weeks = archived_weeks(counts, calendar, habits, skipped)
    if file.parent.is_dir():
        with contextlib.suppress(OSError):  # read-only: it is made again next time
            replace_privately(file, codec.encode({**key, **weeks_document(weeks)}))
    return weeks


def with_archived_weeks(
    earlier: DayCounts, path: Path, named: Manifest, data: Dataset
) -> DayCounts:
    """``earlier`` with the archived weeks of ``path`` summed up for ``data``'s habits,
    skipped weeks and calendar (``DayCounts.weeks``)."""
    skipped = [note.week for note in data.week_notes if note.skipped]
    summary = archived_weeks_summary(path, named, calendar_for(data.settings), data.habits, skipped)
    return earlier._replace(weeks=summary)


def weeks_document(weeks: ArchivedWeeks) -> dict[str, Any]:
    return {
        "since": weeks.since,
        "gives": weeks.balance.gives,
        "takes": weeks.balance.takes,
        "skipped": list(weeks.skipped),
        # Strength as a float that reads back the same (JSON keeps a float's shortest repr).
        "habits": {k: [p.best, p.run, p.strength] for k, p in weeks.habits.items()},
        "spill": {str(i): dict(kinds) for i, kinds in weeks.spill.items()},
    }


def weeks_parsed(document: dict[str, Any]) -> ArchivedWeeks:
    """The summary read back; raises KeyError, TypeError or ValueError if it is damaged."""
    since = _integer(document["since"])
    habits = {
        str(k): HabitPast(since, _integer(best), _integer(run), float(score))
        for k, (best, run, score) in document["habits"].items()
    }
    return ArchivedWeeks(
        since=since,
        balance=Balance(_integer(document["gives"]), _integer(document["takes"])),
        habits=habits,
        skipped=tuple(_integer(i) for i in document["skipped"]),
        spill={
            int(i): {str(kind): _integer(n) for kind, n in kinds.items()}
            for i, kinds in document["spill"].items()
        },
    )


def _integer(value: Any) -> int:
    if type(value) is not int:
        raise TypeError(f"not a whole number: {value!r}")
    return value
