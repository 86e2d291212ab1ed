"""Whom to get in touch with now, what to do for them, and why: the ranked suggestions.

Every reason gives a score; the higher, the more pressing. The bands, from the top:

- 100–120  a follow-up or promise past its due date (more days late, higher);
- 98–99    a follow-up or promise due today (98), an important date today (99);
- 69–87    a follow-up or promise due in the next 3 days, a date in the next 7 days
           (sooner, higher: 3 points a day);
- 60–78    someone met in the last two weeks with nothing logged since (fresher, higher);
- 62–70    someone you owe (balance −2 or lower) or only ever asked of (more owed, higher),
           unless you gave to them in the last 30 days and took nothing since;
- 40–60    someone past their keep-in-touch cadence (the further past, relative to the
           cadence, the higher: 50 at one whole cadence late, never quite 60);
- 30       the week's dormant tie: one person in the wider circle (or none) not in
           touch for over a year, a different one each week until one is reached.

Deadlines come first because they slip; then the people a meeting has just made
warm; then paying back, which is what keeps a network giving; then the cadence; and
once a week a dormant tie, because reconnecting with one pays off more than expected.

A person is suggested once, for their most pressing reason. Archived contacts, people
already in touch today, and people already in the week's plan for that kind are left
out (a plan item for any kind covers every kind).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from datetime import date, timedelta

from netrack.domain.analysis import Analysis
from netrack.domain.dates import COMING_UP_DAYS, DateComing
from netrack.domain.humanize import days_ago, plural, short_day, span
from netrack.domain.keepintouch import DETAILS_READ as KEEP_IN_TOUCH_READ
from netrack.domain.keepintouch import OVERDUE, TouchStatus, clock_start
from netrack.domain.kinds import FOLLOW_UP, GIVE, MEET, REACH_OUT
from netrack.domain.models import PLAN_DROPPED, Contact, PlanItem
from netrack.domain.name_sort import sorted_then_by_name
from netrack.domain.occasions import coming_up, still_to_do
from netrack.domain.plans import covers
from netrack.domain.valuetype import Value
from netrack.domain.weeks import Calendar, Week

FOLLOWUP_DUE = "followup-due"
PROMISE_DUE = "promise-due"
OVERDUE_REASON = "overdue"
OWE = "owe"
ASK_ONLY = "ask-only"
NEW_CONTACT = "new-contact"
DORMANT = "dormant"
DATE = "date"
REASONS = (FOLLOWUP_DUE, PROMISE_DUE, OVERDUE_REASON, OWE, ASK_ONLY, NEW_CONTACT, DORMANT, DATE)

DUE_AHEAD_DAYS = 3  # follow-ups due this soon are suggested already
DATE_AHEAD_DAYS = COMING_UP_DAYS  # the same week ahead as Today's "Coming up"
MET_WITHIN_DAYS = 14  # "met recently"
NEW_WITHIN_DAYS = 30  # a contact this young is new
OWE_BALANCE = -2
OWE_REST_DAYS = 30  # after a give with nothing taken since, no "owe" for this long
DORMANT_DAYS = 365
DORMANT_CIRCLES = ("wider", None)
# The contact details suggestions read: keep-in-touch's and the important dates.
DETAILS_READ = (*KEEP_IN_TOUCH_READ, "birthday", "dates")
# Kinds that follow up on a meeting: anything you do for the person yourself.
FOLLOWING_KINDS = frozenset({REACH_OUT, GIVE, FOLLOW_UP})


class Suggestion(Value):
    """One person to get in touch with, what to do, and why."""

    contact: Contact
    kind: str
    reason: str  # one of REASONS: a stable code for scripts
    why: str  # the sentence a person reads
    score: float
    followup_id: str | None = None  # the follow-up or promise it is about


def plan_note(suggestion: Suggestion, analysis: Analysis) -> str:
    """The note of a plan item made from ``suggestion``: what is owed, when it is about a
    follow-up or promise (the reason itself says why, which the plan does not need)."""
    if suggestion.followup_id is None:
        return ""
    owed = next((f for f in analysis.data.followups if f.id == suggestion.followup_id), None)
    return owed.text if owed is not None else ""


def suggestions(
    analysis: Analysis,
    dates: Iterable[DateComing] | None = None,
    week: Week | None = None,
) -> list[Suggestion]:
    """Everyone worth getting in touch with now, most pressing first.

    ``dates``: the important dates coming up (default: the contacts' own that are still
    to do, as ``occasions.coming_up`` and ``occasions.still_to_do`` find them).
    ``week``: the plan whose items are left out (default: this week's). ``analysis``
    may hold only the recent actions, with the older ones summed up (``earlier``).
    """
    week = week or analysis.current_week
    today = analysis.today
    touched_today = {
        a.contact_id
        for a in analysis.week_actions(analysis.current_week)
        if a.contact_id is not None and analysis.calendar.day_of(a.at) == today
    }
    planned = [p for p in analysis.data.plans if p.week == week.label and p.status != PLAN_DROPPED]
    if dates is None:
        coming = coming_up(analysis.data.contacts, today, DATE_AHEAD_DAYS)
        dates = still_to_do(coming, analysis.last_touches)

    candidates = [
        *_followups_due(analysis),
        *_dates(analysis, dates),
        *_met_recently(analysis),
        *_owed(analysis),
        *_past_cadence(analysis),
        *_dormant_tie(analysis, week),
    ]
    planned_for: dict[str | None, list[PlanItem]] = {}  # (looked up for thousands)
    for item in planned:
        planned_for.setdefault(item.contact_id, []).append(item)
    best: dict[str, Suggestion] = {}
    for found in candidates:
        contact = found.contact
        if contact.archived or contact.id in touched_today:
            continue
        if any(covers(p, found.kind) for p in planned_for.get(contact.id, ())):
            continue
        kept = best.get(contact.id)
        if kept is None or found.score > kept.score:
            best[contact.id] = found
    # By score, then name, then id (the sort keeps the order by id where both tie).
    by_id = sorted(best.values(), key=lambda s: s.contact.id)
    return sorted_then_by_name(by_id, lambda s: (-s.score,), lambda s: s.contact.name)


# Deadlines ------------------------------------------------------------------------------


def _followups_due(analysis: Analysis) -> list[Suggestion]:
    today = analysis.today
    horizon = today + timedelta(days=DUE_AHEAD_DAYS)
    due = [f for f in analysis.data.followups if f.is_open and f.due <= horizon]
    if not due:
        return []
    meetings = analysis.meetings({f.source_action_id for f in due if f.source_action_id})
    found = []
    for followup in due:
        contact = analysis.contacts_by_id.get(followup.contact_id)
        if contact is None:
            continue
        meeting = meetings.get(followup.source_action_id or "")
        if meeting is not None:
            reason = FOLLOWUP_DUE
            day, note = meeting
            text = f"met {short_day(day, today)}" + (f": {note}" if note else "")
        else:
            reason, text = PROMISE_DUE, f"promised: {followup.text}"
        score, when = _deadline(followup.due, today)
        why = f"{when} · {text}"  # the deadline first: the text may be long
        found.append(Suggestion(contact, FOLLOW_UP, reason, why, score, followup.id))
    return found


def _deadline(due: date, today: date) -> tuple[float, str]:
    """The score of something due on ``due``, and how its deadline reads."""
    days = due.toordinal() - today.toordinal()
    if days < 0:
        late = -days
        return 100.0 + min(late, 20), f"{plural(late, 'day')} overdue"
    if days == 0:
        return 98.0, "due today"
    return 90.0 - 3 * days, f"due {short_day(due)}"


def _dates(analysis: Analysis, dates: Iterable[DateComing]) -> list[Suggestion]:
    today = analysis.today
    found = []
    for coming in dates:
        contact = analysis.contacts_by_id.get(coming.contact_id)
        days = coming.days_from(today)
        if contact is None or not 0 <= days <= DATE_AHEAD_DAYS:
            continue
        score = 99.0 if days == 0 else 90.0 - 3 * days
        found.append(Suggestion(contact, REACH_OUT, DATE, coming.phrase(today), score))
    return found


# People a meeting just made warm ---------------------------------------------------------


def _met_recently(analysis: Analysis) -> list[Suggestion]:
    """New contacts met in the last two weeks with nothing done for them since."""
    today = analysis.today
    since = today - timedelta(days=MET_WITHIN_DAYS)
    young = today - timedelta(days=NEW_WITHIN_DAYS)
    calendar = analysis.calendar
    met: dict[str, date] = {}
    followed: dict[str, date] = {}
    first = calendar.week_index(since)
    for index, actions in analysis.by_week.items():
        if index < first:
            continue
        for action in actions:
            cid = action.contact_id
            if cid is None:
                continue
            day = calendar.day_of(action.at)
            if day < since or day > today:
                continue
            if action.kind == MEET:
                met[cid] = max(day, met.get(cid, day))
            elif action.kind in FOLLOWING_KINDS:
                followed[cid] = max(day, followed.get(cid, day))
    found = []
    for cid, day in met.items():
        contact = analysis.contacts_by_id.get(cid)
        if contact is None or calendar.day_of(contact.created) < young:
            continue
        if cid in followed and followed[cid] >= day:
            continue
        days = today.toordinal() - day.toordinal()
        why = f"met {days_ago(day, today)} ({short_day(day)}), nothing logged since"
        found.append(Suggestion(contact, FOLLOW_UP, NEW_CONTACT, why, max(60.0, 78.0 - days)))
    return found


# Paying back ------------------------------------------------------------------------------


def _owed(analysis: Analysis) -> list[Suggestion]:
    today = analysis.today
    owing = {
        cid: b
        for cid, b in analysis.balances.items()
        if b.balance <= OWE_BALANCE or (b.gives == 0 and b.takes > 0)
    }
    if not owing:
        return []
    since_give = analysis.takes_since_give
    rest_until = today - timedelta(days=OWE_REST_DAYS)
    found = []
    for cid, balance in owing.items():
        contact = analysis.contacts_by_id.get(cid)
        if contact is None:
            continue
        asks, received = since_give.get(cid, (0, 0))
        given = balance.last_give
        if not asks + received and given and analysis.calendar.day_of(given) > rest_until:
            continue  # paying back already: nothing taken since a recent give
        took = _took(asks, received)
        if balance.gives == 0:
            reason, why = ASK_ONLY, f"you {took}; you never gave"
        elif asks + received >= -balance.balance:
            # What happened since the last give explains the whole debt: say that.
            reason, why = OWE, f"you {took} since you last gave"
        else:
            reason = OWE
            why = f"you asked or got help {_times(balance.takes)} and gave {_times(balance.gives)}"
        owed = min(-balance.balance, 5)
        found.append(Suggestion(contact, GIVE, reason, why, 60.0 + 2 * owed))
    return found


def _took(asks: int, received: int) -> str:
    """``asked twice``, ``got help once``, ``asked 3 times and got help once``."""
    parts = []
    if asks:
        parts.append(f"asked {_times(asks)}")
    if received:
        parts.append(f"got help {_times(received)}")
    return " and ".join(parts)


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


# Keeping warm ------------------------------------------------------------------------------


def _past_cadence(analysis: Analysis) -> list[Suggestion]:
    found = []
    calendar = analysis.calendar
    for touch in analysis.touch_statuses():
        if touch.status != OVERDUE or _is_dormant(touch, calendar):
            continue
        if touch.last_touch is not None:
            last = f"last in touch {days_ago(touch.last_touch, analysis.today)}"
        else:
            since = "added"
            if _days_unreached(touch, calendar) > touch.days_since:  # put in a circle later
                since = "put in reminders"
            last = f"never in touch since {since} {span(touch.days_since)} ago"
        circle = f"{touch.contact.circle} circle, " if touch.contact.circle else ""
        why = f"{last}; {circle}every {touch.cadence} days"
        # Rises with how far past, relative to the cadence, without ever reaching the
        # band above: half a cadence late is 46.67, one cadence 50, ten 58.18.
        score = 40.0 + 20 * touch.coldness / (touch.coldness + 1)
        found.append(Suggestion(touch.contact, REACH_OUT, OVERDUE_REASON, why, round(score, 3)))
    return found


def _is_dormant(touch: TouchStatus, calendar: Calendar) -> bool:
    circle = touch.contact.circle
    return circle in DORMANT_CIRCLES and _days_unreached(touch, calendar) >= DORMANT_DAYS


def _days_unreached(touch: TouchStatus, calendar: Calendar) -> int:
    """Days since the last touch, or (never in touch) since the contact was added: an
    imported connection of years ago is a dormant tie, however recently sorted."""
    if touch.last_touch is not None:
        return touch.days_since
    start, added = clock_start(touch.contact, calendar), calendar.day_of(touch.contact.created)
    return touch.days_since + start.toordinal() - added.toordinal()


def _dormant_tie(analysis: Analysis, week: Week) -> list[Suggestion]:
    """This week's one dormant tie, unless one was already reached (or planned) this week.

    Ties are those dormant when the week began; which one is picked depends on the week,
    so it stays the same all week and changes from one week to the next.
    """
    eve = week.start - timedelta(days=1)
    circles = [c for c in analysis.data.contacts if c.circle in DORMANT_CIRCLES]
    ties = [
        t
        for t in analysis.touch_statuses(eve, among=circles)
        if not t.contact.archived and _is_dormant(t, analysis.calendar)
    ]
    if not ties:
        return []
    reached = analysis.last_touches
    planned = {p.contact_id for p in analysis.data.plans if p.week == week.label}
    for tie in ties:
        cid = tie.contact.id
        if cid in planned or (cid in reached and reached[cid] >= week.start):
            return []
    label = week.label.encode()
    tie = min(ties, key=lambda t: (zlib.crc32(label + t.contact.id.encode()), t.contact.id))
    if tie.last_touch is not None:
        why = f"dormant tie: last in touch {days_ago(tie.last_touch, analysis.today)}"
    else:
        days = (
            _days_unreached(tie, analysis.calendar) + analysis.today.toordinal() - eve.toordinal()
        )
        why = f"dormant tie: added {span(days)} ago, never in touch"
    return [Suggestion(tie.contact, REACH_OUT, DORMANT, why, 30.0)]
