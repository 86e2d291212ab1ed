"""How healthy a data file is, for ``netrack doctor``, and what a repair would change.

This reads the raw documents rather than domain values, so it can describe a file that
the store refuses to load. Problems come in two sorts:

- The file as a whole cannot be used (not JSON, not the right shape, written by a
  newer netrack). Nothing can be repaired; a backup has to be restored.
- Single records are wrong (record_checks.py). A repair fixes them without losing
  anything logged.

Permissions wider than the owner's, and temporary files left by a writer that was
killed, are reported as well (surroundings.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from netrack.errors import DataFileError
from netrack.store import archive, codec, schema
from netrack.store.backups import Backup, all_backups, backup_folder
from netrack.store.documents import decode_file
from netrack.store.files import read_bytes
from netrack.store.record_checks import Problem, examine_records, table_docs
from netrack.store.schema import (
    ACTIONS,
    CONTACTS,
    FOLLOWUPS,
    META,
    RECORD_TABLES,
    Raw,
)
from netrack.store.surroundings import Loosened, loosened_permissions, stale_temp_files


class Health(NamedTuple):
    """Everything ``netrack doctor`` reports about one data file."""

    path: Path
    exists: bool
    size: int
    unreadable: str | None  # why the file as a whole cannot be used, if it cannot
    schema_version: int | None  # as the file declares it, even when it cannot be used
    counts: dict[str, int]
    archived_contacts: int
    open_followups: int
    record_problems: list[Problem]
    loosened: list[Loosened]
    stale_temp_files: list[Path]
    backups: list[Backup]

    @property
    def problems(self) -> list[Problem]:
        """Every problem, in the order the report shows them."""
        found = []
        if self.unreadable is not None:
            found.append(Problem(f"the file cannot be used: {self.unreadable}", None))
        found.extend(self.record_problems)
        for item in self.loosened:
            found.append(
                Problem(
                    f"{item.what} {item.path} is open to other users (mode {item.mode:04o})",
                    f"set mode {item.wanted:04o}",
                )
            )
        folder = backup_folder(self.path)
        if folder.exists() and not folder.is_dir():
            found.append(
                Problem(f"{folder} is not a folder, so netrack cannot keep backups there", None)
            )
        for temp in self.stale_temp_files:
            found.append(Problem(f"temporary file {temp} was left by a killed writer", "delete it"))
        return found

    @property
    def healthy(self) -> bool:
        return not self.problems

    @property
    def too_new(self) -> bool:
        """Written by a newer netrack: upgrading, not restoring, is the way out."""
        return self.schema_version is not None and self.schema_version > schema.SCHEMA_VERSION


def check(path: Path) -> Health:
    """Examine the data file at ``path`` and everything beside it. Changes nothing."""
    data = read_bytes(path)
    unreadable = None
    raw: Raw = {}
    version = None
    record_problems: list[Problem] = []
    if data is not None:
        try:
            raw = parse_file(data, path)
        except DataFileError as error:
            unreadable = error.problem
            version = _declared_version(data)
        else:
            version = schema.schema_version(raw)
            try:
                raw, _ = with_archive(raw, path)
            except DataFileError as error:
                unreadable = f"archive file {error.path}: {error.problem}"
            else:
                record_problems, _ = examine_records(raw)
    counts = {table: len(raw.get(table, {})) for table in RECORD_TABLES}
    return Health(
        path=path,
        exists=data is not None,
        size=len(data or b""),
        unreadable=unreadable,
        schema_version=version,
        counts=counts,
        archived_contacts=sum(
            1 for doc in table_docs(raw, CONTACTS) if isinstance(doc, dict) and doc.get("archived")
        ),
        open_followups=sum(
            1
            for doc in table_docs(raw, FOLLOWUPS)
            if isinstance(doc, dict) and not doc.get("closed")
        ),
        record_problems=record_problems,
        loosened=loosened_permissions(path),
        stale_temp_files=stale_temp_files(path, only_dead_writers=True),
        backups=all_backups(path),
    )


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


def with_archive(raw: Raw, path: Path) -> tuple[Raw, dict[int, bytes]]:
    """``raw`` (the main file) with every archived action (store/archive.py) in ``actions``.

    Each archive file must be usable as a whole; its records are examined with the
    others. The main file's actions keep their numbers and the archived ones are
    numbered after them. Also returns each archive file's bytes by year (none when the
    file records no archive).
    """
    if archive.archived_before(raw) is None:
        return raw, {}
    originals: dict[int, bytes] = {}
    actions = dict(raw.get(ACTIONS) or {})
    number = max((int(k) for k in actions if k.isdecimal() and k.isascii()), default=0)
    # An action in two files was left by a write interrupted between them: it is one
    # action, read (as the store reads it) from the main file, else its first year.
    seen = {doc.get("id") for doc in actions.values() if isinstance(doc, dict)}
    for year in archive.archived_years(path):
        file = archive.archive_path(path, year)
        data = read_bytes(file)
        if data is None:
            continue
        originals[year] = data
        for doc in table_docs(parse_file(data, file), ACTIONS):
            record_id = doc.get("id") if isinstance(doc, dict) else None
            if record_id is not None and record_id in seen:
                continue
            seen.add(record_id)
            number += 1
            actions[str(number)] = doc
    return {**raw, ACTIONS: actions}, originals


def split_archive(raw: Raw, path: Path) -> tuple[Raw, dict[int, Raw]]:
    """``raw`` from ``with_archive`` (after repairs) as the main file and each archive file.

    The main file's actions keep their numbers; every year that had an archive file
    gets one back (numbered from 1), if empty.
    """
    before = archive.archived_before(raw)
    recent: dict[str, Any] = {}
    by_year: dict[int, list[Any]] = {year: [] for year in archive.archived_years(path)}
    for key, doc in (raw.get(ACTIONS) or {}).items():
        year = archive.year_of(doc)
        if before is not None and year is not None and year < before:
            by_year.setdefault(year, []).append(doc)
        else:
            recent[key] = doc
    archives = {
        year: {**archive.new_archive(), ACTIONS: {str(n): d for n, d in enumerate(docs, 1)}}
        for year, docs in by_year.items()
    }
    return {**raw, ACTIONS: recent}, archives


def _declared_version(data: bytes) -> int | None:
    """The schema version a file that cannot be used says it has, if it says one."""
    try:
        raw = codec.decode(data)
    except codec.DecodeError:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get(META), dict):
        return None
    if not all(isinstance(doc, dict) for doc in raw[META].values()):
        return None
    return schema.schema_version(raw)
