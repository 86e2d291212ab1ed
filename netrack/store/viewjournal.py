"""Quick adds applied to a read view (store/readview.py) instead of making it again.

A quick add appends a line to the journal (store/journal.py) and leaves the main file
as it was: the view made from that main file and the journal's earlier lines needs only
the new lines, applied as a read of the main file applies them.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from netrack.domain.weeks import calendar_for
from netrack.store.contact_docs import ROW_KEYS
from netrack.store.documents import settings_from_raw
from netrack.store.journal import well_formed
from netrack.store.schema import (
    ACTIONS,
    CONTACTS,
    EVENTS,
    FOLLOWUPS,
    HABITS,
    INTRODUCTIONS,
    PLANS,
    SETTINGS,
    WEEK_NOTES,
)

# The tables a view holds whole, as the main file does (no quick add saves to them).
WHOLE_TABLES = (HABITS, WEEK_NOTES, EVENTS, INTRODUCTIONS)
# The view's section of the follow-ups closed on or after its ``until`` (``closed_since``).
CLOSED = "followups:closed"


def closed_since(doc: Mapping[str, Any], day_of: Callable[[datetime], date], day: date) -> bool:
    """Whether the follow-up ``doc`` was closed on ``day`` or later. One whose time cannot
    be read counts as closed lately: converted with the others, it is named as damaged."""
    closed = doc.get("closed")
    if closed is None:
        return False
    try:
        return day_of(datetime.fromisoformat(closed)) >= day
    except (TypeError, ValueError):
        return True


def column(key: str) -> str:
    """The name of the view's section of every contact's value of ``key`` (``ROW_KEYS``)."""
    return f"contacts:{key}"


def caught_up(document: Mapping[str, Any], journal: bytes, path: Path) -> bool:
    """Bring ``document`` up to the ``journal``'s bytes: True when it already is, or when
    the journal has grown by quick adds since the view was made (their lines are applied
    to it here, as a read of the main file applies them); False when the view must be
    made again (the journal is another one, or a line asks what the view cannot do).

    A quick add saves new actions, new contacts, new or changed open follow-ups and plan
    items (store/quick.py). Its action must come after every action the view sums up;
    a follow-up that opens must come from an action the view holds one by one."""
    size, crc = document["journal"]
    if len(journal) == size and zlib.crc32(journal) == crc:
        return True
    if len(journal) < size or zlib.crc32(journal[:size]) != crc:
        return False
    tail = journal[size:]
    if not tail.endswith(b"\n"):
        return False  # a line being written, or cut short: read the whole file
    settings = settings_from_raw(
        {SETTINGS: {str(n): d for n, d in enumerate(document["settings"])}}, path
    )
    day_of = calendar_for(settings).day_of
    until = date.fromordinal(document["until"])
    older_last = document["older_last"]
    after = None if older_last is None else datetime.fromisoformat(older_last)
    tables = {t: document[t] for t in (ACTIONS, FOLLOWUPS, PLANS)}
    contact_at: dict[str, int] | None = None  # by id, made at the first contact saved
    action_ids = {doc.get("id") for doc in tables[ACTIONS]}
    for line in tail.split(b"\n")[:-1]:
        entry = json.loads(line)
        if not well_formed(entry):
            return False
        if entry["main"] != document["token"]:
            continue  # written against another main file: it does not count
        for table, doc in entry.get("put", ()):
            if table == CONTACTS:
                if contact_at is None:
                    contact_at = {cid: n for n, cid in enumerate(document[column("id")])}
                at = contact_at.get(doc["id"])
                if at is None:
                    contact_at[doc["id"]] = len(contact_at)
                for key in ROW_KEYS:
                    values = document[column(key)]
                    if at is None:
                        values.append(doc.get(key))
                    else:
                        values[at] = doc.get(key)
                continue
            if table not in tables:
                if table == SETTINGS or table in WHOLE_TABLES:
                    return False
                continue  # a table the view does not hold
            docs = tables[table]
            if table == FOLLOWUPS:  # closed lately, or no more (reopened)
                closed = document[CLOSED]
                closed[:] = [d for d in closed if d.get("id") != doc["id"]]
                if closed_since(doc, day_of, until):
                    closed.append(doc)
            if table == ACTIONS:
                moment = datetime.fromisoformat(doc["at"])
                if doc["id"] in action_ids or day_of(moment) < until or (after and moment <= after):
                    return False  # not a new action of the last weeks
                action_ids.add(doc["id"])
                docs.append(doc)
                continue
            at = next((n for n, d in enumerate(docs) if d.get("id") == doc["id"]), None)
            if table == FOLLOWUPS and at is None:
                source = doc.get("source_action_id")
                if doc.get("closed") is not None:
                    continue  # closed, and not open before: nothing the view holds
                if source is not None and source not in action_ids:
                    return False  # opened by an action the view has summed up
            if at is None:
                docs.append(doc)
            elif table == FOLLOWUPS and doc.get("closed") is not None:
                del docs[at]  # the view holds the open follow-ups alone
            else:
                docs[at] = doc
    return True
