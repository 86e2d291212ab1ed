"""Today: this week's habits and plan, the quick-log form, and whom to get in touch with."""

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
from netrack.domain.getting_started import needs_guide
from netrack.domain.humanize import days_ago
from netrack.domain.models import PLAN_DONE, PLAN_DROPPED, PLAN_OPEN, Contact, FollowUp
from netrack.domain.plans import kind_label, plan_kept, week_items
from netrack.domain.suggestions import plan_note, suggestions
from netrack.domain.text import printable
from netrack.domain.timeline import newest_first
from netrack.operations.followups import Closed, close_followup, reopen_followup
from netrack.operations.plans import Planned, drop_from_plan
from netrack.summaries import short_day
from netrack.tui.screens.base import DataScreen
from netrack.tui.state import Snapshot
from netrack.tui.text import cell
from netrack.tui.widgets.habit_bars import HabitBars
from netrack.tui.widgets.people_table import PeopleTable
from netrack.tui.widgets.quick_log import KIND_KEYS, QuickLog, log_change
from netrack.tui.widgets.start_guide import StartGuide
from netrack.tui.widgets.tables import COLUMN_MAX, refill, selected_key
from netrack.tui.writes import change

# The coldest contacts only: a long contact list can have thousands going cold, and
# filling a table with them all made the screen slow to open (Contacts lists everyone).
COLD_SHOWN = 100
SUGGESTIONS_SHOWN = 8
# The reason is the point of a suggestion: one too long for the room beside the other
# lists goes on over a second line rather than being cut off.
WHY_LINES = 2
WHY_LEAST = 24  # narrower than this, a reason is split into slivers: it scrolls instead
PLAN_MARKS = {PLAN_DONE: ("✓", "green"), PLAN_DROPPED: ("✗", "dim")}


def _done_today(snapshot: Snapshot) -> list[FollowUp]:
    """Follow-ups marked done (or closed by a touch) today, the latest first."""
    analysis = snapshot.analysis
    done = [
        f
        for f in analysis.data.followups
        if f.closed is not None and analysis.calendar.day_of(f.closed) == analysis.today
    ]
    return sorted(done, key=lambda f: f.closed or f.created, reverse=True)


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


class PlanTable(PeopleTable):
    BINDINGS = [Binding("x", "drop", "Drop", tooltip="Drop the selected plan item")]

    @dataclass
    class DropAsked(Message):
        item_id: str

    def action_drop(self) -> None:
        item_id = selected_key(self)
        if item_id is not None:
            self.post_message(self.DropAsked(item_id))


class SuggestionTable(PeopleTable):
    """Whom to get in touch with now (``netrack next``)."""


class FollowUpTable(PeopleTable):
    """What is owed, then what was marked done today (so that it can be reopened)."""

    BINDINGS = [
        Binding("d", "done", "Done", tooltip="Mark the selected follow-up done (logs a follow-up)"),
        Binding("o", "reopen", "Reopen", tooltip="Reopen the selected follow-up marked done today"),
    ]

    @dataclass
    class DoneAsked(Message):
        followup_id: str

    @dataclass
    class ReopenAsked(Message):
        followup_id: str

    def action_done(self) -> None:
        followup_id = selected_key(self)
        if followup_id is not None:
            self.post_message(self.DoneAsked(followup_id))

    def action_reopen(self) -> None:
        followup_id = selected_key(self)
        if followup_id is not None:
            self.post_message(self.ReopenAsked(followup_id))


class ColdTable(PeopleTable):
    """Contacts past their keep-in-touch cadence."""


