"""Modal forms: add or edit a contact, merge two contacts."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static, TextArea

from netrack.domain.contact_changes import ContactFields
from netrack.domain.contacts import matching_contacts
from netrack.domain.fields import ContactField
from netrack.domain.humanize import plural
from netrack.domain.models import CONTACT_FIELDS, Contact, Dataset
from netrack.tui.text import plain
from netrack.tui.widgets.contact_input import ContactInput
from netrack.tui.widgets.form_screen import FormScreen, form_buttons, form_row
from netrack.tui.writes import Change


def _field_id(field: ContactField) -> str:
    """``f-company``, ``f-met``, ``f-cadence``: named like the field's option."""
    return "f-" + field.option.removeprefix("--")


class ContactForm(FormScreen[Contact | None]):
    """Add a contact, or edit one.

    ``save`` turns the fields into the change that stores them. The form is dismissed
    with the saved contact, or None when cancelled.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", show=False),
    ]

    def __init__(
        self,
        save: Callable[[ContactFields], Change[Contact]],
        contact: Contact | None = None,
        circle: str | None = None,
    ) -> None:
        """``circle``: the circle a new contact starts in (the ``new-contact-circle``)."""
        super().__init__()
        self.save = save
        self.contact = contact
        self.circle = contact.circle if contact is not None else circle

    def compose(self) -> ComposeResult:
        c = self.contact
        title = f"Edit {c.name}" if c else "New contact"
        with VerticalScroll(classes="dialog"):
            yield Static(plain(title), classes="dialog-title")
            yield form_row("Name", Input(c.name if c else "", id="f-name", placeholder="required"))
            for field in CONTACT_FIELDS:
                yield form_row(field.title, self._field(field))
            yield Static("Enter or ^s saves; in the notes, Enter starts a new line", classes="hint")
            yield Static(id="form-error", classes="error")
            yield form_buttons(("Save", "save"), ("Cancel", "cancel"))

    def _field(self, field: ContactField) -> Widget:
        """The widget that edits ``field``: a choice, several lines, or one line."""
        if field.kind.choices:
            # A new contact starts in the default circle.
            chosen = self.circle if field.name == "circle" else self._initial(field)
            return Select(
                [(choice, choice) for choice in field.kind.choices],
                value=chosen or Select.NULL,
                prompt="none",
                id=_field_id(field),
            )
        if field.kind.multiline:  # Enter starts a new line; ctrl+s saves
            return TextArea(self._initial(field), id=_field_id(field), classes="notes")
        return Input(self._initial(field), id=_field_id(field), placeholder=field.hint)

    def _initial(self, field: ContactField) -> str:
        """What the field shows first: the contact's value as text, or nothing."""
        if self.contact is None:
            return ""
        return field.kind.text(getattr(self.contact, field.name))

    def on_mount(self) -> None:
        self.query_one("#f-name", Input).focus()

    def fields(self) -> ContactFields:
        """What the form says; when editing, only the fields the user changed.

        Fields left alone stay None, so that a change made meanwhile elsewhere (say a
        note added from the shell) is not overwritten with what the form first showed.
        """
        name: str | None = self.query_one("#f-name", Input).value
        details: dict[str, str | None] = {}
        for field in CONTACT_FIELDS:
            if field.kind.choices:
                chosen = self.query_one(f"#{_field_id(field)}", Select).value
                text = "none" if chosen is Select.NULL else str(chosen)
                first = self._initial(field) or "none"
            elif field.kind.multiline:
                text = self.query_one(f"#{_field_id(field)}", TextArea).text
                first = self._initial(field)
            else:
                text = self.query_one(f"#{_field_id(field)}", Input).value
                first = self._initial(field)
            details[field.name] = None if self.contact is not None and text == first else text
        if self.contact is not None and name == self.contact.name:
            name = None
        return ContactFields(name, details)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.submit()

    def submit(self, new: bool = False) -> None:
        if self.saving:
            return
        if not self.query_one("#f-name", Input).value.strip():
            self.show_error("Name: give the person's name")
            self.query_one("#f-name", Input).focus()
            return
        self.saving = True
        self.show_error("")
        self.app.write(self.save(self.fields()), self._saved, self.refused)

    def _saved(self, contact: Contact) -> None:
        self.dismiss(contact)


class MergeForm(ModalScreen[str | None]):
    """Pick the contact to merge ``source`` into; dismissed with its id, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, source: Contact, data: Dataset, actions: int) -> None:
        """``actions``: how many actions name ``source``, archived ones too."""
        super().__init__()
        self.source = source
        self.data = data
        self.actions = actions
        self.others = [c for c in data.contacts if c.id != source.id]
        self.target: Contact | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(f"Merge {self.source.name} into…"), classes="dialog-title")
            yield Static(
                "Every action and follow-up moves to the contact you pick; details it lacks "
                "are filled in; then this contact is removed.",
                classes="hint",
                markup=False,
            )
            into = ContactInput(id="merge-into", placeholder="name of the contact to keep")
            yield form_row("Into", into)
            yield Static(id="merge-hint", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Merge", id="merge", variant="error")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        field = self.query_one("#merge-into", ContactInput)
        field.set_names([c.name for c in self.others])
        field.focus()

    @on(Input.Changed, "#merge-into")
    def _typed(self, event: Input.Changed) -> None:
        found = matching_contacts(self.others, event.value) if event.value.strip() else []
        self.target = found[0] if len(found) == 1 else None
        hint = self.query_one("#merge-hint", Static)
        if self.target is not None:
            hint.update(plain(f"→ {self.target.name} (moves {self.actions} actions)"))
        elif found:
            hint.update(plain(f"{len(found)} match; type more"))
        else:
            hint.update(plain("no such contact" if event.value.strip() else ""))

    @on(Input.Submitted)
    @on(Button.Pressed, "#merge")
    def _merge(self) -> None:
        if self.target is None:
            self.query_one("#merge-hint", Static).update("Into: pick exactly one contact")
            return
        self.dismiss(self.target.id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    """A yes-or-no question; enter or y says yes, escape or n says no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question), classes="dialog-title")
            if self.detail:
                yield Static(plain(self.detail), classes="hint")
            yield form_buttons((self.yes, "yes"), ("Cancel", "no"))

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def merge_detail(source: Contact, target: Contact, data: Dataset, actions: int) -> str:
    """What merging ``source`` into ``target`` does, in a sentence, to confirm it
    (``actions``: how many name ``source``, archived ones too)."""
    followups = sum(1 for f in data.followups if f.contact_id == source.id)
    return (
        f"{plural(actions, 'action')} and {plural(followups, 'follow-up')} move to "
        f"{target.name}, details it lacks are filled in, then {source.name} is removed. "
        "u takes it back."
    )
