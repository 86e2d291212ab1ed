"""Adding one person to a week's plan: what to do for them, a note, which week."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from netrack import clock
from netrack.domain.analysis import Analysis
from netrack.domain.habits import habit_kinds
from netrack.domain.kinds import BUILTIN_KINDS
from netrack.domain.models import Contact
from netrack.domain.plans import ANY_KIND
from netrack.domain.weeks import Week
from netrack.errors import NetrackError
from netrack.operations.plans import Planned, add_to_plan
from netrack.tui.text import plain
from netrack.tui.widgets.form_screen import form_buttons, form_row
from netrack.tui.widgets.kind_picker import KindPicker
from netrack.tui.widgets.quick_log import KIND_KEYS
from netrack.tui.writes import change

if TYPE_CHECKING:
    from netrack.tui.app import NetrackApp


def planned_line(planned: Planned) -> str:
    """``Planned give → Dana Lee for 2026-W47.``"""
    kind = planned.item.kind or ANY_KIND
    return f"Planned {kind} → {planned.contact.name} for {planned.item.week}."


class PlanDialog(ModalScreen[Planned | None]):
    """Plan to get in touch with ``contact``; dismissed with the new item, or None."""

    if TYPE_CHECKING:
        app = getters.app(NetrackApp)  # for the type checker (the app imports this module)

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        *(Binding(key, f"kind('{kind}')", kind, show=False) for kind, key in KIND_KEYS.items()),
    ]

    def __init__(
        self,
        contact: Contact,
        analysis: Analysis,
        kind: str | None = None,
        note: str = "",
        week: Week | None = None,
    ) -> None:
        super().__init__()
        self.contact = contact
        self.analysis = analysis
        self.kind = kind or ANY_KIND
        self.note = note
        self.week = week or analysis.current_week

    def compose(self) -> ComposeResult:
        own = sorted(habit_kinds(self.analysis.data.habits) - set(BUILTIN_KINDS))
        kinds = [
            (ANY_KIND, ""),
            *((k, KIND_KEYS[k]) for k in BUILTIN_KINDS),
            *((k, "") for k in own),
        ]
        this_week = self.analysis.current_week
        weeks = [
            (f"this week ({this_week.label})", this_week.label),
            (f"next week ({this_week.shifted(1).label})", this_week.shifted(1).label),
        ]
        with Vertical(classes="dialog", id="plan-dialog"):
            yield Static(plain(f"Plan: {self.contact.name}"), classes="dialog-title")
            yield Static(
                "What will you do for them? Logging it that week ticks it off.", classes="hint"
            )
            yield form_row("Kind", KindPicker(kinds, id="plan-kind"))
            note = Input(self.note, id="plan-note", placeholder="e.g. send the hiring deck")
            yield form_row("Note", note)
            week = Select(weeks, value=self.week.label, allow_blank=False, id="plan-week")
            yield form_row("Week", week)
            yield Static(id="plan-error", classes="error")
            yield form_buttons(("Plan", "plan-save"), ("Cancel", "plan-cancel"))

    def on_mount(self) -> None:
        picker = self.query_one("#plan-kind", KindPicker)
        picker.choose(self.kind)
        # Nothing suggested: the kind is the first thing to decide, with one key.
        (picker if self.kind == ANY_KIND else self.query_one("#plan-note", Input)).focus()

    def action_kind(self, kind: str) -> None:
        """Pick ``kind`` and go on to the note (as the kind keys do on Today)."""
        self.query_one("#plan-kind", KindPicker).choose(kind)
        self.query_one("#plan-note", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#plan-save")
    def _save(self) -> None:
        """Hand the item to the app's write path; close once it is planned."""
        kind = self.query_one("#plan-kind", KindPicker).kind
        week = str(self.query_one("#plan-week", Select).value)
        plan = change(
            add_to_plan,
            clock.now(),
            None,
            kind=kind,
            note=self.query_one("#plan-note", Input).value,
            week=self.analysis.calendar.week_labelled(week),
            contact_id=self.contact.id,
        )

        def planned(planned: Planned) -> str:
            if self.is_attached and self.app.screen is self:
                self.dismiss(planned)
            return planned_line(planned)

        def refused(error: NetrackError) -> None:
            self.query_one("#plan-error", Static).update(plain(str(error)))

        self.query_one("#plan-error", Static).update("")
        self.app.write(plan, planned, refused, title="Plan")

    @on(Button.Pressed, "#plan-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
