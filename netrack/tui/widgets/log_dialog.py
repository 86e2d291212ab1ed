"""The quick-log form in a dialog, opened from any list with the person filled in."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from netrack.domain.analysis import Analysis
from netrack.domain.models import Contact
from netrack.operations.entries import Logged
from netrack.tui.text import plain
from netrack.tui.widgets.quick_log import QuickLog, log_change

if TYPE_CHECKING:
    from netrack.tui.app import NetrackApp


class LogDialog(ModalScreen[str | None]):
    """Log one action with ``contact``, starting with ``kind``.

    Dismissed with the line that says what was logged, or None when cancelled. A log
    that is refused leaves the dialog open with the reason and the entry given back.
    """

    if TYPE_CHECKING:
        app = getters.app(NetrackApp)  # for the type checker (the app imports this module)

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, analysis: Analysis, kind: str, contact: Contact) -> None:
        super().__init__()
        self.analysis = analysis
        self.kind = kind
        self.contact = contact

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="log-dialog"):
            yield Static(plain(f"Log with {self.contact.name}"), classes="dialog-title")
            yield QuickLog(id="dialog-log")
            yield Static("Enter logs it · Escape closes", classes="hint")

    def on_mount(self) -> None:
        form = self.query_one(QuickLog)
        form.show(self.analysis)
        form.prefill(self.kind, self.contact.name, self.contact.id)

    @on(QuickLog.Submitted)
    def _log(self, event: QuickLog.Submitted) -> None:
        """Hand the entry to the app's write path; close once it is logged."""
        event.stop()
        form = self.query_one(QuickLog)

        def logged(logged: Logged) -> str:
            line = form.logged(logged)
            if self.is_attached and self.app.screen is self:
                self.dismiss(line)
            return line

        self.app.write(
            log_change(event.entry),
            done=logged,
            refused=partial(form.refused, event.entry),
            title="Logged",
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
