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
from functools import partial

from netrack.domain.analysis import Analysis
from netrack.domain.dates import COMING_UP_DAYS, DateComing
from netrack.domain.humanize import days_ago, plural, short_day, span
from netrack.domain.keepintouch import DETAILS_READ as KEEP_IN_TOUCH_READ
from netrack.domain.keepintouch import OVERDUE, TouchStatus, clock_start
from netrack.domain.kinds import FOLLOW_UP, GIVE, MEET, REACH_OUT
from netrack.domain.models import PLAN_DROPPED, Contact, PlanItem
from netrack.domain.occasions import coming_up, still_to_do
from netrack.domain.plans import covers
from netrack.domain.ranking import Found as _Found
from netrack.domain.ranking import Ranked
from netrack.domain.ranking import Suggestion as Suggestion  # (named here too)
from netrack.domain.reciprocity import ContactBalance
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
    found = ranked(analysis, dates, week)
    return found.first(found.count)


def ranked(
    analysis: Analysis,
    dates: Iterable[DateComing] | None = None,
    week: Week | None = None,
) -> Ranked:
    """The suggestions, as ``suggestions`` lists them, for a listing of the first few."""
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

    statuses = analysis.touch_statuses()
    candidates: list[_Found] = [
        *_followups_due(analysis),
        *_dates(analysis, dates),
        *_met_recently(analysis),
        *_owed(analysis),
        *_past_cadence(analysis, statuses),
        *_dormant_tie(analysis, week, statuses),
    ]
    planned_for: dict[str | None, list[PlanItem]] = {}  # (looked up for thousands)
    for item in planned:
        planned_for.setdefault(item.contact_id, []).append(item)
    best: dict[str, _Found] = {}
    for found in candidates:
        contact = found[1]
        if contact.archived or contact.id in touched_today:
            continue
        if (plans := planned_for.get(contact.id)) and any(covers(p, found[2]) for p in plans):
            continue
        kept = best.get(contact.id)
        if kept is None or found[0] > kept[0]:
            best[contact.id] = found
    return Ranked(list(best.values()))


# Deadlines ------------------------------------------------------------------------------


def _followups_due(analysis: Analysis) -> list[_Found]:
    today = analysis.today
    horizon = today + timedelta(days=DUE_AHEAD_DAYS)
    due = [f for f in analysis.data.followups if f.is_open and f.due <= horizon]
    if not due:
        return []
    meetings = analysis.meetings({f.source_action_id for f in due if f.source_action_id})
    found: list[_Found] = []
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
        found.append((score, contact, FOLLOW_UP, reason, why, followup.id))
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


def _dates(analysis: Analysis, dates: Iterable[DateComing]) -> list[_Found]:
    today = analysis.today
    found: list[_Found] = []
    for coming in dates:
        contact = analysis.contacts_by_id.get(coming.contact_id)
        days = coming.days_from(today)
        if contact is None or not 0 <= days <= DATE_AHEAD_DAYS:
            continue
        score = 99.0 if days == 0 else 90.0 - 3 * days
        found.append((score, contact, REACH_OUT, DATE, coming.phrase(today), None))
    return found


# People a meeting just made warm ---------------------------------------------------------


def _met_recently(analysis: Analysis) -> list[_Found]:
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
    found: list[_Found] = []
    for cid, day in met.items():
        contact = analysis.contacts_by_id.get(cid)
        if contact is None or calendar.day_of(contact.created) < young:
            continue
        if cid in followed and followed[cid] >= day:
            continue
        days = today.toordinal() - day.toordinal()
        why = f"met {days_ago(day, today)} ({short_day(day)}), nothing logged since"
        found.append((max(60.0, 78.0 - days), contact, FOLLOW_UP, NEW_CONTACT, why, None))
    return found


# Paying back ------------------------------------------------------------------------------


def _owed(analysis: Analysis) -> list[_Found]:
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
    found: list[_Found] = []
    for cid, balance in owing.items():
        contact = analysis.contacts_by_id.get(cid)
        if contact is None:
            continue
        asks, received = since_give.get(cid, (0, 0))
        given = balance.last_give
        if not asks + received and given and analysis.calendar.day_of(given) > rest_until:
            continue  # paying back already: nothing taken since a recent give
        reason = ASK_ONLY if balance.gives == 0 else OWE
        owed = min(-balance.balance, 5)
        why = partial(_owed_why, balance, asks, received)
        found.append((60.0 + 2 * owed, contact, GIVE, reason, why, None))
    return found


