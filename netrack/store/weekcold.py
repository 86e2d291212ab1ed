"""Who is going cold on the day of a week's review, as the week basis keeps them.

The review of a long history lists thousands of people going cold (``week --json``
writes each). The week basis (weekbasis.py) keeps each of them as the review wrote
them (``touch_json``'s values), with where they sort (``keepintouch.going_cold``: the
coldest first, then by name, then in the order of the contacts), so that after a quick
add only the contacts it touched are worked out again, and merged in.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, overload

from netrack.domain.keepintouch import TouchStatus
from netrack.domain.text import name_order
from netrack.store import records

JsonRow = dict[str, Any]
# A status kept: its JSON values, and where it sorts.
Kept = tuple[JsonRow, list[Any]]


def sort_key(status: TouchStatus, position: int) -> list[Any]:
    """Where ``status`` sorts among the contacts going cold (as ``going_cold`` sorts
    them), for the contact at ``position`` among the contacts."""
    return [-status.coldness, -status.days_since, *name_order(status.contact.name), position]


def kept(
    cold: Iterable[TouchStatus],
    positions: Mapping[str, int],
    to_json: Callable[[TouchStatus], JsonRow],
) -> list[list[Any]]:
    """``cold`` (``going_cold``'s list) as the basis keeps it."""
    return [[to_json(s), sort_key(s, positions[s.contact.id])] for s in cold]


class ColdList(Sequence[TouchStatus]):
    """The contacts going cold: those kept by the basis, but for the contacts worked out
    again (``fresh``, with their positions), merged in their order.

    A kept status is made (its contact converted) only when asked for: the text of the
    review shows five; ``json_rows`` gives every one's JSON values without making them.
    """

    def __init__(
        self,
        kept: list[list[Any]],
        fresh: Iterable[TouchStatus],
        again: set[str],
        positions: Mapping[str, int],
        contacts: Mapping[str, bytes],
    ) -> None:
        entries: list[tuple[list[Any], JsonRow | None, TouchStatus | None]] = [
            (key, row, None) for row, key in kept if row["contact_id"] not in again
        ]
        entries += [(sort_key(s, positions[s.contact.id]), None, s) for s in fresh]
        entries.sort(key=lambda entry: entry[0])
        self._entries = entries
        self._contacts = contacts
        self._made: dict[int, TouchStatus] = {}

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> TouchStatus: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[TouchStatus]: ...

    def __getitem__(self, index: int | slice) -> TouchStatus | Sequence[TouchStatus]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        found = self._made.get(index)
        if found is None:  # made once: the review's text asks "is this the first one"
            _, row, status = self._entries[index]
            found = self._made[index] = status if status is not None else self._status(row)
        return found

    def __iter__(self) -> Iterator[TouchStatus]:
        return (self[i] for i in range(len(self)))

    def _status(self, row: JsonRow | None) -> TouchStatus:
        assert row is not None
        touched = row["last_touch"]
        return TouchStatus(
            records.contact_from_doc(marshal.loads(self._contacts[row["contact_id"]])),
            row["cadence"],
            None if touched is None else date.fromisoformat(touched),
            row["days_since"],
            row["status"],
        )

    def json_rows(self, to_json: Callable[[TouchStatus], JsonRow]) -> list[JsonRow]:
        """Each one's JSON values: as kept, or ``to_json`` of those worked out again."""
        return [row if row is not None else to_json(s) for _, row, s in self._entries]  # type: ignore[arg-type]
