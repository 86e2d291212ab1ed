"""The archived actions summed up, kept beside the year files for the read commands.

By day for the week review, and per contact (last touch, give and take, takes since
the last give) for the keep-in-touch lists, the balances and the suggestions; see
domain/past.py. The sums are kept in ``counts.json`` in the archive folder with the
names, sizes, times and inodes of the year files they came from and the day start they
were made with; when any of those differ they are made again from the files (and kept,
if the folder can be written). Year files are never changed in place, so a name
stands for its contents.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection
from datetime import date, datetime
from pathlib import Path
from typing import Any

from netrack.domain.past import summed_up
from netrack.domain.reciprocity import ContactBalance, TakesSinceGive
from netrack.domain.tally import DayCounts, NotRead
from netrack.domain.weeks import Calendar
from netrack.errors import DataFileError
from netrack.store import codec
from netrack.store.archive import Manifest, archive_folder, read_year
from netrack.store.files import read_bytes, replace_privately, stat_signature
from netrack.store.schema import ACTIONS

# The summary in three parts, one file each, so that a command reads only what it shows.
# ``TOUCHES`` is the people part with only each contact's last touch made into values:
# enough for the keep-in-touch lists and the contacts' list.
DAYS, PEOPLE, MEETINGS, TOUCHES = "days", "people", "meetings", "touches"
WEEKS = "weeks"  # not a part of this summary: the one weeksummary.py makes of it
FILES = {
    DAYS: "counts.json",
    PEOPLE: "people.json",
    MEETINGS: "meetings.json",
    TOUCHES: "people.json",
}
COUNTS_FILE = FILES[DAYS]
COUNTS_FORMAT = 5
EVERY_PART = (DAYS, PEOPLE, MEETINGS)


def archived_day_counts(
    path: Path,
    named: Manifest,
    day_starts_at: int,
    parts: Collection[str] = EVERY_PART,
    meetings: Collection[str] = (),
) -> DayCounts:
    """The archived actions of the data file ``path`` summed up (``domain.past``).

    ``named`` is the main file's manifest. ``parts``: those of ``DAYS`` (counts by day),
    ``PEOPLE`` (per contact) and ``MEETINGS`` to read; the others are ``NotRead``.
    ``meetings``: the ids of the meetings wanted (those that opened an open follow-up
    and are not in the main file); the meetings part holds those alone. Call with the
    data file's lock held, shared or exclusive.
    """
    key, files, until = archive_key(path, named, day_starts_at)
    folder = archive_folder(path)
    counts: DayCounts | None = DayCounts(
        NotRead("days"), NotRead("people"), until, NotRead("people"), NotRead("people")
    )._replace(meetings=NotRead("meetings"), totals=NotRead("people"))
    for part in parts:
        document = read_summary(folder / FILES[part], key)
        try:
            counts = None if document is None or counts is None else _PARSE[part](counts, document)
        except (AttributeError, KeyError, TypeError, ValueError):
            counts = None  # a damaged part: every part is made again
    if counts is not None:
        return _wanted(counts, parts, meetings)
    from netrack.store.records import action_from_doc
    from netrack.store.table_checks import convert_table

    actions = [
        action
        for file in files
        for action in convert_table(
            read_year(file).get(ACTIONS, {}), action_from_doc, ACTIONS, file
        )
    ]
    counts = summed_up(actions, Calendar(0, day_starts_at), until)
    if folder.is_dir():
        for part, body in _documents(counts).items():
            with contextlib.suppress(OSError):  # read-only: they are made again next time
                replace_privately(folder / FILES[part], codec.encode({**key, **body}))
    return _wanted(counts, parts, meetings)


def archive_key(
    path: Path, named: Manifest, day_starts_at: int
) -> tuple[dict[str, Any], list[Path], date]:
    """What a summary of the archived years of ``path`` is made from (the year files
    with their signatures, and the day start), the year files, and the first day they
    leave out."""
    before_year = named.before if named.before is not None else 0
    years = [year for year in sorted(named.files) if year < before_year]
    files = [named.path(path, year) for year in years]
    key = {
        "format": COUNTS_FORMAT,
        "day_starts_at": day_starts_at,
        "before_year": before_year,
        "files": [[named.files[y], *stat_signature(f)] for y, f in zip(years, files, strict=True)],
    }
    return key, files, date(max(before_year, 1), 1, 1)


def _wanted(counts: DayCounts, parts: Collection[str], meetings: Collection[str]) -> DayCounts:
    if MEETINGS not in parts:
        return counts
    found = counts.meetings
    return counts._replace(meetings={i: found[i] for i in meetings if i in found})


def read_summary(file: Path, key: dict[str, Any]) -> dict[str, Any] | None:
    """The summary document in ``file``, if it was made from what ``key`` names."""
    try:
        data = read_bytes(file)
    except DataFileError:  # a cache that cannot be read is made again
        return None
    if not data:
        return None
    try:
        document = codec.decode(data)
    except codec.DecodeError:
        return None  # a damaged cache is made again
    if not isinstance(document, dict):
        return None
    if any(document.get(name) != value for name, value in key.items()):
        return None
    return document


def _documents(counts: DayCounts) -> dict[str, dict[str, Any]]:
    return {
        DAYS: {"by_day": {str(d.toordinal()): kinds for d, kinds in counts.by_day.items()}},
        PEOPLE: {
            "last_touch": {cid: d.toordinal() for cid, d in counts.last_touch.items()},
            "balances": {
                cid: [b.gives, b.takes, b.received, _iso(b.last_give), _iso(b.last_take)]
                for cid, b in counts.balances.items()
            },
            "takes_since_give": {cid: list(t) for cid, t in counts.takes_since_give.items()},
            "totals": dict(counts.totals),
        },
        MEETINGS: {
            "meetings": {aid: [d.toordinal(), note] for aid, (d, note) in counts.meetings.items()}
        },
    }


# Each part read back; raises KeyError, TypeError or ValueError if it is damaged.


def _days(counts: DayCounts, document: dict[str, Any]) -> DayCounts:
    day = date.fromordinal
    by_day = {day(int(d)): dict(kinds) for d, kinds in document["by_day"].items()}
    return counts._replace(by_day=by_day)


def _touches(counts: DayCounts, document: dict[str, Any]) -> DayCounts:
    day = date.fromordinal
    return counts._replace(last_touch={cid: day(d) for cid, d in document["last_touch"].items()})


def _people(counts: DayCounts, document: dict[str, Any]) -> DayCounts:
    day = date.fromordinal
    return counts._replace(
        last_touch={cid: day(d) for cid, d in document["last_touch"].items()},
        balances={
            cid: ContactBalance(cid, int(g), int(t), int(r), _moment(lg), _moment(lt))
            for cid, (g, t, r, lg, lt) in document["balances"].items()
        },
        takes_since_give={
            cid: TakesSinceGive(int(a), int(r))
            for cid, (a, r) in document["takes_since_give"].items()
        },
        totals={name: int(document["totals"][name]) for name in ("gives", "takes")},
    )


def _meetings(counts: DayCounts, document: dict[str, Any]) -> DayCounts:
    day = date.fromordinal
    meetings = {aid: (day(d), str(note)) for aid, (d, note) in document["meetings"].items()}
    return counts._replace(meetings=meetings)


_PARSE = {DAYS: _days, PEOPLE: _people, MEETINGS: _meetings, TOUCHES: _touches}


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
