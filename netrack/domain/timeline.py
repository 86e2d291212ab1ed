"""Actions in the order a person reads them."""

from __future__ import annotations

from collections.abc import Iterable

from netrack.domain.models import Action


def newest_first(actions: Iterable[Action]) -> list[Action]:
    """Actions newest first: by when they happened, then by when they were logged.

    Times are kept to the second, so two actions logged in the same second tie; the
    one written to the data file later (listed later in it) was logged later.
    """
    ranked = sorted(
        enumerate(actions), key=lambda item: (item[1].at, item[1].logged, item[0]), reverse=True
    )
    return [action for _, action in ranked]
