"""Follow-ups do what a person means: what closes them, marking them done, reopening."""

from __future__ import annotations

import json
from datetime import date

import pytest

from netrack.domain.followups import followup_closed_by
from netrack.store import Store
from tests.builders import followup
from tests.conftest import FROZEN_NOW, time_at


def _owed(cli) -> list[tuple[str, str]]:
    return [(f["contact"], f["text"]) for f in json.loads(cli("due", "--json").out)]


@pytest.mark.parametrize("verb", ["reach", "give", "meet", "follow-up"])
def test_a_touch_closes_the_oldest_follow_up_a_meeting_opened(cli, store, verb: str) -> None:
    cli("meet", "Dana Lee", "first", "--on", "mon")
    cli("meet", "Dana Lee", "second", "--on", "tue")  # closes "first" (a meeting is a touch)
    assert _owed(cli) == [("Dana Lee", "Follow up after meeting: second")]
    result = cli(verb, "dana", "sent notes")
    assert "closed follow-up “Follow up after meeting: second”" in result.out
    owed = _owed(cli)
    assert ("Dana Lee", "Follow up after meeting: second") not in owed
    if verb == "meet":
        assert owed == [("Dana Lee", "Follow up after meeting: sent notes")], "its own, new"


@pytest.mark.parametrize("verb", ["ask", "receive"])
def test_asks_and_help_received_close_nothing(cli, verb: str) -> None:
    cli("meet", "Dana Lee", "coffee", "--on", "mon")
    result = cli(verb, "dana", "an intro")
    assert "closed" not in result.out
    assert _owed(cli) == [("Dana Lee", "Follow up after meeting: coffee")]


def test_a_promise_closes_only_when_marked_done(cli) -> None:
    cli("promise", "Dana Lee", "send the salary survey", "--due", "fri")
    cli("give", "Dana Lee", "the deck", "--due", "+3d")  # a promise too
    for verb in ("reach", "give", "meet", "follow-up"):
        cli(verb, "dana")
    owed = _owed(cli)
    assert ("Dana Lee", "send the salary survey") in owed
    assert ("Dana Lee", "the deck") in owed
    assert cli("done", "dana").out.startswith("done: send the salary survey → Dana Lee")
    assert ("Dana Lee", "send the salary survey") not in _owed(cli)


def test_the_setting_leaves_closing_to_follow_up_actions(cli) -> None:
    assert cli("config", "followups-closed-by", "follow-up").out == (
        "followups-closed-by = follow-up\n"
    )
    cli("meet", "Dana Lee", "coffee", "--on", "mon")
    for verb in ("reach", "give"):
        assert "closed" not in cli(verb, "dana").out
    assert "closed follow-up" in cli("follow-up", "dana").out
    bad = cli("config", "followups-closed-by", "sometimes")
    assert bad.code == 2 and "accepted: touch, follow-up" in bad.err


def test_the_rule_in_the_domain() -> None:
    meeting = followup("Dana", "2026-11-20", "2026-11-16 10:00")
    older_promise = followup("Dana", "2026-11-18", "2026-11-10 10:00", source_kind=None)
    others = followup("Sam", "2026-11-19", "2026-11-01 10:00")
    owed = [older_promise, meeting, others]
    assert followup_closed_by(owed, "c-Dana", "give") == meeting
    assert followup_closed_by(owed, "c-Dana", "ask") is None
    assert followup_closed_by(owed, "c-Dana", "receive") is None
    assert followup_closed_by(owed, "c-Dana", "give", "follow-up") is None
    assert followup_closed_by(owed, "c-Dana", "follow-up", "follow-up") == meeting


# Marking done ------------------------------------------------------------------------


def test_done_logs_a_follow_up_that_counts_and_is_the_latest_touch(cli, store: Store) -> None:
    cli("meet", "Dana Lee", "coffee", "--on", "2026-11-02")
    result = cli("done", "dana")
    assert result.out == (
        "done: Follow up after meeting: coffee → Dana Lee · late · logged a follow-up\n"
    )
    data = store.load()
    [followup_action] = [a for a in data.actions if a.kind == "follow-up"]
    [closed] = data.followups
    assert closed.closed_by_action_id == followup_action.id
    assert followup_action.closed_followup_id == closed.id
    week = json.loads(cli("week", "--json").out)
    follow_ups = next(h for h in week["habits"] if h["name"] == "Follow-ups")
    assert follow_ups["count"] == 1
    [dana] = json.loads(cli("contacts", "--json").out)
    assert dana["last_touch"] == "2026-11-19T15:30:00+01:00"


