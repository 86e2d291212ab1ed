"""Events: what is still to prepare for those coming up, and who was met at past ones."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Header, Static

from netrack import clock
from netrack.domain.events import (
    SHORT_NAMES,
    Debrief,
    EventChange,
    EventFields,
    EventStanding,
    event_standing,
    upcoming_and_past,
)
from netrack.domain.followups import OVERDUE, status
from netrack.domain.humanize import days_ago, plural, short_day
from netrack.domain.models import Event
from netrack.domain.weeks import Calendar
from netrack.operations.events import add_event, debrief_event, remove_event, update_event
from netrack.tui.screens.base import DataScreen
from netrack.tui.state import Snapshot
from netrack.tui.text import cell, shown
from netrack.tui.widgets.event_forms import DebriefForm, EventForm
from netrack.tui.widgets.footer import Footer
from netrack.tui.widgets.forms import Confirm
from netrack.tui.widgets.tables import refill, room_beside, selected_key
from netrack.tui.writes import Change, change

LABEL = 11
LEFT = ("day", "when", "event")  # the columns before what is left to do
TO_DO_LEAST = 16
MET_NAME = 24  # the widest the column of the names of the people met gets


def when(day: date, today: date) -> str:
    """``today``, ``in 3 days``, ``2 weeks ago``."""
    days = day.toordinal() - today.toordinal()
    if days > 0:
        return "tomorrow" if days == 1 else f"in {plural(days, 'day')}"
    return days_ago(day, today)


def people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def to_do(standing: EventStanding) -> tuple[str, str]:
    """What an event still asks of you, and its style."""
    if standing.upcoming and not standing.met:
        gaps = standing.to_prepare
        if not gaps:
            return "prepared", "green"
        return f"prepare: {', '.join(SHORT_NAMES[gap] for gap in gaps)}", "yellow"
    if not standing.met:
        return "to debrief (b)", "bold yellow"
    opened = len(standing.followups)
    text = f"met {len(standing.met)} · kept {standing.kept}/{opened}"
    owed = len(standing.open_followups)
    return (f"{text} · {owed} open", "") if owed else (text, "green")


class EventsList(Vertical):
    """The list of events, which says when its width changes (its rows are fitted to it)."""

    class Resized(Message):
        pass

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class EventsScreen(DataScreen):
    """Prepare for events before the day, debrief them after it."""

    TITLE = "netrack · Events"
    NARROW_BELOW = 110
    _drawn_for = -1  # the list's width its rows were fitted to
    HELP_KEYS = (("↑ ↓", "pick an event to see its preparation and whom you met"),)

    BINDINGS = [
        Binding("n", "new", "New"),
        Binding("e", "prepare", "Prepare"),
        Binding("b", "debrief", "Debrief"),
        Binding("x", "remove", "Remove"),
        Binding("enter", "open", "Prepare/debrief", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="events-body"):
            with EventsList(id="events-list"):
                yield Static("Events", classes="section-title")
                yield DataTable(id="events", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="event-detail"):
                yield Static(id="event-story")
        yield Footer()

    def on_mount(self) -> None:
        for label in ("day", "when", "event", "to do"):
            self.query_one("#events", DataTable).add_column(label, key=label)
        super().on_mount()
        self.query_one("#events", DataTable).focus()

    # Drawing ------------------------------------------------------------------------

    def draw(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        today = analysis.today
        coming, past = upcoming_and_past(analysis.data.events, today)
        rows = []
        for event in (*coming, *past):
            standing = event_standing(event, analysis.data, today)
            text, style = to_do(standing)
            rows.append(
                (
                    event.id,
                    [
                        cell(short_day(event.on, today), "bold" if event.on == today else ""),
                        cell(when(event.on, today), "dim" if event.on < today else ""),
                        cell(event.name),
                        cell(text, style),
                    ],
                )
            )
        # What is left to do takes the room beside the others, cut rather than scrolled
        # out of the list's side.
        table = self.query_one("#events", DataTable)
        self._drawn_for = width = self._list_width()
        others = [(label, [cells[n] for _, cells in rows]) for n, label in enumerate(LEFT)]
        room = room_beside(width, others)
        if len(rows) + 2 <= self.query_one("#events-list").content_size.height:
            room += 2  # the title, heading and rows fit: no scroll bar takes its columns
        refill(table, rows, widest={"to do": max(TO_DO_LEAST, room)})
        self.show_detail()

    @on(EventsList.Resized)
    def _fit(self) -> None:
        if self.shown_version >= 0 and self._list_width() != self._drawn_for:
            self.draw(self.app.snapshot)

    def _list_width(self) -> int:
        # The list's box, not the table, which is as wide as its columns were.
        return self.query_one("#events-list").content_size.width or self.app.size.width

    def selected(self) -> Event | None:
        event_id = selected_key(self.query_one("#events", DataTable))
        return next((e for e in self.app.snapshot.data.events if e.id == event_id), None)

    @on(DataTable.RowHighlighted, "#events")
    def show_detail(self) -> None:
        story = self.query_one("#event-story", Static)
        event = self.selected()
        if event is None:
            story.update(
                "No events yet. Press n to add one: its day, a goal, who you know who is "
                "going, whom you want to meet, your one-line intro and questions to ask. "
                "After the day, press b to log everyone you met at once."
            )
            return
        analysis = self.app.snapshot.analysis
        standing = event_standing(event, analysis.data, analysis.today)
        story.update(event_story(standing, analysis.today, analysis.calendar))

    # Actions ------------------------------------------------------------------------

    def action_new(self) -> None:
        def save(fields: EventFields, new: bool) -> Change[EventChange]:
            return change(add_event, clock.now(), fields, new)

        contacts = self.app.snapshot.analysis.contacts_by_id  # who is going: completed
        self.app.push_screen(EventForm(save, contacts=contacts), self._saved)

    def action_prepare(self) -> None:
        event = self.selected()
        if event is None:
            return

        def save(fields: EventFields, new: bool) -> Change[EventChange]:
            edit = change(update_event, clock.now(), event.id, fields, new)
            return edit.then(lambda r: r[1])

        contacts = self.app.snapshot.analysis.contacts_by_id
        self.app.push_screen(EventForm(save, event, contacts), self._saved)

    def _saved(self, event: Event | None) -> None:
        if event is not None:
            self._select(event.id)
            self.app.say(f"Saved {shown(event.name)}.", title="Events")

    def action_debrief(self) -> None:
        event = self.selected()
        if event is None:
            return
        analysis = self.app.snapshot.analysis
        if event.on > analysis.today:
            self.app.say(
                f"{event.name} is on {short_day(event.on)}: debrief it once it has happened "
                "(e prepares it meanwhile).",
                title="Events",
            )
            return
        contacts = analysis.contacts_by_id
        met = [contacts[i].name for i in event.met if i in contacts]

        def save(typed: list[str], note: str, new: bool) -> Change[Debrief]:
            return change(debrief_event, clock.now(), event.id, typed, note, new)

        def logged(debrief: Debrief | None) -> None:
            if debrief is None:
                return
            self._select(debrief.event.id)
            line = f"Logged {plural(len(debrief.logged), 'meeting')} at {shown(event.name)}"
            if debrief.new_contacts:
                line += f"; new: {', '.join(shown(c.name) for c in debrief.new_contacts)}"
            if debrief.already_met:
                again = ", ".join(shown(c.name) for c in debrief.already_met)
                line += f"; already logged: {again}"
            self.app.say(line + ".", title="Debriefed")

        everyone = [c for c in analysis.data.contacts if not c.archived]
        self.app.push_screen(DebriefForm(event, everyone, met, save), logged)

    def action_open(self) -> None:
        event = self.selected()
        if event is None:
            return
        if event.on >= self.app.snapshot.analysis.today and not event.met:
            self.action_prepare()
        else:
            self.action_debrief()

    def action_remove(self) -> None:
        event = self.selected()
        if event is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.write(
                    change(remove_event, event.id),
                    lambda removed: f"Removed {shown(removed.name)} (u takes it back).",
                    title="Events",
                )

        detail = "Its preparation goes; the meetings its debrief logged stay in the history."
        self.app.push_screen(Confirm(f"Remove {event.name}?", detail, "Remove"), answered)

    def _select(self, event_id: str) -> None:
        table = self.query_one("#events", DataTable)
        if event_id in table.rows:
            table.move_cursor(row=table.get_row_index(event_id))
        self.show_detail()


def event_story(standing: EventStanding, today: date, calendar: Calendar) -> Group:
    """One event: its day and place, its preparation, and who was met with their follow-ups.

    The preparation and the people met are laid out in columns, so a value too long
    for the panel wraps beside its label, not under it.
    """
    event = standing.event
    head = Text()
    head.append(shown(event.name), "bold")
    head.append(f"\n{short_day(event.on, today)} · {when(event.on, today)}")
    if event.where:
        head.append(" · " + shown(event.where))
    parts: list[RenderableType] = [head]
    details = _columns(LABEL)
    for label, value in (
        ("goal", event.goal),
        ("going", ", ".join(c.name for c in standing.know)),
        ("to meet", event.to_meet),
        ("your intro", event.intro),
        ("questions", event.questions),
        ("notes", event.notes),
    ):
        if value:
            details.add_row(Text(label, "dim"), Text(shown(value, multiline=True)))
    if details.row_count:
        parts.append(details)
    if standing.to_prepare:
        todo = Text("\nStill to prepare  ", "bold yellow")
        todo.append(", ".join(standing.to_prepare) + "  (e)", "yellow")
        parts.append(todo)
    elif standing.upcoming and not standing.met:
        parts.append(Text("\nPrepared.", "green"))
    if standing.met:
        parts.append(Text(f"\nMet {people(len(standing.met))}", "bold"))
        parts.append(Padding(_met(standing, today, calendar), (0, 0, 0, 2)))
    elif not standing.upcoming:
        parts.append(Text("\nNot debriefed yet: press b and type who you met.", "bold yellow"))
    return Group(*parts)


def _columns(first: int) -> Table:
    """Two columns: the first ``first`` cells wide (a label, a name), the rest wrapping."""
    grid = Table.grid()
    grid.add_column(width=first, no_wrap=True, overflow="ellipsis")
    grid.add_column(ratio=1)
    return grid


def _met(standing: EventStanding, today: date, calendar: Calendar) -> Table:
    """Each person met, and how their follow-up stands."""
    by_contact = {f.contact_id: f for f in standing.followups}
    names = [Text(shown(contact.name)) for contact in standing.met]
    grid = _columns(min(MET_NAME, max(name.cell_len for name in names) + 2))
    for contact, name in zip(standing.met, names, strict=True):
        followup = by_contact.get(contact.id)
        if followup is None:
            how = Text("")
        elif not followup.is_open:
            how = Text("followed up ✓", "green")
        else:
            due = short_day(followup.due, today)
            if status(followup, today, calendar) == OVERDUE:
                how = Text(f"follow-up overdue (due {due})", "bold red")
            else:
                how = Text(f"follow up by {due}")
        grid.add_row(name, how)
    return grid
