"""The week basis: what the review of one week needs of a long history, cut down.

After a write, ``netrack week`` (and ``--json``) cannot print the review it kept
(store/weekview.py): the data changed. Working the review out again from the main file
means decoding megabytes of JSON and thousands of records, although a quick add (one
journal line) changed one contact's week. So the review worked out from the data also
leaves ``<name>.weekbasis`` beside it: the records that review read, cut down to what
the review of that week on that day can show, in marshal's format:

- the settings, habits, week notes, follow-ups, plan items, events and introductions,
  as the main file holds them;
- the actions from the first week the review counts one by one (``first_week``: its
  balance trend's); every earlier week summed up as the archive's weeks are
  (``domain.past.ArchivedWeeks``): each habit's streaks and strength, give and take;
- every contact, with their last touch before ``first_week``, and which of them the
  review can show: those going cold on its day, those added that week and those the
  other records name (the others are not converted);
- the ids of every action of the main file.

It is trusted only for the very main file and year files it was made from (size and
CRC-32 of the main file's bytes, the year files' signatures), the day and the week
asked for, and a journal that has only grown since: the new lines (quick adds) are
applied to it as a read of the main file applies them. A quick add only adds actions
and contacts, and opens, changes or closes follow-ups and plan items: a contact left
out, not going cold, cannot go cold by it (those it saves or names are shown too). A
line that does what the basis cannot take in (changes an action it knew, touches
another table, dates an action before ``first_week``) means the review is worked out
from the data again. It is never the only copy of anything: deleting it costs one
slower ``week``.
"""

from __future__ import annotations

import contextlib
import json
import zlib
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netrack.domain.analysis import Analysis
from netrack.domain.past import ArchivedWeeks, skipped_before
from netrack.domain.reciprocity import TREND_WEEKS
from netrack.domain.streaks import HabitPast, habit_key
from netrack.domain.tally import DayCounts, NotRead
from netrack.domain.weeks import Week, calendar_for
from netrack.domain.when import parse_week
from netrack.errors import DataFileError
from netrack.store import journal, marshalled
from netrack.store.documents import dataset_from_raw, named_contact_ids, settings_from_raw
from netrack.store.files import read_bytes, replace_privately
from netrack.store.journal import _well_formed as well_formed
from netrack.store.schema import (
    ACTIONS,
    CONTACTS,
    EVENTS,
    FOLLOWUPS,
    HABITS,
    INTRODUCTIONS,
    LINKS,
    PLANS,
    SETTINGS,
    WEEK_NOTES,
    Raw,
)
from netrack.store.weeksummary import weeks_document, weeks_parsed
from netrack.store.weekview import Snapshot, basis_path

if TYPE_CHECKING:
    import pendulum

FORMAT = 1
# The tables kept whole (the actions are cut down).
_WHOLE = (SETTINGS, HABITS, CONTACTS, FOLLOWUPS, WEEK_NOTES, INTRODUCTIONS, EVENTS, PLANS)
# The tables whose records name the contacts kept.
_NAMING = (FOLLOWUPS, PLANS, EVENTS, INTRODUCTIONS)
# Per table, the fields that name a contact.
_CONTACT_FIELDS = {
    table: [field for t, field, target in LINKS if t == table and target == CONTACTS]
    for table in (FOLLOWUPS, PLANS)
}


def first_week(week: Week, analysis: Analysis) -> int:
    """The first week (``Calendar.week_index``) whose actions the review of ``week``
    counts one by one: the first of its balance trend."""
    return analysis.calendar.week_index(week.start) - (TREND_WEEKS - 1)


# Reading ---------------------------------------------------------------------------------


def read(
    path: Path, data: Snapshot, now: pendulum.DateTime, week_asked: str | None
) -> tuple[Analysis, Week] | None:
    """The analysis the review of the week asked for needs, from the basis beside
    ``path``, if it fits the ``data`` (as read under the lock), ``now`` and that week."""
    found = read_bytes(basis_path(path))
    if not found:
        return None
    try:
        document = _decoded(found)
        if not isinstance(document, dict) or document.get("main") != _main_key(data.main):
            return None
        if document["years"] != data.years:
            return None
        tables = document["tables"]
        calendar = calendar_for(settings_from_raw(tables, path))
        week = parse_week(week_asked, calendar, now)
        if [week.label, calendar.day_of(now).toordinal()] != document["for"]:
            return None
        if not _caught_up(document, data.journal):
            return None
        earlier = _earlier(document["earlier"])
        analysis = Analysis(dataset_from_raw(_shown(document), path), now, earlier)
    except (DataFileError, KeyError, TypeError, ValueError, AttributeError, EOFError, IndexError):
        return None  # damaged, or of another build: worked out from the data
    if not (analysis.covers(week) and analysis.reviews(week)):
        return None  # (a quick add dated before the weeks it holds one by one)
    return analysis, week


