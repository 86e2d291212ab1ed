"""``netrack undo``, ``netrack redo`` and ``netrack history``."""

from __future__ import annotations

import argparse

from netrack.cli.context import Context
from netrack.cli.output import emit_json, safe, short_moment, terminal_width, wrap_text
from netrack.domain.changes import Change, touched_phrase
from netrack.operations.history import (
    NOTHING_TO_REDO,
    list_changes,
    nothing_to_undo,
    redo_last_undo,
    undo_last_change,
)


def run_undo(args: argparse.Namespace, ctx: Context) -> int:
    undone = undo_last_change(ctx.store, ctx.now, change_id=args.change)
    if undone is None:
        ctx.say(nothing_to_undo(ctx.store))
        return 0
    ctx.say(safe(undone.line))
    return 0


def run_redo(args: argparse.Namespace, ctx: Context) -> int:
    redone = redo_last_undo(ctx.store)
    ctx.say(NOTHING_TO_REDO if redone is None else safe(redone.line))
    return 0


def run_history(args: argparse.Namespace, ctx: Context) -> int:
    changes = list_changes(ctx.store, args.limit)
    if args.json:
        emit_json([change_json(c) for c in changes])
        return 0
    if not changes:
        ctx.say("no changes recorded yet: each change you make from now on is listed here")
        return 0
    fit = terminal_width(ctx.out)
    for change in changes:
        state = "  (undone)" if change.undone else "  (imported)" if change.imported else ""
        head = f"{change.id[:8]}  {short_moment(change.at)}  "
        summary = wrap_text(f"{safe(change.summary)}{state}", max(20, fit - len(head)))
        ctx.say(head + summary.replace("\n", "\n" + " " * len(head)))
        if change.replaced is not None:
            ctx.say(f"{'':8}  the whole file (the one it replaced: {safe(change.replaced)})")
        else:
            ctx.say(f"{'':8}  {touched_phrase(change)}")
    ctx.say("'netrack undo' takes back the newest change not yet undone")
    return 0


def change_json(change: Change) -> dict[str, object]:
    """One change as ``netrack history --json`` shows it."""
    return {
        "id": change.id,
        "at": change.at.isoformat(),
        "summary": change.summary,
        "kind": change.kind or None,
        "undone": change.undone.isoformat() if change.undone else None,
        "imported": change.imported,
        "replaced": change.replaced,
        "touched": [
            {"table": t.table, "id": t.record_id, "change": t.what} for t in change.touched
        ],
    }
