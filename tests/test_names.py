"""The right person every time: folded matching, one spelling per name, typos caught."""

from __future__ import annotations

import json
import os
import subprocess
import unicodedata
from datetime import datetime

import pytest

from netrack.domain.contacts import close_matches, matching_contacts, name_matches
from netrack.domain.models import Contact
from netrack.domain.text import could_name, could_name_at, fold, normal_name, printable
from netrack.store import Store
from tests.conftest import python_command, raw_file

NFD_JOSE = unicodedata.normalize("NFD", "José García")
RLO = "\u202e"  # right-to-left override


def _people(*names: str) -> list[Contact]:
    return [Contact(f"c{n}", name, datetime(2026, 1, 1)) for n, name in enumerate(names)]


# Folding -------------------------------------------------------------------------------


def test_matching_folds_case_and_accents() -> None:
    people = _people("José Álvarez", "Zoë Ó Briain", "Dana Lee")
    assert [c.name for c in matching_contacts(people, "jose")] == ["José Álvarez"]
    assert [c.name for c in matching_contacts(people, "ALVAREZ")] == ["José Álvarez"]
    assert [c.name for c in matching_contacts(people, "zoe o briain")] == ["Zoë Ó Briain"]
    assert fold("José  ÁLVAREZ") == fold("jose alvarez") == "jose alvarez"
    assert fold("ﬁnn") == "finn", "compatibility forms too (NFKD)"


def test_the_filter_the_app_uses_folds_alike() -> None:
    assert name_matches("José Álvarez", "alv")
    assert name_matches("José Álvarez", "")
    assert not name_matches("José Álvarez", "dana")


def test_jose_finds_jose_in_the_cli(cli, store: Store) -> None:
    cli("contact", "add", "José Álvarez")
    result = cli("give", "jose", "sent the deck")
    assert result.out.startswith("logged give → José Álvarez"), result.err
    assert len(store.load().contacts) == 1
    assert cli("contact", "show", "alvarez").out.startswith("José Álvarez")


# One spelling ---------------------------------------------------------------------------


def test_names_are_stored_composed_without_zero_width_characters(cli, store: Store) -> None:
    assert normal_name(NFD_JOSE + "\u200b") == "José García"
    cli("contact", "add", NFD_JOSE)
    [jose] = store.load().contacts
    assert jose.name == "José García" == unicodedata.normalize("NFC", jose.name)
    cli("give", "Jo\u200bse\u0301 Garci\u0301a", "hi")  # another spelling: the same person
    assert len(store.load().contacts) == 1
    again = cli("contact", "add", "José García")
    assert again.code == 2 and "already exists" in again.err


def test_existing_names_are_migrated_with_a_copy_kept_first(cli, store: Store) -> None:
    cli("contact", "add", "Dana Lee")
    raw = raw_file(store.path)
    raw["meta"]["1"]["schema_version"] = 3
    next(iter(raw["contacts"].values()))["name"] = NFD_JOSE + "\u200d"
    store.path.write_text(json.dumps(raw), "utf-8")
    assert [c.name for c in store.load().contacts] == ["José García"]
    assert cli("give", "jose", "hi").code == 0
    assert [d["name"] for d in raw_file(store.path)["contacts"].values()] == ["José García"]
    kept = store.path.parent / "backups" / "netrack.json-20261119-before-v4.json"
    assert json.loads(kept.read_text("utf-8"))["contacts"]["1"]["name"] == NFD_JOSE + "\u200d"


def test_a_migrated_follow_up_knows_the_meeting_that_opened_it(cli, store: Store) -> None:
    cli("meet", "Dana Lee", "coffee", "--on", "mon")
    cli("promise", "Dana Lee", "send the deck", "--due", "fri")
    raw = raw_file(store.path)
    raw["meta"]["1"]["schema_version"] = 3
    for doc in raw["followups"].values():
        del doc["source_kind"]
    store.path.write_text(json.dumps(raw), "utf-8")
    kinds = sorted((f.text, f.source_kind) for f in store.load().followups)
    assert kinds == [("Follow up after meeting: coffee", "meet"), ("send the deck", None)]


# Never printed raw ----------------------------------------------------------------------


def test_a_name_of_several_lines_is_refused_typed_and_joined_imported(cli, store, tmp_path) -> None:
    for command in (("give", "Ann\nBo", "hi"), ("contact", "add", "Ann\r\nBo")):
        result = cli(*command)
        assert result.code == 2 and result.err.count("\n") == 1
        assert "a contact name is one line" in result.err
    assert store.load().contacts == ()
    cli("contact", "add", "Ann")
    assert cli("contact", "edit", "ann", "--name", "Ann\nBo").code == 2
    assert [c.name for c in store.load().contacts] == ["Ann"]
    card = tmp_path / "people.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Wei\\nChen\nEND:VCARD\n", encoding="utf-8")
    assert cli("import", "vcard", str(card)).code == 0
    assert sorted(c.name for c in store.load().contacts) == ["Ann", "Wei Chen"]


