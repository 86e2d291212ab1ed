"""Circles (how close someone is) and keep-in-touch cadences, and how the user names them."""

from __future__ import annotations

from types import MappingProxyType

from netrack.errors import UsageError, quoted

CIRCLES = ("inner", "active", "wider")
DEFAULT_CADENCES = MappingProxyType({"inner": 14, "active": 30, "wider": 90})
NO_CADENCE = 0  # a contact's cadence_days of 0 means "do not remind me"
CADENCE_MAX_DAYS = 3_650


def parse_circle(text: str) -> str | None:
    """A circle from its name or the start of it; None for "none"."""
    key = text.strip().casefold()
    if key in ("none", "-", ""):
        return None
    matches = [c for c in CIRCLES if c.startswith(key)]
    if len(matches) != 1:
        raise UsageError(f"unknown circle {quoted(text)}; accepted: {', '.join(CIRCLES)}, none")
    return matches[0]


def parse_cadence(text: str) -> int | None:
    """Days between touches; 0 for "no reminders"; None for "the circle's cadence"."""
    key = text.strip().casefold()
    if key in ("none", "never", "off", "0"):
        return NO_CADENCE
    if key in ("circle", "default"):
        return None
    digits = key.removesuffix("d")
    if digits.isascii() and digits.isdigit() and 0 < int(digits) <= CADENCE_MAX_DAYS:
        return int(digits)
    raise UsageError(
        f"invalid cadence {quoted(text)}; give days (1-{CADENCE_MAX_DAYS}), 'none', or 'circle'"
    )
