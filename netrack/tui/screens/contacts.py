"""Contacts: a searchable, sortable table, the selected contact's story, and forms."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Header, Input, Static

from netrack import clock
from netrack.domain.contact_changes import ContactFields, MergeOutcome
from netrack.domain.contact_query import (
    BALANCE,
    CIRCLE,
    CIRCLE_CHOICES,
    COLDNESS,
    LAST_TOUCH,
    NAME,
    SORTS,
    ContactQuery,
    matches,
    ordered,
    sort_key,
)
from netrack.domain.contacts import close_matches
from netrack.domain.humanize import plural
from netrack.domain.models import Contact
from netrack.operations.people import add_contact, merge_contacts, set_archived, update_contact
from netrack.tui.past import ArchivedTimelines, actions_with_past, notes_with_past
from netrack.tui.screens.base import DataScreen
from netrack.tui.screens.contact_rows import company_column, contact_row
from netrack.tui.state import Snapshot
from netrack.tui.text import shown
from netrack.tui.widgets.contact_story import contact_story
from netrack.tui.widgets.footer import Footer
from netrack.tui.widgets.forms import Confirm, ContactForm, MergeForm, merge_detail
from netrack.tui.widgets.intro_form import IntroForm
from netrack.tui.widgets.people_table import PeopleTable
from netrack.tui.widgets.tables import fill_now, refill, selected_key
from netrack.tui.writes import Change, change

# Column key, heading, and the sort a click on the heading picks (None: not sortable).
COLUMNS = (
    ("name", "name", NAME),
    ("company", "company", None),
    ("circle", "circle", CIRCLE),
    ("last", "last touch", LAST_TOUCH),
    ("balance", "bal", BALANCE),
    ("status", "status", COLDNESS),
)
SORT_COLUMN = {sort: key for key, _, sort in COLUMNS if sort is not None}
# Narrower than this, a long name or company is cut with an ellipsis so that the status,
# the point of the list, is not pushed out of view (80 columns: "due soo").
CUT_BELOW = 100
CUT_TO = {"name": 20, "company": 12}


class ContactsScreen(DataScreen):
    """Everyone you know, how warm each relationship is, and its history."""

    TITLE = "netrack · Contacts"
    NARROW_BELOW = 140  # the table needs about 85 columns beside the detail pane
    HELP_KEYS = (("↑ ↓", "pick a contact to see their details and history"),)

    BINDINGS = [
        Binding("slash", "filter", "Search"),
        Binding("n", "new", "New"),
        Binding("e", "edit", "Edit"),
        Binding("x", "archive", "Archive"),
        Binding("M", "merge", "Merge"),
        Binding("i", "introduce", "Introduce"),
        Binding("A", "toggle_archived", "Show archived"),
        Binding("c", "filter_circle", "Circle", tooltip="Show one circle (again: the next)"),
        Binding("t", "filter_tag", "Tag", tooltip="Show one tag (again: the next)"),
        Binding("o", "filter_overdue", "Overdue", tooltip="Show only those past their cadence"),
        Binding("N", f"sort('{NAME}')", "Sort by name", show=False),
        Binding("L", f"sort('{LAST_TOUCH}')", "Sort by last touch", show=False),
        Binding("B", f"sort('{BALANCE}')", "Sort by balance", show=False),
        Binding("C", f"sort('{CIRCLE}')", "Sort by circle", show=False),
        Binding("O", f"sort('{COLDNESS}')", "Sort by overdue", show=False),
        Binding("escape", "leave_filter", "Back to list", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_archived = False
        self.circle: str | None = None
        self.tag: str | None = None
        self.overdue_only = False
        self.sort = NAME
        self.descending = False
        self._notes: tuple[int, Mapping[str, str]] | None = None  # by snapshot version
        self._archived = ArchivedTimelines(self, self._archived_read)
        self._cut: bool | None = None  # whether the last draw cut long names (CUT_BELOW)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="contacts-body"):
            with Vertical(id="contacts-list"):
                yield Input(
                    id="contact-filter",
                    placeholder="/ search names, notes and what you did together",
                    select_on_focus=False,
                )
                yield Static(id="contacts-state", classes="hint")
                yield PeopleTable(id="contacts", zebra_stripes=True)
            with VerticalScroll(id="contact-detail"):
                yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#contacts", DataTable)
        for key, label, _ in COLUMNS:
            table.add_column(label, key=key)
        super().on_mount()
        table.focus()

    # Drawing ----------------------------------------------------------------------------

    def contact_query(self) -> ContactQuery:
        """What the search field and the filters ask for."""
        return ContactQuery.typed(
            self.query_one("#contact-filter", Input).value,
            circle=self.circle,
            tag=self.tag,
            overdue=self.overdue_only,
        )

    def draw(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        query = self.contact_query()
        statuses = {s.contact.id: s for s in analysis.touch_statuses()}
        everyone = [c for c in analysis.data.contacts if self.show_archived or not c.archived]
        found = [
            c
            for c in everyone
            if matches(c, query, statuses.get(c.id), lambda: self._action_notes(snapshot))
        ]
        balances = {cid: b.balance for cid, b in analysis.balances.items()}
        key = sort_key(self.sort, statuses, analysis.last_touches, balances)
        contacts = ordered(found, key, self.descending)
        shared: dict[tuple[str, str], Text] = {}  # see contact_row
        self._cut = self._cut_now()
        table = self.query_one("#contacts", DataTable)
        company = company_column(table, COLUMNS, any(c.company for c in everyone))
        touch = statuses.get
        rows = ((c.id, contact_row(c, touch(c.id), analysis, shared, company)) for c in contacts)
        refill(table, rows, labels=self._labels(), widest=CUT_TO if self._cut else None)
        self._draw_state(query, len(found), len(everyone))
        self.show_detail()

    def _cut_now(self) -> bool:
        return self.app.size.width < CUT_BELOW

    def on_resize(self) -> None:
        # Long names were cut (or not) for the last draw's width (DataScreen's runs too).
        if self._cut is not None and self._cut != self._cut_now() and self.shown_version >= 0:
            self.draw(self.app.snapshot)

    def _action_notes(self, snapshot: Snapshot) -> Mapping[str, str]:
        if self._notes is None or self._notes[0] != snapshot.version:
            self._notes = (snapshot.version, notes_with_past(snapshot))
        return self._notes[1]

    def _labels(self) -> dict[str, str]:
        marker = " ▼" if self.descending else " ▲"
        column = SORT_COLUMN[self.sort]
        return {key: label + (marker if key == column else "") for key, label, _ in COLUMNS}

    def _draw_state(self, query: ContactQuery, found: int, everyone: int) -> None:
        filters = query.describe()
        shown_count = (
            f"{found:,} of {plural(everyone, 'contact')}"
            if found != everyone
            else (plural(everyone, "contact"))
        )
        words = " ".join(query.words)
        parts = [shown_count]
        if filters:
            parts.append(filters)
        if words:
            parts.append(f"“{words}”")
        parts.append(
            f"sorted by {SORTS[self.sort][0]}" + (" (reversed)" if self._reversed() else "")
        )
        self.query_one("#contacts-state", Static).update(
            Text(" · ".join(parts) + "   c circle · t tag · o overdue · N L B C O sort")
        )

    def _reversed(self) -> bool:
        return self.descending != SORTS[self.sort][1]

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
        snapshot = self.app.snapshot
        archived = self._archived.of(contact, snapshot.analysis, snapshot.past)
        detail.update(contact_story(contact, snapshot.analysis, archived))

    def _archived_read(self, contact_id: str) -> None:
        if self.selected_id() == contact_id:
            self.show_detail()

    # Actions ----------------------------------------------------------------------------

    @on(Input.Changed, "#contact-filter")
    def _filter_changed(self) -> None:
        self.draw(self.app.snapshot)

    def action_sort(self, sort: str) -> None:
        """Sort by ``sort``; asked again, the other way round."""
        if sort == self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = sort, SORTS[sort][1]
        self.draw(self.app.snapshot)

    @on(DataTable.HeaderSelected, "#contacts")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        sort = next((s for key, _, s in COLUMNS if key == event.column_key.value), None)
        if sort is not None:
            self.action_sort(sort)

    def action_filter_circle(self) -> None:
        steps = [None, *CIRCLE_CHOICES]
        self.circle = steps[(steps.index(self.circle) + 1) % len(steps)]
        self.draw(self.app.snapshot)

    def action_filter_tag(self) -> None:
        tags = sorted(
            {t for c in self.app.snapshot.data.contacts for t in c.tags}, key=str.casefold
        )
        if not tags:
            self.app.say("No contact has a tag yet (e edits a contact).", title="Contacts")
            return
        steps = [None, *tags]
        at = steps.index(self.tag) if self.tag in steps else 0
        self.tag = steps[(at + 1) % len(steps)]
        self.draw(self.app.snapshot)

    def action_filter_overdue(self) -> None:
        self.overdue_only = not self.overdue_only
        self.draw(self.app.snapshot)

    def show_contact(self, contact_id: str) -> None:
        """Bring one contact into view, whatever the search and filters hid."""
        contact = self.app.snapshot.analysis.contacts_by_id.get(contact_id)
        if contact is None:
            return
        table = self.query_one("#contacts", DataTable)
        fill_now(table)
        if contact_id not in table.rows:
            self.circle = self.tag = None
            self.overdue_only = False
            self.show_archived = self.show_archived or contact.archived
            with self.prevent(Input.Changed):
                self.query_one("#contact-filter", Input).value = ""
            self.draw(self.app.snapshot)
        self._select(contact_id)
        table.focus()

    def open_detail(self) -> None:
        """Enter on a contact: move into their story to scroll it (Escape comes back)."""
        self.query_one("#contact-detail", VerticalScroll).focus()

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
        snapshot = self.app.snapshot
        actions = actions_with_past(snapshot, contact.id)

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
                Confirm(question, merge_detail(contact, target, snapshot.data, actions), "Merge"),
                answered,
            )

        self.app.push_screen(MergeForm(contact, snapshot.data, actions), chosen)

    def action_introduce(self) -> None:
        contact = self.selected()
        if contact is not None:
            self.app.push_screen(IntroForm.for_contact(contact, self.app.snapshot.data.contacts))

    def _select(self, contact_id: str) -> None:
        table = self.query_one("#contacts", DataTable)
        fill_now(table)
        if contact_id in table.rows:
            table.move_cursor(row=table.get_row_index(contact_id))
        self.show_detail()
