"""Typing slips measured without rapidfuzz give rapidfuzz's answers, and a typo of a
contact's name is caught without loading it."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from netrack.domain import typos
from netrack.domain.contacts import CLOSE_MIN_LENGTH, close_ranking
from netrack.domain.kinds import BUILTIN_KINDS, close_kind
from netrack.domain.text import word_runs
from netrack.domain.typos import distance, within
from netrack.store.quickindex import Contacts
from tests.conftest import python_command

# Few letters, so that random texts share letters, swaps and affixes often.
TEXTS = st.text(alphabet="abcé ñ'", max_size=12)


@settings(max_examples=600, deadline=None)
@given(TEXTS, TEXTS, st.integers(min_value=0, max_value=3))
def test_the_distance_is_rapidfuzz_osa(a: str, b: str, cutoff: int) -> None:
    assert distance(a, b, cutoff) == OSA.distance(a, b, score_cutoff=cutoff)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("ca", "abc", 3),  # OSA, not Damerau-Levenshtein (2): no letter edited twice
        ("hannah schmidt", "hannha schmidt", 1),  # a swap is one slip
        ("farah rosis", "farah rossi", 1),
        ("jose", "josé", 1),
        ("abcdef", "badcfe", 3),
    ],
)
def test_known_distances(a: str, b: str, expected: int) -> None:
    assert distance(a, b, 5) == expected == OSA.distance(a, b)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.lists(TEXTS, max_size=80), st.integers(min_value=1, max_value=2))
def test_within_finds_what_rapidfuzz_finds_by_either_way(
    key: str, texts: list[str], allowed: int
) -> None:
    expected = {i: d for i, t in enumerate(texts) if (d := OSA.distance(key, t)) <= allowed}
    assert within(key, texts, allowed) == expected


# Letters a-z, others that share a bit of a signature ("é" and "ñ" with digits), a space.
SIGNED = st.text(alphabet="abcnz é ñ'7", max_size=14)


@settings(max_examples=300, deadline=None)
@given(SIGNED, st.lists(SIGNED, max_size=60), st.integers(min_value=1, max_value=2))
@example("farah rosis", ["farah rossi", "fara rosis", "farah rosi", "harah rosis"], 2)
def test_letters_worked_out_before_leave_out_no_text_within_reach(
    key: str, texts: list[str], allowed: int
) -> None:
    expected = {i: d for i, t in enumerate(texts) if (d := OSA.distance(key, t)) <= allowed}
    assert within(key, texts, allowed, typos.holders(texts)) == expected


def test_each_letter_holds_the_texts_that_have_it_as_bits() -> None:
    held = typos.holders(["ab", "b", "", "é7"])  # é and 7: two of the 30 other bits
    assert held[0] == 0b0001 and held[1] == 0b0011 and held[25] == 0
    assert [n for n in held[26:] if n] == [0b1000, 0b1000]  # (the fourth text)
    assert typos.holders([]) == [0] * typos.LETTER_BITS


@settings(max_examples=300, deadline=None)
@given(SIGNED, st.lists(SIGNED, max_size=60), st.integers(min_value=0, max_value=2))
def test_the_letters_of_every_text_at_once_are_those_of_each(
    key: str, texts: list[str], allowed: int
) -> None:
    mine = typos.signature(key)
    each = [
        i
        for i, text in enumerate(texts)
        if (mine & ~typos.signature(text)).bit_count() <= allowed
        and (typos.signature(text) & ~mine).bit_count() <= allowed
    ]
    assert typos._by_letters(mine, typos.holders(texts), len(texts), allowed) == each


@settings(max_examples=300, deadline=None)
@given(SIGNED, st.lists(SIGNED, max_size=60))
@example("rossi farah", ["farah rossi", "farah rosis", "rossi farah", "hafar rossi"])
def test_every_text_of_the_same_words_in_another_order_has_the_same_letters(
    key: str, texts: list[str]
) -> None:
    alike = typos.same_letters(key, texts, typos.holders(texts))
    words = sorted(key.split())
    reordered = [
        i for i, t in enumerate(texts) if len(t) == len(key) and sorted(t.split()) == words
    ]
    assert set(reordered) <= set(alike) <= set(typos.same_letters(key, texts))
    assert all(set(texts[i]) == set(key) for i in alike if set(texts[i]) <= set("abcnz '"))


@settings(max_examples=600, deadline=None)
@given(TEXTS, TEXTS)
def test_counting_letters_never_finds_more_slips_than_there_are(a: str, b: str) -> None:
    counts = [(letter, a.count(letter)) for letter in set(a)]
    assert typos._slips_in_letters(b, len(a), counts) <= OSA.distance(a, b)


def test_names_with_the_letters_but_not_as_many_of_them_are_not_measured(monkeypatch) -> None:
    # Each lacks at most two of the letters of "farah rosis" and holds at most two others,
    # but the first two lack more when letters are counted ("astrid rossi" has one a, no
    # f, no h, one i too many): they are not measured.
    names = ["bilal barbosa", "astrid rossi", "farah rossi", "sarah iris", "rosa farias"]
    measured = []

    def measuring(a: str, b: str, cutoff: int) -> int:
        measured.append(b)
        return distance(a, b, cutoff)

    monkeypatch.setattr(typos, "distance", measuring)
    assert within("farah rosis", names, 2, typos.holders(names)) == {2: 1}
    assert measured == ["farah rossi", "sarah iris", "rosa farias"]


def test_many_alike_names_are_measured_by_rapidfuzz_with_the_same_answers(monkeypatch) -> None:
    # Two letters apart at most, letter for letter: none is left out before measuring.
    names = [f"test user {a}{b}" for a in "abcdefghijklmnopqrstuvwxyz" for b in "0123456789abcdef"]
    names += ["tset user a7", "someone else"]
    expected = {i: d for i, t in enumerate(names) if (d := OSA.distance("test user a7", t)) <= 2}

    def measured_here(*_: object) -> int:
        raise AssertionError("more names than MEASURED_HERE are left: rapidfuzz measures them")

    monkeypatch.setattr(typos, "distance", measured_here)
    assert len(expected) > typos.MEASURED_HERE
    assert within("test user a7", names, 2) == expected
    assert expected[7] == 0 and expected[416] == 1 and 417 not in expected


def test_the_quick_index_finds_a_typo_by_its_letters_or_without_them_when_damaged() -> None:
    names = ["dana lee", "farah rossi", "rossi farah", "bilal barbosa"]
    lines = "\n".join(json.dumps({"id": str(i), "name": n}) for i, n in enumerate(names))
    kept = " ".join(f"{number:x}" for number in typos.holders(names)).encode()
    for holding in (kept, b"not hex", b""):
        contacts = Contacts(names, lines.encode(), 0, b"", holding)
        assert [doc["name"] for doc in contacts.close_to("farah rosis")] == ["farah rossi"]
        reordered = [doc["name"] for doc in contacts.close_to("rossi farah")]
        assert reordered == ["farah rossi", "rossi farah"], holding  # (in the index's order)


def test_a_typo_of_a_name_is_refused_without_loading_rapidfuzz(tmp_path) -> None:
    names = [
        f"{first} {last}"
        for first in ("Ann", "Bea", "Dana", "Ira", "Jon", "Mo")
        for last in ("Berg", "Chen", "Diaz", "Olsen", "Park", "Rossini")
    ]
    setup = (
        "import sys\n"
        "from netrack.cli.main import main\n"
        "for name in sys.argv[1:]:\n"
        "    main(['contact', 'add', name])\n"
    )
    env = {**os.environ, "NETRACK_DB": str(tmp_path / "n.json")}
    made = subprocess.run(
        python_command(setup, *names, "Farah Rossi"), capture_output=True, text=True, env=env
    )
    assert made.returncode == 0, made.stderr
    probe = (
        "import sys\n"
        "from netrack.cli.main import main\n"
        "for typed in ('Farah Rosis', 'Farha'):\n"
        "    code = main(['give', typed, 'note'])\n"
        "    print(code, any(m.startswith('rapidfuzz') for m in sys.modules))\n"
    )
    out = subprocess.run(python_command(probe), capture_output=True, text=True, env=env)
    assert out.stdout.splitlines() == ["2 False", "2 False"], out.stderr
    assert out.stderr.count("did you mean Farah Rossi?") == 2


def ranking_by_rapidfuzz(names: list[str], key: str) -> list[int]:
    """``close_ranking`` as it was written with rapidfuzz's ``process.extract``."""
    from rapidfuzz import process

    if len(key) < CLOSE_MIN_LENGTH or not names:
        return []
    allowed = 1 if len(key) <= 8 else 2
    key = " ".join(word_runs(key)) or key
    plain = [" ".join(word_runs(name)) or name for name in names]
    scored: dict[int, float] = {}
    for _, d, index in process.extract(
        key, plain, scorer=OSA.distance, score_cutoff=allowed, limit=None
    ):
        scored[index] = d
    words = sorted(key.split())
    if len(words) > 1:
        for index, name in enumerate(plain):
            if len(name) == len(key) and index not in scored and sorted(name.split()) == words:
                scored[index] = 0.5
    if len(words) == 1:
        owners = [i for i, name in enumerate(plain) for _ in name.split()]
        every_word = [word for name in plain for word in name.split()]
        for _, d, position in process.extract(
            key, every_word, scorer=OSA.distance, score_cutoff=allowed, limit=None
        ):
            index = owners[position]
            scored[index] = min(scored.get(index, 9.0), d + 0.25)
    return sorted(scored, key=lambda i: (scored[i], names[i]))


