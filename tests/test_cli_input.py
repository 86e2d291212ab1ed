"""What the command line accepts: signed date offsets and the kind word of ``plan add``."""

from __future__ import annotations

import json

import pytest


def _logged_day(cli) -> str:
    [action] = json.loads(cli("log", "--all", "--json").out)
    return action["at"][:10]


@pytest.mark.parametrize("typed", [["--on", "-3d"], ["--on=-3d"], ["--on", "3d"]])
def test_on_takes_days_ago_with_or_without_a_minus(cli, typed: list[str]) -> None:
    result = cli("give", "Dana Lee", "sent the deck", *typed)
    assert result.code == 0, result.err
    assert _logged_day(cli) == "2026-11-16"  # three days before Thu 19 Nov


def test_a_minus_offset_may_come_before_the_note_and_weeks_count_too(cli) -> None:
    result = cli("give", "Dana Lee", "--on", "-1w", "sent", "the", "deck")
    assert result.code == 0, result.err
    assert _logged_day(cli) == "2026-11-12"
    [action] = json.loads(cli("log", "--all", "--json").out)
    assert action["note"] == "sent the deck"


def test_a_due_date_in_the_past_written_with_a_minus_is_refused_in_one_line(cli) -> None:
    result = cli("ask", "Dana Lee", "an intro", "--due", "-2d")
    assert result.code == 2
    assert result.err == ("netrack: due date '-2d' is in the past; give a day from today on\n")
    assert cli("promise", "Dana", "the deck", "--due", "-1d").code == 2


def test_an_event_day_and_a_week_take_a_minus_offset(cli) -> None:
    assert cli("event", "add", "Meetup", "--on", "-2d").code == 0
    [event] = json.loads(cli("events", "--json").out)
    assert event["on"] == "2026-11-17"
    cli("give", "Dana Lee", "x", "--on", "-7d")
    last_week = cli("log", "--week", "-1")
    assert "2026-W46" in last_week.out and "Dana Lee" in last_week.out
    assert "2026-W46" in cli("log", "--week", "-7d").out


def test_a_value_with_a_minus_that_is_no_date_gets_the_forms_not_argparse(cli) -> None:
    result = cli("give", "Dana Lee", "--on", "-3x")
    assert result.code == 2
    assert result.err.startswith("netrack: unknown date '-3x'; accepted: ")
    assert "-Nd (days ago)" in result.err
    assert "expected one argument" not in result.err
    assert cli("log", "--all", "--json").out == "[]\n"


def test_after_a_double_dash_a_minus_word_is_part_of_the_note(cli) -> None:
    assert cli("give", "Dana Lee", "--", "--on", "-3d").code == 0
    [action] = json.loads(cli("log", "--all", "--json").out)
    assert action["note"] == "--on -3d"
    assert action["at"][:10] == "2026-11-19"


def _plan(cli) -> list[tuple[str, str]]:
    return [(item["kind"], item["note"]) for item in json.loads(cli("plan", "--json").out)]


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("gve", "give"), ("recieve", "receive"), ("folow-up", "follow-up"), ("Aks", "ask")],
)
def test_plan_add_refuses_a_first_word_one_letter_off_a_kind(cli, typed: str, kind: str) -> None:
    result = cli("plan", "add", "Dana Lee", typed, "the deck")
    assert result.code == 2
    assert result.err == (
        f"netrack: unknown kind '{typed}': did you mean {kind}? "
        f"(for a note that starts with '{typed}', put the note after --)\n"
    )
    assert _plan(cli) == []


def test_plan_add_takes_a_kind_of_ones_own_habit_and_its_typo_is_refused(cli) -> None:
    assert cli("habit", "add", "Posting", "--kinds", "post", "--target", "2").code == 0
    assert cli("plan", "add", "Dana Lee", "pots", "x").code == 2
    assert cli("plan", "add", "Dana Lee", "post", "the thread").code == 0
    assert _plan(cli) == [("post", "the thread")]


@pytest.mark.parametrize(
    ("words", "planned"),
    [
        (["pigeon", "post"], ("any", "pigeon post")),
        (["live", "demo"], ("any", "live demo")),  # one letter off give, but not its first
        (["give", "send", "the", "deck"], ("give", "send the deck")),
        (["any", "give", "back"], ("any", "give back")),
        (["--", "give", "back"], ("any", "give back")),
        (["ask", "--", "gve", "feedback"], ("ask", "gve feedback")),
        (["--", "gve", "--week", "next"], ("any", "gve --week next")),
    ],
)
def test_plan_add_starts_the_note_with_any_other_word_or_after_a_double_dash(
    cli, words: list[str], planned: tuple[str, str]
) -> None:
    result = cli("plan", "add", "Dana Lee", *words)
    assert result.code == 0, result.err
    assert _plan(cli) == [planned]
    assert f"planned {planned[0]} → Dana Lee" in result.out


