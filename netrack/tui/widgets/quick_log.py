"""The quick-log form: kind, contact (with completion), note, date, channel, personal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from netrack import clock
from netrack.domain.analysis import Analysis
from netrack.domain.contacts import matching_contacts
from netrack.domain.habits import habit_kinds
from netrack.domain.kinds import BUILTIN_KINDS, CHANNELS, DEFAULT_CHANNEL, REACH_OUT
from netrack.domain.when import parse_on
from netrack.errors import NetrackError, UsageError, quoted
from netrack.operations.entries import Logged, log_action
from netrack.summaries import logged_line
from netrack.tui.text import plain
from netrack.tui.widgets.contact_input import ContactInput
from netrack.tui.widgets.kind_picker import KindPicker

if TYPE_CHECKING:
    from netrack.tui.app import NetrackApp

# The one key that picks each built-in kind.
KIND_KEYS = {
    "reach-out": "r",
    "give": "g",
    "follow-up": "f",
    "meet": "m",
    "ask": "a",
    "receive": "v",
}


class QuickLog(Vertical):
    """Log an action without leaving the keyboard; Enter in any field submits."""

    if TYPE_CHECKING:
        app = getters.app(NetrackApp)  # for the type checker (the app imports this module)

    @dataclass
    class Submitted(Message):
        """An action was logged."""

        logged: Logged
        line: str

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.analysis: Analysis | None = None
        self.picked_contact_id: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label("Kind", classes="field-label")
            yield KindPicker([(kind, KIND_KEYS[kind]) for kind in BUILTIN_KINDS], id="kind")
        with Horizontal(classes="form-row"):
            yield Label("Contact", classes="field-label")
            yield ContactInput(id="contact", placeholder="name: new names become contacts")
        yield Static(id="contact-hint", classes="hint")
        with Horizontal(classes="form-row"):
            yield Label("Note", classes="field-label")
            yield Input(id="note", placeholder="what happened (optional)")
        with Horizontal(classes="form-row"):
            yield Label("When", classes="field-label")
            yield Input(id="when", placeholder="today", classes="short")
            yield Select(
                [(c, c) for c in CHANNELS], value=DEFAULT_CHANNEL, allow_blank=False, id="channel"
            )
            yield Checkbox("personal", id="personal")
            yield Button("Log", id="log", variant="primary")
        yield Static(id="when-error", classes="error")
        yield Static(id="form-result", classes="result")

    # Filling in ---------------------------------------------------------------------

    def show(self, analysis: Analysis) -> None:
        self.analysis = analysis
        own_kinds = sorted(habit_kinds(analysis.data.habits) - set(BUILTIN_KINDS))
        self.query_one("#kind", KindPicker).set_kinds(
            [(kind, KIND_KEYS[kind]) for kind in BUILTIN_KINDS] + [(k, "") for k in own_kinds]
        )
        names = [c.name for c in analysis.data.contacts if not c.archived]
        self.query_one("#contact", ContactInput).set_names(names)
        self._update_hint()

    @property
    def kind(self) -> str:
        return self.query_one("#kind", KindPicker).kind

    def on_mount(self) -> None:
        self.watch(self.query_one("#kind", KindPicker), "kind", self._kind_changed)

    def _kind_changed(self, kind: str) -> None:
        # Only a reach-out is personalised or not.
        self.query_one("#personal", Checkbox).display = kind == REACH_OUT

    def choose_kind(self, kind: str) -> None:
        self.query_one("#kind", KindPicker).choose(kind)
        self.query_one("#contact", Input).focus()

    def prefill(self, kind: str, name: str, contact_id: str | None = None) -> None:
        """Start logging ``kind`` with ``name`` chosen; the cursor goes to the note."""
        self.choose_kind(kind)
        contact = self.query_one("#contact", Input)
        contact.value = name
        self.picked_contact_id = contact_id
        self.query_one("#note", Input).focus()

    @on(Input.Changed, "#contact")
    def _contact_changed(self, event: Input.Changed) -> None:
        if self.picked_contact_id is not None and self.analysis is not None:
            picked = self.analysis.contacts_by_id.get(self.picked_contact_id)
            if picked is None or picked.name != event.value:
                self.picked_contact_id = None
        self._update_hint()

    def _update_hint(self) -> None:
        typed = self.query_one("#contact", Input).value.strip()
        message = ""
        if typed and self.analysis is not None:
            found = matching_contacts(self.analysis.data.contacts, typed)
            if len(found) == 1:
                message = f"→ {found[0].name}"
            elif not found:
                message = f"→ new contact: {typed}"
            else:
                names = ", ".join(c.name for c in found[:4])
                more = f" and {len(found) - 4} more" if len(found) > 4 else ""
                message = f"{len(found)} match: {names}{more}; type more"
        self._show("#contact-hint", message)

    # Submitting ---------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#log")
    def submit(self) -> None:
        if self.analysis is None:
            return
        contact = self.query_one("#contact", Input).value.strip()
        when = self.query_one("#when", Input).value.strip()
        if not self._fields_ok(contact, when):
            return
        channel = self.query_one("#channel", Select).value
        personal = self.query_one("#personal", Checkbox).value
        kind = self.kind
        try:
            logged = log_action(
                self.app.store,
                clock.now(),
                kind=kind,
                contact=contact,
                note=self.query_one("#note", Input).value,
                on=when or None,
                channel=str(channel),
                personal=personal if kind == REACH_OUT else None,
                contact_id=self.picked_contact_id,
            )
        except NetrackError as error:  # bad input, or a data file that cannot be used
            self._error("#form-result", str(error))
            return
        line = logged_line(logged.outcome, logged.progress, clock.now().date())
        if logged.outcome.new_contact and logged.outcome.contact is not None:
            line += " · new contact"
        self._show("#form-result", line)
        for field in ("#contact", "#note", "#when"):
            self.query_one(field, Input).value = ""
        self.query_one("#personal", Checkbox).value = False
        self.picked_contact_id = None
        # Back to the kind: the next key picks what to log next (g, r, m ...).
        self.query_one("#kind", KindPicker).focus()
        self.post_message(self.Submitted(logged, line))

    def _fields_ok(self, contact: str, when: str) -> bool:
        assert self.analysis is not None
        ok = True
        self._error("#when-error", "")
        self._error("#form-result", "")
        if not contact and self.kind in BUILTIN_KINDS:
            self._error("#contact-hint", "Contact: name the person (a new name adds a contact)")
            ok = False
        elif contact and self.picked_contact_id is None:
            found = matching_contacts(self.analysis.data.contacts, contact)
            if len(found) > 1:
                names = ", ".join(c.name for c in found[:4])
                self._error(
                    "#contact-hint", f"Contact: {quoted(contact)} matches {names}; type more"
                )
                ok = False
        if when:
            try:
                parse_on(when, clock.now(), self.analysis.calendar)
            except UsageError as error:
                self._error("#when-error", f"When: {error}")
                ok = False
        return ok

    def _error(self, selector: str, message: str) -> None:
        self._show(selector, message, error=True)

    def _show(self, selector: str, message: str, error: bool = False) -> None:
        """Put ``message`` under the form (or hide the line when there is none)."""
        label = self.query_one(selector, Static)
        label.set_class(error and bool(message), "error")
        label.update(plain(message))
        label.display = bool(message)
