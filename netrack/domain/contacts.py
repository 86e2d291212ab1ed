"""Finding contacts by what the user types."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from netrack.domain.ids import new_id
from netrack.domain.models import Contact, Dataset
from netrack.domain.text import clean_name
from netrack.errors import UsageError, quoted

CANDIDATES_SHOWN = 8


def name_key(name: str) -> str:
    """How names compare: case-insensitive, blanks collapsed."""
    return " ".join(name.casefold().split())


def matching_contacts(contacts: Iterable[Contact], query: str) -> list[Contact]:
    """Contacts ``query`` may mean, best first.

    An exact name (any case) wins outright; otherwise every active contact whose name,
    or any word of it, starts with the query.
    """
    key = name_key(query)
    if not key:
        return []
    everyone = list(contacts)
    exact = [c for c in everyone if name_key(c.name) == key]
    if exact:
        return exact
    return [c for c in everyone if not c.archived and _starts_with(c.name, key)]


def _starts_with(name: str, key: str) -> bool:
    folded = name_key(name)
    return folded.startswith(key) or any(word.startswith(key) for word in _words(folded))


def _words(folded: str) -> Iterator[str]:
    """The words of a name, and each part of a hyphenated word ("García-López")."""
    for word in folded.split(" "):
        yield word
        if "-" in word:
            yield from (part for part in word.split("-") if part)


def describe(contact: Contact) -> str:
    """A contact's name with enough beside it to tell two apart."""
    extra = contact.company or contact.email
    return f"{contact.name} ({extra})" if extra else contact.name


def ambiguous_error(query: str, candidates: list[Contact]) -> UsageError:
    """The error for a name that fits several contacts, listing them."""
    shown = "; ".join(describe(c) for c in candidates[:CANDIDATES_SHOWN])
    more = len(candidates) - CANDIDATES_SHOWN
    tail = f"; and {more} more" if more > 0 else ""
    return UsageError(
        f"{quoted(query)} matches {len(candidates)} contacts: {shown}{tail}; type more of the name"
    )


def resolve_existing(contacts: Iterable[Contact], query: str) -> Contact:
    """The one contact ``query`` names; a UsageError when none or several match.

    Archived contacts are found by prefix too when no active one matches, so that
    ``contact unarchive Kim`` finds an archived Kim Park.
    """
    everyone = list(contacts)
    found = matching_contacts(everyone, query)
    if not found and name_key(query):
        key = name_key(query)
        found = [c for c in everyone if c.archived and _starts_with(c.name, key)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(f"no contact matches {quoted(query)}; see 'netrack contacts'")
    raise ambiguous_error(query, found)


def find_or_add(
    data: Dataset, typed: str, now: datetime, make_id: Callable[[], str] = new_id
) -> tuple[Contact, bool]:
    """The contact ``typed`` names, or a new one by that name; True when it is new.

    A name that fits several contacts is refused with the candidates listed.
    """
    found = matching_contacts(data.contacts, typed)
    if len(found) == 1:
        return found[0], False
    if found:
        raise ambiguous_error(typed, found)
    contact = Contact(
        id=make_id(),
        name=clean_name(typed),
        created=now,
        circle=data.settings.new_contact_circle,
        updated=now,
    )
    return contact, True


def check_unique_name(contacts: Iterable[Contact], name: str, except_id: str | None = None) -> None:
    """Refuse a second contact with the same name (any case)."""
    key = name_key(name)
    for contact in contacts:
        if contact.id != except_id and name_key(contact.name) == key:
            raise UsageError(
                f"a contact named {quoted(contact.name)} already exists; "
                "use a distinct name (add a company or initial)"
            )
