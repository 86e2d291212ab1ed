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
from textual.widgets import DataTable, Header, Static

from netrack import clock
from netrack.domain.dates import DateComing
from netrack.domain.getting_started import needs_guide
from netrack.domain.humanize import days_ago
from netrack.domain.keepintouch import last_touch_days
from netrack.domain.models import PLAN_DONE, PLAN_DROPPED, PLAN_OPEN
from netrack.domain.occasions import coming_up, seen_to_on
from netrack.domain.plans import kind_label, plan_kept, week_items
from netrack.domain.suggestions import plan_note, ranked
from netrack.domain.timeline import newest_first
from netrack.summaries import short_day
from netrack.tui.screens.base import DataScreen
from netrack.tui.state import Snapshot
from netrack.tui.text import cell
from netrack.tui.widgets.followup_table import FollowUpTable
from netrack.tui.widgets.footer import Footer
from netrack.tui.widgets.habit_bars import HabitBars
from netrack.tui.widgets.people_table import PeopleTable, logging_phrase
from netrack.tui.widgets.quick_log import KIND_KEYS, QuickLog, log_change
from netrack.tui.widgets.start_guide import StartGuide
from netrack.tui.widgets.tables import refill, room_beside, selected_key, wrapped
from netrack.tui.writes import change

# The coldest contacts only: a long contact list can have thousands going cold, and
# filling a table with them all made the screen slow to open (Contacts lists everyone).
COLD_SHOWN = 100
SUGGESTIONS_SHOWN = 8
# The reason is the point of a suggestion: one too long for the room beside the other
# lists goes on over the next lines (up to four) rather than being cut off.
WHY_LINES = 4
WHY_LEAST = 16  # narrower than this, a reason is split into slivers: it scrolls instead
NAME_MOST = 22  # columns for a name in Who next: the reasons beside it need the room
PLAN_BESIDE = ("", "contact", "do")  # the plan's columns before its note
NO_SCROLL_BAR = 2  # columns a table that grows with its rows does not give a scroll bar
CUT_LEAST = 8  # a note cut to one line keeps this much (with its ellipsis) before scrolling
PLAN_MARKS = {PLAN_DONE: ("✓", "green"), PLAN_DROPPED: ("✗", "dim")}
# Until the archived years are counted (read after the first paint), the lists that
# need them say so instead of showing people picked from the recent years alone.
WORKING_OUT = "working out… (reading past years)"


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


class ColdTable(PeopleTable):
    """Contacts past their keep-in-touch cadence."""


class ComingUpTable(PeopleTable):
    """Birthdays and other important dates from today to a week on."""


