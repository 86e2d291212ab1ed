"""The new user's guide on Today: four first steps, each ticked once done."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.widgets import Static

from netrack.domain.getting_started import CIRCLES, FIRST_LOG, IMPORT, TARGETS, start_steps
from netrack.domain.models import Dataset

STEPS = {
    IMPORT: (
        "Bring in the people you know",
        [
            "LinkedIn: Settings → Data privacy → Get a copy of your data → Connections.",
            "  Unzip it and run:  netrack import linkedin Connections.csv",
            "An address book: export the contacts as a .vcf file and run:",
            "  netrack import vcard contacts.vcf",
            "Or add them one by one: 2 (Contacts), then n.",
        ],
    ),
    TARGETS: (
        "Set your weekly targets",
        [
            "To start: 5 reach-outs, 3 gives, 3 follow-ups and 1 meeting a week.",
            "Press , (settings) to make them yours.",
        ],
    ),
    CIRCLES: (
        "Sort people into circles",
        [
            "^p, then “Sort people into circles”: one key per person",
            "  (i inner, a active, w wider), so a long import is sorted in minutes.",
        ],
    ),
    FIRST_LOG: (
        "Log what you do",
        [
            "Press g (give), r (reach out), m (meet) …, type a name, a note, Enter.",
            'From the shell: netrack give "Dana Lee" sent the hiring deck',
        ],
    ),
}


STEP_INDENT = 6  # a step's lines sit under its title


def guide_text(data: Dataset) -> Group:
    """The guide, each step's lines indented under its title: a line too long for the
    terminal wraps under itself, not to the left edge."""
    heading = Text("Welcome to netrack: getting started", "bold")
    heading.append("   ? every key · 3 the weekly review", "dim")
    parts: list[RenderableType] = [heading]
    for number, step in enumerate(start_steps(data), start=1):
        title, lines = STEPS[step.name]
        mark = "✓" if step.done else " "
        line = Text(f" {mark} {number}. ", "green bold" if step.done else "bold")
        line.append(title, "dim" if step.done else "bold")
        parts.append(line)
        if not step.done:
            for text in lines:
                indent = STEP_INDENT + len(text) - len(text.lstrip(" "))
                parts.append(Padding(Text(text.lstrip(" ")), (0, 0, 0, indent)))
    return Group(*parts)


class StartGuide(Static):
    """Shown on Today while the user finds their way (``getting_started.needs_guide``)."""

    def show(self, data: Dataset) -> None:
        self.update(guide_text(data))
