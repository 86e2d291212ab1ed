"""The question asked when a new name is close to an existing contact's (a typo?)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from netrack.domain.contacts import DidYouMean, close_matches, matching_contacts, name_key
from netrack.domain.models import Contact
from netrack.domain.text import clean_name
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
                plain(f"No contact is named “{typed}”; the name is close to {meant}."),
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button(plain(f"Use {meant}"), id=MEANT, variant="primary")
                yield Button(plain(f"Add {typed} as new"), id=NEW)
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#{MEANT}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id if event.button.id in (MEANT, NEW) else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass
class NameAnswers:
    """What the user said about the close names of a form."""

    meant: dict[str, str] = field(default_factory=dict)  # name_key(typed) -> contact's name
    new: bool = False  # some name is a new person: save with ``new=True``


def close_name_questions(
    refusal: DidYouMean, typed: Iterable[str], contacts: Iterable[Contact]
) -> list[DidYouMean]:
    """The question the save was refused with, then one for each other name typed that
    is not a contact but close to one (a form saved with ``new=True`` creates them all,
    so each is asked about first)."""
    everyone = list(contacts)
    questions = [refusal]
    asked = {name_key(refusal.typed)}
    for name in typed:
        if name_key(name) in asked or matching_contacts(everyone, name):
            continue
        close = close_matches(everyone, name)
        if close:
            questions.append(DidYouMean(clean_name(name), close[0]))
            asked.add(name_key(name))
    return questions


def ask_about_names(
    app: App[Any],
    refusal: DidYouMean,
    typed: Iterable[str],
    contacts: Iterable[Contact],
    answered: Callable[[NameAnswers | None], None],
) -> None:
    """Ask about each close name, one dialog after another; then call ``answered`` with
    the answers, or with None as soon as one is cancelled."""
    questions = close_name_questions(refusal, typed, contacts)
    answers = NameAnswers()

    def ask(index: int) -> None:
        if index == len(questions):
            answered(answers)
            return
        question = questions[index]

        def got(answer: str | None) -> None:
            if answer == MEANT:
                answers.meant[name_key(question.typed)] = question.suggestion.name
            elif answer == NEW:
                answers.new = True
            else:
                answered(None)
                return
            ask(index + 1)

        app.push_screen(DidYouMeanDialog(question), got)

    ask(0)
