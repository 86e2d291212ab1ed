"""How healthy a data file is, for ``netrack doctor``, and what a repair would change.

This reads the raw documents rather than domain values, so it can describe a file that
the store refuses to load. Problems come in two sorts:

- The file as a whole cannot be used (not JSON, not the right shape, written by a
  newer netrack). Nothing can be repaired; a backup has to be restored.
- Single records are wrong. A repair fixes them without losing anything logged:
  a record that cannot be read is removed (the copy written before the repair keeps
  it); of two identical records with one id, one is kept, and differing ones get new
  ids; an action pointing at a contact that no longer exists keeps its place in the
  history with no contact; a follow-up owed to a contact that no longer exists is
  removed; other links to missing records are cleared.

Permissions wider than the owner's, and temporary files left by a writer that was
killed, are reported as well.
"""

from __future__ import annotations

import copy
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from netrack.domain.ids import new_id
from netrack.errors import DataFileError
from netrack.store import archive, codec, records, schema
from netrack.store.backups import BACKUP_FOLDER, Backup, all_backups, backup_folder
from netrack.store.files import PRIVATE_DIR, PRIVATE_FILE, lock_path_for, read_bytes
from netrack.store.schema import (
    ACTIONS,
    CONTACTS,
    FOLLOWUPS,
    HABITS,
    META,
    RECORD_TABLES,
    REVIEWS,
    SETTINGS,
    Raw,
)
from netrack.store.store import decode_file

MAX_PASSES = 10

_CONVERTERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    CONTACTS: records.contact_from_doc,
    ACTIONS: records.action_from_doc,
    FOLLOWUPS: records.followup_from_doc,
    HABITS: records.habit_from_doc,
    REVIEWS: records.note_from_doc,
    SETTINGS: lambda doc: records.settings_from_docs([doc]),
    schema.INTRODUCTIONS: records.introduction_from_doc,
    schema.EVENTS: records.event_from_doc,
}

SINGULAR = {table: one for table, (one, _) in schema.NOUNS.items()}


class Problem(NamedTuple):
    """Something wrong, and what ``--repair`` does about it (None: it cannot)."""

    text: str
    fix: str | None


