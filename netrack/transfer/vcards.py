"""vCard files (``.vcf``) holding one or many cards, vCard 2.1, 3.0 or 4.0.

The file is cut into cards here, so that a problem can be named by card number and
line; each card is then read by ``vobject``, which unfolds lines, undoes escapes and
decodes vCard 2.1's quoted-printable values (``NOTE;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9``).
A quoted-printable line that ends with ``=`` goes on in the next line (a "soft" break,
which is not vCard folding): those lines are joined here first.
Taken from a card: FN (or N), EMAIL (the preferred one), ORG, TITLE, NOTE, URL (a
LinkedIn profile first; grouped ``item1.URL`` lines count), and CATEGORIES as tags.
"""

from __future__ import annotations

import re
from typing import Any

from netrack.domain.importing import NO_NAME, ImportedPerson, Skip
from netrack.transfer.reading import FormatProblem, PeopleRead

_VOBJECT_LINE = re.compile(r"^At line \d+: ")  # its count is not the file's line
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # only these end a line (not U+2028 in a note)


def read_vcards(text: str) -> PeopleRead:
    """The people on the cards in ``text``; a FormatProblem naming the card otherwise."""
    import vobject

    people: list[ImportedPerson] = []
    skipped: list[Skip] = []
    for number, line, card_text in split_cards(text):
        source = f"card {number} (line {line})"
        try:
            card = vobject.readOne(card_text)
        except Exception as error:  # a third-party parser on any input: name the card
            problem = _VOBJECT_LINE.sub("", str(error)) or type(error).__name__
            raise FormatProblem(f"{source} cannot be read: {problem}") from None
        person = _person(card.contents, source)
        if person.name:
            people.append(person)
        else:
            skipped.append(Skip(source, NO_NAME))
    return PeopleRead(people, skipped)


def split_cards(text: str) -> list[tuple[int, int, str]]:
    """Each card's number, first line and text, from BEGIN:VCARD to END:VCARD."""
    cards: list[tuple[int, int, str]] = []
    current: list[str] | None = None
    start = 0
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        # A line starting with a blank continues the one before (folding): never a marker.
        marker = "" if line[:1] in (" ", "\t") else line.strip().upper()
        if current is None:
            if marker == "BEGIN:VCARD":
                current, start = [line], number
            elif line.strip():
                raise FormatProblem(f"line {number}: expected BEGIN:VCARD, found {line[:40]!r}")
            continue
        if _soft_break(current[-1]):
            current[-1] = current[-1][:-1] + line  # the value goes on in this line
            continue
        if marker == "BEGIN:VCARD":
            raise FormatProblem(
                f"card {len(cards) + 1} (line {start}) has no END:VCARD before line {number}"
            )
        current.append(line)
        if marker == "END:VCARD":
            cards.append((len(cards) + 1, start, "\r\n".join(current) + "\r\n"))
            current = None
    if current is not None:
        raise FormatProblem(f"card {len(cards) + 1} (line {start}) has no END:VCARD")
    if not cards:
        raise FormatProblem("found no vCard (a card starts with BEGIN:VCARD)")
    return cards


def _soft_break(line: str) -> bool:
    """True for a quoted-printable line that ends with ``=``: its value goes on."""
    name, colon, _ = line.partition(":")
    return bool(colon) and line.endswith("=") and "QUOTED-PRINTABLE" in name.upper()


def _person(contents: dict[str, list[Any]], source: str) -> ImportedPerson:
    def lines(name: str) -> list[Any]:
        return contents.get(name, [])

    def first(name: str) -> str:
        return next((t for t in (_text(line.value) for line in lines(name)) if t), "")

    return ImportedPerson(
        source=source,
        name=first("fn") or _name_from_n(lines("n")),
        company=" / ".join(_parts(lines("org")[0].value)) if lines("org") else "",
        role=first("title"),
        email=_preferred_email(lines("email")),
        url=_best_url(lines("url"), contents),
        tags=tuple(tag for line in lines("categories") for tag in _parts(line.value)),
        notes="\n\n".join(
            _LINE_BREAK.sub("\n", t) for t in (_text(line.value) for line in lines("note")) if t
        ),
    )


def _name_from_n(lines: list[Any]) -> str:
    if not lines:
        return ""
    n = lines[0].value
    parts = (getattr(n, field, "") for field in ("prefix", "given", "additional", "family"))
    name = " ".join(_text(part) for part in parts if _text(part))
    suffix = _text(getattr(n, "suffix", ""))
    return f"{name}, {suffix}" if name and suffix else name


def _preferred_email(lines: list[Any]) -> str:
    def preferred(line: Any) -> bool:
        types = [str(t).casefold() for t in line.params.get("TYPE", [])]
        return "pref" in types or "PREF" in line.params

    ranked = sorted(lines, key=lambda line: not preferred(line))
    return next((t for t in (_text(line.value) for line in ranked) if t), "")


def _best_url(lines: list[Any], contents: dict[str, list[Any]]) -> str:
    """A LinkedIn profile if there is one (by address or by its label), else the first."""
    labels = {
        line.group.casefold(): _text(line.value).casefold()
        for line in contents.get("x-ablabel", [])
        if line.group
    }

    def is_linkedin(line: Any) -> bool:
        label = labels.get((line.group or "").casefold(), "")
        return "linkedin" in _text(line.value).casefold() or "linkedin" in label

    ranked = sorted(lines, key=lambda line: not is_linkedin(line))
    return next((t for t in (_text(line.value) for line in ranked) if t), "")


def _parts(value: Any) -> list[str]:
    """The non-empty pieces of a list value (ORG, CATEGORIES), or of a single text."""
    values = value if isinstance(value, list | tuple) else [value]
    return [t for t in (_text(v) for v in values) if t]


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list | tuple):
        return " ".join(t for t in (_text(v) for v in value) if t)
    return ""  # binary values (a photo) and anything else carry no text for netrack
