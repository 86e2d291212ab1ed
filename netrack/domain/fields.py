"""Declared fields: how a contact's details and the settings are typed, shown and stored.

Each detail of a contact and each setting is declared once, by its annotation in
``domain/models.py``::

    company: Annotated[str, ContactField(Text(), "company", help="where they work")] = ""

The *kind* (``Text()``, ``Tags()``, ``Day()``, ...) says how the value is parsed from
what the user types, shown, written to the data file and to ``--json``, and combined
when two contacts merge or an import fills in blanks. From these declarations the
store maps documents, the CLI builds its options, the JSON views their keys and the
app its forms; ``docs/architecture.md`` walks through adding one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, ForwardRef, Generic, TypeVar, get_args, get_type_hints

from netrack.domain.circles import CIRCLES, NO_CADENCE, parse_cadence, parse_circle
from netrack.domain.dates import YearlyDate, parse_yearly
from netrack.domain.text import FIELD_MAX, check_text
from netrack.domain.valuetype import Value
from netrack.domain.when import EARLIEST_YEAR, LATEST_YEAR
from netrack.errors import UsageError, quoted

T = TypeVar("T")
NOTES_MAX = 20_000
TAG_MAX = 100
EMAIL_MAX = 320
URL_MAX = 2_000


class Kind(Generic[T]):
    """How values of one kind are typed in, shown and stored.

    ``choices``: a fixed list to pick from (the app shows a drop-down).
    ``repeatable``: the option may be given several times, each time ``LABEL=VALUE``.
    """

    choices: tuple[str, ...] = ()
    repeatable = False
    multiline = False  # several lines of text (the app edits it in a text area)

    def __init__(self, empty: T) -> None:
        self.empty = empty

    def parse(self, text: str, what: str) -> T:
        """The value for ``text`` as typed; a UsageError naming ``what`` if it cannot be."""
        raise NotImplementedError

    def edit(self, current: T, given: str | Sequence[str], what: str) -> T:
        """The new value: ``given`` is a text (the form, an option) or, for a repeatable
        field, every ``LABEL=VALUE`` given on the command line."""
        if not isinstance(given, str):
            raise TypeError(f"{what} takes one value")
        return self.parse(given, what)

    def is_set(self, value: T) -> bool:
        return bool(value)

    def show(self, value: T) -> str:
        """The value for people to read (a contact's details)."""
        return "" if value is None else str(value)

    def text(self, value: T) -> str:
        """The value as a form shows it for editing (``parse`` reads it back)."""
        return self.show(value)

    def to_doc(self, value: T) -> Any:
        """The value as the data file holds it."""
        return value

    def from_doc(self, stored: Any) -> T:
        """The value from the data file; a missing one (older files) is ``empty``."""
        value: T = self.empty if stored is None else stored
        return value

    def to_json(self, value: T) -> Any:
        """The value as ``--json`` prints it (kept apart from ``to_doc`` on purpose)."""
        return self.to_doc(value)

    def stored_problem(self, stored: Any, what: str) -> str | None:
        """Why ``stored`` is not a value netrack writes for this field; None if it is.

        The rule is the command line's: the value, shown for editing and typed in
        again, must come back the same. A number where text belongs, a note longer
        than can be typed, a cadence below zero or an unknown circle all fail, with the
        message the command line would give. Nothing (None) is always fine.
        """
        if stored is None:
            return None
        try:
            again = self.to_doc(self.parse(self.text(self.from_doc(stored)), what))
        except UsageError as error:
            return str(error)
        except (TypeError, ValueError, KeyError, AttributeError, IndexError):
            return f"{what} {quoted(str(stored), 40)} is not a value netrack stores there"
        if type(again) is not type(stored):
            return f"{what} is {type_name(stored)}, not {type_name(again)}"
        if again != stored:
            return f"{what} {quoted(str(stored))} is not as netrack stores it"
        return None

    def mended(self, stored: Any) -> Any:
        """The stored value nearest to ``stored`` that passes ``stored_problem``."""
        text = stored if isinstance(stored, str) else self._as_text(stored)
        text = text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
        try:
            return self.to_doc(self.parse(text[: getattr(self, "limit", len(text))], "value"))
        except UsageError:
            return self.to_doc(self.empty)

    @staticmethod
    def _as_text(stored: Any) -> str:
        if isinstance(stored, list | tuple):
            return ", ".join(str(item) for item in stored)
        if isinstance(stored, bool) or stored is None or isinstance(stored, dict):
            return ""
        return str(stored)

    def fill(self, have: T, other: T) -> T:
        """``have``, or ``other`` where ``have`` is blank (imports fill blanks this way)."""
        return have if self.is_set(have) else other

    def merge(self, keep: T, other: T) -> T:
        """The value of a contact merged with another (``keep`` is the one that stays)."""
        return self.fill(keep, other)


class Text(Kind[str]):
    """One line of text (surrounding blanks removed)."""

    def __init__(self, limit: int = FIELD_MAX) -> None:
        super().__init__("")
        self.limit = limit

    def parse(self, text: str, what: str) -> str:
        return check_text(text, what, self.limit).strip()

    def from_doc(self, stored: Any) -> str:
        value: str = stored or ""
        return value


class Email(Text):
    """An email address, or nothing."""

    def __init__(self) -> None:
        super().__init__(EMAIL_MAX)

    def parse(self, text: str, what: str) -> str:
        email = super().parse(text, what)
        if email and ("@" not in email or any(c.isspace() for c in email)):
            raise UsageError(f"invalid {what} {quoted(text)}; expected name@example.com")
        return email


class Notes(Text):
    """Free text over several lines, kept as typed; merging two contacts keeps both."""

    multiline = True

    def __init__(self) -> None:
        super().__init__(NOTES_MAX)

    def parse(self, text: str, what: str) -> str:
        return check_text(text, what, self.limit)

    def merge(self, keep: str, other: str) -> str:
        return "\n\n".join(n for n in (keep, other) if n)


class Tags(Kind[tuple[str, ...]]):
    """Comma-separated tags; a new list replaces the old one, imports and merges add."""

    def __init__(self) -> None:
        super().__init__(())

    def parse(self, text: str, what: str) -> tuple[str, ...]:
        tags: list[str] = []
        for part in text.split(","):
            tag = part.strip()
            if tag and tag not in tags:
                tags.append(check_text(tag, "tag", TAG_MAX))
        return tuple(tags)

    def show(self, value: tuple[str, ...]) -> str:
        return ", ".join(value)

    def to_doc(self, value: tuple[str, ...]) -> list[str]:
        return list(value)

    def from_doc(self, stored: Any) -> tuple[str, ...]:
        return tuple(stored or ())

    def fill(self, have: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*have, *other)))


