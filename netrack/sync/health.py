"""What ``netrack doctor`` checks about syncing, each finding with what to do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from netrack.errors import NetrackError
from netrack.store import Store
from netrack.store.schema import RECORD_TABLES, SYNC_OUTBOX
from netrack.sync.status import SyncStatus, read_status

QUIET_DEVICE_DAYS = 30


@dataclass(frozen=True)
class Finding:
    text: str
    advice: str


def check_sync(store: Store, now: datetime) -> tuple[SyncStatus, list[Finding]] | None:
    """The sync state's problems (None: the data file does not sync)."""
    status = read_status(store.path)
    if status is None:
        return None
    findings: list[Finding] = []
    if not status.reachable:
        findings.append(
            Finding(
                f"the sync folder cannot be reached: {status.problem}",
                "connect or mount it again (changes wait here meanwhile), "
                "or 'netrack sync leave' to stop syncing",
            )
        )
        return status, findings
    if status.last_error:
        findings.append(
            Finding(f"the last sync failed: {status.last_error}", "run 'netrack sync' to retry")
        )
    if status.unknown_files:
        shown = ", ".join(status.unknown_files[:5])
        findings.append(
            Finding(
                f"{len(status.unknown_files)} file(s) in the sync folder are not "
                f"netrack's: {shown}",
                "netrack never reads them (a sync tool's conflict copies, say); "
                "remove them if you do not need them",
            )
        )
    for device in status.devices:
        if device.this_computer:
            continue
        # Files that arrived after the last sync simply wait for the next one; files
        # that were there when it ran and still are not taken in are stuck.
        if device.waiting and _before(device.last_published, status.last_sync):
            findings.append(
                Finding(
                    f"{device.waiting} file(s) from {device.name} ({device.device}) are not "
                    "taken in yet",
                    "run 'netrack sync'; if they stay, they are still arriving or need "
                    "another computer's files first: let your sync tool finish",
                )
            )
        if device.left is None and _older_than(device.last_published, now, QUIET_DEVICE_DAYS):
            findings.append(
                Finding(
                    f"{device.name} ({device.device}) has not published since "
                    f"{(device.last_published or '?')[:10]}",
                    "if that computer is no longer used, nothing to do (what it published "
                    "stays in the folder); else run 'netrack sync' there",
                )
            )
    differing = _differing_records(store)
    if differing:
        findings.append(
            Finding(
                f"{differing} record(s) in the data file differ from this computer's "
                "merged copy of the folder",
                "run 'netrack sync --rebuild': it merges both (nothing is lost) and "
                "publishes this file's side",
            )
        )
    return status, findings


def _before(first: str | None, second: str | None) -> bool:
    if not first or not second:
        return False
    try:
        return datetime.fromisoformat(first) < datetime.fromisoformat(second)
    except (ValueError, TypeError):
        return False


def _older_than(stamp: str | None, now: datetime, days: int) -> bool:
    if not stamp:
        return False
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return False
    if when.tzinfo is None or now.tzinfo is None:
        return False
    return now - when > timedelta(days=days)


def _differing_records(store: Store) -> int:
    """Records whose data-file copy is not the merged one (changes waiting excluded)."""
    from netrack.sync import mapping
    from netrack.sync.replica import Replica

    try:
        replica = Replica.load(store.path)
        raw = store.read_raw()
    except NetrackError:
        return 0  # reported elsewhere (the state or the data file cannot be read)
    if not replica.joined:
        return 0
    waiting = {(e["table"], e["record"]) for e in raw.get(SYNC_OUTBOX, {}).values()}
    shared: dict[tuple[str, str], dict] = {}
    for group in replica.groups():
        table = mapping.table_of(group)
        records = mapping.read_all(mapping.records_of(replica.doc(group), group))
        for record_id, doc in records.items():
            shared[(table, record_id)] = doc
    local = {
        (table, doc["id"]): doc for table in RECORD_TABLES for doc in raw.get(table, {}).values()
    }
    keys = (set(shared) | set(local)) - waiting
    return sum(1 for key in keys if shared.get(key) != local.get(key))
