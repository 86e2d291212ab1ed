"""The archive is as safe as the main file: only what a commit names is read, a change
across year files is all or nothing, a damaged year can be put back, and one run's
clock cannot move this year's actions away."""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path

import pendulum
import pytest

from netrack.domain.models import Action, Contact
from netrack.store import Store
from netrack.store.archive import archive_folder
from netrack.store.backups import all_backups, backup_folder
from tests.conftest import BERLIN, raw_file, time_at


def _at(year: int, month: int = 6, day: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, 10, tz=BERLIN)


DANA = Contact(id="c-dana", name="Dana Lee", created=_at(2019, 1, 1))
SAM = Contact(id="c-sam", name="Sam Ortiz", created=_at(2019, 1, 1))


def _action(n: int, year: int, contact: str = "c-dana") -> Action:
    return Action(f"a{n}", "give", contact, _at(year), _at(year), "email", f"note {n}")


def _history(store: Store) -> None:
    """Dana's two actions a year from 2019 to 2026; Sam's one a year from 2019 to 2026."""
    with store.transaction() as tx:
        tx.save_many([DANA, SAM, *(_action(n, 2019 + n // 2) for n in range(16))])
        tx.save_many([_action(100 + y, y, "c-sam") for y in range(2019, 2027)])


def year_file(path: Path, year: int) -> Path:
    return path.parent / raw_file(path)["meta"]["1"]["archive_files"][str(year)]


def _ids(store: Store) -> set[str]:
    return {a.id for a in store.load().actions}


def _crash_when_writing(target: str, monkeypatch) -> list[Path]:
    """Make the process 'die' (an exception) when it comes to replace the main file
    (``target="main"``) or after ``target`` files; returns the files written."""
    import netrack.store.generations as generations

    real = generations.write_atomic
    done: list[Path] = []

    def write(path, data):
        if (target == "main" and path.suffix == ".json" and "archive" not in str(path.parent)) or (
            target.isdigit() and len(done) == int(target)
        ):
            raise KeyboardInterrupt("killed")
        real(path, data)
        done.append(path)

    monkeypatch.setattr(generations, "write_atomic", write)
    return done


def _old_actions_backup(tmp_path: Path, count: int) -> Path:
    """A backup holding ``count`` actions of 2019-2021 for contacts it also holds."""
    people = [
        {"id": f"c-imp{n}", "name": f"Imported {n}", "created": "2019-01-01T10:00:00+01:00"}
        for n in range(10)
    ]
    actions = [
        {
            "id": f"imp-{n}",
            "kind": "give",
            "contact_id": f"c-imp{n % 10}",
            "at": f"{2019 + n % 3}-03-0{1 + n % 9}T10:00:00+01:00",
            "logged": f"{2019 + n % 3}-03-0{1 + n % 9}T10:00:00+01:00",
            "channel": "email",
            "note": f"imported {n}",
        }
        for n in range(count)
    ]
    document = {
        "format": "netrack-backup",
        "format_version": 1,
        "schema_version": 1,
        "tables": {"contacts": people, "actions": actions},
    }
    file = tmp_path / "old-history.json"
    file.write_text(json.dumps(document), "utf-8")
    return file


def test_a_killed_import_leaves_nothing_that_is_read_and_doctor_clears_it(
    cli, store: Store, frozen, monkeypatch, tmp_path: Path
) -> None:
    _history(store)
    before = _ids(store)
    source = _old_actions_backup(tmp_path, 300)
    with monkeypatch.context() as patch:
        written = _crash_when_writing("main", patch)
        with contextlib.suppress(KeyboardInterrupt):
            cli("import", str(source))
    assert {p.name for p in written} == {"2019.2.json", "2020.2.json", "2021.2.json"}
    assert _ids(store) == before
    # The next write to those years (and the first of a new year) pulls nothing in.
    assert cli("give", "Dana Lee", "old favour", "--on", "2020-02-03").code == 0
    assert len(_ids(store)) == len(before) + 1
    assert not any(i.startswith("imp-") for i in _ids(store))
    # Stray files left now would be reported; the write above pruned those it could.
    stray = archive_folder(store.path) / "2021.7.json"
    stray.write_bytes(written[-1].read_bytes() if written[-1].exists() else b"{}")
    report = cli("doctor")
    assert report.code == 1
    assert f"archive file {stray} is named by no commit" in report.out
    assert "--repair will delete it" in report.out
    assert cli("doctor", "--repair").code == 0
    assert not stray.exists()
    assert cli("doctor").code == 0


def test_restoring_a_backup_from_before_an_import_brings_the_archive_back_too(
    cli, store: Store, frozen, tmp_path: Path
) -> None:
    _history(store)
    history = _ids(store)
    assert cli("give", "Dana Lee", "today").code == 0  # the day's copy is made first
    assert cli("import", str(_old_actions_backup(tmp_path, 60))).code == 0
    assert len(_ids(store)) == len(history) + 61
    listing = cli("restore").out
    assert "netrack.json-20261119.json" in listing
    assert f"{len(history)} actions" in listing, "the copy counts its archived years"
    assert cli("restore", "netrack.json-20261119.json", "--yes").code == 0
    assert _ids(store) == history
    assert cli("give", "Sam Ortiz", "old favour", "--on", "2020-02-03").code == 0
    assert not any(i.startswith("imp-") for i in _ids(store))
    assert cli("doctor").code == 0, "the import's files are named by the copy kept"


def test_merging_contacts_is_all_or_nothing_across_year_files(
    cli, store: Store, frozen, monkeypatch
) -> None:
    _history(store)
    sams = {f"a{100 + y}" for y in range(2019, 2027)}

    def owners() -> set[str]:
        return {a.contact_id for a in store.load().actions if a.id in sams}

    writes = 0
    while True:
        with monkeypatch.context() as patch:
            done = _crash_when_writing(str(writes), patch)
            with contextlib.suppress(KeyboardInterrupt):
                result = cli("contact", "merge", "Sam Ortiz", "Dana Lee", "--yes")
        if store.path in done:
            break
        assert owners() == {"c-sam"}, f"crashed after {writes} file(s)"
        assert [c.name for c in store.load().contacts] == ["Dana Lee", "Sam Ortiz"]
        writes += 1
    assert result.code == 0, result.err
    assert writes == 7, "a new file for each of 2019-2024, then the main file"
    assert owners() == {"c-dana"}
    assert cli("doctor").code == 0


def test_a_truncated_year_file_is_put_back_from_the_file_it_replaced(
    cli, store: Store, frozen
) -> None:
    _history(store)
    assert cli("meet", "Dana Lee", "reunion", "--on", "2020-03-05").code == 0  # a follow-up
    # Help received: it leaves the meeting's follow-up open (a give would close it).
    assert cli("receive", "Dana Lee", "old favour", "--on", "2020-04-01").code == 0
    damaged = year_file(store.path, 2020)
    assert damaged.name == "2020.3.json"
    damaged.write_bytes(damaged.read_bytes()[:40])
    for args in (["log", "--all"], ["week"], ["export"]):
        result = cli(*args)
        assert result.code == 1 and str(damaged) in result.err, args
    report = cli("doctor")
    assert report.code == 1
    assert f"archive year 2020 ({damaged}) cannot be used: not valid JSON" in report.out
    assert (
        "--repair will put back netrack.json-archive/2020.2.json, the year as it was "
        "before its last change (4 actions)"
    ) in report.out
    assert "does not exist" not in report.out, "the follow-up's meeting is in the year put back"
    assert cli("doctor", "--repair").code == 0
    assert cli("log", "--all").code == 0
    notes = {a.note for a in store.load().actions}
    assert "reunion" in notes and "old favour" not in notes
    assert len(store.load().actions) == 25
    assert cli("doctor").code == 0


def test_a_damaged_first_year_file_comes_back_from_the_copy_made_before_archiving(
    cli, store: Store, frozen
) -> None:
    with time_at(_at(2024, 12, 1)), store.transaction() as tx:
        tx.save_many([DANA, _action(2, 2023), _action(3, 2024)])
    assert cli("give", "Dana Lee", "now").code == 0
    assert "archive_files" not in raw_file(store.path)["meta"]["1"], "the last write said 2024"
    assert cli("give", "Dana Lee", "again").code == 0  # moves 2023 and 2024 out, copy first
    [copy] = backup_folder(store.path).glob("*-before-archive.json")
    damaged = year_file(store.path, 2023)
    damaged.write_bytes(b"")
    report = cli("doctor")
    assert f"--repair will put back the year's actions from backup {copy.name} (1 action)" in (
        report.out
    )
    assert cli("doctor", "--repair").code == 0
    assert {a.id for a in store.load().actions} >= {"a2", "a3"}
    assert year_file(store.path, 2023).name == "2023.2.json"
    assert cli("doctor").code == 0


def test_a_year_with_no_readable_copy_is_set_aside_and_the_rest_can_be_used(
    cli, store: Store, frozen
) -> None:
    _history(store)  # a new file: no copy exists from before its years were archived
    damaged = year_file(store.path, 2021)
    damaged.write_bytes(b"\0" * 100)
    report = cli("doctor")
    assert "no readable copy of it is left" in report.out
    assert "--repair will set year 2021 aside (the damaged file is kept as it is)" in report.out
    assert cli("doctor", "--repair").code == 0
    assert damaged.read_bytes() == b"\0" * 100
    assert len(store.load().actions) == 24 - 3
    assert cli("doctor").code == 0


def test_one_run_with_the_clock_years_ahead_archives_nothing_more(
    cli, store: Store, frozen
) -> None:
    _history(store)
    main_before = {d["id"] for d in raw_file(store.path)["actions"].values()}
    with time_at(pendulum.datetime(2031, 3, 1, 9, tz=BERLIN)):
        assert cli("give", "Dana Lee", "from the future").code == 0
    meta = raw_file(store.path)["meta"]["1"]
    assert meta["archived_before"] == 2025
    main_now = {d["id"] for d in raw_file(store.path)["actions"].values()}
    assert main_now >= main_before, "this year's and last year's actions stay"
    assert cli("give", "Dana Lee", "back to now").code == 0
    assert raw_file(store.path)["meta"]["1"]["archived_before"] == 2025


def test_years_archived_while_the_clock_ran_ahead_come_back(cli, store: Store, frozen) -> None:
    _history(store)
    with time_at(pendulum.datetime(2031, 3, 1, 9, tz=BERLIN)):
        assert cli("give", "Dana Lee", "future 1").code == 0
        assert cli("give", "Dana Lee", "future 2").code == 0
    assert raw_file(store.path)["meta"]["1"]["archived_before"] == 2030
    assert cli("give", "Dana Lee", "now").code == 0
    meta = raw_file(store.path)["meta"]["1"]
    assert meta["archived_before"] == 2025
    years = {d["at"][:4] for d in raw_file(store.path)["actions"].values()}
    assert years == {"2025", "2026", "2031"}, "future-dated actions stay in the main file"
    assert sorted(meta["archive_files"]) == [str(y) for y in range(2019, 2025)]
    assert len(store.load().actions) == 27


def test_doctor_checks_modes_inside_the_archive_folder(cli, store: Store, frozen) -> None:
    _history(store)
    folder = archive_folder(store.path)
    file = year_file(store.path, 2020)
    os.chmod(folder, 0o755)
    os.chmod(file, 0o644)
    report = cli("doctor")
    assert report.code == 1
    assert f"archive folder {folder} is open to other users (mode 0755)" in report.out
    assert f"archive file {file} is open to other users (mode 0644)" in report.out
    assert cli("doctor", "--repair").code == 0
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(file).st_mode) == 0o600
    assert cli("doctor").code == 0


def test_a_year_can_be_put_back_with_restore(cli, store: Store, frozen) -> None:
    _history(store)
    assert cli("give", "Dana Lee", "reunion", "--on", "2020-03-05").code == 0
    listing = cli("restore").out
    assert "archive years as they were before their last change:" in listing
    assert "2020.1.json" in listing and "year 2020" in listing
    result = cli("restore", "2020.1.json", "--yes")
    assert result.code == 0, result.err
    assert "restored archive year 2020 from netrack.json-archive/2020.1.json" in result.out
    assert "reunion" not in {a.note for a in store.load().actions}
    # The change that was put aside can be put back the same way.
    assert cli("restore", "2020.2.json", "--yes").code == 0
    assert "reunion" in {a.note for a in store.load().actions}


def test_undo_takes_back_putting_a_year_back(cli, store: Store, frozen) -> None:
    _history(store)
    assert cli("give", "Dana Lee", "reunion", "--on", "2020-03-05").code == 0
    cli("restore", "2020.1.json", "--yes")
    assert "reunion" not in {a.note for a in store.load().actions}
    undone = cli("undo")
    assert undone.out == (
        "undid: restored archive year 2020 from netrack.json-archive/2020.1.json "
        "(the file is back as it was before)\n"
    )
    assert "reunion" in {a.note for a in store.load().actions}
    assert cli("doctor").code == 0, "the year files the file names are all there"
    assert cli("undo").out == "undid: logged give → Dana Lee\n"
    assert "reunion" not in {a.note for a in store.load().actions}


@pytest.fixture
def version_1_layout(store: Store, frozen) -> Path:
    """A data file as netrack wrote it before year files were generations."""
    _history(store)
    legacy = store.path.with_name("netrack-archive")
    legacy.mkdir(mode=0o700)
    raw = raw_file(store.path)
    for year, name in raw["meta"]["1"]["archive_files"].items():
        (legacy / f"{year}.json").write_bytes((store.path.parent / name).read_bytes())
        os.chmod(legacy / f"{year}.json", 0o600)
    raw["meta"]["1"] = {"schema_version": 1, "archived_before": 2025}
    store.path.write_text(json.dumps(raw), "utf-8")
    for file in archive_folder(store.path).iterdir():
        file.unlink()
    archive_folder(store.path).rmdir()
    for copy in backup_folder(store.path).glob("*"):
        copy.unlink()
    return legacy


def test_a_file_from_before_generations_opens_and_is_migrated_with_a_copy(
    cli, store: Store, version_1_layout: Path
) -> None:
    version_1 = store.path.read_bytes()
    assert len(store.load().actions) == 24
    assert cli("give", "Dana Lee", "reunion", "--on", "2020-03-05").code == 0
    meta = raw_file(store.path)["meta"]["1"]
    assert meta["archive_files"]["2019"] == "netrack-archive/2019.json"
    assert meta["archive_files"]["2020"] == "netrack.json-archive/2020.1.json"
    assert meta["archive_previous"] == {"2020": "netrack-archive/2020.json"}
    assert len(store.load().actions) == 25
    [premigration] = backup_folder(store.path).glob("*-before-v2.json")
    assert premigration.read_bytes() == version_1
    listing = cli("restore").out
    assert f"{premigration.name}" in listing and "24 actions" in listing
    assert cli("restore", premigration.name, "--yes").code == 0
    assert len(store.load().actions) == 24
    assert cli("doctor").code == 0


def test_files_that_share_a_stem_keep_their_own_backups(cli, tmp_path: Path, frozen) -> None:
    work = tmp_path / "work.json"
    personal = tmp_path / "work.personal"
    for day in (18, 19):
        with time_at(pendulum.datetime(2026, 11, day, 9, tz=BERLIN)):
            assert cli("--db", str(work), "give", "Work Person", f"w{day}").code == 0
            assert cli("--db", str(personal), "give", "Home Person", f"p{day}").code == 0
    names = sorted(b.name for data in (work, personal) for b in all_backups(data))
    assert names == ["work.json-20261119.json", "work.personal-20261119.json"]
    listing = cli("--db", str(personal), "restore").out
    assert "work.personal-20261119.json" in listing and "work.json-" not in listing
    assert cli("--db", str(personal), "restore", "20261119", "--yes").code == 0
    assert {c.name for c in Store(personal).load().contacts} == {"Home Person"}


def test_doctor_finds_years_archived_while_the_clock_ran_ahead_and_brings_them_back(
    cli, store: Store, frozen
) -> None:
    _history(store)
    with time_at(pendulum.datetime(2031, 3, 1, 9, tz=BERLIN)):
        assert cli("give", "Dana Lee", "future 1").code == 0
        assert cli("give", "Dana Lee", "future 2").code == 0
    report = cli("doctor")
    assert report.code == 1
    assert "the actions of 2025-2029 are in the archive, moved there while a clock ran ahead" in (
        report.out
    )
    assert "--repair will bring those years back into the data file" in report.out
    assert cli("doctor", "--repair").code == 0
    meta = raw_file(store.path)["meta"]["1"]
    assert meta["archived_before"] == 2025
    assert {d["at"][:4] for d in raw_file(store.path)["actions"].values()} == {
        "2025",
        "2026",
        "2031",
    }
    assert len(store.load().actions) == 26
    assert cli("doctor").code == 0


def test_copies_named_by_an_earlier_netrack_still_count_for_the_json_file(
    cli, tmp_path: Path, frozen
) -> None:
    data = tmp_path / "work.json"
    assert cli("--db", str(data), "give", "Dana Lee", "deck").code == 0
    folder = backup_folder(data)
    folder.mkdir(mode=0o700, exist_ok=True)
    (folder / "work-20261101.json").write_bytes(data.read_bytes())  # named from the stem
    os.chmod(folder / "work-20261101.json", 0o600)
    assert "work-20261101.json" in cli("--db", str(data), "restore").out
    other = tmp_path / "work.personal"
    assert cli("--db", str(other), "give", "Sam Ortiz", "deck").code == 0
    assert "work-20261101.json" not in cli("--db", str(other), "restore").out
