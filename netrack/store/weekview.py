"""The week view: the week review as last printed, kept beside a long history.

``netrack week`` (and ``--json``) shows one week as of one day: what it prints follows
from the data, the day it runs (``Calendar.day_of`` of the moment) and the week asked
for, and from nothing else. On a long history working it out means decoding megabytes
of JSON and thousands of contacts, so the review printed last is kept in
``<name>.week.json`` with what it was made from:

- the data's version: the size and CRC-32 of the main file's bytes and of the journal's
  (a quick add appends there), and the name, size, time and inode of every year file in
  the archive folders (a hand edit of one);
- the calendar of the settings in those bytes (week start, day start), so the day and
  the week can be worked out without reading the main file;
- each review kept by form (text or JSON), week label and day;
- the netrack that printed them (codestamp.py): an upgrade prints them afresh.

That header is a line of JSON; the reviews follow in marshal's format (a megabyte of
text is read back as it was written, not decoded), framed as store/marshalled.py frames
its files.

Any write, quick add, undo, restore, sync or hand edit changes the version; the next
``week`` then works the review out again (from the week basis after a quick add,
weekbasis.py, else from the data) and keeps it anew. A new day or another week asked
for is a new entry. A review is kept with the version of the very bytes it was worked
out from, read under the lock with them. It is never the only copy of anything:
deleting it costs one slower ``week``.
"""

from __future__ import annotations

import contextlib
import os
import re
import zlib
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from netrack.domain.weeks import Calendar
from netrack.errors import DataFileError
from netrack.store import archive, codec, marshalled
from netrack.store.codestamp import code_stamp
from netrack.store.files import read_bytes, replace_privately, stat_signature
from netrack.store.journal import journal_path
from netrack.store.locking import shared_lock
from netrack.store.viewfile import size_and_crc

FORMAT = 4  # 3: the reviews in marshal's format; 4: framed by store/marshalled.py
# A smaller main file is reviewed from the data each time: quick enough, nothing kept.
MIN_BYTES = 512 * 1024
# Reviews kept for one version of the data: this week and last, as text and as JSON.
MAX_ENTRIES = 4
# Every file in an archive folder named like a year file (``2019.json``, ``2019.3.json``).
_YEAR_FILE = re.compile(r"^\d{4}(?:\.\d{1,9})?\.json$", re.ASCII)


def view_path(path: Path) -> Path:
    """The week view of the data file ``path``."""
    return path.with_name(f"{path.name}.week.json")


def basis_path(path: Path) -> Path:
    """The week basis of the data file ``path`` (store/weekbasis.py)."""
    return path.with_name(f"{path.name}.weekbasis")


class Snapshot(NamedTuple):
    """The data as one read saw it, under the shared lock: the size and CRC-32 of the
    main file's bytes, the journal's bytes, and the signature of each year file then
    (``year_files``)."""

    main_size: int
    main_crc: int
    journal: bytes
    years: list[list[Any]]

    @property
    def version(self) -> list[Any]:
        """The version of the data these bytes are (see the module's doc)."""
        journal = [len(self.journal), zlib.crc32(self.journal)]
        return [FORMAT, self.main_size, self.main_crc, *journal, self.years]


class WeekView:
    """The week view beside the data file ``path`` as it stands for the data now."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # The data as it is now (None: a small, missing or unreadable file).
        self.snapshot = snapshot(path)
        self.version = None if self.snapshot is None else self.snapshot.version
        self.calendar: Calendar | None = None  # None: the view does not fit the data now
        self._entries: dict[str, str] = {}
        if self.version is None:
            return
        with contextlib.suppress(DataFileError, codec.DecodeError, TypeError, ValueError, EOFError):
            # A first line says what the view was made from: a stale view's reviews (a
            # megabyte of JSON on a long history) are never decoded.
            found = read_bytes(view_path(path)) or b""
            end = found.find(b"\n") + 1
            header = codec.decode(found[: end - 1]) if end else None
            if (
                isinstance(header, dict)
                and header.get("version") == self.version
                and header.get("code") == code_stamp()
            ):
                week_start, day_start = header["calendar"]
                entries = marshalled.decoded(b"week view", FORMAT, memoryview(found)[end:])
                if isinstance(entries, dict) and all(
                    isinstance(text, str) for text in entries.values()
                ):
                    self.calendar = Calendar(int(week_start), int(day_start))
                    self._entries = entries

    def get(self, form: str, week: str, today: date) -> str | None:
        """What ``netrack week`` printed for ``week`` on ``today`` in ``form``, if kept."""
        return self._entries.get(_entry(form, week, today))

    def keep(
        self,
        form: str,
        week: str,
        today: date,
        calendar: Calendar,
        text: str,
        made_from: Snapshot | None = None,
    ) -> None:
        """Keep ``text``, the review worked out from the data ``made_from`` (best effort:
        not when the folder cannot be written). Without ``made_from``, the review was
        worked out from the data as it was when this view was read, if no write came
        in between (it is then read again to make sure)."""
        if made_from is None:
            if self.snapshot is None or (now := snapshot(self.path)) is None:
                return
            if now.version != self.version:
                return
            made_from = now
        version = made_from.version
        entries = self._entries if calendar == self.calendar and version == self.version else {}
        entries = {k: v for k, v in entries.items() if k.endswith(f" {today.toordinal()}")}
        entries[_entry(form, week, today)] = text
        body = marshalled.encoded(b"week view", FORMAT, dict(list(entries.items())[-MAX_ENTRIES:]))
        header = {
            "version": version,
            "calendar": [calendar.week_start, calendar.day_starts_at],
            "code": code_stamp(),
        }
        # Not synced to disk: a view cut short by a crash does not decode, and is made again.
        with contextlib.suppress(OSError):
            data = codec.encode(header) + b"\n" + body
            replace_privately(view_path(self.path), data, durable=False)


def _entry(form: str, week: str, today: date) -> str:
    return f"{form} {week} {today.toordinal()}"


def snapshot(path: Path) -> Snapshot | None:
    """The data at ``path`` as it is now, read under the shared lock; None for a small,
    missing or unreadable file (read it the usual way)."""
    try:
        with shared_lock(path):
            # The main file's megabytes are checked a piece at a time, not kept.
            found = size_and_crc(path)
            if found is None or found[0] < MIN_BYTES:
                return None
            return _with_the_rest(path, *found)
    except (DataFileError, OSError):
        return None


def snapshot_of(path: Path, main: bytes | None) -> Snapshot | None:
    """The data at ``path`` whose main file's bytes a read has just read (``main``), with
    the journal and the year files as they are; call with the lock held."""
    if main is None or len(main) < MIN_BYTES:
        return None
    return _with_the_rest(path, len(main), zlib.crc32(main))


def _with_the_rest(path: Path, size: int, crc: int) -> Snapshot:
    return Snapshot(size, crc, read_bytes(journal_path(path)) or b"", year_files(path))


def year_files(path: Path) -> list[list[Any]]:
    """Name, size, time and inode of each year file in the archive folders."""
    found = []
    for folder in sorted({archive.archive_folder(path), archive.legacy_folder(path)}):
        try:
            names = sorted(entry.name for entry in os.scandir(folder))
        except OSError:
            continue
        for name in names:
            if _YEAR_FILE.match(name):
                found.append([f"{folder.name}/{name}", *stat_signature(folder / name)])
    return found