def test_plan_add_help_shows_the_rule_and_both_ways_around_it(cli) -> None:
    shown = cli("plan", "add", "--help").out
    assert "Any other word starts the note" in shown
    assert "one letter off a kind (gve, recieve, folow-up) is refused" in shown
    assert "netrack plan add Dana -- give back the book" in shown
    assert "netrack plan add Dana give send the deck" in cli("plan", "--help").out


# Found by trying each command as a new user -----------------------------------------


@pytest.mark.parametrize(
    ("command", "missing", "helped"),
    [
        (["give"], "contact", "give"),
        (["plan", "add"], "contact", "plan add"),
        (["intro", "Dana Lee"], "B", "intro"),
        (["promise"], "contact, --due", "promise"),
    ],
)
def test_a_missing_argument_names_only_what_is_required(
    cli, command: list[str], missing: str, helped: str
) -> None:
    result = cli(*command)
    assert result.code == 2
    assert result.err == (
        f"netrack: the following arguments are required: {missing}; see 'netrack {helped} --help'\n"
    )


@pytest.mark.parametrize(
    ("verb", "opening"),
    [
        ("give", "Log a give: netrack give 'Dana Lee' sent the hiring deck."),
        ("g", "Log a give: netrack give 'Dana Lee' sent the hiring deck."),
        ("reach-out", "Log a reach-out: netrack reach 'Sam Ortiz' asked about the new job."),
        ("add", "Log one action."),
    ],
)
def test_a_kind_verbs_help_opens_with_what_it_logs(cli, verb: str, opening: str) -> None:
    paragraphs = cli(verb, "--help").out.split("\n\n")
    assert paragraphs[1] == opening


def test_an_empty_log_says_which_week_or_that_nothing_matched(cli) -> None:
    assert cli("log", "--all").out == "no actions logged yet\n"
    assert cli("log", "--week", "next").out == (
        "no actions logged in week 2026-W48 (Mon 23 Nov – Sun 29 Nov)\n"
    )
    cli("give", "Dana Lee", "sent the deck")
    assert cli("log", "--kind", "ask").out == (
        "no matching actions in week 2026-W47 (Mon 16 Nov – Sun 22 Nov)\n"
    )
    assert cli("log", "--all", "--kind", "ask").out == "no matching actions\n"


def test_a_verb_after_a_list_command_points_at_the_one_item_command(cli) -> None:
    cli("give", "Dana Lee", "sent the deck")
    result = cli("contacts", "show", "Dana Lee")
    assert result.code == 2
    assert result.err == (
        "netrack: unrecognized arguments: show Dana Lee; "
        "did you mean: netrack contact show 'Dana Lee'\n"
    )
    assert cli("events", "add", "PyCon").err.endswith("did you mean: netrack event add PyCon\n")
    assert cli("contacts", "zz").err.endswith("see 'netrack contacts --help'\n")


def test_done_with_an_id_that_matches_nothing_says_so_not_only_no_contact(cli) -> None:
    cli("ask", "Dana Lee", "an intro", "--due", "fri")
    for command in (["done", "1234"], ["done", "beef", "--reopen"]):
        result = cli(*command)
        assert result.code == 2
        assert result.err == (
            f"netrack: no follow-up id starts with '{command[1]}' and no contact matches "
            "it; 'netrack due --all' lists the follow-ups with their ids\n"
        )
    assert cli("done", "zz").err == "netrack: no contact matches 'zz'; see 'netrack contacts'\n"


def test_plan_drop_and_carry_with_an_id_that_matches_nothing_say_so(cli) -> None:
    cli("plan", "add", "Dana Lee", "give", "the deck")
    for command in (["plan", "drop", "1234abcd"], ["plan", "carry", "beef"]):
        result = cli(*command)
        assert result.code == 2, result
        assert result.err == (
            f"netrack: no plan item id starts with '{command[2]}' and no contact matches "
            "it; 'netrack plan' lists the items with their ids\n"
        )
    assert cli("plan", "drop", "dana").code == 0  # a person still names their item