def test_bidirectional_overrides_are_never_printed_raw(cli) -> None:
    name = f"Evil{RLO}Corp"
    assert printable(name) == "Evil\\u202eCorp"
    cli("give", name, f"note {RLO}x")
    for args in (("contacts",), ("log",), ("contact", "show", "evil"), ("history",)):
        out = cli(*args).out
        assert RLO not in out and "Evil\\u202eCorp" in out, args
    for args in (("contacts", "--json"), ("log", "--json"), ("history", "--json")):
        out = cli(*args).out
        assert RLO not in out, args
    [contact] = json.loads(cli("contacts", "--json").out)
    assert contact["name"] == name, "JSON still carries the name exactly"
    bad = cli("contact", "show", f"x{RLO}y")
    assert RLO not in bad.err


# Did you mean ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "Hanah Schmidt",  # one letter missing
        "Hannha Schmidt",  # two swapped
        "Hannah Schmitt",  # one wrong
        "Hannahh Schmidt",  # one added
        "Schmidt Hannah",  # the same words in another order
        "hanna schmidt",  # any case
        "Hanah",  # a first name alone, close to a word of hers
    ],
)
def test_a_new_name_close_to_an_existing_one_is_refused(cli, store: Store, typed: str) -> None:
    cli("contact", "add", "Hannah Schmidt")
    before = store.path.read_bytes()
    result = cli("give", typed, "sent the deck")
    assert result.code == 2
    assert result.err == f"netrack: did you mean Hannah Schmidt? (add --new to create {typed})\n"
    assert store.path.read_bytes() == before


def test_new_creates_the_close_name_anyway(cli, store: Store) -> None:
    cli("contact", "add", "Hannah Schmidt")
    result = cli("give", "Hanah Schmidt", "--new")
    assert result.out.startswith("new contact: Hanah Schmidt\n")
    assert cli("give", "Hanah Schmidt", "again").code == 0, "now an exact name"
    assert sorted(c.name for c in store.load().contacts) == ["Hanah Schmidt", "Hannah Schmidt"]


def test_promise_asks_the_same(cli) -> None:
    cli("contact", "add", "Hannah Schmidt")
    result = cli("promise", "Hanah Schmidt", "the deck", "--due", "fri")
    assert result.code == 2 and "did you mean Hannah Schmidt?" in result.err
    assert cli("promise", "Hanah Schmidt", "the deck", "--due", "fri", "--new").code == 0


def test_contact_add_creates_and_only_mentions_a_close_name(cli, store: Store) -> None:
    cli("give", "Hannah Schmidt")
    result = cli("contact", "add", "Hanah Schmidt")
    assert result.code == 0
    assert result.out == "added contact Hanah Schmidt · wider\n"
    assert result.err == (
        "netrack: note: Hanah Schmidt is close to Hannah Schmidt, already a contact\n"
    )
    assert len(store.load().contacts) == 2
    both = cli("contact", "add", "Hanna Schmidt")
    assert both.err == (
        "netrack: note: Hanna Schmidt is close to Hannah Schmidt and Hanah Schmidt, "
        "already contacts\n"
    )


@pytest.mark.parametrize(
    ("existing", "typed"),
    [
        ("Bo Chen", "Jo"),  # short names are too alike to guess at
        ("Dana Lee", "Ana"),  # three letters: one more, less or other is another name
        ("Tom Berg", "Tim"),
        ("Ben Okafor", "Ken"),
        ("Dana Lee", "Priya Nair"),
        ("Ann", "Anne Marie Schulz"),
    ],
)
def test_names_that_are_not_close_are_created(cli, existing: str, typed: str) -> None:
    cli("contact", "add", existing)
    assert cli("give", typed).out.startswith(f"new contact: {typed}\n")


@pytest.mark.parametrize(("existing", "typed"), [("Sam Ortiz", "Sma"), ("Ian", "Ina")])
def test_a_three_letter_name_with_two_letters_swapped_is_asked_about(
    cli, store: Store, existing: str, typed: str
) -> None:
    cli("contact", "add", existing)
    refused = cli("give", typed, "sent the deck")
    assert refused.code == 2
    assert refused.err == f"netrack: did you mean {existing}? (add --new to create {typed})\n"
    assert close_matches(store.load().contacts, typed)[0].name == existing  # the app asks too
    assert cli("give", typed, "sent the deck", "--new").out.startswith(f"new contact: {typed}")


def test_archived_contacts_are_not_suggested() -> None:
    [hannah] = _people("Hannah Schmidt")
    assert close_matches([hannah], "Hanah Schmidt") == [hannah]
    assert close_matches([hannah._replace(archived=True)], "Hanah Schmidt") == []


def test_the_closest_name_is_suggested_first() -> None:
    people = _people("Anna Berg", "Hanna Berg", "Hannah Berg")
    assert [c.name for c in close_matches(people, "Hannah Brg")] == ["Hannah Berg", "Hanna Berg"]


