"""The change history: listing it, and taking back the newest change (or a named one)."""

from __future__ import annotations

from typing import NamedTuple

import pendulum

from netrack.domain.changes import LOG, Change, Undone, UndoPreview, undo_line
from netrack.errors import DataFileError, NetrackError, UsageError, quoted
from netrack.store import Store, Transaction, history, recovery, redoing
from netrack.store.backups import backup_folder
from netrack.store.outbox import is_syncing
from netrack.store.schema import HABITS
from netrack.store.undoing import UndoPlan, apply_undo, plan_undo


class UndoRefused(NetrackError):
    """The change cannot be undone as things stand; nothing was changed (exit 1)."""


def list_changes(store: Store, limit: int | None = None) -> list[Change]:
    """The recorded changes, newest first (at most ``limit`` of them)."""
    changes = store.changes()[::-1]
    return changes if limit is None else changes[: max(limit, 0)]


def next_undo(store: Store, change_id: str | None = None) -> UndoPreview | None:
    """What ``undo_last_change`` would do now, worked out and not written (for a question
    before undoing): the change it takes back, what it keeps, or why it would refuse.

    None: there is nothing to undo. Pass ``preview.change.id`` as ``expected`` to undo
    exactly the change the question was about.
    """
    with store.transaction(dry_run=True) as tx:
        tx.data_without_actions()  # a damaged record is refused here too
        entry = _entry_to_undo(tx, change_id)
        if entry is None:
            return None
        change = history.change_from_doc(entry)
        why = _not_undoable(change) or _restore_problem(store, tx, change)
        plan = None if why else plan_undo(tx, entry)
    if plan is not None:
        why = _conflicting(change, plan)
    kept = () if plan is None else tuple(plan.kept)
    return UndoPreview(change, change.kind == LOG, kept, why)


def undo_last_change(
    store: Store,
    now: pendulum.DateTime,
    change_id: str | None = None,
    expected: str | None = None,
) -> Undone | None:
    """Take back the newest change not yet undone (or the one ``change_id`` names).

    Each record it touched is put back as it was. When any was changed since, or the
    change is not the one ``expected`` (the id a question was asked about), nothing is
    changed and UndoRefused says why. None: there is nothing to undo.
    """
    with store.transaction() as tx:
        tx.data_without_actions()  # a damaged record is refused before anything changes
        entry = _entry_to_undo(tx, change_id)
        if entry is None:
            return None
        change = history.change_from_doc(entry)
        if expected is not None and change.id != expected:
            raise UndoRefused(
                f"the newest change is now “{change.summary}”, made meanwhile; nothing was undone"
            )
        why = _not_undoable(change) or _restore_problem(store, tx, change)
        if why:
            raise UndoRefused(why)
        if change.replaced is None:
            plan = plan_undo(tx, entry)
            why = _conflicting(change, plan)
            if why:
                raise UndoRefused(why)
            apply_undo(tx, plan, now)
            notes = _streaks_kept(tx, plan, now)
    if change.replaced is not None:  # the whole file goes back, under its own lock
        return _undo_restore(store, change, now)
    line = undo_line(change.summary, notes, tuple(plan.kept))
    return Undone(change, line, change.kind == LOG, tuple(plan.kept))


def _undo_restore(store: Store, change: Change, now: pendulum.DateTime) -> Undone:
    """Put back the file a restore replaced (the copy it kept among the backups)."""
    assert change.replaced is not None
    try:
        done = recovery.undo_restore(store.path, change.id, change.replaced, now)
    except DataFileError as error:
        raise UndoRefused(
            f"cannot undo “{change.summary}”: the copy of the file it replaced cannot be used "
            f"({error.problem}); nothing was changed"
        ) from None
    if not done:
        raise UndoRefused(f"“{change.summary}” is no longer the newest change; nothing was undone")
    store.unpublished = is_syncing(store.path)  # what it put back, for the other computers
    return Undone(change, f"undid: {change.summary} (the file is back as it was before)", False)


