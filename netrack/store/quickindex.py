"""What a quick add reads instead of the main file: a small index kept beside it.

``<name>.quick.json`` holds what logging one action needs of the main file: every
contact's name (with the few fields that tell two apart), the open follow-ups and plan
items, the habits, the settings and the actions of the last weeks (for "gives this week
2/3"); the main file's journal token (journal.py); and whether the next write this year
would move actions into the archive. Every write of the main file writes it anew, naming
the main file's identity (inode, size, modification time); a quick add uses it only while
the main file still has that identity, and otherwise takes the full path, which writes a
new one. It is a cache: a missing, damaged or stale index costs one slower quick add,
never a record.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from netrack.domain.contacts import close_ranking, plain_names
from netrack.domain.models import PLAN_OPEN
from netrack.domain.text import could_name_at, fold
from netrack.domain.valuetype import Value
from netrack.errors import DataFileError
from netrack.store import archive
from netrack.store.files import read_bytes, replace_privately
from netrack.store.journal import token_of
from netrack.store.schema import ACTIONS, CONTACTS, FOLLOWUPS, HABITS, PLANS, SETTINGS, Raw

INDEX_FORMAT = 5
INDEX_MAX_BYTES = 64 << 20
RECENT_DAYS = 15  # actions kept from this many days before the write: this week and last
# The fields of a contact a quick add reads (matching a name, telling two apart).
CONTACT_FIELDS = ("id", "name", "created", "archived", "company", "email")


def index_path(path: Path) -> Path:
    """The quick-add index of the data file ``path``."""
    return path.with_name(f"{path.name}.quick.json")


class Contacts(Value):
    """Every contact of the main file: folded names, and each one's fields as a JSON line.

    The lines stay one text, and only those of the contacts a quick add names are parsed.
    """

    names: list[str]  # ``domain.text.fold`` of each name
    # The index as read; from ``start`` on, the contacts' fields: UTF-8, one JSON object
    # a line (decoding all of it costs milliseconds).
    data: bytes
    start: int
    # "<position>\t<name>" a line, for each folded name with marks: that name as
    # ``domain.contacts.plain_names`` gives it, worked out when the index was written.
    marked: bytes
    # ``domain.typos.holders`` of those plain names, in hex, a space between two: a typo
    # of a name is looked for among thousands at the cost of a few.
    holding: bytes

    def matching(self, key: str) -> list[dict[str, Any]]:
        """The contacts the folded ``key`` may name (``domain.text.could_name_at``; every
        one for "")."""
        if not key:
            return self._at(range(len(self.names)))
        return self._at(could_name_at(key, self.names))

    def close_to(self, key: str) -> list[dict[str, Any]]:
        """The contacts whose folded name ``key`` may be a typo of (archived ones too:
        ``domain.contacts.close_matches`` leaves those out), judged on the names alone."""
        plain = list(self.names)
        try:
            for line in self.marked.decode("utf-8").split("\n") if self.marked else ():
                position, name = line.split("\t")
                plain[int(position)] = name
            holding = [int(number, 16) for number in self.holding.split()]
        except (ValueError, IndexError):  # a damaged index: worked out here instead
            return self._at(sorted(close_ranking(self.names, key)))
        return self._at(sorted(close_ranking(self.names, key, plain, holding)))

    def _at(self, wanted: Iterable[int]) -> list[dict[str, Any]]:
        """The contacts at these positions (ascending), each line parsed alone."""
        found = []
        data, start, line = self.data, self.start, 0
        for i in wanted:
            while line < i:
                start = data.index(b"\n", start) + 1
                line += 1
            end = data.find(b"\n", start)
            found.append(json.loads(data[start : None if end < 0 else end]))
        return found

    def with_id(self, record_id: str) -> list[dict[str, Any]]:
        data = self.data
        at = data.find(json.dumps(record_id, ensure_ascii=False).encode("utf-8"), self.start)
        if at < 0:
            return []
        start = max(data.rfind(b"\n", self.start, at) + 1, self.start)
        end = data.find(b"\n", at)
        doc = json.loads(data[start : None if end < 0 else end])
        return [doc] if doc.get("id") == record_id else []


class QuickIndex(Value):
    """The index as read: the tables a quick add needs, and what the main file is like."""

    tables: Raw  # open follow-ups and plans, habits, settings, recent actions
    contacts: Contacts
    token: str
    steady_year: int | None  # in this year a write archives nothing (None: it may)
    archive_from: int  # the first year the main file keeps after a write this year
    recent_from: date  # ``tables`` holds every action from this day on
    named: frozenset[str]  # the year files the main file names (archive.Manifest.named)


def identity(path: Path) -> list[int] | None:
    """The main file's identity now (None: it cannot be looked at)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def write(path: Path, raw: Raw, today: date) -> None:
    """Write the index of the main file ``raw`` just written to ``path`` (best effort)."""
    token = token_of(raw)
    main = identity(path)
    if token is None or main is None:
        return
    year = archive.clock_year(raw) or today.year
    first_kept = archive.archive_limit(year, year)
    before = archive.archived_before(raw)
    actions = raw.get(ACTIONS, {}).values()
    contacts = list(raw.get(CONTACTS, {}).values())
    if before is None:
        steady = all((archive.year_of(doc) or first_kept) >= first_kept for doc in actions)
    else:
        steady = before == first_kept
    recent_from = (today - timedelta(days=RECENT_DAYS)).isoformat()
    try:
        named = sorted(archive.manifest(raw, path).named())
    except DataFileError:
        return  # no index: the full path names the damage
    document = {
        "format": INDEX_FORMAT,
        "main": main,
        "token": token,
        "steady_year": year if steady else None,
        "archive_from": first_kept,
        "named": named,
        "recent_from": recent_from,
        FOLLOWUPS: [doc for doc in raw.get(FOLLOWUPS, {}).values() if doc.get("closed") is None],
        PLANS: [
            doc
            for doc in raw.get(PLANS, {}).values()
            if (doc.get("status") or PLAN_OPEN) == PLAN_OPEN
        ],
        HABITS: list(raw.get(HABITS, {}).values()),
        SETTINGS: list(raw.get(SETTINGS, {}).values()),
        ACTIONS: [doc for doc in actions if str(doc.get("at", ""))[:10] >= recent_from],
    }
    from netrack.domain.typos import holders

    folded = [fold(str(doc.get("name", ""))) for doc in contacts]
    names = "\n".join(folded)
    plain = plain_names(folded)
    marked = "\n".join(
        f"{i}\t{name}"
        for i, (name, was) in enumerate(zip(plain, folded, strict=True))
        if name != was
    )
    holding = " ".join(f"{number:x}" for number in holders(plain))
    lines = "\n".join(
        json.dumps({f: doc.get(f) for f in CONTACT_FIELDS}, ensure_ascii=False) for doc in contacts
    )
    # Five parts apart by form feeds (which neither a folded name nor a JSON line holds):
    # the contacts are kept as lines of text, read only where a name matches (see
    # ``Contacts``): parsing 5,000 small objects would cost a quick add more.
    document_text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    data = "\f".join([document_text, names, marked, holding, lines])
    with contextlib.suppress(OSError, ValueError, UnicodeEncodeError):
        replace_privately(index_path(path), data.encode("utf-8"))


