"""Planning the coming week in the review: carry over or drop, and pick from suggestions.

Shown under the review of this week or last week. The target is the week after the one
reviewed (never a week that is over): its plan so far, the week before's items still
open (``c`` carries one over, ``x`` drops it), and the suggestions for it (``space``
adds one with its suggested kind). Every list here is a list of people, so the kind
keys, ``p`` and Enter work as everywhere else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from netrack import clock
from netrack.domain.analysis import Analysis
from netrack.domain.models import PLAN_DONE, PLAN_DROPPED, PLAN_OPEN
from netrack.domain.plans import covers, kind_label, left_open, week_items
from netrack.domain.review import WeekReview
from netrack.domain.suggestions import plan_note, suggestions
from netrack.domain.weeks import Week
from netrack.operations.plans import Planned, add_to_plan, carry_over, drop_from_plan
from netrack.summaries import percent
from netrack.tui.text import cell
from netrack.tui.text import shown as shown_text
from netrack.tui.widgets.people_table import PeopleTable
from netrack.tui.widgets.plan_dialog import planned_line
from netrack.tui.widgets.tables import refill, selected_key
from netrack.tui.writes import change

if TYPE_CHECKING:
    from netrack.tui.app import NetrackApp

SUGGESTED = 10
MARKS = {PLAN_DONE: "✓", PLAN_DROPPED: "✗"}


def plan_text(review: WeekReview, analysis: Analysis) -> Text:
    """The review's plan panel: plan kept this week and the weeks before, and its items."""
    kept = review.plan_kept
    text = Text("Plan kept  ", "bold")
    if kept.planned:
        text.append(f"{kept.done} of {kept.planned} done ({percent(kept.share)})")
    else:
        text.append("nothing planned", "dim")
    if kept.dropped:
        text.append(f" · {kept.dropped} dropped", "dim")
    text.append("\n")
    for week, week_kept in review.plan:
        label = week.label.split("-")[1]
        shown = f"{week_kept.done}/{week_kept.planned}" if week_kept.planned else "–"
        full = week_kept.planned and week_kept.done == week_kept.planned
        text.append(f"  {label} ", "dim")
        text.append(f"{shown:<5}", "green" if full else "")
    text.append("\n")
    over = review.week < analysis.current_week
    for item in week_items(analysis.data.plans, review.week):
        missed = over and item.status == PLAN_OPEN
        text.append(
            f"  {MARKS.get(item.status, '·')} ", "green" if item.status == PLAN_DONE else ""
        )
        text.append(f"{shown_text(analysis.contact_name(item.contact_id) or '?'):<20} ")
        text.append(f"{kind_label(item.kind):<10} ", "dim")
        text.append(shown_text(item.note))
        if missed:
            text.append("  missed", "red")
        text.append("\n")
    text.rstrip()
    return text


def picker_week(reviewed: Week, current: Week) -> Week | None:
    """The week to plan from the review of ``reviewed``; None for older reviews."""
    if reviewed < current.shifted(-1):
        return None
    return max(reviewed.shifted(1), current)


class CarryTable(PeopleTable):
    """The week before's open items: carry each over or drop it."""

    BINDINGS = [
        Binding("c", "carry", "Carry over", tooltip="Carry the item over to the week planned"),
        Binding("x", "drop", "Drop", tooltip="Drop the item on purpose"),
    ]

    def action_carry(self) -> None:
        self.query_ancestor(PlanPicker).carry()

    def action_drop(self) -> None:
        self.query_ancestor(PlanPicker).drop()


class PickTable(PeopleTable):
    """Suggestions for the week planned."""

    BINDINGS = [
        Binding("space", "pick", "Add", tooltip="Add the person to the plan, as suggested"),
    ]

    def action_pick(self) -> None:
        self.query_ancestor(PlanPicker).pick()


