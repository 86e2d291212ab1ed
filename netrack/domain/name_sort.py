"""Sorting thousands of contacts by name, as ``text.name_order`` orders them, cheaply.

Every listing of a long history sorts thousands of names; folding each one on its own
cost more than the rest of the sort.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from netrack.domain.text import _ZERO_WIDTH as ZERO_WIDTH
from netrack.domain.text import name_order

T = TypeVar("T")

# What ``fold`` would change in an ASCII name besides its case: blanks other than one
# space between words (``str.split`` also splits at the ASCII separators \x1c-\x1f).
_BLANKS = ("\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "  ", " \n", "\n ")


def name_orders(names: Sequence[str]) -> list[tuple[str, str]]:
    """``[name_order(name) for name in names]``, every name case-folded at once, and
    the names beyond ASCII decomposed at once (``text.fold``, done in bulk)."""
    joined = "\n".join(names)
    lowered = joined.casefold().split("\n")  # casefold makes no line break
    if len(lowered) != len(names):  # a name holds a line break
        return [name_order(name) for name in names]
    plain = not (
        joined.startswith(" ") or joined.endswith(" ") or any(blank in joined for blank in _BLANKS)
    )
    wide = [n for n, name in enumerate(names) if not name.isascii()]
    folded = list(lowered) if plain else [" ".join(low.split()) for low in lowered]
    if wide:
        import unicodedata

        # Decomposing stops at each line break (a starter), as at the end of a name.
        joined_wide = "\n".join([names[n] for n in wide])
        if any(z in joined_wide for z in "\u200b\u200c\u200d\u2060\ufeff"):  # (ZERO_WIDTH)
            joined_wide = re.sub(ZERO_WIDTH, "", joined_wide)
        decomposed = unicodedata.normalize("NFKD", joined_wide)
        # The combining marks dropped: each distinct letter asked about once.
        combining = unicodedata.combining
        marks = {ord(c): None for c in set(decomposed) if combining(c)}
        bare = decomposed.translate(marks).casefold().split("\n")
        if len(bare) != len(wide):  # a compatibility form with a line break, if any
            return [name_order(name) for name in names]
        for n, text in zip(wide, bare, strict=True):
            folded[n] = " ".join(text.split())
    return list(zip(folded, lowered, strict=True))


def sorted_by_name(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """``items`` sorted by ``name_order`` of their ``name`` (stable)."""
    listed = list(items)
    keys = name_orders([name(item) for item in listed])
    order = sorted(range(len(listed)), key=keys.__getitem__)
    return [listed[n] for n in order]


def sorted_then_by_name(
    items: Iterable[T], first: Callable[[T], tuple[Any, ...]], name: Callable[[T], str]
) -> list[T]:
    """``items`` sorted by ``(*first(item), name_order(name(item)))`` (stable)."""
    listed = list(items)
    orders = name_orders([name(item) for item in listed])
    keys = [(*first(item), order) for item, order in zip(listed, orders, strict=True)]
    order = sorted(range(len(listed)), key=keys.__getitem__)
    return [listed[n] for n in order]
