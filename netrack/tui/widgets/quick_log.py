"""The quick-log form: kind, contact (with completion), note, when, due, channel, personal."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import getters, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static

from netrack import clock
from netrack.domain.analysis import Analysis
from netrack.domain.contacts import DidYouMean, close_matches, matching_contacts
from netrack.domain.habits import habit_kinds
from netrack.domain.kinds import BUILTIN_KINDS, CHANNELS, DEFAULT_CHANNEL, REACH_OUT
from netrack.domain.when import parse_due, parse_on
from netrack.errors import NetrackError, UsageError, quoted
from netrack.summaries import logged_line
from netrack.tui.keys import SubmitsOnEnter
from netrack.tui.text import plain
from netrack.tui.widgets.contact_input import ContactInput
from netrack.tui.widgets.did_you_mean import MEANT, NEW, DidYouMeanDialog
from netrack.tui.widgets.kind_picker import KindPicker
from netrack.tui.widgets.tick import Tick
from netrack.tui.writes import Change, change

if TYPE_CHECKING:
    from netrack.operations.entries import Logged
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
TEXT_FIELDS = ("#contact", "#note", "#when", "#due")


def _field(field_id: str, placeholder: str, classes: str = "") -> Input:
    """A text field whose text is not selected when it gets the focus.

    The focus event comes after the keys typed right behind the key that moved there
    (see tui/keys.py): it would select them, for the next key to replace.
    """
    return Input(id=field_id, placeholder=placeholder, classes=classes, select_on_focus=False)


@dataclass(frozen=True)
class LogEntry:
    """What the form held when it was submitted: the fields as typed."""

    kind: str
    contact: str
    note: str
    when: str
    due: str
    channel: str
    personal: bool | None
    contact_id: str | None  # a contact picked from a list rather than typed
    new_contact: bool = False  # a new person, though the name is close to a contact's

    @property
    def what(self) -> str:
        return f"{self.kind} → {self.contact or 'no contact'}"


def log_change(entry: LogEntry) -> Change[Logged]:
    """Logging ``entry``, as a change for the app's write path."""
    from netrack.operations.entries import log_action  # not needed to paint Today

    return change(
        log_action,
        clock.now(),
        kind=entry.kind,
        contact=entry.contact,
        note=entry.note,
        on=entry.when or None,
        channel=entry.channel,
        due=entry.due or None,
        personal=entry.personal,
        contact_id=entry.contact_id,
        new_contact=entry.new_contact,
    )


