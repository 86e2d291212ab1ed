"""Bringing people in from other address books (LinkedIn, vCards): who is already here.

An imported person is the same as a contact already in netrack when their names are the
same (any case, blanks collapsed) and, first, an identifier that names one person is the
same: a profile URL (ignoring ``https://``, ``www.``, a query and a trailing ``/``) that
points at a person, not at a site's home page or LinkedIn's bare ``/in/``; or a personal
email (any case), not a shared one such as ``team@`` or ``info@``. Two people with
different names are never taken for one, whatever they share. netrack never holds two
contacts with one name, so a person whose name is taken by a contact with a *different*
profile on the same site (two people who share a name, as LinkedIn often has) is
skipped rather than added.

A person who is already here only fills in what the contact lacks (company, role,
how you met, email, URL, notes) and adds tags: what the user typed is never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from netrack.domain.contacts import name_key
from netrack.domain.fields import EMAIL_MAX, NOTES_MAX, TAG_MAX, URL_MAX
from netrack.domain.ids import new_id
from netrack.domain.models import CONTACT_FIELDS, NO_CADENCE, Contact
from netrack.domain.text import FIELD_MAX, clean_name
from netrack.errors import UsageError

IMPORT_CIRCLE = "wider"  # the default circle of new contacts (setting new-contact-circle)

# Why a person was not added; the summary counts skips by these reasons.
ALREADY_HERE = "already here"
REPEATED = "repeated in the file"
NAME_TAKEN = "name taken by a contact with another profile"
NO_NAME = "no name"
ONLY_A_DATE = "only a date"


class ImportedPerson(NamedTuple):
    """One person as read from a file, before matching; ``source`` says where it was."""

    source: str  # "line 12", "card 3 (line 20)"
    name: str
    company: str = ""
    role: str = ""
    met_how: str = ""
    email: str = ""
    url: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""
    began: datetime | None = None  # when the relationship began, if the file says
    met_on: date | None = None  # the day it began: the contact's "met on" detail


class Skip(NamedTuple):
    """A person (or a row, or a card) that was not added, and why."""

    source: str
    reason: str
    name: str = ""


class PeopleImport(NamedTuple):
    """What importing a list of people changes; nothing is written here."""

    added: tuple[Contact, ...]
    updated: tuple[Contact, ...]
    skipped: tuple[Skip, ...]

    @property
    def contacts_to_save(self) -> tuple[Contact, ...]:
        return (*self.added, *self.updated)


def url_key(url: str) -> str:
    """How profile URLs compare: no scheme, no ``www.``, no query or fragment, any case."""
    key = url.strip().casefold()
    for prefix in ("https://", "http://"):
        key = key.removeprefix(prefix)
    key = key.removeprefix("www.")
    key = key.split("#", 1)[0].split("?", 1)[0]
    return key.rstrip("/")


def profile_key(url: str) -> str:
    """``url_key`` of a URL that points at one person; "" for any other.

    A site's home page (``acme.com/``) is shared by everyone who works there, and on
    LinkedIn only ``/in/NAME`` (or ``/pub/NAME``) is a person.
    """
    key = url_key(url)
    site, _, path = key.partition("/")
    if not site or not path:
        return ""
    if site.endswith("linkedin.com"):
        kind, _, handle = path.partition("/")
        return key if kind in ("in", "pub") and handle.strip("/") else ""
    return key


def _other_profile(url: str, other_url: str) -> bool:
    """True for two different profiles on one site: two people who share a name.

    A homepage and a LinkedIn profile say nothing of the kind.
    """
    key, other = profile_key(url), profile_key(other_url)
    return bool(key and other) and key != other and _site(key) == _site(other)


def _site(key: str) -> str:
    return key.split("/", 1)[0]


# Mailboxes a team or a company shares: an address there names nobody in particular.
SHARED_MAILBOXES = frozenset(
    {
        "admin",
        "all",
        "billing",
        "bizdev",
        "careers",
        "contact",
        "enquiries",
        "everyone",
        "founders",
        "hello",
        "help",
        "hi",
        "hr",
        "info",
        "inquiries",
        "jobs",
        "mail",
        "marketing",
        "no-reply",
        "noreply",
        "office",
        "partners",
        "postmaster",
        "press",
        "recruiting",
        "sales",
        "staff",
        "support",
        "talent",
        "team",
        "webmaster",
    }
)


def email_key(email: str) -> str:
    return email.strip().casefold()


def personal_email_key(email: str) -> str:
    """``email_key`` of an address that names one person; "" for a shared mailbox."""
    key = email_key(email)
    mailbox = key.partition("@")[0].split("+", 1)[0]
    return "" if not mailbox or mailbox in SHARED_MAILBOXES else key


def plan_people_import(
    contacts: Sequence[Contact],
    people: Iterable[ImportedPerson],
    now: datetime,
    make_id: Callable[[], str] = new_id,
    circle: str | None = IMPORT_CIRCLE,
) -> PeopleImport:
    """Match each person against ``contacts`` (and those added before them) and decide.

    New people become contacts in ``circle`` (the default circle for new contacts) with
    no keep-in-touch cadence, created when the file says the relationship began (else
    ``now``). Sorting them into circles is the user's next step.
    """
    book = _AddressBook(contacts)
    added: dict[str, Contact] = {}
    updated: dict[str, Contact] = {}
    skipped: list[Skip] = []
    for raw in people:
        try:
            person = _cleaned(raw)
        except UsageError as error:
            skipped.append(Skip(raw.source, str(error), raw.name[:80]))
            continue
        match, by_name = book.find(person)
        if match is None:
            contact = _new_contact(person, now, make_id(), circle)
            book.put(contact)
            added[contact.id] = contact
            continue
        if by_name and _other_profile(person.url, match.url):
            skipped.append(Skip(person.source, NAME_TAKEN, person.name))
            continue
        filled = fill_blanks(match, person, now)
        if match.id in added:
            added[match.id] = filled
            skipped.append(Skip(person.source, REPEATED, person.name))
        elif filled != match:
            updated[match.id] = filled
        else:
            reason = REPEATED if match.id in updated else ALREADY_HERE
            skipped.append(Skip(person.source, reason, person.name))
        book.put(filled)
    return PeopleImport(tuple(added.values()), tuple(updated.values()), tuple(skipped))


def fill_blanks(contact: Contact, person: ImportedPerson, now: datetime) -> Contact:
    """``contact`` with the fields it lacks taken from ``person``, and ``person``'s tags."""
    changes: dict[str, Any] = {}
    for field in CONTACT_FIELDS:
        if field.name in ImportedPerson._fields:  # the details a file can carry
            have = getattr(contact, field.name)
            filled = field.kind.fill(have, getattr(person, field.name))
            if filled != have:
                changes[field.name] = filled
    if not changes:
        return contact
    return contact._replace(**changes, updated=now)


