"""Actions of past years, kept out of the main data file so that it stays small.

When the main file's meta document records a year ``archived_before``, its ``actions``
table holds only the actions whose year (the first four characters of ``at``) is that
year or later. Older actions live in one TinyDB file per year, in a folder beside the
main file named after it: ``netrack-archive/2019.json`` for ``netrack.json``. Each holds
a ``meta`` table with the schema version and an ``actions`` table. The tables and their
records are the same as ever: a file without ``archived_before`` (every file until its
history reaches back more than a year) has no archive and is read as before.

A quick add reads and writes only the main file (this year's and last year's actions,
the contacts and the follow-ups), however long the history. Commands that need every
action (the week review, the app, export) read the archive too. Each write moves the
actions that have grown old enough out of the main file (``ARCHIVE_AFTER_YEARS``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from netrack.domain.tally import DayCounts, day_counts
from netrack.domain.weeks import Calendar
from netrack.errors import DataFileError
from netrack.store import codec, schema
from netrack.store.files import read_bytes, replace_privately
from netrack.store.schema import ACTIONS, META, Raw

ARCHIVE_AFTER_YEARS = 2  # this year's and last year's actions stay in the main file
ARCHIVED_BEFORE = "archived_before"

Doc = dict[str, Any]
T = TypeVar("T")


def archive_folder(path: Path) -> Path:
    """The folder of ``path``'s yearly action files."""
    return path.with_name(f"{path.stem}-archive")


def archive_path(path: Path, year: int) -> Path:
    return archive_folder(path) / f"{year:04d}.json"  # four digits, as archived_years reads


def archived_years(path: Path) -> list[int]:
    """The years that have an archive file, oldest first."""
    try:
        entries = os.listdir(archive_folder(path))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as error:
        raise DataFileError(
            archive_folder(path), f"cannot read the folder ({error.strerror})"
        ) from None
    years = []
    for name in entries:
        stem, dot, suffix = name.partition(".")
        if suffix == "json" and dot and len(stem) == 4 and stem.isdigit():
            years.append(int(stem))
    return sorted(years)


def year_of(doc: Doc) -> int | None:
    """The year an action document belongs to (from its ``at`` text), if it has one."""
    at = doc.get("at")
    if isinstance(at, str) and at[:4].isdigit():
        return int(at[:4])
    return None


def archived_before(raw: Raw) -> int | None:
    """Actions of years before this one live in the archive; None: none do."""
    for doc in raw.get(META, {}).values():
        year = doc.get(ARCHIVED_BEFORE)
        if isinstance(year, int) and not isinstance(year, bool):
            return year
    return None


def set_archived_before(raw: Raw, year: int) -> None:
    meta = raw.setdefault(META, {})
    doc = next(iter(meta.values()), None)
    if doc is None:
        meta["1"] = doc = {}
    doc[ARCHIVED_BEFORE] = year


def read_archive(path: Path, year: int) -> tuple[Raw, bytes | None]:
    """One year's archive file as checked raw tables, and its bytes (None: no file)."""
    file = archive_path(path, year)
    data = read_bytes(file)
    if data is None:
        return {}, data
    if not data.strip():
        # netrack never writes an empty file: this year's actions were lost to damage.
        raise DataFileError(
            file, "it is empty (truncated?); 'netrack doctor' lists the backups to restore"
        )
    try:
        raw = codec.decode(data)
    except codec.DecodeError as error:
        raise DataFileError(file, str(error)) from None
    return schema.check_shape(raw, file), data


def new_archive() -> Raw:
    raw: Raw = {ACTIONS: {}}
    schema.set_schema_version(raw)
    return raw


def with_archive(raw: Raw, path: Path) -> Raw:
    """``raw`` (the main file of ``path``) with its archived actions added to ``actions``."""
    tables = archived_tables(raw, path)
    return combined(raw, [docs for _, docs in tables]) if tables else raw


