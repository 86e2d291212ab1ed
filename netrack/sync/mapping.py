"""Records as CRDT maps, the same way for every table and every field.

Records are grouped, and each group is one CRDT document: the records of one table made
in one month (``actions/2026-11``, from the record's ``logged`` or ``created`` stamp),
or a whole table when its records carry no stamp (``settings``). A group's document
holds one map named after the table, with one inner map per record (by id), with one
entry per field. So a change to one field of a record touches only that entry:
different fields changed on two computers both survive, and the same field changed on
both ends with one value everywhere (the CRDT picks the same writer on every device).

Text is kept as it is; any other value as JSON text after a marker character (the CRDT
would turn the integer 14 into 14.0), and so is text that begins with the marker.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import orjson
from pycrdt import Doc, Map

Record = dict[str, Any]
STAMPS = ("logged", "created")
_MONTH = re.compile(r"^\d{4}-\d{2}")
_LONG_DIGITS = re.compile(r"\d{19}")


def group_of(table: str, doc: Record) -> str:
    """The group (CRDT document) a record belongs to: fixed from its creation stamp."""
    for name in STAMPS:
        stamp = doc.get(name)
        if isinstance(stamp, str) and _MONTH.match(stamp):
            return f"{table}/{stamp[:7]}"
    return table


def table_of(group: str) -> str:
    return group.split("/", 1)[0]


JSON_MARK = "\x1e"  # the record separator: never typed, never in a name or a note


def encode_value(value: Any) -> str:
    if isinstance(value, str) and not value.startswith(JSON_MARK):
        return value
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return JSON_MARK + text


# Values so common that they are looked up rather than parsed (all immutable).
_COMMON = {JSON_MARK + json.dumps(v): v for v in (None, True, False, *range(-1, 32))}


def decode_value(text: str) -> Any:
    if not text.startswith(JSON_MARK):
        return text
    try:
        return _COMMON[text]
    except KeyError:
        pass
    body = text[1:]
    if not _LONG_DIGITS.search(body):  # orjson would make a long integer a float
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError:
            pass  # what orjson refuses (a lone surrogate, say) the standard library reads
    return json.loads(body)


def records_of(doc: Doc, group: str) -> Map:
    """The map of records (by id) in a group's document."""
    return doc.get(table_of(group), type=Map)


def read_record(records: Map, record_id: str) -> Record | None:
    entry = records.get(record_id)
    if not isinstance(entry, Map):
        return None
    return {name: decode_value(text) for name, text in entry.items()}


def record_ids(records: Map) -> list[str]:
    return [str(record_id) for record_id in records.keys()]  # noqa: SIM118 (a CRDT map)


def read_all(records: Map, only: Iterable[str] | None = None) -> dict[str, Record]:
    """Every record of a group's map by id, or those of ``only`` that it holds.

    One pass through Yrs' own JSON, which is far quicker than reading the records one
    by one; only the records asked for have their values decoded.
    """
    raw = json.loads(str(records))
    wanted = raw.keys() if only is None else [key for key in only if key in raw]
    return {
        record_id: {name: decode_value(text) for name, text in raw[record_id].items()}
        for record_id in wanted
        if isinstance(raw[record_id], dict)
    }


def write_record(
    records: Map, record_id: str, doc: Record | None, fields: Iterable[str] | None = None
) -> bool:
    """Make the CRDT's record match ``doc`` (None: delete it); True when anything changed.

    ``fields``: only these fields changed (the rest may differ because of changes from
    other devices, which must stand); None compares every field.
    """
    entry = records.get(record_id)
    if doc is None:
        if entry is None:
            return False
        del records[record_id]
        return True
    if not isinstance(entry, Map):
        records[record_id] = Map({name: encode_value(value) for name, value in doc.items()})
        return True
    names = set(doc) | set(entry.keys()) if fields is None else set(fields)
    changed = False
    for name in sorted(names):
        if name in doc:
            text = encode_value(doc[name])
            if entry.get(name) != text:
                entry[name] = text
                changed = True
        elif name in entry:
            del entry[name]
            changed = True
    return changed


def earlier_version(now: Record, changes: dict[str, dict[str, Any]] | None) -> Record | None:
    """The record as it was before ``changes`` made it ``now`` (per field, a CRDT map
    event's change: its action and old value); None when no change to it was seen."""
    if not changes:
        return None
    before = dict(now)
    for name, change in changes.items():
        if change.get("action") == "add":
            before.pop(name, None)
        else:
            before[name] = decode_value(change["oldValue"])
    return before


def changed_fields(before: Record, after: Record) -> set[str]:
    return {name for name in set(before) | set(after) if before.get(name) != after.get(name)}


def joined(local: Record, shared: Record) -> set[str]:
    """The fields of ``local`` to write over ``shared`` when a computer joins a folder.

    Neither side knows which changed last, so a field filled in on only one side is kept
    wherever it is, and one filled in differently on both takes this computer's value.
    """
    return {
        name
        for name, value in local.items()
        if name not in shared or (shared[name] != value and not _blank(value))
    }


def _blank(value: Any) -> bool:
    return value is None or value is False or value == "" or value == [] or value == {}
