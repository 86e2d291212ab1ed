"""This week's progress per habit, as labelled bars."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Static

from netrack.domain.analysis import Analysis
from netrack.domain.humanize import plural
from netrack.domain.models import Habit
from netrack.domain.streaks import IN_PROGRESS, MET, MISSED, SKIPPED, HabitRecord, HabitWeek
from netrack.tui.text import phrase, shown

BAR_WIDTH = 10
NAME_WIDTH = 16
# Narrower, two habits to a row still fit 80 columns, streaks and all.
NARROW_BAR_WIDTH, NARROW_NAME_WIDTH = 6, 13
NARROW_BELOW = 100  # columns
STATUS_STYLE = {MET: "bold green", MISSED: "red", SKIPPED: "dim", IN_PROGRESS: "yellow"}
STREAK_TO_COME = "  streak …"  # shown until the archived years are counted


def bar_text(count: int, target: int, width: int = BAR_WIDTH) -> Text:
    """A bar of ``width`` cells filled in proportion to count/target (full once met)."""
    filled = width if count >= target else round(width * count / target) if target else 0
    style = "green" if count >= target else "yellow"
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"))


def habit_line(
    record: HabitRecord,
    bar_width: int = BAR_WIDTH,
    name_width: int = NAME_WIDTH,
    counted: bool = True,
) -> Text:
    """``counted`` False: the streak is not known yet (the archive is still being read)."""
    latest = record.latest
    count, target = (latest.count, latest.target) if latest else (0, record.habit.target)
    status = latest.status if latest else IN_PROGRESS
    mark = " ✓" if status == MET else ""
    streak = f"  streak {record.current_streak}" if record.current_streak else ""
    if not counted:
        streak = STREAK_TO_COME
    return Text.assemble(
        (f"{shown(record.habit.name)[:name_width]:<{name_width}} ", "bold"),
        bar_text(count, target, bar_width),
        (f" {count}/{target}{mark}", STATUS_STYLE.get(status, "")),
        (streak, "dim"),
    )


class HabitBars(Grid):
    """One bar per habit, two to a row; narrower bars on a narrow terminal."""

    _shown: Analysis | None = None
    _narrow = False  # drawn with the narrow widths
    _counted = True  # drawn with the streaks (the archived years counted)

    def __init__(self, bars: int = 0, *, id: str | None = None) -> None:
        """``bars``: how many lines to make ready (the habits known when the screen is
        made): made with the screen, they are laid out and painted with it, where bars
        mounted by the first ``show`` took a second layout and paint of the screen."""
        super().__init__(id=id)
        self._ready = bars

    def compose(self) -> ComposeResult:
        yield Static(id="week-title", classes="title")
        for _ in range(self._ready):
            yield Static(classes="habit-bar")

    def on_resize(self) -> None:
        if self._shown is not None and self._narrow != (self.app.size.width < NARROW_BELOW):
            # The terminal was made wider or narrower: fit the bars.
            self.show(self._shown, self._counted)

    def show(self, analysis: Analysis, counted: bool = True) -> None:
        """``counted`` False: the archived years are not in yet; this week's bars are
        drawn from the recent actions, the streaks once they are (``habit_line``)."""
        self._shown, self._counted = analysis, counted
        week = analysis.current_week
        left = (week.end - analysis.today).days + 1
        title = self.query_one("#week-title", Static)
        title.update(
            phrase(
                ("This week ", "bold"),
                (week.label, "bold cyan"),
                f" · {week.start:%a} {week.start.day} {week.start:%b} – "
                f"{week.end:%a} {week.end.day} {week.end:%b} · ",
                (f"{plural(left, 'day')} left", "italic"),
            )
        )
        if counted:
            records = analysis.habit_records()
        else:
            records = [this_week_only(habit, analysis) for habit in analysis.data.habits]
        self._narrow = self.app.size.width < NARROW_BELOW
        widths = (BAR_WIDTH, NAME_WIDTH)
        if self._narrow:
            widths = (NARROW_BAR_WIDTH, NARROW_NAME_WIDTH)
        lines: list[Text | str] = [habit_line(r, *widths, counted=counted) for r in records]
        if not lines:
            lines = ["No habits yet: press , to add one."]
        bars = list(self.query(".habit-bar").results(Static))
        if len(bars) == len(lines):  # as many habits as drawn: the lines change in place
            for bar, line in zip(bars, lines, strict=True):
                bar.update(line)
            return
        for old in bars:
            old.remove()
        self.mount_all(Static(line, classes="habit-bar") for line in lines)


def this_week_only(habit: Habit, analysis: Analysis) -> HabitRecord:
    """``habit``'s record of this week alone, from the loaded actions (this week's are
    always loaded): a whole record goes through every week since the habit began."""
    week = analysis.current_week
    weeks: tuple[HabitWeek, ...] = ()
    if analysis.calendar.week_of_day(habit.created) <= week:
        kinds = set(habit.kinds)
        count = sum(1 for action in analysis.week_actions(week) if action.kind in kinds)
        target = habit.target_until(week.end)
        status = MET if count >= target else IN_PROGRESS
        if week.label in analysis.skipped_weeks:
            status = SKIPPED
        weeks = (HabitWeek(week, count, target, status),)
    return HabitRecord(habit, weeks, 0, 0, 0.0)
