"""Settings and habits: week start, day start, follow-up delay, cadences, targets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from netrack import clock
from netrack.domain.habit_changes import parse_kinds, parse_target
from netrack.domain.models import Habit
from netrack.domain.settings import SETTINGS, parse_setting, setting_values
from netrack.errors import NetrackError, UsageError
from netrack.operations.habits import apply_settings, remove_habit
from netrack.tui.text import plain
from netrack.tui.widgets.forms import Confirm
from netrack.tui.writes import change

if TYPE_CHECKING:
    from netrack.tui.app import NetrackApp


def _field_id(key: str) -> str:
    return "set-" + key.replace(".", "-")


def _shown(value: object) -> str:
    return "none" if value is None else str(value)


class SettingsScreen(ModalScreen[None]):
    """Change settings and habit targets; Save applies everything, escape cancels."""

    if TYPE_CHECKING:
        app = getters.app(NetrackApp)  # for the type checker (the app imports this module)

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.saving = False

    def compose(self) -> ComposeResult:
        analysis = self.app.snapshot.analysis
        values = setting_values(analysis.data.settings)
        with VerticalScroll(classes="dialog", id="settings"):
            yield Static("Settings", classes="dialog-title")
            for entry in SETTINGS:
                with Horizontal(classes="form-row"):
                    yield Label(entry.key, classes="wide-label")
                    value = values[entry.key]
                    if entry.kind.choices:
                        # A setting that can be none offers "none" as the blank choice.
                        yield Select(
                            [(choice, choice) for choice in entry.kind.choices],
                            value=Select.NULL if value is None else value,
                            allow_blank=entry.kind.empty is None,
                            prompt="none",
                            id=_field_id(entry.key),
                        )
                    else:
                        yield Input(str(value), id=_field_id(entry.key), classes="short")
                        yield Static(entry.help, classes="hint", markup=False)
            yield Static(
                "Habits: weekly targets (a change applies from this week)", classes="dialog-title"
            )
            for index, habit in enumerate(analysis.data.habits):
                with Horizontal(classes="form-row"):
                    yield Label(plain(habit.name), classes="wide-label")
                    yield Input(str(habit.target), id=f"target-{index}", classes="short")
                    yield Static(", ".join(habit.kinds), classes="hint", markup=False)
                    yield Button("Remove", id=f"remove-{index}", classes="small remove")
            yield Static("New habit", classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Input(id="new-name", placeholder="name, e.g. Events")
                yield Input(id="new-kinds", placeholder="kinds, e.g. meet")
                yield Input(id="new-target", placeholder="per week", classes="short")
            yield Static(id="settings-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Close", id="close")

    def _input(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def _changed_settings(self) -> list[tuple[str, str]]:
        current = setting_values(self.app.snapshot.data.settings)
        changes = []
        for entry in SETTINGS:
            selector = f"#{_field_id(entry.key)}"
            if entry.kind.choices:
                chosen = self.query_one(selector, Select).value
                value = "none" if chosen is Select.NULL else str(chosen)
            else:
                value = self._input(selector)
            if value != _shown(current[entry.key]):
                changes.append((entry.key, value))
        return changes

    def _changed_targets(self) -> list[tuple[str, str]]:
        changes = []
        for index, habit in enumerate(self.app.snapshot.data.habits):
            value = self._input(f"#target-{index}")
            if value != str(habit.target):
                changes.append((habit.id, value))
        return changes

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        if self.saving:
            return
        settings = self._changed_settings()
        targets = self._changed_targets()
        new = (self._input("#new-name"), self._input("#new-kinds"), self._input("#new-target"))
        try:  # check everything first, so that nothing is half applied
            for key, value in settings:
                parse_setting(key, value)
            for _, value in targets:
                parse_target(value)
            if any(new):
                if not new[0]:
                    raise UsageError("New habit: give it a name")
                parse_kinds(new[1])
                parse_target(new[2])
        except UsageError as error:
            self._show_error(str(error))
            return
        if not (settings or targets or any(new)):
            self.app.say("Nothing changed.", title="Settings")
            self.dismiss(None)
            return
        self.saving = True
        self._show_error("")
        self.app.write(
            change(apply_settings, clock.now(), settings, targets, new if any(new) else None),
            self._saved,
            self._refused,
            title="Settings",
        )

    def _saved(self, _: int) -> str:
        self.dismiss(None)
        return "Settings saved."

    def _refused(self, error: NetrackError) -> None:
        self.saving = False
        self._show_error(str(error))

    def _show_error(self, message: str) -> None:
        error = self.query_one("#settings-error", Static)
        error.update(plain(message))
        if message:
            self.query_one("#settings", VerticalScroll).scroll_to_widget(error)

    @on(Button.Pressed, ".remove")
    def _remove(self, event: Button.Pressed) -> None:
        index = int((event.button.id or "remove-0").removeprefix("remove-"))
        habit = self.app.snapshot.data.habits[index]
        record = next(
            (r for r in self.app.snapshot.analysis.habit_records() if r.habit.id == habit.id),
            None,
        )
        streak = record.current_streak if record is not None else 0
        kept = f"its {streak}-week streak and" if streak else "its"
        detail = (
            f"It stops counting; {kept} weekly targets leave the Today and Streaks screens. "
            "The actions you logged are kept, and u brings the habit back whole."
        )

        def removed(_: Habit) -> str:
            self.dismiss(None)
            return f"Removed habit {habit.name}; its actions are kept (u brings it back)."

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.write(change(remove_habit, habit.id), removed, title="Settings")

        self.app.push_screen(Confirm(f"Remove habit {habit.name}?", detail, "Remove"), answered)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
