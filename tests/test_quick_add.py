"""Quick add from the shell: kinds, dates, channels, contacts, follow-ups, undo, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netrack.store import Store
from tests.conftest import frozen_site, python_command

KINDS_AND_ALIASES = [
    ("reach-out", "reach-out"),
    ("reach", "reach-out"),
    ("r", "reach-out"),
    ("give", "give"),
    ("g", "give"),
    ("follow-up", "follow-up"),
    ("follow", "follow-up"),
    ("f", "follow-up"),
    ("meet", "meet"),
    ("met", "meet"),
    ("m", "meet"),
    ("ask", "ask"),
    ("a", "ask"),
    ("receive", "receive"),
    ("got", "receive"),
    ("recv", "receive"),
]


@pytest.mark.parametrize(("verb", "kind"), KINDS_AND_ALIASES)
def test_every_kind_and_alias_logs_that_kind(cli, store: Store, verb: str, kind: str) -> None:
    result = cli(verb, "Dana Lee", "a note")
    assert result.code == 0, result.err
    assert f"logged {kind} → Dana Lee · Thu 19 Nov" in result.out
    assert [a.kind for a in store.load().actions] == [kind]


@pytest.mark.parametrize(
    ("word", "kind"),
    [("give", "give"), ("G", "give"), ("Reach-Out", "reach-out"), ("RECV", "receive")],
)
def test_add_takes_the_kind_as_a_word(cli, store: Store, word: str, kind: str) -> None:
    result = cli("add", word, "Dana", "hello")
    assert result.code == 0, result.err
    assert f"logged {kind} → Dana" in result.out
    assert [(a.kind, a.note) for a in store.load().actions] == [(kind, "hello")]


def test_confirmation_counts_the_week_against_the_target(cli) -> None:
    assert "gives this week 1/3" in cli("give", "Dana Lee", "deck").out
    assert "gives this week 2/3" in cli("g", "Dana Lee", "intro").out
    out = cli("reach", "Sam Ortiz").out
    assert out.splitlines() == [
        "new contact: Sam Ortiz",
        "logged reach-out → Sam Ortiz · Thu 19 Nov · reach-outs this week 1/5",
    ]


def test_a_backdated_action_reports_its_own_week(cli) -> None:
    out = cli("give", "Dana", "--on", "2026-11-10").out
    assert "Tue 10 Nov" in out
    assert "gives in 2026-W46 1/3" in out


@pytest.mark.parametrize(
    ("when", "stored_at"),
    [
        (None, "2026-11-19T15:30:00+01:00"),
        ("today", "2026-11-19T15:30:00+01:00"),
        ("yesterday", "2026-11-18T12:00:00+01:00"),
        ("mon", "2026-11-16T12:00:00+01:00"),
        ("monday", "2026-11-16T12:00:00+01:00"),
        ("thu", "2026-11-19T12:00:00+01:00"),  # today included: the most recent Thursday
        ("fri", "2026-11-13T12:00:00+01:00"),
        ("sun", "2026-11-15T12:00:00+01:00"),
        ("3d", "2026-11-16T12:00:00+01:00"),
        ("0d", "2026-11-19T12:00:00+01:00"),
        ("2w", "2026-11-05T12:00:00+01:00"),
        ("2026-11-02", "2026-11-02T12:00:00+01:00"),
        ("2026-11-19", "2026-11-19T12:00:00+01:00"),
        ("2026-11-18T09:15", "2026-11-18T09:15:00+01:00"),
        ("2026-11-18 21:05:30", "2026-11-18T21:05:30+01:00"),
        ("2026-11-18T09:15+05:30", "2026-11-18T09:15:00+05:30"),
        ("2026-07-01T08:00", "2026-07-01T08:00:00+02:00"),  # summer time
    ],
)
def test_every_on_form(cli, db_path, when: str | None, stored_at: str) -> None:
    args = ["give", "Dana", "note"] + (["--on", when] if when else [])
    result = cli(*args)
    assert result.code == 0, result.err
    doc = next(iter(json.loads(db_path.read_text())["actions"].values()))
    assert doc["at"] == stored_at


@pytest.mark.parametrize(
    "when",
    [
        "tomorrow",
        "2026-11-20",
        "2026-11-19T16:00",
        "next tuesday",
        "3x",
        "2026-02-30",
        "-",
        "1899-12-31",
        "99999d",
    ],
)
def test_bad_or_future_on_is_refused(cli, store: Store, when: str) -> None:
    result = cli("give", "Dana", "--on", when)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert repr(when) in result.err or when in result.err
    assert not store.path.exists()


def test_future_date_message_says_future(cli) -> None:
    assert "in the future" in cli("give", "Dana", "--on", "2026-12-01").err
    assert "in the future" in cli("give", "Dana", "--on", "tomorrow").err


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("linkedin", "linkedin"),
        ("li", "linkedin"),
        ("email", "email"),
        ("em", "email"),
        ("mail", "email"),
        ("call", "call"),
        ("cof", "coffee"),
        ("ev", "event"),
        ("msg", "message"),
        ("mes", "message"),
        ("fax", None),
        ("o", "other"),
        ("EMAIL", "email"),
    ],
)
def test_channels_accept_prefixes(cli, store: Store, given: str, stored: str | None) -> None:
    result = cli("give", "Dana", "--channel", given)
    if stored is None:
        assert result.code == 2
        assert "unknown channel" in result.err
        return
    assert result.code == 0, result.err
    assert store.load().actions[0].channel == stored


def test_ambiguous_channel_prefix_is_refused(cli) -> None:
    result = cli("give", "Dana", "--channel", "c")
    assert result.code == 2
    assert "ambiguous channel 'c'" in result.err
    assert "ambiguous channel 'e'" in cli("give", "Dana", "--channel", "e").err
    assert "coffee" in result.err


def test_default_channel_is_other(cli, store: Store) -> None:
    cli("give", "Dana")
    assert store.load().actions[0].channel == "other"


def test_note_and_options_in_any_order(cli, store: Store) -> None:
    assert cli("give", "Dana", "--channel", "email", "sent", "the", "deck", "--on", "mon").code == 0
    action = store.load().actions[0]
    assert (action.note, action.channel, action.at.day) == ("sent the deck", "email", 16)


# Contacts ------------------------------------------------------------------------------


@pytest.fixture
def people(cli) -> None:
    for name in ("Dana Lee", "Daniel Kim", "Sam Ortiz", "Samantha Wu", "Lee Chang"):
        assert cli("contact", "add", name).code == 0


def _contact_of_last_action(store: Store) -> str:
    data = store.load()
    return data.contact(data.actions[-1].contact_id).name  # the file lists it last


def test_exact_name_in_any_case_wins(cli, store, people) -> None:
    assert cli("give", "dana lee").code == 0
    assert _contact_of_last_action(store) == "Dana Lee"


def test_exact_name_wins_over_longer_prefix_matches(cli, store, people) -> None:
    cli("contact", "add", "Sam")
    assert cli("give", "sam").code == 0
    assert _contact_of_last_action(store) == "Sam"


def test_unique_prefix_of_name_or_of_a_word(cli, store, people) -> None:
    assert cli("give", "dani").code == 0
    assert _contact_of_last_action(store) == "Daniel Kim"
    assert cli("give", "ortiz").code == 0
    assert _contact_of_last_action(store) == "Sam Ortiz"
    assert cli("give", "Samantha").code == 0
    assert _contact_of_last_action(store) == "Samantha Wu"


def test_ambiguous_prefix_lists_candidates_and_exits_2(cli, store, people) -> None:
    result = cli("give", "da", "note")
    assert result.code == 2
    assert "'da' matches 2 contacts" in result.err
    assert "Dana Lee" in result.err and "Daniel Kim" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert store.load().actions == ()


def test_a_word_prefix_can_be_ambiguous_too(cli, people) -> None:
    result = cli("give", "lee")
    assert result.code == 2
    assert "Dana Lee" in result.err and "Lee Chang" in result.err


MATCHING = ["Dana Lee", "Sam Ortiz", "Ana García-López", "Mary Jane  Watson", "Dana Leeds"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ort", ["Sam Ortiz"]),  # the start of a later word
        ("ORTI", ["Sam Ortiz"]),
        ("lóp", ["Ana García-López"]),  # a hyphenated surname is two words
        ("garcía-l", ["Ana García-López"]),  # or one, as written
        ("garcía-lópez", ["Ana García-López"]),
        ("jane", ["Mary Jane  Watson"]),
        ("wat", ["Mary Jane  Watson"]),
        ("dana  lee", ["Dana Lee"]),  # blanks collapse: exact, so Dana Leeds is not asked
        (" Dana Lee ", ["Dana Lee"]),
        ("mary jane watson", ["Mary Jane  Watson"]),
        ("dana le", ["Dana Lee", "Dana Leeds"]),
        ("rtiz", []),  # inside a word is not a match
        ("ee", []),
    ],
)
def test_names_match_exactly_or_by_the_start_of_any_word(typed: str, meant: list[str]) -> None:
    from netrack.domain.contacts import matching_contacts
    from tests.builders import contact

    contacts = [contact(name) for name in MATCHING]
    assert [c.name for c in matching_contacts(contacts, typed)] == meant


def test_a_later_word_a_hyphenated_surname_and_extra_blanks_find_the_contact(
    cli, store, people
) -> None:
    cli("contact", "add", "Ana García-López")
    assert cli("give", "ort").code == 0
    assert _contact_of_last_action(store) == "Sam Ortiz"
    assert cli("give", "lóp").code == 0
    assert _contact_of_last_action(store) == "Ana García-López"
    assert cli("give", "  dana   LEE ").code == 0
    assert _contact_of_last_action(store) == "Dana Lee"
    assert cli("give", "garcía-lópez").code == 0  # the whole surname, as written
    assert _contact_of_last_action(store) == "Ana García-López"
    assert len(store.load().contacts) == 6  # the five people and Ana: nobody new


def test_unknown_name_creates_the_contact_and_says_so(cli, store, people) -> None:
    result = cli("give", "Priya Nair", "sent article")
    assert result.out.startswith("new contact: Priya Nair\n")
    assert "Priya Nair" in [c.name for c in store.load().contacts]
    again = cli("give", "priya")
    assert "new contact" not in again.out


def test_archived_contacts_match_only_by_exact_name(cli, store, people) -> None:
    cli("contact", "archive", "Daniel Kim", "--yes")
    assert cli("give", "da").code == 0  # only Dana Lee is active
    assert _contact_of_last_action(store) == "Dana Lee"
    assert cli("give", "daniel kim").code == 0
    assert _contact_of_last_action(store) == "Daniel Kim"


# Follow-ups ----------------------------------------------------------------------------


def test_meeting_opens_a_follow_up_due_two_days_later(cli, store) -> None:
    result = cli("meet", "Dana Lee", "coffee at Blue Bottle", "--channel", "coffee")
    assert "follow-up due Sat 21 Nov" in result.out
    (followup,) = store.load().followups
    assert followup.due.isoformat() == "2026-11-21"
    assert followup.is_open
    assert "coffee at Blue Bottle" in followup.text


def test_backdated_meeting_counts_from_its_own_day(cli, store) -> None:
    cli("meet", "Dana", "--on", "mon")
    assert store.load().followups[0].due.isoformat() == "2026-11-18"


def test_due_overrides_the_meeting_default(cli, store) -> None:
    cli("meet", "Dana", "--due", "+5d")
    assert store.load().followups[0].due.isoformat() == "2026-11-24"


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("today", "2026-11-19"),
        ("tomorrow", "2026-11-20"),
        ("fri", "2026-11-20"),
        ("thu", "2026-11-19"),
        ("mon", "2026-11-23"),
        ("+3d", "2026-11-22"),
        ("+2w", "2026-12-03"),
        ("2026-12-24", "2026-12-24"),
    ],
)
def test_due_on_any_kind_records_a_promise(cli, store, due: str, expected: str) -> None:
    result = cli("give", "Dana", "send the hiring deck", "--due", due)
    assert result.code == 0, result.err
    (followup,) = store.load().followups
    assert followup.due.isoformat() == expected
    assert followup.text == "send the hiring deck"


@pytest.mark.parametrize("due", ["yesterday", "2026-11-01", "someday", "+d"])
def test_bad_due_is_refused(cli, store, due: str) -> None:
    result = cli("give", "Dana", "--due", due)
    assert result.code == 2
    assert "due date" in result.err
    assert not store.path.exists()


def test_follow_up_closes_the_oldest_open_one_a_meeting_opened(cli, store) -> None:
    cli("ask", "Dana", "promise", "--due", "fri", "--on", "mon")
    cli("meet", "Dana", "first", "--on", "tue")
    cli("meet", "Dana", "second", "--on", "tue")  # closes "first", opens its own
    cli("meet", "Sam", "other person")
    result = cli("f", "Dana", "sent notes")
    assert "closed follow-up “Follow up after meeting: second”" in result.out
    by_text = {f.text: f for f in store.load().followups}
    assert not by_text["Follow up after meeting: first"].is_open
    assert not by_text["Follow up after meeting: second"].is_open
    assert by_text["promise"].is_open, "a promise closes only when marked done"
    assert by_text["Follow up after meeting: other person"].is_open


def test_follow_up_without_anything_owed_just_logs(cli, store) -> None:
    result = cli("f", "Dana")
    assert result.code == 0
    assert "closed" not in result.out


# Undo ----------------------------------------------------------------------------------


def test_undo_removes_the_last_logged_action(cli, store) -> None:
    cli("give", "Dana", "first")
    cli("give", "Dana", "second", "--on", "mon")  # logged last, happened earlier
    result = cli("undo")
    assert result.code == 0
    assert result.out == "undid: logged give → Dana\n"
    assert [a.note for a in store.load().actions] == ["first"]


def test_undo_removes_the_follow_up_a_meeting_created(cli, store) -> None:
    cli("give", "Dana")
    cli("meet", "Dana")
    assert cli("undo").out == "undid: logged meet → Dana\n"
    data = store.load()
    assert [a.kind for a in data.actions] == ["give"]
    assert data.followups == ()


def test_undo_reopens_the_follow_up_an_action_closed(cli, store) -> None:
    cli("meet", "Dana")
    cli("f", "Dana")
    assert cli("undo").out == "undid: logged follow-up → Dana\n"
    data = store.load()
    assert data.followups[0].is_open
    assert data.followups[0].closed_by_action_id is None


def test_undo_removes_a_contact_created_by_a_typo(cli, store) -> None:
    cli("give", "Dana Lee")
    cli("give", "Dnaa Lee", "--new")
    assert cli("undo").code == 0
    assert [c.name for c in store.load().contacts] == ["Dana Lee"]


def test_undo_with_nothing_logged(cli) -> None:
    result = cli("undo")
    assert result.code == 0
    assert result.out == "nothing to undo: no change is recorded yet\n"


# Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "dance", "Dana"], "unknown kind 'dance'"),
        (["add"], "required"),
        (["give"], "required: contact"),
        (["give", ""], "needs a contact"),
        (["give", "   "], "needs a contact"),
        (["give", "Dana", "--channel"], "expected one argument"),
        (["give", "Dana", "--bogus"], "unrecognized arguments"),
        (["give", "x" * 201], "contact name is too long"),
        (["log", "--week", "2026-W60"], "does not exist"),
        (["log", "--week", "someday"], "unknown week"),
        (["log", "--contact", "Nobody"], "no contact matches"),
        (["frobnicate"], "invalid choice"),
        (["--db"], "--db needs a path"),
        (["contact", "add", "Dana", "--circle", "outer"], "unknown circle"),
        (["contact", "add", "Dana", "--cadence", "weekly"], "invalid cadence"),
        (["contact", "add", "Dana", "--email", "not-an-email"], "invalid email"),
    ],
)
def test_bad_input_gets_one_line_and_exit_2(cli, args: list[str], message: str) -> None:
    result = cli(*args)
    assert result.code == 2
    assert message in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("netrack: ")


def test_a_very_long_note_is_stored_whole(cli, store) -> None:
    note = "x" * 100_000
    assert cli("give", "Dana", note).code == 0
    assert store.load().actions[0].note == note


# Names and notes exactly as typed --------------------------------------------------------

AWKWARD = [
    "[/]",
    "Bob [/b]",
    "Anna [Mgr]",
    "[@click=app.quit]x",
    "back\\slash\\",
    'quote "me"',
    "it's",
    "emoji 🎉🤝",
    "שלום עולם",
    "مرحبا",
    "Zoë Ñúñez",
    "tab\there",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_names_and_notes_round_trip_exactly(cli, store, text: str) -> None:
    result = cli("give", text, text)
    assert result.code == 0, result.err
    action = store.load().actions[0]
    contact = store.load().contact(action.contact_id)
    assert contact.name == text
    assert action.note == text
    shown = cli("log", "--json")
    (row,) = json.loads(shown.out)
    assert (row["contact"], row["note"]) == (text, text)
    if "\t" not in text:
        assert text in cli("log").out
        assert text in cli("contacts").out


def test_escape_sequences_are_printed_harmlessly(cli, store) -> None:
    name = "Eve \x1b[31mRed\x1b[0m"
    result = cli("give", name, "bell\x07")
    assert "\x1b" not in result.out and "\\x1b[31mRed" in result.out
    assert store.load().contacts[0].name == name
    log = cli("log").out
    assert "\x1b" not in log and "\x07" not in log and "bell\\x07" in log


# The quick-add path stays light ------------------------------------------------------------


def test_quick_add_never_imports_textual(tmp_path, frozen) -> None:
    probe = (
        "import sys\n"
        "from netrack.cli.main import main\n"
        "code = main(['give', 'Dana Lee', 'sent the deck'])\n"
        "heavy = sorted(m for m in ('textual', 'rich') if m in sys.modules)\n"
        "print(code, heavy)\n"
    )
    env = {**os.environ, "NETRACK_DB": str(tmp_path / "n.json")}
    out = subprocess.run(python_command(probe), capture_output=True, text=True, env=env)
    assert out.stdout.strip().splitlines()[-1] == "0 []", out.stderr


def test_the_installed_console_script_and_python_dash_m_work(tmp_path, frozen) -> None:
    script = Path(sys.executable).with_name("netrack")
    assert script.is_file(), f"no console script beside {sys.executable}"
    db = tmp_path / "n.json"
    env = {**os.environ, "NETRACK_DB": str(db), **frozen_site(tmp_path / "site")}
    result = subprocess.run(
        [str(script), "give", "Dana", "hi"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("logged give → Dana · Thu 19 Nov · gives this week 1/3\n")
    listing = subprocess.run(
        [sys.executable, "-m", "netrack", "log", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert listing.returncode == 0, listing.stderr
    (logged,) = json.loads(listing.stdout)
    assert (logged["note"], logged["at"]) == ("hi", "2026-11-19T15:30:00+01:00")
    bad = subprocess.run([str(script), "giv"], capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1, bad.stderr


def test_an_archived_contact_is_found_by_prefix_to_bring_back(cli, store) -> None:
    cli("contact", "add", "Kim Park")
    cli("contact", "archive", "Kim Park", "--yes")
    result = cli("contact", "unarchive", "kim")
    assert result.code == 0, result.err
    assert not store.load().contacts[0].archived
