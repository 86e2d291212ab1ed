"""The past years, kept out of the main data file so that it stays small.

Layout. When the main file's meta document records a year ``archived_before``, the main
file holds only what belongs to that year or later; each older year lives in a year
file, a TinyDB file with a ``meta`` table and the archived tables (``ARCHIVED_TABLES``),
in the folder ``<data file name>-archive`` beside the main file
(``netrack.json-archive/2019.3.json``). What year a record belongs to (``year_of``): an
action's ``at``, a closed follow-up's ``closed`` (an open one stays in the main file,
however old), a week note's ``week`` label (the note of a skipped week stays: streaks
read them all). Follow-ups and week notes are archived since schema 6; a file of an
earlier version keeps them in the main file until its first write moves them
(``FileTables.archive_old_records``).

Only what the main file names counts. Its meta document lists the year file of each
year (``archive_files``: year -> path relative to the main file's folder), and the one
each replaced (``archive_previous``). Year files are never changed once written: a
change to a year writes a new *generation* of it under a new name (``2019.4.json``), and
the main file's next commit names it. So a write killed before that commit leaves only
files that no commit names; readers never open them, ``netrack doctor`` reports them
and ``--repair`` deletes them. A change that spans several years (a merge, an import)
switches every year at once, in that one commit. The generation a year replaced stays
as its backup from before its last change, and every generation a backup of the main
file names stays as long as that backup (see generations.py), so putting a backup
back brings the archive back as it was too.

A file written by netrack before generations (schema 1) names no files: its year files
are ``<stem>-archive/YYYY.json`` for every year before ``archived_before``. They are
read where they are, and named in the main file from its first write on.

A quick add reads and writes only the main file (this year's and last year's actions,
the contacts, the open follow-ups), however long the history. Commands that need every
record (the app, export) read the named year files too.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol, TypeVar

from netrack.domain.patterns import LazyPattern
from netrack.domain.valuetype import Value
from netrack.errors import DataFileError
from netrack.store import codec, schema
from netrack.store.files import read_bytes
from netrack.store.schema import ACTIONS, FOLLOWUPS, META, WEEK_NOTES, Raw

# The tables whose records of past years live in year files (schema 6 added the last two).
ARCHIVED_TABLES = (ACTIONS, FOLLOWUPS, WEEK_NOTES)
# The field that says which year a record belongs to; a record without it (an open
# follow-up) stays in the main file.
_DATED_BY = {ACTIONS: "at", FOLLOWUPS: "closed", WEEK_NOTES: "week"}
ARCHIVE_AFTER_YEARS = 2  # this year's and last year's actions stay in the main file
ARCHIVED_BEFORE = "archived_before"
ARCHIVE_FILES = "archive_files"
ARCHIVE_PREVIOUS = "archive_previous"
CLOCK_YEAR = "clock_year"  # the year on the clock of the last write

Doc = dict[str, Any]
T = TypeVar("T")


class _Record(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Record)

# A year file's name relative to the main file's folder: "<folder>-archive/YYYY[.N].json".
_NAME = LazyPattern(r"^([^/\\]+-archive)/(\d{4})(?:\.(\d{1,9}))?\.json$", re.ASCII)


class Manifest(Value):
    """Which year files a main file names (paths relative to the main file's folder)."""

    before: int | None  # actions of years before this one are archived; None: none are
    files: dict[int, str]  # each archived year's current file
    previous: dict[int, str]  # the file each year had before its last change, if kept

    def path(self, data_file: Path, year: int) -> Path:
        return data_file.parent / self.files[year]

    def named(self) -> set[str]:
        """Every file this manifest names, current or previous."""
        return {*self.files.values(), *self.previous.values()}

    def after(self, written: dict[int, str | None]) -> Manifest:
        """This manifest once each year in ``written`` has its new file (None: no file)."""
        files = dict(self.files)
        previous = dict(self.previous)
        for year, name in written.items():
            replaced = files.pop(year, None)
            if replaced is not None:
                previous[year] = replaced
            if name is not None:
                files[year] = name
        return self._replace(files=files, previous=previous)


NO_ARCHIVE = Manifest(None, {}, {})


def archive_folder(path: Path) -> Path:
    """The folder where new year files of the data file ``path`` are written."""
    return path.with_name(f"{path.name}-archive")


def legacy_folder(path: Path) -> Path:
    """Where netrack kept year files before generations: ``<stem>-archive``."""
    return path.with_name(f"{path.stem}-archive")


def year_of_name(name: str) -> int:
    """The year of a year file's name (as ``parse_name`` accepts)."""
    return int(name.rsplit("/", 1)[-1][:4])


def parse_name(name: object) -> tuple[str, int, int] | None:
    """(folder, year, generation) of a year file's name, or None if it is not one.

    A file from before generations (``2019.json``) is generation 0.
    """
    if not isinstance(name, str):
        return None
    match = _NAME.match(name)
    if match is None or match[1].startswith("."):
        return None
    return match[1], int(match[2]), int(match[3] or 0)


def manifest(raw: Raw, path: Path) -> Manifest:
    """The year files the main file ``raw`` (at ``path``) names; a DataFileError if damaged."""
    meta = _meta_doc(raw)
    before = meta.get(ARCHIVED_BEFORE)
    if not isinstance(before, int) or isinstance(before, bool):
        return NO_ARCHIVE
    if ARCHIVE_FILES not in meta:
        legacy = legacy_folder(path)
        years = [year for year in legacy_years(path) if year < before]
        return Manifest(before, {y: f"{legacy.name}/{y:04d}.json" for y in years}, {})
    return Manifest(
        before,
        _names(meta.get(ARCHIVE_FILES), ARCHIVE_FILES, path),
        _names(meta.get(ARCHIVE_PREVIOUS, {}), ARCHIVE_PREVIOUS, path),
    )


def _names(value: Any, field: str, path: Path) -> dict[int, str]:
    if not isinstance(value, dict):
        raise DataFileError(path, f"wrong shape: {field!r} in the meta table is not an object")
    names = {}
    for year, name in value.items():
        parsed = parse_name(name)
        if parsed is None or not (str(year).isdigit() and int(year) == parsed[1]):
            raise DataFileError(
                path, f"wrong shape: {field!r} names {str(name)[:60]!r} for year {year!r}"
            )
        names[parsed[1]] = name
    return names


def set_manifest(raw: Raw, new: Manifest, clock_year: int | None) -> None:
    """Record ``new`` (and the year on the clock of this write) in the meta document."""
    meta = _meta_doc(raw, create=True)
    if clock_year is not None:
        meta[CLOCK_YEAR] = clock_year
    if new.before is None:
        return
    meta[ARCHIVED_BEFORE] = new.before
    meta[ARCHIVE_FILES] = {str(y): new.files[y] for y in sorted(new.files)}
    meta[ARCHIVE_PREVIOUS] = {str(y): new.previous[y] for y in sorted(new.previous)}


def clock_year(raw: Raw) -> int | None:
    """The year on the clock when the file was last written, if it says."""
    year = _meta_doc(raw).get(CLOCK_YEAR)
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def _meta_doc(raw: Raw, create: bool = False) -> dict[str, Any]:
    meta = raw.get(META)
    if not meta:
        if not create:
            return {}
        meta = raw[META] = {}
    doc = next(iter(meta.values()), None)
    if doc is None:
        doc = meta["1"] = {}
    return doc


def legacy_years(path: Path) -> list[int]:
    """The years with a file in the folder of netrack before generations, oldest first."""
    try:
        entries = os.listdir(legacy_folder(path))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as error:
        raise DataFileError(
            legacy_folder(path), f"cannot read the folder ({error.strerror})"
        ) from None
    years = []
    for name in entries:
        stem, dot, suffix = name.partition(".")
        if suffix == "json" and dot and len(stem) == 4 and stem.isdigit():
            years.append(int(stem))
    return sorted(years)


def year_of(doc: Doc, table: str = ACTIONS) -> int | None:
    """The year a document of ``table`` belongs to, if it has one (see the layout)."""
    field = _DATED_BY.get(table)
    if field is None or (table == WEEK_NOTES and doc.get("skipped")):
        return None  # a skipped week stays: every habit's streak reads it
    at = doc.get(field)
    if isinstance(at, str) and at[:4].isdigit():
        return int(at[:4])
    return None


def holds_records(raw: Raw) -> bool:
    """True when the year file's tables ``raw`` hold any record."""
    return any(raw.get(table) for table in ARCHIVED_TABLES)


def archived_before(raw: Raw) -> int | None:
    """Actions of years before this one live in the archive; None: none do."""
    year = _meta_doc(raw).get(ARCHIVED_BEFORE)
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def read_year(file: Path) -> Raw:
    """One year file's checked tables; a DataFileError naming the file if it cannot be used."""
    data = read_bytes(file)
    if data is None:
        raise DataFileError(file, "this archive file is missing")
    if not data.strip():
        # netrack never writes an empty file: this year's actions were lost to damage.
        raise DataFileError(file, "it is empty (truncated?)")
    try:
        raw = codec.decode(data)
    except codec.DecodeError as error:
        raise DataFileError(file, str(error)) from None
    return schema.check_shape(raw, file)


def new_year_file(docs: Iterable[Doc] = (), others: dict[str, list[Doc]] | None = None) -> Raw:
    """The tables of a year file holding the actions ``docs`` and the records of the
    other archived tables in ``others`` (each numbered from 1)."""
    raw: Raw = {ACTIONS: {str(n): doc for n, doc in enumerate(docs, 1)}}
    for table, found in (others or {}).items():
        if found:
            raw[table] = {str(n): doc for n, doc in enumerate(found, 1)}
    schema.set_schema_version(raw)
    return raw


def with_archive(raw: Raw, path: Path) -> Raw:
    """``raw`` (the main file of ``path``) with its archived records added to its tables."""
    tables = archived_tables(raw, path)
    return combined(raw, [docs for _, docs in tables]) if tables else raw


def archived_tables(raw: Raw, path: Path) -> list[tuple[Path, Raw]]:
    """Each year file the main file ``raw`` names (oldest first), with its tables."""
    return list(each_archived_table(manifest(raw, path), path))


def each_archived_table(named: Manifest, path: Path) -> Iterator[tuple[Path, Raw]]:
    """The archived tables of each year file ``named`` (oldest first), each read only
    when the one before is done with: decoded documents take several times the file's
    size in memory."""
    for year in sorted(named.files):
        file = named.path(path, year)
        yield file, read_year(file)


def without_repeats(old: list[T], recent: list[T], key: Callable[[T], str]) -> list[T]:
    """``old + recent``, leaving out those of ``old`` whose key comes again later.

    netrack keeps each record in one file; files written before generations may hold
    one twice (a write interrupted between two files). They are looked for with sets,
    and removed one by one only when there are any.
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


def joined(old: list[R], recent: tuple[R, ...]) -> tuple[R, ...]:
    """The archived records ``old`` and the main file's ``recent``, each once."""
    return tuple(without_repeats(old, list(recent), lambda record: record.id)) if old else recent


def combined(raw: Raw, archived: Iterable[Raw]) -> Raw:
    """``raw`` with the tables of the year files ``archived`` (oldest first) added to its own.

    Each combined table lists the oldest year first, each file in its own order (TinyDB
    keeps the order of writing), renumbered from 1. A record found twice is listed
    once, the main file's copy.
    """
    archived = list(archived)
    joined = dict(raw)
    for table in ARCHIVED_TABLES:
        old = [doc for tables in archived for doc in tables.get(table, {}).values()]
        if not old:
            continue
        docs = without_repeats(old, list(raw.get(table, {}).values()), _doc_id)
        numbers = map(str, range(1, len(docs) + 1))
        joined[table] = dict(zip(numbers, docs, strict=True))
    return joined


def _doc_id(doc: Doc) -> str:
    record_id: str = doc["id"]  # checked to be text when the file was read
    return record_id


def archive_limit(now_year: int, last_clock_year: int | None) -> int:
    """The first year the main file keeps, for a write whose clock says ``now_year``.

    The clock of one run is not trusted to move actions away: a year counts as past only
    when the clock of the write before said so too (``last_clock_year``), so one run
    with its clock years ahead archives nothing it would not have archived anyway.
    """
    year = now_year if last_clock_year is None else min(now_year, last_clock_year)
    return year - ARCHIVE_AFTER_YEARS + 1
