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
- every contact (each one's document marshalled on its own: a few are converted), with
  their last touch before ``first_week``; which of them the review shows otherwise
  (added that week, named by a record); those going cold on its day, as the review
  wrote them (store/weekcold.py);
- the ids of every action of the main file.

It is trusted only for the very main file and year files it was made from (size and
CRC-32 of the main file's bytes, the year files' signatures), the day and the week
asked for, and a journal that has only grown since: the new lines (quick adds) are
applied to it as a read of the main file applies them. A quick add only adds actions
and contacts, and opens, changes or closes follow-ups and plan items: a contact left
out, not going cold, cannot go cold by it: only the contacts it saves, touches or names
are worked out again (and merged into those going cold). A line that does what the
basis cannot take in (changes an action it knew, touches
another table, dates an action before ``first_week``) means the review is worked out
from the data again. It is never the only copy of anything: deleting it costs one
slower ``week``.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import zlib
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from netrack.domain.analysis import Analysis
from netrack.domain.keepintouch import TouchStatus
from netrack.domain.past import ArchivedWeeks, skipped_before
from netrack.domain.reciprocity import TREND_WEEKS
from netrack.domain.streaks import HabitPast, habit_key
from netrack.domain.tally import DayCounts, NotRead
from netrack.domain.weeks import Week, calendar_for
from netrack.domain.when import parse_week
from netrack.errors import DataFileError
from netrack.store import journal, marshalled
from netrack.store.codestamp import code_stamp
from netrack.store.documents import dataset_from_raw, named_contact_ids, settings_from_raw
from netrack.store.files import read_bytes, replace_privately
from netrack.store.journal import well_formed
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
from netrack.store.weekcold import ColdList, kept
from netrack.store.weeksummary import weeks_document, weeks_parsed
from netrack.store.weekview import Snapshot, basis_path

if TYPE_CHECKING:
    import pendulum

FORMAT = 5  # 5: those going cold kept in parts (weekcold.py), each read when used
# The tables kept whole (the actions are cut down, the contacts kept one by one).
_WHOLE = (SETTINGS, HABITS, FOLLOWUPS, WEEK_NOTES, INTRODUCTIONS, EVENTS, PLANS)
# The tables whose records name the contacts shown.
_NAMING = (FOLLOWUPS, PLANS, EVENTS, INTRODUCTIONS)
# Per table a quick add saves, the fields that name a contact.
_CONTACT_FIELDS = {
    table: [field for t, field, target in LINKS if t == table and target == CONTACTS]
    for table in (ACTIONS, FOLLOWUPS, PLANS)
}


class Found(NamedTuple):
    """The review of ``week`` as the basis gives it: the analysis it needs, and who is
    going cold on its day (``week_review(..., cold=...)``)."""

    analysis: Analysis
    week: Week
    cold: ColdList


def first_week(week: Week, analysis: Analysis) -> int:
    """The first week (``Calendar.week_index``) whose actions the review of ``week``
    counts one by one: the first of its balance trend."""
    return analysis.calendar.week_index(week.start) - (TREND_WEEKS - 1)


# Reading ---------------------------------------------------------------------------------


def read(
    path: Path, data: Snapshot, now: pendulum.DateTime, week_asked: str | None
) -> Found | None:
    """The review of the week asked for, from the basis beside ``path``, if it fits the
    ``data`` (as read under the lock), ``now`` and that week."""
    found = read_bytes(basis_path(path))
    if not found:
        return None
    try:
        document = _decoded(found)
        if not isinstance(document, dict) or document.get("main") != _main_key(data):
            return None
        if document["years"] != data.years:
            return None
        tables = document["tables"]
        calendar = calendar_for(settings_from_raw(tables, path))
        week = parse_week(week_asked, calendar, now)
        if [week.label, calendar.day_of(now).toordinal()] != document["for"]:
            return None
        caught_up = _caught_up(document, data.journal)
        if caught_up is None:
            return None
        contacts, again = caught_up
        analysis = Analysis(
            dataset_from_raw({**tables, CONTACTS: contacts}, path),
            now,
            _earlier(document["earlier"], again),
        )
        if not (analysis.covers(week) and analysis.reviews(week)):
            return None  # (a quick add dated before the weeks it holds one by one)
        positions = {cid: n for n, cid in enumerate(document["contacts"])}
        for doc in contacts.values():
            positions.setdefault(doc["id"], len(positions))
        fresh = analysis.going_cold(min(analysis.today, week.end))
        cold = ColdList(document["cold"], fresh, again, positions, document["contacts"])
    except (DataFileError, KeyError, TypeError, ValueError, AttributeError, EOFError, IndexError):
        return None  # damaged, or of another build: worked out from the data
    return Found(analysis, week, cold)


def _caught_up(document: dict[str, Any], data: bytes) -> tuple[Raw, set[str]] | None:
    """Apply to the basis's tables the journal's lines written since it was made; the
    contacts to convert (those shown, and those the lines save, touch or name), by
    number in the contacts' order, and their ids. None when the journal is another one,
    or a line does what the basis cannot take in."""
    size, crc = document["journal"]
    if len(data) > journal.JOURNAL_MAX_BYTES or len(data) < size:
        return None
    if zlib.crc32(data[:size]) != crc:
        return None
    complete = data[size:].rpartition(b"\n")[0]  # a last line cut short does not count
    # The ids of the main file's actions, one per line (read back ten times faster than
    # as thousands of strings that the actions held one by one share).
    actions = frozenset(document["actions"].split("\n")) if complete else frozenset()
    shown = set(document["shown"])
    saved: dict[str, Any] = {}  # the contacts the lines save, by id
    entries = []
    for line in complete.split(b"\n") if complete else ():
        entry = json.loads(line)
        if not well_formed(entry):
            return None  # damaged: the read of the data says so
        if entry["main"] != document["token"]:
            continue  # written against another main file: it does not count
        puts = []
        for table, doc in entry.get("put", ()):
            if table == CONTACTS:
                saved[doc["id"]] = doc
                continue
            if table == ACTIONS and doc["id"] in actions:
                return None  # an action summed up or known, changed
            if table not in _CONTACT_FIELDS:
                return None  # a table a quick add does not write
            shown.update(doc.get(field) for field in _CONTACT_FIELDS[table])
            puts.append([table, doc])
        entries.append({"put": puts})
    journal.apply(document["tables"], entries, records_only=True)
    blobs: dict[str, bytes] = document["contacts"]
    shown.update(saved)
    docs = [saved.get(cid) or marshal.loads(blobs[cid]) for cid in blobs if cid in shown]
    docs += [doc for cid, doc in saved.items() if cid not in blobs]
    return {str(n): doc for n, doc in enumerate(docs, start=1)}, {doc["id"] for doc in docs}


def _earlier(found: dict[str, Any], contacts: set[str]) -> DayCounts:
    """The weeks before the first held one by one summed up, and the last touches then
    of ``contacts``."""
    day = date.fromordinal
    people = NotRead("people")
    touches = found["last_touch"]
    return DayCounts(
        NotRead("days"),
        {cid: day(touches[cid]) for cid in contacts if cid in touches},
        day(found["until"]),
        people,
        people,
        meetings=NotRead("meetings"),
        totals=people,
        weeks=weeks_parsed(found["weeks"]),
    )


# Making it -------------------------------------------------------------------------------


def make(
    path: Path,
    data: Snapshot,
    raw: Raw,
    analysis: Analysis,
    week: Week,
    to_text: Callable[[TouchStatus], str],
) -> None:
    """Keep the basis of the review of ``week`` that ``analysis`` (of the main file
    ``raw``, the bytes ``data``) works out, each contact going cold as ``to_text``
    writes it: this week's only, the one read after a
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
    contacts = raw.get(CONTACTS, {}).values()
    positions = {str(doc.get("id")): n for n, doc in enumerate(contacts)}
    cold = analysis.going_cold(min(analysis.today, week.end))
    shown = {c.id for c in analysis.data.contacts if week.contains(day_of(c.created))}
    # Those closed before the week are not shown (hundreds, over two years); two days'
    # margin for a moment written in another time zone, or before the day starts.
    since = (week.start - timedelta(days=2)).isoformat()
    followups = {
        k: doc
        for k, doc in raw.get(FOLLOWUPS, {}).items()
        if not isinstance(closed := doc.get("closed"), str) or closed >= since
    }
    shown |= named_contact_ids({**raw, FOLLOWUPS: followups}, _NAMING)
    last_touch = analysis.last_touches_upto(until - timedelta(days=1))
    document = {
        "main": _main_key(data),
        "journal": [len(data.journal), zlib.crc32(data.journal)],
        "token": journal.token_of(raw),
        "years": data.years,
        "for": [week.label, analysis.today.toordinal()],
        "tables": {
            **{table: dict(raw.get(table, {})) for table in _WHOLE},
            ACTIONS: actions,
        },
        "contacts": {doc.get("id"): marshal.dumps(doc) for doc in contacts},
        "shown": list(shown),
        "cold": kept(cold, positions, to_text),
        "actions": "\n".join(str(doc.get("id")) for doc in raw.get(ACTIONS, {}).values()),
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


def _main_key(data: Snapshot) -> list[object]:
    # With the netrack that wrote it: the basis keeps rows of the review as printed.
    return [FORMAT, len(data.main), data.main_crc, code_stamp()]


def _encoded(document: dict[str, Any]) -> bytes:
    return marshalled.encoded(b"week basis", FORMAT, document)


def _decoded(data: bytes) -> Any:
    """The document in a basis's bytes; None when they are of another format or
    interpreter, or damaged (store/marshalled.py)."""
    return marshalled.decoded(b"week basis", FORMAT, data)
