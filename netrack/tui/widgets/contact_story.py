"""The selected contact's story on the Contacts screen: details, important dates coming
up, give and take, what is owed, introductions, events, and the timeline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from netrack.domain.analysis import Analysis
from netrack.domain.events import events_of
from netrack.domain.followups import status
from netrack.domain.introductions import intro_phrase, introductions_of
from netrack.domain.keepintouch import DUE_SOON, OVERDUE, touch_status
from netrack.domain.models import CONTACT_FIELDS, Action, Contact
from netrack.domain.occasions import coming_up
from netrack.domain.timeline import newest_first
from netrack.summaries import short_day, signed
from netrack.tui.text import shown

TOUCH_STYLE = {OVERDUE: "bold red", DUE_SOON: "yellow"}
TIMELINE_SHOWN = 50
# Details the story shows in lines of their own (with the cadence; notes at length).
SHOWN_APART = frozenset(("circle", "notes"))
LABEL = max(len(field.label) for field in CONTACT_FIELDS) + 1  # with a blank after it


class Archived(NamedTuple):
    """What the timeline shows of a contact's archived actions (the app does not keep
    them: they are read from the year files when the story needs them)."""

    total: int  # how many there are
    actions: Sequence[Action] | None  # the latest of them, or None while being read


NOT_ARCHIVED = Archived(0, ())


def contact_story(
    contact: Contact, analysis: Analysis, archived: Archived = NOT_ARCHIVED
) -> RenderableType:
    """Everything about one contact: details, give and take, what is owed, the timeline.

    ``archived``: their actions in the archived years (``analysis`` holds the main
    file's)."""
    text = Text()
    text.append(shown(contact.name), "bold")
    if contact.archived:
        text.append("  (archived)", "dim")
    text.append("\n")
    _details(text, contact, analysis)
    _give_and_take(text, contact, analysis)
    _owed(text, contact, analysis)
    _people_and_events(text, contact, analysis)
    return Group(text, _timeline(contact, analysis, archived))


def _details(text: Text, contact: Contact, analysis: Analysis) -> None:
    for field in CONTACT_FIELDS:
        value = field.kind.show(getattr(contact, field.name))
        if field.detail and value and field.name not in SHOWN_APART:
            text.append(f"{field.label:<{LABEL}}", "dim")
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
    text.append(f"{'circle':<{LABEL}}", "dim")
    text.append(f"{circle} · {cadence}")
    if touch.status and not contact.archived:
        text.append(f" · {touch.status}", TOUCH_STYLE.get(touch.status, "green"))
    text.append("\n")
    for coming in coming_up([contact], analysis.today):
        text.append(f"{'soon':<{LABEL}}", "dim")
        when = short_day(coming.on, analysis.today)
        text.append(f"{shown(coming.phrase(analysis.today))} ({when})\n", "bold")
    if contact.notes:
        text.append(f"{'notes':<{LABEL}}", "dim")
        notes = shown(contact.notes, multiline=True)  # further lines go on under the first
        text.append(notes.replace("\n", "\n" + " " * LABEL) + "\n")


def _give_and_take(text: Text, contact: Contact, analysis: Analysis) -> None:
    balance = analysis.balances.get(contact.id)
    text.append("\nGive and take  ", "bold")
    if balance is None:
        text.append("nothing given or taken yet\n", "dim")
        return
    text.append(
        f"gives {balance.gives} · takes {balance.takes} · balance {signed(balance.balance)}"
    )
    if balance.ask_only:
        text.append("  ask-only: give something first", "bold red")
    elif balance.owe:
        text.append("  you owe them", "yellow")
    text.append("\n")


def _owed(text: Text, contact: Contact, analysis: Analysis) -> None:
    owed = [f for f in analysis.data.followups if f.contact_id == contact.id and f.is_open]
    if not owed:
        return
    text.append("\nOwed\n", "bold")
    for followup in sorted(owed, key=lambda f: f.due):
        state = status(followup, analysis.today, analysis.calendar)
        text.append(f"  {short_day(followup.due):<11}", "red" if state == "overdue" else "")
        text.append(shown(followup.text) + "\n")


def _people_and_events(text: Text, contact: Contact, analysis: Analysis) -> None:
    """Introductions made to, by or for them, and the events they were met at or go to."""
    data = analysis.data

    def name_of(contact_id: str | None) -> str:
        if contact_id is None:
            return "you"
        other = analysis.contacts_by_id.get(contact_id)
        return other.name if other else "?"

    intros = introductions_of(data.introductions, contact.id)
    events = events_of(data.events, contact.id)
    if not intros and not events:
        return
    text.append("\nIntroductions and events\n", "bold")
    for line in intros:
        note = line.introduction.note
        text.append(f"  {short_day(line.day, analysis.today):<11}", "dim")
        text.append(shown(intro_phrase(line, name_of) + (f": {note}" if note else "")) + "\n")
    for event, met in events:
        text.append(f"  {short_day(event.on, analysis.today):<11}", "dim")
        text.append(("met at " if met else "going to ") + shown(event.name) + "\n")


def recent_actions(contact: Contact, analysis: Analysis) -> list[Action]:
    """The contact's actions that ``analysis`` holds, in file order."""
    return [a for a in analysis.data.actions if a.contact_id == contact.id]


def needs_archived(recent: Sequence[Action], count: int) -> bool:
    """Whether the timeline shows any of ``count`` archived actions besides ``recent``."""
    return count > 0 and len(recent) < TIMELINE_SHOWN


def _timeline(contact: Contact, analysis: Analysis, archived: Archived) -> RenderableType:
    """Newest first, each note followed by its channel (and for a reach-out, whether it
    was personal), starting the day you met when that is known. A table, so that long
    notes wrap in their own column."""
    recent = recent_actions(contact, analysis)
    reading = archived.actions is None and needs_archived(recent, archived.total)
    actions = newest_first([*(archived.actions or ()), *recent])
    total = len(recent) + archived.total
    today = analysis.today
    table = Table(box=None, show_header=False, padding=(0, 1, 0, 0), pad_edge=False, expand=True)
    table.add_column(style="dim", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    for action in actions[:TIMELINE_SHOWN]:
        line = Text(shown(action.note))
        line.append((" · " if action.note else "") + how(action), "dim")
        table.add_row(f"  {short_day(action.at.date(), today)}", shown(action.kind), line)
    shown_count = min(len(actions), TIMELINE_SHOWN)
    if reading:
        table.add_row(f"  … {total - shown_count} earlier, being read from the archive", "", "")
    elif total > TIMELINE_SHOWN:
        table.add_row(f"  … and {total - TIMELINE_SHOWN} earlier", "", "")
    elif contact.met_on is not None:
        table.add_row(f"  {short_day(contact.met_on, today)}", "met", shown(contact.met_how))
    title = Text(f"Timeline ({total})", "bold")
    return Group(title, table) if table.row_count else title


def how(action: Action) -> str:
    """``email``, or for a reach-out ``email · personal`` / ``email · generic``."""
    if action.personal is None:
        return shown(action.channel)
    return f"{shown(action.channel)} · {'personal' if action.personal else 'generic'}"
