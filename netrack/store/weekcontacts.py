"""The contacts of the week basis (weekbasis.py), in buckets read as they are used.

A quick add touches a contact or two; the review shows a few dozen. The basis keeps
every contact (any one may be touched next), each with their place among the contacts
and their last touch before the weeks it holds one by one, in sections of their own
(store/viewfile.py), by the CRC-32 of their ids: a read decodes and checks the few
buckets holding the contacts it needs, not megabytes of them.
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from netrack.errors import DataFileError

# The contacts are kept in this many sections (a few dozen contacts each at 5,000).
BUCKETS = 256
# What a damaged basis, or one of another build, raises as it is read.
UNFIT = (DataFileError, KeyError, TypeError, ValueError, AttributeError, EOFError, IndexError)


class Damaged(Exception):
    """A section of the basis read after its first ones is damaged: the review is worked
    out from the data."""


def late(sections: Mapping[str, Any], name: str) -> Any:
    """The section ``name``, read after the first ones."""
    try:
        return sections[name]
    except UNFIT as damaged:
        raise Damaged(str(damaged)) from damaged


class Contacts:
    """The contacts the basis keeps, by id, each bucket of them read at its first use:
    each one's place among the contacts, last touch before the weeks held one by one
    (a day number, or None) and document (marshalled)."""

    def __init__(self, sections: Mapping[str, Any]) -> None:
        self._sections = sections

    def get(self, contact_id: object) -> list[Any] | None:
        if not isinstance(contact_id, str):
            return None
        bucket = late(self._sections, _bucket(contact_id))
        if not isinstance(bucket, dict):
            raise Damaged(f"a damaged bucket of contacts: {type(bucket)}")
        return bucket.get(contact_id)

    def doc(self, contact_id: str) -> dict[str, Any]:
        found = self.get(contact_id)
        if found is None:
            raise Damaged(f"no contact {contact_id!r} kept")
        return marshal.loads(found[2])  # type: ignore[no-any-return]


def _bucket(contact_id: str) -> str:
    """The name of the section holding the contact ``contact_id``."""
    return _bucket_named(zlib.crc32(contact_id.encode("utf-8", "surrogatepass")) % BUCKETS)


def _bucket_named(number: int) -> str:
    return f"contacts {number}"


def buckets(contacts: Iterable[dict[str, Any]], last_touch: Mapping[str, date]) -> dict[str, Any]:
    """The sections of ``contacts`` (documents with ids, in their order), with their
    last touches before the weeks held one by one."""
    found: dict[str, dict[str, list[Any]]] = {
        _bucket_named(n): {} for n in range(BUCKETS)
    }  # (every one, so that one missing is damage)
    for n, doc in enumerate(contacts):
        cid = doc["id"]
        touched = last_touch.get(cid)
        found[_bucket(cid)][cid] = [
            n,
            None if touched is None else touched.toordinal(),
            marshal.dumps(doc),
        ]
    return found
