"""Whatever is typed: an exit code of 0, 1 or 2 and one clear line, never a traceback;
what is stored reads back exactly; what is printed cannot drive the terminal."""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from netrack.cli.main import main
from netrack.cli.parser import KIND_VERBS
from netrack.domain.text import normal_name
from netrack.store import Store
from tests.conftest import Result, raw_file

# Modest by default to keep the suite fast; NETRACK_EXAMPLES=2000 for a deeper search.
EXAMPLES = settings(
    max_examples=int(os.environ.get("NETRACK_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any character at all, lone surrogates (undecodable bytes in argv) included...
ANY_CHAR = st.characters(exclude_categories=())
# ...and the ones most likely to cause trouble, often.
NASTY_CHAR = st.sampled_from(
    [
        "\x1b",
        "[",
        "]",
        "3",
        "1",
        ";",
        "m",
        "\x07",
        "\x9b",
        "\x7f",
        "\r",
        "\n",
        "\t",
        "\x00",
        "\u202e",
        "\u2028",
        "\ufeff",
        "\udc80",
        "\ud800",
        "é",
        "ß",
        "İ",
        "🙂",
        " ",
        "-",
        "+",
        "0",
        "9",
        "w",
        "d",
        "W",
        "T",
        ":",
        "²",
        "٣",
        "%",
        "{",
        "'",
        '"',
        "\\",
        "/",
        ".",
    ]
)
TEXT = st.one_of(
    st.text(alphabet=st.one_of(ANY_CHAR, NASTY_CHAR), max_size=30),
    # Numbers, offsets, dates and week labels, near and far, with odd digits.
    st.from_regex(r"[-+]?[0-9²٣]{1,12} ?[dwW]?", fullmatch=True),
    st.from_regex(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}([-+Z][0-9:]{0,5})?)?", fullmatch=True
    ),
    st.from_regex(r"[0-9]{1,5}-?[wW][0-9]{1,3}", fullmatch=True),
)
WORDS = [
    *sorted(KIND_VERBS),
    "add",
    "undo",
    "log",
    "contacts",
    "contact",
    "edit",
    "show",
    "archive",
    "unarchive",
    "merge",
    "doctor",
    "restore",
    "--json",
    "--all",
    "--on",
    "--due",
    "--channel",
    "-c",
    "--personal",
    "-p",
    "--generic",
    "--week",
    "--limit",
    "--kind",
    "--contact",
    "--circle",
    "--cadence",
    "--name",
    "--company",
    "--role",
    "--met",
    "--email",
    "--url",
    "--tags",
    "--notes",
    "--yes",
    "-y",
    "--repair",
    "--help",
    "--version",
    "-",
    "--",
    "today",
    "yesterday",
    "fri",
    "3d",
    "+2w",
    "2026-11-18",
    "2026-W47",
    "-1",
    "email",
    "inner",
    "none",
    "30",
]
ARG = st.one_of(TEXT, st.sampled_from(WORDS))

# What may never reach the terminal raw: C0 controls but the newline, DEL, C1 controls.
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def run(tmp_path: Path, frozen, capsys, monkeypatch):
    """``netrack ARGS`` in-process on a data file of its own (a fresh one per call if asked)."""
    monkeypatch.chdir(tmp_path)  # relative paths typed by chance stay in here

    def call(*args: str, db: Path | None = None) -> tuple[Result, Store]:
        path = db or tmp_path / uuid.uuid4().hex / "netrack.json"
        capsys.readouterr()
        code = main([*args, "--db", str(path)] if args[:1] != ("--db",) else list(args))
        out, err = capsys.readouterr()
        return Result(code, out, err), Store(path)

    return call


def _well_behaved(result: Result) -> None:
    event(f"exit code {result.code}")  # shown by pytest --hypothesis-show-statistics
    assert result.code in (0, 1, 2), result
    assert "Traceback" not in result.err
    assert "internal error" not in result.err, result.err
    if result.code != 0:
        assert result.err.count("\n") == 1, result.err
    assert not RAW_CONTROL.search(result.out), result.out
    assert not RAW_CONTROL.search(result.err), result.err


def _not_db(arg: str) -> bool:
    # --db (or an abbreviation of it) would point the command at a file outside the test.
    return not (arg.startswith("--d") and not arg.startswith("--du"))


@EXAMPLES
@given(argv=st.lists(ARG, max_size=7))
def test_any_command_line_ends_with_a_code_and_at_most_one_line(run, argv: list[str]) -> None:
    assume(all(_not_db(a) for a in argv))
    result, _ = run(*argv)
    _well_behaved(result)


def _plain(text: str) -> bool:
    """Typed as a word, not as an option (argparse treats leading '-' as an option)."""
    return not text.startswith("-")


@EXAMPLES
@given(
    verb=st.sampled_from(sorted(KIND_VERBS)),
    name=TEXT.filter(_plain),
    note=st.lists(TEXT.filter(_plain), max_size=4),
)
# A compatibility ideograph is one spelling of another (NFC composes it to U+8C48).
@example(verb="give", name="\uf900", note=[])
def test_quick_add_stores_name_and_note_exactly(run, verb, name, note) -> None:
    result, store = run(verb, name, *note)
    _well_behaved(result)
    if result.code != 0:
        return
    data = store.load()
    [action] = data.actions
    assert action.note == " ".join(note)
    [contact] = data.contacts
    # The name as typed in its one spelling: composed, without zero-width characters.
    assert contact.name == normal_name(name).strip()
    assert action.contact_id == contact.id


def _often(*valid: str) -> st.SearchStrategy[str]:
    """A valid value or any text, about as often."""
    return st.booleans().flatmap(lambda ok: st.sampled_from(valid) if ok else TEXT)


ON = _often("today", "yesterday", "mon", "3d", "2w", "2026-11-02", " 2026-11-18T09:15 ")
DUE = _often("today", "tomorrow", "fri", "+3d", "+2w", "2027-01-04")
CHANNEL = _often("email", "E", "call", "zoom", "coffee", "li")


@EXAMPLES
@given(on=ON, due=DUE, channel=CHANNEL)
def test_quick_add_dates_and_channels(run, frozen, on, due, channel) -> None:
    result, store = run("meet", "Dana", "--on", on, "--due", due, "--channel", channel)
    _well_behaved(result)
    if result.code == 0:
        [action] = store.load().actions
        assert action.at <= frozen
        [followup] = store.load().followups
        if due:  # an explicit due date is never in the past
            assert followup.due >= frozen.date()
        else:  # a meeting's own follow-up is due two days after it
            assert (followup.due - action.at.date()).days == 2


@EXAMPLES
@given(kind=TEXT, week=TEXT, contact=TEXT, limit=TEXT)
def test_log_filters(run, tmp_path: Path, kind, week, contact, limit) -> None:
    db = tmp_path / "log" / "netrack.json"
    if not db.exists():
        run("give", "Dana", "deck", db=db)
    for args in (
        ("log", "--kind", kind),
        ("log", "--week", week),
        ("log", "--contact", contact),
        ("log", "--limit", limit),
        ("log", "--week", week, "--json"),
    ):
        result, _ = run(*args, db=db)
        _well_behaved(result)


FIELDS = [
    "--company",
    "--role",
    "--met",
    "--circle",
    "--cadence",
    "--email",
    "--url",
    "--tags",
    "--notes",
]


@EXAMPLES
@given(name=TEXT.filter(_plain), values=st.dictionaries(st.sampled_from(FIELDS), TEXT))
def test_contact_add_stores_what_was_typed(run, name, values) -> None:
    args = [a for option, value in values.items() for a in (option, value)]
    result, store = run("contact", "add", name, *args)
    _well_behaved(result)
    if result.code != 0:
        return
    [contact] = store.load().contacts
    assert contact.name == name.strip()
    for option, attribute in (
        ("--company", "company"),
        ("--role", "role"),
        ("--met", "met_how"),
        ("--email", "email"),
        ("--url", "url"),
    ):
        if option in values:
            assert getattr(contact, attribute) == values[option].strip()
    if "--notes" in values:
        assert contact.notes == values["--notes"]


@settings(EXAMPLES, max_examples=max(EXAMPLES.max_examples // 2, 1))  # 11 commands each
@given(first=TEXT.filter(_plain), second=TEXT.filter(_plain), other=TEXT)
def test_contact_edit_show_archive_merge(run, tmp_path: Path, first, second, other) -> None:
    db = tmp_path / "contacts" / uuid.uuid4().hex / "netrack.json"
    run("give", "Dana Lee", "deck", db=db)
    run("contact", "add", first, db=db)
    for args in (
        ("contact", "show", first),
        ("contact", "edit", first, "--name", second),
        ("contact", "edit", second, "--notes", other),
        ("contact", "archive", other, "--yes"),
        ("contact", "merge", second, "Dana", "--yes"),
        ("contacts", "--circle", other),
        ("contacts", "--all", "--json"),
        ("restore", other),
        ("doctor",),
    ):
        result, _ = run(*args, db=db)
        _well_behaved(result)


# Control characters and escape sequences: stored as typed, printed escaped --------------

NAME = "Ann \x1b[31mRed\x1b[0m\x07"
NOTE = "\x1b]0;pwned\x07 line one\r\nline two \x9b2J \x7f"


def test_control_characters_are_stored_as_typed_and_printed_escaped(cli, store: Store) -> None:
    added = cli("give", NAME, NOTE)
    assert added.code == 0
    data = store.load()
    assert data.contacts[0].name == NAME
    assert data.actions[0].note == NOTE
    assert "new contact: Ann \\x1b[31mRed\\x1b[0m\\x07" in added.out
    outputs = [
        cli(*args)
        for args in (
            ("log",),
            ("contacts",),
            ("contact", "show", "Ann"),
            ("log", "--json"),
            ("contacts", "--json"),
            ("undo",),
        )
    ]
    for result in outputs:
        assert result.code == 0
        assert not RAW_CONTROL.search(result.out + result.err), result
    # The log shows the note's line break as one, each line escaped, the second under the first.
    log = outputs[0].out.splitlines()
    at = next(i for i, line in enumerate(log) if line.endswith("\\x1b]0;pwned\\x07 line one"))
    assert log[at + 1] == " " * log[at].index("\\x1b]0;") + "line two \\x9b2J \\x7f"
    assert "Ann \\x1b[31mRed" in outputs[1].out  # contacts (the column is clipped)
    assert "\\u001b]0;pwned\\u0007 line one\\r\\nline two \\u009b2J \\u007f" in outputs[3].out


def test_a_note_of_several_lines_goes_on_under_its_label_where_details_are_shown(cli) -> None:
    assert cli("contact", "add", "Mei Chen", "--notes", "met at PyCon\r\nlikes chess").code == 0
    assert cli("ask", "mei", "an intro\nto her lead", "--due", "fri").code == 0
    assert cli("intro", "mei", "Sam Ortiz", "both hire\ndata engineers").code == 0
    assert cli("event", "add", "Meetup", "--on", "fri", "--goal", "two\nhiring").code == 0
    shown = cli("contact", "show", "mei").out.splitlines()
    at = shown.index("  notes    met at PyCon")
    assert shown[at + 1] == "           likes chess"
    at = shown.index("  owed     an intro")
    assert shown[at + 1].startswith("           to her lead · due ")
    intro = next(i for i, line in enumerate(shown) if line.startswith("  intro    "))
    assert shown[intro].endswith(": both hire")
    assert shown[intro + 1] == "           data engineers"
    # The action's note in the list goes on under its first line; the JSON is exact.
    at = next(i for i, line in enumerate(shown) if " ask " in line and "an intro" in line)
    assert shown[at + 1] == " " * shown[at].index("an intro") + "to her lead"
    assert json.loads(cli("contact", "show", "mei", "--json").out)["notes"] == (
        "met at PyCon\r\nlikes chess"
    )
    event = cli("event", "show", "meetup").out.splitlines()
    at = event.index("  goal       two")
    assert event[at + 1] == "             hiring"


def test_wide_letters_keep_the_columns_of_a_list_aligned(cli) -> None:
    for name in ("Dana Lee", "🦄 Uni", "日本語の名前がとても長い人物さんです"):
        assert cli("give", name, "hello").code == 0
    rows = cli("log").out.splitlines()[1:]
    # Where "other" (the channel column) starts on screen: these wide letters take two.
    starts = {sum(2 if c >= "\u3000" else 1 for c in r[: r.index(" other")]) for r in rows}
    assert len(starts) == 1, rows
    assert any("日本語の名前がとても…" in r for r in rows)


def test_an_unknown_kind_lists_each_kind_once(cli) -> None:
    result = cli("log", "--kind", "pigeon")
    assert result.code == 2
    listed = result.err.split("accepted: ")[1].split(" (aliases")[0].split(", ")
    assert listed == ["reach-out", "give", "follow-up", "meet", "ask", "receive"]


def test_a_word_too_many_points_at_the_help_of_the_command_it_followed(cli) -> None:
    for argv, words in (
        (("log", "extra"), "netrack log"),
        (("contact", "show", "mei", "extra"), "netrack contact show"),
        (("config", "week-start", "monday", "sunday"), "netrack config"),
    ):
        result = cli(*argv)
        assert result.code == 2
        assert result.err.splitlines() == [
            f"netrack: unrecognized arguments: {argv[-1]}; see '{words} --help'"
        ]


def test_an_escape_in_an_error_message_is_escaped_too(cli) -> None:
    result = cli("log", "--contact", "\x1b[2J")
    assert result.code == 2
    assert "\x1b" not in result.err
    result = cli("give", "Dana", "--bogus\x1b[2J")
    assert result.code == 2
    assert "\x1b" not in result.err


def test_odd_text_in_kinds_channels_and_circles_is_printed_escaped(cli, store: Store) -> None:
    """Written by some other tool, perhaps: still no raw escape reaches the terminal."""
    assert cli("give", "Dana", "deck").code == 0
    raw = raw_file(store.path)
    action = next(iter(raw["actions"].values()))
    action.update(kind="\x1b[31mgive", channel="\x1b]0;x\x07")
    next(iter(raw["contacts"].values())).update(circle="\x1b[2J")
    store.path.write_text(json.dumps(raw))
    for args in (("log",), ("contacts",), ("contact", "show", "Dana")):
        result = cli(*args)
        assert result.code == 0, result
        assert "\x1b" not in result.out and "\x07" not in result.out
    undo = cli("undo")  # the action was changed outside netrack: undo says so, escaped
    assert undo.code == 1 and "changed since" in undo.err
    assert "\x1b" not in undo.err and "\x07" not in undo.err


# Sizes ----------------------------------------------------------------------------------


def test_a_100_kb_note_is_stored(cli, store: Store) -> None:
    note = ("long note \x1b ünïcödé " * 5_000)[:100_000]
    assert cli("give", "Dana", note).code == 0
    assert store.load().actions[0].note == note


def test_a_note_over_the_limit_is_refused_clearly(cli, store: Store) -> None:
    result = cli("give", "Dana", "x" * 300_000)
    assert result.code == 2
    assert "note is too long (300,000 characters; at most 200,000)" in result.err
    assert not store.path.exists()


def test_a_10000_character_name_is_refused_clearly(cli, store: Store) -> None:
    for args in (("give", "n" * 10_000), ("contact", "add", "n" * 10_000)):
        result = cli(*args)
        assert result.code == 2
        assert result.err.count("\n") == 1
        assert "contact name is too long (10,000 characters; at most 200)" in result.err
    assert not store.path.exists() or store.load().contacts == ()


def test_a_10000_character_name_in_a_search_gets_a_short_message(cli, store: Store) -> None:
    cli("give", "Dana", "deck")
    result = cli("log", "--contact", "n" * 10_000)
    assert result.code == 2
    assert len(result.err) < 400
