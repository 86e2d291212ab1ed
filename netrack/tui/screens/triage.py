"""Sorting people into circles, one person at a time, one key each.

After a large import everyone sits in the default circle. This view shows the people in
the wider circle or in none, the ones you were in touch with most recently first, and
puts each in a circle with one key: i inner, a active, w wider, n none, s skip. A
500-contact import is sorted in minutes; Escape stops at any point.

Imported people come without keep-in-touch reminders, so that hundreds of old
connections do not all go cold at once. Someone sorted into the inner or active circle
is someone to keep up with: they get that circle's reminders. The wider circle keeps
them off (its long-silent people come up one a week as dormant ties instead).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from netrack import clock
from netrack.domain.analysis import Analysis
from netrack.domain.circles import CIRCLES
from netrack.domain.contact_changes import ContactFields
from netrack.domain.humanize import days_ago, plural
from netrack.domain.keepintouch import cadence_of
from netrack.domain.models import NO_CADENCE, Contact
from netrack.domain.text import name_order
from netrack.operations.people import update_contact
from netrack.tui.past import actions_with_past
from netrack.tui.text import shown
from netrack.tui.widgets.footer import Footer
from netrack.tui.writes import change

if TYPE_CHECKING:
    from netrack.tui.app import NetrackApp

UNSORTED = ("wider", None)  # the circles a new or imported contact starts in
REMINDED = ("inner", "active")  # sorted here, someone without reminders gets the circle's
NONE = "none"


def triage_queue(analysis: Analysis) -> list[Contact]:
    """Active contacts still in the wider circle or none: those you were in touch with,
    most recently first, then the others, newest first."""
    touched = analysis.last_touches
    waiting = [c for c in analysis.data.contacts if not c.archived and c.circle in UNSORTED]
    by_name = sorted(waiting, key=lambda c: name_order(c.name))
    return sorted(
        by_name,
        key=lambda c: (c.id in touched, touched.get(c.id, c.created.date())),
        reverse=True,
    )


class TriageScreen(Screen[None]):
    """One contact at a time; a key puts them in a circle and shows the next."""

    if TYPE_CHECKING:
        app = getters.app(NetrackApp)

    TITLE = "netrack · Sort people into circles"
    BINDINGS = [
        Binding("i", "put('inner')", "Inner"),
        Binding("a", "put('active')", "Active"),
        Binding("w", "put('wider')", "Wider"),
        Binding("n", f"put('{NONE}')", "No circle"),
        Binding("s", "skip", "Skip"),
        Binding("b", "back", "Back", tooltip="Back to the person before"),
        Binding("escape", "close", "Done"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.queue: list[Contact] = []
        self.position = 0
        self.sorted_into: dict[str, str] = {}  # the key pressed for each person, by id
        # The circle given to each person here: the writes run in the background, so the
        # app's snapshot may not show them yet.
        self.assigned: dict[str, str] = {}
        # The people given their circle's reminders here (taken back if sorted again).
        self.reminded: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="triage"):
            yield Static(id="triage-progress", classes="title")
            yield Static(id="triage-card", classes="panel")
            yield Static(
                "i inner · a active · w wider · n no circle · s skip · b back · escape done"
                "\ninner and active: keep-in-touch reminders at the circle's cadence",
                classes="hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.queue = triage_queue(self.app.snapshot.analysis)
        self.show_current()

    @property
    def current(self) -> Contact | None:
        return self.queue[self.position] if self.position < len(self.queue) else None

    def show_current(self) -> None:
        total = len(self.queue)
        counts = Counter(self.sorted_into.values())
        done = ", ".join(f"{counts[c]} {c}" for c in (*CIRCLES, NONE) if counts[c])
        progress = Text("Sort people into circles  ", "bold")
        people = "1 person" if total == 1 else f"{total} people"
        progress.append(f"{min(self.position + 1, total)} of {people}")
        if done:
            progress.append(f"  · so far: {done}", "dim")
        self.query_one("#triage-progress", Static).update(progress)
        self.query_one("#triage-card", Static).update(self._card())

    def _card(self) -> Text:
        contact = self.current
        if contact is None:
            if not self.queue:
                return Text("Nobody to sort: no one is in the wider circle or in none.")
            return Text("Everyone has been through. Escape goes back.", "bold green")
        analysis = self.app.snapshot.analysis
        fresh = analysis.contacts_by_id.get(contact.id, contact)
        text = Text(shown(fresh.name) + "\n", "bold")
        for label, value in (
            ("company", fresh.company),
            ("role", fresh.role),
            ("met", fresh.met_how),
            ("tags", ", ".join(fresh.tags)),
            ("notes", fresh.notes.split("\n")[0] if fresh.notes else ""),
        ):
            if value:
                text.append(f"{label:<9}", "dim")
                text.append(shown(value) + "\n")
        last = analysis.last_touches.get(fresh.id)
        count = actions_with_past(self.app.snapshot, fresh.id)
        text.append(f"{'in touch':<9}", "dim")
        text.append(f"{days_ago(last, analysis.today)} · {plural(count, 'action')} together\n")
        circle = self.assigned.get(fresh.id, fresh.circle or NONE)
        cadence = self._cadence(fresh, circle)
        text.append(f"{'circle':<9}", "dim")
        text.append(f"now {circle} · ")
        text.append(f"reminders every {cadence} days" if cadence else "no reminders")
        return text

    def _cadence(self, contact: Contact, circle: str) -> int | None:
        """The person's cadence once the circle given here is saved."""
        settings = self.app.snapshot.analysis.data.settings
        if contact.id in self.reminded:
            return settings.cadences.get(circle)
        return cadence_of(contact._replace(circle=None if circle == NONE else circle), settings)

    def action_put(self, circle: str) -> None:
        """Put the person in ``circle`` and show the next one at once.

        The change is made by the app's write path in the background, in the order the
        keys were pressed; one refused is shown as an error.
        """
        contact = self.current
        if contact is None:
            return
        fresh = self.app.snapshot.analysis.contacts_by_id.get(contact.id, contact)
        now_in = self.assigned.get(contact.id, fresh.circle or NONE)
        if now_in != circle:
            details = {"circle": circle}
            if circle in REMINDED and fresh.cadence_days == NO_CADENCE:
                details["cadence_days"] = "circle"
                self.reminded.add(contact.id)
            elif circle not in REMINDED and contact.id in self.reminded:
                details["cadence_days"] = "none"  # as they were before
                self.reminded.discard(contact.id)
            fields = ContactFields(details=details)
            self.app.write(change(update_contact, clock.now(), contact.id, fields))
            self.assigned[contact.id] = circle
        self.sorted_into[contact.id] = circle  # back, then another key: counted once
        self._move(1)

    def action_skip(self) -> None:
        self._move(1)

    def action_back(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        self.position = max(0, min(self.position + step, len(self.queue)))
        self.show_current()

    def action_close(self) -> None:
        self.app.pop_screen()
