"""Undo in the app: ``u`` takes back the newest change, asking first unless it is the
action just logged here; the History dialog takes back any change it lists, asking first.

Both go through the app's write path, so ``u`` typed right behind a quick add finds
that add (queued before it) as the newest change, and what undo would take back is
looked up off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from netrack import clock
from netrack.domain.changes import Change, Undone, UndoPreview, touched_phrase
from netrack.domain.text import printable
from netrack.operations.entries import Logged
from netrack.operations.history import next_undo, undo_last_change
from netrack.summaries import short_moment
from netrack.tui.widgets.forms import Confirm
from netrack.tui.writes import change

if TYPE_CHECKING:
    from netrack.tui.app import NetrackApp


def undo_question(changed: Change) -> tuple[str, str]:
    """``Undo “removed habit Give first”?`` and what it touched, when."""
    detail = f"made {short_moment(changed.at)}; touched {touched_phrase(changed) or 'nothing'}"
    return f"Undo “{printable(changed.summary)}”?", detail


class UndoKeeper:
    """What the app needs to undo well: the action it logged last, and the question."""

    def __init__(self, app: NetrackApp) -> None:
        self.app = app
        self.last_logged: str | None = None  # id of the action this app logged last

    def note_result(self, result: Any) -> None:
        """Called with what each change made by the app returned."""
        if isinstance(result, Logged):
            self.last_logged = result.outcome.action.id

    def undo_newest(self) -> None:
        """``u``: look up the newest change (behind the changes queued), then undo it."""
        self.app.write(change(next_undo), self._looked_up, title="Undo", reads_only=True)

    def _looked_up(self, preview: UndoPreview | None) -> str | None:
        if preview is None:
            return "Nothing to undo."
        newest = preview.change
        touched = {item.record_id for item in newest.touched}
        if preview.just_logged and self.last_logged in touched:
            self._undo(newest.id, newest=True)  # the quick add just made: no question
            return None
        self.ask(newest, newest=True)
        return None

    def ask(
        self, changed: Change, newest: bool = False, after: Callable[[], None] | None = None
    ) -> None:
        """Ask before undoing ``changed``; undo it if the answer is yes, then ``after()``."""
        question, detail = undo_question(changed)

        def answered(yes: bool | None) -> None:
            if yes:
                self._undo(changed.id, newest, after)

        self.app.push_screen(Confirm(question, detail, "Undo"), answered)

    def _undo(self, change_id: str, newest: bool, after: Callable[[], None] | None = None) -> None:
        """Undo the change ``change_id``; ``newest``: only if it is still the newest one
        (a change made meanwhile elsewhere is not undone in its place)."""
        if newest:
            undo = change(undo_last_change, clock.now(), expected=change_id)
        else:
            undo = change(undo_last_change, clock.now(), change_id=change_id)

        def undone(outcome: Undone | None) -> str:
            if after is not None:
                after()
            return "Nothing to undo." if outcome is None else printable(outcome.line)

        self.app.write(undo, undone, title="Undo")