class TodayScreen(DataScreen):
    """The daily five minutes: see the week and its plan, log, act on what is due."""

    TITLE = "netrack · Today"
    _why_drawn_for = -1  # the terminal width the reasons were fitted to

    BINDINGS = [
        *(
            Binding(key, f"kind('{kind}')", f"log {_article(kind)} {kind}", show=False)
            for kind, key in KIND_KEYS.items()
        ),
        Binding("l", "focus_form", "Log", tooltip="Go to the quick-log form"),
        Binding("n", "focus_next", "Who next", tooltip="Go to Who next: whom to contact now"),
        Binding("escape", "leave_field", "Leave field"),
    ]
    HELP_EXTRA = (PlanTable, FollowUpTable)
    HELP_KEYS = (
        ("→", "accept the suggested contact name while typing it"),
        ("enter", "log what the form holds"),
    )

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="today"):
            yield HabitBars(id="habit-bars")
            yield QuickLog(id="quick-log")
            yield StartGuide(id="welcome")
            with Horizontal(id="today-lists"):
                with Vertical(id="week-box"):
                    yield Static(id="plan-title", classes="section-title")
                    yield PlanTable(id="plan")
                    yield Static(
                        "Who next (n)  p: plan · g r f m …: log · enter: open",
                        classes="section-title",
                    )
                    yield SuggestionTable(id="suggestions")
                with Vertical(id="side-box"):
                    yield Static("Follow-ups due  (d: done, o: reopen)", classes="section-title")
                    yield FollowUpTable(id="followups")
                    yield Static("Get back in touch", classes="section-title")
                    yield ColdTable(id="cold")
                    yield Static("This week", classes="section-title")
                    yield DataTable(id="week-actions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#plan", DataTable).add_columns("", "contact", "do", "note")
        self.query_one("#week-actions", DataTable).add_columns("when", "kind", "contact", "note")
        suggested = self.query_one("#suggestions", DataTable)
        for label in ("contact", "do", "why"):
            suggested.add_column(label, key=label)
        self.query_one("#followups", DataTable).add_columns("due", "contact", "what")
        self.query_one("#cold", DataTable).add_columns("contact", "last", "every")
        super().on_mount()
        self.query_one("#kind").focus()

    def draw(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        data = analysis.data
        self.query_one(HabitBars).show(analysis)
        self.query_one(QuickLog).show(analysis)
        guide = self.query_one(StartGuide)
        guide.display = needs_guide(data, analysis.calendar)
        if guide.display:
            guide.show(data)
        self._draw_plan(snapshot)
        self._draw_week(snapshot)
        self._draw_suggestions(snapshot)
        self._draw_followups(snapshot)
        self._draw_cold(snapshot)

    def _draw_plan(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        week = analysis.current_week
        items = week_items(analysis.data.plans, week)
        kept = plan_kept(items, week)
        title = "This week's plan"
        if kept.planned:
            title += f"  {kept.done} of {kept.planned} done"
        self.query_one("#plan-title", Static).update(f"{title}  (x: drop)")
        table = self.query_one("#plan", PlanTable)
        table.people = {item.id: item.contact_id for item in items}
        table.plan_hints = {}
        rows: list[tuple[str | None, list[Text]]] = []
        for item in items:
            mark, style = PLAN_MARKS.get(item.status, ("·", ""))
            faded = "dim" if item.status != PLAN_OPEN else ""
            rows.append(
                (
                    item.id,
                    [
                        cell(mark, style),
                        cell(analysis.contact_name(item.contact_id) or "?", faded),
                        cell(kind_label(item.kind), faded),
                        cell(item.note, faded),
                    ],
                )
            )
        if not rows:
            hint = "nothing planned: p on a person adds them"
            rows = [(None, [cell(""), cell(hint, "dim"), cell(""), cell("")])]
        refill(table, rows)

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

    def _draw_suggestions(self, snapshot: Snapshot) -> None:
        found = suggestions(snapshot.analysis)[:SUGGESTIONS_SHOWN]
        table = self.query_one("#suggestions", SuggestionTable)
        table.plan_hints = {s.contact.id: (s.kind, plan_note(s, snapshot.analysis)) for s in found}
        names = [cell(s.contact.name) for s in found]
        kinds = [cell(s.kind) for s in found]
        room = self._why_room(names, kinds)
        rows: list[tuple[str | None, list[Text]]] = []
        heights: dict[str, int] = {}
        for suggestion, name, kind in zip(found, names, kinds, strict=True):
            why = cell(suggestion.why)
            if why.cell_len > room:
                why = Text(why.plain, no_wrap=False, overflow="ellipsis")
                heights[suggestion.contact.id] = WHY_LINES
            rows.append((suggestion.contact.id, [name, kind, why]))
        if not rows:
            rows = [(None, [cell("nobody: nothing due, owed or cold", "dim"), cell(""), cell("")])]
        refill(table, rows, widest={"why": room}, heights=heights)
        self._why_drawn_for = self.app.size.width

    def _why_room(self, names: list[Text], kinds: list[Text]) -> int:
        """Columns left for the reasons, beside the other lists (or below them, when narrow)."""
        width = self.app.size.width - 2  # the scroll bar of the screen
        if width >= self.NARROW_BELOW:
            width //= 2  # the plan and Who next take at most half: see #week-box
        taken = sum(
            min(COLUMN_MAX, max([len(label), *(c.cell_len for c in column)]))
            for label, column in (("contact", names), ("do", kinds))
        )
        padding = 2 * 3 + 2  # each column's padding, and the table's scroll bar
        return max(WHY_LEAST, width - taken - padding)

    def on_resize(self) -> None:
        # The room for the reasons depends on the width (DataScreen sets "narrow" too).
        if self.app.size.width != self._why_drawn_for and self.shown_version >= 0:
            self._draw_suggestions(self.app.snapshot)

    def _draw_followups(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        owed = open_followups(analysis.data.followups)
        done = _done_today(snapshot)
        table = self.query_one("#followups", FollowUpTable)
        table.people = {f.id: f.contact_id for f in [*owed, *done]}
        table.plan_hints = {f.id: ("follow-up", f.text) for f in owed}
        rows = []
        for followup in owed:
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
        for followup in done:
            rows.append(
                (
                    followup.id,
                    [
                        cell("✓ done", "green"),
                        cell(analysis.contact_name(followup.contact_id) or "?", "dim"),
                        cell(followup.text, "dim"),
                    ],
                )
            )
        refill(table, rows)

    def _draw_cold(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        cold = analysis.going_cold()
        table = self.query_one("#cold", ColdTable)
        table.plan_hints = {t.contact.id: ("reach-out", "") for t in cold[:COLD_SHOWN]}
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
            more = f"… {len(cold) - COLD_SHOWN:,} more on Contacts (2, o: overdue)"
            rows.append((None, [cell(more, "dim"), cell(""), cell("")]))
        refill(table, rows)

    # Actions ----------------------------------------------------------------------------

    def action_kind(self, kind: str) -> None:
        self.query_one(QuickLog).choose_kind(kind)

    def action_focus_form(self) -> None:
        self.set_focus(self.query_one("#contact"))

    def action_focus_next(self) -> None:
        # From there shift+tab reaches the plan and tab the other lists.
        self.set_focus(self.query_one("#suggestions"))

    def action_leave_field(self) -> None:
        self.set_focus(None)

    @on(QuickLog.Submitted)
    def _log(self, event: QuickLog.Submitted) -> None:
        form = self.query_one(QuickLog)
        self.app.write(
            log_change(event.entry),
            done=form.logged,
            refused=partial(form.refused, event.entry),
            title="Logged",
        )

    def _followup(self, followup_id: str) -> FollowUp | None:
        return next((f for f in self.app.snapshot.data.followups if f.id == followup_id), None)

    @on(FollowUpTable.DoneAsked)
    def _mark_done(self, event: FollowUpTable.DoneAsked) -> None:
        followup = self._followup(event.followup_id)
        if followup is not None and not followup.is_open:
            self.app.say("Done already; o reopens it.", title="Follow-up")
            return

        def closed(closed: Closed) -> str:
            line = f"Done: {printable(closed.followup.text)} ({closed.kept})"
            if closed.action is not None and closed.contact is not None:
                line += f" · logged a follow-up with {printable(closed.contact.name)}"
            return line + " · o reopens, u undoes"

        self.app.write(
            change(close_followup, clock.now(), event.followup_id), closed, title="Follow-up"
        )

    @on(FollowUpTable.ReopenAsked)
    def _reopen(self, event: FollowUpTable.ReopenAsked) -> None:
        followup = self._followup(event.followup_id)
        if followup is None or followup.is_open:
            self.app.say("That follow-up is open: d marks it done.", title="Follow-up")
            return

        def reopened(result: tuple[FollowUp, Contact | None]) -> str:
            return f"Reopened: {printable(result[0].text)} (the follow-up logged stays)"

        self.app.write(change(reopen_followup, event.followup_id), reopened, title="Follow-up")

    @on(PlanTable.DropAsked)
    def _drop_plan_item(self, event: PlanTable.DropAsked) -> None:
        def dropped(dropped: Planned) -> str:
            return f"Dropped {dropped.contact.name} from the plan."

        self.app.write(change(drop_from_plan, clock.now(), event.item_id), dropped, title="Plan")
