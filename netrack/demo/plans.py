"""Weekly plans for the invented history: the last few weeks' plans, kept or not.

Each week's plan is made on its Monday morning with the domain's own rules: a few
people the story then did something for (each item is checked off by the first action
that matches it, as logging does), a couple it did not get to (missed once the week is
over), now and then one dropped; this week carries one missed item over from the last.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from netrack.domain.models import Action, PlanItem
from netrack.domain.plans import check_off, drop, item_checked_by, left_open, new_item
from netrack.domain.weeks import Week
from netrack.errors import UsageError

if TYPE_CHECKING:
    from netrack.demo.story import Story

PLANNED_WEEKS = 4
KEPT, MISSED = 3, 2  # items a week: people then acted with, and people not
NOTES = {
    "give": ("send the article we talked about", "intro to someone hiring", "share the slides"),
    "follow-up": ("ask how the interview went", "send the notes", "check in after the launch"),
    "reach-out": ("coffee?", "congratulate on the new role", "ask about the meetup"),
    "meet": ("lunch near the office", "call about the project"),
}


def plan_recent_weeks(story: Story) -> list[PlanItem]:
    """Plans for the last ``PLANNED_WEEKS`` weeks of ``story`` (played already)."""
    rng = story.rng
    calendar = story.calendar
    people = {p.id: p.contact for p in story.people}
    plans: list[PlanItem] = []
    for week in story.weeks[-PLANNED_WEEKS:]:
        made = _monday_morning(story, week)
        if made > story.now:
            continue
        week_actions = [
            a
            for a in sorted(story.actions, key=lambda a: a.at)
            if a.contact_id in people and a.at >= made and week.contains(calendar.day_of(a.at))
        ]
        acted = list(dict.fromkeys(a.contact_id for a in week_actions if a.contact_id))
        kept = rng.sample(acted, min(KEPT, len(acted)))
        others = [cid for cid in people if cid not in acted and people[cid].circle]
        missed = rng.sample(others, min(MISSED, len(others)))
        wanted: list[tuple[str, str | None, PlanItem | None]] = [
            (cid, _kind_for(cid, week_actions, rng), None) for cid in [*kept, *missed]
        ]
        if week == story.this_week:
            wanted[:0] = [
                (item.contact_id, item.kind, item)
                for item in left_open(plans, week.shifted(-1))[:1]
            ]
        for cid, kind, carried in wanted:
            note = carried.note if carried else rng.choice(NOTES.get(kind or "", ("",)))
            origin = carried.id if carried else None
            try:
                plans.append(
                    new_item(plans, people[cid], kind, note, week, made, story.new_id, origin)
                )
            except UsageError:
                continue  # already planned for that kind (carried over, say)
        for action in week_actions:
            done = item_checked_by(plans, action, calendar)
            if done is not None:
                plans[plans.index(done)] = check_off(done, action, action.logged)
        if week != story.this_week and missed and rng.random() < 0.5:
            mine = [p for p in plans if p.week == week.label and p.contact_id == missed[-1]]
            if mine:
                plans[plans.index(mine[0])] = drop(mine[0], made + timedelta(days=4))
    return plans


def _monday_morning(story: Story, week: Week) -> datetime:
    return story.at_minute(week.start, 8 * 60 + story.rng.randrange(40))


def _kind_for(contact_id: str, week_actions: list[Action], rng: random.Random) -> str | None:
    """The kind of the first action with them that week (None, any kind, at times)."""
    for action in week_actions:
        if action.contact_id == contact_id:
            return None if rng.random() < 0.25 else action.kind
    return rng.choice(("give", "reach-out", "follow-up", None))