class TodayScreen(DataScreen):
    """The daily five minutes: see the week and its plan, log, act on what is due."""

    TITLE = "netrack · Today"
    # The form first: focusing the screen's scroll area, then the form, restyled every
    # widget on it twice before the first paint.
    AUTO_FOCUS = "#kind"
    _why_drawn_for = -1  # the terminal width the reasons were fitted to
    _side_drawn_for = (-1, -1)  # the terminal's and the right side's widths the lists fit
    _coming: tuple[object, list[DateComing]] = (None, [])  # the analysis, its dates coming

    BINDINGS = [
        *(
            Binding(key, f"kind('{kind}')", f"log {logging_phrase(kind)}", show=False)
            for kind, key in KIND_KEYS.items()
        ),
        Binding("l", "focus_form", "Log", tooltip="Go to the quick-log form"),
        Binding("n", "focus_next", "Who next", tooltip="Go to Who next: whom to contact now"),
        Binding("escape", "leave_field", "Leave field"),
    ]
    HELP_EXTRA = (PlanTable, FollowUpTable)
    WHOLE_HISTORY = False  # this week, streaks and keep-in-touch: recent actions and counts
    HELP_KEYS = (
        ("→", "accept the suggested contact name while typing it"),
        ("enter", "log what the form holds"),
    )

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="today"):
            yield HabitBars(len(self.app.snapshot.analysis.data.habits) or 1, id="habit-bars")
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
                    with Vertical(id="coming-box"):
                        yield Static("Coming up", classes="section-title")
                        yield ComingUpTable(id="coming")
                    yield Static("Get back in touch", id="cold-title", classes="section-title")
                    yield ColdTable(id="cold")
                    yield Static("This week", classes="section-title")
                    yield DataTable(id="week-actions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        plan = self.query_one("#plan", DataTable)
        for label in ("", "contact", "do", "note"):
            plan.add_column(label, key=label or "mark")
        week = self.query_one("#week-actions", DataTable)
        for label in ("when", "kind", "contact", "note"):
            week.add_column(label, key=label)
        suggested = self.query_one("#suggestions", DataTable)
        for label in ("contact", "do", "why"):
            suggested.add_column(label, key=label)
        followups = self.query_one("#followups", DataTable)
        for label in ("due", "contact", "what"):
            followups.add_column(label, key=label)
        self.query_one("#cold", DataTable).add_columns("contact", "last", "every")
        coming = self.query_one("#coming", DataTable)
        for label in ("when", "contact", "what"):
            coming.add_column(label, key=label)
        super().on_mount()
        self.query_one("#kind").focus()

    def draw(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        data = analysis.data
        self.query_one(HabitBars).show(analysis, snapshot.counted)
        self.query_one(QuickLog).show(analysis)
        guide = self.query_one(StartGuide)
        guide.display = needs_guide(data, analysis.calendar)
        if guide.display:
            guide.show(data)
        self._draw_plan(snapshot)
        self._draw_week(snapshot)
        self._draw_suggestions(snapshot)
        self._draw_followups(snapshot)
        self._draw_coming(snapshot)
        self._draw_cold(snapshot)
        self.call_after_refresh(self._fit_side)

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
            return
        # A long note is cut with an ellipsis rather than cut off where the half ends. The
        # plan grows with its rows: the room kept for a scroll bar is the note's too.
        beside = [(name, [row[at] for _, row in rows]) for at, name in enumerate(PLAN_BESIDE)]
        room = self._room(False, beside, least=CUT_LEAST) + NO_SCROLL_BAR
        refill(table, rows, widest={"note": room})

    def _draw_week(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        actions = newest_first(analysis.week_actions(analysis.current_week))
        whens = [cell(f"{action.at:%a %H:%M}") for action in actions]
        kinds = [cell(action.kind) for action in actions]
        names = [cell(analysis.contact_name(action.contact_id) or "—") for action in actions]
        rows: list[tuple[str | None, list[Text]]] = [
            (action.id, [when, kind, name, cell(action.note)])
            for action, when, kind, name in zip(actions, whens, kinds, names, strict=True)
        ]
        if not rows:
            names = [cell("nothing logged this week yet", "dim")]
            rows = [(None, [cell("—"), cell(""), names[0], cell("")])]
        cut = [Text(" " * min(NAME_MOST, max(n.cell_len for n in names)))]  # as in Who next
        beside = [("when", whens), ("kind", kinds), ("contact", cut)]
        widest = {"note": self._room(True, beside, least=CUT_LEAST), "contact": NAME_MOST}
        refill(self.query_one("#week-actions", DataTable), rows, widest=widest)

    def _draw_suggestions(self, snapshot: Snapshot) -> None:
        table = self.query_one("#suggestions", SuggestionTable)
        if not snapshot.counted:
            table.plan_hints = {}
            refill(table, [(None, [self._working_out(), cell(""), cell("")])])
            return
        # Who is owed a give is known from the archive's summary too.
        found = ranked(snapshot.analysis).first(SUGGESTIONS_SHOWN)
        table.plan_hints = {s.contact.id: (s.kind, plan_note(s, snapshot.analysis)) for s in found}
        names = [cell(s.contact.name) for s in found]
        kinds = [cell(s.kind) for s in found]
        # A long name is cut rather than squeezing the reasons, the point of the list.
        room = self._room(False, [("contact", [n[:NAME_MOST] for n in names]), ("do", kinds)])
        rows: list[tuple[str | None, list[Text]]] = []
        heights: dict[str, int] = {}
        for suggestion, name, kind in zip(found, names, kinds, strict=True):
            why, height = wrapped(cell(suggestion.why), room, self.app.console, WHY_LINES)
            if height > 1:
                heights[suggestion.contact.id] = height
            rows.append((suggestion.contact.id, [name, kind, why]))
        widest = {"why": room, "contact": NAME_MOST}
        if not rows:
            rows = [(None, [cell("nobody: nothing due, owed or cold", "dim"), cell(""), cell("")])]
            widest = {}
        refill(table, rows, widest=widest, heights=heights)
        self._why_drawn_for = self.app.size.width

    @staticmethod
    def _working_out() -> Text:
        return cell(WORKING_OUT, "dim italic")

    def _room(
        self, side: bool, columns: list[tuple[str, list[Text]]], least: int = WHY_LEAST
    ) -> int:
        """Columns left for the last column of a list on Today, after ``columns``: in the
        half of the screen it shares (``side``: the right one), or the whole width when
        the lists are stacked."""
        width = self.app.size.width - 2  # the scroll bar of the screen
        if self.app.size.width >= self.NARROW_BELOW:  # side by side, not stacked
            # The plan and Who next take at most half (see #week-box); the side the rest,
            # known once it is laid out.
            laid_out = self.query_one("#side-box").size.width
            width = (laid_out or width - width // 2) if side else width // 2
        return max(least, room_beside(width, columns))

    def on_resize(self) -> None:
        # The room for the plan's notes, the reasons and the dates depends on the width
        # (DataScreen sets "narrow" too).
        if self.app.size.width != self._why_drawn_for and self.shown_version >= 0:
            self._draw_plan(self.app.snapshot)
            self._draw_suggestions(self.app.snapshot)
            self.call_after_refresh(self._fit_side)  # once laid out

    def _fit_side(self) -> None:
        """Draw the lists on the right again when the room they were fitted to changed
        (it is known once the screen is laid out: the plan beside takes what it needs)."""
        if self._side_room() != self._side_drawn_for and self.shown_version >= 0:
            snapshot = self.app.snapshot
            self._draw_followups(snapshot)
            self._draw_coming(snapshot)
            self._draw_week(snapshot)

    def _side_room(self) -> tuple[int, int]:
        return self.app.size.width, self.query_one("#side-box").size.width

    def _draw_followups(self, snapshot: Snapshot) -> None:
        self._side_drawn_for = self._side_room()
        self.query_one("#followups", FollowUpTable).show(
            snapshot.analysis, partial(self._room, True, least=CUT_LEAST)
        )

    def _draw_coming(self, snapshot: Snapshot) -> None:
        """The dates of the next seven days, a row each, ticked once you were in touch
        for it (see ``occasions.seen_to_on``); hidden when there are none."""
        analysis = snapshot.analysis
        today = analysis.today
        if self._coming[0] is not analysis:  # drawn again once laid out: worked out once
            self._coming = (analysis, coming_up(analysis.data.contacts, today))
        coming = self._coming[1]
        touches = analysis.last_touches if coming and snapshot.counted else {}
        if coming and not snapshot.counted:
            # A tick needs a touch from a week before the date on: always a loaded one.
            touches = last_touch_days(analysis.by_week, analysis.calendar, today)

        def what(coming: DateComing) -> Text:
            if seen_to_on(coming, touches) is None:
                return cell(coming.phrase(today))
            return cell(f"{coming.phrase(today)} · ✓ in touch", "green")

        table = self.query_one("#coming", ComingUpTable)
        keys = [f"{d.contact_id}|{d.label}" for d in coming]
        table.people = {key: d.contact_id for key, d in zip(keys, coming, strict=True)}
        table.plan_hints = {
            key: ("reach-out", d.phrase(today)) for key, d in zip(keys, coming, strict=True)
        }
        days = [cell(short_day(d.on, today), "bold" if d.on == today else "") for d in coming]
        names = [cell(analysis.contact_name(d.contact_id) or "?") for d in coming]
        room = self._room(True, [("when", days), ("contact", names)])
        rows: list[tuple[str | None, list[Text]]] = []
        heights: dict[str, int] = {}
        for key, day, name, date in zip(keys, days, names, coming, strict=True):
            text, heights[key] = wrapped(what(date), room, self.app.console, WHY_LINES)
            rows.append((key, [day, name, text]))
        self.query_one("#coming-box").display = bool(rows)
        refill(table, rows, widest={"what": room}, heights=heights)

    def _draw_cold(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        table = self.query_one("#cold", ColdTable)
        if not snapshot.counted:
            table.plan_hints = {}
            refill(table, [(None, [self._working_out(), cell(""), cell("")])])
            return
        cold = analysis.going_cold()
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
        # In the title: as a row, it widened the names' column out of its half at 120.
        more = f"  … {len(cold) - COLD_SHOWN:,} more on Contacts (2, o: overdue)"
        title = "Get back in touch" + (more if len(cold) > COLD_SHOWN else "")
        self.query_one("#cold-title", Static).update(title)
        if not cold:
            rows.append((None, [cell("nobody is going cold", "dim"), cell(""), cell("")]))
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "leave_field" or self.focused is not None  # else nothing to leave

    @on(QuickLog.Submitted)
    def _log(self, event: QuickLog.Submitted) -> None:
        form = self.query_one(QuickLog)
        self.app.write(
            log_change(event.entry),
            done=form.logged,
            refused=partial(form.refused, event.entry),
            title="Logged",
        )

    @on(PlanTable.DropAsked)
    def _drop_plan_item(self, event: PlanTable.DropAsked) -> None:
        from netrack.operations.plans import Planned, drop_from_plan  # on first use

        def dropped(dropped: Planned) -> str:
            return f"Dropped {dropped.contact.name} from the plan."

        self.app.write(change(drop_from_plan, clock.now(), event.item_id), dropped, title="Plan")