class QuickLog(SubmitsOnEnter, Vertical):
    """Log an action without leaving the keyboard; Enter in any field submits.

    Submitting empties the form at once, ready for the next entry, and posts
    ``Submitted``; the screen hands the entry to the app's write path, which reports
    back through ``logged`` or ``refused``.
    """

    if TYPE_CHECKING:
        app = getters.app(NetrackApp)  # for the type checker (the app imports this module)

    @dataclass
    class Submitted(Message):
        """The user asked to log ``entry``."""

        entry: LogEntry

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
            yield _field("note", "what happened (optional)")
            yield Label("Due", classes="inline-label")
            yield _field("due", "you owe by", "short")
        with Horizontal(classes="form-row"):
            yield Label("When", classes="field-label")
            yield _field("when", "today", "short")
            yield Select(
                [(c, c) for c in CHANNELS], value=DEFAULT_CHANNEL, allow_blank=False, id="channel"
            )
            yield Tick("personal", id="personal")
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
        self.query_one("#personal", Tick).display = kind == REACH_OUT

    def choose_kind(self, kind: str) -> None:
        self.query_one("#kind", KindPicker).choose(kind)
        self._focus("#contact")

    def prefill(self, kind: str, name: str, contact_id: str | None = None) -> None:
        """Start logging ``kind`` with ``name`` chosen; the cursor goes to the note."""
        self.choose_kind(kind)
        contact = self.query_one("#contact", Input)
        contact.value = name
        self.picked_contact_id = contact_id
        self._focus("#note")

    def _focus(self, selector: str) -> None:
        # At once, not after the next refresh as ``focus()`` would: the keys typed next
        # must go to the field just chosen, however fast they come.
        self.screen.set_focus(self.query_one(selector))

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
                close = close_matches(self.analysis.data.contacts, typed)
                message = f"→ new contact: {typed}"
                if close:
                    message += f" (or did you mean {close[0].name}?)"
            else:
                # In the order the field offers them: the first is the one → takes.
                offered = self.query_one("#contact", ContactInput).ranked(typed)
                order = {name: at for at, name in enumerate(offered)}
                found.sort(key=lambda c: order.get(c.name, len(order)))
                message = _matches_hint([c.name for c in found], self.size.width - 4)
        self._show("#contact-hint", message)

    # Submitting ---------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#log")
    def submit(self) -> None:
        if self.analysis is None:
            return
        entry = self._entry()
        if not self._fields_ok(entry):
            return
        self._show("#form-result", f"logging {entry.what}…")
        self._clear()
        # Back to the kind: the next key picks what to log next (g, r, m ...).
        self._focus("#kind")
        self.post_message(self.Submitted(entry))

    def _entry(self) -> LogEntry:
        kind = self.kind
        return LogEntry(
            kind=kind,
            contact=self.query_one("#contact", Input).value.strip(),
            note=self.query_one("#note", Input).value,
            when=self.query_one("#when", Input).value.strip(),
            due=self.query_one("#due", Input).value.strip(),
            channel=str(self.query_one("#channel", Select).value),
            personal=self.query_one("#personal", Tick).value if kind == REACH_OUT else None,
            contact_id=self.picked_contact_id,
        )

    def _clear(self) -> None:
        """Empty the form for the next entry: every field, the channel and the tick too."""
        for field in TEXT_FIELDS:
            self.query_one(field, Input).value = ""
        self.query_one("#channel", Select).value = DEFAULT_CHANNEL
        self.query_one("#personal", Tick).value = False
        self.picked_contact_id = None

    def _is_empty(self) -> bool:
        return not any(self.query_one(field, Input).value for field in TEXT_FIELDS)

    def logged(self, logged: Logged) -> str:
        """Show what was logged under the form; the line is also the notification."""
        line = logged_line(logged.outcome, logged.progress, clock.now().date())
        if logged.outcome.new_contact and logged.outcome.contact is not None:
            line += " · new contact"
        self._show("#form-result", line)
        return line

    def say_result(self, line: str) -> None:
        """Replace the line under the form (what the last entry became)."""
        self._show("#form-result", line)

    def refused(self, entry: LogEntry, error: NetrackError) -> None:
        """``entry`` was not logged: say why, and give it back unless a new one is begun.

        A new name close to a contact's (a typo?) is a question: the contact meant, or
        a new person by that name; either way the entry is logged as asked.
        """
        if isinstance(error, DidYouMean):
            self._show("#form-result", "")

            meant = error.suggestion

            def answered(answer: str | None) -> None:
                if answer == MEANT:
                    self.post_message(
                        self.Submitted(replace(entry, contact=meant.name, contact_id=meant.id))
                    )
                elif answer == NEW:
                    self.post_message(self.Submitted(replace(entry, new_contact=True)))
                else:
                    self._give_back(
                        entry,
                        f"Not logged ({entry.what}): {meant.name}, or a new contact? Not picked",
                    )

            self.app.push_screen(DidYouMeanDialog(error), answered)
            return
        self._give_back(entry, f"Not logged ({entry.what}): {error}")

    def _give_back(self, entry: LogEntry, why: str) -> None:
        """Say ``why`` and put ``entry`` back in the form, unless a new one is begun."""
        self._error("#form-result", why)
        if not self._is_empty():
            return
        self.query_one("#kind", KindPicker).choose(entry.kind)
        for field, value in (
            ("#contact", entry.contact),
            ("#note", entry.note),
            ("#when", entry.when),
            ("#due", entry.due),
        ):
            self.query_one(field, Input).value = value
        self.query_one("#channel", Select).value = entry.channel
        self.query_one("#personal", Tick).value = bool(entry.personal)
        self.picked_contact_id = entry.contact_id
        self._focus("#contact")

    def _fields_ok(self, entry: LogEntry) -> bool:
        assert self.analysis is not None
        ok = True
        self._error("#when-error", "")
        self._error("#form-result", "")
        if not entry.contact and entry.kind in BUILTIN_KINDS:
            self._error("#contact-hint", "Contact: name the person (a new name adds a contact)")
            ok = False
        elif entry.contact and entry.contact_id is None:
            found = matching_contacts(self.analysis.data.contacts, entry.contact)
            if len(found) > 1:
                names = ", ".join(c.name for c in found[:4])
                self._error(
                    "#contact-hint", f"Contact: {quoted(entry.contact)} matches {names}; type more"
                )
                ok = False
        problems = []
        calendar, now = self.analysis.calendar, clock.now()
        for label, text, parse in (("When", entry.when, parse_on), ("Due", entry.due, parse_due)):
            if text:
                try:
                    parse(text, now, calendar)
                except UsageError as error:
                    problems.append(f"{label}: {error}")
        if problems:
            self._error("#when-error", " · ".join(problems))
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


def _matches_hint(names: list[str], width: int, most: int = 4) -> str:
    """``25 match: Aaliyah Wang, Abebe Wang and 23 more; type more``: as many of the
    first ``most`` names as fit ``width`` columns on one line (the first always)."""
    for shown in range(min(most, len(names)), 0, -1):
        listed = ", ".join(names[:shown])
        more = f" and {len(names) - shown} more" if len(names) > shown else ""
        message = f"{len(names)} match: {listed}{more}; type more"
        if shown == 1 or cell_len(message) <= width:
            return message
    return ""
