"""What the app's modal forms share: labelled rows, the button row, and saving through
the app's write path (a refusal shown in the form; a close new name asked about)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeVar

from textual import getters, on
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from netrack.domain.contacts import DidYouMean, name_key
from netrack.errors import NetrackError
from netrack.tui.text import plain
from netrack.tui.widgets.did_you_mean import NameAnswers, ask_about_names

if TYPE_CHECKING:
    from netrack.tui.app import NetrackApp

T = TypeVar("T")


def form_row(label: str, field: Widget) -> Horizontal:
    """``label`` in the form's label column with ``field`` beside it."""
    return Horizontal(Label(label, classes="field-label"), field, classes="form-row")


def form_buttons(*buttons: tuple[str, str]) -> Horizontal:
    """The row of buttons at the foot of a form, each ``(label, id)``; the first is the
    primary one (Save), the last usually Cancel."""
    return Horizontal(
        *(
            Button(label, id=button_id, variant="primary" if n == 0 else "default")
            for n, (label, button_id) in enumerate(buttons)
        ),
        classes="buttons",
    )


def renamed(typed: str, meant: Mapping[str, str]) -> str:
    """``typed``, or the contact's name picked for it in a did-you-mean question."""
    return meant.get(name_key(typed), typed)


class FormScreen(ModalScreen[T]):
    """A form saved through the app's write path.

    ``submit(new)`` asks the app to save what the form says; the form stays open until
    it is saved, and a refusal is shown in its ``#form-error`` line, so nothing typed is
    lost. A name typed that is not a contact but is close to one (a typo?) is a question,
    as in the log form: the contact meant, or a new person by the name typed. The
    answers go back into the form (``rename``) and it is saved again.
    """

    if TYPE_CHECKING:
        app = getters.app(NetrackApp)  # for the type checker (the app imports this module)

    saving = False  # a save is on its way: the form waits for it

    def submit(self, new: bool = False) -> None:
        """Save what the form says; ``new``: close names are new people (asked already)."""
        raise NotImplementedError

    def typed_names(self) -> list[str]:
        """The names of people typed in the form, as typed (asked about when close)."""
        return []

    def rename(self, meant: Mapping[str, str]) -> None:
        """Put the contacts' names picked in the did-you-mean questions in the form
        (``meant``: each typed name's ``name_key`` to the name picked)."""

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(plain(message))

    def refused(self, error: NetrackError) -> None:
        """The app's answer when the save was refused: say why, or ask about a name."""
        self.saving = False
        if not isinstance(error, DidYouMean):
            self.show_error(str(error))
            return
        self.show_error("")
        contacts = self.app.snapshot.analysis.data.contacts

        def answered(answers: NameAnswers | None) -> None:
            if answers is None:
                meant = error.suggestion.name
                self.show_error(f"Not saved: {error.typed} or {meant}? Not picked")
                return
            self.rename(answers.meant)
            self.submit(new=answers.new)

        ask_about_names(self.app, error, self.typed_names(), contacts, answered)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self.saving:  # a change on its way is made all the same: say so by staying
            self.dismiss(None)
