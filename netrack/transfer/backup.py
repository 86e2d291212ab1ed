"""netrack's own JSON backup: every record of every table, exactly as stored.

The backup is one JSON object::

    {"format": "netrack-backup", "format_version": 1, "schema_version": 3,
     "tables": {"contacts": [...], "actions": [...], "followups": [...],
                "habits": [...], "settings": [...], "week_notes": [...],
                "plans": [...], "introductions": [...], "events": [...]}}

Each table lists its documents oldest first (by ``at``, ``created``, ``week`` or ``key``,
then id) with their fields in name order, field for field as in the data file (fields
this version does not know included), so nothing is lost. The order does not depend on
the order things were written in, so two computers that sync export the same bytes. A
data file itself (from another computer, or a daily copy in ``backups/``) is read as a
backup too.

The change history (``changes``, store/history.py) belongs to one data file and is not
exported; importing a data file (which holds it) merges it by id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netrack.errors import DataFileError, ImportFileError
from netrack.store import codec, history, journal, schema
from netrack.store.archive import with_archive
from netrack.store.documents import dataset_from_raw
from netrack.store.schema import CHANGES, RECORD_TABLES, Raw

FORMAT = "netrack-backup"
FORMAT_VERSION = 1

Tables = dict[str, list[dict[str, Any]]]


def backup_document(raw: Raw) -> dict[str, Any]:
    """The backup of the data file whose raw tables are ``raw``."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": schema.schema_version(raw) or schema.SCHEMA_VERSION,
        "tables": {table: in_stable_order(raw.get(table, {})) for table in RECORD_TABLES},
    }


def in_stable_order(docs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """A table's documents oldest first, each with its fields in name order."""
    return [{name: doc[name] for name in sorted(doc)} for doc in sorted(docs.values(), key=_age)]


def _age(doc: dict[str, Any]) -> tuple[str, str]:
    for name in ("at", "created", "week", "key"):
        value = doc.get(name)
        if isinstance(value, str):
            return value, str(doc.get("id"))
    return "", str(doc.get("id"))


def in_file_order(docs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """A table's documents in the order they were written (by TinyDB's numbering)."""
    return [doc for _, doc in sorted(docs.items(), key=lambda item: _number(item[0]))]


def read_backup(data: bytes, path: Path) -> Tables:
    """The record tables of a backup or data file, checked and brought to this schema.

    Only tables present in the file are returned. An ImportFileError names what is wrong.
    """
    try:
        document = codec.decode(data.removeprefix(b"\xef\xbb\xbf"))
    except codec.DecodeError as error:
        raise ImportFileError(path, f"{error}{_format_hint(path)}") from None
    if isinstance(document, dict) and "format" in document:
        raw = _raw_from_backup(document, path)
    elif isinstance(document, dict) and any(t in document for t in schema.TABLES):
        raw = _with_its_archive(document, path)  # a data file
    else:
        raise ImportFileError(path, f"not a netrack backup or data file{_format_hint(path)}")
    try:
        raw = schema.check_shape(raw, path)
        codec.portable({t: raw[t] for t in RECORD_TABLES if t in raw})
        raw, _ = schema.migrate(raw)
        _check_records(raw, path)
        dataset_from_raw(raw, path)  # every record must make sense before any is merged
    except DataFileError as error:
        raise ImportFileError(path, error.problem) from None
    except ValueError as error:
        raise ImportFileError(path, f"record {error}") from None
    tables = {table: in_file_order(raw[table]) for table in RECORD_TABLES if table in raw}
    changes = history.entries(raw)  # damaged entries are left behind, not refused
    if changes:
        tables[CHANGES] = changes
    return tables


def _check_records(raw: Raw, path: Path) -> None:
    """Refuse the file at its first record that netrack could not have written itself.

    The rules are the command line's (domain/record_rules.py), so nothing gets in that
    a later command could not show, export or count.
    """
    from netrack.domain.record_rules import record_problem

    for table in RECORD_TABLES:
        for number, doc in raw.get(table, {}).items():
            problem = record_problem(table, doc)
            if problem is not None:
                raise ImportFileError(path, f"record {table}/{number}: {problem}")


def _with_its_archive(raw: Raw, path: Path) -> Raw:
    """A data file's tables with its archived actions and the quick adds of its journal,
    if it has any beside it."""
    try:
        raw = schema.check_shape(raw, path)
        journal.apply(raw, journal.entries_for(path, journal.token_of(raw)))
        return with_archive(raw, path)
    except DataFileError as error:
        raise ImportFileError(path, error.problem) from None


def _raw_from_backup(document: dict[str, Any], path: Path) -> Raw:
    if document.get("format") != FORMAT:
        raise ImportFileError(path, f"unknown format {str(document.get('format'))[:40]!r}")
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFileError(path, "the backup has no valid 'format_version'")
    if version > FORMAT_VERSION:
        raise ImportFileError(path, "it was written by a newer netrack; upgrade netrack")
    schema_version = document.get("schema_version")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise ImportFileError(path, "the backup has no 'tables' object")
    raw: dict[str, Any] = {schema.META: {"1": {"schema_version": schema_version}}}
    for table, docs in tables.items():
        if not isinstance(docs, list):
            raise ImportFileError(path, f"table {str(table)[:40]!r} is not a list")
        # Numbered from 1, so that a problem is reported as e.g. record contacts/3.
        raw[table] = {str(n): doc for n, doc in enumerate(docs, start=1)}
    return raw


def _format_hint(path: Path) -> str:
    hints = {
        ".csv": "; for LinkedIn's export use 'netrack import linkedin FILE'",
        ".vcf": "; for vCards use 'netrack import vcard FILE'",
        ".vcard": "; for vCards use 'netrack import vcard FILE'",
    }
    return hints.get(path.suffix.casefold(), "")


def _number(key: str) -> tuple[int, int | str]:
    return (0, int(key)) if key.isdigit() else (1, key)


def backup_counts(raw: Raw) -> dict[str, int]:
    """How many records each table of ``raw`` holds."""
    return {table: len(raw.get(table, {})) for table in RECORD_TABLES}
