"""Imports: merging a backup, adding people from an address book. Each is one transaction.

The file has been read and parsed before any of these runs, so a file that cannot be read
never gets as far as the lock. With ``dry_run`` the same work is done inside the lock and
nothing is written, so the report of a dry run is exactly what the import would do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pendulum

from netrack.domain.backup_merge import BackupMerge, plan_backup_merge
from netrack.domain.importing import ImportedPerson, PeopleImport, plan_people_import
from netrack.errors import quoted
from netrack.store import Store
from netrack.store.record_checks import missing_link, record_ids
from netrack.store.schema import CHANGES, HABITS, RECORD_TABLES, Raw


def import_backup(
    store: Store,
    tables: Mapping[str, Sequence[dict[str, Any]]],
    dry_run: bool = False,
    source: str = "a backup",
) -> BackupMerge:
    """Merge a backup's tables (read and checked) into the data file, by record id.

    Into a new data file the backup is restored as it is: its habits replace the default
    ones the new file would start with. The backup's change history joins this file's
    (by id); undoing the import takes it away again.
    """
    with store.transaction(dry_run) as tx:
        if tx.fresh and HABITS in tables:
            for habit in tx.data_without_actions().habits:
                tx.delete(habit)
        raw = tx.raw()
        merge = plan_backup_merge({t: raw.get(t, {}).values() for t in RECORD_TABLES}, tables)
        for table, outcome in merge.tables.items():
            if outcome.to_write:
                tx.put_raw_many(table, outcome.to_write)
        _check_links(tx.raw(), tables, merge)
        tx.journal.bring(tables.get(CHANGES, ()), fresh=tx.fresh)
        tx.describe(f"imported {source}", "import")
    return merge


class UnknownLink(Exception):
    """A record of the backup points at one that is neither in it nor in the data file."""


def _check_links(
    merged: Raw, tables: Mapping[str, Sequence[dict[str, Any]]], merge: BackupMerge
) -> None:
    """Refuse the import at the first record written that points at nothing (by the
    links doctor checks): it would come in broken, so nothing comes in."""
    ids = record_ids(merged)
    for table, outcome in merge.tables.items():
        numbers = {doc["id"]: n for n, doc in enumerate(tables.get(table, ()), start=1)}
        for doc in outcome.to_write:  # as merged: links to people known here by another id
            missing = missing_link(ids, table, doc)
            if missing is not None:
                number = numbers.get(doc["id"])
                raise UnknownLink(
                    f"record {table}/{number or quoted(doc['id'], 40)} points at {missing}, "
                    "which is in neither the file nor the data file"
                )


def import_people(
    store: Store,
    now: pendulum.DateTime,
    people: Iterable[ImportedPerson],
    dry_run: bool = False,
    source: str = "contacts",
) -> PeopleImport:
    """Add the people not yet among the contacts; fill in what known ones lack."""
    with store.transaction(dry_run) as tx:
        data = tx.data_without_actions()
        circle = data.settings.new_contact_circle
        plan = plan_people_import(data.contacts, people, now, circle=circle)
        tx.save_many(plan.contacts_to_save)
        tx.describe(f"imported {source}", "import")
    return plan