class Circle(Kind[str | None]):
    """A circle (or a unique start of one), or none."""

    choices = CIRCLES

    def __init__(self) -> None:
        super().__init__(None)

    def parse(self, text: str, what: str) -> str | None:
        return parse_circle(text)


class Cadence(Kind[int | None]):
    """Days between touches: a number, ``none`` (0: never), or the circle's (None)."""

    def __init__(self) -> None:
        super().__init__(None)

    def parse(self, text: str, what: str) -> int | None:
        return None if not text.strip() else parse_cadence(text)

    def is_set(self, value: int | None) -> bool:
        return value is not None

    def show(self, value: int | None) -> str:
        return "" if value is None else "none" if value == NO_CADENCE else str(value)


class Day(Kind[date | None]):
    """A calendar day, typed as YYYY-MM-DD; empty or ``none`` clears it."""

    def __init__(self) -> None:
        super().__init__(None)

    def parse(self, text: str, what: str) -> date | None:
        key = text.strip()
        if key.casefold() in ("", "none", "-"):
            return None
        try:
            if len(key) != 10 or not key.isascii():
                raise ValueError
            day = date.fromisoformat(key)
        except ValueError:
            raise UsageError(f"invalid {what} {quoted(text)}; give a date as YYYY-MM-DD") from None
        if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            raise UsageError(
                f"invalid {what} {quoted(text)}: out of range ({EARLIEST_YEAR}-{LATEST_YEAR})"
            )
        return day

    def is_set(self, value: date | None) -> bool:
        return value is not None

    def show(self, value: date | None) -> str:
        return "" if value is None else value.isoformat()

    def to_doc(self, value: date | None) -> str | None:
        return None if value is None else value.isoformat()

    def from_doc(self, stored: Any) -> date | None:
        return date.fromisoformat(stored) if stored else None


class YearlyDay(Kind[YearlyDate | None]):
    """A day that comes back every year (a birthday): MM-DD, or YYYY-MM-DD when the year
    is known; empty or ``none`` clears it. Stored and printed as typed (``02-29``)."""

    def __init__(self) -> None:
        super().__init__(None)

    def parse(self, text: str, what: str) -> YearlyDate | None:
        if text.strip().casefold() in ("", "none", "-"):
            return None
        return parse_yearly(text, what)

    def is_set(self, value: YearlyDate | None) -> bool:
        return value is not None

    def show(self, value: YearlyDate | None) -> str:
        return "" if value is None else value.spoken()

    def text(self, value: YearlyDate | None) -> str:
        return "" if value is None else value.text()

    def to_doc(self, value: YearlyDate | None) -> str | None:
        return None if value is None else value.text()

    def from_doc(self, stored: Any) -> YearlyDate | None:
        return parse_yearly(stored) if stored else None


def type_name(value: Any) -> str:
    """What a stored value is, for a message: "a number", "text", "a list"..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    names = {str: "text", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


# Contact details ----------------------------------------------------------------------


class ContactField(Value):
    """One detail of a contact: how it is typed, named and offered.

    ``label``: its name in a contact's details (``met``); ``title``: in the app's form
    (``How met``); ``option``: the command-line option (default ``--NAME``); ``hint``: the
    form's placeholder; ``detail``: listed among the details. ``name`` is the attribute
    (and the key in the file and in ``--json``), filled in from the annotation.
    """

    kind: Kind[Any]
    label: str
    title: str = ""
    help: str | None = None
    option: str = ""
    metavar: str = "TEXT"
    hint: str = ""
    detail: bool = True
    name: str = ""

    @property
    def noun(self) -> str:
        """What error messages call it."""
        return self.name.replace("_", " ")


def declared(record: type, spec: type[T]) -> Iterator[tuple[str, T]]:
    """Each attribute of the NamedTuple ``record`` annotated with a ``spec``, in order.

    ``domain/models.py`` evaluates its annotations as it defines them (it does without
    ``from __future__ import annotations``), so they are read as they are: evaluating
    them with ``typing.get_type_hints`` cost every process that imports the models 3 ms.
    Annotations left as text (a module with that import) are evaluated here.
    """
    hints: dict[str, Any] = record.__annotations__
    if any(isinstance(hint, str | ForwardRef) for hint in hints.values()):
        hints = get_type_hints(record, include_extras=True)
    for name, annotation in hints.items():
        for extra in get_args(annotation)[1:]:
            if isinstance(extra, spec):
                yield name, extra


def contact_fields(record: type) -> tuple[ContactField, ...]:
    """The contact fields declared on ``record`` (the Contact model), in order."""
    found = []
    for name, field in declared(record, ContactField):
        option = field.option or "--" + name.replace("_", "-")
        title = field.title or field.label.capitalize()
        found.append(field._replace(name=name, option=option, title=title))
    return tuple(found)
