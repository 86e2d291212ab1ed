"""What ``netrack doctor`` says of the journal of quick adds (journal.py), and its repair.

- A last line cut short (a quick add killed while appending, before it was
  acknowledged): harmless, since readers skip it; the repair cuts it off.
- Lines naming an earlier main file (a write killed after it wrote the main file, before
  it deleted the journal): they are in the main file already and ignored; the repair
  deletes them.
- A complete line that cannot be read (damage from outside netrack): the data file cannot
  be read until it is set aside; the repair keeps a copy of the journal in ``backups/``
  and keeps the lines that can be read.
"""

from __future__ import annotations

import contextlib
import json
from datetime import datetime
from pathlib import Path

from netrack.errors import DataFileError
from netrack.store import codec, journal
from netrack.store.backups import backup_folder
from netrack.store.files import ensure_folder, read_bytes, replace_privately, write_atomic
from netrack.store.record_checks import Problem


def journal_problems(path: Path) -> list[Problem]:
    """The journal's problems (none when there is no journal)."""
    lines = _lines(path)
    if lines is None:
        return []
    file = journal.journal_path(path)
    found = []
    for number in lines.damaged:
        found.append(
            Problem(
                f"line {number} of the journal {file} cannot be read",
                "set it aside (a copy of the journal is kept in backups/)",
            )
        )
    if lines.stale:
        found.append(
            Problem(
                f"the journal {file} holds {lines.stale} quick add(s) already written into "
                "the data file (left by a write that was interrupted); netrack ignores them",
                "delete them",
            )
        )
    if lines.torn:
        found.append(
            Problem(
                f"the journal {file} ends with a quick add cut short by a crash (it was "
                "never acknowledged); netrack ignores it",
                "cut it off",
            )
        )
    return found


def repair_journal(path: Path, moment: datetime) -> list[Problem]:
    """Fix the journal's problems (call with the exclusive lock held); what was fixed."""
    found = journal_problems(path)
    lines = _lines(path)
    if not found or lines is None:
        return []
    file = journal.journal_path(path)
    data = read_bytes(file) or b""
    if lines.damaged:
        ensure_folder(backup_folder(path))
        write_atomic(backup_folder(path) / f"{file.name}-{moment:%Y%m%d-%H%M%S}.damaged", data)
    if not lines.entries:
        journal.discard(path)
        return found
    kept = b"".join(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        for entry in lines.entries
    )
    try:
        replace_privately(file, kept)
    except OSError as error:
        raise DataFileError(file, f"cannot write it ({error.strerror})") from None
    return found


def _lines(path: Path) -> journal.Lines | None:
    """The journal's lines sorted against the main file's token; None: nothing to say."""
    with contextlib.suppress(DataFileError):
        if not journal.journal_path(path).exists():
            return None
        data = read_bytes(path)
        token = None
        if data:
            try:
                token = journal.token_of(codec.decode(data))
            except (codec.DecodeError, AttributeError, TypeError):
                return None  # which lines apply is unknown until the data file is usable
        return journal.read_lines(path, token)
    return None
