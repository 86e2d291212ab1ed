"""The suggestions put in order, most pressing first (domain/suggestions.py finds them).

By score, then name (``text.name_order``), then id. A listing shows the first few of
thousands: those alone are sorted by name and have their reason put in words.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable

from netrack.domain.models import Contact
from netrack.domain.name_sort import sorted_then_by_name
from netrack.domain.valuetype import Value


class Suggestion(Value):
    """One person to get in touch with, what to do, and why."""

    contact: Contact
    kind: str
    reason: str  # one of suggestions.REASONS: a stable code for scripts
    why: str  # the sentence a person reads
    score: float
    followup_id: str | None = None  # the follow-up or promise it is about


# A suggestion found, before it is ranked: (score, contact, kind, reason, why, follow-up
# id), ``why`` the sentence or what puts it in words (for the few shown).
Found = tuple[float, Contact, str, str, "str | Callable[[], str]", "str | None"]


class Ranked:
    """The suggestions found, each person's most pressing one, before they are put in
    order: ``count`` of them, and ``first(n)`` the ``n`` most pressing."""

    def __init__(self, best: list[Found]) -> None:
        self._best = best
        self.count = len(best)

    def first(self, limit: int) -> list[Suggestion]:
        best = self._best
        if limit < len(best):
            # Those scoring at least the ``limit``-th highest score: the first ``limit``
            # by score, then name, then id, are among them.
            floor = heapq.nlargest(limit, [f[0] for f in best])[-1] if limit > 0 else None
            best = [] if floor is None else [f for f in best if f[0] >= floor]
        # By score, then name, then id (the sort keeps the order by id where both tie).
        by_id = sorted(best, key=lambda f: f[1].id)
        shown = sorted_then_by_name(by_id, lambda f: (-f[0],), lambda f: f[1].name)[:limit]
        return [
            Suggestion(contact, kind, reason, why if isinstance(why, str) else why(), score, owed)
            for score, contact, kind, reason, why, owed in shown
        ]
