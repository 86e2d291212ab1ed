"""One sync run, inside one store transaction (so under the data file's lock).

In this order:

1. take in this device's own files the state does not hold yet (after a crash between
   publishing and saving the state), so that nothing is written twice under one clock;
2. publish: write every record the outbox names into the CRDT documents, the fields
   that changed here, and put those changes in this device's next file in the folder;
3. take in the other devices' new files, each device's in order, each only once the
   changes it builds on are here (else it waits for the next run);
4. fold the notes of a week written apart on two computers into one, and publish that;
5. write every record that changed, in either direction, to the data file as the CRDT
   now has it, and clear the outbox.

The state beside the data file is saved after the data file is written: a crash in
between only means the same files are taken in again next time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pycrdt import Doc, TransactionEvent, merge_updates

from netrack.store import Transaction
from netrack.store.schema import WEEK_NOTES
from netrack.sync import mapping, packets, vectors
from netrack.sync.checks import in_order, usable
from netrack.sync.compaction import fold
from netrack.sync.joining import local_differences
from netrack.sync.layout import (
    SNAPSHOT,
    UPDATE,
    FolderFile,
    Identity,
    Listing,
    device_folder,
    ensure_private_folder,
    file_name,
    list_folder,
    write_private,
)
from netrack.sync.notes import note_folds
from netrack.sync.packets import Packet, Part
from netrack.sync.replica import Replica
from netrack.sync.report import Change, Report

READ_ONE_BY_ONE = 8  # records of one group read singly; more are read all at once
Key = tuple[str, str, str]  # group, table, record id


class Run:
    """One sync run over a transaction, this device's identity and its CRDT state."""

    def __init__(self, tx: Transaction, identity: Identity, replica: Replica, now: str) -> None:
        self.tx = tx
        self.identity = identity
        self.replica = replica
        self.now = now
        self.report = Report()
        self._incoming: set[Key] = set()  # records the other devices' files touched
        # The fields those files changed in records held before, each as the first change
        # seen this run (with the old value): where the record lived here before.
        self._earlier: dict[Key, dict[str, dict[str, Any]]] = {}
        self._outgoing: set[Key] = set()  # records this computer published
        self._listing: Listing | None = None
        # Joining writes every record to the data file, so it need not note which ones
        # the other devices' files touched (which costs as much as applying them).
        self._watch = True
        self._read: dict[str, dict[str, mapping.Record]] = {}  # whole groups read this run

    # The whole run --------------------------------------------------------------------

    def sync(self) -> Report:
        own = self.identity.device
        self._take_in([own])
        if self._own_files_waiting():
            self._take_in_all()
        if self._own_files_waiting():
            # This device published changes its state cannot take back in: writing on
            # under the same CRDT client could reuse its clocks, so it writes as a new one.
            self.replica.new_client()
        self._publish(self._outbox_changes())
        self._take_in_all()
        self._one_note_per_week()
        self._write_data_file()
        self._compact_if_due()
        return self.report

    def join(self) -> Report:
        """Merge what the folder holds with every local record (joining, or a full check)."""
        self._watch = False
        self._take_in_all()
        if self._own_files_waiting():
            self.replica.new_client()
        here = local_differences(self.tx, self._shared_table, self.report)
        self._publish(self._outbox_changes() + here)
        if not self.listing().devices.get(self.identity.device):
            # Nothing of its own to publish yet: an empty file still tells the others
            # (and their 'sync status') that this computer is there.
            self._write_packet(UPDATE, self._take_seq(), [])
        self._take_in_all()
        self.replica.notes_folded = False
        self._one_note_per_week()
        self._incoming |= self._every_key()
        self._write_data_file()
        self.replica.joined = True
        return self.report

    # Taking in ------------------------------------------------------------------------

    def listing(self) -> Listing:
        if self._listing is None:
            self._listing = list_folder(self.identity.folder_path)
        return self._listing

    def _take_in_all(self) -> None:
        devices = sorted(self.listing().devices)
        while self._take_in(devices):
            pass  # one device's file may have waited for another's
        self.report.waiting = self._waiting_files()

    def _take_in(self, devices: Iterable[str]) -> bool:
        """Take in what each device has published next; True when anything was taken in."""
        progress = False
        for device in devices:
            files = self.listing().devices.get(device, [])
            included = self.replica.included.get(device, 0)
            for packet in self._next_packets(files, included):
                if packet is None:
                    break
                self._apply(packet)
                self.replica.included[device] = packet.seq
                self.report.files_taken_in += 1
                progress = True
        return progress

    def _next_packets(self, files: list[FolderFile], included: int):
        """The packets that come next after ``included``, in order, while they are ready."""
        snapshots = sorted(
            (f for f in files if f.kind == SNAPSHOT and f.seq > included),
            key=lambda f: f.seq,
            reverse=True,
        )
        for file in snapshots:
            packet = self._ready(file)
            if packet is not None:
                included = packet.seq
                yield packet
                break
        updates = {f.seq: f for f in files if f.kind == UPDATE}
        while included + 1 in updates:
            packet = self._ready(updates[included + 1])
            yield packet
            if packet is None:
                return
            included += 1

    def _ready(self, file: FolderFile) -> Packet | None:
        packet = packets.read(file.path)
        if packet is None or packet.device != file.device or packet.seq != file.seq:
            return None  # still arriving, cut short, or not what its name says
        if packet.kind != file.kind:
            return None
        for part in packet.parts:
            if not vectors.covers(self.replica.vector(part.group), part.needs):
                return None
        return packet

    def _apply(self, packet: Packet) -> None:
        for part in packet.parts:
            doc = self.replica.doc(part.group)
            self._watching(doc, part.group, part.update)
            self.replica.touched(part.group)

    def _watching(self, doc: Doc, group: str, update: bytes) -> None:
        """Apply ``update`` to ``doc``, noting every record it touches."""
        self._read.pop(group, None)
        if not self._watch:
            doc.apply_update(update)
            return
        table = mapping.table_of(group)
        keys, earlier = self._incoming, self._earlier

        def seen(events: list[Any]) -> None:
            for event in events:
                path = getattr(event, "path", None)
                if path:
                    key = (group, table, str(path[0]))
                    keys.add(key)
                    fields = earlier.setdefault(key, {})
                    for name, change in getattr(event, "keys", {}).items():
                        fields.setdefault(name, change)
                else:
                    keys.update((group, table, str(key)) for key in getattr(event, "keys", {}))

        records = mapping.records_of(doc, group)
        subscription = records.observe_deep(seen)
        try:
            doc.apply_update(update)
        finally:
            records.unobserve(subscription)

    def _own_files_waiting(self) -> bool:
        own = self.identity.device
        included = self.replica.included.get(own, 0)
        latest = max((f.seq for f in self.listing().devices.get(own, [])), default=0)
        return latest > included

    def _waiting_files(self) -> list[str]:
        waiting = []
        for device, files in self.listing().devices.items():
            included = self.replica.included.get(device, 0)
            newest = max((f.seq for f in files), default=0)
            if newest > included:
                waiting.append(f"{device}: {newest - included} file(s) after number {included}")
        return waiting

    # One note per week ----------------------------------------------------------------

    def _one_note_per_week(self) -> None:
        """Fold the notes of a week written apart into one, and publish that (see
        ``domain.week_note_fold``): every computer folds them alike, so all end alike."""
        touched = any(table == WEEK_NOTES for _, table, _ in self._incoming | self._outgoing)
        if self.replica.notes_folded and not touched:
            return
        writes, weeks = note_folds(self._shared_table(WEEK_NOTES))
        if writes:
            self._publish([Change(WEEK_NOTES, i, now, then, True) for i, now, then in writes])
        self.report.folded_weeks += weeks
        self.replica.notes_folded = True

    # Publishing -----------------------------------------------------------------------

    def _outbox_changes(self) -> list[Change]:
        """(table, id, before, now, before_known) for each record the outbox names."""
        changes: list[Change] = []
        for entry in self.tx.outbox():
            table, record_id = entry["table"], entry["record"]
            now = self.tx.find_raw(table, record_id)
            changes.append(
                Change(table, record_id, entry.get("before"), now, bool(entry.get("known")))
            )
        return changes

    def _shared_table(self, table: str) -> dict[str, dict]:
        records: dict[str, dict] = {}
        for group in self.replica.groups():
            if mapping.table_of(group) == table:
                records.update(self._whole_group(group))
        return records

    def _whole_group(self, group: str) -> dict[str, mapping.Record]:
        """Every record of a group as the CRDT has it (read once until it changes)."""
        found = self._read.get(group)
        if found is None:
            found = mapping.read_all(mapping.records_of(self.replica.doc(group), group))
            self._read[group] = found
        return found

    def _publish(self, changes: list[Change]) -> None:
        by_group: dict[str, list[tuple[str, str, dict | None, set[str] | None]]] = {}
        for table, record_id, before, now, known in changes:
            home = before if before is not None else now
            if home is None:
                continue  # made and removed again before it was published
            fields: set[str] | None = None
            if before is not None and now is not None and known:
                fields = mapping.changed_fields(before, now)
            group = mapping.group_of(table, home)
            by_group.setdefault(group, []).append((table, record_id, now, fields))
            self._outgoing.add((group, table, record_id))
        parts = []
        published = 0
        for group, writes in sorted(by_group.items()):
            written = 0
            doc = self.replica.doc(group)
            needs = self.replica.vector(group)
            updates: list[bytes] = []

            def capture(event: TransactionEvent, updates: list[bytes] = updates) -> None:
                updates.append(event.update)

            subscription = doc.observe(capture)
            try:
                records = mapping.records_of(doc, group)
                with doc.transaction():
                    for _table, record_id, now, fields in writes:
                        written += mapping.write_record(records, record_id, now, fields)
            finally:
                doc.unobserve(subscription)
            published += written
            self._read.pop(group, None)
            if written and updates:
                parts.append(Part(group, merge_updates(*updates), needs))
                self.replica.touched(group)
        if parts:
            self._write_packet(UPDATE, self._take_seq(), parts)
        self.report.published += published

    def _take_seq(self) -> int:
        own = self.listing().devices.get(self.identity.device, [])
        seq = max([self.replica.next_seq, *(f.seq + 1 for f in own)])
        self.replica.next_seq = seq + 1
        return seq

    def _write_packet(self, kind: str, seq: int, parts: list[Part]) -> Path:
        folder = device_folder(self.identity.folder_path, self.identity.device)
        ensure_private_folder(folder)
        packet = Packet(self.identity.device, seq, kind, self.identity.name, self.now, tuple(parts))
        path = folder / file_name(seq, kind)
        write_private(path, packets.encode(packet))
        self.listing().devices.setdefault(self.identity.device, []).append(
            FolderFile(self.identity.device, seq, kind, path)
        )
        if kind == UPDATE:
            self.replica.included[self.identity.device] = seq
            self.report.new_file = path.name
        return path

    # Writing the data file ------------------------------------------------------------

    def _every_key(self) -> set[Key]:
        keys: set[Key] = set()
        for group in self.replica.groups():
            table = mapping.table_of(group)
            keys.update((group, table, record_id) for record_id in self._whole_group(group))
        return keys

    def _write_data_file(self) -> None:
        """Write every touched record to the data file as the CRDT has it; clear the outbox."""
        by_group: dict[str, list[tuple[str, str]]] = {}
        for group, table, record_id in sorted(self._incoming | self._outgoing):
            by_group.setdefault(group, []).append((table, record_id))
        put: dict[str, list[dict]] = {}
        remove: dict[str, list[str]] = {}
        for group, keys in by_group.items():
            records = mapping.records_of(self.replica.doc(group), group)
            # Many records of a group are read at once through Yrs' own JSON, few one by one.
            every = self._read.get(group)
            if every is None and len(keys) > READ_ONE_BY_ONE:
                every = mapping.read_all(records, only=[record_id for _, record_id in keys])
            for table, record_id in keys:
                if every is None:
                    shared = mapping.read_record(records, record_id)
                else:
                    shared = every.get(record_id)
                local = self.tx.find_raw(table, record_id, near=shared)
                if local is None and shared is not None:
                    # Not where the new version lives: maybe where the version before the
                    # change did (a follow-up reopened elsewhere is in its year file here).
                    earlier = mapping.earlier_version(
                        shared, self._earlier.get((group, table, record_id))
                    )
                    if earlier is not None:
                        local = self.tx.find_raw(table, record_id, near=earlier)
                if shared is None:
                    if local is not None and mapping.group_of(table, local) == group:
                        remove.setdefault(table, []).append(record_id)
                        self._count(self.report.removed, group, table, record_id)
                elif shared != local:
                    put.setdefault(table, []).append(in_order(shared, local))
                    self._count(self.report.received, group, table, record_id)
        for table, docs in put.items():
            kept = usable(table, docs, self.report.refused)
            if kept:
                self.tx.put_synced(table, kept)
        for table, ids in remove.items():
            self.tx.remove_synced(table, ids)
        outbox = self.tx.outbox()
        if outbox:
            self.tx.clear_outbox(entry["id"] for entry in outbox)

    def _count(self, counts: dict[str, int], group: str, table: str, record_id: str) -> None:
        if (group, table, record_id) in self._incoming:
            counts[table] = counts.get(table, 0) + 1

    # Compaction -----------------------------------------------------------------------

    def _compact_if_due(self) -> None:
        """Fold this device's files into one snapshot once there are many."""
        own = self.identity.device
        folded = fold(self.listing().devices.get(own, []), self.replica.snapshot_seq)
        if folded is None:
            return
        last, parts, chain = folded
        self._write_packet(SNAPSHOT, last, parts)
        self.replica.snapshot_seq = last
        for file in chain:
            with contextlib.suppress(OSError):
                file.path.unlink()
        self.report.compacted = True
