"""Finding contacts by what the user types."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from itertools import accumulate

from netrack.domain.ids import new_id
from netrack.domain.models import Contact, Dataset
from netrack.domain.text import clean_name, fold, word_runs
from netrack.errors import UsageError, quoted

CANDIDATES_SHOWN = 8


def name_key(name: str) -> str:
    """How names compare: case and accents folded, blanks collapsed (``jose`` is José)."""
    return fold(name)


def name_matches(name: str, query: str) -> bool:
    """Whether ``query`` (as typed in a filter) appears in ``name``, folded alike.

    For filtering lists: ``alv`` shows José Álvarez. An empty query matches everyone.
    """
    return fold(query) in fold(name)


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
    return starts_name(name_key(name), key)


def starts_name(folded: str, key: str) -> bool:
    """Whether the folded ``key`` starts the folded name or one of its words.

    Marks around or inside a word do not hide it: "alice" starts "[alice] smith" and
    "(dana) lee", "lop" starts "garcia-lopez", and "alice sm" starts "[alice] smith".
    """
    if folded.startswith(key) or any(word.startswith(key) for word in name_words(folded)):
        return True
    bare = " ".join(word_runs(folded))
    return bare != folded and bare.startswith(" ".join(word_runs(key)) or key)


def name_words(folded: str) -> Iterator[str]:
    """The words of a folded name, then each run of letters and digits in a word that
    has other marks: "[alice]" is also "alice", "garcía-lópez" also "garcia", "lopez"."""
    for word in folded.split():
        yield word
        runs = word_runs(word)
        if runs != [word]:
            yield from runs


# The details ``describe`` reads.
DESCRIBED = ("company", "email")


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
    data: Dataset,
    typed: str,
    now: datetime,
    make_id: Callable[[], str] = new_id,
    new: bool = False,
) -> tuple[Contact, bool]:
    """The contact ``typed`` names, or a new one by that name; True when it is new.

    A name that fits several contacts is refused with the candidates listed. A new name
    close to an existing one (a typo) is refused with ``DidYouMean``, unless ``new``
    says the user means a new person.
    """
    found = matching_contacts(data.contacts, typed)
    if len(found) == 1:
        return found[0], False
    if found:
        raise ambiguous_error(typed, found)
    if not new:
        close = close_matches(data.contacts, typed)
        if close:
            raise DidYouMean(clean_name(typed), close[0])
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


class DidYouMean(UsageError):
    """A new name is close to an existing contact's: probably a typo (exit 2).

    ``typed`` is the new name as it would be stored, ``suggestion`` the contact it is
    close to. The app asks the same question; ``--new`` (``new=True``) creates anyway.
    """

    def __init__(self, typed: str, suggestion: Contact) -> None:
        self.typed = typed
        self.suggestion = suggestion
        super().__init__(f"did you mean {suggestion.name}? (add --new to create {typed})")


CLOSE_MIN_LENGTH = 4  # shorter names are too alike to guess at ("Bo" and "Jo")
# A three-letter name is close only to one with two neighbouring letters swapped ("Sma"
# for "Sam"): one letter more, less or other is as often another real name ("Ana" and
# "Dana", "Tim" and "Tom"), a swap rarely.
SWAP_LENGTH = 3


def close_matches(contacts: Iterable[Contact], typed: str) -> list[Contact]:
    """Active contacts whose name ``typed`` looks like a typo of, closest first.

    Close means, with case and accents folded: one letter wrong, missing, added or two
    swapped (two for names longer than eight letters); the same words in another order;
    or, for a one-word name, any word of the contact's name that close. A name of three
    letters is close only to a name or word with two neighbouring letters swapped.
    """
    key = fold(typed)
    if len(key) < SWAP_LENGTH:
        return []
    active = [c for c in contacts if not c.archived]
    return [active[i] for i in close_ranking([fold(c.name) for c in active], key)]


def close_ranking(
    names: Sequence[str],
    key: str,
    plain: Sequence[str] | None = None,
    holding: Sequence[int] | None = None,
) -> list[int]:
    """The positions of the folded ``names`` that the folded ``key`` looks like a typo
    of, closest first (see ``close_matches``; each name is judged on its own, so a
    quick add can rank the names of its index without making contacts of them).
    ``plain``, when given, is ``plain_names(names)`` worked out beforehand, and
    ``holding`` the ``typos.holders`` of those."""
    if len(key) < SWAP_LENGTH or not names:
        return []
    if len(key) < CLOSE_MIN_LENGTH:
        return _swaps_of(names, key, plain)
    from netrack.domain.typos import same_letters, within  # only on the way to a new contact

    allowed = 1 if len(key) <= 8 else 2
    key = _without_marks(key)
    if plain is None:
        plain = plain_names(names)
    scored: dict[int, float] = dict(within(key, plain, allowed, holding))
    words = sorted(key.split())
    if len(words) > 1:
        for index in same_letters(key, plain, holding):
            if index not in scored and sorted(plain[index].split()) == words:
                scored[index] = 0.5  # the same words in another order
    if len(words) == 1:
        # Most first names are shared: each distinct word is measured once.
        every_word = " ".join(plain).split()
        distinct = list(dict.fromkeys(every_word))
        close = {distinct[i]: d for i, d in within(key, distinct, allowed).items()}
        if close:
            ends = list(accumulate(map(len, map(str.split, plain))))  # of each name's words
            for position, word in enumerate(every_word):
                if word in close:
                    index = bisect_right(ends, position)
                    scored[index] = min(scored.get(index, 9.0), close[word] + 0.25)
    return sorted(scored, key=lambda i: (scored[i], names[i]))


def _swaps_of(names: Sequence[str], key: str, plain: Sequence[str] | None) -> list[int]:
    """The positions of the ``names`` that are, or have a word that is, the short folded
    ``key`` with two neighbouring letters swapped, in name order."""
    if not key.isalnum():
        return []
    swaps = {key[:i] + key[i + 1] + key[i] + key[i + 2 :] for i in range(len(key) - 1)}
    swaps.discard(key)  # "Ann": swapping its n's makes itself
    found = [
        i
        for i, name in enumerate(plain_names(names) if plain is None else plain)
        if not swaps.isdisjoint(name.split())
    ]
    return sorted(found, key=lambda i: names[i])


def plain_names(names: Sequence[str]) -> list[str]:
    """The folded ``names`` as ``close_ranking`` judges them: their words alone, without
    the marks around or inside them, so that "alise smith" is as close to "[Alice] Smith"
    as to "Alice Smith" (most names have none: they are taken as they are)."""
    return [name if name.replace(" ", "").isalnum() else _without_marks(name) for name in names]


def _without_marks(folded: str) -> str:
    """The words of ``folded`` without their marks ("[alice] o'brien" -> "alice o brien");
    itself when it has no word."""
    return " ".join(word_runs(folded)) or folded
