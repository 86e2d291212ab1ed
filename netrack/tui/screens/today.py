"""Today: this week's habits, the quick-log form, and what needs doing."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from netrack import clock
from netrack.domain.followups import OVERDUE, open_followups, status
from netrack.domain.humanize import days_ago
from netrack.domain.kinds import REACH_OUT
from netrack.domain.text import printable
from netrack.domain.timeline import newest_first
from netrack.operations.entries import Logged, log_action
from netrack.operations.followups import Closed, close_followup
from netrack.summaries import logged_line, short_day
from netrack.tui.screens.base import DataScreen
from netrack.tui.state import Snapshot
from netrack.tui.text import cell
from netrack.tui.widgets.habit_bars import HabitBars
from netrack.tui.widgets.quick_log import KIND_KEYS, QuickLog
from netrack.tui.widgets.tables import refill, selected_key
from netrack.tui.writes import change

WELCOME = (
    "Welcome to netrack. Log what you do for your network, a few times a week:\n"
    "  1. press g (give), r (reach out), m (meet) ... to pick a kind\n"
    "  2. type a name (a new name adds a contact), a note, then Enter\n"
    'From the shell: netrack give "Dana Lee" sent the hiring deck\n'
    "Press ? for every key, 3 for the weekly review."
)


# The coldest contacts only: a long contact list can have thousands going cold, and
# filling a table with them all made the screen slow to open (Contacts lists everyone).
COLD_SHOWN = 100


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


class FollowUpTable(DataTable):
    BINDINGS = [Binding("d", "done", "Done", tooltip="Mark the selected follow-up done")]

    @dataclass
    class DoneAsked(Message):
        followup_id: str

    def action_done(self) -> None:
        followup_id = selected_key(self)
        if followup_id is not None:
            self.post_message(self.DoneAsked(followup_id))


class ColdTable(DataTable):
    BINDINGS = [
        Binding("r", "reach_out", "Reach out", tooltip="Log a reach-out to them now"),
        Binding(
            "enter", "prefill", "Reach out…", show=False, tooltip="Reach out with a note (form)"
        ),
    ]

    @dataclass
    class ReachOutAsked(Message):
        contact_id: str
        with_note: bool  # put them in the form rather than log at once

    def action_reach_out(self) -> None:
        self._ask(with_note=False)

    def action_prefill(self) -> None:
        self._ask(with_note=True)

    def _ask(self, with_note: bool) -> None:
        contact_id = selected_key(self)
        if contact_id is not None:
            self.post_message(self.ReachOutAsked(contact_id, with_note))


class TodayScreen(DataScreen):
    """The daily five minutes: see the week, log what happened, act on what is due."""

    TITLE = "netrack · Today"

    BINDINGS = [
        *(
            Binding(key, f"kind('{kind}')", f"log {_article(kind)} {kind}", show=False)
            for kind, key in KIND_KEYS.items()
        ),
        Binding("l", "focus_form", "Log", tooltip="Go to the quick-log form"),
        Binding("escape", "leave_field", "Leave field"),
    ]
    HELP_EXTRA = (FollowUpTable, ColdTable)
    WHOLE_HISTORY = False  # this week, streaks and keep-in-touch: recent actions and counts
    HELP_KEYS = (
        ("→", "accept the suggested contact name while typing it"),
        ("enter", "log what the form holds"),
    )

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="today"):
            yield HabitBars(id="habit-bars")
            yield QuickLog(id="quick-log")
            yield Static(WELCOME, id="welcome", markup=False)
            with Horizontal(id="today-lists"):
                with Vertical(id="week-box"):
                    yield Static("This week", classes="section-title")
                    yield DataTable(id="week-actions", cursor_type="row", zebra_stripes=True)
                with Vertical(id="side-box"):
                    yield Static("Follow-ups due  (d: done)", classes="section-title")
                    yield FollowUpTable(id="followups", cursor_type="row")
                    yield Static("Get back in touch  (r: log reach-out)", classes="section-title")
                    yield ColdTable(id="cold", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#week-actions", DataTable).add_columns("when", "kind", "contact", "note")
        self.query_one("#followups", DataTable).add_columns("due", "contact", "what")
        self.query_one("#cold", DataTable).add_columns("contact", "last", "every")
        super().on_mount()
        self.query_one("#kind").focus()

    def draw(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        data = analysis.data
        self.query_one(HabitBars).show(analysis)
        self.query_one(QuickLog).show(analysis)
        self.query_one("#welcome").display = not data.actions and not data.contacts
        self._draw_week(snapshot)
        self._draw_followups(snapshot)
        self._draw_cold(snapshot)

    def _draw_week(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        actions = newest_first(analysis.week_actions(analysis.current_week))
        rows: list[tuple[str | None, list[Text | str]]] = [
            (
                action.id,
                [
                    cell(f"{action.at:%a %H:%M}"),
                    cell(action.kind),
                    cell(analysis.contact_name(action.contact_id) or "—"),
                    cell(action.note),
                ],
            )
            for action in actions
        ]
        if not rows:
            rows = [(None, [cell("—"), cell(""), cell("nothing logged this week yet", "dim"), ""])]
        refill(self.query_one("#week-actions", DataTable), rows)

    def _draw_followups(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        rows = []
        for followup in open_followups(analysis.data.followups):
            state = status(followup, analysis.today, analysis.calendar)
            style = "bold red" if state == OVERDUE else ""
            rows.append(
                (
                    followup.id,
                    [
                        cell(short_day(followup.due), style),
                        cell(analysis.contact_name(followup.contact_id) or "?"),
                        cell(followup.text),
                    ],
                )
            )
        refill(self.query_one("#followups", FollowUpTable), rows)

    def _draw_cold(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        cold = analysis.going_cold()
        rows: list[tuple[str | None, list]] = [
            (
                touch.contact.id,
                [
                    cell(touch.contact.name),
                    cell(
                        days_ago(touch.last_touch, analysis.today) if touch.last_touch else "never"
                    ),
                    cell(f"{touch.cadence}d"),
                ],
            )
            for touch in cold[:COLD_SHOWN]
        ]
        if len(cold) > COLD_SHOWN:
            more = f"… {len(cold) - COLD_SHOWN:,} more on Contacts (2)"
            rows.append((None, [cell(more, "dim"), cell(""), cell("")]))
        refill(self.query_one("#cold", ColdTable), rows)

    # Actions ----------------------------------------------------------------------------

    def action_kind(self, kind: str) -> None:
        self.query_one(QuickLog).choose_kind(kind)

    def action_focus_form(self) -> None:
        self.set_focus(self.query_one("#contact"))

    def action_leave_field(self) -> None:
        self.set_focus(None)

    @on(QuickLog.Submitted)
    def _log(self, event: QuickLog.Submitted) -> None:
        entry = event.entry
        form = self.query_one(QuickLog)
        self.app.write(
            change(
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
            ),
            done=form.logged,
            refused=partial(form.refused, entry),
            title="Logged",
        )

    @on(FollowUpTable.DoneAsked)
    def _mark_done(self, event: FollowUpTable.DoneAsked) -> None:
        def closed(closed: Closed) -> str:
            return f"Done: {printable(closed.followup.text)} ({closed.kept})"

        self.app.write(
            change(close_followup, clock.now(), event.followup_id), closed, title="Follow-up"
        )

    @on(ColdTable.ReachOutAsked)
    def _reach_out(self, event: ColdTable.ReachOutAsked) -> None:
        if event.with_note:
            contact = self.app.snapshot.analysis.contacts_by_id.get(event.contact_id)
            if contact is not None:
                self.query_one(QuickLog).prefill(REACH_OUT, contact.name, contact.id)
            return

        def logged(logged: Logged) -> str:
            return logged_line(logged.outcome, logged.progress, clock.now().date())

        self.app.write(
            change(
                log_action, clock.now(), kind=REACH_OUT, contact=None, contact_id=event.contact_id
            ),
            logged,
            title="Logged",
        )
