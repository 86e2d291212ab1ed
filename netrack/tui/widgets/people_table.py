"""A list of people to act from: log with the selected person, plan them, open them.

Every list of people in the app (Contacts, Reciprocity, Get back in touch, Follow-ups
due, Suggestions, the plan) is one of these. The kind keys (``r g f m a v``) open the
log form with the selected person filled in, ``p`` adds them to this week's plan and
Enter opens them. The table only says what was asked for (a ``PeopleTable.Act``
message); the app does it, the same way from every screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from netrack.domain.kinds import ASK, MEET, RECEIVE
from netrack.tui.widgets.quick_log import KIND_KEYS
from netrack.tui.widgets.tables import fill_now, selected_key

LOG, PLAN, OPEN = "log", "plan", "open"


# Logging each kind, in words: "log a meeting", not "log a meet".
_LOGGED = {MEET: "a meeting", ASK: "an ask", RECEIVE: "help received"}


def logging_phrase(kind: str) -> str:
    """What logging ``kind`` is called after "log": "a give", "a meeting", "help received"."""
    return _LOGGED.get(kind) or f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


class PeopleTable(DataTable):
    """A DataTable whose rows are people (or things owed to, or planned with, people)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                key,
                f"act('{LOG}', '{kind}')",
                f"Log {kind}",
                show=False,
                tooltip=f"Log {logging_phrase(kind)} "
                + ("from" if kind == RECEIVE else "with")
                + " the selected person",
            )
            for kind, key in KIND_KEYS.items()
        ),
        Binding("p", f"act('{PLAN}')", "Plan", tooltip="Add the selected person to the plan"),
        Binding("enter", f"act('{OPEN}')", "Open", tooltip="Open the selected person"),
    ]

    @dataclass
    class Act(Message):
        """Do ``what`` (log, plan, open) with a person.

        ``kind``: the kind to log; for a plan, the kind suggested (and ``note``).
        """

        table: PeopleTable
        contact_id: str
        what: str
        kind: str | None = None
        note: str = ""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("cursor_type", "row")
        super().__init__(*args, **kwargs)
        # Row key to contact id, for rows keyed by something else (a follow-up, a plan
        # item); a row key missing here is the contact's own id.
        self.people: dict[str, str] = {}
        # Row key to what planning that row's person would be about (kind, note).
        self.plan_hints: dict[str, tuple[str | None, str]] = {}

    # A long list is filled after it paints (widgets/tables.py): the keys that jump past
    # what is in it yet add the rest first, so that Ctrl+End lands on the real last row.
    def action_scroll_bottom(self) -> None:
        fill_now(self)
        super().action_scroll_bottom()

    def action_page_down(self) -> None:
        fill_now(self, upto=self.cursor_row + 2 * self.size.height)
        super().action_page_down()

    def selected_contact_id(self) -> str | None:
        key = selected_key(self)
        if key is None:
            return None
        return self.people.get(key, key)

    def action_act(self, what: str, kind: str | None = None) -> None:
        key = selected_key(self)
        contact_id = self.selected_contact_id()
        if key is None or contact_id is None:
            return
        note = ""
        if what == PLAN:
            kind, note = self.plan_hints.get(key, (None, ""))
        self.post_message(self.Act(self, contact_id, what, kind, note))
