"""Adding, editing, archiving and merging contacts."""

from __future__ import annotations

import pendulum

from netrack.domain.contact_changes import (
    ContactFields,
    MergeOutcome,
    edit_contact,
    new_contact,
    plan_merge,
)
from netrack.domain.contacts import resolve_existing
from netrack.domain.ids import new_id
from netrack.domain.models import Contact, Record
from netrack.store import Store


def add_contact(store: Store, now: pendulum.DateTime, fields: ContactFields) -> Contact:
    """A new contact; its name must be free."""
    with store.transaction() as tx:
        contact = new_contact(tx.data_without_actions(), fields, now, new_id())
        tx.save(contact)
        tx.describe(f"added contact {contact.name}", "contact")
    return contact


def update_contact(
    store: Store, now: pendulum.DateTime, who: str, fields: ContactFields
) -> tuple[Contact, Contact]:
    """Change a contact (named as the user typed it); returns (before, after)."""
    with store.transaction() as tx:
        data = tx.data_without_actions()
        contact = _named(data.contacts, who)
        edited = edit_contact(data, contact, fields, now)
        if edited != contact:
            tx.save(edited)
            tx.describe(f"edited contact {edited.name}", "contact")
    return contact, edited


def set_archived(store: Store, now: pendulum.DateTime, who: str, archived: bool) -> Contact:
    """Archive a contact (hidden from lists and reminders) or bring it back."""
    with store.transaction() as tx:
        contact = _named(tx.data_without_actions().contacts, who)
        if contact.archived != archived:
            contact = contact._replace(archived=archived, updated=now)
            tx.save(contact)
            verb = "archived" if archived else "unarchived"
            tx.describe(f"{verb} contact {contact.name}", "contact")
    return contact


def merge_contacts(store: Store, now: pendulum.DateTime, source: str, target: str) -> MergeOutcome:
    """Move everything of ``source`` to ``target``, then remove ``source``."""
    with store.transaction() as tx:
        data = tx.data
        merge = plan_merge(data, _named(data.contacts, source), _named(data.contacts, target), now)
        moved: list[Record] = [*merge.actions, *merge.followups, *merge.plans]
        tx.save_many([*moved, *merge.introductions, *merge.events, merge.target])
        tx.delete(merge.removed)
        tx.describe(f"merged contact {merge.removed.name} into {merge.target.name}", "merge")
    return merge


def _named(contacts: tuple[Contact, ...], who: str) -> Contact:
    """A contact by id (as the app passes it) or by the name the user typed."""
    for contact in contacts:
        if contact.id == who:
            return contact
    return resolve_existing(contacts, who)
