"""The sync outbox: which records changed here since they were last published.

When the data file syncs through a shared folder (``netrack sync init``, see
``netrack.sync``), every transaction that saves or deletes records also notes them in
the ``sync_outbox`` table of the same file, in the same atomic write. That costs a quick
add nothing noticeable (no extra file, no extra fsync), and a change is never
acknowledged without its note: a later ``netrack sync`` publishes every record the
outbox names and only then clears it.

Each entry names one record and keeps the record as it was before its first change
since the last publish (``before``; null for a record that did not exist), so the sync
can tell which fields changed. ``known`` is false when the earlier version could not be
looked up cheaply (an action in a year file not read): then every field is compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from netrack.store.schema import RECORD_TABLES
from netrack.store.schema import SYNC_OUTBOX as OUTBOX

__all__ = [
    "OUTBOX",
    "after_replacement",
    "entry_id",
    "is_syncing",
    "new_entry",
    "sync_state_folder",
]

DEVICE_FILE = "device.json"

Doc = dict[str, Any]


def sync_state_folder(path: Path) -> Path:
    """The folder beside the data file ``path`` that holds this computer's sync state."""
    return path.with_name(f"{path.name}-sync")


def is_syncing(path: Path) -> bool:
    """True when the data file ``path`` syncs through a folder (one stat, no parsing)."""
    return (sync_state_folder(path) / DEVICE_FILE).is_file()


def entry_id(table: str, record_id: str) -> str:
    return f"{table}/{record_id}"


def new_entry(table: str, record_id: str, before: Doc | None, known: bool) -> Doc:
    return {
        "id": entry_id(table, record_id),
        "table": table,
        "record": record_id,
        "before": before,
        "known": known,
    }


def after_replacement(
    waiting: Iterable[Doc], old: Mapping[str, Any] | None, new: Mapping[str, Any]
) -> dict[str, Doc]:
    """The outbox table once a restore replaced the records ``old`` by ``new``.

    A restore writes whole files rather than records, so it notes its changes here
    itself: what was ``waiting`` to be published still is (with the ``before`` it
    had), and every record of a table ``new`` or ``old`` holds that the replacement
    added, changed or removed is added. ``old`` None: the replaced file could not be
    read, so every record of ``new`` is noted, each field to be compared.
    """
    entries = {doc["id"]: doc for doc in waiting}
    for table in RECORD_TABLES:
        before = {d["id"]: d for d in (old or {}).get(table, {}).values() if "id" in d}
        after = {d["id"]: d for d in new.get(table, {}).values() if "id" in d}
        for record_id in [*before, *(i for i in after if i not in before)]:
            key = entry_id(table, record_id)
            if key not in entries and before.get(record_id) != after.get(record_id):
                entries[key] = new_entry(table, record_id, before.get(record_id), old is not None)
    return {str(number): doc for number, doc in enumerate(entries.values(), start=1)}