def _restore_problem(store: Store, tx: Transaction, change: Change) -> str | None:
    """Why a restore cannot be undone now (None: it can, or the change is no restore)."""
    if change.replaced is None:
        return None
    newest = history.undoable(tx.main_raw())
    if newest is None or newest["id"] != change.id:
        return (
            f"cannot undo “{change.summary}” before the changes made after it (undo those "
            "first); nothing was changed"
        )
    if not (backup_folder(store.path) / change.replaced).is_file():
        return (
            f"cannot undo “{change.summary}”: the copy of the file it replaced "
            f"({change.replaced}) is no longer among the backups; nothing was changed"
        )
    return None


def nothing_to_undo(store: Store) -> str:
    """Why there is nothing to undo, in a line (after ``undo`` found nothing)."""
    if store.changes():
        return "nothing to undo: every recorded change is undone already (see 'netrack history')"
    return "nothing to undo: no change is recorded yet"


def _entry_to_undo(tx: Transaction, change_id: str | None) -> dict | None:
    """The entry ``change_id`` names, or the newest one still to undo (None: none)."""
    raw = tx.main_raw()
    if change_id is None:
        return history.undoable(raw)
    entry = history.find_entry(raw, change_id)
    if entry is None:
        raise UsageError(f"no change {quoted(change_id)} in the history; see 'netrack history'")
    return entry


def _not_undoable(change: Change) -> str | None:
    if change.undoable:
        return None
    why = "was undone already" if change.undone else "came with an import; undo that"
    return f"“{change.summary}” {why}"


def _conflicting(change: Change, plan: UndoPlan) -> str | None:
    if not plan.conflicts:
        return None
    return f"cannot undo “{change.summary}”: {'; '.join(plan.conflicts)}; nothing was changed"


def _streaks_kept(tx: Transaction, plan: UndoPlan, now: pendulum.DateTime) -> list[str]:
    """``13-week streak kept`` for each habit the undo brought back with a streak."""
    habit_ids = {
        item["id"]
        for item in plan.entry["touched"]
        if item["table"] == HABITS and item["after"] is None  # removed, now back
    }
    if not habit_ids:
        return []
    from netrack.domain.analysis import Analysis

    notes = []
    for record in Analysis(tx.data, now).habit_records():
        if record.habit.id in habit_ids and record.current_streak:
            notes.append(f"{record.current_streak}-week streak kept")
    return notes


# Redo --------------------------------------------------------------------------------


class RedoRefused(NetrackError):
    """The undo cannot be taken back as things stand; nothing was changed (exit 1)."""


class Redone(NamedTuple):
    """What ``netrack redo`` did again."""

    change: Change
    line: str  # ``redid: logged give → Dana Lee``


def redo_last_undo(store: Store) -> Redone | None:
    """Take back the latest undo: the change it took back is in force again.

    Only while nothing was written since the undo (and its records are as it left
    them): otherwise nothing is changed and RedoRefused says why. None: no undo to take
    back (none was made, each was redone, or the change undone was a restore).
    """
    with store.transaction() as tx:
        tx.data_without_actions()  # a damaged record is refused before anything changes
        entry = redoing.redoable(tx.main_raw())
        if entry is None:
            return None
        change = history.change_from_doc(entry)
        plan = redoing.plan_redo(tx, entry)
        if plan.conflicts:
            raise RedoRefused(
                f"cannot redo “{change.summary}”: {'; '.join(plan.conflicts)} (redo only "
                "follows an undo with nothing written in between); nothing was changed"
            )
        redoing.apply_redo(tx, plan)
    return Redone(change, f"redid: {change.summary}")


# Why there is nothing to redo, in a line (after ``redo`` found nothing).
NOTHING_TO_REDO = "nothing to redo: redo takes back an undo, and no undo is left to take back"
