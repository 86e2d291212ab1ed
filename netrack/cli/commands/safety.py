"""``netrack doctor``: the data file's health, and repairs."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netrack.cli.context import Context
from netrack.cli.output import emit_json, safe, wrapped
from netrack.errors import DataFileError
from netrack.store import health, recovery
from netrack.store.backups import Backup, backup_folder
from netrack.store.locking import Holder
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


def count_phrase(n: int, table: str) -> str:
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
        if report.read_only is not None and report.record_problems:
            ctx.say("the data file is read-only, so its records were left as they are\n")
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
            count_phrase(counts[table], table)
            for table in RECORD_TABLES
            if counts[table] or table not in OCCASIONAL_TABLES
        ]
        parts[0] += f" ({report.archived_contacts:,} archived)" if report.archived_contacts else ""
        parts[2] += f" ({report.open_followups:,} open)" if counts[FOLLOWUPS] else ""
        for line in wrapped("records    ", parts):
            ctx.say(line)
        ctx.say(
            f"history    {report.changes:,} change{'s' if report.changes != 1 else ''} "
            "(see 'netrack history')"
        )
    else:
        ctx.say(f"readable   no · {report.size:,} bytes")
    if report.read_only is not None:
        ctx.say(
            f"writable   no · read-only (mode {report.read_only:04o}): netrack reads it and "
            "changes nothing; make it writable (chmod u+w) to change it"
        )
    ctx.say(f"backups    {_backups_phrase(report)}")
    for holder in report.lock_holders or ():
        held = f" for {health.held_for(holder):.0f} s" if holder.since is not None else ""
        ctx.say(f"lock       held by {safe(health.describe_holder(holder))}{held}")
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
        writable_first = "make the file writable (chmod u+w), then " if report.read_only else ""
        ctx.say(
            f"{writable_first}run 'netrack doctor --repair' to fix {repairable:,} of them "
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
    newest = _newest_readable(report.backups, report.path)
    if newest is not None:
        backup, summary = newest
        ctx.say(
            f"  netrack restore {safe(backup.name)}    (newest readable backup: "
            f"{count_phrase(summary.contacts, CONTACTS)}, {count_phrase(summary.actions, ACTIONS)})"
        )
        ctx.say("  netrack restore    lists every backup; the damaged file is kept as a copy")
    else:
        ctx.say(
            "  there is no readable backup; if the file is beyond saving, move it aside "
            "and netrack starts a new one"
        )


def _newest_readable(backups: list[Backup], path: Path) -> tuple[Backup, recovery.Summary] | None:
    """The newest backup whose whole history (its year files too) can be read."""
    for backup in reversed(backups):
        try:
            _, dataset = recovery.read_backup(backup.path, path)
        except DataFileError:
            continue
        return backup, recovery.summarize(dataset)
    return None


def _held(holder: Holder) -> float | None:
    return None if holder.since is None else round(health.held_for(holder), 1)


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
        "read_only": report.read_only is not None,
        "counts": report.counts,
        "changes": report.changes,
        "archived_contacts": report.archived_contacts,
        "open_followups": report.open_followups,
        "backups": [b.name for b in report.backups],
        "lock_holders": [
            {"pid": h.pid or None, "command": h.command or None, "held_seconds": _held(h)}
            for h in report.lock_holders or ()
        ],
        "healthy": report.healthy,
        "problems": [{"problem": p.text, "repair": p.fix} for p in report.problems],
    }
    if fixed is not None:
        value["repaired"] = [{"problem": p.text, "repair": p.fix} for p in fixed]
        value["copy_before_repair"] = str(kept) if kept else None
    return value
