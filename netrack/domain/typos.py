"""How many typing slips apart two texts are, for the few names that may be close.

A slip is one letter wrong, missing or added, or two neighbours swapped: the optimal
string alignment distance (OSA), as ``rapidfuzz.distance.OSA`` computes it. Telling a
typo of one contact's name costs a quick add that library's import (some 10 ms) for a
handful of comparisons, so the names are first looked over with checks that run in C
(length, letters), which leave a few; those are measured here. When many are left
(names alike letter for letter), the library measures them: the answers are the same.
"""

from __future__ import annotations

from collections.abc import Sequence

# Measured here, a name left by the checks costs some 10 µs (50 for names much alike):
# above this many, importing rapidfuzz and measuring there costs less.
MEASURED_HERE = 400


def signature(text: str) -> int:
    """``text``'s length and letters in one number, for ``within`` to look over many texts
    at the cost of a few operations each: the length in the low 8 bits, then a bit for
    each letter a-z it holds and one of 30 for any other character."""
    letters = 0
    for char in set(text):
        code = ord(char) - 97
        letters |= 1 << (code if 0 <= code < 26 else 26 + ord(char) % 30)
    return letters << 8 | min(len(text), 255)


def within(
    key: str, texts: Sequence[str], allowed: int, signatures: Sequence[int] | None = None
) -> dict[int, int]:
    """The positions in ``texts`` of those at most ``allowed`` slips from ``key``, each
    with its distance. ``signatures``: ``signature`` of each text, worked out before."""
    size = len(key)
    letters = frozenset(key)
    # Each slip changes the length by at most one, takes away at most one letter of
    # ``key`` and brings in at most one that it lacks (a swap changes no letter). Each
    # check is one pass in C over what the one before left.
    if signatures is None or len(signatures) != len(texts) or size > 255:
        near = [i for i, n in enumerate(map(len, texts)) if size - allowed <= n <= size + allowed]
    else:  # the same checks on the signatures, at once (letters that share a bit pass)
        mine = signature(key) >> 8
        low, high = size - allowed, size + allowed
        near = [
            i
            for i, theirs in enumerate(signatures)
            if low <= theirs & 255 <= high
            and (mine & ~(theirs >> 8)).bit_count() <= allowed
            and ((theirs >> 8) & ~mine).bit_count() <= allowed
        ]
    near = [i for i in near if len(letters.difference(texts[i])) <= allowed]
    near = [i for i in near if len(set(texts[i]) - letters) <= allowed]
    # The same two checks, counting each letter as often as it comes: of the hundred
    # names that "farah rosis" leaves above, eight are left to measure (at ten times the
    # cost of this check each).
    counts = [(letter, key.count(letter)) for letter in letters]
    near = [i for i in near if _slips_in_letters(texts[i], size, counts) <= allowed]
    if len(near) > MEASURED_HERE:
        from rapidfuzz.distance import OSA

        measured = {i: OSA.distance(key, texts[i], score_cutoff=allowed) for i in near}
    else:
        measured = {i: distance(key, texts[i], allowed) for i in near}
    return {i: d for i, d in measured.items() if d <= allowed}


def _slips_in_letters(text: str, size: int, counts: list[tuple[str, int]]) -> int:
    """At least how many slips turn the key (``size`` long, with these ``counts`` of each
    letter) into ``text``: the letters it lacks, or those it brings in, whichever is more."""
    lacking = sum(
        wanted - found for letter, wanted in counts if (found := text.count(letter)) < wanted
    )
    return max(lacking, len(text) - size + lacking)


def distance(a: str, b: str, cutoff: int) -> int:
    """The OSA distance between ``a`` and ``b``; ``cutoff + 1`` when it is larger."""
    start, end = 0, min(len(a), len(b))
    while start < end and a[start] == b[start]:
        start += 1
    tail = 0
    while tail < end - start and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a, b = a[start : len(a) - tail], b[start : len(b) - tail]
    past = cutoff + 1
    if abs(len(a) - len(b)) > cutoff:
        return past
    if not a or not b:
        return len(a) + len(b)
    # The distances between the beginnings of a and b, a row of the table at a time.
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, letter in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, other in enumerate(b, start=1):
            best = previous[j - 1] + (letter != other)
            if previous[j] + 1 < best:
                best = previous[j] + 1
            if row[j - 1] + 1 < best:
                best = row[j - 1] + 1
            if i > 1 and j > 1 and letter == b[j - 2] and a[i - 2] == other:
                best = min(best, before[j - 2] + 1)  # two neighbours swapped
            row[j] = best
        # A row's least value never falls further down: past the cutoff, it stays past.
        if min(row) > cutoff:
            return past
        before, previous = previous, row
    return min(previous[-1], past)