def _owed_why(balance: ContactBalance, asks: int, received: int) -> str:
    took = _took(asks, received)
    if balance.gives == 0:
        return f"you {took}; you never gave"
    if asks + received >= -balance.balance:
        # What happened since the last give explains the whole debt: say that.
        return f"you {took} since you last gave"
    return f"you asked or got help {_times(balance.takes)} and gave {_times(balance.gives)}"


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


def _past_cadence(analysis: Analysis, statuses: Iterable[TouchStatus]) -> list[_Found]:
    found: list[_Found] = []
    add, calendar, today = found.append, analysis.calendar, analysis.today
    for touch in statuses:
        if touch.status != OVERDUE or _is_dormant(touch, calendar):
            continue
        # Rises with how far past, relative to the cadence, without ever reaching the
        # band above: half a cadence late is 46.67, one cadence 50, ten 58.18.
        coldness = touch.coldness
        score = round(40.0 + 20 * coldness / (coldness + 1), 3)
        why = partial(_cadence_why, touch, today, calendar)
        add((score, touch.contact, REACH_OUT, OVERDUE_REASON, why, None))
    return found


def _cadence_why(touch: TouchStatus, today: date, calendar: Calendar) -> str:
    if touch.last_touch is not None:
        last = f"last in touch {days_ago(touch.last_touch, today)}"
    else:
        since = "added"
        if _days_unreached(touch, calendar) > touch.days_since:  # put in a circle later
            since = "put in reminders"
        last = f"never in touch since {since} {span(touch.days_since)} ago"
    circle = f"{touch.contact.circle} circle, " if touch.contact.circle else ""
    return f"{last}; {circle}every {touch.cadence} days"


def _is_dormant(touch: TouchStatus, calendar: Calendar) -> bool:
    circle = touch.contact.circle
    return circle in DORMANT_CIRCLES and _days_unreached(touch, calendar) >= DORMANT_DAYS


def _days_unreached(touch: TouchStatus, calendar: Calendar) -> int:
    """Days since the last touch, or (never in touch) since the contact was added: an
    imported connection of years ago is a dormant tie, however recently sorted."""
    if touch.last_touch is not None:
        return touch.days_since
    return touch.days_since + _clock_held(touch.contact, calendar)


def _clock_held(contact: Contact, calendar: Calendar) -> int:
    """Days from adding ``contact`` to starting their keep-in-touch clock."""
    return clock_start(contact, calendar).toordinal() - calendar.day_of(contact.created).toordinal()


def _dormant_tie(analysis: Analysis, week: Week, statuses: Iterable[TouchStatus]) -> list[_Found]:
    """This week's one dormant tie, unless one was already reached (or planned) this week.

    Ties are those dormant when the week began; which one is picked depends on the week,
    so it stays the same all week and changes from one week to the next. ``statuses``:
    today's (``Analysis.touch_statuses``), from which those on the week's eve follow.
    """
    eve = week.start - timedelta(days=1)
    calendar, today = analysis.calendar, analysis.today
    day = min(eve, today)  # (a later week's eve: as things stand today)
    earlier, day_of = today.toordinal() - day.toordinal(), calendar.day_of
    # Each tie: (contact, last touch, days since it, or since the clock started, on ``day``).
    ties: list[tuple[Contact, date | None, int]] = []
    touched_since: list[Contact] = []  # whose status on ``day`` needs an earlier touch
    for touch in statuses:
        contact, last = touch.contact, touch.last_touch
        if contact.circle not in DORMANT_CIRCLES:
            continue
        if last is not None and last > day:
            touched_since.append(contact)
            continue
        days = max(0, touch.days_since - earlier)  # the same clock (it never runs back)
        unreached = days if last is not None else days + _clock_held(contact, calendar)
        if unreached >= DORMANT_DAYS and day_of(contact.created) <= day:
            ties.append((contact, last, days))
    if touched_since:
        ties += [
            (t.contact, t.last_touch, t.days_since)
            for t in analysis.touch_statuses(day, touched_since)
            if _is_dormant(t, calendar)
        ]
    if not ties:
        return []
    reached = analysis.last_touches
    planned = {p.contact_id for p in analysis.data.plans if p.week == week.label}
    for contact, _, _ in ties:
        cid = contact.id
        if cid in planned or (cid in reached and reached[cid] >= week.start):
            return []
    label = week.label.encode()
    contact, last, days = min(ties, key=lambda t: (zlib.crc32(label + t[0].id.encode()), t[0].id))
    if last is not None:
        why = f"dormant tie: last in touch {days_ago(last, today)}"
    else:
        days += _clock_held(contact, calendar) + today.toordinal() - eve.toordinal()
        why = f"dormant tie: added {span(days)} ago, never in touch"
    return [(30.0, contact, REACH_OUT, DORMANT, why, None)]
