"""``netrack sync``: start, run, look at and stop syncing through a shared folder."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from netrack.cli.confirm import confirmed
from netrack.cli.context import Context
from netrack.cli.output import emit_json, safe
from netrack.domain.humanize import plural
from netrack.errors import NetrackError, UsageError
from netrack.operations import sync as sync_ops
from netrack.paths import user_path
from netrack.store.schema import NOUNS
from netrack.summaries import records_counted

if TYPE_CHECKING:
    from netrack.sync.report import Report


def run_sync(args: argparse.Namespace, ctx: Context) -> int:
    if args.background:
        try:
            sync_ops.sync_now(ctx.store, ctx.now)
        except NetrackError:
            return 1  # recorded for 'netrack sync status' and doctor
        return 0
    report = sync_ops.sync_now(ctx.store, ctx.now, rebuild=args.rebuild)
    if args.json:
        emit_json(_report_json(report), ctx.out)
        return 0
    for line in report_lines(report):
        ctx.say(line)
    return 0


def run_init(args: argparse.Namespace, ctx: Context) -> int:
    folder = user_path(args.folder).absolute()
    where = safe(str(folder))
    if not folder.exists():
        # A typo must not become a new sync folder that no other computer will ever use.
        refusal = (
            f"sync init: there is no folder {where} (a typo?); nothing changed: "
            "add --yes to create it and start a new sync folder there"
        )
        question = f"{where} does not exist; create it and start a new sync folder there? [y/N] "
        if not confirmed(ctx, question, args.yes, refusal=refusal):
            ctx.say(f"nothing changed: {where} was not created")
            return 1
    started = sync_ops.start_syncing(ctx.store, folder, ctx.now)
    name = ctx.store.path.name
    if started.joined:
        ctx.say(
            f"joined the sync folder {where}: found the data of "
            f"{plural(started.others, 'other computer')} there; {name} now syncs with them"
        )
    else:
        made = " (created it)" if started.created else ""
        ctx.say(
            f"started a new sync folder at {where}{made}: no other computer's data there "
            f"yet; {name} is the first computer there"
        )
        ctx.say(
            "on each other computer, once your sync tool has copied the folder there, run: "
            f"netrack sync init {where}"
        )
    for line in report_lines(started.report, quiet_when_empty=True):
        ctx.say(line)
    return 0


def run_status(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.sync.status import read_status

    status = read_status(ctx.store.path)
    if status is None:
        raise UsageError(sync_ops.NOT_SYNCING)
    outbox = sync_ops.waiting_changes(ctx.store)
    if args.json:
        emit_json(status.as_json(outbox), ctx.out)
        return 0
    identity = status.identity
    reach = "" if status.reachable else f" (cannot be reached: {status.problem})"
    ctx.say(f"folder: {safe(identity.folder)}{reach}")
    ctx.say(f"this computer: {safe(identity.name)} (device {identity.device})")
    last = status.last_sync or "never"
    ctx.say(
        f"last sync: {last}"
        + (f" (last try failed: {status.last_error})" if status.last_error else "")
    )
    ctx.say(f"waiting to publish: {plural(outbox, 'changed record')}")
    if status.devices:
        ctx.say("devices:")
    for device in status.devices:
        who = safe(device.name) + (" (this computer)" if device.this_computer else "")
        state = "taken in" if device.waiting == 0 else f"{plural(device.waiting, 'file')} waiting"
        if device.left:
            state += f"; left the folder {device.left}"
        ctx.say(f"  {who}  {device.device}  last published {device.last_published or '?'}  {state}")
    for name in status.unknown_files:
        ctx.say(f"not netrack's: {safe(name)} (see 'netrack doctor')")
    return 0


def run_leave(args: argparse.Namespace, ctx: Context) -> int:
    left = sync_ops.stop_syncing(ctx.store, ctx.now)
    if left.report is not None:
        for line in report_lines(left.report, quiet_when_empty=True):
            ctx.say(line)
    ctx.say(f"{ctx.store.path.name} no longer syncs through {safe(left.identity.folder)}")
    if left.problem is None:
        ctx.say(
            "the folder keeps what this computer published, and your other computers keep "
            "everything (they list this one as left); 'netrack sync init FOLDER' starts again"
        )
    else:
        ctx.warn(
            f"the last sync failed ({safe(left.problem)}): "
            f"{plural(left.unpublished, 'change')} made here did not reach your other "
            "computers; they stay in this data file"
        )
    return 0


def report_lines(report: Report, quiet_when_empty: bool = False) -> list[str]:
    """What a sync run did, in a few lines."""
    lines = []
    if report.published:
        lines.append(f"published {plural(report.published, 'change')}")
    came = records_counted(report.received, NOUNS)
    gone = records_counted(report.removed, NOUNS)
    if came:
        lines.append(f"took in from your other computers: {came}")
    if gone:
        lines.append(f"removed as on your other computers: {gone}")
    if report.kept_theirs:
        names = ", ".join(safe(name) for name in report.kept_theirs)
        lines.append(f"habits already in the folder kept from there: {names}")
    if report.folded_weeks:
        weeks = ", ".join(report.folded_weeks)
        lines.append(f"notes written apart for one week made one: {weeks}")
    for problem in report.refused:
        lines.append(f"not taken in (this version cannot use it): {safe(problem)}")
    if report.waiting:
        lines.append(
            f"waiting: {len(report.waiting)} device(s) have files still arriving "
            "(or needing another computer's changes first); the next sync takes them in"
        )
    if report.compacted:
        lines.append("folded this computer's files in the folder into one snapshot")
    if not lines and not quiet_when_empty:
        lines.append("up to date: nothing to publish, nothing new in the folder")
    return lines


def _report_json(report: Report) -> dict[str, Any]:
    return {
        "published": report.published,
        "received": report.received,
        "removed": report.removed,
        "waiting": report.waiting,
        "refused": report.refused,
        "new_file": report.new_file,
        "compacted": report.compacted,
        "merged_week_notes": report.folded_weeks,
    }
