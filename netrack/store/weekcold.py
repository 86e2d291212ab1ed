"""Who is going cold on the day of a week's review, as the week basis keeps them.

The review of a long history lists thousands of people going cold (``week --json``
writes each). The week basis (weekbasis.py) keeps them in the order the review lists
them (``keepintouch.going_cold``: the coldest first, then by name, then in the order of
the contacts), so that after a quick add only the contacts it touched are worked out
again, and put in their places. Each is kept in three parts, for a read decodes only
what it uses: their ids (to take out those worked out again), their rows of ``week
--json`` as written (not read for the review's text), and, each in marshal's bytes of
its own, where they sort and what the review's text shows of them (decoded for the few
the text shows, and the few a place is looked for among).
"""

from __future__ import annotations

import marshal
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, overload

from netrack.domain.keepintouch import TouchStatus
from netrack.domain.text import name_order
from netrack.store import records
from netrack.store.weekcontacts import Damaged

# The kept list: "ids" and "entries" (each one's sort key, cadence, last touch as an ISO
# day, days since and status, marshalled); each one's row of ``week --json`` apart.
Kept = dict[str, list[Any]]


def sort_key(status: TouchStatus, position: int) -> list[Any]:
    """Where ``status`` sorts among the contacts going cold (as ``going_cold`` sorts
    them), for the contact at ``position`` among the contacts."""
    return [-status.coldness, -status.days_since, *name_order(status.contact.name), position]


def kept(
    cold: Iterable[TouchStatus],
    positions: Mapping[str, int],
    to_text: Callable[[TouchStatus], str],
) -> tuple[list[str], list[str], list[bytes]]:
    """``cold`` (``going_cold``'s list) as the basis keeps it: their ids, rows (written
    by ``to_text``) and entries."""
    keyed = sorted(((sort_key(s, positions[s.contact.id]), s) for s in cold), key=_first)
    return (
        [s.contact.id for _, s in keyed],
        [to_text(s) for _, s in keyed],
        [
            marshal.dumps(
                [
                    key,
                    s.cadence,
                    None if s.last_touch is None else s.last_touch.isoformat(),
                    s.days_since,
                    s.status,
                ]
            )
            for key, s in keyed
        ],
    )


def _first(pair: tuple[list[Any], TouchStatus]) -> list[Any]:
    return pair[0]


class ColdList(Sequence[TouchStatus]):
    """The contacts going cold: those kept by the basis, but for the contacts worked out
    again (``again``; ``fresh`` are those of them going cold, with their ``positions``),
    each put in its place among them.

    A kept status is made (its contact's document, from ``contact_doc``, converted) only
    when asked for: the text of the review shows five; ``texts`` gives every one's row
    as written (``rows()``, read then).
    """

    def __init__(
        self,
        kept: Kept,
        fresh: Iterable[TouchStatus],
        again: set[str],
        positions: Mapping[str, int],
        contact_doc: Callable[[str], dict[str, Any]],
        rows: Callable[[], list[str]],
    ) -> None:
        self._ids, self._blobs = kept["ids"], kept["entries"]
        if len(self._ids) != len(self._blobs):
            raise ValueError("a damaged list of contacts going cold")
        self._positions = positions
        # Each one by its number among those kept, or as worked out again.
        order: list[int | TouchStatus] = [n for n, cid in enumerate(self._ids) if cid not in again]
        for status in fresh:
            order.insert(bisect_left(order, self._key(status), key=self._key), status)
        self._order = order
        self._contact_doc = contact_doc
        self._rows = rows
        self._made: dict[int, TouchStatus] = {}

    def _key(self, entry: int | TouchStatus) -> list[Any]:
        if isinstance(entry, int):
            return marshal.loads(self._blobs[entry])[0]  # type: ignore[no-any-return]
        return sort_key(entry, self._positions[entry.contact.id])

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> TouchStatus: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[TouchStatus]: ...

    def __getitem__(self, index: int | slice) -> TouchStatus | Sequence[TouchStatus]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        entry = self._order[index]
        if not isinstance(entry, int):
            return entry
        found = self._made.get(entry)
        if found is None:  # made once: the review's text asks "is this the first one"
            found = self._made[entry] = self._status(entry)
        return found

    def __iter__(self) -> Iterator[TouchStatus]:
        return (self[i] for i in range(len(self)))

    def _status(self, number: int) -> TouchStatus:
        _, cadence, touched, days, status = marshal.loads(self._blobs[number])
        return TouchStatus(
            records.contact_from_doc(self._contact_doc(self._ids[number])),
            cadence,
            None if touched is None else date.fromisoformat(touched),
            days,
            status,
        )

    def texts(self, to_text: Callable[[TouchStatus], str]) -> list[str]:
        """Each one's row as written: as kept, or by ``to_text`` for those worked out
        again."""
        rows = self._rows()
        if not isinstance(rows, list) or len(rows) != len(self._ids):
            raise Damaged("the rows going cold do not match those kept")
        return [rows[e] if isinstance(e, int) else to_text(e) for e in self._order]
