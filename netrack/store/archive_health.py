"""The archive as ``netrack doctor`` sees it: which year files can be read, and repairs.

Works on raw documents, like the rest of doctor. A year file the main file names but
that cannot be used (missing, cut short, not JSON) is put back by a repair from the
generation it replaced (its backup from before its last change), when that one can be
read; otherwise a backup of the main file whose year files are whole has to be
restored, and doctor names it.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, NamedTuple

from netrack.errors import DataFileError
from netrack.store import archive, codec, schema
from netrack.store.archive import ARCHIVED_TABLES, Manifest
from netrack.store.backups import all_backups
from netrack.store.documents import decode_file
from netrack.store.files import read_bytes
from netrack.store.record_checks import Problem, table_docs
from netrack.store.schema import ACTIONS, META, NOUNS, Raw


class YearSource(NamedTuple):
    """A usable copy of one year: a year file to name again, or actions to write anew."""

    where: str  # for the report
    name: str | None  # a year file (as manifests name them) to name again
    tables: Raw | None  # or the tables of a new year file holding the year's actions
    actions: int


class DamagedYear(NamedTuple):
    """A year file the main file names that cannot be used, and what can replace it."""

    year: int
    file: Path
    problem: str
    source: YearSource | None  # the newest usable copy of the year, if any

    @property
    def as_problem(self) -> Problem:
        text = f"archive year {self.year} ({self.file}) cannot be used: {self.problem}"
        if self.source is None:
            # Nothing left to put back: the year is set aside so that the rest can be
            # used, and the damaged file stays (the copy kept before the repair names it).
            return Problem(
                text + "; no readable copy of it is left in netrack's backups",
                f"set year {self.year} aside (the damaged file is kept as it is)",
            )
        count = self.source.actions
        return Problem(
            text, f"put back {self.source.where} ({count:,} action{'s' if count != 1 else ''})"
        )


class ArchiveView(NamedTuple):
    """A main file's tables with the records of every usable year file it names."""

    named: Manifest
    # The main file, each archived table followed by each usable year's (renumbered).
    raw: Raw
    origin: dict[tuple[str, str], int]  # (table, document number in ``raw``) -> its year
    years: dict[int, Raw]  # each usable named year file's tables
    damaged: list[DamagedYear]
    # Records kept in two files (table, id, the year whose copy is left out): a file
    # written before generations, or a change whose old copy an unread year kept.
    repeats: list[tuple[str, str, int]] = []

    @property
    def repeat_problems(self) -> list[Problem]:
        return [
            Problem(
                f"{NOUNS[table][0]} {record_id[:8]} is kept twice, also in archive year {year}",
                "keep the data file's copy (or the earlier year's)",
            )
            for table, record_id, year in self.repeats
        ]


def parse_file(data: bytes, path: Path) -> Raw:
    """The file's documents, if the file as a whole can be used (its records may not).

    Raises DataFileError naming what makes the whole file unusable.
    """
    raw = decode_file(data, path)
    # The file-level rules of the store (shape of the tables, schema version), without
    # the per-record ones, which examine_records reports one by one.
    if not isinstance(raw, dict):
        return schema.check_shape(raw, path)  # raises: not a JSON object
    outline = {
        table: {} if table != META and isinstance(docs, dict) else docs
        for table, docs in raw.items()
    }
    schema.check_shape(outline, path)
    return raw


def view(raw: Raw, path: Path, replacements: dict[int, Raw] | None = None) -> ArchiveView:
    """``raw`` (the main file at ``path``) with the records of each year file it names.

    ``replacements`` gives years' tables instead of their files. Raises DataFileError
    when the main file's list of year files is itself damaged.
    """
    replacements = replacements or {}
    named = archive.manifest(raw, path)
    if named.before is None:
        return ArchiveView(named, raw, {}, {}, [])
    years: dict[int, Raw] = {}
    damaged = []
    for year in sorted({*named.files, *replacements}):
        if year in replacements:
            years[year] = replacements[year]
        else:
            file = named.path(path, year)
            try:
                years[year] = _usable(file)
            except DataFileError as error:
                damaged.append(_damaged(named, path, year, file, error.problem))
    joined = dict(raw)
    origin: dict[tuple[str, str], int] = {}
    repeats: list[tuple[str, str, int]] = []
    for table in ARCHIVED_TABLES:
        docs = dict(raw.get(table) or {})
        number = max((int(k) for k in docs if k.isdecimal() and k.isascii()), default=0)
        # A record is read (as the store reads it) from the main file, else its first year.
        seen = {doc.get("id") for doc in docs.values() if isinstance(doc, dict)}
        for year, tables in years.items():
            for doc in table_docs(tables, table):
                record_id = doc.get("id") if isinstance(doc, dict) else None
                if record_id is not None and record_id in seen:
                    repeats.append((table, str(record_id), year))
                    continue
                seen.add(record_id)
                number += 1
                docs[str(number)] = doc
                origin[(table, str(number))] = year
        joined[table] = docs
    return ArchiveView(named, joined, origin, years, damaged, repeats)


