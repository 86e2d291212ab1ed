"""Today's Follow-ups due: what is owed, then what was marked done today; d and o."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters
from textual.binding import Binding

from netrack import clock
from netrack.domain.analysis import Analysis
from netrack.domain.followups import OVERDUE, open_followups, status
from netrack.domain.models import Contact, FollowUp
from netrack.domain.text import printable
from netrack.summaries import short_day
from netrack.tui.text import cell
from netrack.tui.widgets.people_table import PeopleTable
from netrack.tui.widgets.tables import refill, selected_key
from netrack.tui.writes import change

# The operations (and the store's write side) are imported on the first change: Today's
# first paint needs none of them.
if TYPE_CHECKING:
    from netrack.operations.followups import Closed
    from netrack.tui.app import NetrackApp

NAME_MOST = 22  # columns for a name: a long one is cut, what is owed needs the room
SCROLL_BAR = 2  # columns that ``room`` keeps for a scroll bar


def done_today(analysis: Analysis) -> list[FollowUp]:
    """Follow-ups marked done (or closed by a touch) today, the latest first."""
    done = [
        f
        for f in analysis.data.followups
        if f.closed is not None and analysis.calendar.day_of(f.closed) == analysis.today
    ]
    return sorted(done, key=lambda f: f.closed or f.created, reverse=True)


class FollowUpTable(PeopleTable):
    """What is owed, then what was marked done today (so that it can be reopened)."""

    if TYPE_CHECKING:
        app = getters.app(NetrackApp)  # for the type checker (the app imports this module)

    BINDINGS = [
        Binding("d", "done", "Done", tooltip="Mark the selected follow-up done (logs a follow-up)"),
        Binding("o", "reopen", "Reopen", tooltip="Reopen the selected follow-up marked done today"),
    ]

    def show(self, analysis: Analysis, room: Callable[[list[tuple[str, list[Text]]]], int]) -> None:
        """Fill the table; ``room`` says how wide the "what" column may be beside the
        others (what is owed is cut with an ellipsis rather than scrolled sideways)."""
        owed = open_followups(analysis.data.followups)
        done = done_today(analysis)
        self.people = {f.id: f.contact_id for f in [*owed, *done]}
        self.plan_hints = {f.id: ("follow-up", f.text) for f in owed}
        dues: list[Text] = []
        for followup in owed:
            state = status(followup, analysis.today, analysis.calendar)
            dues.append(cell(short_day(followup.due), "bold red" if state == OVERDUE else ""))
        dues += [cell("✓ done", "green") for _ in done]
        names = [cell(analysis.contact_name(f.contact_id) or "?") for f in owed]
        names += [cell(analysis.contact_name(f.contact_id) or "?", "dim") for f in done]
        texts = [cell(f.text) for f in owed] + [cell(f.text, "dim") for f in done]
        rows = [
            (followup.id, [due, name, text])
            for followup, due, name, text in zip([*owed, *done], dues, names, texts, strict=True)
        ]
        what = room([("due", dues), ("contact", [name[:NAME_MOST] for name in names])])
        if self._all_in_view(len(rows)):  # no scroll bar: its room is what's too
            what += SCROLL_BAR
        refill(self, rows, widest={"what": what, "contact": NAME_MOST})

    def _all_in_view(self, rows: int) -> bool:
        """Whether the table shows ``rows`` and its heading whole, as tall as they need."""
        most = self.styles.max_height
        return most is None or (most.is_cells and rows + 1 <= most.value)

    def _selected(self) -> FollowUp | None:
        key = selected_key(self)
        return next((f for f in self.app.snapshot.data.followups if f.id == key), None)

    def action_done(self) -> None:
        followup = self._selected()
        if followup is None:
            return
        if not followup.is_open:
            self.app.say("Done already; o reopens it.", title="Follow-up")
            return

        def closed(closed: Closed) -> str:
            line = f"Done: {printable(closed.followup.text)} ({closed.kept})"
            if closed.action is not None and closed.contact is not None:
                line += f" · logged a follow-up with {printable(closed.contact.name)}"
            return line + " · o reopens, u undoes"

        from netrack.operations.followups import close_followup

        self.app.write(change(close_followup, clock.now(), followup.id), closed, title="Follow-up")

    def action_reopen(self) -> None:
        followup = self._selected()
        if followup is None:
            return
        if followup.is_open:
            self.app.say("That follow-up is open: d marks it done.", title="Follow-up")
            return

        def reopened(result: tuple[FollowUp, Contact | None]) -> str:
            return f"Reopened: {printable(result[0].text)} (the follow-up logged stays)"

        from netrack.operations.followups import reopen_followup

        self.app.write(change(reopen_followup, followup.id), reopened, title="Follow-up")
