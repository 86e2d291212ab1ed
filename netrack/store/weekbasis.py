"""The week basis: what the review of one week needs of a long history, cut down.

After a write, ``netrack week`` (and ``--json``) cannot print the review it kept
(store/weekview.py): the data changed. Working the review out again from the main file
means decoding megabytes of JSON and thousands of records, although a quick add (one
journal line) changed one contact's week. So the review worked out from the data also
leaves ``<name>.weekbasis`` beside it: the records that review read, cut down to what
the review of that week on that day can show, in sections (store/viewfile.py: each
in marshal's format with its own CRC-32, read and checked at its first use):

- the settings, habits, week notes, follow-ups, plan items, events and introductions,
  as the main file holds them;
- the actions from the first week the review counts one by one (``first_week``: its
  balance trend's); every earlier week summed up as the archive's weeks are
  (``domain.past.ArchivedWeeks``): each habit's streaks and strength, give and take;
- every contact, with their place among the contacts and last touch before
  ``first_week``, in 256 buckets by the CRC-32 of their ids (a quick add reads the few
  holding the contacts it touches, of megabytes; each document marshalled on its own:
  a few are converted); which of them the review shows otherwise (added that week,
  named by a record); those going cold on its day, as the review wrote them
  (store/weekcold.py: the review's text reads no row of ``week --json``);
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
from collections.abc import Callable, Iterator, Mapping
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
from netrack.store import journal, viewfile
from netrack.store.codestamp import code_stamp
from netrack.store.documents import dataset_from_raw, named_contact_ids, settings_from_raw
from netrack.store.files import replace_privately
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
from netrack.store.weekcontacts import UNFIT, Contacts, Damaged, buckets, late
from netrack.store.weeksummary import weeks_document, weeks_parsed
from netrack.store.weekview import Snapshot, basis_path

if TYPE_CHECKING:
    import pendulum

FORMAT = 6  # 6: in sections (store/viewfile.py), the contacts in buckets
_KIND = b"week basis"
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


@contextlib.contextmanager
def read(
    path: Path, data: Snapshot, now: pendulum.DateTime, week_asked: str | None
) -> Iterator[Found | None]:
    """The review of the week asked for, from the basis beside ``path``, if it fits the
    ``data`` (as read under the lock), ``now`` and that week. Its sections are read as
    they are used while the block runs (the contacts going cold the review's text shows
    among them): one found damaged then raises Damaged."""
    with viewfile.opened(basis_path(path), FORMAT, _KIND) as sections:
        found = None
        if sections is not None:
            with contextlib.suppress(Damaged, *UNFIT):
                found = _found(path, sections, data, now, week_asked)
        yield found


def _found(
    path: Path,
    sections: Mapping[str, Any],
    data: Snapshot,
    now: pendulum.DateTime,
    asked: str | None,
) -> Found | None:
    head = sections["head"]
    if not isinstance(head, dict) or head.get("main") != _main_key(data):
        return None
    if head["years"] != data.years:
        return None
    tables = sections["tables"]
    calendar = calendar_for(settings_from_raw(tables, path))
    week = parse_week(asked, calendar, now)
    if [week.label, calendar.day_of(now).toordinal()] != head["for"]:
        return None
    contacts = Contacts(sections)
    caught_up = _caught_up(head, tables, sections, contacts, data.journal)
    if caught_up is None:
        return None
    docs, again, positions, touches = caught_up
    analysis = Analysis(
        dataset_from_raw({**tables, CONTACTS: docs}, path),
        now,
        _earlier(head, touches),
    )
    if not (analysis.covers(week) and analysis.reviews(week)):
        return None  # (a quick add dated before the weeks it holds one by one)
    fresh = analysis.going_cold(min(analysis.today, week.end))
    cold = ColdList(
        sections["cold"],
        fresh,
        again,
        positions,
        contacts.doc,
        lambda: late(sections, "cold rows"),
    )
    return Found(analysis, week, cold)


def _caught_up(
    head: dict[str, Any],
    tables: Raw,
    sections: Mapping[str, Any],
    contacts: Contacts,
    data: bytes,
) -> tuple[Raw, set[str], dict[str, int], dict[str, int]] | None:
    """Apply to the basis's tables the journal's lines written since it was made; the
    contacts to convert (those shown, and those the lines save, touch or name), by
    number in the contacts' order, their ids, places among the contacts and last touches
    before the weeks held one by one. None when the journal is another one, or a line
    does what the basis cannot take in."""
    size, crc = head["journal"]
    if len(data) > journal.JOURNAL_MAX_BYTES or len(data) < size:
        return None
    if zlib.crc32(data[:size]) != crc:
        return None
    complete = data[size:].rpartition(b"\n")[0]  # a last line cut short does not count
    # The ids of the main file's actions, one per line (read back ten times faster than
    # as thousands of strings that the actions held one by one share).
    actions = frozenset(sections["actions"].split("\n")) if complete else frozenset()
    shown = set(head["shown"])
    saved: dict[str, Any] = {}  # the contacts the lines save, by id
    entries = []
    for line in complete.split(b"\n") if complete else ():
        entry = json.loads(line)
        if not well_formed(entry):
            return None  # damaged: the read of the data says so
        if entry["main"] != head["token"]:
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
    journal.apply(tables, entries, records_only=True)
    shown.update(saved)
    kept = sorted(
        (found[0], cid, found) for cid in shown if (found := contacts.get(cid)) is not None
    )
    docs = [saved.get(cid) or marshal.loads(found[2]) for _, cid, found in kept]
    docs += [doc for cid, doc in saved.items() if contacts.get(cid) is None]
    positions = {cid: found[0] for _, cid, found in kept}
    touches = {cid: found[1] for _, cid, found in kept if found[1] is not None}
    for doc in docs:  # (those the lines added come after the contacts kept)
        positions.setdefault(doc["id"], head["count"] + len(positions) - len(kept))
    numbered = {str(n): doc for n, doc in enumerate(docs, start=1)}
    return numbered, {doc["id"] for doc in docs}, positions, touches


def _earlier(head: dict[str, Any], touches: dict[str, int]) -> DayCounts:
    """The weeks before the first held one by one summed up, and the last touches then
    (``touches``, day numbers) of the contacts converted."""
    day = date.fromordinal
    people = NotRead("people")
    return DayCounts(
        NotRead("days"),
        {cid: day(ordinal) for cid, ordinal in touches.items()},
        day(head["until"]),
        people,
        people,
        meetings=NotRead("meetings"),
        totals=people,
        weeks=weeks_parsed(head["weeks"]),
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
    contacts = list(raw.get(CONTACTS, {}).values())
    positions = {str(doc.get("id")): n for n, doc in enumerate(contacts)}
    ids = [str(doc.get("id")) for doc in raw.get(ACTIONS, {}).values()]
    if len(positions) != len(contacts) or not all(isinstance(d.get("id"), str) for d in contacts):
        return  # (ids a hand edit made alike, or not text: the data says what they mean)
    if any("\n" in action_id for action_id in ids):
        return
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
    cold_ids, rows, entries = kept(cold, positions, to_text)
    document = {
        "head": {
            "main": _main_key(data),
            "journal": [len(data.journal), zlib.crc32(data.journal)],
            "token": journal.token_of(raw),
            "years": data.years,
            "for": [week.label, analysis.today.toordinal()],
            "shown": list(shown),
            "count": len(contacts),
            "until": until.toordinal(),
            "weeks": weeks_document(_weeks_before(analysis, first)),
        },
        "tables": {
            **{table: dict(raw.get(table, {})) for table in _WHOLE},
            ACTIONS: actions,
        },
        "actions": "\n".join(ids),
        "cold": {"ids": cold_ids, "entries": entries},
        "cold rows": rows,
        **buckets(contacts, last_touch),
    }
    # Not synced to disk: a basis cut short by a crash does not decode, and is made again.
    with contextlib.suppress(OSError, ValueError):
        encoded = viewfile.encoded(document, FORMAT, _KIND)
        replace_privately(basis_path(path), encoded, durable=False)


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
    return [FORMAT, data.main_size, data.main_crc, code_stamp()]
