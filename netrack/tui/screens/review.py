"""Review: one week at a time, and a place to reflect on it."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Header, Input, Label, Static, TextArea

from netrack import clock
from netrack.domain.humanize import cold_phrase, plural
from netrack.domain.kinds import channel_mix
from netrack.domain.models import WeekNote
from netrack.domain.review import WeekReview, week_review
from netrack.domain.weeks import Week
from netrack.domain.when import parse_week
from netrack.errors import NetrackError, UsageError
from netrack.operations.weeks import update_week_note
from netrack.summaries import percent, short_day, signed
from netrack.tui.past import OldReviews
from netrack.tui.screens.base import DataScreen
from netrack.tui.state import Snapshot
from netrack.tui.text import cell, phrase, shown
from netrack.tui.widgets.charts import give_take_chart
from netrack.tui.widgets.footer import Footer
from netrack.tui.widgets.habit_bars import STATUS_STYLE, bar_text
from netrack.tui.widgets.plan_picker import CarryTable, PickTable, PlanPicker, plan_text
from netrack.tui.writes import change

LIST_SHOWN = 5


class ReviewScreen(DataScreen):
    """The weekly review: habits, give and take, follow-ups, people, channels, reflection."""

    TITLE = "netrack · Review"
    HELP_EXTRA = (CarryTable, PickTable)

    BINDINGS = [
        Binding("left_square_bracket", "week(-1)", "Previous week"),
        Binding("right_square_bracket", "week(1)", "Next week"),
        Binding("t", "this_week", "This week"),
        Binding("w", "write", "Reflect"),
        Binding("p", "plan", "Plan next", tooltip="Go to the picker that plans the coming week"),
        Binding("ctrl+s", "save", "Save reflection"),
        Binding("escape", "leave_editor", "Leave editor", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.week: Week | None = None
        self._shown_text = ("", "")  # the reflection and focus as last put in the editor
        self._old_reviews = OldReviews(
            self, lambda: self.draw(self.app.snapshot, reset_editor=True)
        )

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="review"):
            yield Static(id="review-title", classes="title")
            yield DataTable(id="review-habits", cursor_type="none", show_cursor=False)
            with Horizontal(id="review-middle"):
                yield Static(id="review-reciprocity", classes="panel")
                yield Static(id="review-people", classes="panel")
            yield Static(id="review-followups", classes="panel")
            yield Static(id="review-plan", classes="panel")
            yield PlanPicker(id="plan-picker")
            with Vertical(id="reflection-box"):
                yield Label("Reflection: what worked, what did not (w to write, ^s to save)")
                yield TextArea(id="reflection", soft_wrap=True)
                with Horizontal(classes="form-row"):
                    yield Label("Next focus", classes="field-label")
                    yield Input(id="focus", placeholder="one thing to focus on next week")
                    yield Button("Save", id="save-reflection", variant="primary")
                yield Static(id="reflection-state", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-habits", DataTable).add_columns(
            "habit", "this week", "", "status", "streak", "best", "strength"
        )
        week_text = self.app.review_week
        analysis = self.app.snapshot.analysis
        try:
            self.week = parse_week(week_text, analysis.calendar, analysis.now)
        except UsageError as error:
            self.app.say(str(error), severity="error")
            self.week = analysis.current_week
        super().on_mount()

    # Drawing ----------------------------------------------------------------------------

    def draw(self, snapshot: Snapshot, reset_editor: bool = False) -> None:
        analysis = snapshot.analysis
        if self.week is None:
            self.week = analysis.current_week
        if analysis.reviews(self.week):
            review: WeekReview | None = week_review(analysis, self.week)
        else:  # a week of the archived years: worked out off the UI thread
            review = self._old_reviews.of(snapshot, self.week)
        self.query_one("#review", VerticalScroll).loading = review is None
        if review is None:
            return
        self._draw_title(review)
        self._draw_habits(review, snapshot)
        self.query_one("#review-reciprocity", Static).update(self._reciprocity(review))
        self.query_one("#review-people", Static).update(self._people(review))
        self.query_one("#review-followups", Static).update(self._followups(review, snapshot))
        self.query_one("#review-plan", Static).update(plan_text(review, snapshot.analysis))
        self.query_one(PlanPicker).show(snapshot.analysis, self.week)
        self._draw_reflection(review, reset_editor)

    def _draw_title(self, review: WeekReview) -> None:
        week = review.week
        parts: list[str | tuple[str, str]] = [
            ("Week ", "bold"),
            (week.label, "bold cyan"),
            f"  {short_day(week.start)} – {short_day(week.end, week.start)}",
        ]
        if review.is_current:
            days = f"{plural(review.days_left, 'day')}"
            parts.append((f"  · this week, {days} left", "italic"))
        elif week > self.app.snapshot.analysis.current_week:
            parts.append(("  · not yet", "italic"))
        if review.skipped:
            reason = review.note.skip_reason if review.note else ""
            parts.append(("  · skipped" + (f" ({shown(reason)})" if reason else ""), "blue"))
        title = phrase(*parts)
        self.query_one("#review-title", Static).update(title)

    def _draw_habits(self, review: WeekReview, snapshot: Snapshot) -> None:
        table = self.query_one("#review-habits", DataTable)
        table.clear()
        for record in review.habits:
            hw = record.week(review.week, snapshot.analysis.tally)
            table.add_row(
                cell(record.habit.name, "bold"),
                bar_text(hw.count, hw.target),
                f"{hw.count}/{hw.target}",
                Text(hw.status, STATUS_STYLE.get(hw.status, "dim")),
                str(record.current_streak),
                str(record.best_streak),
                percent(record.strength),
            )

    def _reciprocity(self, review: WeekReview) -> Text:
        b, total = review.reciprocity, review.all_time
        text = Text("Give and take\n", "bold")
        text.append(
            f"this week  gives {b.gives:,} · takes {b.takes:,} · balance {signed(b.balance)}\n"
        )
        text.append(f"           give share {percent(b.give_share)}\n")
        text.append(
            f"all time   gives {total.gives:,} · takes {total.takes:,} · "
            f"balance {signed(total.balance)}\n\n"
        )
        text.append(give_take_chart(review.trend, current=review.week.label))
        return text

    def _people(self, review: WeekReview) -> Text:
        text = Text("New contacts  ", "bold")
        names = ", ".join(shown(c.name) for c in review.new_contacts[:LIST_SHOWN])
        text.append(names or "none", "" if names else "dim")
        if len(review.new_contacts) > LIST_SHOWN:
            text.append(f" and {len(review.new_contacts) - LIST_SHOWN:,} more", "dim")
        text.append("\nIntroduced  ", "bold")
        made = review.introductions
        text.append(f"{plural(made, 'introduction')} made", "" if made else "dim")
        if review.events:
            text.append("\n\nEvents\n", "bold")
        for standing in review.events[:LIST_SHOWN]:
            text.append(f"  {shown(standing.event.name)}  ")
            if standing.met:
                kept = f"{standing.kept}/{len(standing.followups)}"
                text.append(f"met {len(standing.met)} · follow-ups kept {kept}", "dim")
            elif standing.upcoming:
                text.append(f"{short_day(standing.event.on)}, coming up", "dim")
            else:
                text.append("to debrief (on Events, 6)", "yellow")
            if standing is not review.events[-1]:
                text.append("\n")
        text.append("\n\nGoing cold\n", "bold")
        if not review.cold:
            text.append("  nobody\n", "dim")
        for touch in review.cold[:LIST_SHOWN]:
            text.append(f"  {shown(touch.contact.name)}", "")
            waited = cold_phrase(touch.last_touch, touch.days_since, touch.cadence)
            text.append(f"  {waited}\n", "red")
        if len(review.cold) > LIST_SHOWN:
            text.append(f"  and {len(review.cold) - LIST_SHOWN:,} more\n", "dim")
        text.append("\nChannels  ", "bold")
        if not review.channels:
            text.append("none\n", "dim")
        by_count = sorted(review.channels.items(), key=lambda item: -item[1])
        if by_count:
            text.append(" · ".join(f"{shown(c)} {n:,}" for c, n in by_count) + "\n")
        if mix := channel_mix(review.channels):
            text.append("  " + " · ".join(f"{g} {n:,}" for g, n in mix) + "\n", "dim")
        personal = (
            f"{review.personal_reach_outs:,} of {review.reach_outs:,} reach-outs personal "
            f"({percent(review.personal_share)})"
            if review.reach_outs
            else "no reach-outs"
        )
        text.append(f"\n{personal}\n")
        return text

    def _followups(self, review: WeekReview, snapshot: Snapshot) -> Group:
        f = review.followups
        text = Text("Follow-ups  ", "bold")
        text.append(
            f"opened {f.opened:,} · kept on time {f.on_time:,} · late {f.late:,} · "
            f"overdue {len(f.overdue):,} · on-time rate {percent(f.on_time_rate)}"
        )
        # One line each, a long one cut with an ellipsis (not wrapped to the panel's edge).
        owed = Text(no_wrap=True, overflow="ellipsis")
        for followup in f.overdue[:LIST_SHOWN]:
            who = snapshot.analysis.contact_name(followup.contact_id) or "?"
            owed.append(f"  overdue since {short_day(followup.due)}  ", "red")
            owed.append(f"{shown(who)}: {shown(followup.text)}\n")
        if len(f.overdue) > LIST_SHOWN:
            owed.append(f"  and {len(f.overdue) - LIST_SHOWN:,} more\n", "dim")
        return Group(text, owed)

    def _draw_reflection(self, review: WeekReview, reset: bool) -> None:
        area = self.query_one("#reflection", TextArea)
        focus = self.query_one("#focus", Input)
        saved_reflection = review.note.reflection if review.note else ""
        saved_focus = review.note.focus if review.note else ""
        # Keep what the user is typing when the data refreshes underneath them.
        if reset or not self._editing():
            area.text = saved_reflection
            focus.value = saved_focus
            self._shown_text = (saved_reflection, saved_focus)
        self.query_one("#reflection-state", Static).update(
            f"saved {review.note.updated:%a %d %b %H:%M}"
            if review.note and review.note.updated and (saved_reflection or saved_focus)
            else "not written yet"
        )

    def _editing(self) -> bool:
        return self._unsaved() and (
            self.query_one("#reflection", TextArea).has_focus
            or self.query_one("#focus", Input).has_focus
        )

    def _unsaved(self) -> bool:
        note = self.app.snapshot.analysis.notes_by_week.get(self.week.label) if self.week else None
        reflection = self.query_one("#reflection", TextArea).text
        focus = self.query_one("#focus", Input).value
        return (reflection, focus) != ((note.reflection, note.focus) if note else ("", ""))

    # Actions ----------------------------------------------------------------------------

    def action_week(self, step: int) -> None:
        assert self.week is not None
        week = self.week.shifted(step)
        if week > self.app.snapshot.analysis.current_week:
            self.app.say("This is the current week: the next one has not begun.")
            return
        self._show_week(week)

    def action_this_week(self) -> None:
        self._show_week(self.app.snapshot.analysis.current_week)

    def _show_week(self, week: Week) -> None:
        """Another week, seen from its top (the reflection of the last one is saved)."""
        self._save_if_changed()
        self.week = week
        self.draw(self.app.snapshot, reset_editor=True)
        self.query_one("#review", VerticalScroll).scroll_home(animate=False)

    def action_plan(self) -> None:
        picker = self.query_one(PlanPicker)
        if not picker.display:
            self.app.say("Plans are made from the review of this week or last week.")
            return
        picker.enter()

    def action_write(self) -> None:
        self.set_focus(self.query_one("#reflection", TextArea))

    def action_leave_editor(self) -> None:
        self.set_focus(None)

    @on(Button.Pressed, "#save-reflection")
    @on(Input.Submitted, "#focus")
    def action_save(self) -> None:
        if self.week is None:
            return
        typed = (
            self.query_one("#reflection", TextArea).text,
            self.query_one("#focus", Input).value,
        )
        # Only what the user changed here, so an edit made elsewhere meanwhile stays.
        changed = {
            name: value
            for name, value, shown_before in zip(
                ("reflection", "focus"), typed, self._shown_text, strict=True
            )
            if value != shown_before
        }
        if not changed:
            self.app.say("Nothing new to save.", title="Review")
            return
        week, before = self.week, self._shown_text
        self._shown_text = typed  # what the next save compares with

        def saved(note: WeekNote) -> str:
            return f"Reflection saved for {note.week}."

        def refused(error: NetrackError) -> None:
            if self.week == week:
                self._shown_text = before
            self.app.say(f"Reflection not saved: {error}", severity="error", timeout=8)

        self.app.write(
            change(update_week_note, clock.now(), week, **changed), saved, refused, "Review"
        )

    def _save_if_changed(self) -> None:
        if self.week is not None and self._unsaved():
            self.action_save()

    def on_screen_suspend(self) -> None:
        self._save_if_changed()
