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
LETTER_BITS = 56  # of a signature: a-z, and 30 shared by every other character


def signature(text: str) -> int:
    """``text``'s letters in one number: a bit for each letter a-z it holds and one of
    30 for any other character (two characters may share one)."""
    letters = 0
    for char in set(text):
        code = ord(char) - 97
        letters |= 1 << (code if 0 <= code < 26 else 26 + ord(char) % 30)
    return letters


def holders(texts: Sequence[str]) -> list[int]:
    """For each bit of a ``signature``, which of ``texts`` have it: bit ``i`` of that
    number is set when text ``i`` has it. Worked out once (a quick add's index keeps
    them), they let ``within`` look over thousands of texts at the cost of a few
    operations on these numbers instead of a few for each text."""
    found: list[list[int]] = [[] for _ in range(LETTER_BITS)]
    for i, text in enumerate(texts):
        for char in set(text):  # (as ``signature`` has it)
            code = ord(char) - 97
            found[code if 0 <= code < 26 else 26 + (code + 97) % 30].append(i)
    numbers = []
    for positions in found:
        has = bytearray(len(texts))  # a byte a text, 1 where it has the letter
        for i in positions:
            has[i] = 1
        numbers.append(int(has[::-1].translate(_DIGITS) or b"0", 2))
    return numbers


_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def within(
    key: str, texts: Sequence[str], allowed: int, holding: Sequence[int] | None = None
) -> dict[int, int]:
    """The positions in ``texts`` of those at most ``allowed`` slips from ``key``, each
    with its distance. ``holding``: ``holders(texts)``, worked out before."""
    size = len(key)
    letters = frozenset(key)
    # Each slip changes the length by at most one, takes away at most one letter of
    # ``key`` and brings in at most one that it lacks (a swap changes no letter). Each
    # check is one pass in C over what the one before left; with ``holding``, the letters
    # come first, looked at for every text at once (letters that share a bit pass).
    if holding is not None and len(holding) == LETTER_BITS:
        near = _by_letters(signature(key), holding, len(texts), allowed)
        near = [i for i in near if size - allowed <= len(texts[i]) <= size + allowed]
    else:
        near = [i for i, n in enumerate(map(len, texts)) if size - allowed <= n <= size + allowed]
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


def same_letters(key: str, texts: Sequence[str], holding: Sequence[int] | None = None) -> list[int]:
    """The positions in ``texts`` of those as long as ``key`` that hold the same letters
    (as signatures tell them: two characters may share a bit), among which are its
    words in another order. ``holding``: as for ``within``."""
    if holding is None or len(holding) != LETTER_BITS:
        return [i for i, n in enumerate(map(len, texts)) if n == len(key)]
    alike = _by_letters(signature(key), holding, len(texts), 0)
    return [i for i in alike if len(texts[i]) == len(key)]


def _slips_in_letters(text: str, size: int, counts: list[tuple[str, int]]) -> int:
    """At least how many slips turn the key (``size`` long, with these ``counts`` of each
    letter) into ``text``: the letters it lacks, or those it brings in, whichever is more."""
    lacking = sum(
        wanted - found for letter, wanted in counts if (found := text.count(letter)) < wanted
    )
    return max(lacking, len(text) - size + lacking)


def _by_letters(mine: int, holding: Sequence[int], count: int, allowed: int) -> list[int]:
    """The positions of the texts, of ``count``, that lack at most ``allowed`` of the
    signature bits ``mine`` and have at most ``allowed`` others, found from ``holding``
    (``holders``) for all of them at once: each number below is a set of texts."""
    everyone = (1 << count) - 1
    lacking = [0] * (allowed + 1)  # lacking[n]: the texts that lack more than n of them
    others = [0] * (allowed + 1)  # others[n]: those that have more than n others
    for bit, texts in enumerate(holding):
        if mine >> bit & 1:
            _one_more(lacking, everyone & ~texts)
        elif texts:
            _one_more(others, texts)
    left = everyone & ~lacking[allowed] & ~others[allowed]
    found = []
    while left:
        lowest = left & -left
        found.append(lowest.bit_length() - 1)
        left ^= lowest
    return found


def _one_more(more_than: list[int], texts: int) -> None:
    """Count one more for each of ``texts`` (a set, as bits) in the counts ``more_than``
    keeps (``more_than[n]``: the texts counted more than n times so far)."""
    for n in range(len(more_than) - 1, 0, -1):
        more_than[n] |= more_than[n - 1] & texts
    more_than[0] |= texts


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
