"""Syncing the data file through a shared folder: start, run, look, leave.

Each run is one store transaction (see ``netrack.sync.engine``); the CRDT engine is
imported before the lock is taken, so the lock is never held while Python imports.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pendulum

from netrack.errors import NetrackError, SyncError, UsageError
from netrack.store import Store
from netrack.store.outbox import OUTBOX, sync_state_folder
from netrack.sync import layout, probe
from netrack.sync.layout import Identity

if TYPE_CHECKING:
    from netrack.sync.report import Report

NOT_SYNCING = (
    "this data file does not sync yet; 'netrack sync init FOLDER' starts syncing it "
    "through FOLDER, a folder your computers share"
)


@dataclass(frozen=True)
class Started:
    """The outcome of ``netrack sync init``."""

    folder: Path
    device: str
    others: int  # how many other devices had published there already
    created: bool  # the folder did not exist: netrack made it
    report: Report

    @property
    def joined(self) -> bool:
        """True when other computers' data was found there (else a new sync folder)."""
        return self.others > 0


def start_syncing(store: Store, folder: Path, now: pendulum.DateTime) -> Started:
    """Sync this data file through ``folder`` from now on, merging what it holds.

    A folder that does not exist is created: the CLI asks first (see cli/commands/sync.py).
    """
    from netrack.sync.engine import Run
    from netrack.sync.replica import Replica

    folder = folder.expanduser().absolute()
    current = layout.read_identity(store.path)
    if current is not None and Path(current.folder) != folder:
        raise UsageError(
            f"this data file already syncs through {current.folder}; "
            "run 'netrack sync leave' first to change folders"
        )
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    created = not folder.exists()
    layout.ensure_private_folder(folder / layout.DEVICES)
    if created:
        layout.make_private(folder)
    identity = _usable_identity(store, current) or Identity(
        device=layout.new_device_id(),
        folder=str(folder),
        name=layout.host_name(),
        data_file=_data_file(store),
        joined=now.isoformat(),
    )
    others = set(layout.list_folder(folder).devices) - {identity.device}
    marks = probe.folder_marks(folder, identity.device)
    with store.transaction() as tx:
        replica = (
            Replica.load(store.path) if current else Replica.empty(sync_state_folder(store.path))
        )
        report = Run(tx, identity, replica, now.isoformat()).join()
        tx.commit_hooks.append(lambda: layout.write_identity(store.path, identity))
        tx.commit_hooks.append(replica.save)
        tx.commit_hooks.append(lambda: probe.record(store.path, marks, now.isoformat()))
    return Started(folder, identity.device, len(others), created, report)


def sync_now(store: Store, now: pendulum.DateTime, rebuild: bool = False) -> Report:
    """Publish what changed here and take in what the other devices published.

    Returns the engine's report. ``rebuild``: forget this computer's CRDT state and build
    it again from the folder (then merge every local record, as when joining).
    """
    from netrack.sync.engine import Run
    from netrack.sync.replica import Replica

    identity = layout.read_identity(store.path)
    if identity is None:
        raise UsageError(NOT_SYNCING)
    marks = probe.folder_marks(identity.folder_path, identity.device)
    try:
        with store.transaction() as tx:
            replica = Replica.load(store.path)
            fresh = _usable_identity(store, identity)
            if fresh is None:
                # This state was copied from another computer or another data file:
                # this one goes on as a new device so two never write as one.
                identity = _new_device(store, identity, now)
                replica.as_new_device()
                tx.commit_hooks.append(lambda: layout.write_identity(store.path, identity))
            if rebuild:
                replica = Replica.empty(sync_state_folder(store.path))
            run = Run(tx, identity, replica, now.isoformat())
            report = run.sync() if replica.joined else run.join()
            tx.commit_hooks.append(replica.save)
            tx.commit_hooks.append(lambda: probe.record(store.path, marks, now.isoformat()))
    except NetrackError as error:
        probe.record(store.path, marks, now.isoformat(), error=str(error))
        raise
    return report


def is_syncing(store: Store) -> bool:
    """True when the data file syncs through a folder (one stat)."""
    from netrack.store.outbox import is_syncing as syncing

    return syncing(store.path)


def has_news(store: Store) -> bool:
    """True when another computer published since the last sync run (no engine loaded)."""
    return probe.news(store.path)


def take_in_if_new(store: Store, now: pendulum.DateTime) -> Report | None:
    """Run a sync when another device published since the last one (None otherwise)."""
    if not probe.news(store.path):
        return None
    return sync_now(store, now)


def publish_if_changed(store: Store, now: pendulum.DateTime) -> Report | None:
    """Run a sync when the data file changed since the last one (None otherwise)."""
    if not probe.changed_since_sync(store.path) and not probe.news(store.path):
        return None
    return sync_now(store, now)


@dataclass(frozen=True)
class Left:
    """The outcome of ``netrack sync leave``."""

    identity: Identity
    report: Report | None  # the last sync run, which published what waited here
    unpublished: int  # changes that could not reach the folder (it could not be reached)
    problem: str | None  # why the last sync failed, if it did


def stop_syncing(store: Store, now: pendulum.DateTime) -> Left:
    """Stop syncing this data file (the folder and the other devices keep their copies).

    What waits here is published first and the other devices are told this one left,
    when the folder can be reached; else it leaves all the same and says what stayed.
    """
    identity = layout.read_identity(store.path)
    if identity is None:
        raise UsageError("this data file does not sync")
    report: Report | None = None
    problem: str | None = None
    try:
        report = sync_now(store, now)
        identity = layout.read_identity(store.path) or identity  # a copy goes on as new
        layout.write_left_mark(identity, now.isoformat())
    except SyncError as error:  # the folder cannot be reached, say: leaving still works
        problem = error.problem
    unpublished = waiting_changes(store) if problem else 0
    state = sync_state_folder(store.path)
    with store.transaction() as tx:
        tx.clear_outbox(entry["id"] for entry in tx.outbox())
        tx.commit_hooks.append(lambda: shutil.rmtree(state, ignore_errors=True))
    if state.exists():
        raise SyncError(f"cannot remove {state}; remove it by hand")
    return Left(identity, report, unpublished, problem)


def waiting_changes(store: Store) -> int:
    """How many changed records wait in the outbox for the next publish."""
    return len(store.read_raw().get(OUTBOX, {}))


def _usable_identity(store: Store, identity: Identity | None) -> Identity | None:
    """``identity`` if it was made for this data file on this computer, else None."""
    if identity is None:
        return None
    if identity.data_file != _data_file(store) or identity.name != layout.host_name():
        return None
    return identity


def _new_device(store: Store, old: Identity, now: pendulum.DateTime) -> Identity:
    return Identity(
        device=layout.new_device_id(),
        folder=old.folder,
        name=layout.host_name(),
        data_file=_data_file(store),
        joined=now.isoformat(),
    )


def _data_file(store: Store) -> str:
    return str(store.path.absolute())