def archived_tables(raw: Raw, path: Path) -> list[tuple[Path, dict[str, Doc]]]:
    """Each archive file of ``path`` (oldest first) with its actions table.

    Only a main file (``raw``) that records archiving has an archive: the folder of an
    older copy of the file is not read.
    """
    return [] if archived_before(raw) is None else _tables(path)


def _tables(path: Path, years: list[int] | None = None) -> list[tuple[Path, dict[str, Doc]]]:
    return [
        (archive_path(path, year), read_archive(path, year)[0].get(ACTIONS, {}))
        for year in (archived_years(path) if years is None else years)
    ]


def without_repeats(old: list[T], recent: list[T], key: Callable[[T], str]) -> list[T]:
    """``old + recent``, leaving out those of ``old`` whose key comes again later.

    Repeats are left only by a write interrupted between two files; they are looked
    for with sets, and removed one by one only when there are any.
    """
    ids = [key(item) for item in old]
    unique = set(ids)
    kept = {key(item) for item in recent}
    if len(unique) < len(ids) or not kept.isdisjoint(unique):
        first = []
        for item in old:
            if key(item) not in kept:
                kept.add(key(item))
                first.append(item)
        old = first
    return old + recent


def combined(raw: Raw, archived: Iterable[dict[str, Doc]]) -> Raw:
    """``raw`` with the ``archived`` action tables (oldest first) added to its own.

    The combined table lists the oldest year first, each file in its own order (TinyDB
    keeps the order of writing), renumbered from 1. An action found twice (a write
    interrupted between two files) is listed once, the main file's copy.
    """
    old = [doc for table in archived for doc in table.values()]
    docs = without_repeats(old, list(raw.get(ACTIONS, {}).values()), _doc_id)
    numbers = map(str, range(1, len(docs) + 1))
    return {**raw, ACTIONS: dict(zip(numbers, docs, strict=True))}


def _doc_id(doc: Doc) -> str:
    record_id: str = doc["id"]  # checked to be text when the file was read
    return record_id


# Day counts of the archive, for the week review -----------------------------------------

COUNTS_FILE = "counts.json"
COUNTS_FORMAT = 1


def archived_day_counts(path: Path, day_starts_at: int, before_year: int) -> DayCounts:
    """The archived actions of ``path`` summed up by day (see ``tally.DayCounts``).

    The sums are kept in ``counts.json`` in the archive folder, with the size, time and
    inode of every archive file they came from and the day start they were made with;
    when any of those differ they are made again from the files (and kept, if the
    folder can be written). Call with the data file's lock held, shared or exclusive.
    """
    until = date(before_year, 1, 1)
    folder = archive_folder(path)
    # Only the years before ``before_year``: a later year file can be left by a write
    # interrupted mid-way, and the main file holds those actions.
    years = [year for year in archived_years(path) if year < before_year]
    key = {
        "format": COUNTS_FORMAT,
        "day_starts_at": day_starts_at,
        "before_year": before_year,
        "files": [_signature(archive_path(path, year)) for year in years],
    }
    cached = _read_counts(folder / COUNTS_FILE, key, until)
    if cached is not None:
        return cached
    from netrack.store.records import action_from_doc, convert_table

    actions = [
        action
        for file, docs in _tables(path, years)
        for action in convert_table(docs, action_from_doc, ACTIONS, file)
    ]
    counts = day_counts(actions, Calendar(0, day_starts_at), until)
    document = {
        **key,
        "by_day": {str(d.toordinal()): kinds for d, kinds in counts.by_day.items()},
        "last_touch": {cid: d.toordinal() for cid, d in counts.last_touch.items()},
    }
    with contextlib.suppress(OSError):  # a read-only folder: they are made again next time
        replace_privately(folder / COUNTS_FILE, codec.encode(document))
    return counts


def _signature(file: Path) -> list[int]:
    try:
        st = os.stat(file)
    except OSError:
        return [0, 0, 0]
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _read_counts(file: Path, key: dict[str, Any], until: date) -> DayCounts | None:
    data = read_bytes(file) if file.exists() else None
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