class Loosened(NamedTuple):
    """A file or folder that others may read: where, its mode, the mode it should have."""

    path: Path
    what: str
    mode: int
    wanted: int


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
            1 for doc in _docs(raw, CONTACTS) if isinstance(doc, dict) and doc.get("archived")
        ),
        open_followups=sum(
            1 for doc in _docs(raw, FOLLOWUPS) if isinstance(doc, dict) and not doc.get("closed")
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
    if isinstance(raw, dict):
        outline = {
            table: {} if table != META and isinstance(docs, dict) else docs
            for table, docs in raw.items()
        }
        schema.check_shape(outline, path)
    else:
        schema.check_shape(raw, path)
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
        for doc in _docs(parse_file(data, file), ACTIONS):
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


def examine_records(raw: Raw) -> tuple[list[Problem], Raw]:
    """Every record-level problem of ``raw``, and ``raw`` with all of them repaired.

    ``raw`` itself is not changed. Fixing one problem can reveal another (a follow-up
    removed for want of its contact leaves the action that created it pointing at
    nothing), so the checks run again on the repaired copy until nothing is found.
    """
    work = raw
    found: list[Problem] = []
    for _ in range(MAX_PASSES):
        fixes = _damaged(work) or (_duplicates(work) + _dangling(work))
        if not fixes:
            break
        if work is raw:
            work = copy.deepcopy(raw)  # only when there is something to change
        for problem, apply in fixes:
            found.append(problem)
            apply(work)
    return found, work


Fix = tuple[Problem, Callable[[Raw], None]]


def _docs(raw: Raw, table: str) -> list[Any]:
    docs = raw.get(table)
    return list(docs.values()) if isinstance(docs, dict) else []


def _record_problem(table: str, key: str, doc: Any) -> str | None:
    """Why the store would refuse this one record, or None."""
    try:
        schema.check_shape({table: {key: doc}}, Path())
    except DataFileError as error:
        return error.problem
    try:
        _CONVERTERS[table](doc)
    except KeyError as error:
        return f"record {table}/{key} is damaged (missing field {error.args[0]!r})"
    except (TypeError, ValueError, AttributeError) as error:
        return f"record {table}/{key} is damaged ({str(error)[:100]})"
    return None


def _damaged(raw: Raw) -> list[Fix]:
    fixes: list[Fix] = []
    for table in RECORD_TABLES:
        docs = raw.get(table, {})
        for key, doc in docs.items():
            problem = _record_problem(table, key, doc)
            if problem is None:
                continue
            if not (key.isdecimal() and key.isascii()) and isinstance(doc, dict):
                fixes.append((Problem(problem, "give it a document number"), _renumber(table, key)))
            else:
                fixes.append(
                    (Problem(problem, "remove it (the backup keeps it)"), _remove(table, key))
                )
    return fixes


def _duplicates(raw: Raw) -> list[Fix]:
    fixes: list[Fix] = []
    for table in RECORD_TABLES:
        by_id: dict[str, list[str]] = {}
        for key, doc in raw.get(table, {}).items():
            by_id.setdefault(doc["id"], []).append(key)
        for record_id, keys in by_id.items():
            if len(keys) < 2:
                continue
            docs = raw[table]
            what = f"{len(keys)} {SINGULAR[table]} records share the id {_short(record_id)}"
            if table == SETTINGS:
                # The last one is the one in effect.
                fix = "keep the one in effect (the last)"
                fixes.append((Problem(what, fix), _remove_all(table, keys[:-1])))
            elif all(docs[k] == docs[keys[0]] for k in keys):
                fixes.append(
                    (
                        Problem(f"{what} (identical copies)", "keep one"),
                        _remove_all(table, keys[1:]),
                    )
                )
            else:
                fix = "give the later ones new ids"
                fixes.append(
                    (Problem(f"{what} (different contents)", fix), _new_ids(table, keys[1:]))
                )
    return fixes


def _dangling(raw: Raw) -> list[Fix]:
    ids = {table: {doc["id"] for doc in raw.get(table, {}).values()} for table in RECORD_TABLES}
    fixes: list[Fix] = []
    for key, doc in raw.get(FOLLOWUPS, {}).items():
        if doc["contact_id"] not in ids[CONTACTS]:
            text = (
                f"follow-up {_short(doc['id'])} (due {doc.get('due')}) is owed to contact "
                f"{_short(doc['contact_id'])}, which does not exist"
            )
            fixes.append((Problem(text, "remove the follow-up"), _remove(FOLLOWUPS, key)))
    links = (
        (ACTIONS, "contact_id", CONTACTS, "set its contact to none"),
        (ACTIONS, "followup_id", FOLLOWUPS, "clear the link"),
        (ACTIONS, "closed_followup_id", FOLLOWUPS, "clear the link"),
        (FOLLOWUPS, "source_action_id", ACTIONS, "clear the link"),
        (FOLLOWUPS, "closed_by_action_id", ACTIONS, "clear the link"),
    )
    for table, field, target, fix in links:
        for key, doc in raw.get(table, {}).items():
            value = doc.get(field)
            if value is None or value in ids[target]:
                continue
            if table == FOLLOWUPS and doc["contact_id"] not in ids[CONTACTS]:
                continue  # the follow-up is removed anyway
            text = (
                f"{SINGULAR[table]} {_short(doc['id'])}{_when(table, doc)} points at "
                f"{SINGULAR[target]} {_short(value)}, which does not exist"
            )
            fixes.append((Problem(text, fix), _set_none(table, key, field)))
    return fixes + _dangling_people(raw, ids[CONTACTS])


def _dangling_people(raw: Raw, contacts: set[str]) -> list[Fix]:
    """Introductions and events that name contacts which do not exist."""
    fixes: list[Fix] = []
    for key, doc in raw.get(schema.INTRODUCTIONS, {}).items():
        missing = [doc.get(f) for f in ("a_id", "b_id", "by_id") if doc.get(f) is not None]
        missing = [i for i in missing if i not in contacts]
        if missing:
            text = (
                f"introduction {_short(doc['id'])} ({str(doc.get('at', ''))[:10]}) names "
                f"contact {_short(missing[0])}, which does not exist"
            )
            fixes.append(
                (Problem(text, "remove the introduction"), _remove(schema.INTRODUCTIONS, key))
            )
    for key, doc in raw.get(schema.EVENTS, {}).items():
        for field in ("know", "met"):
            ids = doc.get(field) or []
            if any(i not in contacts for i in ids):
                text = (
                    f"event {_short(doc['id'])} ({doc.get('name')}) lists a contact "
                    "which does not exist"
                )
                kept = [i for i in ids if i in contacts]
                fixes.append(
                    (Problem(text, "leave them out"), _set(schema.EVENTS, key, field, kept))
                )
    return fixes


def _set(table: str, key: str, field: str, value: Any) -> Callable[[Raw], None]:
    def apply(raw: Raw) -> None:
        raw[table][key][field] = value

    return apply


def _when(table: str, doc: dict[str, Any]) -> str:
    if table == ACTIONS:
        return f" ({doc.get('kind')}, {str(doc.get('at', ''))[:10]})"
    return ""


def _short(record_id: object) -> str:
    text = str(record_id)
    return text if len(text) <= 13 else text[:8] + "…"


def _remove(table: str, key: str) -> Callable[[Raw], None]:
    def apply(raw: Raw) -> None:
        raw[table].pop(key, None)

    return apply


def _remove_all(table: str, keys: list[str]) -> Callable[[Raw], None]:
    def apply(raw: Raw) -> None:
        for key in keys:
            raw[table].pop(key, None)

    return apply


def _renumber(table: str, key: str) -> Callable[[Raw], None]:
    def apply(raw: Raw) -> None:
        docs = raw[table]
        numbers = [int(k) for k in docs if k.isdecimal() and k.isascii()]
        docs[str(max(numbers, default=0) + 1)] = docs.pop(key)

    return apply


def _new_ids(table: str, keys: list[str]) -> Callable[[Raw], None]:
    def apply(raw: Raw) -> None:
        for key in keys:
            raw[table][key]["id"] = new_id()

    return apply


def _set_none(table: str, key: str, field: str) -> Callable[[Raw], None]:
    def apply(raw: Raw) -> None:
        raw[table][key][field] = None

    return apply


# Beside the file: permissions and leftovers ----------------------------------------------


def loosened_permissions(path: Path) -> list[Loosened]:
    """The data folder, file, lock, backups folder and backups that others may open.

    The data folder counts only when it is netrack's own (the default one): a folder the
    user chose with --db, such as their home, is theirs to open as they like.
    """
    from netrack.paths import default_data_dir

    items = [
        *(
            [(path.parent, "data folder", PRIVATE_DIR)]
            if _same(path.parent, default_data_dir())
            else []
        ),
        (path, "data file", PRIVATE_FILE),
        (lock_path_for(path), "lock file", PRIVATE_FILE),
        (backup_folder(path), "backups folder", PRIVATE_DIR),
        *((backup.path, "backup", PRIVATE_FILE) for backup in all_backups(path)),
    ]
    found = []
    for item, what, wanted in items:
        try:
            mode = stat.S_IMODE(os.stat(item).st_mode)
        except OSError:
            continue
        if mode & 0o077:
            found.append(Loosened(item, what, mode, wanted))
    return found


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def stale_temp_files(path: Path, only_dead_writers: bool) -> list[Path]:
    """Temporary files of unfinished writes beside the data file, its backups and archive.

    A writer names its temporary file after its process id. With ``only_dead_writers``,
    files of a process still running (perhaps writing right now) are left out; without
    it, every one is returned (for use while holding the lock, when no write is running).
    """
    own = re.compile(rf"^\.{re.escape(path.name)}\.(\d+)\.tmp$")
    backup = re.compile(rf"^\.{re.escape(path.stem)}-[^/]*\.json\.(\d+)\.tmp$")
    year_file = re.compile(r"^\.(\d{4}\.json|counts\.json)\.(\d+)\.tmp$")
    archive_files = archive.archive_folder(path)
    found = []
    for folder, pattern in (
        (path.parent, own),
        (backup_folder(path), backup),
        (archive_files, year_file),
        (archive_files / BACKUP_FOLDER, re.compile(r"^\.[^/]*\.json\.(\d+)\.tmp$")),
    ):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            match = pattern.match(name)
            if match and not (only_dead_writers and _running(int(match[match.lastindex]))):
                found.append(folder / name)
    return found


def _running(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True