def _caught_up(document: dict[str, Any], data: bytes) -> bool:
    """Apply to the basis's tables the journal's lines written since it was made, and
    show the contacts they save or name; False when the journal is another one, or a
    line does what the basis cannot take in."""
    size, crc = document["journal"]
    if len(data) > journal.JOURNAL_MAX_BYTES or len(data) < size:
        return False
    if zlib.crc32(data[:size]) != crc:
        return False
    complete = data[size:].rpartition(b"\n")[0]  # a last line cut short does not count
    if not complete:
        return True
    actions, shown = set(document["actions"]), document["shown"]
    entries = []
    for line in complete.split(b"\n"):
        entry = json.loads(line)
        if not well_formed(entry):
            return False  # damaged: the read of the data says so
        if entry["main"] != document["token"]:
            continue  # written against another main file: it does not count
        for table, doc in entry.get("put", ()):
            if table == CONTACTS:
                shown.append(doc["id"])
            elif table == ACTIONS:
                if doc["id"] in actions:
                    return False  # an action summed up or known, changed
            elif table in _CONTACT_FIELDS:
                shown.extend(doc.get(field) for field in _CONTACT_FIELDS[table])
            else:
                return False
        entries.append(entry)
    journal.apply(document["tables"], entries, records_only=True)
    return True


def _shown(document: dict[str, Any]) -> Raw:
    """The basis's tables with the contacts shown alone."""
    tables: Raw = document["tables"]
    shown = set(document["shown"])
    contacts = {k: doc for k, doc in tables[CONTACTS].items() if doc["id"] in shown}
    return {**tables, CONTACTS: contacts}


def _earlier(found: dict[str, Any]) -> DayCounts:
    day = date.fromordinal
    people = NotRead("people")
    return DayCounts(
        NotRead("days"),
        {cid: day(d) for cid, d in found["last_touch"].items()},
        day(found["until"]),
        people,
        people,
        meetings=NotRead("meetings"),
        totals=people,
        weeks=weeks_parsed(found["weeks"]),
    )


# Making it -------------------------------------------------------------------------------


def make(path: Path, data: Snapshot, raw: Raw, analysis: Analysis, week: Week) -> None:
    """Keep the basis of the review of ``week`` that ``analysis`` (of the main file
    ``raw``, the bytes ``data``) works out: this week's only, the one read after a
    quick add (one basis is kept: another week's review is worked out from the data). Best
    effort: not when this week's trend reaches into the archived weeks, nor when the
    folder cannot be written."""
    calendar = analysis.calendar
    first = first_week(week, analysis)
    summed = analysis.earlier.weeks if analysis.earlier is not None else None
    if week != analysis.current_week or (summed and first <= summed.since):
        return
    until = calendar.week_at_index(first).start
    docs = list(raw.get(ACTIONS, {}).items())
    if len(docs) != len(analysis.data.actions):
        return
    day_of, week_index = calendar.day_of, calendar.week_index
    actions = {
        key: doc
        for (key, doc), action in zip(docs, analysis.data.actions, strict=True)
        if week_index(day_of(action.at)) >= first
    }
    reference = min(analysis.today, week.end)
    shown = {status.contact.id for status in analysis.going_cold(reference)}
    shown |= {c.id for c in analysis.data.contacts if week.contains(day_of(c.created))}
    shown |= named_contact_ids(raw, _NAMING)
    last_touch = analysis.last_touches_upto(until - timedelta(days=1))
    document = {
        "main": _main_key(data.main),
        "journal": [len(data.journal), zlib.crc32(data.journal)],
        "token": journal.token_of(raw),
        "years": data.years,
        "for": [week.label, analysis.today.toordinal()],
        "tables": {
            **{table: dict(raw.get(table, {})) for table in _WHOLE},
            ACTIONS: actions,
        },
        "shown": list(shown),
        "actions": [doc.get("id") for doc in raw.get(ACTIONS, {}).values()],
        "earlier": {
            "until": until.toordinal(),
            "last_touch": {cid: day.toordinal() for cid, day in last_touch.items()},
            "weeks": weeks_document(_weeks_before(analysis, first)),
        },
    }
    # Not synced to disk: a basis cut short by a crash does not decode, and is made again.
    with contextlib.suppress(OSError, ValueError):
        replace_privately(basis_path(path), _encoded(document), durable=False)


def _weeks_before(analysis: Analysis, first: int) -> ArchivedWeeks:
    """The weeks before the week ``first`` summed up as the archive's are."""
    calendar = analysis.calendar
    before = calendar.week_at_index(first - 1)
    summed = analysis.earlier.weeks if analysis.earlier is not None else None
    return ArchivedWeeks(
        since=first,
        balance=analysis.all_time_upto(before),
        habits={
            habit_key(r.habit): HabitPast(first, r.best_streak, r.current_streak, r.strength)
            for r in analysis.habit_records(before)
            if calendar.week_index(r.habit.created) < first
        },
        skipped=skipped_before(analysis.skipped_weeks, calendar, first),
        spill={i: dict(k) for i, k in summed.spill.items() if i >= first} if summed else {},
    )


def _main_key(main: bytes) -> list[int]:
    return [FORMAT, len(main), zlib.crc32(main)]


def _encoded(document: dict[str, Any]) -> bytes:
    return marshalled.encoded(b"week basis", FORMAT, document)


def _decoded(data: bytes) -> Any:
    """The document in a basis's bytes; None when they are of another format or
    interpreter, or damaged (store/marshalled.py)."""
    return marshalled.decoded(b"week basis", FORMAT, data)
