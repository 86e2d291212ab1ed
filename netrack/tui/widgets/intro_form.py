"""The introduction form: introduce the selected person to someone, or record that they
introduced you to someone."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, RadioButton, RadioSet, Select, Static

from netrack import clock
from netrack.domain.contacts import matching_contacts
from netrack.domain.kinds import CHANNELS, DEFAULT_CHANNEL
from netrack.domain.models import Contact
from netrack.operations.introductions import (
    Introduced,
    make_introduction,
    receive_introduction,
)
from netrack.summaries import introduced_line
from netrack.tui.text import plain
from netrack.tui.widgets.contact_input import ContactInput
from netrack.tui.widgets.form_screen import FormScreen, form_buttons, form_row, renamed
from netrack.tui.writes import Change, change

# (other name, note, channel, received, new) -> the change to make
SaveIntro = Callable[[str, str, str, bool, bool], Change[Introduced]]


class IntroForm(FormScreen[Introduced | None]):
    """Introduce ``person`` to someone (a give to each), or record an introduction they
    made for you (help received; a new name becomes a contact)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    @classmethod
    def for_contact(cls, person: Contact, contacts: Iterable[Contact]) -> IntroForm:
        """The form for ``person``, saving through the app's write path and saying what
        was recorded once it is."""

        def save(
            other: str, note: str, channel: str, received: bool, new: bool
        ) -> Change[Introduced]:
            operation = receive_introduction if received else make_introduction
            return change(operation, clock.now(), person.name, other, note, None, channel, new)

        return cls(person, list(contacts), save)

    def __init__(self, person: Contact, contacts: list[Contact], save: SaveIntro) -> None:
        super().__init__()
        self.person = person
        self.others = [c for c in contacts if c.id != person.id and not c.archived]
        self.save = save

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="intro-form"):
            yield Static(plain(f"Introduction · {self.person.name}"), classes="dialog-title")
            with RadioSet(id="intro-way"):
                yield RadioButton(
                    plain(f"I introduced {self.person.name} to…"), value=True, id="made"
                )
                yield RadioButton(plain(f"{self.person.name} introduced me to…"), id="received")
            yield form_row("Who", ContactInput(id="intro-other", placeholder="a name; → completes"))
            yield Static(id="intro-hint", classes="hint")
            yield form_row("Note", Input(id="intro-note", placeholder="why they should meet"))
            channels = Select([(c, c) for c in CHANNELS], value=DEFAULT_CHANNEL, id="intro-channel")
            yield form_row("Channel", channels)
            yield Static(id="form-error", classes="error")
            yield form_buttons(("Save", "save"), ("Cancel", "cancel"))

    def on_mount(self) -> None:
        field = self.query_one("#intro-other", ContactInput)
        field.set_names([c.name for c in self.others])
        field.focus()
        self._explain()

    @property
    def received(self) -> bool:
        return self.query_one("#received", RadioButton).value

    @on(RadioSet.Changed)
    @on(Input.Changed, "#intro-other")
    def _explain(self) -> None:
        typed = self.query_one("#intro-other", ContactInput).value.strip()
        found = matching_contacts(self.others, typed) if typed else []
        if not typed:
            hint = ""
        elif len(found) > 1:
            hint = f"{len(found)} contacts match: type more of the name"
        else:
            who = found[0].name if found else f"{typed} (a new contact)"
            if self.received:
                hint = f"→ help received from {self.person.name}; you now know {who}"
            else:
                hint = f"→ a give to {self.person.name} and to {who}"
        self.query_one("#intro-hint", Static).update(plain(hint))
        note = self.query_one("#intro-note", Input)
        note.placeholder = "why you should meet" if self.received else "why they should meet"

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.submit()

    def submit(self, new: bool = False) -> None:
        if self.saving:
            return
        other = self.query_one("#intro-other", ContactInput).value
        if not other.strip():
            self.show_error("Who: name the other person")
            self.query_one("#intro-other", ContactInput).focus()
            return
        note = self.query_one("#intro-note", Input).value
        channel = self.query_one("#intro-channel", Select).value
        self.saving = True
        self.show_error("")
        asked = self.save(other, note, str(channel), self.received, new)
        self.app.write(asked, self._saved, self.refused, title="Introduction")

    def typed_names(self) -> list[str]:
        return [self.query_one("#intro-other", ContactInput).value]

    def rename(self, meant: Mapping[str, str]) -> None:
        field = self.query_one("#intro-other", ContactInput)
        field.value = renamed(field.value, meant)

    def _saved(self, introduced: Introduced) -> str:
        self.dismiss(introduced)
        line = introduced_line(introduced.outcome, introduced.progress, clock.now().date())
        return line[:1].upper() + line[1:] + "."
