"""``netrack contacts`` and ``netrack contact add|edit|show|archive|merge``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from netrack.cli.context import Context
from netrack.cli.output import (
    columns,
    emit_json,
    labelled,
    listing,
    safe,
    safe_block,
    short_day,
    short_moment,
    table,
)
from netrack.domain.analysis import Analysis
from netrack.domain.circles import parse_circle
from netrack.domain.contacts import close_matches, resolve_existing
from netrack.domain.humanize import days_ago_phrases, plural
from netrack.domain.models import CONTACT_FIELDS, Action, Contact
from netrack.domain.name_sort import sorted_by_name
from netrack.domain.touch import last_touches
from netrack.domain.weeks import calendar_for
from netrack.store.schema import ACTIONS, CONTACTS

if TYPE_CHECKING:  # the writes' operations are imported by the commands that write
    from netrack.domain.contact_changes import ContactFields

LABEL = 9  # the width of a detail's label in ``contact show``


def _fields(args: argparse.Namespace, name: str | None) -> ContactFields:
    from netrack.domain.contact_changes import ContactFields

    return ContactFields(name, {field.name: getattr(args, field.name) for field in CONTACT_FIELDS})


def _nobody_listed(everyone: tuple[Contact, ...], args: argparse.Namespace) -> str:
    """Why ``contacts`` lists nobody: no contacts yet, none in the circle, or all archived."""
    if not everyone:
        return "no contacts yet: log an action (netrack reach 'Dana Lee') or netrack contact add"
    if args.circle:
        circle = parse_circle(args.circle)
        return f"nobody in the {circle} circle" if circle else "nobody without a circle"
    return "every contact is archived: netrack contacts --all lists them"


@listing
def run_list(args: argparse.Namespace, ctx: Context) -> int:
    if args.json:  # the time of each last touch: every action is read
        from netrack.cli.jsonviews import contact_json

        data = ctx.store.load()
        touches = {cid: a.at for cid, a in last_touches(data.actions).items()}
    else:  # the day of each last touch: archived years are read as day counts
        data, earlier = ctx.store.load_recent(
            only=(CONTACTS, ACTIONS),
            summary=("touches",),
            view_at=ctx.now,
            details=("company", "circle"),
        )
        touched = Analysis(data, ctx.now, earlier).last_touches
    calendar = calendar_for(data.settings)
    today = calendar.day_of(ctx.now)
    contacts = [c for c in data.contacts if args.all or not c.archived]
    if args.circle:
        circle = parse_circle(args.circle)
        contacts = [c for c in contacts if c.circle == circle]
    contacts = sorted_by_name(contacts, lambda c: c.name)
    if args.json:
        emit_json(
            [
                {
                    **contact_json(c),
                    "last_touch": touches[c.id].isoformat() if c.id in touches else None,
                }
                for c in contacts
            ]
        )
        return 0
    if not contacts:
        ctx.say(_nobody_listed(data.contacts, args))
        return 0
    ago = days_ago_phrases(today)
    rows = [
        [
            safe(c.name),
            safe(c.company),
            safe(c.circle or "—"),
            ago(touched.get(c.id)),
            "archived" if c.archived else "",
        ]
        for c in contacts
    ]
    ctx.say(f"{plural(len(contacts), 'contact')}")
    header = ["name", "company", "circle", "last touch", ""]
    ctx.say("\n".join(table(header, rows, [24, 20, 7, 13, None])))  # 13: "11 months ago"
    return 0


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.operations.people import add_contact

    contact = add_contact(ctx.store, ctx.now, _fields(args, args.name))
    ctx.say(
        f"added contact {safe(contact.name)}" + (f" · {contact.circle}" if contact.circle else "")
    )
    others = [c for c in ctx.store.load_recent()[0].contacts if c.id != contact.id]
    close = close_matches(others, contact.name)
    if close:
        names = [safe(c.name) for c in close[:3]]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        already = "already a contact" if len(names) == 1 else "already contacts"
        ctx.warn(f"netrack: note: {safe(contact.name)} is close to {listed}, {already}")
    return 0


def run_edit(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.operations.people import update_contact

    before, after = update_contact(ctx.store, ctx.now, args.name, _fields(args, args.new_name))
    if after == before:
        ctx.say(f"nothing to change for {safe(before.name)}; give an option such as --company")
    else:
        ctx.say(f"updated {safe(after.name)}")
    return 0


def run_archive(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.cli.confirm import confirmed
    from netrack.operations.people import set_archived

    who = args.name
    if args.archived:
        target = resolve_existing(ctx.store.load_recent()[0].contacts, args.name)
        question = (
            f"archive {safe(target.name)}? hidden from lists and reminders until "
            "'netrack contact unarchive' (or 'netrack undo') [y/N] "
        )
        if not target.archived and not confirmed(ctx, question, args.yes, "contact archive"):
            ctx.say("nothing archived")
            return 1
        who = target.id
    contact = set_archived(ctx.store, ctx.now, who, args.archived)
    ctx.say(f"{safe(contact.name)} is {'archived' if args.archived else 'active again'}")
    return 0


def run_merge(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.cli.confirm import confirmed
    from netrack.operations.people import merge_contacts

    data = ctx.store.load()
    source = resolve_existing(data.contacts, args.source)
    target = resolve_existing(data.contacts, args.target)
    if source.id != target.id:
        actions = sum(1 for a in data.actions if a.contact_id == source.id)
        followups = sum(1 for f in data.followups if f.contact_id == source.id)
        question = (
            f"merge {safe(source.name)} ({plural(actions, 'action')}, "
            f"{plural(followups, 'follow-up')}) into {safe(target.name)}? "
            f"{safe(source.name)} is then removed; 'netrack undo' takes it back [y/N] "
        )
        if not confirmed(ctx, question, args.yes, "contact merge"):
            ctx.say("nothing merged")
            return 1
    merge = merge_contacts(ctx.store, ctx.now, source.id, target.id)
    actions, followups = len(merge.actions), len(merge.followups)
    ctx.say(
        f"merged {safe(merge.removed.name)} into {safe(merge.target.name)}: moved "
        f"{plural(actions, 'action')} and {plural(followups, 'follow-up')}"
    )
    return 0


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.domain.events import events_of  # (not loaded by ``contacts``)
    from netrack.domain.introductions import intro_phrase, introductions_of
    from netrack.domain.occasions import coming_up
    from netrack.domain.timeline import newest_first

    data = ctx.store.load()
    calendar = calendar_for(data.settings)
    contact = resolve_existing(data.contacts, args.name)
    actions = newest_first(a for a in data.actions if a.contact_id == contact.id)
    followups = [f for f in data.followups if f.contact_id == contact.id and f.is_open]
    intros = introductions_of(data.introductions, contact.id)
    events = events_of(data.events, contact.id)
    names = {c.id: c.name for c in data.contacts}

    def name_of(contact_id: str | None) -> str:
        return names.get(contact_id or "", "you" if contact_id is None else "?")

    if args.json:
        from netrack.cli.jsonviews import (
            action_json,
            contact_json,
            followup_json,
            introduction_json,
        )

        emit_json(
            {
                **contact_json(contact),
                "actions": [action_json(a, contact, calendar) for a in actions],
                "open_followups": [followup_json(f, contact) for f in followups],
                "introductions": [introduction_json(i, name_of) for i in intros],
                "events": [
                    {"id": e.id, "name": e.name, "on": e.on.isoformat(), "met": met}
                    for e, met in events
                ],
            }
        )
        return 0
    ctx.say(safe(contact.name) + (" (archived)" if contact.archived else ""))
    for field in CONTACT_FIELDS:  # a note of several lines goes on under its label
        value = field.kind.show(getattr(contact, field.name))
        if field.detail and value:
            ctx.say("\n".join(labelled(field.label, value, LABEL)))
    for f in followups:
        ctx.say("\n".join(labelled("owed", f.text, LABEL, after=f" · due {short_day(f.due)}")))
    today = ctx.now.date()
    for intro in intros:
        note = intro.introduction.note
        phrase = f"{intro_phrase(intro, name_of)}, {short_day(intro.day, today)}"
        ctx.say("\n".join(labelled("intro", note, LABEL, before=phrase + (": " if note else ""))))
    for event, met in events:
        how = "met at" if met else "going to"
        ctx.say(f"  event    {how} {safe(event.name)}, {short_day(event.on, today)}")
    for coming in coming_up([contact], calendar.day_of(ctx.now)):
        ctx.say(f"  soon     {safe(coming.phrase(today))} ({short_day(coming.on, today)})")
    ctx.say(f"  {plural(len(actions), 'action')}")
    rows = [[short_moment(a.at), safe(a.kind), how_line(a), safe_block(a.note)] for a in actions]
    if contact.met_on is not None:  # the timeline starts the day you met
        rows.append([short_day(contact.met_on, today), "met", "", safe_block(contact.met_how)])
    for line in columns(rows, [16, 9, 20, None]):
        ctx.say(f"  {line}")
    return 0


def how_line(action: Action) -> str:
    """The channel, and for a reach-out whether it was personal: ``email · personal``."""
    if action.personal is None:
        return safe(action.channel)
    return f"{safe(action.channel)} · {'personal' if action.personal else 'generic'}"
