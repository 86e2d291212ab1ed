"""Quick adds appended beside the main file, so that a quick add need not rewrite it.

The journal is ``<name>.journal`` beside the data file: one JSON line per committed
quick add (see quick.py)::

    {"main": TOKEN, "put": [[table, document], ...], "change": ENTRY, "outbox": [...]}

``put`` holds the records the quick add saved (whole documents), ``change`` its entry of
the change history (store/history.py), ``outbox`` its notes for the sync outbox, if the
file syncs. ``main`` names the main file the line was written against: every write of
the main file gives it a new ``journal_token`` in its meta document (``seal``), and a
line counts only while the main file carries the token it names.

The protocol. A quick add holds the exclusive lock, appends its line with one write
(O_APPEND) and fsyncs it; only then is it acknowledged. A line without its newline was
cut short by a crash before it was acknowledged: readers skip it, and the next append
cuts it off first. Readers (``Store``) apply the lines in order to the main file's
tables as they read it, under the shared lock: each document replaces the one with its
id or is added, the history entry is appended (within the history's bound), and an
outbox note is added unless the record has one already (its first ``before`` is kept).

The next full write of the data file (any transaction that changes it, a restore, a
repair) writes the main file with the lines in and a new token: that atomic rename is
the commit, and the journal is deleted after it. A crash in between leaves lines whose
token no main file carries any more: they are already in the main file and ignored, and
the next write or ``netrack doctor --repair`` deletes them.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from netrack.domain.ids import new_id
from netrack.domain.valuetype import Value
from netrack.errors import DataFileError
from netrack.store.files import PRIVATE_FILE, read_bytes, sync_folder
from netrack.store.schema import CHANGES, META, SYNC_OUTBOX, Raw

TOKEN = "journal_token"
# A journal past this size is folded into the main file by the next quick add.
FOLD_BYTES = 64 * 1024
JOURNAL_MAX_BYTES = 16 << 20  # far past FOLD_BYTES: a bigger file is not read

Doc = dict[str, Any]


def journal_path(path: Path) -> Path:
    """The journal of the data file ``path``."""
    return path.with_name(f"{path.name}.journal")


def token_of(raw: Raw) -> str | None:
    """The token of the main file ``raw``: journal lines naming it apply to it."""
    for doc in (raw.get(META) or {}).values():
        token = doc.get(TOKEN)
        return token if isinstance(token, str) else None
    return None


def seal(raw: Raw) -> None:
    """Give the main file ``raw`` a new token, as every write of it does: the journal's
    lines (written into it by this write) no longer apply to it."""
    meta = raw.setdefault(META, {})
    doc = next(iter(meta.values()), None)
    if doc is None:
        doc = meta["1"] = {}
    doc[TOKEN] = new_id()


class Lines(Value):
    """What a journal holds, for one main file's token."""

    entries: list[Doc]  # the lines that apply, in order
    stale: int  # complete lines naming another main file
    torn: int  # bytes of a last line cut short (never acknowledged)
    damaged: list[int]  # numbers (from 1) of complete lines that cannot be read
    size: int  # bytes of the file (0: there is none)


def read_lines(path: Path, token: str | None) -> Lines:
    """The journal of the data file ``path``, sorted by whether its lines apply."""
    data = read_bytes(journal_path(path), JOURNAL_MAX_BYTES)
    if not data:
        return Lines([], 0, 0, [], 0)
    complete, _, torn = data.rpartition(b"\n")
    entries: list[Doc] = []
    stale = 0
    damaged = []
    for number, line in enumerate(complete.split(b"\n") if complete else [], start=1):
        try:
            entry = json.loads(line)
        except (ValueError, UnicodeDecodeError):
            damaged.append(number)
            continue
        if not well_formed(entry):
            damaged.append(number)
        elif token is not None and entry["main"] == token:
            entries.append(entry)
        else:
            stale += 1
    return Lines(entries, stale, len(torn), damaged, len(data))


def entries_for(path: Path, token: str | None) -> list[Doc]:
    """The journal's lines that apply to the main file with ``token``; a DataFileError
    names the journal when a committed line cannot be read."""
    if token is None:
        return []
    lines = read_lines(path, token)
    if lines.damaged:
        raise DataFileError(
            journal_path(path),
            f"line {lines.damaged[0]} is damaged; 'netrack doctor' says more, "
            "'netrack doctor --repair' sets it aside",
        )
    return lines.entries


