"""Old actions live in yearly archive files; every command still sees the whole history."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pendulum
import pytest

from netrack.domain.models import Action, Contact
from netrack.store import Store
from netrack.store.archive import archive_folder
from netrack.store.schema import SCHEMA_VERSION
from tests.conftest import BERLIN, raw_file, time_at


def year_file(path: Path, year: int) -> Path:
    """The year file the main file names for ``year`` now."""
    return path.parent / raw_file(path)["meta"]["1"]["archive_files"][str(year)]


def _at(year: int, month: int = 6, day: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, 10, tz=BERLIN)


DANA = Contact(id="c-dana", name="Dana Lee", created=_at(2019, 1, 1))


def _action(n: int, year: int, contact: str = "c-dana", kind: str = "give") -> Action:
    return Action(f"a{n}", kind, contact, _at(year), _at(year), "email", f"note {n}")


def _history(store: Store) -> list[Action]:
    """Two actions in each year from 2019 to 2026, written in one transaction."""
    actions = [_action(n, 2019 + n // 2) for n in range(16)]
    with store.transaction() as tx:
        tx.save_many([DANA, *actions])
    return actions


def _main_years(path: Path) -> list[int]:
    return sorted({int(doc["at"][:4]) for doc in raw_file(path).get("actions", {}).values()})


def test_a_write_moves_actions_before_last_year_into_yearly_files(store: Store, frozen) -> None:
    actions = _history(store)
    assert _main_years(store.path) == [2025, 2026], "this year and last stay in the main file"
    assert sorted(p.name for p in archive_folder(store.path).glob("*.json")) == [
        f"{year}.1.json" for year in range(2019, 2025)
    ]
    archived = raw_file(year_file(store.path, 2020))
    assert [d["id"] for d in archived["actions"].values()] == ["a2", "a3"]
    meta = raw_file(store.path)["meta"]["1"]
    assert isinstance(meta.pop("journal_token"), str)  # see store/journal.py
    assert meta == {
        "schema_version": SCHEMA_VERSION,
        "archived_before": 2025,
        "archive_files": {str(y): f"netrack.json-archive/{y}.1.json" for y in range(2019, 2025)},
        "archive_previous": {},
        "clock_year": 2026,
    }
    assert store.load().actions == tuple(actions), "every action, oldest year first"


def test_quick_add_reads_only_the_main_file(cli, store: Store, frozen) -> None:
    _history(store)
    year_file(store.path, 2021).write_text("not json", "utf-8")
    result = cli("give", "Dana Lee", "sent the deck")
    assert result.code == 0, result.err
    assert "gives this week 1/3" in result.out
    week = cli("week")
    assert week.code == 1
    assert "2021.1.json" in week.err and "not valid JSON" in week.err


def test_a_backdated_action_goes_to_its_year_and_undo_takes_it_back(
    cli, store: Store, frozen
) -> None:
    _history(store)
    result = cli("meet", "Dana Lee", "old reunion", "--on", "2020-03-05")
    assert result.code == 0, result.err
    notes = [d["note"] for d in raw_file(year_file(store.path, 2020))["actions"].values()]
    assert notes == ["note 2", "note 3", "old reunion"]
    assert len(store.load().actions) == 17
    undo = cli("undo")
    assert undo.out == "undid: logged meet → Dana Lee\n"
    notes = [d["note"] for d in raw_file(year_file(store.path, 2020))["actions"].values()]
    assert notes == ["note 2", "note 3"]
    assert not store.load().followups, "the follow-up the meeting opened went with it"


def test_a_file_with_every_action_is_split_on_its_first_write_and_copied_first(
    cli, store: Store, frozen
) -> None:
    _history(store)
    # The same history as one file holding every action (as written before archives).
    everything = json.loads(cli("export").out)["tables"]
    whole = {
        "meta": {"1": {"schema_version": SCHEMA_VERSION}},
        **{table: {str(n): d for n, d in enumerate(docs, 1)} for table, docs in everything.items()},
    }
    for file in archive_folder(store.path).glob("*.json"):
        file.unlink()
    for copy in (store.path.parent / "backups").glob("*.json"):
        copy.unlink()
    store.path.write_text(json.dumps(whole), "utf-8")
    assert len(store.load().actions) == 16
    assert cli("give", "Dana Lee", "hello").code == 0
    assert _main_years(store.path) == [2025, 2026]
    assert len(store.load().actions) == 17
    kept = store.path.parent / "backups" / "netrack.json-20261119.json"
    assert len(raw_file(kept)["actions"]) == 16, "the day's copy holds the file as it was"


def test_the_new_year_moves_the_year_before_last_out(store: Store, frozen) -> None:
    with store.transaction() as tx:
        tx.save_many([DANA, _action(1, 2025), _action(2, 2026)])
    assert _main_years(store.path) == [2025, 2026]
    assert not archive_folder(store.path).exists(), "nothing to archive yet"
    with time_at(pendulum.datetime(2027, 1, 2, 9, tz=BERLIN)):
        with store.transaction() as tx:
            tx.save(_action(3, 2027))
        # The clock of one write is not enough: the write before said 2026.
        assert _main_years(store.path) == [2025, 2026, 2027]
        with store.transaction() as tx:
            tx.save(_action(4, 2027))
    assert _main_years(store.path) == [2026, 2027]
    assert [d["id"] for d in raw_file(year_file(store.path, 2025))["actions"].values()] == ["a1"]
    assert [a.id for a in store.load().actions] == ["a1", "a2", "a3", "a4"]


def test_merging_contacts_rewrites_their_archived_actions(cli, store: Store, frozen) -> None:
    _history(store)
    with store.transaction() as tx:
        tx.save(Contact(id="c-sam", name="Sam Ortiz", created=_at(2019, 1, 1)))
        tx.save(_action(99, 2019, contact="c-sam"))
    result = cli("contact", "merge", "Sam Ortiz", "Dana Lee", "--yes")
    assert result.code == 0, result.err
    archived = raw_file(year_file(store.path, 2019))["actions"].values()
    assert {d["contact_id"] for d in archived} == {"c-dana"}
    assert [a.id for a in store.load().actions].count("a99") == 1

    undo = cli("undo")
    assert undo.out == "undid: merged contact Sam Ortiz into Dana Lee\n", undo.err
    archived = {
        d["id"]: d["contact_id"] for d in raw_file(year_file(store.path, 2019))["actions"].values()
    }
    assert archived["a99"] == "c-sam", "the archived action is Sam's again"
    assert {c.name for c in store.load().contacts} == {"Dana Lee", "Sam Ortiz"}
    assert [a.id for a in store.load().actions].count("a99") == 1


def test_export_and_import_carry_the_archived_years(
    cli, store: Store, frozen, tmp_path: Path
) -> None:
    actions = _history(store)
    backup = tmp_path / "backup.json"
    backup.write_text(cli("export").out, "utf-8")
    other = Store(tmp_path / "laptop" / "netrack.json")
    result = cli("--db", str(other.path), "import", str(backup))
    assert result.code == 0, result.err
    assert other.load().actions == tuple(actions)
    assert _main_years(other.path) == [2025, 2026]
    # A data file brought from another computer comes with its archive folder.
    third = Store(tmp_path / "third" / "netrack.json")
    result = cli("--db", str(third.path), "import", str(other.path))
    assert result.code == 0, result.err
    assert third.load().actions == tuple(actions)


def test_an_action_dated_otherwise_in_a_backup_moves_to_its_year(
    cli, store: Store, frozen, tmp_path: Path
) -> None:
    _history(store)
    document = json.loads(cli("export").out)
    [moved] = [d for d in document["tables"]["actions"] if d["id"] == "a0"]
    moved["at"] = "2026-11-17T10:00:00+01:00"
    moved["logged"] = "2026-11-18T09:00:00+01:00"  # newer, so the backup's copy wins
    moved["note"] = "dated again"
    backup = tmp_path / "edited.json"
    backup.write_text(json.dumps(document), "utf-8")
    assert cli("import", str(backup)).code == 0
    ids_2019 = [d["id"] for d in raw_file(year_file(store.path, 2019))["actions"].values()]
    assert ids_2019 == ["a1"]
    loaded = store.load().actions
    assert [a.note for a in loaded if a.id == "a0"] == ["dated again"]
    assert len(loaded) == 16


def test_exports_are_never_written_into_the_archive(cli, store: Store, frozen) -> None:
    _history(store)
    target = year_file(store.path, 2019)
    before = target.read_bytes()
    result = cli("export", "-o", str(target))
    assert result.code == 2
    assert target.read_bytes() == before


def _review_from_every_action(store: Store, now: pendulum.DateTime, week: str | None) -> dict:
    from netrack.cli.jsonviews import review_json
    from netrack.cli.output import json_text
    from netrack.domain.analysis import Analysis
    from netrack.domain.review import week_review
    from netrack.domain.when import parse_week

    analysis = Analysis(store.load(), now)
    review = week_review(analysis, parse_week(week, analysis.calendar, now))
    return json.loads(json_text(review_json(review, analysis)))


def test_the_week_review_counts_archived_years_without_loading_them(
    cli, store: Store, frozen
) -> None:
    _history(store)
    with store.transaction() as tx:
        tx.save(Contact(id="c-sam", name="Sam Ortiz", created=_at(2019, 1, 1), circle="inner"))
        tx.save(_action(50, 2019, contact="c-sam", kind="ask"))
    review = json.loads(cli("week", "--json").out)
    assert review["reciprocity"]["all_time"] == {
        "gives": 16,
        "takes": 1,
        "balance": 15,
        "give_share": 0.9412,
    }
    assert [c["contact"] for c in review["cold"]] == ["Sam Ortiz"]
    assert review == _review_from_every_action(store, frozen, None)
    counts = archive_folder(store.path) / "counts.json"
    assert counts.exists(), "the day counts are kept for the next review"
    # A week among the archived years is reviewed from its actions.
    old = json.loads(cli("week", "--week", "2019-W24", "--json").out)
    assert old["channels"] == {"email": 3}
    assert old == _review_from_every_action(store, frozen, "2019-W24")


def test_the_kept_day_counts_follow_every_change_of_the_archive(cli, store: Store, frozen) -> None:
    _history(store)
    assert cli("week", "--json").code == 0
    assert cli("give", "Dana Lee", "old favour", "--on", "2020-02-03").code == 0
    review = json.loads(cli("week", "--json").out)
    assert review["reciprocity"]["all_time"]["gives"] == 17
    assert cli("config", "day-starts-at", "4").code == 0
    assert json.loads(cli("week", "--json").out) == _review_from_every_action(store, frozen, None)
    counts = archive_folder(store.path) / "counts.json"
    counts.write_text('{"format": 1, "by_day": []}', "utf-8")
    assert json.loads(cli("week", "--json").out) == _review_from_every_action(store, frozen, None)


def test_only_a_file_that_records_archiving_reads_the_archive(store: Store, frozen) -> None:
    _history(store)
    raw = raw_file(store.path)
    del raw["meta"]["1"]["archived_before"]  # an older copy of the file, say
    store.path.write_text(json.dumps(raw), "utf-8")
    assert [a.id for a in store.load().actions] == [f"a{n}" for n in range(12, 16)]


def test_doctor_sees_the_archive_and_repairs_it_with_a_new_year_file(
    cli, store: Store, frozen
) -> None:
    _history(store)
    healthy = cli("doctor")
    assert healthy.code == 0, healthy.out
    assert "16 actions" in healthy.out and "no problems found" in healthy.out
    file = year_file(store.path, 2020)
    raw = raw_file(file)
    raw["actions"]["1"]["contact_id"] = "c-gone"
    file.write_text(json.dumps(raw), "utf-8")
    main_before = raw_file(store.path)
    report = cli("doctor")
    assert report.code == 1
    assert "points at contact c-gone, which does not exist" in report.out
    assert cli("doctor", "--repair").code == 0
    repaired = year_file(store.path, 2020)
    assert repaired.name == "2020.2.json"
    assert [d["contact_id"] for d in raw_file(repaired)["actions"].values()] == [None, "c-dana"]
    assert raw_file(store.path)["actions"] == main_before["actions"]
    assert len(store.load().actions) == 16
    # The year as it was stays beside it, named as the year's earlier file, and the
    # copy of the main file kept before the repair names it.
    assert raw_file(file)["actions"]["1"]["contact_id"] == "c-gone"
    meta = raw_file(store.path)["meta"]["1"]
    assert meta["archive_previous"] == {"2020": "netrack.json-archive/2020.1.json"}
    [copy] = (store.path.parent / "backups").glob("*-before-repair.json")
    assert (
        raw_file(copy)["meta"]["1"]["archive_files"]["2020"] == "netrack.json-archive/2020.1.json"
    )
    assert cli("doctor").code == 0


def _crash_after(writes: int, monkeypatch) -> list[Path]:
    """Make the process 'die' (an exception) once ``writes`` files have been replaced.

    Returns the list of files written (year files, then the main file) as it grows.
    """
    import netrack.store.generations as generations

    real = generations.write_atomic
    done: list[Path] = []

    def write(path, data):
        if len(done) == writes:
            raise KeyboardInterrupt("killed")
        real(path, data)
        done.append(path)

    monkeypatch.setattr(generations, "write_atomic", write)
    return done


@pytest.mark.parametrize("how", ["save", "import"])
def test_a_change_across_files_is_read_whole_or_not_at_all(
    store: Store, frozen, monkeypatch, how: str
) -> None:
    """Actions moving out of the archive and into it (as an import's copies dated
    otherwise do): whichever write the crash comes after, readers see the history as
    it was, and the change whole once the main file is written."""
    from netrack.store.records import action_to_doc

    _history(store)
    before = store.load().actions
    moved_in = _action(3, 2026)  # a3 was in 2020: now it belongs in the main file
    moved_out = _action(14, 2020)  # a14 was in 2026: now it belongs in 2020

    def move(tx) -> None:
        if how == "save":
            tx.save_many([moved_in, moved_out])
        else:
            tx.put_raw_many("actions", [action_to_doc(moved_in), action_to_doc(moved_out)])

    writes = 0
    while True:
        with monkeypatch.context() as patch:
            done = _crash_after(writes, patch)
            with contextlib.suppress(KeyboardInterrupt), store.transaction() as tx:
                move(tx)
        if store.path in done:
            break
        assert store.load().actions == before, f"after {writes} file(s)"
        writes += 1
    assert writes == 2, "2020's new file, then the main file"
    after = {a.id: a.at.year for a in store.load().actions}
    assert (after["a3"], after["a14"], len(after)) == (2026, 2020, 16)
    assert Store(store.path).load().actions != before


def test_an_empty_archive_file_is_reported_not_read_as_an_empty_year(
    cli, store: Store, frozen
) -> None:
    _history(store)
    damaged = year_file(store.path, 2020)
    damaged.write_bytes(b"")
    for args in (["log", "--all"], ["week"], ["give", "Dana", "--on", "2020-03-01"]):
        result = cli(*args)
        assert result.code == 1, args
        assert str(damaged) in result.err and "empty" in result.err
    assert damaged.read_bytes() == b""


def test_a_year_before_1000_is_kept_where_it_is_read(store: Store, frozen) -> None:
    from netrack.store.records import action_to_doc

    _history(store)
    ancient = _action(90, 2020)._replace(at=_at(2020).replace(year=202))
    with store.transaction() as tx:
        tx.put_raw_many("actions", [action_to_doc(ancient)])
    assert year_file(store.path, 202).name == "0202.1.json"
    assert "a90" in {a.id for a in store.load().actions}


def test_year_files_no_commit_names_are_never_read(cli, store: Store, frozen) -> None:
    _history(store)
    # Left by writes that never committed: a year the main file keeps, and a newer
    # generation of an archived year with an action of its own.
    folder = archive_folder(store.path)
    (folder / "2025.1.json").write_text(json.dumps(raw_file(store.path)), "utf-8")
    stray = raw_file(year_file(store.path, 2020))
    stray["actions"]["9"] = {**stray["actions"]["1"], "id": "a-stray"}
    (folder / "2020.2.json").write_text(json.dumps(stray), "utf-8")
    review = json.loads(cli("week", "--json").out)
    assert review["reciprocity"]["all_time"]["gives"] == 16
    assert review == _review_from_every_action(store, frozen, None)
    assert "a-stray" not in {a.id for a in store.load().actions}
    assert cli("give", "Dana Lee", "old favour", "--on", "2020-02-03").code == 0
    assert year_file(store.path, 2020).name == "2020.3.json", "a name no file had"
    assert "a-stray" not in {a.id for a in store.load().actions}
