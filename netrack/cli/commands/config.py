"""``netrack config [KEY [VALUE]]``."""

from __future__ import annotations

import argparse

from netrack.cli.context import Context
from netrack.cli.output import emit_json
from netrack.domain.settings import SETTING_HELP, parse_setting, setting_values
from netrack.errors import UsageError


def run_config(args: argparse.Namespace, ctx: Context) -> int:
    if args.value is not None:
        key, value = parse_setting(args.key, args.value)
        with ctx.store.transaction() as tx:
            tx.set_setting(key, value)
        ctx.say(f"{key} = {'none' if value is None else value}")
        return 0
    values = setting_values(ctx.store.load().settings)
    if args.key is not None:
        key = args.key.strip().casefold()
        if key not in values:
            raise UsageError(f"unknown setting {args.key!r}; settings: {', '.join(values)}")
        values = {key: values[key]}
    if args.json:
        emit_json(values)
        return 0
    for key, value in values.items():
        shown = "none" if value is None else str(value)
        ctx.say(f"{key:<20} {shown:<10} {SETTING_HELP[key]}")
    return 0
