"""Modal forms for events: add or prepare one, and debrief it name after name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Static, TextArea

from netrack.domain.contacts import matching_contacts, name_key
from netrack.domain.events import Debrief, EventChange, EventFields
from netrack.domain.models import Contact, Event
from netrack.tui.text import plain
from netrack.tui.widgets.contact_input import ContactInput
from netrack.tui.widgets.form_screen import FormScreen, form_buttons, form_row, renamed
from netrack.tui.writes import Change

# name, label, placeholder; the long ones are TextAreas (several lines)
LINE_FIELDS = (
    ("name", "Name", "required, e.g. PyData Berlin"),
    ("on", "Day", "sat, +2w, 2026-12-05 ..."),
    ("where", "Where", "the place or the link"),
    ("goal", "Goal", "what you want to come away with"),
    ("know", "Going", "people you know who are going, comma separated; → completes"),
    ("intro", "Your intro", "your one-line introduction"),
)
TEXT_FIELDS = (
    ("to_meet", "To meet", "who you want to meet"),
    ("questions", "Questions", "questions to ask"),
    ("notes", "Notes", ""),
)


class EventForm(FormScreen[Event | None]):
    """Add an event, or change its preparation.

    ``save`` turns the fields (and whether close names in who is going are new people)
    into the change that stores them. Dismissed with the saved event, or None.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(
        self,
        save: Callable[[EventFields, bool], Change[EventChange]],
        event: Event | None = None,
        contacts: dict[str, Contact] | None = None,
    ) -> None:
        super().__init__()
        self.save = save
        self.event = event
        self.contacts = contacts or {}

    def compose(self) -> ComposeResult:
        title = f"Prepare {self.event.name}" if self.event else "New event"
        with VerticalScroll(classes="dialog", id="event-form"):
            yield Static(plain(title), classes="dialog-title")
            for name, label, placeholder in LINE_FIELDS:
                make = partial(ContactInput, several=True) if name == "know" else Input
                field = make(self._initial(name), id=f"f-{name}", placeholder=placeholder)
                yield form_row(label, field)
            for name, label, placeholder in TEXT_FIELDS:
                area = TextArea(self._initial(name), id=f"f-{name}", classes="notes")
                area.placeholder = placeholder
                yield form_row(label, area)
            yield Static("^s saves · Enter in a one-line field saves too", classes="hint")
            yield Static(id="form-error", classes="error")
            yield form_buttons(("Save", "save"), ("Cancel", "cancel"))

    def _initial(self, name: str) -> str:
        event = self.event
        if event is None:
            return ""
        if name == "on":
            return event.on.isoformat()
        if name == "know":
            return ", ".join(self.contacts[i].name for i in event.know if i in self.contacts)
        value: str = getattr(event, name)
        return value

    def on_mount(self) -> None:
        names = [c.name for c in self.contacts.values() if not c.archived]
        self.query_one("#f-know", ContactInput).set_names(names)
        first = "#f-goal" if self.event is not None else "#f-name"
        self.query_one(first, Input).focus()

    def _value(self, name: str) -> str:
        widget = self.query_one(f"#f-{name}")
        return widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]

    def fields(self) -> EventFields:
        """What the form says; when editing, only what the user changed."""
        names = [name for name, _, _ in (*LINE_FIELDS, *TEXT_FIELDS)]
        values: dict[str, Any] = {name: self._value(name) for name in names}
        if self.event is not None:
            for name in names:
                if values[name] == self._initial(name):
                    values[name] = None
        return EventFields(**values)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.submit()

    def submit(self, new: bool = False) -> None:
        if self.saving:
            return
        if not self._value("name").strip():
            self.show_error("Name: give the event a name")
            self.query_one("#f-name", Input).focus()
            return
        if not self._value("on").strip():
            self.show_error("Day: when is it? (sat, +2w, 2026-12-05)")
            self.query_one("#f-on", Input).focus()
            return
        self.saving = True
        self.show_error("")
        self.app.write(self.save(self.fields(), new), self._saved, self.refused)

    def typed_names(self) -> list[str]:
        return [part.strip() for part in self._value("know").split(",") if part.strip()]

    def rename(self, meant: Mapping[str, str]) -> None:
        field = self.query_one("#f-know", Input)
        field.value = ", ".join(renamed(name, meant) for name in self.typed_names())

    def _saved(self, change: EventChange) -> None:
        self.dismiss(change.event)


