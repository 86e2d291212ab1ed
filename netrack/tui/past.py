"""What the screens show of the archived actions, which the app does not keep.

The snapshot has them summed up and indexed by contact (store/pastreads.py): the notes
searched on the Contacts screen come from that index; the archived actions of the
contact picked there are read from the year files off the UI thread (``None`` while
they are read), and the story is redrawn once they are in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

import pendulum
from textual.worker import get_current_worker

from netrack.domain.analysis import Analysis
from netrack.domain.contact_query import action_notes
from netrack.domain.models import Action, Contact
from netrack.domain.review import WeekReview, week_review
from netrack.domain.weeks import Week
from netrack.errors import NetrackError
from netrack.store.pastreads import PastIndex, archived_actions_of
from netrack.tui.widgets.contact_story import (
    NOT_ARCHIVED,
    TIMELINE_SHOWN,
    Archived,
    needs_archived,
    recent_actions,
)

if TYPE_CHECKING:
    from netrack.tui.screens.base import DataScreen
    from netrack.tui.state import Snapshot

KEPT = 32  # contacts whose archived actions (or weeks whose reviews) are kept once read
NEARBY = 4  # weeks on each side of an archived week whose reviews are worked out with it


class ArchivedTimelines:
    """Each contact's archived actions as the story needs them, read in a worker of
    ``owner``; ``read`` is called on the UI thread with the contact's id once they are."""

    def __init__(self, owner: DataScreen, read: Callable[[str], None]) -> None:
        self.owner = owner
        self.read = read
        self._past: PastIndex | None = None
        self._found: dict[str, Sequence[Action]] = {}
        self._asked: str | None = None

    def of(self, contact: Contact, analysis: Analysis, past: PastIndex) -> Archived:
        """What the story of ``contact`` shows of their archived actions (``past``)."""
        if past is not self._past:  # another version of the archive: read again
            self._past, self._found, self._asked = past, {}, None
        count = past.count(contact.id)
        if count == 0:
            return NOT_ARCHIVED
        found = self._found.get(contact.id)
        if found is not None:
            return Archived(count, found)
        recent = recent_actions(contact, analysis)
        if not needs_archived(recent, count):
            return Archived(count, ())
        if self._asked != contact.id:
            self._asked = contact.id
            ids = frozenset(a.id for a in recent)
            self.owner.run_worker(
                partial(self._read, past, contact.id, ids),
                thread=True,
                exclusive=True,
                group="archived-timeline",
            )
        return Archived(count, None)

    def _read(self, past: PastIndex, contact_id: str, recent_ids: frozenset[str]) -> None:
        try:
            found = archived_actions_of(past, contact_id, TIMELINE_SHOWN, recent_ids)
        except NetrackError as error:  # a year file gone with a write: the app re-reads
            self.owner.app.call_from_thread(self.owner.app.say, str(error), "Archive", "warning")
            return
        if not get_current_worker().is_cancelled:
            self.owner.app.call_from_thread(self._done, past, contact_id, found)

    def _done(self, past: PastIndex, contact_id: str, found: list[Action]) -> None:
        if past is not self._past:
            return
        if self._asked == contact_id:
            self._asked = None
        if len(self._found) >= KEPT:
            self._found.pop(next(iter(self._found)))
        self._found[contact_id] = tuple(found)
        self.read(contact_id)


def notes_with_past(snapshot: Snapshot) -> Mapping[str, str]:
    """Every contact's action notes folded for searching (``action_notes``): the
    archived ones from the index of the past, then the main file's."""
    notes = dict(snapshot.past.notes)
    for cid, text in action_notes(snapshot.data.actions).items():
        notes[cid] = f"{notes[cid]} {text}" if cid in notes else text
    return notes


def actions_with_past(snapshot: Snapshot, contact_id: str) -> int:
    """How many actions name the contact, archived ones too."""
    recent = sum(1 for a in snapshot.data.actions if a.contact_id == contact_id)
    return recent + snapshot.past.count(contact_id)


class OldReviews:
    """The review of a week before the main file's actions, worked out off the UI thread
    from the whole history, read for it alone: the review is kept, not the history.
    ``read`` is called on the UI thread once a review asked for is in."""

    def __init__(self, owner: DataScreen, read: Callable[[], None]) -> None:
        self.owner = owner
        self.read = read
        self._found: dict[tuple[int, date], WeekReview] = {}
        self._asked: tuple[int, date] | None = None

    def of(self, snapshot: Snapshot, week: Week) -> WeekReview | None:
        """The review of ``week`` as of ``snapshot``; None while it is worked out."""
        key = (snapshot.version, week.start)
        found = self._found.get(key)
        if found is None and self._asked != key:
            self._asked = key
            self.owner.run_worker(
                partial(self._work_out, key, snapshot.analysis.now, week),
                thread=True,
                exclusive=True,
                group="old-review",
            )
        return found

    def _work_out(self, key: tuple[int, date], now: pendulum.DateTime, week: Week) -> None:
        app = self.owner.app
        try:
            analysis = Analysis(app.read_whole(), now)
            # The weeks around it too, while the history is read: the next key ([ or ])
            # most likely asks for one of them.
            reviews = {
                (key[0], near.start): week_review(analysis, near)
                for near in (week.shifted(step) for step in range(-NEARBY, NEARBY + 1))
                if near <= analysis.current_week
            }
        except NetrackError as error:
            app.call_from_thread(app.say, str(error), "Review", "error")
            return
        if not get_current_worker().is_cancelled:
            app.call_from_thread(self._done, key, reviews)

    def _done(self, key: tuple[int, date], reviews: dict[tuple[int, date], WeekReview]) -> None:
        if self._asked == key:
            self._asked = None
        if len(self._found) > KEPT:
            self._found = {}
        self._found = {k: r for k, r in self._found.items() if k[0] == key[0]} | reviews
        self.read()