class PlanPicker(Vertical):
    """The coming week's plan, and what to put in it."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.week: Week | None = None
        self.analysis: Analysis | None = None
        # After space adds someone, the people listed below them: the cursor moves on to
        # the first still suggested (the one added may stay, for another kind).
        self._below_pick: list[str] = []

    @property
    def netrack(self) -> NetrackApp:
        return cast("NetrackApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="picker-title", classes="section-title")
        with Vertical(classes="picker-part"):
            yield Static(id="planned-title", classes="hint")
            yield PeopleTable(id="picker-planned")
        with Vertical(classes="picker-part"):
            yield Static(id="carry-title", classes="hint")
            yield CarryTable(id="picker-carry")
        with Vertical(classes="picker-part"):
            yield Static(id="pick-title", classes="hint")
            yield PickTable(id="picker-suggestions")

    def on_mount(self) -> None:
        self.query_one("#picker-planned", PeopleTable).add_columns("", "contact", "do", "note")
        self.query_one("#picker-carry", PeopleTable).add_columns("contact", "do", "note")
        suggested = self.query_one("#picker-suggestions", PeopleTable)
        for label in ("contact", "do", "why"):
            suggested.add_column(label, key=label)

    def show(self, analysis: Analysis, reviewed: Week) -> None:
        """Fill the picker for the review of ``reviewed`` (hidden for older weeks)."""
        self.analysis = analysis
        self.week = picker_week(reviewed, analysis.current_week)
        self.display = self.week is not None
        if self.week is None:
            return
        week = self.week
        name = analysis.contact_name
        title = Text(f"Plan {week.label}", "bold")
        title.append("  c carry over · x drop · space add · p plan with a note", "dim")
        self.query_one("#picker-title", Static).update(title)

        planned = week_items(analysis.data.plans, week)
        table = self.query_one("#picker-planned", PeopleTable)
        table.people = {p.id: p.contact_id for p in planned}
        rows = [
            (
                p.id,
                [
                    cell(MARKS.get(p.status, "·")),
                    cell(name(p.contact_id) or "?"),
                    cell(kind_label(p.kind)),
                    cell(p.note),
                ],
            )
            for p in planned
        ]
        self.query_one("#planned-title", Static).update(
            f"In the plan for {week.label}: {len(planned)}" if planned else "Nothing planned yet"
        )
        refill(table, rows)

        before = week.shifted(-1)
        waiting = left_open(analysis.data.plans, before)
        carry = self.query_one("#picker-carry", CarryTable)
        carry.people = {p.id: p.contact_id for p in waiting}
        carry.plan_hints = {p.id: (p.kind, p.note) for p in waiting}
        self.query_one("#carry-title", Static).update(
            f"Still open from {before.label}: carry over (c) or drop (x)"
            if waiting
            else f"Nothing left open from {before.label}"
        )
        if carry.has_focus and not waiting:
            # The last item was carried or dropped: go on to the suggestions.
            self.query_one("#picker-suggestions", PickTable).focus()
        carry.display = bool(waiting)
        refill(
            carry,
            [
                (p.id, [cell(name(p.contact_id) or "?"), cell(kind_label(p.kind)), cell(p.note)])
                for p in waiting
            ],
        )

        # People waiting to be carried over are shown once, there.
        found = [
            s
            for s in suggestions(analysis, week=week)
            if not any(p.contact_id == s.contact.id and covers(p, s.kind) for p in waiting)
        ][:SUGGESTED]
        pick = self.query_one("#picker-suggestions", PickTable)
        pick.plan_hints = {s.contact.id: (s.kind, plan_note(s, analysis)) for s in found}
        self.query_one("#pick-title", Static).update(
            "Suggested (space adds, as suggested)" if found else "No suggestions"
        )
        refill(
            pick,
            [(s.contact.id, [cell(s.contact.name), cell(s.kind), cell(s.why)]) for s in found],
            widest={"why": 72},
        )
        below, self._below_pick = self._below_pick, []
        following = next((key for key in below if key in pick.rows), None)
        if following is not None:
            pick.move_cursor(row=pick.get_row_index(following), animate=False)

    def enter(self) -> None:
        """Bring the picker into view, on the items to carry over or else the suggestions."""
        carry = self.query_one("#picker-carry", CarryTable)
        first = carry if carry.display else self.query_one("#picker-suggestions", PickTable)
        first.focus()
        self.scroll_visible(top=True, animate=False)

    # Changing the plan (each is one operation; the app redraws after it) ----------------------

    def carry(self) -> None:
        item_id = selected_key(self.query_one("#picker-carry", CarryTable))
        if item_id is None or self.week is None:
            return

        def carried(carried: list[Planned]) -> str:
            return "Carried over: " + "; ".join(planned_line(p) for p in carried)

        carry = change(carry_over, clock.now(), self.week, [item_id])
        self.netrack.write(carry, carried, title="Plan")

    def drop(self) -> None:
        item_id = selected_key(self.query_one("#picker-carry", CarryTable))
        if item_id is None:
            return

        def dropped(dropped: Planned) -> str:
            return f"Dropped {dropped.contact.name} from the plan."

        self.netrack.write(change(drop_from_plan, clock.now(), item_id), dropped, title="Plan")

    def pick(self) -> None:
        table = self.query_one("#picker-suggestions", PickTable)
        contact_id = selected_key(table)
        if contact_id is None or self.week is None:
            return
        kind, note = table.plan_hints.get(contact_id, (None, ""))
        plan = change(
            add_to_plan,
            clock.now(),
            None,
            kind=kind,
            note=note,
            week=self.week,
            contact_id=contact_id,
        )
        below = table.ordered_rows[table.cursor_row + 1 :]
        self._below_pick = [row.key.value for row in below if row.key.value is not None]
        self.netrack.write(plan, planned_line, title="Plan")