def test_a_quick_add_to_someone_known_never_loads_the_fuzzy_matcher(tmp_path, frozen) -> None:
    probe = (
        "import sys\n"
        "from netrack.cli.main import main\n"
        "main(['contact', 'add', 'Dana Lee'])\n"
        "loaded_by_add = 'rapidfuzz' in sys.modules\n"
        "code = main(['give', 'dana', 'sent the deck'])\n"
        "print(code, 'rapidfuzz' in sys.modules)\n"
    )
    env = {**os.environ, "NETRACK_DB": str(tmp_path / "n.json")}
    out = subprocess.run(python_command(probe), capture_output=True, text=True, env=env)
    assert out.stdout.strip().splitlines()[-1] == "0 False", out.stderr


# Marks around a name word ------------------------------------------------------------


def test_a_word_in_brackets_or_other_marks_is_still_a_name_word() -> None:
    people = _people("[Alice] Smith", "(Dana) Lee", "Kim 'KP' Park", "Ana García-López")
    assert [c.name for c in matching_contacts(people, "alice")] == ["[Alice] Smith"]
    assert [c.name for c in matching_contacts(people, "alice sm")] == ["[Alice] Smith"]
    assert [c.name for c in matching_contacts(people, "[ali")] == ["[Alice] Smith"]
    assert [c.name for c in matching_contacts(people, "dana")] == ["(Dana) Lee"]
    assert [c.name for c in matching_contacts(people, "kp")] == ["Kim 'KP' Park"]
    assert [c.name for c in matching_contacts(people, "lopez")] == ["Ana García-López"]
    assert matching_contacts(people, "lice") == [], "a word's start, not its middle"


@pytest.mark.parametrize("key", ["", "al", "alice", "alice smithers", "sm [al", "x alice", "lee"])
def test_the_quick_add_index_picks_the_names_each_word_may_name_in_order(key: str) -> None:
    names = [fold(n) for n in ("[Alice] Smith", "Malice Smithers", "Dana Lee", "Al Smith")]
    expected = [i for i, name in enumerate(names) if could_name(key)(name)]
    assert could_name_at(key, names) == expected
    if key == "sm [al":
        assert expected == [0, 1, 3], "every word, the longest looked for first"
    if key == "x alice":
        assert expected == [], "a name must hold every word"


@pytest.mark.parametrize(
    "command",
    [
        ("plan", "add", "alice", "give", "send the deck"),
        ("give", "alice", "sent the deck"),
        ("meet", "alice", "coffee"),
        ("promise", "alice", "intro to Kim", "--due", "fri"),
        ("intro", "alice", "Dana Lee", "both into Rust"),
    ],
)
def test_every_command_finds_a_name_written_in_brackets(cli, store: Store, command) -> None:
    cli("contact", "add", "[Alice] Smith")
    cli("contact", "add", "Dana Lee")
    result = cli(*command)
    assert result.code == 0, result.err
    assert "[Alice] Smith" in result.out, "the name shown exactly as typed"
    assert sorted(c.name for c in store.load().contacts) == ["Dana Lee", "[Alice] Smith"]


def test_an_event_debrief_finds_a_name_written_in_brackets(cli, store: Store) -> None:
    cli("contact", "add", "[Alice] Smith")
    cli("event", "add", "PyCon", "--on", "yesterday")
    result = cli("event", "debrief", "PyCon", "alice")
    assert result.code == 0, result.err
    assert [c.name for c in store.load().contacts] == ["[Alice] Smith"]
    assert len(store.load().actions) == 1


def test_a_quick_add_finds_the_bracketed_name_past_a_name_holding_the_typed_text(
    cli, store: Store
) -> None:
    # The quick-add index first picks names holding what was typed: "malice smithers"
    # holds "alice sm", "[alice] smith" only holds its words.
    cli("contact", "add", "[Alice] Smith")
    cli("contact", "add", "Malice Smithers")
    result = cli("give", "alice sm", "sent the deck")
    assert result.out.startswith("logged give → [Alice] Smith"), result.err
    assert len(store.load().contacts) == 2


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("Alise Smith", "[Alice] Smith"), ("Alise", "[Alice] Smith"), ("Sean OBrian", "Sean O'Brien")],
)
def test_a_typo_of_a_name_written_with_marks_asks_did_you_mean(
    cli, store: Store, typed: str, meant: str
) -> None:
    cli("contact", "add", "[Alice] Smith")
    cli("contact", "add", "Sean O'Brien")
    result = cli("give", typed, "sent the deck")
    assert result.code == 2
    assert f"did you mean {meant}?" in result.err
    assert len(store.load().contacts) == 2, "no contact made of the typo"


def test_every_ascii_control_character_is_shown_escaped_and_nothing_else() -> None:
    """Plain ASCII text is passed through without the pattern, so each of the 128
    characters must still be escaped exactly when it is a control character."""
    for code in range(128):
        char = chr(code)
        shown = printable(f"a{char}b")
        if code < 0x20 or code == 0x7F:
            assert shown != f"a{char}b" and shown.isprintable(), (code, shown)
        else:
            assert shown == f"a{char}b", code
    assert printable("tab\there") == "tab\\there" and printable("x\x1b[2J") == "x\\x1b[2J"
