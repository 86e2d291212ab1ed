"""History: the recent changes, newest first, any of which can be taken back (asked first)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from netrack.domain.changes import Change, touched_phrase
from netrack.operations.history import list_changes
from netrack.summaries import short_moment
from netrack.tui.text import cell, plain
from netrack.tui.widgets.tables import refill, room_beside, selected_key
from netrack.tui.writes import change

if TYPE_CHECKING:
    from netrack.tui.app import NetrackApp

SHOWN = 200  # the history keeps about this many changes
HEADINGS = ("when", "change", "", "touched")
CHANGE_LEAST = 24  # columns for what a change did before what it touched gets the rest


def _state(changed: Change) -> str:
    if changed.undone:
        return "undone"
    return "imported" if changed.imported else ""


class HistoryScreen(ModalScreen[None]):
    """The change history as ``netrack history`` lists it; u undoes the selected change."""

    if TYPE_CHECKING:
        app = getters.app(NetrackApp)  # for the type checker (the app imports this module)

    BINDINGS = [
        Binding("u", "undo", "Undo selected", tooltip="Undo the selected change (asks first)"),
        Binding("escape,q", "close", "Close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.changes: dict[str, Change] = {}
        self._drawn_for = -1  # the table's width the last rows were fitted to

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="history"):
            yield Static("History: every change, newest first", classes="dialog-title")
            yield Static("reading…", id="history-hint", classes="hint")
            yield DataTable(id="changes", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#changes", DataTable)
        for label in HEADINGS:
            table.add_column(label, key=label or "state")
        table.focus()
        self.load()

    def load(self) -> None:
        """Read the history (behind the changes queued before, off the UI thread)."""
        self.app.write(change(list_changes, SHOWN), self._show, title="History", reads_only=True)

    def _show(self, changes: list[Change]) -> None:
        if not self.is_attached:
            return  # closed before the history was read
        self.changes = {c.id: c for c in changes}
        table = self.query_one("#changes", DataTable)
        rows: list[tuple[str | None, list[Text]]] = [
            (
                c.id,
                [
                    cell(short_moment(c.at)),
                    cell(c.summary, "dim" if c.undone else ""),
                    cell(_state(c), "yellow"),
                    cell(touched_phrase(c), "dim"),
                ],
            )
            for c in changes
        ]
        # The change and what it touched share the room left, cut rather than scrolled out
        # of the dialog: what it touched as wide as it needs while the change keeps
        # CHANGE_LEAST ("1 contact …" said nothing of the action beside it).
        self._drawn_for = width = table.size.width or self.app.size.width - 4
        fixed = [(HEADINGS[n], [cells[n] for _, cells in rows]) for n in (0, 2)]
        shared = room_beside(width, fixed) - 2  # the fourth column's padding
        touched = max([len(HEADINGS[3]), *(cells[3].cell_len for _, cells in rows)])
        touched = max(len(HEADINGS[3]), min(touched, shared - CHANGE_LEAST))
        refill(table, rows, widest={"change": shared - touched, "touched": touched})
        # An empty table would show its header under the hint alone.
        self.query_one("#changes", DataTable).display = bool(changes)
        hint = (
            "u undoes the selected change (it asks first) · escape closes"
            if changes
            else "No changes recorded yet: each change you make from now on is listed here."
        )
        self.query_one("#history-hint", Static).update(plain(hint))

    def on_resize(self) -> None:
        if self.changes:
            self.call_after_refresh(self._fit)  # once the dialog is laid out again

    def _fit(self) -> None:
        if self.query_one("#changes", DataTable).size.width != self._drawn_for:
            self._show(list(self.changes.values()))

    def action_undo(self) -> None:
        picked = selected_key(self.query_one("#changes", DataTable))
        if picked in self.changes:
            self.app.undoing.undo_one(picked, after=self.load)

    def action_close(self) -> None:
        self.dismiss(None)