def well_formed(entry: Any) -> bool:
    """Whether ``entry`` has the shape of a journal line (a quick add's write)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("main"), str):
        return False
    puts = entry.get("put", [])
    if not isinstance(puts, list) or not isinstance(entry.get("outbox", []), list):
        return False
    for put in puts:
        if not (isinstance(put, list) and len(put) == 2 and isinstance(put[0], str)):
            return False
        if not (isinstance(put[1], dict) and isinstance(put[1].get("id"), str)):
            return False
    return entry.get("change") is None or isinstance(entry["change"], dict)


def apply(raw: Raw, entries: list[Doc], records_only: bool = False) -> None:
    """Apply journal lines to the tables ``raw``, in order (``records_only``: the saved
    records alone, not the history and outbox)."""
    from netrack.store import history

    numbers: dict[str, dict[str, str]] = {}  # per table: record id -> document number
    last: dict[str, int] = {}  # per table: the highest document number
    changes = []
    for entry in entries:
        for table_name, doc in entry.get("put", ()):
            table = raw.setdefault(table_name, {})
            index = numbers.get(table_name)
            if index is None:
                index = numbers[table_name] = {d["id"]: k for k, d in table.items()}
                last[table_name] = max(map(int, table), default=0)
            key = index.get(doc["id"])
            if key is None:
                last[table_name] += 1
                key = index[doc["id"]] = str(last[table_name])
            table[key] = doc
        if records_only:
            continue
        if entry.get("change") is not None:
            changes.append(entry["change"])
        notes = entry.get("outbox") or []
        if notes:
            outbox = raw.setdefault(SYNC_OUTBOX, {})
            waiting = {doc.get("id") for doc in outbox.values()}
            number = max(map(int, outbox), default=0)
            for note in notes:
                if note.get("id") not in waiting:
                    number += 1
                    outbox[str(number)] = note
                    waiting.add(note.get("id"))
    if changes:  # after the file's own entries, within the history's bound
        raw[CHANGES] = history.table_of([*history.entries(raw), *changes])


def append(path: Path, entry: Doc) -> None:
    """Add ``entry`` as the journal's last line, durably; call with the exclusive lock held.

    A last line cut short by a crash is cut off first, so that it cannot run into this one.
    """
    line = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    file = journal_path(path)
    try:
        fd = os.open(file, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, PRIVATE_FILE)
    except OSError as error:
        raise DataFileError(file, f"cannot write it ({error.strerror})") from None
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            os.ftruncate(fd, _complete_length(fd, size))
        data = (line + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except OSError as error:
        raise DataFileError(file, f"cannot write it ({error.strerror})") from None
    finally:
        os.close(fd)
    if not size:
        sync_folder(file.parent)  # a new file: its name must survive a crash too


def _complete_length(fd: int, size: int) -> int:
    """Bytes up to and including the last newline of the file ``fd`` of ``size`` bytes."""
    data = os.pread(fd, size, 0)
    return data.rfind(b"\n") + 1


def cut_torn_line(path: Path) -> None:
    """Cut off a last line cut short by a crash (``netrack doctor --repair``)."""
    file = journal_path(path)
    fd = os.open(file, os.O_RDWR | os.O_CLOEXEC)
    try:
        size = os.fstat(fd).st_size
        os.ftruncate(fd, _complete_length(fd, size))
        os.fsync(fd)
    finally:
        os.close(fd)


def discard(path: Path) -> None:
    """Delete the journal once a write of the main file holds its lines (best effort:
    a journal left behind names an earlier main file, and is ignored)."""
    with contextlib.suppress(FileNotFoundError, OSError):
        os.unlink(journal_path(path))


def folded(data: bytes | None, path: Path) -> bytes | None:
    """The main file's bytes ``data`` (of ``path``) with the journal's lines that apply
    written in: the data file as readers see it (kept as the copy before a restore or a
    repair). A file that cannot be read as JSON is returned as it is."""
    from netrack.store import codec

    if not data:
        return data
    try:
        raw = codec.decode(data)
        token = token_of(raw)
    except (codec.DecodeError, AttributeError, TypeError):
        return data
    entries = read_lines(path, token).entries if token else []
    if not entries:
        return data
    try:
        apply(raw, entries)
    except (AttributeError, TypeError, ValueError):
        return data
    return codec.encode(raw)
