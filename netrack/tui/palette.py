"""The command palette's netrack commands: every screen, every app key, and every
screen's keys from anywhere."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from netrack.tui.screens.base import screen_keys

if TYPE_CHECKING:
    from netrack.tui.app import NetrackApp


def palette_commands(
    app: NetrackApp, screens: Sequence[tuple[str, str, str, type]]
) -> Iterator[SystemCommand]:
    """The commands netrack adds to Textual's own; ``screens``: (mode, key, title, class)."""
    for name, key, title, _ in screens:
        yield SystemCommand(
            f"Go to {title}",
            f"Show the {title} screen (key {key})",
            partial(app.switch_mode, name),
        )
    yield SystemCommand("Help", "Every key, screen by screen (key ?)", app.action_help)
    yield SystemCommand(
        "Settings and habits", "Week start, targets, cadences (key ,)", app.action_settings
    )
    yield SystemCommand("Undo", "Take back the newest change (key u; asks first)", app.action_undo)
    yield SystemCommand(
        "History", "Every change, newest first; undo any of them (key h)", app.action_history
    )
    yield SystemCommand(
        "Sort people into circles",
        "One person at a time: i inner, a active, w wider, n none, s skip",
        app.action_triage,
    )
    yield SystemCommand("Reload", "Read the data file again", partial(app.reload, None))
    for mode, key, title, screen_class in screens:
        for owner_class, binding in screen_keys(screen_class):
            name = binding.tooltip or binding.description
            yield SystemCommand(
                name[:1].upper() + name[1:],
                f"{title} (key {key}) · key {app.get_key_display(binding)}",
                partial(run_screen_key, app, mode, owner_class, binding.action),
            )


async def run_screen_key(app: NetrackApp, mode: str, owner_class: type, action: str) -> None:
    """Run a screen's key from anywhere: go to the screen, then act as the key would."""
    if app.current_mode != mode:
        await app.switch_mode(mode)
    screen = app.screen
    owners = [screen] if isinstance(screen, owner_class) else list(screen.query(owner_class))
    if owners:
        await owners[0].run_action(action)
