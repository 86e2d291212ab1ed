"""The user's settings: names, accepted values and how they are stored."""

from __future__ import annotations

from typing import Any

from netrack.domain.followups import CLOSED_BY
from netrack.domain.models import CIRCLES, Settings
from netrack.domain.weeks import WEEKDAYS, weekday_number
from netrack.errors import UsageError, quoted

DAY_START_MAX = 12
FOLLOWUP_DAYS_MAX = 60
CADENCE_MAX = 3_650

SETTING_HELP = {
    "week-start": "the first day of your week (monday ... sunday)",
    "day-starts-at": (
        f"hour your day starts; earlier actions count for the day before (0-{DAY_START_MAX})"
    ),
    "followup-days": f"days after a meeting that its follow-up is due (0-{FOLLOWUP_DAYS_MAX})",
    "new-contact-circle": (
        f"circle for contacts created by a quick add ({', '.join(CIRCLES)}, none)"
    ),
    "followups-closed-by": (
        "what closes a meeting's follow-up: touch (a reach-out, give, meeting or "
        "follow-up with the person) or follow-up (only a follow-up)"
    ),
    **{f"cadence.{c}": f"keep-in-touch days for the {c} circle (1-{CADENCE_MAX})" for c in CIRCLES},
}


def setting_keys() -> list[str]:
    return list(SETTING_HELP)


def parse_setting(key: str, value: str) -> tuple[str, Any]:
    """The setting named ``key`` and its value as stored, or a UsageError saying why not."""
    name = key.strip().casefold().replace("_", "-")
    text = value.strip().casefold()
    if name == "week-start":
        day = weekday_number(text)
        if day is None:
            raise UsageError(
                f"invalid week-start {quoted(value)}; give a weekday (monday ... sunday)"
            )
        return name, WEEKDAYS[day]
    if name == "day-starts-at":
        return name, _number(name, text.removesuffix(":00").removesuffix("h"), 0, DAY_START_MAX)
    if name == "followup-days":
        return name, _number(name, text.removesuffix("d"), 0, FOLLOWUP_DAYS_MAX)
    if name == "new-contact-circle":
        if text in ("none", "-"):
            return name, None
        if text not in CIRCLES:
            raise UsageError(
                f"invalid circle {quoted(value)}; accepted: {', '.join(CIRCLES)}, none"
            )
        return name, text
    if name == "followups-closed-by":
        if text not in CLOSED_BY:
            raise UsageError(
                f"invalid followups-closed-by {quoted(value)}; accepted: {', '.join(CLOSED_BY)}"
            )
        return name, text
    if name.startswith("cadence.") and name.removeprefix("cadence.") in CIRCLES:
        return name, _number(name, text.removesuffix("d"), 1, CADENCE_MAX)
    raise UsageError(f"unknown setting {quoted(key)}; settings: {', '.join(SETTING_HELP)}")


def setting_values(settings: Settings) -> dict[str, Any]:
    """Every setting by name, as shown to the user."""
    return {
        "week-start": WEEKDAYS[settings.week_start],
        "day-starts-at": settings.day_starts_at,
        "followup-days": settings.followup_days,
        "new-contact-circle": settings.new_contact_circle,
        "followups-closed-by": settings.followups_closed_by,
        **{f"cadence.{c}": settings.cadences.get(c) for c in CIRCLES},
    }


def _number(name: str, text: str, low: int, high: int) -> int:
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise UsageError(f"invalid {name} {quoted(text)}; give a whole number from {low} to {high}")
    return int(text)
