"""Contacts: a filterable table, the selected contact's story, and forms to change them."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Input, Static

from netrack import clock
from netrack.domain.analysis import Analysis
from netrack.domain.contact_changes import ContactFields, MergeOutcome
from netrack.domain.contacts import close_matches
from netrack.domain.followups import status
from netrack.domain.humanize import days_ago, plural
from netrack.domain.keepintouch import DUE_SOON, OVERDUE, TouchStatus, touch_status
from netrack.domain.models import CONTACT_FIELDS, Contact
from netrack.domain.timeline import newest_first
from netrack.operations.people import add_contact, merge_contacts, set_archived, update_contact
from netrack.summaries import short_day, signed
from netrack.tui.screens.base import DataScreen
from netrack.tui.state import Snapshot
from netrack.tui.text import cell, shown
from netrack.tui.widgets.forms import Confirm, ContactForm, MergeForm, merge_detail
from netrack.tui.widgets.tables import refill, selected_key
from netrack.tui.writes import Change, change

TOUCH_STYLE = {OVERDUE: "bold red", DUE_SOON: "yellow"}
TIMELINE_SHOWN = 50
# Details the story shows in lines of their own (with the cadence; notes at length).
SHOWN_APART = frozenset(("circle", "notes"))


def matches_filter(contact: Contact, words: list[str]) -> bool:
    if not words:
        return True
    haystack = " ".join((contact.name, contact.company, contact.role, *contact.tags)).casefold()
    return all(word in haystack for word in words)


class ContactsScreen(DataScreen):
    """Everyone you know, how warm each relationship is, and its history."""

    TITLE = "netrack · Contacts"
    NARROW_BELOW = 140  # the table needs about 85 columns beside the detail pane
    HELP_KEYS = (("↑ ↓", "pick a contact to see their details and history"),)

    BINDINGS = [
        Binding("slash", "filter", "Filter"),
        Binding("n", "new", "New"),
        Binding("e", "edit", "Edit"),
        Binding("x", "archive", "Archive"),
        Binding("M", "merge", "Merge"),
        Binding("A", "toggle_archived", "Show archived"),
        Binding("escape", "leave_filter", "Back to list", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_archived = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="contacts-body"):
            with Vertical(id="contacts-list"):
                yield Input(
                    id="contact-filter",
                    placeholder="/ filter by name, company, tag",
                    select_on_focus=False,
                )
                yield DataTable(id="contacts", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="contact-detail"):
                yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#contacts", DataTable).add_columns(
            "name", "company", "circle", "last touch", "bal", "status"
        )
        super().on_mount()
        self.query_one("#contacts", DataTable).focus()

    # Drawing ----------------------------------------------------------------------------

    def draw(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        words = self.query_one("#contact-filter", Input).value.casefold().split()
        statuses = {s.contact.id: s for s in analysis.touch_statuses()}
        contacts = sorted(
            (
                c
                for c in analysis.data.contacts
                if (self.show_archived or not c.archived) and matches_filter(c, words)
            ),
            key=lambda c: c.name.casefold(),
        )
        refill(
            self.query_one("#contacts", DataTable),
            ((c.id, self._row(c, statuses.get(c.id), analysis)) for c in contacts),
        )
        self.show_detail()

    def _row(self, contact: Contact, touch: TouchStatus | None, analysis: Analysis) -> list:
        balance = analysis.balances.get(contact.id)
        last = analysis.last_touches.get(contact.id)
        state = touch.status if touch and touch.status else "—"
        if contact.archived:
            state = "archived"
        return [
            cell(contact.name, "dim" if contact.archived else ""),
            cell(contact.company),
            cell(contact.circle or "—"),
            cell(days_ago(last, analysis.today) if last else "never"),
            cell(
                signed(balance.balance) if balance else "0",
                "red" if balance and balance.ask_only else "",
            ),
            cell(state, TOUCH_STYLE.get(state, "")),
        ]

    def selected_id(self) -> str | None:
        return selected_key(self.query_one("#contacts", DataTable))

    def selected(self) -> Contact | None:
        return self.app.snapshot.analysis.contacts_by_id.get(self.selected_id() or "")

    @on(DataTable.RowHighlighted, "#contacts")
    def show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        contact = self.selected()
        if contact is None:
            detail.update(
                "No contacts match."
                if self.app.snapshot.data.contacts
                else "No contacts yet. Press n to add one, or log an action on Today (1)."
            )
            return
        detail.update(contact_story(contact, self.app.snapshot.analysis))

    # Actions ----------------------------------------------------------------------------

    @on(Input.Changed, "#contact-filter")
    def _filter_changed(self) -> None:
        self.draw(self.app.snapshot)

    @on(Input.Submitted, "#contact-filter")
    def action_leave_filter(self) -> None:
        self.set_focus(self.query_one("#contacts", DataTable))

    def action_filter(self) -> None:
        # At once, so that the letters typed next go into the filter (see tui/keys.py).
        self.set_focus(self.query_one("#contact-filter", Input))

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.draw(self.app.snapshot)
        self.app.say("Showing archived contacts." if self.show_archived else "Hiding archived.")

    def action_new(self) -> None:
        def save(fields: ContactFields) -> Change[Contact]:
            return change(add_contact, clock.now(), fields)

        def added(contact: Contact | None) -> None:
            if contact is not None:
                self._select(contact.id)
                # Adding a contact is deliberate: a close name is only mentioned.
                others = [c for c in self.app.snapshot.data.contacts if c.id != contact.id]
                close = close_matches(others, contact.name)
                also = f" (close to {shown(close[0].name)}; u takes it back)" if close else ""
                self.app.say(f"Added {shown(contact.name)}.{also}", title="Contacts")

        circle = self.app.snapshot.data.settings.new_contact_circle
        self.app.push_screen(ContactForm(save, circle=circle), added)

    def action_edit(self) -> None:
        contact = self.selected()
        if contact is None:
            return

        def save(fields: ContactFields) -> Change[Contact]:
            edit = change(update_contact, clock.now(), contact.id, fields)
            return edit.then(lambda before_after: before_after[1])

        def saved(edited: Contact | None) -> None:
            if edited is not None:
                self._select(edited.id)
                self.app.say(f"Saved {shown(edited.name)}.", title="Contacts")

        self.app.push_screen(ContactForm(save, contact), saved)

    def action_archive(self) -> None:
        contact = self.selected()
        if contact is None:
            return

        def changed(changed: Contact) -> str:
            verb = "Archived" if changed.archived else "Restored"
            hint = " (A shows archived contacts; x restores)" if changed.archived else ""
            return f"{verb} {shown(changed.name)}.{hint}"

        def answered(yes: bool | None) -> None:
            if yes:
                archive = change(set_archived, clock.now(), contact.id, not contact.archived)
                self.app.write(archive, changed, title="Contacts")

        if contact.archived:
            question = f"Bring {contact.name} back?"
            detail = "They return to lists, suggestions and keep-in-touch reminders."
            yes = "Restore"
        else:
            question = f"Archive {contact.name}?"
            detail = (
                "They leave lists, suggestions and reminders; their history stays. "
                "A shows archived contacts, and x restores one."
            )
            yes = "Archive"
        self.app.push_screen(Confirm(question, detail, yes), answered)

    def action_merge(self) -> None:
        contact = self.selected()
        if contact is None:
            return

        def merged(merge: MergeOutcome) -> str:
            self._select(merge.target.id)
            return (
                f"Merged {shown(merge.removed.name)} into {shown(merge.target.name)}: "
                f"{plural(len(merge.actions), 'action')} moved."
            )

        def chosen(target_id: str | None) -> None:
            target = self.app.snapshot.analysis.contacts_by_id.get(target_id or "")
            if target is None:
                return

            def answered(yes: bool | None) -> None:
                if yes:
                    merge = change(merge_contacts, clock.now(), contact.id, target.id)
                    self.app.write(merge, merged, title="Contacts")

            question = f"Merge {contact.name} into {target.name}?"
            self.app.push_screen(
                Confirm(question, merge_detail(contact, target, self.app.snapshot.data), "Merge"),
                answered,
            )

        self.app.push_screen(MergeForm(contact, self.app.snapshot.data), chosen)

    def _select(self, contact_id: str) -> None:
        table = self.query_one("#contacts", DataTable)
        if contact_id in table.rows:
            table.move_cursor(row=table.get_row_index(contact_id))
        self.show_detail()


def contact_story(contact: Contact, analysis: Analysis) -> Text:
    """Everything about one contact: details, give and take, what is owed, the timeline."""
    text = Text()
    text.append(shown(contact.name), "bold")
    if contact.archived:
        text.append("  (archived)", "dim")
    text.append("\n")
    for field in CONTACT_FIELDS:
        value = field.kind.show(getattr(contact, field.name))
        if field.detail and value and field.name not in SHOWN_APART:
            text.append(f"{field.label:<8}", "dim")
            text.append(shown(value) + "\n")
    touch = touch_status(
        contact,
        analysis.last_touches.get(contact.id),
        analysis.today,
        analysis.data.settings,
        analysis.calendar,
    )
    circle = contact.circle or "no circle"
    cadence = f"every {touch.cadence} days" if touch.cadence else "no reminders"
    text.append(f"{'circle':<8}", "dim")
    text.append(f"{circle} · {cadence}")
    if touch.status and not contact.archived:
        text.append(f" · {touch.status}", TOUCH_STYLE.get(touch.status, "green"))
    text.append("\n")
    if contact.notes:
        text.append(f"{'notes':<8}", "dim")
        text.append(shown(contact.notes, multiline=True) + "\n")

    balance = analysis.balances.get(contact.id)
    text.append("\nGive and take  ", "bold")
    if balance is None:
        text.append("nothing given or taken yet\n", "dim")
    else:
        text.append(
            f"gives {balance.gives} · takes {balance.takes} · balance {signed(balance.balance)}"
        )
        if balance.ask_only:
            text.append("  ask-only: give something first", "bold red")
        elif balance.owe:
            text.append("  you owe them", "yellow")
        text.append("\n")

    owed = [f for f in analysis.data.followups if f.contact_id == contact.id and f.is_open]
    if owed:
        text.append("\nOwed\n", "bold")
        for followup in sorted(owed, key=lambda f: f.due):
            state = status(followup, analysis.today, analysis.calendar)
            text.append(f"  {short_day(followup.due):<11}", "red" if state == "overdue" else "")
            text.append(shown(followup.text) + "\n")

    actions = newest_first(a for a in analysis.data.actions if a.contact_id == contact.id)
    text.append(f"\nTimeline ({len(actions)})\n", "bold")
    for action in actions[:TIMELINE_SHOWN]:
        text.append(f"  {short_day(action.at.date(), analysis.today):<11}", "dim")
        text.append(f"{action.kind:<10}")
        text.append(shown(action.note) + "\n")
    if len(actions) > TIMELINE_SHOWN:
        text.append(f"  … and {len(actions) - TIMELINE_SHOWN} earlier\n", "dim")
    return text
