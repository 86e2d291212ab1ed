"""The user's settings: each one by name, with the values it accepts and how it is stored.

The settings are declared on the Settings model (``domain/models.py``); this is the
registry read from there, and what ``netrack config``, the app's settings and the
store use.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from netrack.domain.models import Settings
from netrack.domain.setting_fields import SettingEntry, setting_entries
from netrack.errors import UsageError, quoted

SETTINGS: tuple[SettingEntry, ...] = setting_entries(Settings)
_BY_KEY = {entry.key: entry for entry in SETTINGS}


def setting_named(key: str) -> SettingEntry:
    """The setting called ``key`` (``week-start``, ``cadence.inner``; ``_`` for ``-`` is ok)."""
    entry = _BY_KEY.get(key.strip().casefold().replace("_", "-"))
    if entry is None:
        raise UsageError(f"unknown setting {quoted(key)}; settings: {', '.join(_BY_KEY)}")
    return entry


def parse_setting(key: str, value: str) -> tuple[str, Any]:
    """The setting named ``key`` and its value as stored, or a UsageError saying why not."""
    entry = setting_named(key)
    return entry.key, entry.kind.to_doc(entry.kind.parse(value, entry.key))


def setting_values(settings: Settings) -> dict[str, Any]:
    """Every setting by name, as shown to the user (and printed by ``config --json``)."""
    return {entry.key: entry.kind.to_json(entry.get(settings)) for entry in SETTINGS}


def settings_from_stored(values: Iterable[tuple[str, Any]]) -> Settings:
    """The settings from (key, stored value) pairs, defaults for those not given.

    Raises KeyError, TypeError or ValueError for a stored value that cannot be read.
    """
    settings = Settings()
    for key, stored in values:
        entry = _BY_KEY.get(key)
        if entry is not None:  # a setting this version no longer has is left alone
            settings = entry.put(settings, entry.kind.from_doc(stored))
    return settings