def _new_contact(
    person: ImportedPerson, now: datetime, contact_id: str, circle: str | None
) -> Contact:
    began = person.began if person.began is not None and person.began <= now else now
    return Contact(
        id=contact_id,
        name=person.name,
        created=began,
        company=person.company,
        role=person.role,
        met_how=person.met_how,
        met_on=person.met_on if person.met_on and person.met_on <= now.date() else None,
        tags=person.tags,
        circle=circle,
        cadence_days=NO_CADENCE,
        reminders_since=now,  # once sorted into a circle, due a cadence later, not at once
        email=person.email,
        url=person.url,
        notes=person.notes,
        updated=now,
    )


def _cleaned(person: ImportedPerson) -> ImportedPerson:
    """``person`` with a usable name (else a UsageError) and every field fit to store."""
    email = _fit(person.email, EMAIL_MAX)
    if "@" not in email or any(c.isspace() for c in email):
        email = ""  # address books hold odd values here; an unusable one is left out
    return person._replace(
        name=clean_name(" ".join(person.name.replace("\x00", "").splitlines())),
        company=_fit(person.company, FIELD_MAX),
        role=_fit(person.role, FIELD_MAX),
        met_how=_fit(person.met_how, FIELD_MAX),
        email=email,
        url=_fit(person.url, URL_MAX),
        tags=tuple(dict.fromkeys(t for t in (_fit(t, TAG_MAX) for t in person.tags) if t)),
        notes=_fit(person.notes, NOTES_MAX, strip=False).strip("\n"),
    )


def _fit(text: str, limit: int, strip: bool = True) -> str:
    """``text`` without NULs or surrounding blanks, cut to ``limit`` characters."""
    text = text.replace("\x00", "")
    if strip:
        text = text.strip()
    return text[:limit]


class _AddressBook:
    """Contacts by profile URL, email and name, kept current as the import goes."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self._by_url: dict[str, str] = {}
        self._by_email: dict[str, str] = {}
        self._by_name: dict[str, str] = {}
        self._contacts: dict[str, Contact] = {}
        for contact in contacts:
            self.put(contact)

    def put(self, contact: Contact) -> None:
        self._contacts[contact.id] = contact
        for index, key in (
            (self._by_url, profile_key(contact.url)),
            (self._by_email, personal_email_key(contact.email)),
            (self._by_name, name_key(contact.name)),
        ):
            if key:
                index.setdefault(key, contact.id)

    def find(self, person: ImportedPerson) -> tuple[Contact | None, bool]:
        """The contact who is ``person``, and whether only the name said so.

        A shared profile or email counts only with the same name: two people with
        different names are two people.
        """
        for index, key in (
            (self._by_url, profile_key(person.url)),
            (self._by_email, personal_email_key(person.email)),
        ):
            found = self._contacts[index[key]] if key and key in index else None
            if found is not None and name_key(found.name) == name_key(person.name):
                return found, False
        named = self._by_name.get(name_key(person.name))
        return (self._contacts[named], True) if named else (None, False)
