"""``netrack restore``: list the backups, or put one back (or one archive year)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from netrack.cli.commands.safety import count_phrase
from netrack.cli.context import Context
from netrack.cli.output import emit_json, safe, terminal_width, wrap_text
from netrack.errors import DataFileError, NetrackError, UsageError, quoted
from netrack.paths import user_path
from netrack.store import recovery
from netrack.store.backups import DAILY, Backup, all_backups
from netrack.store.outbox import is_syncing
from netrack.store.schema import ACTIONS, CONTACTS, FOLLOWUPS


def run_restore(args: argparse.Namespace, ctx: Context) -> int:
    path = ctx.store.path
    if args.backup is None:
        return _list_backups(args, ctx, path)
    earlier = _earlier_year(args.backup, path)
    if earlier is not None:
        return _restore_year(args, ctx, path, earlier)
    backup = find_backup(args.backup, path)
    try:
        _, dataset = recovery.read_backup(backup, path)
    except DataFileError as error:  # named by its path: the user may want to look at it
        raise NetrackError(
            f"cannot restore {backup}: {error.problem}; nothing was changed"
        ) from None
    incoming = recovery.summarize(dataset)
    shown = _backup_label(backup, path, ctx.now.date())
    ctx.say(f"restore  {safe(shown)}  ({_summary_phrase(incoming)})")
    ctx.say(f"over     {safe(str(path))}  ({_current_phrase(path)})")
    if not args.yes and not _confirmed(ctx, "replace the data file with this backup? [y/N] "):
        ctx.warn("netrack: not restored; nothing was changed")
        return 1
    outcome = recovery.restore(path, backup, ctx.now)
    ctx.store.unpublished = is_syncing(path)  # the other computers see the restore too
    if outcome.kept is None:
        ctx.say(f"restored {safe(backup.name)}")
        return 0
    ctx.say(f"kept the replaced file as {safe(str(outcome.kept))}")
    ctx.say(f"restored {safe(backup.name)} ('netrack undo' puts the replaced file back)")
    return 0


def _backup_label(backup: Path, path: Path, today: date) -> str:
    """``backup`` as the user knows it: its name as listed, today's copy said so (it may
    still wait in a hidden folder of backups/ that is none of their concern), or the
    path they gave for a file from elsewhere."""
    listed = next((b for b in all_backups(path) if b.path == backup), None)
    if listed is None:
        return str(backup)
    if listed.kind == DAILY and listed.day == today:
        return f"{listed.name}, today's copy"
    return listed.name


def _earlier_year(text: str, path: Path) -> recovery.EarlierYear | None:
    """The earlier year file the user named (``2020.2.json``, as listed), if they named one."""
    key = text.strip()
    for earlier in recovery.earlier_years(path):
        if key in (earlier.name, earlier.path.name, earlier.path.name.removesuffix(".json")):
            return earlier
    return None


def _restore_year(
    args: argparse.Namespace, ctx: Context, path: Path, earlier: recovery.EarlierYear
) -> int:
    if earlier.summary is None:
        raise NetrackError(f"cannot restore {earlier.path}: {earlier.problem}; nothing was changed")
    ctx.say(
        f"restore  archive year {earlier.year} from {safe(earlier.name)}  "
        f"({count_phrase(earlier.summary.actions, ACTIONS)}, as before its last change)"
    )
    question = f"put archive year {earlier.year} back as it was? [y/N] "
    if not args.yes and not _confirmed(ctx, question):
        ctx.warn("netrack: not restored; nothing was changed")
        return 1
    outcome = recovery.restore_year(path, earlier, ctx.now)
    ctx.store.unpublished = is_syncing(path)
    if outcome.kept is not None:
        ctx.say(f"kept the data file as it was as {safe(str(outcome.kept))}")
    ctx.say(
        f"restored archive year {earlier.year} from {safe(earlier.name)} "
        "('netrack undo' takes it back)"
    )
    return 0


def find_backup(text: str, path: Path) -> Path:
    """The backup the user named: a name from ``netrack restore``, part of one, or a path."""
    if not text.strip():
        raise UsageError("name a backup; 'netrack restore' lists them")
    backups = all_backups(path)
    by_name = {b.name: b.path for b in backups}
    for name in (text, f"{text}.json"):
        if name in by_name:
            return by_name[name]
    looks_like_path = os.sep in text or text.startswith(("~", "."))
    if not looks_like_path:
        key = text.replace("-", "") if _looks_like_date(text) else text
        found = [b.path for b in backups if key in b.name]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(p.name for p in found[:6]) + (", …" if len(found) > 6 else "")
            raise UsageError(
                f"{quoted(text)} matches {len(found)} backups: {names}; give a full name"
            )
    candidate = user_path(text)
    if candidate.is_file():
        return candidate
    raise UsageError(f"no backup named {quoted(text)}; 'netrack restore' lists them")


def _looks_like_date(text: str) -> bool:
    """2026-11-19 or 2026-11: a day or a month, written with dashes."""
    parts = text.split("-")
    return (
        len(parts) in (2, 3)
        and len(parts[0]) == 4
        and all(len(p) == 2 for p in parts[1:])
        and all(p.isascii() and p.isdigit() for p in parts)
    )


def _list_backups(args: argparse.Namespace, ctx: Context, path: Path) -> int:
    backups = all_backups(path)
    earlier = recovery.earlier_years(path)
    rows: list[tuple[Backup, recovery.Summary | None, str | None]] = []
    for backup in backups:
        try:
            _, dataset = recovery.read_backup(backup.path, path)
        except DataFileError as error:
            rows.append((backup, None, error.problem))
        else:
            rows.append((backup, recovery.summarize(dataset), None))
    if args.json:
        emit_json(
            [
                {
                    "name": backup.name,
                    "path": str(backup.path),
                    "kind": backup.kind,
                    "day": backup.day.isoformat(),
                    "readable": summary is not None,
                    "problem": problem,
                    "contacts": summary.contacts if summary else None,
                    "actions": summary.actions if summary else None,
                    "followups": summary.followups if summary else None,
                }
                for backup, summary, problem in rows
            ]
            + [
                {
                    "name": year.name,
                    "path": str(year.path),
                    "kind": "archive year",
                    "year": year.year,
                    "readable": year.summary is not None,
                    "problem": year.problem,
                    "actions": year.summary.actions if year.summary else None,
                }
                for year in earlier
            ]
        )
        return 0
    if not backups:
        ctx.say(
            f"no backups of {safe(str(path))} yet; netrack copies the file each day "
            "before its first change"
        )
        return 0
    ctx.say(f"backups of {safe(str(path))}, oldest first:")
    listed = [
        (
            safe(backup.name),
            backup.kind,
            _summary_phrase(summary) if summary else f"unreadable: {safe(problem or '')}",
        )
        for backup, summary, problem in rows
    ]
    years = [
        (
            safe(year.path.name),
            f"year {year.year}",
            count_phrase(year.summary.actions, ACTIONS)
            if year.summary
            else f"unreadable: {safe(year.problem or '')}",
        )
        for year in earlier
    ]
    width = max(len(name) for name, _, _ in listed + years)
    kinds = max(len(kind) for _, kind, _ in listed + years)
    # A name, its kind and what it holds on one line where that fits the terminal;
    # else the name alone, and the rest on the line below it.
    one_line = 2 + width + 2 + kinds + 2 + max(len(what) for _, _, what in listed + years)
    fit = terminal_width(ctx.out)
    two_lines = one_line > fit
    for n, (name, kind, what) in enumerate(listed + years):
        if n == len(listed):
            ctx.say("archive years as they were before their last change:")
        if two_lines:
            ctx.say(f"  {name}")
            for line in wrap_text(f"{kind} · {what}", fit - 6).split("\n"):
                ctx.say(f"      {line}")
        else:
            ctx.say(f"  {name.ljust(width)}  {kind.ljust(kinds)}  {what}")
    ctx.say("put one back with: netrack restore NAME (the current file is kept as a copy)")
    return 0


def _summary_phrase(summary: recovery.Summary) -> str:
    return (
        f"{count_phrase(summary.contacts, CONTACTS)}, {count_phrase(summary.actions, ACTIONS)}, "
        f"{count_phrase(summary.followups, FOLLOWUPS)}"
    )


def _current_phrase(path: Path) -> str:
    try:
        _, dataset = recovery.read_backup(path, path)
    except DataFileError as error:
        if error.problem == "no such file":
            return "does not exist yet"
        return f"unreadable: {safe(error.problem)}"
    return _summary_phrase(recovery.summarize(dataset))


def _confirmed(ctx: Context, question: str) -> bool:
    ctx.out.write(question)
    ctx.out.flush()
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError):  # no usable input (closed, or not readable)
        answer = ""
    if not answer.endswith("\n"):
        ctx.say()
    return answer.strip().casefold() in ("y", "yes")
