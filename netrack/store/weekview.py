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
- each review kept by form (text or JSON), week label and day.

Any write, quick add, undo, restore, sync or hand edit changes the version; the next
``week`` then works the review out from the data as before and keeps it anew. A new day
or another week asked for is a new entry. The version is read before the review is
worked out and again after: a write in between means the review is printed but not
kept. It is never the only copy of anything: deleting it costs one slower ``week``.
"""

from __future__ import annotations

import contextlib
import os
import re
import zlib
from datetime import date
from pathlib import Path
from typing import Any

from netrack.domain.weeks import Calendar
from netrack.errors import DataFileError
from netrack.store import archive, codec
from netrack.store.files import read_bytes, replace_privately
from netrack.store.journal import journal_path
from netrack.store.locking import shared_lock

FORMAT = 2
# A smaller main file is reviewed from the data each time: quick enough, nothing kept.
MIN_BYTES = 512 * 1024
# Reviews kept for one version of the data: this week and last, as text and as JSON.
MAX_ENTRIES = 4
# Every file in an archive folder named like a year file (``2019.json``, ``2019.3.json``).
_YEAR_FILE = re.compile(r"^\d{4}(?:\.\d{1,9})?\.json$", re.ASCII)


def view_path(path: Path) -> Path:
    """The week view of the data file ``path``."""
    return path.with_name(f"{path.name}.week.json")


class WeekView:
    """The week view beside the data file ``path`` as it stands for the data now."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.version = data_version(path)
        self.calendar: Calendar | None = None  # None: the view does not fit the data now
        self._entries: dict[str, str] = {}
        if self.version is None:
            return
        with contextlib.suppress(DataFileError, codec.DecodeError, TypeError, ValueError):
            # A first line says what the view was made from: a stale view's reviews (a
            # megabyte of JSON on a long history) are never decoded.
            head, _, body = (read_bytes(view_path(path)) or b"").partition(b"\n")
            header = codec.decode(head)
            if isinstance(header, dict) and header.get("version") == self.version:
                week_start, day_start = header["calendar"]
                entries = codec.decode(body)
                if isinstance(entries, dict) and all(
                    isinstance(text, str) for text in entries.values()
                ):
                    self.calendar = Calendar(int(week_start), int(day_start))
                    self._entries = entries

    def get(self, form: str, week: str, today: date) -> str | None:
        """What ``netrack week`` printed for ``week`` on ``today`` in ``form``, if kept."""
        return self._entries.get(_entry(form, week, today))

    def keep(self, form: str, week: str, today: date, calendar: Calendar, text: str) -> None:
        """Keep ``text``, the review worked out from the data of ``version`` (best effort:
        not when the data changed meanwhile, or the folder cannot be written)."""
        if self.version is None or data_version(self.path) != self.version:
            return
        entries = self._entries if calendar == self.calendar else {}
        entries = {k: v for k, v in entries.items() if k.endswith(f" {today.toordinal()}")}
        entries[_entry(form, week, today)] = text
        header = {
            "version": self.version,
            "calendar": [calendar.week_start, calendar.day_starts_at],
        }
        kept = dict(list(entries.items())[-MAX_ENTRIES:])
        # Not synced to disk: a view cut short by a crash does not decode, and is made again.
        with contextlib.suppress(OSError):
            data = codec.encode(header) + b"\n" + codec.encode(kept)
            replace_privately(view_path(self.path), data, durable=False)


def _entry(form: str, week: str, today: date) -> str:
    return f"{form} {week} {today.toordinal()}"


def data_version(path: Path) -> list[Any] | None:
    """The version of the data at ``path`` (see the module's doc), read under the shared
    lock; None for a small, missing or unreadable file (read it the usual way)."""
    try:
        with shared_lock(path):
            main = read_bytes(path)
            if main is None or len(main) < MIN_BYTES:
                return None
            journal = read_bytes(journal_path(path)) or b""
            return [
                FORMAT,
                len(main),
                zlib.crc32(main),
                len(journal),
                zlib.crc32(journal),
                _year_files(path),
            ]
    except (DataFileError, OSError):
        return None


def _year_files(path: Path) -> list[list[Any]]:
    """Name, size, time and inode of each year file in the archive folders."""
    found = []
    for folder in sorted({archive.archive_folder(path), archive.legacy_folder(path)}):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if _YEAR_FILE.match(entry.name):
                st = entry.stat(follow_symlinks=True)
                found.append([f"{folder.name}/{entry.name}", st.st_size, st.st_mtime_ns, st.st_ino])
    return sorted(found)
