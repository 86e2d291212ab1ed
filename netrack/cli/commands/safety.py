"""``netrack doctor`` (the data file's health, and repairs) and ``netrack restore``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netrack.cli.context import Context
from netrack.cli.output import emit_json, safe
from netrack.errors import DataFileError, NetrackError, UsageError, quoted
from netrack.paths import user_path
from netrack.store import health, recovery
from netrack.store.backups import Backup, all_backups, backup_folder
from netrack.store.record_checks import Problem
from netrack.store.schema import (
    ACTIONS,
    CONTACTS,
    FOLLOWUPS,
    NOUNS,
    OCCASIONAL_TABLES,
    RECORD_TABLES,
    SCHEMA_VERSION,
)

if TYPE_CHECKING:
    from netrack.sync.health import Finding
    from netrack.sync.status import SyncStatus

PROBLEMS_SHOWN = 25


def _count(n: int, table: str) -> str:
    one, many = NOUNS[table]
    return f"{n:,} {one if n == 1 else many}"


# doctor ---------------------------------------------------------------------------------


def run_doctor(args: argparse.Namespace, ctx: Context) -> int:
    path = ctx.store.path
    fixed: list[Problem] = []
    kept = None
    if args.repair:
        repaired = recovery.repair(path, ctx.now)
        fixed, kept = repaired.fixed, repaired.kept
    report = health.check(path)
    sync = _sync_findings(ctx) if report.unreadable is None else None
    healthy = report.healthy and not (sync and sync[1])
    if args.json:
        document = _health_json(report, fixed if args.repair else None, kept)
        if sync is not None:
            document["sync"] = [{"problem": f.text, "advice": f.advice} for f in sync[1]]
        emit_json(document)
        return 0 if healthy else 1
    if args.repair:
        _say_repairs(ctx, fixed, kept)
    _say_health(ctx, report)
    if sync is not None:
        _say_sync(ctx, *sync)
    return 0 if healthy else 1


def _sync_findings(ctx: Context) -> tuple[SyncStatus, list[Finding]] | None:
    from netrack.store.outbox import is_syncing

    if not is_syncing(ctx.store.path):
        return None
    from netrack.sync.health import check_sync

    return check_sync(ctx.store, ctx.now)


def _say_sync(ctx: Context, status: SyncStatus, findings: list[Finding]) -> None:
    ctx.say(f"sync       through {safe(status.identity.folder)} as {safe(status.identity.name)}")
    if not findings:
        ctx.say("           in step: nothing waiting, nothing unknown in the folder")
    for finding in findings:
        ctx.say(f"  ✗ {safe(finding.text)}")
        ctx.say(f"      {safe(finding.advice)}")


def _say_repairs(ctx: Context, fixed: list[Problem], kept: Path | None) -> None:
    if kept is not None:
        ctx.say(f"kept a copy of the file as it was: {safe(str(kept))}")
    if not fixed:
        ctx.say("nothing to repair")
    for problem in fixed[:PROBLEMS_SHOWN]:
        ctx.say(f"repaired  {safe(problem.text)} → {safe(problem.fix or '')}")
    if len(fixed) > PROBLEMS_SHOWN:
        ctx.say(f"repaired  … and {len(fixed) - PROBLEMS_SHOWN:,} more")
    ctx.say()


def _say_health(ctx: Context, report: health.Health) -> None:
    ctx.say(f"data file  {safe(str(report.path))}")
    if not report.exists:
        ctx.say("           not created yet: netrack creates it on the first change")
    elif report.unreadable is None:
        ctx.say(f"readable   yes · {report.size:,} bytes · {_schema_phrase(report)}")
        counts = report.counts
        parts = [
            _count(counts[table], table)
            for table in RECORD_TABLES
            if counts[table] or table not in OCCASIONAL_TABLES
        ]
        parts[0] += f" ({report.archived_contacts:,} archived)" if report.archived_contacts else ""
        parts[2] += f" ({report.open_followups:,} open)" if counts[FOLLOWUPS] else ""
        ctx.say(f"records    {', '.join(parts)}")
    else:
        ctx.say(f"readable   no · {report.size:,} bytes")
    ctx.say(f"backups    {_backups_phrase(report)}")
    problems = report.problems
    if not problems:
        ctx.say("no problems found")
        return
    ctx.say(f"{len(problems):,} problem{'s' if len(problems) != 1 else ''}:")
    for problem in problems[:PROBLEMS_SHOWN]:
        ctx.say(f"  ✗ {safe(problem.text)}")
        if problem.fix:
            ctx.say(f"      --repair will {safe(problem.fix)}")
    if len(problems) > PROBLEMS_SHOWN:
        ctx.say(f"  … and {len(problems) - PROBLEMS_SHOWN:,} more (see --json)")
    repairable = sum(1 for p in problems if p.fix)
    if repairable:
        ctx.say(
            f"run 'netrack doctor --repair' to fix {repairable:,} of them "
            "(if that changes the file, a copy is kept in backups/ first)"
        )
    if report.too_new:
        ctx.say(
            "this file was written by a newer netrack: upgrade netrack to use it "
            "(restoring an older backup would lose what the newer version saved)"
        )
    elif report.unreadable is not None:
        _say_restore_advice(ctx, report)


def _schema_phrase(report: health.Health) -> str:
    version = report.schema_version
    if version is None:
        return "no schema version (netrack adds one on the first change)"
    if version < SCHEMA_VERSION:
        return f"schema {version} (upgraded to {SCHEMA_VERSION} on the next change; backup first)"
    return f"schema {version} (current)"


def _backups_phrase(report: health.Health) -> str:
    if not report.backups:
        return "none yet (netrack copies the file each day before its first change)"
    newest = report.backups[-1]
    count = len(report.backups)
    return (
        f"{count} in {safe(str(backup_folder(report.path)))}; newest {safe(newest.name)} "
        "(list them with 'netrack restore')"
    )


def _say_restore_advice(ctx: Context, report: health.Health) -> None:
    ctx.say("the file cannot be repaired; put a backup back instead:")
    newest = _newest_readable(report.backups)
    if newest is not None:
        backup, summary = newest
        ctx.say(
            f"  netrack restore {safe(backup.name)}    (newest readable backup: "
            f"{_count(summary.contacts, CONTACTS)}, {_count(summary.actions, ACTIONS)})"
        )
        ctx.say("  netrack restore    lists every backup; the damaged file is kept as a copy")
    else:
        ctx.say(
            "  there is no readable backup; if the file is beyond saving, move it aside "
            "and netrack starts a new one"
        )


def _newest_readable(backups: list[Backup]) -> tuple[Backup, recovery.Summary] | None:
    for backup in reversed(backups):
        try:
            _, dataset = recovery.read_backup(backup.path)
        except DataFileError:
            continue
        return backup, recovery.summarize(dataset)
    return None


def _health_json(
    report: health.Health, fixed: list[Problem] | None, kept: Path | None
) -> dict[str, Any]:
    value: dict[str, Any] = {
        "file": str(report.path),
        "exists": report.exists,
        "size": report.size,
        "readable": report.exists and report.unreadable is None,
        "unreadable_reason": report.unreadable,
        "schema_version": report.schema_version,
        "counts": report.counts,
        "archived_contacts": report.archived_contacts,
        "open_followups": report.open_followups,
        "backups": [b.name for b in report.backups],
        "healthy": report.healthy,
        "problems": [{"problem": p.text, "repair": p.fix} for p in report.problems],
    }
    if fixed is not None:
        value["repaired"] = [{"problem": p.text, "repair": p.fix} for p in fixed]
        value["copy_before_repair"] = str(kept) if kept else None
    return value


# restore ---------------------------------------------------------------------------------


def run_restore(args: argparse.Namespace, ctx: Context) -> int:
    path = ctx.store.path
    if args.backup is None:
        return _list_backups(args, ctx, path)
    backup = find_backup(args.backup, path)
    try:
        _, dataset = recovery.read_backup(backup)
    except DataFileError as error:
        raise NetrackError(
            f"cannot restore {backup}: {error.problem}; nothing was changed"
        ) from None
    incoming = recovery.summarize(dataset)
    ctx.say(f"restore  {safe(str(backup))}  ({_summary_phrase(incoming)})")
    ctx.say(f"over     {safe(str(path))}  ({_current_phrase(path)})")
    if not args.yes and not _confirmed(ctx, "replace the data file with this backup? [y/N] "):
        ctx.warn("netrack: not restored; nothing was changed")
        return 1
    outcome = recovery.restore(path, backup, ctx.now)
    if outcome.kept is not None:
        ctx.say(f"kept the replaced file as {safe(str(outcome.kept))}")
    ctx.say(f"restored {safe(backup.name)}")
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
    rows: list[tuple[Backup, recovery.Summary | None, str | None]] = []
    for backup in backups:
        try:
            _, dataset = recovery.read_backup(backup.path)
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
        )
        return 0
    if not backups:
        ctx.say(
            f"no backups of {safe(str(path))} yet; netrack copies the file each day "
            "before its first change"
        )
        return 0
    ctx.say(f"backups of {safe(str(path))}, oldest first:")
    width = max(len(b.name) for b in backups)
    for backup, summary, problem in rows:
        what = _summary_phrase(summary) if summary else f"unreadable: {safe(problem or '')}"
        ctx.say(f"  {safe(backup.name).ljust(width)}  {backup.kind:<16}  {what}")
    ctx.say("put one back with: netrack restore NAME (the current file is kept as a copy)")
    return 0


def _summary_phrase(summary: recovery.Summary) -> str:
    return (
        f"{_count(summary.contacts, CONTACTS)}, {_count(summary.actions, ACTIONS)}, "
        f"{_count(summary.followups, FOLLOWUPS)}"
    )


def _current_phrase(path: Path) -> str:
    try:
        _, dataset = recovery.read_backup(path)
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
