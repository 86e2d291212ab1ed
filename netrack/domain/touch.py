"""When each contact was last in touch."""

from __future__ import annotations

from collections.abc import Iterable

from netrack.domain.models import Action


def last_touches(actions: Iterable[Action]) -> dict[str, Action]:
    """Each contact's most recent action of any kind, by contact id."""
    latest: dict[str, Action] = {}
    for action in actions:
        cid = action.contact_id
        if cid is None:
            continue
        seen = latest.get(cid)
        if seen is None or action.at > seen.at:
            latest[cid] = action
    return latest
