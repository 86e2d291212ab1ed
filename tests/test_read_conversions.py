"""The read commands convert only the records they show.

Not timed (``make bench`` measures the time): these tests watch which contact and action
documents a read turns into domain values, on a history of several years, and check that
what it prints is still right. A command that showed five follow-ups used to convert every
one of thousands of contacts; a regression to that would pass every other test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from netrack.cli.main import main
from netrack.domain.models import Dataset
from netrack.domain.weeks import Calendar, Week, calendar_for
from netrack.store import Store, archive, readview, records
from tests.builders import moment
from tests.conftest import time_at
from tests.history_support import copy_history, watch_conversions


@pytest.fixture
def history(several_years: Path, tmp_path: Path, monkeypatch) -> Path:
    return copy_history(several_years, tmp_path, monkeypatch)


@pytest.fixture
def converted_contacts(monkeypatch) -> Iterator[list[dict]]:
    yield watch_conversions(monkeypatch, "contact_from_doc")


@pytest.fixture
def converted_actions(monkeypatch) -> Iterator[list[dict]]:
    yield watch_conversions(monkeypatch, "action_from_doc")


def test_the_history_is_long_enough_to_tell(history: Path, frozen) -> None:
    data = Store(history).load()
    assert len(data.contacts) == 400
    assert archive.archived_before(Store(history).read_raw()) is not None
    assert sum(f.closed is None for f in data.followups) >= 2
    assert len({f.contact_id for f in data.followups if f.closed is None}) < 20


@pytest.mark.parametrize("min_bytes", [1 << 60, 0], ids=["main file", "read view"])
def test_due_converts_only_the_contacts_of_the_followups_it_lists(
    history: Path, frozen, capsys, converted_contacts: list[dict], monkeypatch, min_bytes: int
) -> None:
    monkeypatch.setattr(readview, "MIN_BYTES", min_bytes)
    data = Store(history).load()
    owed = [f for f in data.followups if f.closed is None]
    names = {c.id: c.name for c in data.contacts}
    assert main(["due"]) == 0  # the view made, if kept
    rows: list[list] = []
    from_row = records.contact_from_row

    def row_watched(row: list):
        rows.append(list(row))
        return from_row(row)

    monkeypatch.setattr(records, "contact_from_row", row_watched)
    converted_contacts.clear()
    capsys.readouterr()
    assert main(["due"]) == 0
    out = capsys.readouterr().out
    converted = {d["id"] for d in converted_contacts} | {row[0] for row in rows}
    assert converted == {f.contact_id for f in owed}
    assert not (rows if min_bytes else converted_contacts), "read as the size tells"
    for followup in owed:  # every one still listed, by the name of its contact
        line = next(x for x in out.splitlines() if x.startswith(followup.id[:8]))
        assert names[followup.contact_id] in line


def test_due_all_converts_only_contacts_that_have_followups(
    history: Path, frozen, capsys, converted_contacts: list[dict]
) -> None:
    data = Store(history).load()
    converted_contacts.clear()
    assert main(["due", "--all", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == len(data.followups)
    named = {f.contact_id for f in data.followups}
    assert {d["id"] for d in converted_contacts} <= named
    assert len(converted_contacts) < len(data.contacts)


def test_log_converts_only_the_weeks_actions_and_their_contacts(
    history: Path, frozen, capsys, converted_contacts: list[dict], converted_actions: list[dict]
) -> None:
    data, calendar, week = _frozen_week(history, frozen)
    in_week = [a for a in data.actions if week.contains(calendar.day_of(a.at))]
    assert in_week, "the frozen week has actions"
    converted_contacts.clear()
    converted_actions.clear()
    assert main(["log", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {a["id"] for a in listed} == {a.id for a in in_week}
    day_before = (week.start - timedelta(days=1)).isoformat()
    assert all(d["at"][:10] >= day_before for d in converted_actions)
    assert {d["id"] for d in converted_contacts} == {a.contact_id for a in in_week} - {None}


def test_log_of_a_person_still_finds_them_by_name(history: Path, frozen, capsys) -> None:
    data, calendar, week = _frozen_week(history, frozen)
    action = next(
        a for a in reversed(data.actions) if a.contact_id and week.contains(calendar.day_of(a.at))
    )
    person = data.contact(action.contact_id)
    assert person is not None
    assert main(["log", "--contact", person.name, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert action.id in {a["id"] for a in listed}
    assert {a["contact_id"] for a in listed} == {person.id}


def test_plan_converts_only_its_items_contacts_and_the_weeks_actions(
    history: Path, frozen, capsys, converted_contacts: list[dict], converted_actions: list[dict]
) -> None:
    data, _, week = _frozen_week(history, frozen)
    items = [p for p in data.plans if p.week == week.label]
    assert items and any(p.action_id for p in items), "the week's plan has done items"
    converted_contacts.clear()
    converted_actions.clear()
    assert main(["plan", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in listed] == [p.id for p in items]
    assert all(p["done_at"] for p in listed if p["id"] in {i.id for i in items if i.action_id})
    assert {d["id"] for d in converted_contacts} <= {p.contact_id for p in data.plans}
    day_before = (week.start - timedelta(days=1)).isoformat()
    assert all(d["at"][:10] >= day_before for d in converted_actions)


def test_log_lists_a_late_night_in_the_week_it_counts_for(cli) -> None:
    """With the day starting at 4, Monday 01:30 counts for Sunday, the week before: the
    log of that week lists it although it is written after the week's end."""
    assert cli("config", "day-starts-at", "4").code == 0
    with time_at(moment("2026-11-23 01:30")):  # Monday of 2026-W48, 01:30
        assert cli("give", "Dana", "late intro").code == 0
    with time_at(moment("2026-11-23 09:00")):
        assert cli("give", "Dana", "the morning after").code == 0
        this_week = json.loads(cli("log", "--json").out)
        week_before = json.loads(cli("log", "--week", "2026-W47", "--json").out)
    assert [a["note"] for a in this_week] == ["the morning after"]
    assert [a["note"] for a in week_before] == ["late intro"]
    assert week_before[0]["contact"] == "Dana"


@pytest.mark.parametrize(
    ("words", "balances"), [(["cold"], False), (["contacts"], False), (["balance"], True)]
)
def test_the_archived_years_give_and_take_are_read_only_by_those_that_show_them(
    history: Path, frozen, capsys, monkeypatch, words: list[str], balances: bool
) -> None:
    from netrack.store import daycounts, viewfile

    assert main(words) == 0  # the summary beside the archive (and the read view) made once
    made: list[str] = []
    balance = daycounts.ContactBalance
    section = viewfile.Sections.__getitem__

    def watched(contact_id: str, *rest):
        made.append(contact_id)
        return balance(contact_id, *rest)

    def section_watched(self, name: str):
        if name == "balances":  # the view's sums of give and take, by contact
            made.append(name)
        return section(self, name)

    monkeypatch.setattr(daycounts, "ContactBalance", watched)
    monkeypatch.setattr(viewfile.Sections, "__getitem__", section_watched)
    capsys.readouterr()
    assert main(words) == 0
    assert capsys.readouterr().out
    assert bool(made) == balances


def _frozen_week(history: Path, frozen) -> tuple[Dataset, Calendar, Week]:
    """The history, its week calendar and the week of the frozen moment."""
    data = Store(history).load()
    calendar = calendar_for(data.settings)
    return data, calendar, calendar.week_of(frozen)
