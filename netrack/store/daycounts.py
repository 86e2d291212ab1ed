"""The archived actions summed up by day, kept beside the year files for the week review.

The sums are kept in ``counts.json`` in the archive folder with the names, sizes, times
and inodes of the year files they came from and the day start they were made with; when
any of those differ they are made again from the files (and kept, if the folder can be
written). Year files are never changed in place, so a name stands for its contents.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date
from pathlib import Path
from typing import Any

from netrack.domain.tally import DayCounts, day_counts
from netrack.domain.weeks import Calendar
from netrack.errors import DataFileError
from netrack.store import codec
from netrack.store.archive import Manifest, archive_folder, read_year
from netrack.store.files import read_bytes, replace_privately
from netrack.store.schema import ACTIONS

COUNTS_FILE = "counts.json"
COUNTS_FORMAT = 2


def archived_day_counts(path: Path, named: Manifest, day_starts_at: int) -> DayCounts:
    """The archived actions of the data file ``path`` summed up by day.

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
    counts = day_counts(actions, Calendar(0, day_starts_at), until)
    document = {
        **key,
        "by_day": {str(d.toordinal()): kinds for d, kinds in counts.by_day.items()},
        "last_touch": {cid: d.toordinal() for cid, d in counts.last_touch.items()},
    }
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
        by_day = {date.fromordinal(int(d)): dict(k) for d, k in document["by_day"].items()}
        touches = {cid: date.fromordinal(d) for cid, d in document["last_touch"].items()}
    except (codec.DecodeError, AttributeError, KeyError, TypeError, ValueError):
        return None  # a damaged cache is made again
    return DayCounts(by_day, touches, until)
