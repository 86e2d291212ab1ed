"""What the app keeps of the archived years, and what it reads of them when asked.

The app shows decades of actions through their sums: the archive's summary
(daycounts.py) for habits, streaks, give and take and last touches, and an index of the
archived actions by contact (how many, their notes folded for searching, the years they
fall in), made in the same pass over the year files that brings in the archived
follow-ups and week notes. It never holds the archived actions themselves: the few a
screen shows (a contact's oldest timeline, say) are read again from the year files that
index names, which are never changed in place (a name stands for its contents).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from netrack.collector import collector_paused
from netrack.domain.models import Action, Dataset, FollowUp, WeekNote
from netrack.domain.text import fold
from netrack.store import archive, readview, records, table_checks
from netrack.store.daycounts import DAYS, MEETINGS, PEOPLE, archived_day_counts
from netrack.store.documents import dataset_from_raw
from netrack.store.readview import open_followup_sources
from netrack.store.schema import ACTIONS, FOLLOWUPS, WEEK_NOTES

if TYPE_CHECKING:
    from netrack.domain.tally import DayCounts
    from netrack.store.store import Store


class PastIndex(NamedTuple):
    """The archived actions by contact id, without the actions."""

    files: tuple[tuple[int, Path], ...]  # each year and its file, oldest first
    counts: Mapping[str, int]  # how many archived actions name the contact
    notes: Mapping[str, str]  # their notes, folded (``domain.text.fold``), oldest first
    years: Mapping[str, tuple[int, ...]]  # the years they fall in, oldest first

    def count(self, contact_id: str) -> int:
        return self.counts.get(contact_id, 0)


NO_PAST = PastIndex((), {}, {}, {})


def today_from_view(store: Store, now: datetime) -> tuple[Dataset, DayCounts] | None:
    """What Today is first painted from, read from the read view (store/readview.py) if
    it is current: every table, the actions of the last weeks and the follow-ups open or
    closed since, the older ones summed up (no days). None when the view is missing or
    stale; nothing is made then (the caller reads the main file)."""
    asked = readview.Asked(now, readview.TABLES, True, (), recent_closed=True)
    with collector_paused(), store._reading():
        return readview.read(store.path, asked)


def load_with_past(store: Store) -> tuple[Dataset, DayCounts | None, PastIndex]:
    """The main file, every archived follow-up and week note, the archived actions
    summed up (``Store.load_recent`` with the days and people parts) and indexed by
    contact: all read under one shared lock, so they agree with each other."""
    *_, (data, earlier, index) = read_with_past(store)
    assert index is not None
    return data, earlier, index


def read_with_past(
    store: Store,
) -> Iterator[tuple[Dataset, DayCounts | None, PastIndex | None]]:
    """``load_with_past`` in two steps, with the main file read once: first without the
    year files (their index None; the archived follow-ups and week notes not in yet),
    what Today needs of the archive, then with them. The shared lock is held from the
    first read to the last yield (or until the generator is closed)."""
    path = store.path
    with collector_paused(), store._reading():
        raw = store._load().raw
        data = dataset_from_raw(raw, path)
        named = archive.manifest(raw, path)
        if named.before is None:
            yield data, None, NO_PAST
            return
        sources = open_followup_sources(raw)
        main_ids = {doc.get("id") for doc in raw.get(ACTIONS, {}).values()}
        sources -= main_ids
        del raw
        parts = [DAYS, PEOPLE] + ([MEETINGS] if sources else [])
        earlier = archived_day_counts(path, named, data.settings.day_starts_at, parts, sources)
        if not sources:
            earlier = earlier._replace(meetings={})
        yield data, earlier, None
        followups, notes, index = _read_years(named, path, main_ids)
        joined = data._replace(
            followups=archive.joined(followups, data.followups),
            week_notes=archive.joined(notes, data.week_notes),
        )
        yield joined, earlier, index


def _read_years(
    named: archive.Manifest, path: Path, main_ids: set[object]
) -> tuple[list[FollowUp], list[WeekNote], PastIndex]:
    """The year files' follow-ups and week notes, and their actions indexed. An action
    kept twice (files written before generations) counts once, as ``Store.load`` lists
    it."""
    seen_ids = set(main_ids)
    followups: list[FollowUp] = []
    notes: list[WeekNote] = []
    counts: dict[str, int] = {}
    texts: dict[str, list[str]] = {}
    years: dict[str, list[int]] = {}
    files = []
    for year in sorted(named.files):
        file = named.path(path, year)
        files.append((year, file))
        tables = archive.read_year(file)
        followups += table_checks.convert_table(
            tables.get(FOLLOWUPS, {}), records.followup_from_doc, FOLLOWUPS, file
        )
        notes += table_checks.convert_table(
            tables.get(WEEK_NOTES, {}), records.week_note_from_doc, WEEK_NOTES, file
        )
        for doc in tables.get(ACTIONS, {}).values():
            cid = doc.get("contact_id")
            if not isinstance(cid, str) or doc.get("id") in seen_ids:
                continue
            seen_ids.add(doc.get("id"))
            counts[cid] = counts.get(cid, 0) + 1
            seen = years.setdefault(cid, [])
            if not seen or seen[-1] != year:
                seen.append(year)
            note = doc.get("note")
            if note and isinstance(note, str):
                texts.setdefault(cid, []).append(note)
        del tables
    folded = {cid: fold("\n".join(found)) for cid, found in texts.items()}
    index = PastIndex(
        tuple(files), counts, folded, {cid: tuple(found) for cid, found in years.items()}
    )
    return followups, notes, index


def archived_actions_of(
    index: PastIndex, contact_id: str, newest: int, recent_ids: Collection[str] = ()
) -> list[Action]:
    """The contact's archived actions, at least the ``newest`` latest ones (every one of
    each year read, the newest years first; listed oldest first), leaving out those of
    ``recent_ids`` (the main file's copy counts). Reads only the year files that hold
    any of them."""
    by_year: list[list[Action]] = []
    wanted = set(index.years.get(contact_id, ()))
    for year, file in reversed(index.files):
        if year not in wanted:
            continue
        tables = archive.read_year(file)
        docs = {
            key: doc
            for key, doc in tables.get(ACTIONS, {}).items()
            if doc.get("contact_id") == contact_id and doc.get("id") not in recent_ids
        }
        by_year.append(table_checks.convert_table(docs, records.action_from_doc, ACTIONS, file))
        if sum(map(len, by_year)) >= newest:
            break
    return [action for year in reversed(by_year) for action in year]  # in file order
