"""Names sorted in bulk (domain/name_sort.py) come out exactly as ``name_order`` sorts
them, whatever the names hold: accents, odd blanks, line breaks, control characters."""

from __future__ import annotations

import random

import pytest

from netrack.domain.name_sort import name_orders, sorted_by_name, sorted_then_by_name
from netrack.domain.text import name_order

PLAIN = ["Dana Lee", "adam Smith", "Bea Ortiz", "dana lee", "Zoë Quinn", "Carl"]
AWKWARD = [
    ["Dana  Lee", "Bea"],  # a double space
    [" Dana Lee", "Bea"],  # leading blank on the first name
    ["Bea", "Dana Lee "],  # trailing blank on the last name
    ["Bea ", "Dana"],  # a trailing blank before the next name
    ["Bea", " Dana"],  # a leading blank after the previous name
    ["Bea\tOrtiz", "Dana"],  # a tab
    ["Bea\x1fOrtiz", "Dana"],  # an ASCII separator str.split splits at
    ["Bea\nOrtiz", "Dana"],  # a line break inside a name
    ["Ángela", "adam", "Bea"],  # beyond ASCII
    ["", "Bea", ""],  # empty names
    ["\x1b[31mred", "Bea"],  # a control character
    ["Zoë\u00a0Quinn", "Bea"],  # a no-break space: a plain one once decomposed
    ["Straße", "STRASSE", "Bea"],  # case folding that lengthens a name
    ["Jose\u0301", "José", "Bea"],  # a combining accent and a precomposed one
    ["Ana\u200bBel", "AnaBel"],  # a zero-width space
    ["ＡＢＣ Ltd", "abc ltd"],  # full-width letters
    ["Zoë  Quinn", " Ángela ", "Bea"],  # odd blanks beside letters beyond ASCII
]


def test_name_orders_of_random_names_are_name_order_of_each() -> None:
    rng = random.Random(17)
    letters = "aZ é\u0301ß\u00a0\u200b\t\x1fÅ\nＡ-'"
    for _ in range(200):
        names = ["".join(rng.choices(letters, k=rng.randint(0, 6))) for _ in range(5)]
        assert name_orders(names) == [name_order(name) for name in names], names


@pytest.mark.parametrize("names", [PLAIN, *AWKWARD])
def test_name_orders_are_name_order_of_each(names: list[str]) -> None:
    assert name_orders(names) == [name_order(name) for name in names]


def test_sorted_by_name_is_the_stable_sort_by_name_order() -> None:
    people = [(name, n) for n, name in enumerate(PLAIN * 3 + ["Dana  Lee", "Ángela"])]
    assert sorted_by_name(people, lambda p: p[0]) == sorted(people, key=lambda p: name_order(p[0]))


def test_ties_are_broken_by_name_exactly_as_the_full_key_would() -> None:
    rng = random.Random(16)
    names = [*PLAIN, "Ángela", "Dana  Lee", "bea ortiz"]
    people = [(rng.randint(0, 4), rng.choice(names), n) for n in range(300)]
    assert sorted_then_by_name(people, lambda p: (-p[0],), lambda p: p[1]) == sorted(
        people, key=lambda p: (-p[0], name_order(p[1]))
    )
    unique = [(n, rng.choice(names), n) for n in range(50)]  # no tie: the score alone
    assert sorted_then_by_name(unique, lambda p: (-p[0],), lambda p: p[1]) == unique[::-1]
