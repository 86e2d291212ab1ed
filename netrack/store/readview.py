"""The read view: what the listings of every contact need, kept beside the data file.

``cold``, ``contacts``, ``balance`` and ``next`` show every contact with what all of
their actions add up to (the last touch, give and take). On a long history, reading them
from the main file meant decoding megabytes of JSON and converting thousands of actions
for a few numbers per person. The read view ``<name>.view.json`` (kept in marshal's
format, not JSON, since format 2; in sections a read decodes only as it uses them, since
format 4: store/viewfile.py) holds what they need:

- every contact's values (a section per key of ``contact_docs.ROW_KEYS``: a listing that
  shows no company decodes none, ``Asked.details``), the open follow-ups, the plan items
  and the settings, as the main file holds them;
- the actions of the last weeks (from ``until``, ``first_loaded_day``), as they are;
- every older action, archived or in the main file, summed up per contact as the
  archive's summary sums up the archived ones (``domain.past.summed_up``): last touch,
  give and take, takes since the last give, the meetings an open follow-up came from.

So ``Analysis(data, now, earlier)`` sees the same contacts and the same sums as with the
main file and the archive's summary, split at a later day. It is trusted only for the
very data it was made from: the size and CRC-32 of the main file's bytes and of the
journal's (a quick add appends there), and the size, time and inode of every year file
the main file names. Any write, undo, restore, sync or hand edit changes one of them; the
next read that wants the view then reads the main file as before and makes the view
again. A journal that has only grown since (quick adds: new lines after the very bytes
the view was made with) is applied to the view as a read of the main file applies it,
line by line (store/viewjournal.py), unless a line holds what the view cannot take in (an
action among the weeks it sums up): then the view is made again. It is never the only
copy of anything: deleting it costs one slower read. A view made by a read of an earlier
day stays good (it loads more weeks than needed); one made for a later day than asked
for (a clock put back) is made again.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date, datetime, timedelta
from itertools import repeat
from pathlib import Path
from typing import Any

from netrack.domain.kinds import MEET
from netrack.domain.models import Action, Contact, Dataset, Settings
from netrack.domain.reciprocity import (
    TREND_WEEKS,
    ContactBalance,
    TakesSinceGive,
    combined_balances,
    combined_takes_since,
)
from netrack.domain.tally import DayCounts, NotRead
from netrack.domain.valuetype import Value
from netrack.domain.weeks import Calendar, calendar_for
from netrack.store import archive, records, table_checks, viewfile
from netrack.store.contact_docs import ROW_KEYS
from netrack.store.documents import (
    actions_from_day,
    dataset_from_raw,
    named_contact_ids,
    settings_from_raw,
)
from netrack.store.files import read_bytes, replace_privately, stat_signature
from netrack.store.journal import journal_path, token_of
from netrack.store.schema import ACTIONS, CONTACTS, FOLLOWUPS, PLANS, SETTINGS, Raw
from netrack.store.viewjournal import CLOSED, WHOLE_TABLES, caught_up, closed_since, column

# 2: kept in marshal's format (1 was JSON). 3: the journal's lines made since, applied.
# 4: in sections (store/viewfile.py), the contacts' values a column per detail.
# 5: the small tables and the follow-ups closed lately: the app's first paint of Today.
FORMAT = 5
# A smaller main file is read whole: quick enough, and no file is kept beside it.
MIN_BYTES = 512 * 1024
# The tables a view holds (follow-ups: the open ones, and apart those closed lately).
TABLES = frozenset((CONTACTS, ACTIONS, FOLLOWUPS, PLANS, *WHOLE_TABLES))


def view_path(path: Path) -> Path:
    """The read view of the data file ``path``."""
    return path.with_name(f"{path.name}.view.json")


def first_loaded_day(today: date, calendar: Calendar) -> date:
    """The latest day from which a view's actions may be loaded one by one on ``today``.

    The week's actions (who was in touch today), the last two weeks' meetings, the day
    before the week (``next``'s dormant tie) and the balance trend's weeks must all be
    loaded: a week more than the trend's, from the start of this week.
    """
    this_week = calendar.week_of_day(today).start
    return this_week - timedelta(weeks=TREND_WEEKS + 1)


class Asked(Value):
    """What a read asks of the store (``Store.load_recent``): at ``now``, the tables
    ``only`` (the follow-ups all, or the open ones alone) and these parts of the sums."""

    now: datetime
    only: Collection[str] | None
    closed_followups: bool
    summary: Collection[str]
    # The tables whose records name the contacts wanted (None: every contact).
    contacts_of: Collection[str] | None = None
    # The contact details (``CONTACT_FIELDS``, and ``updated``) read (None: every one).
    # From a view, the others are left empty, as if never filled in.
    details: Collection[str] | None = None
    # Given the settings, the first day whose actions are wanted (``dataset_from_raw``):
    # a view serves it if it holds every action from that day on.
    actions_from: Callable[[Settings], date | None] | None = None
    # With ``closed_followups``: those closed since the first day loaded one by one are
    # enough (with its actions: what Today shows, the follow-ups done today among them).
    recent_closed: bool = False

    def served(self) -> bool:
        """Whether a view holds it: its tables, and of the sums the per contact ones."""
        if self.only is None or not set(self.only) <= TABLES:
            return False
        if not set(self.summary) <= {"people", "touches", "balances"}:
            return False
        return FOLLOWUPS not in self.only or not self.closed_followups or self.recent_closed


# Reading ---------------------------------------------------------------------------------


def read(path: Path, asked: Asked) -> tuple[Dataset, DayCounts] | None:
    """The data and the sums from the view beside ``path``, if it is current and holds
    what is ``asked`` (else None). Call with the data file's lock held."""
    if not asked.served():
        return None
    main = viewfile.size_and_crc(path)
    if main is None or main[0] < MIN_BYTES:
        return None
    try:
        with viewfile.opened(view_path(path), FORMAT) as document:
            if document is None or document["key"] != [FORMAT, *main]:
                return None
            if not _years_unchanged(document["years"]):
                return None
            if not caught_up(document, read_bytes(journal_path(path)) or b"", path):
                return None
            return _from_document(document, path, asked)
    except (KeyError, TypeError, ValueError, AttributeError, EOFError, IndexError, OSError):
        return None  # damaged (or unreadable): made again from the main file


def _from_document(
    document: Mapping[str, Any], path: Path, asked: Asked
) -> tuple[Dataset, DayCounts] | None:
    only = asked.only or ()
    until = date.fromordinal(document["until"])
    raw: Raw = {
        SETTINGS: _numbered(document["settings"]),
        ACTIONS: _numbered(document["actions"]),
        FOLLOWUPS: _numbered(document["followups"]),
        PLANS: _numbered(document["plans"]),
        **{table: _numbered(document[table]) for table in WHOLE_TABLES if table in only},
    }
    if asked.closed_followups and FOLLOWUPS in only:
        raw[FOLLOWUPS] = _numbered([*document["followups"], *document[CLOSED]])
    settings = settings_from_raw(raw, path)
    calendar = calendar_for(settings)
    if until > first_loaded_day(calendar.day_of(asked.now), calendar):
        return None  # made for a later day than this one
    if (first := _first_held(asked, settings, until)) is None:
        return None
    if first > until:  # left out before they are converted, or name contacts (contacts_of)
        raw[ACTIONS] = actions_from_day(raw[ACTIONS], first)
    data = dataset_from_raw(raw, path, True, asked.closed_followups, only)
    if CONTACTS in only:
        data = data._replace(contacts=tuple(_contacts(document, raw, asked, path)))
    day = date.fromordinal
    earlier = DayCounts(
        NotRead("days"),
        {cid: day(d) for cid, d in document["last_touch"].items()}
        if {"people", "touches"} & set(asked.summary)
        else NotRead("touches"),
        until,
        meetings={aid: (day(d), str(note)) for aid, (d, note) in document["meetings"].items()},
    )
    people = NotRead("people")
    if not {"people", "balances"} & set(asked.summary):  # the last touches alone (cold)
        return data, earlier._replace(balances=people, takes_since_give=people, totals=people)
    # Thousands of people: each built as a plain tuple (the view's numbers are ints, as
    # its CRC-checked bytes were made with them), not through the keywords of __new__.
    moment, new = datetime.fromisoformat, tuple.__new__
    return data, earlier._replace(
        balances={
            cid: new(ContactBalance, (cid, g, t, r, lg and moment(lg), lt and moment(lt)))
            for cid, (g, t, r, lg, lt) in document["balances"].items()
        },
        takes_since_give={
            cid: new(TakesSinceGive, (a, r)) for cid, (a, r) in document["takes"].items()
        }
        if "people" in asked.summary
        else people,  # ("balances": give and take alone, ``balance``)
        totals={name: int(document["totals"][name]) for name in ("gives", "takes")},
    )


def _first_held(asked: Asked, settings: Settings, until: date) -> date | None:
    """The first day whose actions ``asked`` for are read from a view of those from
    ``until`` on; None when it does not hold them all."""
    first = until if asked.actions_from is None else asked.actions_from(settings)
    return None if first is None or first < until else first


def _numbered(docs: Iterable[Any]) -> dict[str, Any]:
    return {str(n): doc for n, doc in enumerate(docs, start=1)}


# What a contact always holds, whatever details a read asks for: who they are and what
# keep-in-touch needs of everyone (a listing of people going cold, or due).
_ALWAYS = frozenset(("id", "name", "created", "archived", "reminders_since"))


def _contacts(document: Mapping[str, Any], raw: Raw, asked: Asked, path: Path) -> list[Contact]:
    """The contacts in the view, with the details ``asked`` for (the others left empty,
    as if never filled in: their sections are not decoded); those named by the tables
    ``asked.contacts_of`` alone, if given."""
    read = None if asked.details is None else _ALWAYS | set(asked.details)
    columns = [document[column(key)] if read is None or key in read else None for key in ROW_KEYS]
    if asked.contacts_of is None:
        convert = records.contacts_from_columns(None if read is None else frozenset(read))
        with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
            return convert(columns)  # (a damaged one is named by the conversion below)
    count = len(document[column("id")])
    rows = _numbered(zip(*(repeat(None, count) if c is None else c for c in columns), strict=True))
    if asked.contacts_of is not None:
        named = named_contact_ids(raw, asked.contacts_of)
        rows = {n: row for n, row in rows.items() if row[0] in named}
    return table_checks.convert_table(rows, records.contact_from_row, CONTACTS, path)


# Making it -------------------------------------------------------------------------------


def make(
    path: Path, main: bytes | None, raw: Raw, asked: Asked
) -> tuple[Dataset, DayCounts] | None:
    """Make the view of ``raw`` (the main file ``main``, the journal applied), keep it
    beside ``path`` if the folder can be written, and read the data from it.

    None when the file is too small to need one, or when its older and later actions
    are not in the same order by day as by time (a clock moved across time zones): the
    sums of one span cannot then be joined to the other's, and the file is read whole.
    None for a read of the actions from a day (``actions_from``, a week's): it uses a
    view that is current, but converting every action to make one costs it more than
    reading the main file. Call with the data file's lock held.
    """
    if not asked.served() or main is None or len(main) < MIN_BYTES or asked.actions_from:
        return None
    settings = settings_from_raw(raw, path)
    calendar = calendar_for(settings)
    until = first_loaded_day(calendar.day_of(asked.now), calendar)
    docs = raw.get(ACTIONS, {})
    actions = table_checks.convert_table(docs, records.action_from_doc, ACTIONS, path)
    day_of = calendar.day_of
    older: list[Action] = []
    later: list[Action] = []
    later_docs = []
    for doc, action in zip(docs.values(), actions, strict=True):
        if day_of(action.at) < until:
            older.append(action)
        else:
            later.append(action)
            later_docs.append(doc)
    if older and later and max(a.at for a in older) >= min(a.at for a in later):
        return None
    later_ids = {a.id for a in later}
    journal = read_bytes(journal_path(path)) or b""
    document = {
        "key": _key(main),
        "journal": [len(journal), zlib.crc32(journal)],
        "token": token_of(raw),
        "older_last": max(a.at for a in older).isoformat() if older else None,
        "years": _year_signatures(path, archive.manifest(raw, path)),
        "until": until.toordinal(),
        "settings": list(raw.get(SETTINGS, {}).values()),
        **_contact_columns(raw.get(CONTACTS, {}).values()),
        "actions": later_docs,
        "followups": [d for d in raw.get(FOLLOWUPS, {}).values() if d.get("closed") is None],
        "plans": list(raw.get(PLANS, {}).values()),
        **{table: list(raw.get(table, {}).values()) for table in WHOLE_TABLES},
        CLOSED: [d for d in raw.get(FOLLOWUPS, {}).values() if closed_since(d, day_of, until)],
        **_sums(path, raw, older, later_ids, calendar, until),
    }
    _keep(view_path(path), viewfile.encoded(document, FORMAT))
    return _from_document(document, path, asked)


def _contact_columns(docs: Iterable[dict[str, Any]]) -> dict[str, list[Any]]:
    """The contacts' values, a section per key of ``ROW_KEYS`` (its values in the order
    of the contacts): a read decodes only the details it shows."""
    rows = [[doc.get(k) for k in ROW_KEYS] for doc in docs]
    return {column(key): [row[n] for row in rows] for n, key in enumerate(ROW_KEYS)}


def _sums(
    path: Path,
    raw: Raw,
    older: list[Action],
    later_ids: set[str],
    calendar: Calendar,
    until: date,
) -> dict[str, Any]:
    """The archived actions and the main file's ``older`` ones summed up together, as
    ``Analysis`` would join the archive's summary and the main file's actions."""
    from netrack.domain.past import summed_up
    from netrack.store.daycounts import MEETINGS, PEOPLE, archived_day_counts

    sources = open_followup_sources(raw)
    main = summed_up(older, calendar, until)
    meetings = {
        a.id: (calendar.day_of(a.at), a.note) for a in older if a.kind == MEET and a.id in sources
    }
    last_touch, balances, takes = main.last_touch, main.balances, main.takes_since_give
    totals = dict(main.totals)
    named = archive.manifest(raw, path)
    if named.before is not None:
        in_main = {doc.get("id") for doc in raw.get(ACTIONS, {}).values()}
        wanted = sources - in_main
        parts = (PEOPLE, MEETINGS) if wanted else (PEOPLE,)
        day_start = settings_from_raw(raw, path).day_starts_at
        past = archived_day_counts(path, named, day_start, parts, wanted)
        # The main file's own days first, the archive's for those it does not touch.
        last_touch = {**past.last_touch, **last_touch}
        balances = combined_balances(past.balances, balances)
        takes = combined_takes_since(past.takes_since_give, takes, main.balances)
        totals = {name: totals[name] + past.totals[name] for name in ("gives", "takes")}
        if wanted:
            meetings = {**past.meetings, **meetings}
    return {
        "last_touch": {cid: d.toordinal() for cid, d in last_touch.items()},
        "balances": {
            cid: [b.gives, b.takes, b.received, _iso(b.last_give), _iso(b.last_take)]
            for cid, b in balances.items()
        },
        "takes": {cid: list(t) for cid, t in takes.items()},
        "meetings": {
            aid: [d.toordinal(), note]
            for aid, (d, note) in meetings.items()
            if aid not in later_ids
        },
        "totals": totals,
    }


def open_followup_sources(raw: Raw) -> set[str]:
    """The ids of the actions that opened the follow-ups still open."""
    return {
        source
        for doc in raw.get(FOLLOWUPS, {}).values()
        if doc.get("closed") is None and isinstance(source := doc.get("source_action_id"), str)
    }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _keep(file: Path, data: bytes) -> None:
    """Replace ``file`` with ``data`` (best effort: a folder that cannot be written means
    a slower read next time). Not synced to disk: a view cut short by a crash does not
    decode, and is made again."""
    with contextlib.suppress(OSError):
        replace_privately(file, data, durable=False)


# What a view was made from ---------------------------------------------------------------


def _key(main: bytes) -> list[Any]:
    """The format, and the size and CRC-32 of the main file's bytes."""
    return [FORMAT, len(main), zlib.crc32(main)]


def _year_signatures(path: Path, named: archive.Manifest) -> list[list[Any]]:
    return [_signature(named.path(path, year)) for year in sorted(named.files)]


def _years_unchanged(signatures: list[list[Any]]) -> bool:
    """True when each year file the view was made from is as it was (size, time, inode).

    Which files the main file names is in its bytes (the key): only their contents
    could change unseen, by hand (netrack never rewrites a year file)."""
    return all(_signature(Path(signature[0])) == signature for signature in signatures)


def _signature(file: Path) -> list[Any]:
    return [str(file), *stat_signature(file)]