class NamesInput(ContactInput):
    """A name field that says when Backspace is pressed with nothing left to delete."""

    class TakeBack(Message):
        """Backspace on an empty field: take back the last name added."""

    def action_delete_left(self) -> None:
        if not self.value:
            self.post_message(self.TakeBack())
            return
        super().action_delete_left()


class DebriefForm(FormScreen[Debrief | None]):
    """Type the people you met, one after another; then log a meeting with each.

    Enter adds the name typed (completed from your contacts with the right arrow);
    Enter on an empty name logs them all; Backspace on an empty name takes back the
    last one added.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "log", "Log them"),
    ]

    def __init__(
        self,
        event: Event,
        contacts: list[Contact],
        met: list[str],
        save: Callable[[list[str], str, bool], Change[Debrief]],
    ) -> None:
        """``contacts``: everyone (to complete names); ``met``: those met there already."""
        super().__init__()
        self.event = event
        self.contacts = contacts
        self.met = met
        self.save = save
        self.people: list[str] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="debrief-form"):
            yield Static(plain(f"Debrief {self.event.name}"), classes="dialog-title")
            yield Static(
                "Type each person you met, then Enter. Enter on an empty name logs a "
                "meeting with everyone (follow-ups open as after any meeting); "
                "Backspace on an empty name takes the last one back.",
                classes="hint",
                markup=False,
            )
            yield form_row("Met", NamesInput(id="debrief-name", placeholder="a name; → completes"))
            yield Static(id="debrief-people", classes="debrief-people")
            yield form_row("Note", Input(id="debrief-note", placeholder=f"at {self.event.name}"))
            yield Static(id="form-error", classes="error")
            yield form_buttons(("Log meetings", "log"), ("Cancel", "cancel"))

    def on_mount(self) -> None:
        field = self.query_one("#debrief-name", ContactInput)
        field.set_names([c.name for c in self.contacts])
        field.focus()
        self._show_people()

    def _show_people(self) -> None:
        lines = [f"  {i}. {name}{self._who(name)}" for i, name in enumerate(self.people, start=1)]
        if self.met:
            lines.append(f"  met there before: {', '.join(self.met)}")
        self.query_one("#debrief-people", Static).update(
            plain("\n".join(lines) or "  nobody yet", multiline=True)
        )
        button = self.query_one("#log", Button)
        count = len(self.people)
        button.label = f"Log {count} meeting{'s' if count != 1 else ''}" if count else "Log"

    def _who(self, typed: str) -> str:
        """Whom a typed name will log a meeting with: a contact, or a new one."""
        found = matching_contacts(self.contacts, typed)
        if not found:
            return "  (new contact)"
        if len(found) > 1:
            return f"  ({len(found)} contacts match: type more of the name)"
        return "" if found[0].name == typed else f"  → {found[0].name}"

    @on(Input.Submitted, "#debrief-name")
    def _name_entered(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if not typed:
            self.action_log()
            return
        if all(name_key(typed) != name_key(p) for p in self.people):
            self.people.append(typed)
        event.input.value = ""
        self.show_error("")
        self._show_people()

    @on(NamesInput.TakeBack)
    def _take_back(self) -> None:
        if self.people:
            self.people.pop()
            self._show_people()

    @on(Input.Submitted, "#debrief-note")
    @on(Button.Pressed, "#log")
    def action_log(self) -> None:
        self.submit()

    def submit(self, new: bool = False) -> None:
        if self.saving:
            return
        pending = self.query_one("#debrief-name", ContactInput).value.strip()
        if pending and all(name_key(pending) != name_key(p) for p in self.people):
            self.people.append(pending)
            self.query_one("#debrief-name", ContactInput).value = ""
            self._show_people()
        if not self.people:
            self.show_error("Type the name of someone you met first")
            self.query_one("#debrief-name", ContactInput).focus()
            return
        self.saving = True
        self.show_error("")
        note = self.query_one("#debrief-note", Input).value
        self.app.write(self.save(list(self.people), note, new), self._saved, self.refused)

    def typed_names(self) -> list[str]:
        return list(self.people)

    def rename(self, meant: Mapping[str, str]) -> None:
        people: list[str] = []
        for name in (renamed(name, meant) for name in self.people):
            if all(name_key(name) != name_key(p) for p in people):
                people.append(name)  # two names typed may both have meant the one contact
        self.people = people
        self._show_people()

    def _saved(self, debrief: Debrief) -> None:
        self.dismiss(debrief)
