"""``netrack config [KEY [VALUE]]``."""

from __future__ import annotations

import argparse

from netrack.cli.context import Context
from netrack.cli.output import emit_json
from netrack.domain.settings import SETTING_HELP, setting_values
from netrack.errors import UsageError, quoted
from netrack.operations.habits import change_setting


def run_config(args: argparse.Namespace, ctx: Context) -> int:
    if args.value is not None:
        key, value = change_setting(ctx.store, args.key, args.value)
        ctx.say(f"{key} = {'none' if value is None else value}")
        return 0
    values = setting_values(ctx.store.load().settings)
    if args.key is not None:
        key = args.key.strip().casefold()
        if key not in values:
            raise UsageError(f"unknown setting {quoted(args.key)}; settings: {', '.join(values)}")
        values = {key: values[key]}
    if args.json:
        emit_json(values)
        return 0
    for key, value in values.items():
        shown = "none" if value is None else str(value)
        ctx.say(f"{key:<20} {shown:<10} {SETTING_HELP[key]}")
    return 0