NAME_WORDS = st.sampled_from(
    ["ana", "anna", "hannah", "hanna", "nah", "[ana]", "o'brien", "obrien", "josé", "jose"]
)
NAMES = st.lists(NAME_WORDS, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAMES, max_size=30), NAMES)
@example(["hannah", "hanna ana"], "hanna")  # a word of a name closer than a whole name
@example(["ana hannah", "hannah anna", "[ana] hannah"], "hannah ana")  # order, marks
def test_the_ranking_is_the_one_rapidfuzz_gave(names: list[str], key: str) -> None:
    assert close_ranking(names, key) == ranking_by_rapidfuzz(names, key)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="gaskfolwuprecivmet-", min_size=1, max_size=10))
@example("recve")  # two off a long kind
@example("folowp")
@example("mentr")  # a kind of the user's own
def test_a_word_close_to_a_kind_is_the_one_rapidfuzz_found(word: str) -> None:
    key = word.strip().casefold().replace("-", "")
    expected = None
    if len(key) >= 3:
        for kind in (*BUILTIN_KINDS, "mentor"):
            name = kind.replace("-", "")
            allowed = 2 if len(name) >= 7 else 1
            if key[0] == name[0] and OSA.distance(key, name) <= allowed:
                expected = kind
                break
    assert close_kind(word, ["mentor"]) == expected
    assert close_kind("recve") == "receive" and close_kind("gve") == "give"


def test_a_quick_add_takes_the_names_without_marks_from_the_index(cli, monkeypatch) -> None:
    """The quick-add index holds each marked name as the ranking judges it, so a typo
    check at a quick add works out the words of no name in the index (only of the few it
    found, as they are decided on), and finds the people the marks hide."""
    people = ["[Alice] Smith", "Seán O'Brien", *(f"Person {n} Stone" for n in range(10))]
    for name in people:
        assert cli("contact", "add", name).code == 0
    assert cli("give", "Person 1 Stone", "the index written").code == 0
    from netrack.domain import contacts

    looked_over: list[int] = []
    plain_names = contacts.plain_names

    def counted(names):
        looked_over.append(len(names))
        return plain_names(names)

    monkeypatch.setattr(contacts, "plain_names", counted)
    for typed, meant in (("Alise Smith", "[Alice] Smith"), ("sean obrein", "Seán O'Brien")):
        refused = cli("give", typed, "note")
        assert refused.code == 2, refused.err
        assert f"did you mean {meant}?" in refused.err
    assert looked_over and max(looked_over) < len(people) // 2, looked_over
