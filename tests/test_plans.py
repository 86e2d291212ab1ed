"""The weekly plan: adding, checking off by logging, undo, dropping, carrying over, keeping.

The clock stands at Thu 19 Nov 2026 15:30 (week 2026-W47) unless a test moves it.
"""

from __future__ import annotations

import json

import pendulum

from netrack.domain.analysis import Analysis
from netrack.domain.models import PLAN_DONE, PLAN_DROPPED, PLAN_OPEN
from netrack.domain.plans import item_checked_by, left_open, plan_kept
from netrack.domain.quicklog import LogRequest, plan_log
from netrack.domain.weeks import Calendar
from netrack.store import Store
from tests.builders import action, contact, dataset, moment, plan
from tests.conftest import refused_then_new, time_at

CAL = Calendar()
W47 = CAL.week_labelled("2026-W47")
LAST_WEEK = pendulum.datetime(2026, 11, 12, 10, tz="Europe/Berlin")  # Thu of 2026-W46


def plan_json(cli, *args: str) -> list[dict]:
    result = cli("plan", "--json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def statuses(cli, *args: str) -> list[tuple[str, str, str]]:
    return [(i["contact"], i["kind"], i["status"]) for i in plan_json(cli, *args)]


# Checking off ---------------------------------------------------------------------------------


def test_logging_that_kind_with_that_person_checks_the_item_off(cli) -> None:
    assert cli("plan", "add", "Dana Lee", "give", "send", "the", "deck").code == 0
    logged = cli("give", "Dana", "sent the deck")
    assert logged.code == 0
    assert "plan ✓ 2026-W47" in logged.out
    [item] = plan_json(cli)
    assert (item["kind"], item["note"], item["status"]) == ("give", "send the deck", "done")
    [give] = json.loads(cli("log", "--json").out)
    assert item["action_id"] == give["id"]
    assert item["done_at"] == give["at"]


def test_another_kind_leaves_a_kind_item_open_and_any_kind_checks_an_any_item(cli) -> None:
    cli("plan", "add", "Dana Lee", "give")
    cli("plan", "add", "Sam Ortiz")
    cli("reach", "Dana", "hello")
    cli("meet", "Sam", "coffee")
    assert statuses(cli) == [("Dana Lee", "give", "open"), ("Sam Ortiz", "any", "done")]


def test_the_item_for_that_kind_is_checked_before_the_any_item() -> None:
    items = [plan("Dana", kind=None), plan("Dana", kind="give"), plan("Dana", kind="ask")]
    give = action("give", "2026-11-18 10:00", "Dana")
    assert item_checked_by(items, give, CAL) == items[1]
    assert item_checked_by(items, action("meet", "2026-11-18 10:00", "Dana"), CAL) == items[0]


def test_an_action_checks_off_only_an_item_of_the_week_it_counts_for() -> None:
    items = [plan("Dana", week="2026-W46", kind="give"), plan("Dana", week="2026-W47")]
    data = dataset(contacts=[contact("Dana")], plans=items)
    backdated = LogRequest("give", None, moment("2026-11-11 12:00"), contact_id="c-Dana")
    assert plan_log(data, backdated, moment("2026-11-19 15:30")).checked.id == items[0].id
    today = LogRequest("ask", None, moment("2026-11-19 15:00"), contact_id="c-Dana")
    outcome = plan_log(data, today, moment("2026-11-19 15:30"))
    assert (outcome.checked.id, outcome.checked.status) == (items[1].id, PLAN_DONE)
    assert outcome.checked.action_id == outcome.action.id


def test_undo_opens_the_item_again(cli) -> None:
    cli("plan", "add", "Dana Lee", "give")
    cli("give", "Dana", "sent the deck")
    undone = cli("undo")
    assert undone.out == "undid: logged give → Dana Lee\n"
    [item] = plan_json(cli)
    assert (item["status"], item["action_id"]) == ("open", None)
    cli("give", "Dana", "sent it again")
    assert statuses(cli) == [("Dana Lee", "give", "done")]


def test_undo_of_a_log_that_created_a_planned_contact_keeps_the_contact(cli) -> None:
    cli("give", "Mei Chen", "hello")
    cli("plan", "add", "Mei", "follow-up")
    give = json.loads(cli("history", "--json").out)[-1]
    undone = cli("undo", give["id"][:8])  # the give, not the plan made since
    assert undone.out == "undid: logged give → Mei Chen; kept contact Mei Chen (used since)\n"
    assert statuses(cli) == [("Mei Chen", "follow-up", "open")]
    assert json.loads(cli("log", "--json").out) == []


# Adding and dropping ---------------------------------------------------------------------------


def test_plan_add_takes_a_kind_only_when_the_first_word_names_one(cli) -> None:
    cli("plan", "add", "Dana Lee", "g", "send", "the", "deck")
    cli("plan", "add", "Sam Ortiz", "ask", "--week", "next", "about", "the", "trip")
    cli("plan", "add", "Kim Park", "coffee", "next", "month")
    items = plan_json(cli) + plan_json(cli, "--week", "next")
    assert [(i["contact"], i["kind"], i["note"], i["week"]) for i in items] == [
        ("Dana Lee", "give", "send the deck", "2026-W47"),
        ("Kim Park", "any", "coffee next month", "2026-W47"),
        ("Sam Ortiz", "ask", "about the trip", "2026-W48"),
    ]


def test_plan_add_says_when_the_name_is_new(cli) -> None:
    result = cli("plan", "add", "Mei Chen", "reach-out", "--week", "2026-W48")
    assert result.out.splitlines() == [
        "new contact: Mei Chen",
        "planned reach-out → Mei Chen · 2026-W48",
    ]


def test_plan_add_refuses_a_week_that_is_over_and_a_second_item_of_one_kind(cli) -> None:
    over = cli("plan", "add", "Dana Lee", "--week", "last")
    assert (over.code, over.err) == (
        2,
        "netrack: week 2026-W46 is over; plan this week or a later one\n",
    )
    assert cli("plan", "add", "Dana Lee", "give").code == 0
    again = cli("plan", "add", "Dana", "any")
    assert again.code == 2
    assert "'Dana Lee' is already in the plan for 2026-W47 (give)" in again.err
    assert cli("plan", "add", "Dana", "ask").code == 0, "another kind is another item"


def test_plan_add_refuses_an_archived_contact(cli) -> None:
    cli("contact", "add", "Gone Person")
    cli("contact", "archive", "Gone", "--yes")
    result = cli("plan", "add", "Gone Person")
    assert result.code == 2
    assert "is archived" in result.err


def test_plan_drop_by_name_or_id_and_a_person_with_two_items_needs_the_id(cli) -> None:
    cli("plan", "add", "Dana Lee", "give")
    cli("plan", "add", "Dana", "ask")
    cli("plan", "add", "Sam Ortiz")
    ambiguous = cli("plan", "drop", "Dana")
    assert ambiguous.code == 2
    assert "'Dana Lee' has 2 open items" in ambiguous.err
    give_id = plan_json(cli)[0]["id"]
    assert cli("plan", "drop", give_id[:6]).out == "dropped give → Dana Lee · 2026-W47\n"
    assert cli("plan", "drop", "Sam").code == 0
    assert statuses(cli) == [
        ("Dana Lee", "give", "dropped"),
        ("Dana Lee", "ask", "open"),
        ("Sam Ortiz", "any", "dropped"),
    ]
    assert cli("plan", "drop", give_id).err == "netrack: that plan item was already dropped\n"


def test_plan_text_marks_done_open_and_dropped_items(cli) -> None:
    cli("plan", "add", "Dana Lee", "give", "send the deck")
    cli("plan", "add", "Sam Ortiz")
    cli("plan", "add", "Kim Park", "reach-out")
    cli("give", "Dana", "sent it")
    cli("plan", "drop", "Kim")
    lines = cli("plan").out.splitlines()
    assert lines[0] == "plan for 2026-W47 (Mon 16 Nov – Sun 22 Nov): 1 of 2 done (50%)"
    assert [line[10:].split() for line in lines[1:]] == [
        ["✓", "give", "Dana", "Lee", "done", "Thu", "19", "Nov", "send", "the", "deck"],
        ["·", "any", "Sam", "Ortiz", "open"],
        ["✗", "reach-out", "Kim", "Park", "dropped"],
    ]


def test_an_empty_plan_says_how_to_start_one(cli) -> None:
    assert cli("plan").out.splitlines() == [
        "nothing planned for 2026-W47 (Mon 16 Nov – Sun 22 Nov)",
        "plan someone: netrack plan add NAME [KIND] [NOTE]  (netrack next suggests whom)",
    ]


# Carrying over and keeping --------------------------------------------------------------------


def _last_weeks_plan(cli) -> None:
    with time_at(LAST_WEEK):
        cli("plan", "add", "Dana Lee", "give", "the deck")
        cli("plan", "add", "Sam Ortiz")
        cli("plan", "add", "Kim Park", "reach-out")
        cli("plan", "add", "Ana Ruiz")
        cli("give", "Dana", "sent it")
        cli("plan", "drop", "Kim")


def test_carry_over_continues_last_weeks_open_items_once(cli) -> None:
    _last_weeks_plan(cli)
    carried = cli("plan", "carry", "Sam")
    assert carried.out.splitlines() == ["carried over 1 item:", "  any → Sam Ortiz · 2026-W47"]
    assert cli("plan", "carry").out.splitlines() == [
        "carried over 1 item:",
        "  any → Ana Ruiz · 2026-W47",
    ]
    assert cli("plan", "carry").out == "nothing to carry over: the week before left no open items\n"
    [sam, ana] = plan_json(cli)
    old = {i["contact"]: i for i in plan_json(cli, "--week", "last")}
    assert sam["carried_from"] == old["Sam Ortiz"]["id"]
    assert ana["carried_from"] == old["Ana Ruiz"]["id"]
    assert old["Sam Ortiz"]["status"] == "open", "last week's record stays as it was"


def test_plan_kept_counts_done_of_planned_leaving_dropped_out(cli, store: Store) -> None:
    _last_weeks_plan(cli)
    data = store.load()
    week46 = CAL.week_labelled("2026-W46")
    kept = plan_kept(data.plans, week46)
    assert (kept.planned, kept.done, kept.dropped, kept.share) == (3, 1, 1, 1 / 3)
    assert [p.status for p in left_open(data.plans, week46)] == [PLAN_OPEN, PLAN_OPEN]
    lines = cli("plan", "--week", "last").out.splitlines()
    assert lines[0] == "plan for 2026-W46 (Mon 9 Nov – Sun 15 Nov): 1 of 3 done (33%)"
    assert [line[49:64].strip() for line in lines[1:]] == [
        "done Thu 12 Nov",
        "missed",
        "dropped",
        "missed",
    ]


def test_a_done_item_cannot_be_dropped(cli, store: Store) -> None:
    cli("plan", "add", "Dana Lee", "give")
    cli("give", "Dana", "sent it")
    result = cli("plan", "drop", "Dana")
    assert result.code == 2, "no open item of Dana's is left"
    assert [p.status for p in store.load().plans] == [PLAN_DONE]
    item_id = store.load().plans[0].id
    result = cli("plan", "drop", item_id)
    assert result.err.startswith("netrack: that plan item is already done")


# Plan items travel with their people ----------------------------------------------------------


def test_merging_contacts_moves_their_plan_items(cli, store: Store) -> None:
    cli("plan", "add", "Dana Lee", "give")
    cli("contact", "add", "Dana L.")
    cli("plan", "add", "Dana L.", "ask")
    assert cli("contact", "merge", "Dana L.", "Dana Lee", "--yes").code == 0
    assert statuses(cli) == [("Dana Lee", "give", "open"), ("Dana Lee", "ask", "open")]


def test_doctor_removes_a_plan_item_whose_contact_is_gone(cli, store: Store) -> None:
    cli("plan", "add", "Dana Lee", "give")
    cli("give", "Sam Ortiz", "intro")
    raw = json.loads(store.path.read_text("utf-8"))
    key = next(k for k, c in raw["contacts"].items() if c["name"] == "Dana Lee")
    del raw["contacts"][key]
    store.path.write_text(json.dumps(raw), "utf-8")
    out = cli("doctor").out
    assert "names contact" in out and "--repair will remove the plan item" in out
    assert cli("doctor", "--repair").code == 0
    assert store.load().plans == ()


def test_suggestions_leave_out_this_weeks_plan(cli, store: Store) -> None:
    cli("ask", "Priya Nair", "intro", "--on", "2026-11-02")
    analysis_before = Analysis(store.load(), pendulum.now())
    from netrack.domain.suggestions import suggestions

    assert [s.contact.name for s in suggestions(analysis_before)] == ["Priya Nair"]
    cli("plan", "add", "Priya", "give")
    assert suggestions(Analysis(store.load(), pendulum.now())) == []
    assert PLAN_DROPPED not in [p.status for p in store.load().plans]


def test_plan_add_takes_a_close_name_for_a_new_person_only_with_new(cli, store: Store) -> None:
    cli("contact", "add", "Dana Lee")
    done = refused_then_new(cli, store, "plan", "add", "Dana Lea", "give", "the", "deck")
    assert done.out == "new contact: Dana Lea\nplanned give → Dana Lea · 2026-W47 · “the deck”\n"
    assert statuses(cli) == [("Dana Lea", "give", "open")]
