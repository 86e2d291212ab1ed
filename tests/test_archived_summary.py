"""The archived years summed up: balances, suggestions and keep-in-touch without their actions.

The read commands see the years in the archive only as the summary kept beside them
(store/daycounts.py, domain/past.py). Each answer here is compared with the one the
whole history gives, on a history whose older years are in year files, and again after
each kind of change to an archived year (a backdated action, undo, import, restore).
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pendulum
import pytest

from netrack.domain.analysis import Analysis
from netrack.domain.models import Action, Contact, FollowUp
from netrack.domain.past import summed_up
from netrack.domain.suggestions import FOLLOWUP_DUE, suggestions
from netrack.store import Store
from netrack.store.archive import archive_folder
from tests.conftest import BERLIN, FROZEN_NOW

PEOPLE = ["Dana Lee", "Eli Park", "Fay Moss", "Gus Holm", "Ivy Chen", "Jon Ruiz"]
KINDS = ["give", "give", "ask", "receive", "meet", "reach-out", "intro"]


def _id(name: str) -> str:
    return "c-" + name.split()[0].lower()


def _history(seed: int = 7) -> tuple[list[Contact], list[Action], list[FollowUp]]:
    """Eight years of actions with six people; the older years end up in year files.

    Eli's only give and Fay's asks are in archived years, so a summary that lost them
    would show; a meeting of 2023 opened a follow-up still open and overdue.
    """
    rng = random.Random(seed)
    start = pendulum.datetime(2019, 1, 2, 9, tz=BERLIN)
    contacts = [
        Contact(id=_id(n), name=n, created=start, circle=c)
        for n, c in zip(PEOPLE, ["inner", "active", "wider", "inner", None, "active"], strict=True)
    ]
    actions: list[Action] = []
    for n in range(420):
        at = start.add(days=rng.randrange(0, (FROZEN_NOW - start).days - 1), hours=rng.randrange(9))
        who = rng.choice(PEOPLE[2:])
        actions.append(Action(f"a{n:04}", rng.choice(KINDS), _id(who), at, at, "email", f"n{n}"))
    old = pendulum.datetime(2021, 5, 4, 10, tz=BERLIN)
    actions += [
        Action("e-give", "give", "c-eli", old, old),
        Action("e-ask", "ask", "c-eli", old.add(days=3), old.add(days=3)),
        Action("f-ask1", "ask", "c-fay", old.add(days=4), old.add(days=4)),
        Action("f-ask2", "ask", "c-fay", old.add(days=5), old.add(days=5)),
    ]
    met = pendulum.datetime(2023, 3, 6, 12, tz=BERLIN)
    actions.append(
        Action("m-old", "meet", "c-jon", met, met, "in-person", "at the meetup", None, "f1")
    )
    followup = FollowUp(
        "f1", "c-jon", "send the slides", date(2026, 11, 16), met, "m-old", None, None, "meet"
    )
    actions.sort(key=lambda a: a.at)
    return contacts, actions, [followup]


@pytest.fixture
def archived(store: Store, frozen) -> Store:
    contacts, actions, followups = _history()
    with store.transaction() as tx:
        tx.save_many([*contacts, *actions, *followups])
    assert list(archive_folder(store.path).glob("2021.*.json")), "older years are archived"
    return store


def _whole_history(monkeypatch, cli, *args: str) -> str:
    """What ``netrack ARGS`` prints when it reads every action of every year."""
    with monkeypatch.context() as patch:
        patch.setattr(Store, "load_recent", lambda self, **_: (self.load(), None))
        result = cli(*args)
    assert result.code == 0, result.err
    return result.out


READS = [
    ("balance", "--json"),
    ("balance",),
    ("balance", "--contact", "Eli Park", "--json"),
    ("next", "--json", "--limit", "50"),
    ("next",),
    ("cold", "--json"),
    ("week", "--json"),
    ("week",),
    ("contacts",),
    ("plan", "--json"),
]


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_the_summed_up_years_give_the_answers_of_the_whole_history(
    archived: Store, cli, monkeypatch, args: tuple[str, ...]
) -> None:
    assert cli(*args).code == 0  # makes the summary
    summed = cli(*args)
    assert summed.code == 0, summed.err
    assert (archive_folder(archived.path) / "counts.json").exists()
    assert summed.out == _whole_history(monkeypatch, cli, *args)


def test_balances_and_suggestions_know_what_only_the_archive_holds(archived: Store, cli) -> None:
    balances = {b["contact"]: b for b in json.loads(cli("balance", "--json").out)["contacts"]}
    whole = Analysis(archived.load(), FROZEN_NOW).balances
    assert balances["Eli Park"]["gives"] == whole["c-eli"].gives == 1
    assert balances["Eli Park"]["last_give"] == "2021-05-04T10:00:00+02:00"
    assert balances["Fay Moss"]["takes"] == whole["c-fay"].takes
    found = {s["contact"]: s for s in json.loads(cli("next", "--json", "--limit", "50").out)}
    assert found["Jon Ruiz"]["reason"] == FOLLOWUP_DUE
    assert "met Mon 6 Mar 2023: at the meetup" in found["Jon Ruiz"]["why"]


@pytest.mark.parametrize("command", ["balance", "next", "cold"])
def test_a_change_to_an_archived_year_is_seen_at_once(
    archived: Store, cli, monkeypatch, command: str
) -> None:
    args = (command, "--json") if command != "next" else ("next", "--json", "--limit", "50")

    def same_as_whole() -> str:
        out = cli(*args).out
        assert out == _whole_history(monkeypatch, cli, *args)
        return out

    first = same_as_whole()
    exported = archived.path.parent / "export.json"
    exported.write_text(cli("export").out, "utf-8")
    # A backdated give (into the 2021 year file), then its undo.
    assert cli("give", "Fay Moss", "old favour", "--on", "2021-06-01").code == 0
    changed = same_as_whole()
    if command == "balance":

        def fay(out: str) -> dict:
            return next(b for b in json.loads(out)["contacts"] if b["contact"] == "Fay Moss")

        assert fay(changed)["gives"] == fay(first)["gives"] + 1
    assert cli("undo").code == 0
    assert same_as_whole() == first
    # An archived action deleted by merging, then brought back by an import.
    assert cli("contact", "merge", "Jon Ruiz", "Ivy Chen", "--yes").code == 0
    same_as_whole()
    assert cli("import", str(exported)).code == 0
    same_as_whole()
    # A backup put back: the archive as it was.
    backups = json.loads(cli("restore", "--json").out)
    assert cli("restore", backups[0]["name"], "--yes").code == 0
    same_as_whole()


def test_a_summary_that_cannot_be_read_is_made_again(archived: Store, cli, monkeypatch) -> None:
    expected = cli("next", "--json").out
    people = archive_folder(archived.path) / "people.json"
    document = json.loads(people.read_text("utf-8"))
    document["balances"] = {"c-eli": ["x"]}
    people.write_text(json.dumps(document), "utf-8")
    assert cli("next", "--json").out == expected
    assert json.loads(people.read_text("utf-8"))["balances"]["c-eli"][0] == 1


# The domain: a summary of the earlier actions and the later ones, against them all ------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_summary_and_the_later_actions_add_up_to_the_whole(frozen, seed: int) -> None:
    from netrack.domain.models import Dataset, Settings

    contacts, actions, followups = _history(seed)
    until = date(2025, 1, 1)
    split = next(n for n, a in enumerate(actions) if a.at.date() >= until)
    whole = Dataset(contacts=tuple(contacts), actions=tuple(actions), followups=tuple(followups))
    assert whole.settings == Settings()
    everything = Analysis(whole, FROZEN_NOW)
    earlier = summed_up(actions[:split], everything.calendar, until)
    recent = Analysis(whole._replace(actions=tuple(actions[split:])), FROZEN_NOW, earlier)
    assert recent.balances == everything.balances
    assert recent.takes_since_give == everything.takes_since_give
    assert suggestions(recent) == suggestions(everything)
    assert recent.going_cold() == everything.going_cold()
    assert recent.all_time_balance() == everything.all_time_balance()
    assert recent.balance_trend() == everything.balance_trend()
    assert recent.balance_trend(200) == everything.balance_trend(200)  # into the archive
    eve = FROZEN_NOW.date() - timedelta(days=30)
    assert recent.touch_statuses(eve) == everything.touch_statuses(eve)


def test_a_part_of_the_summary_not_read_is_refused_rather_than_taken_as_empty(frozen) -> None:
    from netrack.domain.models import Dataset
    from netrack.domain.tally import DayCounts, NotRead

    earlier = DayCounts(NotRead("days"), NotRead("people"), date(2025, 1, 1), NotRead("people"))
    analysis = Analysis(Dataset(), FROZEN_NOW, earlier)
    with pytest.raises(ValueError, match="people"):
        _ = analysis.balances
    with pytest.raises(ValueError, match="days"):
        _ = analysis.tally
