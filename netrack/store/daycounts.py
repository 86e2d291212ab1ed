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
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

from netrack.domain.past import summed_up
from netrack.domain.reciprocity import ContactBalance, TakesSinceGive
from netrack.domain.tally import DayCounts
from netrack.domain.weeks import Calendar
from netrack.errors import DataFileError
from netrack.store import codec
from netrack.store.archive import Manifest, archive_folder, read_year
from netrack.store.files import read_bytes, replace_privately
from netrack.store.schema import ACTIONS

COUNTS_FILE = "counts.json"
COUNTS_FORMAT = 3


def archived_day_counts(path: Path, named: Manifest, day_starts_at: int) -> DayCounts:
    """The archived actions of the data file ``path`` summed up (``domain.past``).

    ``named`` is the main file's manifest. Call with the data file's lock held, shared
    or exclusive.
    """
    before_year = named.before if named.before is not None else 0
    until = date(max(before_year, 1), 1, 1)
    years = [year for year in sorted(named.files) if year < before_year]
    files = [named.path(path, year) for year in years]
    key = {
        "format": COUNTS_FORMAT,
        "day_starts_at": day_starts_at,
        "before_year": before_year,
        "files": [[named.files[y], *_signature(f)] for y, f in zip(years, files, strict=True)],
    }
    counts_file = archive_folder(path) / COUNTS_FILE
    cached = _read_counts(counts_file, key, until)
    if cached is not None:
        return cached
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
    document = {**key, **_document(counts)}
    if counts_file.parent.is_dir():
        with contextlib.suppress(OSError):  # read-only: they are made again next time
            replace_privately(counts_file, codec.encode(document))
    return counts


def _signature(file: Path) -> list[int]:
    try:
        st = os.stat(file)
    except OSError:
        return [0, 0, 0]
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _read_counts(file: Path, key: dict[str, Any], until: date) -> DayCounts | None:
    try:
        data = read_bytes(file)
    except DataFileError:  # a cache that cannot be read is made again
        return None
    if not data:
        return None
    try:
        document = codec.decode(data)
        if any(document.get(name) != value for name, value in key.items()):
            return None
        return _counts(document, until)
    except (codec.DecodeError, AttributeError, KeyError, TypeError, ValueError):
        return None  # a damaged cache is made again


def _document(counts: DayCounts) -> dict[str, Any]:
    return {
        "by_day": {str(d.toordinal()): kinds for d, kinds in counts.by_day.items()},
        "last_touch": {cid: d.toordinal() for cid, d in counts.last_touch.items()},
        "balances": {
            cid: [b.gives, b.takes, b.received, _iso(b.last_give), _iso(b.last_take)]
            for cid, b in counts.balances.items()
        },
        "takes_since_give": {cid: list(t) for cid, t in counts.takes_since_give.items()},
        "meetings": {aid: [d.toordinal(), note] for aid, (d, note) in counts.meetings.items()},
    }


def _counts(document: dict[str, Any], until: date) -> DayCounts:
    """The summary in ``document``; raises KeyError, TypeError or ValueError if damaged."""
    day = date.fromordinal
    return DayCounts(
        {day(int(d)): dict(kinds) for d, kinds in document["by_day"].items()},
        {cid: day(d) for cid, d in document["last_touch"].items()},
        until,
        {
            cid: ContactBalance(cid, int(g), int(t), int(r), _moment(lg), _moment(lt))
            for cid, (g, t, r, lg, lt) in document["balances"].items()
        },
        {
            cid: TakesSinceGive(int(a), int(r))
            for cid, (a, r) in document["takes_since_give"].items()
        },
        {aid: (day(d), str(note)) for aid, (d, note) in document["meetings"].items()},
    )


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
