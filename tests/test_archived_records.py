"""Closed follow-ups and week notes of past years live in the yearly archive (schema 6).

The main file keeps the open follow-ups, those closed this year or last, the notes of
recent weeks and of every skipped week; the rest sits in the year file of its year, beside
that year's actions. Every command still sees them, and every change to them is written
to the right file, undone, restored, exported and synced.
"""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest

from netrack.domain.models import Action, Contact, FollowUp, WeekNote
from netrack.store import Store, records
from netrack.store.archive import archive_folder
from netrack.store.backups import backup_folder
from netrack.store.schema import SCHEMA_VERSION
from tests.conftest import BERLIN, raw_file


def _at(year: int, month: int = 6, day: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, 10, tz=BERLIN)


DANA = Contact(id="c-dana", name="Dana Lee", created=_at(2019, 1, 1))
OLD_CLOSED = FollowUp("aaaa0001", "c-dana", "send the 2020 deck", _at(2020).date(), _at(2020, 5),
                      closed=_at(2020, 6, 12))  # fmt: skip
RECENT_CLOSED = FollowUp("bbbb0002", "c-dana", "intro to Sam", _at(2025).date(), _at(2025, 5),
                         closed=_at(2025, 6, 12))  # fmt: skip
OLD_OPEN = FollowUp("cccc0003", "c-dana", "still owed since 2019", _at(2019).date(), _at(2019, 5))
OLD_NOTE = WeekNote("n-old", "2020-W10", reflection="a quiet week in 2020", updated=_at(2020, 3))
SKIPPED = WeekNote("n-skip", "2020-W11", skipped=True, skip_reason="holiday", updated=_at(2020, 3))
RECENT_NOTE = WeekNote("n-new", "2026-W40", reflection="busy", updated=_at(2026, 10))


