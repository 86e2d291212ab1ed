"""Simulated computers for the sync tests.

Each computer has its own data file and its own copy of the shared folder; ``carry``
plays the file-sync tool (Syncthing, Dropbox ...) and copies one device's files from
the computer that wrote them to another, as that tool would, deletions included.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pendulum

from netrack.domain.contact_changes import ContactFields
from netrack.operations import sync as sync_ops
from netrack.operations.entries import log_action
from netrack.operations.people import update_contact
from netrack.store import Store
from netrack.sync.layout import DEVICES, read_identity
from netrack.transfer.backup import backup_document


@dataclass
class Computer:
    name: str
    store: Store
    folder: Path  # this computer's copy of the shared folder
    now: pendulum.DateTime

    @property
    def device(self) -> str:
        identity = read_identity(self.store.path)
        assert identity is not None
        return identity.device

    def init(self):
        return sync_ops.start_syncing(self.store, self.folder, self.now)

    def sync(self):
        return sync_ops.sync_now(self.store, self.now)

    def log(self, kind: str, who: str, note: str = "") -> None:
        log_action(self.store, self.now, kind, who, note)

    def edit(self, who: str, **fields: str) -> None:
        name = fields.pop("name", None)
        update_contact(self.store, self.now, who, ContactFields(name, fields))

    def contact(self, name: str):
        return next(c for c in self.store.load().contacts if c.name == name)

    def export(self) -> str:
        return json.dumps(backup_document(self.store.read_raw()), indent=1, ensure_ascii=False)


def computer(root: Path, name: str, now: pendulum.DateTime) -> Computer:
    base = root / name
    return Computer(name, Store(base / "data" / "netrack.json"), base / "Sync" / "netrack", now)


def device_files(folder: Path, device: str) -> dict[str, bytes]:
    where = folder / DEVICES / device
    if not where.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in where.iterdir() if p.is_file()}


def carry(source: Computer, target: Computer) -> None:
    """Copy ``source``'s own published files to ``target``'s folder (deletions too)."""
    device = source.device
    files = device_files(source.folder, device)
    there = target.folder / DEVICES / device
    there.mkdir(parents=True, exist_ok=True, mode=0o700)
    for name in os.listdir(there):
        if name not in files:
            (there / name).unlink()
    for name, data in files.items():
        if not (there / name).exists() or (there / name).read_bytes() != data:
            temp = there / f".syncthing.{name}.tmp"
            temp.write_bytes(data)
            os.chmod(temp, 0o600)
            temp.replace(there / name)


def carry_everything(computers: list[Computer]) -> None:
    for source in computers:
        for target in computers:
            if source is not target and read_identity(source.store.path) is not None:
                carry(source, target)


def settle(computers: list[Computer], rounds: int = 3) -> None:
    """Sync and carry until every computer has everything."""
    for _ in range(rounds):
        for each in computers:
            each.sync()
        carry_everything(computers)
    for each in computers:
        each.sync()


def copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, dirs_exist_ok=True)


def start_pair(cli, laptop: str, desktop: str, folder: Path) -> None:
    """Through the CLI: ``laptop`` starts syncing through ``folder``, ``desktop`` joins."""
    assert cli("--db", laptop, "sync", "init", str(folder), "--yes").code == 0
    assert cli("--db", desktop, "sync", "init", str(folder)).code == 0
