"""Streaks: every habit's current and best streak, strength, and the last 26 weeks
(as many of them as the terminal fits)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Header, Static

from netrack import clock
from netrack.domain.humanize import plural
from netrack.domain.models import WeekNote
from netrack.domain.streaks import IN_PROGRESS, MET, MISSED, SKIPPED, UNTRACKED
from netrack.domain.weeks import Week
from netrack.operations.weeks import set_skipped
from netrack.summaries import percent, short_day
from netrack.tui.screens.base import DataScreen
from netrack.tui.state import Snapshot
from netrack.tui.text import cell
from netrack.tui.widgets.footer import Footer
from netrack.tui.writes import change

GRID_WEEKS = 26  # at most; a narrower terminal shows the latest weeks that fit
GRID_LEAST = 4
HABIT_NAME = 14  # characters of a habit's name in the grid
# Each status has its own glyph, so that the grid reads without colour too.
CELLS = {
    MET: (" ██", "green"),
    MISSED: (" ××", "red"),
    SKIPPED: (" ░░", "blue"),
    IN_PROGRESS: (" ▒▒", "yellow"),
    UNTRACKED: (" ··", "dim"),
}
LEGEND = Text.assemble(
    *(
        part
        for status in (MET, MISSED, SKIPPED, IN_PROGRESS, UNTRACKED)
        for part in ((CELLS[status][0], CELLS[status][1]), (f" {status}   ", ""))
    )
)


class WeekGrid(DataTable):
    """Habits down, weeks across; the cursor picks a week."""

    BINDINGS = [
        Binding("s", "toggle_skip", "Skip week", tooltip="Mark the selected week skipped (or not)")
    ]

    class SkipAsked(Message):
        """Mark the selected week skipped, or count it again."""

    def action_toggle_skip(self) -> None:
        self.post_message(self.SkipAsked())

    def on_resize(self) -> None:
        # A narrower grid keeps its scroll position: bring the picked week (at first the
        # current one, on the right) back into view.
        self.call_after_refresh(self.move_cursor, column=self.cursor_column, animate=False)


class StreaksScreen(DataScreen):
    """How each habit has gone, week by week."""

    TITLE = "netrack · Streaks"
    _weeks_shown = 0  # the weeks in the grid as last drawn

    HELP_EXTRA = (WeekGrid,)
    HELP_KEYS = (("← →", "pick a week in the grid: its counts show below it"),)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="streaks"):
            yield Static("Streaks", classes="title")
            yield DataTable(id="streak-table", cursor_type="none", show_cursor=False)
            yield Static(id="grid-title", classes="section-title")
            yield WeekGrid(id="week-grid", cursor_type="column", fixed_columns=1, cell_padding=0)
            yield Static(LEGEND, id="legend")
            yield Static(id="week-info", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#streak-table", DataTable).add_columns(
            "habit", "kinds", "target", "current streak", "best streak", "strength"
        )
        super().on_mount()
        grid = self.query_one("#week-grid", WeekGrid)
        grid.focus()
        grid.move_cursor(column=len(grid.columns) - 1)

    def on_resize(self) -> None:
        super().on_resize()
        if self.shown_version >= 0 and self._grid_weeks() != len(self.weeks(self.app.snapshot)):
            self.call_after_refresh(self.draw, self.app.snapshot)  # once laid out

    def _grid_weeks(self) -> int:
        """How many weeks the grid shows: as many as fit beside the habits, up to 26, so
        that its title tells the truth and nothing hides past the right edge."""
        box = self.query_one("#streaks", VerticalScroll)
        width = box.scrollable_content_region.width or self.app.size.width - 2
        habits = self.app.snapshot.analysis.data.habits
        names = max((len(h.name[:HABIT_NAME]) for h in habits), default=len("habit"))
        # Two columns for a vertical scroll bar, should the habits outgrow the screen.
        room = width - (names + 2) - 2
        return max(GRID_LEAST, min(GRID_WEEKS, room // 3))

    def weeks(self, snapshot: Snapshot) -> list[Week]:
        current = snapshot.analysis.current_week
        shown = self._weeks_shown or GRID_WEEKS
        return [current.shifted(-offset) for offset in range(shown - 1, -1, -1)]

    def draw(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        records = analysis.habit_records()
        table = self.query_one("#streak-table", DataTable)
        table.clear()
        for record in records:
            table.add_row(
                cell(record.habit.name, "bold"),
                cell(", ".join(record.habit.kinds)),
                str(record.habit.target),
                f"{plural(record.current_streak, 'week')}",
                f"{record.best_streak}",
                percent(record.strength),
            )
        grid = self.query_one("#week-grid", WeekGrid)
        column = grid.cursor_column
        if column >= 0 and self._weeks_shown:
            column += self._grid_weeks() - self._weeks_shown  # the same week, if still shown
        self._weeks_shown = self._grid_weeks()
        self.query_one("#grid-title", Static).update(
            f"Last {plural(self._weeks_shown, 'week')} (←/→ pick a week, s marks it skipped or not)"
        )
        grid.clear(columns=True)
        weeks = self.weeks(snapshot)
        grid.add_column(" habit ", key="habit")
        for week in weeks:
            grid.add_column(f" {week.label[-2:]}", key=week.label)
        for record in records:
            cells = [cell(f" {record.habit.name[:HABIT_NAME]} ")]
            for week in weeks:
                glyph, style = CELLS[record.week(week, analysis.tally).status]
                cells.append(Text(glyph, style=style))
            grid.add_row(*cells, key=record.habit.id)
        if not records:
            grid.add_row(cell("no habits: press , to add one", "dim"), *([""] * len(weeks)))
        grid.move_cursor(column=column if column > 0 else len(weeks))
        self.show_week_info()

    def selected_week(self) -> Week | None:
        grid = self.query_one("#week-grid", WeekGrid)
        column = grid.cursor_column
        weeks = self.weeks(self.app.snapshot)
        if column < 1 or column > len(weeks):
            return None
        return weeks[column - 1]

    @on(DataTable.ColumnHighlighted, "#week-grid")
    def show_week_info(self) -> None:
        info = self.query_one("#week-info", Static)
        week = self.selected_week()
        if week is None:
            info.update("Pick a week column to see it or mark it skipped.")
            return
        analysis = self.app.snapshot.analysis
        note = analysis.notes_by_week.get(week.label)
        parts = [f"{week.label}: {short_day(week.start)} – {short_day(week.end, week.start)}"]
        for record in analysis.habit_records():
            hw = record.week(week, analysis.tally)
            parts.append(f"{record.habit.name} {hw.count}/{hw.target}")
        if note and note.skipped:
            parts.append("skipped" + (f" ({note.skip_reason})" if note.skip_reason else ""))
        info.update(Text(" · ".join(parts)))

    @on(WeekGrid.SkipAsked)
    def toggle_skip(self) -> None:
        week = self.selected_week()
        if week is None:
            self.app.say("Pick a week column first (← →).")
            return
        note = self.app.snapshot.analysis.notes_by_week.get(week.label)
        skipped = not (note and note.skipped)

        def saved(_: WeekNote) -> str:
            if skipped:
                return f"{week.label} skipped: it neither counts nor breaks a streak."
            return f"{week.label} counts again."

        self.app.write(change(set_skipped, clock.now(), week, skipped), saved, title="Streaks")
