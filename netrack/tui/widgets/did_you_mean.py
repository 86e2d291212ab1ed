"""The question asked when a new name is close to an existing contact's (a typo?)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from netrack.domain.contacts import DidYouMean
from netrack.tui.text import plain

MEANT, NEW = "meant", "new"


class DidYouMeanDialog(ModalScreen[str | None]):
    """``Did you mean Hannah Schmidt?``: answers MEANT (the existing contact), NEW (a new
    person by the name typed) or None (neither: back to the form)."""

    BINDINGS = [Binding("escape", "cancel", "Back to the form")]

    def __init__(self, question: DidYouMean) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        meant, typed = self.question.suggestion.name, self.question.typed
        with Vertical(classes="dialog", id="did-you-mean"):
            yield Static(plain(f"Did you mean {meant}?"), classes="dialog-title")
            yield Static(
                plain(f"“{typed}” is not a contact yet, and its name is close to {meant}."),
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button(plain(meant), id=MEANT, variant="primary")
                yield Button(plain(f"New contact {typed}"), id=NEW)
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#{MEANT}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id if event.button.id in (MEANT, NEW) else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
