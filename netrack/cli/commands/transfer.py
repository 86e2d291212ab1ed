"""``netrack export`` and ``netrack import``: backups, CSV, calendars, LinkedIn, vCards."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from netrack import clock
from netrack.cli.context import Context
from netrack.cli.output import json_text, safe
from netrack.domain.importing import ALREADY_HERE, Skip
from netrack.errors import ImportFileError, UsageError, quoted
from netrack.operations.transfer import UnknownLink, import_backup, import_people
from netrack.paths import user_path
from netrack.store.schema import NOUNS, OCCASIONAL_TABLES
from netrack.transfer.reading import FormatProblem, PeopleRead, read_bytes, read_text

IMPORT_FORMATS = {
    "json": "json",
    "backup": "json",
    "netrack": "json",
    "linkedin": "linkedin",
    "vcard": "vcard",
    "vcf": "vcard",
}
FORMAT_LABELS = {"linkedin": "LinkedIn connections", "vcard": "vCards"}
SKIPS_LISTED = 10


# Export ----------------------------------------------------------------------------


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    if args.todos and args.format != "ics":
        raise UsageError("--todos goes with --format ics")
    if args.raw and args.format != "csv":
        raise UsageError("--raw goes with --format csv")
    if args.format == "json":
        from netrack.transfer.backup import backup_counts, backup_document

        raw = ctx.store.read_raw()
        text = json_text(backup_document(raw))
        counts = backup_counts(raw)
        what = "a backup of " + ", ".join(
            _count(n, *NOUNS[table])
            for table, n in counts.items()
            if n or table not in OCCASIONAL_TABLES
        )
    elif args.format == "csv":
        from netrack.transfer.actions_csv import actions_csv

        data = ctx.store.load()
        text = actions_csv(data, raw=args.raw)
        what = _count(len(data.actions), "action", "actions")
    else:
        from netrack.domain.occasions import every_date
        from netrack.transfer.calendar_ics import followups_ics, open_followups

        data = ctx.store.load()
        dates = every_date(data.contacts)
        text = followups_ics(data, ctx.now, as_todos=args.todos, dates=dates).decode("utf-8")
        what = _count(len(open_followups(data)), "open follow-up", "open follow-ups")
        if dates:
            what += " and " + _count(len(dates), "important date", "important dates")
    if args.output in (None, "-"):
        ctx.out.write(text)
        return 0
    from netrack.transfer.writing import write_export

    target = user_path(args.output)
    # backslashreplace keeps text UTF-8 cannot hold; inside JSON strings it stays exact.
    write_export(target, text.encode("utf-8", "backslashreplace"), ctx.store.path)
    ctx.say(f"wrote {what} to {safe(str(target))}")
    return 0


# Import ----------------------------------------------------------------------------


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    if args.file is None:
        kind, path = "json", Path(args.first)
        if args.first.casefold() in IMPORT_FORMATS and not user_path(path).exists():
            raise UsageError(f"name the file to import: netrack import {args.first} FILE")
    else:
        named = IMPORT_FORMATS.get(args.first.casefold())
        if named is None:
            raise UsageError(
                f"unknown import format {quoted(args.first)}; accepted: json, linkedin, vcard"
            )
        kind = named
        path = Path(args.file)
    path = user_path(path)
    if kind == "json":
        return _import_backup(path, ctx, args.dry_run)
    return _import_people(kind, path, ctx, args.dry_run)


def _import_backup(path: Path, ctx: Context, dry_run: bool) -> int:
    from netrack.transfer.backup import read_backup

    try:
        merge = import_backup(ctx.store, read_backup(read_bytes(path), path), dry_run, path.name)
    except UnknownLink as error:
        raise ImportFileError(path, str(error)) from None
    ctx.say(
        _summary(
            _verb(dry_run),
            safe(path.name),
            merge.total("added"),
            merge.total("updated"),
            merge.skipped,
        )
    )
    for table, outcome in merge.tables.items():
        skipped = sum(outcome.skipped.values())
        if outcome.added or outcome.updated or skipped:
            label = NOUNS[table][1]
            ctx.say(
                f"  {label:11} {outcome.added} added · {outcome.updated} updated · "
                f"{skipped} skipped"
            )
    return 0


def _import_people(kind: str, path: Path, ctx: Context, dry_run: bool) -> int:
    found = _read_people(kind, path, ctx)
    plan = import_people(ctx.store, ctx.now, found.people, dry_run, f"{kind} {path.name}")
    skips = [*found.skipped, *plan.skipped]
    skips.sort(key=lambda s: _source_order(s.source))
    ctx.say(
        _summary(
            _verb(dry_run),
            f"{FORMAT_LABELS[kind]} from {safe(path.name)}",
            len(plan.added),
            len(plan.updated),
            Counter(skip.reason for skip in skips),
        )
    )
    worth_listing = [skip for skip in skips if skip.reason != ALREADY_HERE]
    for skip in worth_listing[:SKIPS_LISTED]:
        ctx.say(f"  skipped {_describe(skip)}")
    if len(worth_listing) > SKIPS_LISTED:
        ctx.say(f"  … and {len(worth_listing) - SKIPS_LISTED} more skipped")
    return 0


def _read_people(kind: str, path: Path, ctx: Context) -> PeopleRead:
    text = read_text(path)
    try:
        if kind == "linkedin":
            from netrack.transfer.linkedin import read_connections

            return read_connections(text, clock.local_timezone())
        from netrack.transfer.vcards import read_vcards

        return read_vcards(text)
    except FormatProblem as problem:
        raise ImportFileError(path, str(problem)) from None


# Reporting -------------------------------------------------------------------------


def _verb(dry_run: bool) -> str:
    return "dry run, nothing changed: would import" if dry_run else "imported"


def _summary(verb: str, what: str, added: int, updated: int, skipped: Counter[str]) -> str:
    line = f"{verb} {what}: {added} added, {updated} updated, {sum(skipped.values())} skipped"
    if skipped:
        reasons = ", ".join(f"{n} {reason}" for reason, n in skipped.most_common())
        line += f" ({reasons})"
    return line


def _describe(skip: Skip) -> str:
    who = f" · {safe(skip.name)}" if skip.name else ""
    return f"{skip.source}{who}: {safe(skip.reason)}"


def _source_order(source: str) -> tuple[int, str]:
    """Skips in file order: by the first number in "line 12" or "card 3 (line 20)"."""
    digits = "".join(c if c.isdigit() else " " for c in source).split()
    return (int(digits[0]) if digits else 0, source)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
