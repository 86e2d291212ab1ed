"""``netrack habit list|add|set|rename|kinds|remove``."""

from __future__ import annotations

import argparse

from netrack.cli.confirm import confirmed
from netrack.cli.context import Context
from netrack.cli.output import columns, emit_json, safe
from netrack.domain.analysis import Analysis
from netrack.domain.habit_changes import find_habit
from netrack.operations.habits import add_habit, remove_habit, rename_habit, set_kinds, set_target
from netrack.summaries import percent


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    analysis = Analysis(ctx.store.load(), ctx.now)
    records = analysis.habit_records()
    if args.json:
        emit_json(
            [
                {
                    "id": r.habit.id,
                    "name": r.habit.name,
                    "kinds": list(r.habit.kinds),
                    "target": r.habit.target,
                    "targets": [
                        {"since": t.since.isoformat(), "target": t.target} for t in r.habit.targets
                    ],
                    "created": r.habit.created.isoformat(),
                    "this_week": r.latest.count if r.latest else 0,
                    "streak": {"current": r.current_streak, "best": r.best_streak},
                    "strength": round(r.strength, 4),
                }
                for r in records
            ]
        )
        return 0
    if not records:
        ctx.say("no habits: netrack habit add 'Give first' --kinds give --target 3")
        return 0
    rows = [["habit", "kinds", "target", "this week", "streak", "best", "strength"]]
    for r in records:
        rows.append(
            [
                safe(r.habit.name),
                ",".join(r.habit.kinds),
                str(r.habit.target),
                str(r.latest.count if r.latest else 0),
                str(r.current_streak),
                str(r.best_streak),
                percent(r.strength),
            ]
        )
    for line in columns(rows, [18, 18, 6, 9, 6, 4, None]):
        ctx.say(line)
    return 0


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    habit, returned = add_habit(ctx.store, ctx.now, args.name, args.kinds, args.target)
    what = f"{safe(habit.name)}: {habit.target} a week of {', '.join(habit.kinds)}"
    if not returned:
        ctx.say(f"added habit {what}")
        return 0
    records = Analysis(ctx.store.load(), ctx.now).habit_records()
    streak = next((r.current_streak for r in records if r.habit.id == habit.id), 0)
    kept = f"; {streak}-week streak kept" if streak else ""
    ctx.say(f"brought back habit {what} (counted since {habit.created:%a %d %b %Y}{kept})")
    return 0


def run_set(args: argparse.Namespace, ctx: Context) -> int:
    before, after = set_target(ctx.store, ctx.now, args.name, args.target)
    ctx.say(
        f"{safe(after.name)}: {after.target} a week from this week on "
        f"(was {before.target}; past weeks keep their targets)"
    )
    return 0


def run_rename(args: argparse.Namespace, ctx: Context) -> int:
    before, after = rename_habit(ctx.store, args.name, args.new_name)
    ctx.say(f"renamed {safe(before.name)} to {safe(after.name)}")
    return 0


def run_kinds(args: argparse.Namespace, ctx: Context) -> int:
    habit = set_kinds(ctx.store, args.name, args.kinds)
    ctx.say(f"{safe(habit.name)} now counts {', '.join(habit.kinds)}")
    return 0


def run_remove(args: argparse.Namespace, ctx: Context) -> int:
    analysis = Analysis(ctx.store.load(), ctx.now)
    habit = find_habit(analysis.data.habits, args.name)
    streak = next((r.current_streak for r in analysis.habit_records() if r.habit.id == habit.id), 0)
    with_streak = f", its {streak}-week streak" if streak else ""
    question = (
        f"remove habit {safe(habit.name)} ({habit.target} a week of {', '.join(habit.kinds)}"
        f"{with_streak})? the actions stay; 'netrack undo' brings it back [y/N] "
    )
    if not confirmed(ctx, question, args.yes, "habit remove"):
        ctx.say("nothing removed")
        return 1
    removed = remove_habit(ctx.store, habit.id)
    ctx.say(
        f"removed habit {safe(removed.name)} (the actions it counted are kept; "
        "'netrack undo', or adding it again, brings it back with its streak)"
    )
    return 0
