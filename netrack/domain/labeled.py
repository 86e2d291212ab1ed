"""Details that hold several values, each under a label the user picks (a contact's
important dates: ``anniversary=2020-05-01``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from netrack.domain.fields import TAG_MAX, Kind
from netrack.domain.text import check_text
from netrack.errors import UsageError, quoted

V = TypeVar("V")

Labeled = tuple[tuple[str, V], ...]


class LabeledValues(Kind[Labeled[V]]):
    """Values with a label each (``anniversary=2020-05-01``), one per label, in order.

    On the command line the option repeats: each ``LABEL=VALUE`` sets that label and
    ``LABEL=`` removes it, the others stay. A form edits them all as one text,
    ``label=value, label=value``, which replaces them. The file and ``--json`` hold an
    object from label to value.
    """

    repeatable = True

    def __init__(self, value: Kind[V]) -> None:
        super().__init__(())
        self.value = value

    def parse(self, text: str, what: str) -> Labeled[V]:
        return self._set((), [part for part in text.split(",") if part.strip()], what)

    def edit(self, current: Labeled[V], given: str | Sequence[str], what: str) -> Labeled[V]:
        if isinstance(given, str):
            return self.parse(given, what)
        return self._set(current, given, what)

    def _set(self, current: Labeled[V], given: Sequence[str], what: str) -> Labeled[V]:
        entries = dict(current)
        for item in given:
            label, equals, value = item.partition("=")
            label = check_text(label, f"{what} label", TAG_MAX).strip()
            if not equals or not label or "," in label:
                raise UsageError(f"invalid {what} {quoted(item)}; give LABEL=VALUE")
            if value.strip():
                entries[label] = self.value.parse(value, f"{what} {label}")
            else:
                entries.pop(label, None)
        return tuple(entries.items())

    def show(self, value: Labeled[V]) -> str:
        return ", ".join(f"{label} {self.value.show(v)}" for label, v in value)

    def text(self, value: Labeled[V]) -> str:
        return ", ".join(f"{label}={self.value.text(v)}" for label, v in value)

    def to_doc(self, value: Labeled[V]) -> dict[str, Any]:
        return {label: self.value.to_doc(v) for label, v in value}

    def from_doc(self, stored: Any) -> Labeled[V]:
        items = stored.items() if stored else ()
        return tuple((str(label), self.value.from_doc(v)) for label, v in items)

    def fill(self, have: Labeled[V], other: Labeled[V]) -> Labeled[V]:
        return (*have, *((label, v) for label, v in other if label not in dict(have)))