def _usable(file: Path) -> Raw:
    data = read_bytes(file)
    if data is None:
        raise DataFileError(file, "the file is missing")
    return parse_file(data, file)


def _damaged(named: Manifest, path: Path, year: int, file: Path, problem: str) -> DamagedYear:
    return DamagedYear(year, file, problem, _newest_copy(named, path, year))


def _newest_copy(named: Manifest, path: Path, year: int) -> YearSource | None:
    """The newest usable copy of ``year``: the file it replaced, else in a backup.

    A backup of the main file names year files of its day, or holds the year's
    actions itself when it is from before they moved into the archive.
    """
    damaged = named.files.get(year)
    previous = named.previous.get(year)
    if previous is not None and previous != damaged:
        found = _named_copy(path, previous, "the year as it was before its last change")
        if found is not None:
            return found
    for backup in reversed(all_backups(path)):
        try:
            raw = codec.decode(read_bytes(backup.path) or b"")
            theirs = archive.manifest(raw, path)
        except (codec.DecodeError, DataFileError, AttributeError, TypeError):
            continue
        for name in (theirs.files.get(year), theirs.previous.get(year)):
            if name is not None and name != damaged:
                found = _named_copy(path, name, f"named by backup {backup.name}")
                if found is not None:
                    return found
        if theirs.before is None or year >= theirs.before:
            picked = {
                table: [
                    doc
                    for doc in table_docs(raw, table)
                    if isinstance(doc, dict) and archive.year_of(doc, table) == year
                ]
                for table in ARCHIVED_TABLES
            }
            actions = picked.pop(ACTIONS)
            if actions:
                where = f"the year's actions from backup {backup.name}"
                year_file = archive.new_year_file(actions, picked)
                return YearSource(where, None, year_file, len(actions))
    return None


def _named_copy(path: Path, name: str, why: str) -> YearSource | None:
    try:
        count = len(table_docs(_usable(path.parent / name), ACTIONS))
    except DataFileError:
        return None
    return YearSource(f"{name}, {why}", name, None, count)


def with_years_put_back(
    raw: Raw, path: Path, damaged: list[DamagedYear]
) -> tuple[Raw, dict[int, Raw]] | None:
    """A copy of ``raw`` naming each damaged year's usable copy instead (or none).

    Also returns the tables of the years whose copy is a backup's actions: they get a
    new file. The damaged files are named no more (the copy kept before the repair
    still names them). None: nothing is damaged.
    """
    if not damaged:
        return None
    sources = {year.year: year.source for year in damaged}
    named = archive.manifest(raw, path)
    files = dict(named.files)
    previous = dict(named.previous)
    tables: dict[int, Raw] = {}
    for year, source in sources.items():
        if source is None:
            del files[year]
        elif source.name is not None:
            files[year] = source.name
            if previous.get(year) == source.name:
                del previous[year]
        else:
            del files[year]
            tables[year] = source.tables or archive.new_year_file()
    changed = copy.deepcopy(raw)
    archive.set_manifest(changed, named._replace(files=files, previous=previous), None)
    return changed, tables


def archived_too_soon(raw: Raw, named: Manifest, this_year: int) -> list[Problem]:
    """Years moved into the archive by a write whose clock ran ahead, if any.

    Any change brings them back into the main file (transaction.py); a repair does too.
    """
    limit = archive.archive_limit(this_year, archive.clock_year(raw))
    if named.before is None or named.before <= limit:
        return []
    years = f"{limit}" if named.before - 1 == limit else f"{limit}-{named.before - 1}"
    return [
        Problem(
            f"the actions of {years} are in the archive, moved there while a clock ran ahead",
            "bring those years back into the data file",
        )
    ]


def split(
    repaired: Raw, seen: ArchiveView, forced: set[int] | None = None, keep_from: int | None = None
) -> tuple[Raw, dict[int, Raw]]:
    """``repaired`` (``seen.raw`` after repairs) as the main file and the years it changed.

    Each archived record goes back to the file it came from, except that the years from
    ``keep_from`` on go to the main file; a year is returned when its records differ
    from the file's, or when it is in ``forced`` (it needs a new file).
    """
    forced = forced or set()
    main = dict(repaired)
    by_year: dict[int, dict[str, list[Any]]] = {year: {} for year in seen.years}
    for table in ARCHIVED_TABLES:
        kept: dict[str, Any] = {}
        for key, doc in (repaired.get(table) or {}).items():
            year = seen.origin.get((table, key))
            if year is None or (keep_from is not None and year >= keep_from):
                kept[key] = doc
            else:
                by_year[year].setdefault(table, []).append(doc)
        if table in repaired or kept:
            main[table] = kept
    changed = {}
    for year, tables in by_year.items():
        if year in forced or any(
            tables.get(table, []) != table_docs(seen.years[year], table)
            for table in ARCHIVED_TABLES
        ):
            changed[year] = {
                **seen.years[year],
                **{
                    table: {str(n): d for n, d in enumerate(tables.get(table, []), 1)}
                    for table in ARCHIVED_TABLES
                },
            }
    return main, changed
