"""One contact's whole story: details, give and take, what is owed, the timeline."""

from __future__ import annotations

from rich.text import Text

from netrack.domain.analysis import Analysis
from netrack.domain.followups import status
from netrack.domain.keepintouch import DUE_SOON, OVERDUE, touch_status
from netrack.domain.models import CONTACT_FIELDS, Contact
from netrack.domain.timeline import newest_first
from netrack.summaries import short_day, signed
from netrack.tui.text import shown

TOUCH_STYLE = {OVERDUE: "bold red", DUE_SOON: "yellow"}
TIMELINE_SHOWN = 50
# Details the story shows in lines of their own (with the cadence; notes at length).
SHOWN_APART = frozenset(("circle", "notes"))


def contact_story(contact: Contact, analysis: Analysis) -> Text:
    """Everything about one contact: details, give and take, what is owed, the timeline."""
    text = Text()
    text.append(shown(contact.name), "bold")
    if contact.archived:
        text.append("  (archived)", "dim")
    text.append("\n")
    for field in CONTACT_FIELDS:
        value = field.kind.show(getattr(contact, field.name))
        if field.detail and value and field.name not in SHOWN_APART:
            text.append(f"{field.label:<8}", "dim")
            text.append(shown(value) + "\n")
    touch = touch_status(
        contact,
        analysis.last_touches.get(contact.id),
        analysis.today,
        analysis.data.settings,
        analysis.calendar,
    )
    circle = contact.circle or "no circle"
    cadence = f"every {touch.cadence} days" if touch.cadence else "no reminders"
    text.append(f"{'circle':<8}", "dim")
    text.append(f"{circle} · {cadence}")
    if touch.status and not contact.archived:
        text.append(f" · {touch.status}", TOUCH_STYLE.get(touch.status, "green"))
    text.append("\n")
    if contact.notes:
        text.append(f"{'notes':<8}", "dim")
        text.append(shown(contact.notes, multiline=True) + "\n")

    balance = analysis.balances.get(contact.id)
    text.append("\nGive and take  ", "bold")
    if balance is None:
        text.append("nothing given or taken yet\n", "dim")
    else:
        text.append(
            f"gives {balance.gives} · takes {balance.takes} · balance {signed(balance.balance)}"
        )
        if balance.ask_only:
            text.append("  ask-only: give something first", "bold red")
        elif balance.owe:
            text.append("  you owe them", "yellow")
        text.append("\n")

    owed = [f for f in analysis.data.followups if f.contact_id == contact.id and f.is_open]
    if owed:
        text.append("\nOwed\n", "bold")
        for followup in sorted(owed, key=lambda f: f.due):
            state = status(followup, analysis.today, analysis.calendar)
            text.append(f"  {short_day(followup.due):<11}", "red" if state == "overdue" else "")
            text.append(shown(followup.text) + "\n")

    actions = newest_first(a for a in analysis.data.actions if a.contact_id == contact.id)
    text.append(f"\nTimeline ({len(actions)})\n", "bold")
    for action in actions[:TIMELINE_SHOWN]:
        text.append(f"  {short_day(action.at.date(), analysis.today):<11}", "dim")
        text.append(f"{action.kind:<10}")
        text.append(shown(action.note) + "\n")
    if len(actions) > TIMELINE_SHOWN:
        text.append(f"  … and {len(actions) - TIMELINE_SHOWN} earlier\n", "dim")
    return text
