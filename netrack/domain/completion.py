"""Completing a name as it is typed: the contacts that matching would accept, best first."""

from __future__ import annotations

from collections.abc import Sequence

from netrack.domain.contacts import name_words, starts_name
from netrack.domain.text import could_name_at


def completion_order(key: str, folded_names: Sequence[str]) -> list[int]:
    """The positions in ``folded_names`` of the names the folded ``key`` may name, best
    first: the names ``contacts.starts_name`` accepts (so matching takes what completion
    offers), those starting with the key first, then those with a word that does
    ("alice" → "[alice] smith"), then those it starts only without marks ("alice sm").
    Names of one rank keep the order given (alphabetical, as the forms pass them)."""
    if not key:
        return []
    ranked: list[tuple[int, int]] = []
    for at in could_name_at(key, folded_names):
        name = folded_names[at]
        if name.startswith(key):
            ranked.append((0, at))
        elif any(word.startswith(key) for word in name_words(name)):
            ranked.append((1, at))
        elif starts_name(name, key):
            ranked.append((2, at))
    ranked.sort()
    return [at for _, at in ranked]