def test_done_no_log_only_closes(cli, store: Store) -> None:
    cli("meet", "Dana Lee", "coffee", "--on", "wed")
    assert cli("done", "dana", "--no-log").out == (
        "done: Follow up after meeting: coffee → Dana Lee · on time\n"
    )
    data = store.load()
    assert [a.kind for a in data.actions] == ["meet"]
    assert not data.followups[0].is_open


def test_reopen_opens_a_closed_follow_up_and_keeps_the_action(cli, store: Store) -> None:
    cli("meet", "Dana Lee", "coffee", "--on", "mon")
    cli("give", "dana", "the deck")  # closes it, but it was not the follow-up
    [closed] = json.loads(cli("due", "--all", "--json").out)
    assert closed["closed"] is not None
    result = cli("done", "--reopen", closed["id"][:8])
    assert result.out == "reopened: Follow up after meeting: coffee → Dana Lee · due Wed 18 Nov\n"
    data = store.load()
    assert data.followups[0].is_open and data.followups[0].closed_by_action_id is None
    give = next(a for a in data.actions if a.kind == "give")
    assert give.closed_followup_id is None, "the give stays, closing nothing"
    again = cli("done", "--reopen", closed["id"][:8])
    assert again.code == 2 and "open already" in again.err
    assert cli("undo").out == "undid: reopened: Follow up after meeting: coffee → Dana Lee\n"
    assert not store.load().followups[0].is_open


def test_reopen_by_contact_opens_the_one_closed_last(cli, store: Store) -> None:
    cli("meet", "José Álvarez", "lunch", "--on", "mon")
    cli("meet", "jose", "coffee", "--on", "tue")
    with time_at(FROZEN_NOW.subtract(hours=2)):
        cli("done", "jose", "--no-log")  # closes the lunch's follow-up (the oldest)
    cli("done", "jose")  # then the coffee's
    cli("meet", "Dana Lee", "coffee")  # another person's, closed later
    cli("done", "dana")
    result = cli("done", "--reopen", "jose")
    assert result.code == 0, result.err
    assert result.out.startswith("reopened: Follow up after meeting: coffee → José Álvarez")
    data = store.load()
    names = {c.id: c.name for c in data.contacts}
    opened = sorted((names[f.contact_id], f.text) for f in data.followups if f.is_open)
    assert opened == [("José Álvarez", "Follow up after meeting: coffee")]
    nobody = cli("done", "--reopen", "Sam Ortiz")
    assert nobody.code == 2 and "Sam Ortiz" in nobody.err
    cli("contact", "add", "Sam Ortiz")
    none_closed = cli("done", "--reopen", "sam")
    assert none_closed.err == (
        "netrack: no follow-up with 'Sam Ortiz' is closed; see 'netrack due --all'\n"
    )


def test_due_all_lists_closed_ones_after_the_open_ones(cli) -> None:
    cli("meet", "Dana Lee", "coffee", "--on", "wed")
    cli("promise", "Sam Ortiz", "send the notes", "--due", "fri")
    cli("done", "dana")
    lines = cli("due", "--all").out.splitlines()
    assert lines[0] == "2 follow-ups (open first, then closed)"
    assert "Sam Ortiz" in lines[1] and "open" in lines[1]
    assert "Dana Lee" in lines[2] and "on time" in lines[2]


def test_a_follow_up_owed_to_a_missing_contact_closes_without_logging(cli, store) -> None:
    cli("promise", "Dana Lee", "send the deck", "--due", "fri")
    raw = json.loads(store.path.read_text("utf-8"))
    raw["contacts"] = {}
    store.path.write_text(json.dumps(raw), "utf-8")
    [owed] = store.load().followups
    result = cli("done", owed.id[:8])
    assert result.code == 0, result.err
    assert store.load().actions == ()
    assert store.load().followups[0].closed is not None
    assert store.load().followups[0].due == date(2026, 11, 20)


def test_a_touch_logged_for_an_earlier_day_leaves_a_later_meeting_owed(cli) -> None:
    cli("meet", "Dana Lee", "coffee", "--on", "wed")
    backdated = cli("give", "dana", "an old favour", "--on", "2021-03-03")
    assert "closed" not in backdated.out
    assert _owed(cli) == [("Dana Lee", "Follow up after meeting: coffee")]
    same_day = cli("give", "dana", "sent notes", "--on", "wed")
    assert "closed follow-up “Follow up after meeting: coffee”" in same_day.out
    assert _owed(cli) == []
