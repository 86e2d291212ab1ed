"""Acting with one person from anywhere: log with them, plan them, open them.

Lists of people ask for these with ``PeopleTable.Act``; the command palette's People
provider calls them directly. They live here, not on each screen, so that every list
behaves the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netrack.tui.widgets.people_table import LOG, OPEN, PLAN, PeopleTable

if TYPE_CHECKING:
    from netrack.domain.weeks import Week
    from netrack.tui.app import NetrackApp


async def act(app: NetrackApp, event: PeopleTable.Act) -> None:
    """Do what a list of people asked for."""
    if event.what == LOG:
        log_with(app, event.contact_id, event.kind or "reach-out")
    elif event.what == PLAN:
        plan_with(app, event.contact_id, event.kind, event.note)
    elif event.what == OPEN:
        await open_person(app, event.contact_id)


def log_with(app: NetrackApp, contact_id: str, kind: str) -> None:
    """The log form with the person and the kind filled in; the cursor on the note.

    On Today it is the form on the screen; elsewhere a dialog over the screen.
    """
    from netrack.tui.widgets.log_dialog import LogDialog
    from netrack.tui.widgets.quick_log import QuickLog

    contact = app.snapshot.analysis.contacts_by_id.get(contact_id)
    if contact is None:
        return
    forms = list(app.screen.query(QuickLog))
    if forms:
        forms[0].prefill(kind, contact.name, contact.id)
        return

    app.push_screen(LogDialog(app.snapshot.analysis, kind, contact))


def plan_with(
    app: NetrackApp,
    contact_id: str,
    kind: str | None = None,
    note: str = "",
    week: Week | None = None,
) -> None:
    """Ask what to do for the person (kind, note, week), then add them to the plan.

    ``kind``, ``note`` and ``week`` start the form off (a suggestion's kind, say).
    """
    from netrack.tui.widgets.plan_dialog import PlanDialog

    contact = app.snapshot.analysis.contacts_by_id.get(contact_id)
    if contact is None:
        return
    app.push_screen(PlanDialog(contact, app.snapshot.analysis, kind, note, week))


async def open_person(app: NetrackApp, contact_id: str) -> None:
    """The person on Contacts: their details, what is owed, and your history together."""
    from netrack.tui.screens.contacts import ContactsScreen

    if not isinstance(app.screen, ContactsScreen):
        await app.switch_mode("contacts")
    screen = app.screen
    if isinstance(screen, ContactsScreen):
        already_there = screen.selected_id() == contact_id
        screen.show_contact(contact_id)
        if already_there:
            screen.open_detail()
