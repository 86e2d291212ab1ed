"""Copies of the data file kept beside it, in ``backups/``.

- Before the first write of each day, the file as it was is kept as
  ``backups/<name>-YYYYMMDD.json`` (``netrack.json-20261119.json``); the last seven of
  these daily copies are kept. When that write replaces the main file (every write but
  a quick add does), the copy is a hard link to the file being replaced, where the file
  system allows it: netrack never changes a main file in place, so once replaced it
  stays as it was, at no cost in time or space. The link takes the copy's name only once
  the replace is done (``settle_daily_backup``): until then it is the live file, which
  another program could edit in place. A quick add leaves the main file as it
  is (it appends to the journal), so it copies the file instead (in the kernel, without
  reading it): a link to a file still in use would change with it if another program
  wrote it in place. The journal (journal.py), written in place by quick adds, is copied
  beside the copy as ``<copy>.journal``: its lines are part of the file as readers saw
  it, and a copy read as a data file (``recovery.read_backup``, ``--db``) applies them.
  A quick add's copy waits unflushed, listed as the day's copy, in
  ``backups/.unflushed/<boot>/`` until the next write that keeps a copy (``UNFLUSHED``).
- Before a schema migration: ``backups/<name>-YYYYMMDD-before-vN.json`` (kept for good).
- Before a write moves a year's actions into the archive (once a year):
  ``backups/<name>-YYYYMMDD-HHMMSS-before-archive.json``, kept for good: the backup of
  each year file's first generation.
- Before ``netrack restore`` or ``netrack doctor --repair`` replaces the file:
  ``backups/<name>-YYYYMMDD-HHMMSS-before-restore.json`` (or ``-before-repair``), kept
  for good; and before ``netrack undo`` takes a restore back, ``-before-undo``.

Copies are named from the data file's full name, so two data files that share a stem
in one folder (``work.json``, ``work.personal``) never share copies. netrack named them
from the stem before (``netrack-20261119.json``); such copies still count as those of
the ``.json`` file of that stem.

Every copy is private (0600) and written atomically like the data file (a link is made
only to a private main file), and never overwrites another one. The year files a copy
names are kept as long as the copy (generations.py): it stands for its day's history.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from datetime import date, datetime
from pathlib import Path

from netrack.domain.patterns import LazyPattern
from netrack.domain.valuetype import Value
from netrack.errors import DataFileError
from netrack.store.filecopy import boot_id, copy_file
from netrack.store.files import (
    PRIVATE_FILE,
    ensure_folder,
    flush_to_disk,
    read_bytes,
    sync_folder,
    write_atomic,
)
from netrack.store.journal import journal_path

DAILY_KEPT = 7
BACKUP_FOLDER = "backups"

DAILY = "daily"
BEFORE_MIGRATION = "before migration"
BEFORE_RESTORE = "before restore"
BEFORE_REPAIR = "before repair"
BEFORE_ARCHIVE = "before archive"

# <stem>-YYYYMMDD[-HHMMSS][-before-...][-N].json
_NAME = LazyPattern(
    r"^(?P<day>\d{8})(?:-(?P<time>\d{6}))?"
    r"(?:-before-(?P<before>v\d+|restore|repair|archive|undo))?(?:-(?P<copy>\d+))?\.json$",
    re.ASCII,
)


class Backup(Value):
    """One copy of the data file in its backups folder."""

    path: Path
    day: date
    kind: str  # DAILY, BEFORE_(MIGRATION, RESTORE, REPAIR, ARCHIVE) or "before undo"

    @property
    def name(self) -> str:
        return self.path.name


def backup_folder(path: Path) -> Path:
    return path.parent / BACKUP_FOLDER


def daily_backup_path(path: Path, day: date) -> Path:
    return backup_folder(path) / f"{path.name}-{day:%Y%m%d}.json"


def premigration_backup_path(path: Path, day: date, from_version: int) -> Path:
    return backup_folder(path) / f"{path.name}-{day:%Y%m%d}-before-v{from_version + 1}.json"


def keep_daily_backup(path: Path, day: date, replacing: bool) -> Path | None:
    """Keep the data file as it is now, its journal included, as the copy of ``day``
    unless that day has one. Call with the exclusive lock held, before the day's first
    write changes the main file or its journal; ``replacing``: that write replaces the
    main file, and the copy may be a link to the file it replaces (then call
    ``settle_daily_backup`` once the write is done or has failed). Returns the copy
    made, or one that quick adds left unflushed and this call named, if any."""
    target = daily_backup_path(path, day)
    boot = None if replacing else boot_id()
    settled = _settle_unflushed(path, keep=boot)  # (see UNFLUSHED)
    if target.exists():
        return settled
    _settle_left_links(path)  # which may make this day's copy
    if target.exists():
        return None
    if boot is not None:  # a quick add's copy: unflushed (see UNFLUSHED)
        target = _unflushed_folder(path, boot) / target.name
        if target.exists():
            return None
    ensure_folder(target.parent)
    # The journal's copy first: a copy of the main file without it would lack quick adds.
    # (One left by a copy that was never made would apply to this one: it goes.)
    if not copy_file(journal_path(path), journal_path(target), flush=boot is None):
        try:
            journal_path(target).unlink(missing_ok=True)
        except OSError as error:
            raise DataFileError(target, f"cannot write it ({error.strerror})") from None
    if replacing and _linked(path, _waiting_link(target)):
        sync_folder(target.parent)  # the new names survive a crash
        return target  # the oldest copy goes once this one has its name
    copy_file(path, target, flush=boot is None)
    if boot is None:
        sync_folder(target.parent)
    _prune_daily(path)
    return target


def settle_daily_backup(path: Path, target: Path) -> None:
    """After the write that ``keep_daily_backup`` kept the copy ``target`` for: a link
    to the main file it made takes the copy's name if the main file was replaced (the
    linked file is then the file as it was), and goes if it was not (the write failed
    before: the link is still the live file, no copy). Never fails the write."""
    with contextlib.suppress(OSError):
        _settle(path, _waiting_link(target), target)


def _waiting_link(target: Path) -> Path:
    """Where the link that becomes the copy ``target`` waits for the main file's replace
    (a hidden name, which no one takes for a copy)."""
    return target.with_name(f".{target.name}.link")


def _settle(path: Path, link: Path, target: Path) -> None:
    try:
        linked = os.stat(link)
    except FileNotFoundError:
        return
    try:
        replaced = not os.path.samestat(linked, os.stat(path))
    except FileNotFoundError:
        replaced = True
    if replaced and not target.exists():
        os.rename(link, target)
        sync_folder(link.parent)
        _prune_daily(path)
    else:
        os.unlink(link)
        if not target.exists():  # no copy: nor its journal's
            journal_path(target).unlink(missing_ok=True)
        sync_folder(link.parent)


def _settle_left_links(path: Path) -> None:
    """Settle the links of a write stopped before it could (a crash, a kill): one whose
    main file was replaced is the copy of its day."""
    for link, target in _left_links(path):
        with contextlib.suppress(OSError):
            _settle(path, link, target)


# A quick add's daily copy waits, not flushed to the disk (that cost the day's first
# quick add some 5 ms at 100k), in ``backups/.unflushed/<boot>/``. The next write that
# keeps a copy flushes it (the kernel has mostly written it back by then) and names it.
# Until then it is listed and restored as the day's copy: a killed process leaves it
# whole (in the page cache). A crash of the machine may leave it incomplete, which its
# boot tells: one of an earlier boot is dropped, and the copies before it were kept.
UNFLUSHED = ".unflushed"


def _unflushed_folder(path: Path, boot: str) -> Path:
    return backup_folder(path) / UNFLUSHED / boot


def _settle_unflushed(path: Path, keep: str | None = None) -> Path | None:
    """Flush the copies quick adds left unflushed and name them; drop those of an earlier
    boot (not another data file's). Returns the last copy named. Call with the lock.
    Emptied folders go, but boot ``keep``'s, where a quick add's copy goes next (removing
    a folder can cost milliseconds on ext4; making one, a tenth of that)."""
    parent = backup_folder(path) / UNFLUSHED
    try:
        boots = os.listdir(parent)
    except OSError:
        return None
    named = None
    this_boot = boot_id()
    for boot in boots:
        folder = parent / boot
        with contextlib.suppress(OSError):
            for name in sorted(os.listdir(folder)):  # (a copy before its journal's copy)
                copy, target = folder / name, backup_folder(path) / name
                if parse_backup_name(path, name) is None:
                    if _stopped_halfway(path, folder, name):
                        copy.unlink(missing_ok=True)  # (no write runs: the lock is held)
                    continue
                if boot == this_boot and not target.exists():
                    named = _name_flushed(copy, target)
                else:  # perhaps incomplete (or a copy of that day was kept meanwhile)
                    journal_path(copy).unlink(missing_ok=True)
                    copy.unlink()
            if boot != keep:
                os.rmdir(folder)  # when empty
    with contextlib.suppress(OSError):
        os.rmdir(parent)  # (not when a folder stays)
    if named is not None:
        sync_folder(named.parent)
        _prune_daily(path)
    return named


def _stopped_halfway(path: Path, folder: Path, name: str) -> bool:
    """Whether ``name`` is left by a copy stopped halfway: its temporary file, or its
    journal's copy without the copy."""
    if name.startswith(f".{path.name}-") and name.endswith(".tmp"):
        return True
    copy = name.removesuffix(".journal")
    return copy != name and bool(parse_backup_name(path, copy)) and not (folder / copy).exists()


def _name_flushed(copy: Path, target: Path) -> Path:
    """Flush ``copy`` (and its journal's copy) and move it to ``target``."""
    for file in (journal_path(copy), copy):
        with contextlib.suppress(FileNotFoundError):
            flush_to_disk(file)
    # The journal's copy first: a copy of the main file without it would lack quick adds.
    if journal_path(copy).exists():
        os.replace(journal_path(copy), journal_path(target))
    else:
        journal_path(target).unlink(missing_ok=True)
    os.replace(copy, target)
    return target


def daily_copy(path: Path, day: date) -> Path | None:
    """The data file's copy of ``day``, named or still unflushed; None: it has none."""
    target = daily_backup_path(path, day)
    boot = boot_id()
    unflushed = target if boot is None else _unflushed_folder(path, boot) / target.name
    return next((copy for copy in (target, unflushed) if copy.exists()), None)


def _left_links(path: Path) -> list[tuple[Path, Path]]:
    """Each link waiting for a main file's replace, with the copy it would become."""
    start = f".{path.name}-"
    found = []
    with contextlib.suppress(OSError):
        for name in os.listdir(backup_folder(path)):
            if name.startswith(start) and name.endswith(".json.link"):
                target = backup_folder(path) / name[1 : -len(".link")]
                if parse_backup_name(path, target.name) is not None:
                    found.append((target.with_name(name), target))
    return found


def waiting_copies(path: Path) -> list[Path]:
    """The files that may yet become copies: links a stopped write left (each the file
    it replaced, or the live one). Until settled they count as copies, so that no year
    file one of them names is pruned (generations.py)."""
    return [link for link, _ in _left_links(path)]


def backup_failed(path: Path, error: DataFileError) -> DataFileError:
    """The error of a write refused because no copy of the data file ``path`` could be
    kept (no copy, no write)."""
    return DataFileError(path, f"cannot keep a backup copy at {error.path}: {error.problem}")


def _linked(path: Path, target: Path) -> bool:
    """Make ``target`` a hard link to the private file ``path``; False where that cannot
    be (another file system, one without links, a file open to others)."""
    try:
        if stat.S_IMODE(os.stat(path).st_mode) & ~PRIVATE_FILE:
            return False
        os.link(path, target)
    except OSError:
        return False
    return True


def daily_pruned_next(path: Path) -> bool:
    """Whether the next daily copy makes the oldest one go."""
    return len(daily_backups(path)) >= DAILY_KEPT


def keep_premigration_backup(path: Path, original: bytes, day: date, from_version: int) -> Path:
    """Copy the file as it was before a migration; these copies are never pruned."""
    return _keep(premigration_backup_path(path, day, from_version), original)


def keep_copy_before(path: Path, original: bytes, moment: datetime, why: str) -> Path:
    """Copy the file before ``why`` (restore, repair, archive, undo) changes it; never pruned."""
    name = f"{path.name}-{moment:%Y%m%d-%H%M%S}-before-{why}.json"
    return _keep(backup_folder(path) / name, original)


def _keep(target: Path, original: bytes) -> Path:
    """Write ``original`` to ``target``, or beside it as ``-2``, ``-3``... if it is taken."""
    ensure_folder(target.parent)
    candidate, number = target, 1
    while os.path.lexists(candidate):
        with contextlib.suppress(DataFileError):  # not a regular file: taken all the same
            if read_bytes(candidate) == original:
                return candidate
        number += 1
        candidate = target.with_name(f"{target.stem}-{number}.json")
    write_atomic(candidate, original)
    return candidate


_ANY_BACKUP = LazyPattern(r"-\d{8}(?:-\d{6})?(?:-before-[a-z0-9]+)?(?:-\d+)?\.json$", re.ASCII)


def looks_like_backup(name: str) -> bool:
    """True for a name netrack gives its copies (of any data file)."""
    return _ANY_BACKUP.search(name) is not None


def parse_backup_name(path: Path, name: str) -> Backup | None:
    """The backup of data file ``path`` called ``name``, or None if it is not one."""
    prefixes = [f"{path.name}-"]
    if path.suffix == ".json":
        prefixes.append(f"{path.stem}-")  # named from the stem by earlier versions
    prefix = next((p for p in prefixes if name.startswith(p)), None)
    if prefix is None:
        return None
    match = _NAME.match(name[len(prefix) :])
    if match is None:
        return None
    try:
        day = date(int(match["day"][:4]), int(match["day"][4:6]), int(match["day"][6:]))
    except ValueError:
        return None
    before = match["before"]
    if before is None:
        if match["time"] or match["copy"]:
            return None
        kind = DAILY
    elif before.startswith("v"):
        kind = BEFORE_MIGRATION
    else:
        kind = f"before {before}"  # BEFORE_RESTORE, _REPAIR, _ARCHIVE or "before undo"
    return Backup(backup_folder(path) / name, day, kind)


def all_backups(path: Path) -> list[Backup]:
    """Every copy of this data file, oldest first (by day, then by when it was written)."""
    folder = backup_folder(path)
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    if (boot := boot_id()) is not None:
        with contextlib.suppress(OSError):
            entries += os.scandir(_unflushed_folder(path, boot))
    found = []
    for entry in entries:
        backup = parse_backup_name(path, entry.name)
        if backup is None:
            continue
        try:
            if entry.is_file():
                backup = backup._replace(path=Path(entry.path))  # perhaps unflushed
                found.append((backup.day, entry.stat().st_mtime_ns, entry.name, backup))
        except FileNotFoundError:
            continue  # pruned meanwhile
    return [backup for *_, backup in sorted(found)]


def daily_backups(path: Path) -> list[Path]:
    """This data file's daily copies (with their names or still unflushed), oldest first."""
    return [b.path for b in all_backups(path) if b.kind == DAILY]


def _prune_daily(path: Path) -> None:
    for old in daily_backups(path)[:-DAILY_KEPT]:
        _unlink(journal_path(old))
        _unlink(old)


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