def read(path: Path) -> QuickIndex | None:
    """The index of the data file ``path`` if it is whole and the main file has not
    changed since it was written; None otherwise."""
    try:
        data = read_bytes(index_path(path), INDEX_MAX_BYTES)
        if not data:
            return None
        # The parts are found, not split apart: the contacts' lines (most of the index)
        # are not copied.
        first = data.index(b"\f")
        second = data.index(b"\f", first + 1)
        third = data.index(b"\f", second + 1)
        fourth = data.index(b"\f", third + 1)
        document = json.loads(data[:first])
        if document.get("format") != INDEX_FORMAT or document["main"] != identity(path):
            return None
        start = fourth + 1
        whole = start < len(data)
        names = data[first + 1 : second].decode("utf-8").split("\n") if whole else []
        marked, holding = data[second + 1 : third], data[third + 1 : fourth]
        contacts = Contacts(names, data, start, marked, holding)
        if len(names) != (data.count(b"\n", start) + 1 if whole else 0):
            return None
        tables: Raw = {}
        for name in (FOLLOWUPS, PLANS, HABITS, SETTINGS, ACTIONS):
            tables[name] = _numbered(document[name])
        return QuickIndex(
            tables,
            contacts,
            document["token"],
            document["steady_year"],
            document["archive_from"],
            date.fromisoformat(document["recent_from"]),
            frozenset(document["named"]),
        )
    except Exception:  # any flaw in a cache means: not usable, made again by a write
        return None


def discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(index_path(path))


def _numbered(docs: Any) -> dict[str, dict[str, Any]]:
    return {str(n): doc for n, doc in enumerate(docs, start=1)}
