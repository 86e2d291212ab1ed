"""The command palette's People: find a person from any screen and act with them.

Typing part of a name offers "Open Dana Lee", "Plan Dana Lee" and "Log give with Dana
Lee" (each kind); a few words of the command narrow it ("log give dana").
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from netrack.domain.contacts import name_key, name_words
from netrack.domain.kinds import BUILTIN_KINDS
from netrack.domain.models import Contact
from netrack.tui.people_actions import log_with, open_person, plan_with

if TYPE_CHECKING:
    from netrack.tui.app import NetrackApp

MOST_SHOWN = 50  # hits for one query: a long contact list must not flood the palette
DISCOVERED = 5  # people offered before anything is typed: the top suggestions


def person_commands(
    app: NetrackApp, contact: Contact
) -> list[tuple[str, str, Callable[[], object]]]:
    """(title, help, callback) of every command about ``contact``."""
    cid = contact.id
    return [
        (f"Open {contact.name}", "Details, what is owed, history", partial(_open, app, cid)),
        (f"Plan {contact.name}", "Add them to this week's plan", partial(plan_with, app, cid)),
        *(
            (
                f"Log {kind} with {contact.name}",
                "The log form, filled in",
                partial(log_with, app, cid, kind),
            )
            for kind in BUILTIN_KINDS
        ),
    ]


def _open(app: NetrackApp, contact_id: str) -> None:
    app.call_later(open_person, app, contact_id)


class PeopleProvider(Provider):
    """Every active contact, with what can be done with them."""

    @property
    def netrack(self) -> NetrackApp:
        return self.app  # type: ignore[return-value]

    async def search(self, query: str) -> Hits:
        app = self.netrack
        matcher = self.matcher(query)
        words = name_key(query).split()
        shown = 0
        for contact in app.snapshot.data.contacts:
            if contact.archived or not _may_match(contact, words):
                continue
            for title, help_text, callback in person_commands(app, contact):
                score = matcher.match(title)
                if score > 0:
                    yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
                    shown += 1
            if shown >= MOST_SHOWN:
                return

    async def discover(self) -> Hits:
        from netrack.domain.suggestions import ranked

        app = self.netrack
        for suggestion in ranked(app.snapshot.analysis).first(DISCOVERED):
            contact = suggestion.contact
            yield DiscoveryHit(
                f"Log {suggestion.kind} with {contact.name}",
                partial(log_with, app, contact.id, suggestion.kind),
                help=suggestion.why,
            )


def _may_match(contact: Contact, words: list[str]) -> bool:
    """Cheap first look: some word of the query starts some word of the name.

    With thousands of contacts, the fuzzy matcher runs only on those that pass.
    """
    if not words:
        return False
    name = list(name_words(name_key(contact.name)))
    return any(part.startswith(word) for word in words for part in name)