def _history(store: Store) -> None:
    """Actions in each year from 2019 to 2026, and follow-ups and notes old and new."""
    actions = [
        Action(f"a{n}", "give", "c-dana", _at(2019 + n // 2), _at(2019 + n // 2), "email", "")
        for n in range(16)
    ]
    with store.transaction() as tx:
        tx.save_many([DANA, *actions, OLD_CLOSED, RECENT_CLOSED, OLD_OPEN])
        tx.save_many([OLD_NOTE, SKIPPED, RECENT_NOTE])


def _year(path: Path, year: int) -> dict:
    return raw_file(path.parent / raw_file(path)["meta"]["1"]["archive_files"][str(year)])


def _ids(raw: dict, table: str) -> set[str]:
    return {doc["id"] for doc in raw.get(table, {}).values()}


@pytest.fixture
def archived(store: Store, frozen) -> Store:
    _history(store)
    return store


def test_closed_followups_and_old_notes_move_to_their_years_file(archived: Store) -> None:
    main = raw_file(archived.path)
    assert _ids(main, "followups") == {"bbbb0002", "cccc0003"}, "open or closed last year: stay"
    assert _ids(main, "week_notes") == {"n-skip", "n-new"}, "a skipped week stays for streaks"
    assert _ids(_year(archived.path, 2020), "followups") == {"aaaa0001"}
    assert _ids(_year(archived.path, 2020), "week_notes") == {"n-old"}
    assert _ids(_year(archived.path, 2020), "actions") == {"a2", "a3"}
    data = archived.load()
    assert {f.id for f in data.followups} == {"aaaa0001", "bbbb0002", "cccc0003"}
    assert {n.id for n in data.week_notes} == {"n-old", "n-skip", "n-new"}
    assert next(n for n in data.week_notes if n.week == "2020-W10") == OLD_NOTE


def _as_version_5(store: Store, extra: dict) -> bytes:
    """Rewrite the file as netrack 5 kept it: every follow-up and note in the main file
    (one with a field this version does not know), the year files holding actions alone."""
    main = raw_file(store.path)
    for table in ("followups", "week_notes"):
        docs = list(main.get(table, {}).values())
        for name in main["meta"]["1"]["archive_files"].values():
            year = raw_file(store.path.parent / name)
            docs += year.pop(table, {}).values()
            (store.path.parent / name).write_text(json.dumps(year), "utf-8")
        main[table] = {str(n): doc for n, doc in enumerate(docs, 1)}
    next(d for d in main["followups"].values() if d["id"] == "aaaa0001").update(extra)
    main["meta"]["1"]["schema_version"] = 5
    main["meta"]["1"].pop("journal_token", None)
    for copy in backup_folder(store.path).glob("*"):
        copy.unlink()
    data = json.dumps(main).encode()
    store.path.write_bytes(data)
    return data


def test_a_version_5_file_opens_and_its_first_write_moves_them_after_a_copy(
    cli, archived: Store
) -> None:
    version_5 = _as_version_5(archived, {"custom": "kept"})
    assert SCHEMA_VERSION == 6
    before = archived.load()
    assert {f.id for f in before.followups} == {"aaaa0001", "bbbb0002", "cccc0003"}
    assert cli("due", "--all", "--json").code == 0
    assert archived.path.read_bytes() == version_5, "reading changes nothing"
    assert cli("give", "Dana Lee", "sent the deck").code == 0
    [copy] = backup_folder(archived.path).glob("*-before-v6.json")
    assert copy.read_bytes() == version_5
    main = raw_file(archived.path)
    assert main["meta"]["1"]["schema_version"] == 6
    assert _ids(main, "followups") == {"bbbb0002", "cccc0003"}
    assert _ids(main, "week_notes") == {"n-skip", "n-new"}
    [moved] = _year(archived.path, 2020)["followups"].values()
    assert moved["custom"] == "kept", "no field is dropped"
    after = archived.load()
    assert set(after.followups) == set(before.followups)
    assert set(after.week_notes) == set(before.week_notes)
    assert cli("doctor").code == 0


def test_reopening_an_archived_followup_brings_it_back_and_undo_archives_it_again(
    cli, archived: Store
) -> None:
    result = cli("done", "--reopen", "aaaa0001")
    assert result.code == 0, result.err
    assert "reopened: send the 2020 deck" in result.out
    main = raw_file(archived.path)
    assert "aaaa0001" in _ids(main, "followups")
    assert "aaaa0001" not in _ids(_year(archived.path, 2020), "followups"), "kept in one place"
    assert next(f for f in archived.load().followups if f.id == "aaaa0001").closed is None
    assert cli("undo").code == 0
    assert "aaaa0001" not in _ids(raw_file(archived.path), "followups")
    assert "aaaa0001" in _ids(_year(archived.path, 2020), "followups")
    assert next(f for f in archived.load().followups if f.id == "aaaa0001") == OLD_CLOSED
    assert cli("doctor").code == 0


def test_due_all_lists_the_followups_closed_years_ago(cli, archived: Store) -> None:
    shown = json.loads(cli("due", "--all", "--json").out)
    assert [f["id"] for f in shown] == ["cccc0003", "bbbb0002", "aaaa0001"]
    assert [f["id"] for f in json.loads(cli("due", "--json").out)] == ["cccc0003"]


def test_an_old_weeks_review_shows_its_note_and_editing_it_writes_its_year(
    cli, archived: Store
) -> None:
    review = json.loads(cli("week", "--week", "2020-W10", "--json").out)
    assert "a quiet week in 2020" in json.dumps(review)
    main_before = raw_file(archived.path)["week_notes"]
    assert cli("reflect", "--week", "2020-W10", "looking back, it mattered").code == 0
    [note] = [n for n in _year(archived.path, 2020)["week_notes"].values()]
    assert note["id"] == "n-old" and note["reflection"] == "looking back, it mattered"
    assert raw_file(archived.path)["week_notes"] == main_before, "not in the main file"
    assert "looking back" in cli("week", "--week", "2020-W10").out
    assert cli("undo").code == 0
    [note] = [n for n in _year(archived.path, 2020)["week_notes"].values()]
    assert note["reflection"] == "a quiet week in 2020"
    # A note for an old week that had none goes to that week's year too.
    assert cli("reflect", "--week", "2021-W05", "new old note").code == 0
    assert [n["week"] for n in _year(archived.path, 2021)["week_notes"].values()] == ["2021-W05"]


def test_export_and_import_carry_the_archived_records(cli, archived: Store, tmp_path) -> None:
    exported = json.loads(cli("export").out)["tables"]
    assert {d["id"] for d in exported["followups"]} == {"aaaa0001", "bbbb0002", "cccc0003"}
    assert {d["id"] for d in exported["week_notes"]} == {"n-old", "n-skip", "n-new"}
    (tmp_path / "all.json").write_text(cli("export").out, "utf-8")
    other = tmp_path / "other" / "netrack.json"
    result = cli("--db", str(other), "import", str(tmp_path / "all.json"))
    assert result.code == 0, result.err
    copy = Store(other)
    assert set(copy.load().followups) == set(archived.load().followups)
    assert set(copy.load().week_notes) == set(archived.load().week_notes)
    assert "aaaa0001" in _ids(_year(other, 2020), "followups"), "placed in its year there too"
    assert "aaaa0001" not in _ids(raw_file(other), "followups")


def test_restore_brings_back_an_archived_note_and_its_undo_the_new_one(
    cli, archived: Store
) -> None:
    assert cli("reflect", "--week", "2020-W10", "rewritten").code == 0
    [backup] = backup_folder(archived.path).glob("netrack.json-2026*.json")
    assert cli("restore", backup.name, "--yes").code == 0
    notes = {n.week: n.reflection for n in archived.load().week_notes}
    assert notes["2020-W10"] == "a quiet week in 2020"
    assert cli("undo").code == 0
    notes = {n.week: n.reflection for n in archived.load().week_notes}
    assert notes["2020-W10"] == "rewritten"


def test_doctor_finds_an_archived_followup_kept_twice_and_one_without_its_contact(
    cli, archived: Store
) -> None:
    main = raw_file(archived.path)
    twice = dict(next(iter(_year(archived.path, 2020)["followups"].values())))
    main["followups"]["99"] = twice
    archived.path.write_text(json.dumps(main), "utf-8")
    name = raw_file(archived.path)["meta"]["1"]["archive_files"]["2020"]
    year = raw_file(archived.path.parent / name)
    year["followups"]["2"] = {**twice, "id": "f-lost", "contact_id": "c-nobody"}
    (archived.path.parent / name).write_text(json.dumps(year), "utf-8")
    report = cli("doctor")
    assert report.code == 1
    assert "follow-up aaaa0001 is kept twice, also in archive year 2020" in report.out
    assert "follow-up f-lost (due 2020-06-10) is owed to contact c-nobody" in report.out
    assert cli("doctor", "--repair").code == 0
    assert cli("doctor").code == 0
    ids = [f.id for f in archived.load().followups]
    assert ids.count("aaaa0001") == 1 and "f-lost" not in ids
    assert _ids(_year(archived.path, 2020), "followups") | _ids(
        raw_file(archived.path), "followups"
    ) == {"aaaa0001", "bbbb0002", "cccc0003"}
    assert len(list(archive_folder(archived.path).glob("2020.*.json"))) >= 2


def test_a_full_write_parses_no_archived_followup_or_old_note(
    cli, archived: Store, monkeypatch
) -> None:
    converted: list[str] = []
    for name in ("followup_from_doc", "week_note_from_doc"):
        convert = getattr(records, name)
        monkeypatch.setattr(
            records, name, lambda doc, convert=convert: converted.append(doc["id"]) or convert(doc)
        )
    assert cli("done", "cccc0003").code == 0
    assert cli("config", "week-start", "sunday").code == 0
    assert "aaaa0001" not in converted and "n-old" not in converted
    assert "send the 2020 deck" not in archived.path.read_text("utf-8")


async def test_the_apps_review_of_an_old_week_shows_its_note(archived: Store) -> None:
    from tests.tui_support import make_app, screen_text, settle, wait_until

    app = make_app(archived.path, start_screen="review", review_week="2020-W10")
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await wait_until(pilot, app.whole_history, "the whole history")
        await wait_until(
            pilot, lambda: "a quiet week in 2020" in screen_text(app), "the archived note"
        )
        assert "Week 2020-W10" in screen_text(app)


def test_an_archived_followup_and_an_old_note_changed_on_one_computer_reach_the_other(
    cli, tmp_path: Path, frozen, monkeypatch
) -> None:
    laptop, desktop = _two_computers(cli, tmp_path, monkeypatch)
    assert cli("--db", str(desktop), "sync").code == 0
    there = Store(desktop).load()
    assert {f.id for f in there.followups} == {"aaaa0001", "bbbb0002", "cccc0003"}
    assert "aaaa0001" in _ids(_year(desktop, 2020), "followups"), "archived there too"
    assert "n-old" in _ids(_year(desktop, 2020), "week_notes")

    assert cli("--db", str(laptop), "reflect", "--week", "2020-W10", "from the laptop").code == 0
    assert cli("--db", str(laptop), "done", "--reopen", "aaaa0001").code == 0
    assert cli("--db", str(desktop), "sync").code == 0
    there = Store(desktop).load()
    assert next(n for n in there.week_notes if n.week == "2020-W10").reflection == (
        "from the laptop"
    )
    assert next(f for f in there.followups if f.id == "aaaa0001").closed is None
    assert "aaaa0001" in _ids(raw_file(desktop), "followups")
    assert "aaaa0001" not in _ids(_year(desktop, 2020), "followups"), "one copy there"
    [note] = _year(desktop, 2020)["week_notes"].values()
    assert note["reflection"] == "from the laptop"

    # Closed again on the desktop (today): the laptop sees it closed.
    assert cli("--db", str(desktop), "done", "aaaa0001", "--no-log").code == 0
    assert cli("--db", str(laptop), "sync").code == 0
    assert next(f for f in Store(laptop).load().followups if f.id == "aaaa0001").closed
    assert cli("--db", str(desktop), "doctor").code == 0
    assert cli("--db", str(laptop), "doctor").code == 0


def test_log_all_lists_every_year_and_the_archived_followups_it_closed(
    cli, store: Store, frozen
) -> None:
    closer = Action("a-close", "followup", "c-dana", _at(2020, 6, 12), _at(2020, 6, 12), "call",
                    "sent it", closed_followup_id="aaaa0001")  # fmt: skip
    _history(store)
    with store.transaction() as tx:
        tx.save(closer)
        tx.save(OLD_CLOSED._replace(closed_by_action_id="a-close"))
    shown = json.loads(cli("log", "--all", "--json").out)
    assert len(shown) == 17
    [closing] = [a for a in shown if a["id"] == "a-close"]
    assert closing["closed_followup_id"] == "aaaa0001"
    assert "aaaa0001" in _ids(_year(store.path, 2020), "followups")
    assert cli("doctor").code == 0, "the links between archived records hold"


def test_the_benchmark_history_is_written_in_the_new_layout(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "h.json"
    script = Path(__file__).parent.parent / "benchmarks" / "history.py"
    subprocess.run(
        [sys.executable, str(script), "--actions", "8000", "--contacts", "100", "--write",
         str(path)], check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    main = raw_file(path)
    first = main["meta"]["1"]["archived_before"]
    assert all(
        d["closed"] is None or int(d["closed"][:4]) >= first for d in main["followups"].values()
    )
    assert all(d.get("skipped") or int(d["week"][:4]) >= first for d in main["week_notes"].values())
    years = [raw_file(path.parent / n) for n in main["meta"]["1"]["archive_files"].values()]
    assert sum(len(y.get("followups", {})) for y in years) > 100
    assert sum(len(y.get("week_notes", {})) for y in years) > 10


def test_the_yearly_fold_moves_what_was_closed_and_noted_two_years_back(
    cli, archived: Store
) -> None:
    from tests.conftest import time_at

    assert cli("done", "cccc0003", "--no-log").code == 0  # closed in 2026: stays for now
    assert "cccc0003" in _ids(raw_file(archived.path), "followups")
    # The archive moves on once two writes' clocks agree that 2028 has come.
    with time_at(pendulum.datetime(2028, 1, 10, 9, tz=BERLIN)):
        for note in ("first of 2028", "second of 2028"):
            assert cli("promise", "Dana Lee", note, "--due", "2028-02-01").code == 0
    main = raw_file(archived.path)
    assert main["meta"]["1"]["archived_before"] == 2027
    assert _ids(main, "followups") == {f.id for f in archived.load().followups if not f.closed}
    assert "bbbb0002" in _ids(_year(archived.path, 2025), "followups")
    assert "cccc0003" in _ids(_year(archived.path, 2026), "followups")
    assert _ids(main, "week_notes") == {"n-skip"}
    assert "n-new" in _ids(_year(archived.path, 2026), "week_notes")
    assert len(archived.load().followups) == 5


def test_a_damaged_year_comes_back_from_a_backup_with_its_followups_and_notes(
    cli, store: Store, frozen
) -> None:
    from tests.conftest import time_at

    closed = OLD_CLOSED._replace(closed=_at(2023, 6, 12))
    note = OLD_NOTE._replace(week="2023-W10")
    first = Action("a1", "give", "c-dana", _at(2023), _at(2023), "email", "")
    with time_at(_at(2024, 12, 1)), store.transaction() as tx:
        tx.save_many([DANA, first, closed, note])
    assert cli("promise", "Dana Lee", "one", "--due", "2026-12-01").code == 0
    assert cli("promise", "Dana Lee", "two", "--due", "2026-12-01").code == 0
    assert "aaaa0001" in _ids(_year(store.path, 2023), "followups"), "moved out, copy first"
    [copy] = backup_folder(store.path).glob("*-before-archive.json")
    name = raw_file(store.path)["meta"]["1"]["archive_files"]["2023"]
    (store.path.parent / name).write_bytes(b"")
    assert f"put back the year's actions from backup {copy.name}" in cli("doctor").out
    assert cli("doctor", "--repair").code == 0
    data = store.load()
    assert closed in data.followups and note in data.week_notes
    assert cli("doctor").code == 0


def test_putting_an_archive_year_back_brings_its_note_back_on_both_computers(
    cli, tmp_path: Path, frozen, monkeypatch
) -> None:
    laptop, desktop = _two_computers(cli, tmp_path, monkeypatch)
    assert cli("--db", str(laptop), "reflect", "--week", "2020-W10", "rewritten").code == 0

    def note(where: Path) -> str:
        assert cli("--db", str(where), "sync").code == 0
        return next(n for n in Store(where).load().week_notes if n.week == "2020-W10").reflection

    assert note(desktop) == "rewritten"
    assert cli("--db", str(laptop), "restore", "2020.1.json", "--yes").code == 0
    assert note(laptop) == "a quiet week in 2020"
    assert note(desktop) == "a quiet week in 2020"
    assert cli("--db", str(laptop), "undo").code == 0
    assert note(laptop) == "rewritten"
    assert note(desktop) == "rewritten"


def _two_computers(cli, tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """A laptop holding the archived history and a desktop joined to it through a
    sync folder, publishing at once."""
    from netrack.sync.background import PUBLISH_ENV
    from tests.sync_support import start_pair

    monkeypatch.setenv(PUBLISH_ENV, "now")
    laptop, desktop = tmp_path / "laptop.json", tmp_path / "desktop.json"
    _history(Store(laptop))
    start_pair(cli, str(laptop), str(desktop), tmp_path / "Sync")
    return laptop, desktop


@pytest.mark.parametrize(
    ("change", "lives_in_2020"),
    [
        (("done", "--reopen", "aaaa0001"), False),  # open again: back in the main file
        (("undo",), True),  # closed in 2020 again: back in its year file
    ],
)
def test_an_archived_followup_changed_elsewhere_is_kept_once_where_it_now_lives(
    cli, tmp_path: Path, frozen, monkeypatch, change, lives_in_2020
) -> None:
    laptop, desktop = _two_computers(cli, tmp_path, monkeypatch)
    assert cli("--db", str(desktop), "sync").code == 0
    if change == ("undo",):  # reopened on both first
        assert cli("--db", str(laptop), "done", "--reopen", "aaaa0001").code == 0
        assert cli("--db", str(desktop), "sync").code == 0
    assert cli("--db", str(laptop), *change).code == 0
    # Only the follow-up changed: the desktop's sync has no other reason to read 2020.
    assert cli("--db", str(desktop), "sync").code == 0
    in_main = "aaaa0001" in _ids(raw_file(desktop), "followups")
    in_2020 = "aaaa0001" in _ids(_year(desktop, 2020), "followups")
    assert (in_main, in_2020) == (not lives_in_2020, lives_in_2020)
    [followup] = [f for f in Store(desktop).load().followups if f.id == "aaaa0001"]
    assert (followup.closed is not None) == lives_in_2020
    assert cli("--db", str(desktop), "doctor").code == 0
