"""Undo in the app: ``u`` takes back the newest change, asking first unless it is the
action just logged here; the History dialog takes back any change it lists, asking first.
``U`` takes back the latest undo (redo), while nothing was written since.

Both go through the app's write path, so ``u`` typed right behind a quick add finds
that add (queued before it) as the newest change, and what undo would take back is
looked up off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from netrack import clock
from netrack.domain.changes import Undone, UndoPreview, touched_phrase
from netrack.domain.text import printable
from netrack.summaries import short_moment
from netrack.tui.writes import change

# The history's operations, the dialog and the log form are imported when first used:
# Today's first paint needs none of them (0.02-0.03 s of imports).
if TYPE_CHECKING:
    from netrack.operations.entries import Logged  # noqa: F401
    from netrack.operations.history import Redone
    from netrack.tui.app import NetrackApp


def undo_question(preview: UndoPreview) -> tuple[str, str]:
    """``Undo “removed habit Give first”?``, and when it was made and what it changed
    (``made 5 min ago: 1 habit removed``), and what undo would keep."""
    changed = preview.change
    detail = f"made {short_moment(changed.at)}: {touched_phrase(changed) or 'nothing changed'}"
    if preview.kept:
        detail += f"; keeps {', '.join(preview.kept)}"
    return f"Undo “{printable(changed.summary)}”?", printable(detail)


class UndoKeeper:
    """What the app needs to undo well: the action it logged last, and the question."""

    def __init__(self, app: NetrackApp) -> None:
        self.app = app
        self.last_logged: str | None = None  # id of the action this app logged last

    def note_result(self, result: Any) -> None:
        """Called with what each change made by the app returned."""
        from netrack.operations.entries import Logged  # loaded by the change made

        if isinstance(result, Logged):
            self.last_logged = result.outcome.action.id

    def undo_newest(self) -> None:
        """``u``: work out what undo would take back (behind the changes queued), then
        undo it at once if it is the action just logged here, or ask first."""
        self._preview(None)

    def undo_one(self, change_id: str, after: Callable[[], None] | None = None) -> None:
        """Ask before undoing the change ``change_id``; undo it if the answer is yes."""
        self._preview(change_id, after)

    def _preview(self, change_id: str | None, after: Callable[[], None] | None = None) -> None:
        from netrack.operations.history import next_undo, nothing_to_undo

        def looked_up(preview: UndoPreview | None) -> None:
            if preview is None:
                self.app.write(change(nothing_to_undo), _sentence, title="Undo", reads_only=True)
            elif preview.refused:
                self.app.say(printable(preview.refused), title="Undo", severity="warning")
            elif change_id is None and self._just_logged(preview):
                self._undo(preview.change.id, None, after)
            else:
                self._ask(preview, change_id, after)

        self.app.write(change(next_undo, change_id), looked_up, title="Undo", reads_only=True)

    def _just_logged(self, preview: UndoPreview) -> bool:
        """The newest change is logging the action this app logged last."""
        touched = {item.record_id for item in preview.change.touched}
        return preview.just_logged and self.last_logged in touched

    def _ask(
        self, preview: UndoPreview, change_id: str | None, after: Callable[[], None] | None
    ) -> None:
        from netrack.tui.widgets.forms import Confirm

        question, detail = undo_question(preview)

        def answered(yes: bool | None) -> None:
            if yes:
                self._undo(preview.change.id, change_id, after)

        self.app.push_screen(Confirm(question, detail, "Undo"), answered)

    def _undo(
        self, asked_about: str, change_id: str | None, after: Callable[[], None] | None
    ) -> None:
        """Undo the change asked about: the one ``change_id`` names, or else the newest,
        only if it is still the one asked about (not a change made meanwhile elsewhere)."""
        from netrack.operations.history import undo_last_change

        undo = change(undo_last_change, clock.now(), change_id=change_id, expected=asked_about)

        def undone(outcome: Undone | None) -> str:
            if after is not None:
                after()
            line = "Nothing to undo." if outcome is None else printable(outcome.line)
            self._say_under_forms(line)
            return line

        self.app.write(undo, undone, title="Undo")

    def redo(self) -> None:
        """``U``: do again what the latest undo took back (no question: an undo is one
        key away); refused, with the reason shown, once something was written since."""
        from netrack.operations.history import NOTHING_TO_REDO, redo_last_undo

        def redone(outcome: Redone | None) -> str:
            line = _sentence(NOTHING_TO_REDO) if outcome is None else printable(outcome.line)
            self._say_under_forms(line)
            return line

        self.app.write(change(redo_last_undo), redone, title="Redo")

    def _say_under_forms(self, line: str) -> None:
        from netrack.tui.widgets.quick_log import QuickLog

        for form in self.app.screen.query(QuickLog):
            form.say_result(line)  # not "logged …" any more under the form


class UndoActions:
    """The app's ``u`` and ``U`` (mixed into the app, which makes ``undoing``)."""

    undoing: UndoKeeper

    def action_undo(self) -> None:
        self.undoing.undo_newest()

    def action_redo(self) -> None:
        self.undoing.redo()


def _sentence(line: str) -> str:
    return line[:1].upper() + line[1:] + "."
