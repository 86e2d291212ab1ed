"""How settings are declared, typed in, shown and stored (see ``domain/fields.py``).

Each setting is declared on the Settings model by its annotation::

    followup_days: Annotated[int, Setting("followup-days", Whole(0, 60), "...")] = 2

and ``domain/settings.py`` reads the declarations into the registry of settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from netrack.domain.circles import CIRCLES
from netrack.domain.fields import Kind, declared
from netrack.domain.valuetype import Value
from netrack.domain.weeks import WEEKDAYS, weekday_number
from netrack.errors import UsageError, quoted


class Whole(Kind[int]):
    """A whole number in a range; ``suffixes`` are units the user may type (``3d``)."""

    def __init__(self, low: int, high: int, suffixes: tuple[str, ...] = ()) -> None:
        super().__init__(low)
        self.low, self.high, self.suffixes = low, high, suffixes

    def parse(self, text: str, what: str) -> int:
        key = text.strip().casefold()
        for suffix in self.suffixes:
            key = key.removesuffix(suffix)
        if not (key.isascii() and key.isdigit()) or not self.low <= int(key) <= self.high:
            raise UsageError(
                f"invalid {what} {quoted(key)}; give a whole number from {self.low} to {self.high}"
            )
        return int(key)

    def from_doc(self, stored: Any) -> int:
        return int(stored)


class Weekday(Kind[int]):
    """A day of the week (0 = Monday), named in full in the file and in JSON."""

    choices = WEEKDAYS

    def __init__(self) -> None:
        super().__init__(0)

    def parse(self, text: str, what: str) -> int:
        day = weekday_number(text.strip().casefold())
        if day is None:
            raise UsageError(f"invalid {what} {quoted(text)}; give a weekday (monday ... sunday)")
        return day

    def show(self, value: int) -> str:
        return WEEKDAYS[value]

    def to_doc(self, value: int) -> str:
        return WEEKDAYS[value]

    def from_doc(self, stored: Any) -> int:
        return WEEKDAYS.index(stored)


class CircleOrNone(Kind[str | None]):
    """A circle named in full, or ``none``."""

    choices = CIRCLES

    def __init__(self) -> None:
        super().__init__(None)

    def parse(self, text: str, what: str) -> str | None:
        key = text.strip().casefold()
        if key in ("none", "-"):
            return None
        if key not in CIRCLES:
            raise UsageError(f"invalid circle {quoted(text)}; accepted: {', '.join(CIRCLES)}, none")
        return key


class Choice(Kind[str]):
    """One of a few words; the first is the default."""

    def __init__(self, choices: tuple[str, ...]) -> None:
        super().__init__(choices[0])
        self.choices = choices

    def parse(self, text: str, what: str) -> str:
        key = text.strip().casefold()
        if key not in self.choices:
            raise UsageError(f"invalid {what} {quoted(text)}; accepted: {', '.join(self.choices)}")
        return key

    def from_doc(self, stored: Any) -> str:
        if stored not in self.choices:
            raise ValueError(f"not one of {', '.join(self.choices)}")
        return str(stored)


class Setting(Value):
    """A setting, declared on an attribute of the Settings model.

    With ``per_circle``, the attribute is a mapping from circle to value and the
    setting is one per circle: ``key`` and ``help`` name it with ``{circle}``.
    """

    key: str
    kind: Kind[Any]
    help: str
    per_circle: bool = False


class SettingEntry(Value):
    """One setting of ``netrack config`` and the app's settings: where its value lives."""

    key: str
    kind: Kind[Any]
    help: str
    attribute: str
    circle: str | None = None

    def get(self, settings: Any) -> Any:
        """Its value in ``settings`` (a Settings value)."""
        value = getattr(settings, self.attribute)
        return value[self.circle] if self.circle is not None else value

    def put(self, settings: Any, value: Any) -> Any:
        """``settings`` (a Settings value) with this setting set to ``value``."""
        if self.circle is not None:
            value = {**getattr(settings, self.attribute), self.circle: value}
        return settings._replace(**{self.attribute: value})


def setting_entries(record: type) -> tuple[SettingEntry, ...]:
    """The settings declared on ``record`` (the Settings model), in order."""
    found = []
    for name, setting in declared(record, Setting):
        circles: Sequence[str | None] = CIRCLES if setting.per_circle else (None,)
        for circle in circles:
            found.append(
                SettingEntry(
                    setting.key.format(circle=circle),
                    setting.kind,
                    setting.help.format(circle=circle),
                    name,
                    circle,
                )
            )
    return tuple(found)
