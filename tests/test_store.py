"""The store: every table round-trips, writes are atomic and locked, damage is refused."""

from __future__ import annotations

import os
import stat
from datetime import date

import pendulum
import pytest

from netrack.domain.models import (
    Action,
    Contact,
    FollowUp,
    Habit,
    TargetChange,
    WeekNote,
)
from netrack.errors import DataFileError
from netrack.store import Store
from netrack.store.files import lock_path_for
from netrack.store.schema import SCHEMA_VERSION
from tests.conftest import raw_file, run_netrack


def _moment(day: int, hour: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(2026, 11, day, hour, tz="Europe/Berlin")


def test_a_new_file_starts_with_the_default_habits(store: Store, frozen) -> None:
    habits = store.load().habits
    assert [(h.name, h.kinds, h.target) for h in habits] == [
        ("Reach-outs", ("reach-out",), 5),
        ("Give first", ("give",), 3),
        ("Follow-ups", ("follow-up",), 3),
        ("Meet", ("meet",), 1),
    ]
    assert not store.path.exists(), "reading must not create the file"


def test_every_table_round_trips(store: Store, frozen) -> None:
    contact = Contact(
        id="c1",
        name="Dana Lee",
        created=_moment(1),
        company="Acme",
        role="CTO",
        met_how="PyCon",
        tags=("python", "hiring"),
        circle="inner",
        cadence_days=21,
        email="dana@example.com",
        url="https://example.com/dana",
        notes="likes [jazz]",
        updated=_moment(2),
    )
    action = Action(
        id="a1",
        kind="give",
        contact_id="c1",
        at=_moment(3, 9),
        logged=_moment(3, 10),
        channel="email",
        note="sent the hiring deck",
        personal=None,
    )
    followup = FollowUp(
        id="f1",
        contact_id="c1",
        text="send intro",
        due=date(2026, 11, 20),
        created=_moment(3),
        source_action_id="a1",
        closed=_moment(4),
        closed_by_action_id="a2",
    )
    habit = Habit(
        id="h1",
        name="Events",
        kinds=("meet", "event"),
        targets=(TargetChange(date(2026, 1, 1), 1), TargetChange(date(2026, 6, 1), 2)),
        created=date(2026, 1, 1),
    )
    note = WeekNote(
        id="n1",
        week="2026-W47",
        reflection="good week",
        focus="more asks",
        skipped=True,
        skip_reason="holiday",
        updated=_moment(5),
    )
    with store.transaction() as tx:
        for record in (contact, action, followup, habit, note):
            tx.save(record)
        tx.set_setting("week-start", "sunday")

    data = store.load()
    assert data.contacts == (contact,)
    assert data.actions == (action,)
    assert data.followups == (followup,)
    assert habit in data.habits
    assert data.week_notes == (note,)
    assert data.settings.week_start == 6
    assert raw_file(store.path)["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_saving_a_record_again_replaces_it_by_id(store: Store, frozen) -> None:
    contact = Contact(id="c1", name="Dana", created=_moment(1))
    with store.transaction() as tx:
        tx.save(contact)
    with store.transaction() as tx:
        tx.save(Contact(id="c1", name="Dana Lee", created=_moment(1)))
    assert [c.name for c in store.load().contacts] == ["Dana Lee"]


def test_nothing_is_written_when_the_transaction_fails(store: Store, frozen) -> None:
    with store.transaction() as tx:
        tx.save(Contact(id="c1", name="Dana", created=_moment(1)))
    before = store.path.read_bytes()
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.save(Contact(id="c2", name="Sam", created=_moment(1)))
        raise RuntimeError("boom")
    assert store.path.read_bytes() == before


def test_data_file_lock_and_folder_are_private(tmp_path, frozen) -> None:
    store = Store(tmp_path / "new" / "deeper" / "netrack.json")
    with store.transaction() as tx:
        tx.save(Contact(id="c1", name="Dana", created=_moment(1)))
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(lock_path_for(store.path)).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(store.path.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(store.path.parent.parent).st_mode) == 0o700


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\x00\x00\x00garbage\xff\xfe", "not UTF-8"),
        (b'{"contacts": {"1": {"id": ', "not valid JSON"),
        (b"[1, 2, 3]", "wrong shape"),
        (b'{"contacts": {"1": "Dana"}}', "record contacts/1"),
        (b'{"meta": {"1": {"schema_version": 99}}}', "newer netrack"),
        (b'{"meta": {"1": {"schema_version": 1}}, "actions": {"1": {"id": "a"}}}', "missing field"),
    ],
)
def test_an_unreadable_file_is_reported_and_left_untouched(
    store: Store, frozen, content: bytes, problem: str
) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(content)
    with pytest.raises(DataFileError) as caught:
        store.load()
    assert problem in str(caught.value)
    assert str(store.path) in str(caught.value)
    with pytest.raises(DataFileError), store.transaction() as tx:
        tx.save(Contact(id="c1", name="Dana", created=_moment(1)))
    assert store.path.read_bytes() == content


def test_garbage_file_makes_quick_add_exit_1_and_keeps_the_bytes(tmp_path) -> None:
    db = tmp_path / "netrack.json"
    garbage = os.urandom(512) + b"\x00" * 64
    db.write_bytes(garbage)
    result = run_netrack("give", "Dana Lee", "sent the deck", db=db)
    assert result.returncode == 1
    assert str(db) in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == garbage


def test_a_reader_sees_other_processes_writes(store: Store, frozen) -> None:
    """No cached handle: a store object sees what another writer did since."""
    reader = Store(store.path)
    assert reader.load().contacts == ()
    with store.transaction() as tx:
        tx.save(Contact(id="c1", name="Dana", created=_moment(1)))
    assert [c.name for c in reader.load().contacts] == ["Dana"]
    with reader.transaction() as tx:
        tx.save(Contact(id="c2", name="Sam", created=_moment(1)))
    assert {c.name for c in store.load().contacts} == {"Dana", "Sam"}


def test_four_processes_adding_fifty_each_lose_nothing(tmp_path, frozen) -> None:
    db = tmp_path / "netrack.json"
    script = (
        "import sys\n"
        "from netrack.cli.main import main\n"
        "w = sys.argv[1]\n"
        "for i in range(50):\n"
        "    args = ['give', f'Writer {w}', f'note {w}-{i}', '--new', '--db', sys.argv[2]]\n"
        "    assert main(args) == 0\n"
    )
    import subprocess

    from tests.conftest import python_command

    procs = [
        subprocess.Popen(
            python_command(script, str(w), str(db)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for w in range(4)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err.decode()
    data = Store(db).load()
    notes = sorted(a.note for a in data.actions)
    assert notes == sorted(f"note {w}-{i}" for w in range(4) for i in range(50))
    assert len({a.id for a in data.actions}) == 200
    assert sorted(c.name for c in data.contacts) == [f"Writer {w}" for w in range(4)]


def test_save_many_inserts_and_replaces_in_one_pass(store: Store, frozen) -> None:
    with store.transaction() as tx:
        tx.save(Contact(id="c1", name="Dana", created=_moment(1)))
    with store.transaction() as tx:
        count = tx.save_many(
            [
                Contact(id="c1", name="Dana Lee", created=_moment(1)),
                Contact(id="c2", name="Sam", created=_moment(1)),
                Action(id="a1", kind="give", contact_id="c2", at=_moment(2), logged=_moment(2)),
            ]
        )
        assert count == 3
        tx.delete(Contact(id="c2", name="Sam", created=_moment(1)))
    data = store.load()
    assert [c.name for c in data.contacts] == ["Dana Lee"]
    assert [a.id for a in data.actions] == ["a1"]


def test_a_large_file_reads_the_same_as_a_small_one(store: Store, frozen) -> None:
    """orjson refuses a lone surrogate escape that the standard library reads: a file
    that grows past the size where orjson takes over must still read."""
    from netrack.store import codec

    note = {
        "id": "c1",
        "name": "Dana",
        "created": "2026-11-01T10:00:00+01:00",
        "notes": "cut \ud83d",
    }
    small = codec.encode({"contacts": {"1": note}})
    big = codec.encode({"contacts": {"1": note}, "pad": "x" * codec.LARGE_FILE_BYTES})
    assert codec.decode(small)["contacts"]["1"]["notes"] == "cut \ud83d"
    assert codec.decode(big)["contacts"]["1"]["notes"] == "cut \ud83d"


def test_a_linked_data_file_is_written_where_it_really_is(tmp_path, frozen) -> None:
    real = tmp_path / "synced" / "netrack.json"
    link = tmp_path / "netrack.json"
    with Store(real).transaction() as tx:
        tx.save(Contact(id="c1", name="Dana", created=_moment(1)))
    link.symlink_to(real)
    with Store(link).transaction() as tx:
        tx.save(Contact(id="c2", name="Sam", created=_moment(1)))
    assert link.is_symlink()
    assert {c.name for c in Store(real).load().contacts} == {"Dana", "Sam"}
    assert lock_path_for(real).exists() and not lock_path_for(link).exists()


@pytest.mark.parametrize(
    ("value", "problem"),
    [('"cut \\ud83d"', "not UTF-8"), ("NaN", "not a finite number"), ("1e400", "finite")],
)
def test_import_refuses_values_json_libraries_disagree_on(cli, tmp_path, value, problem) -> None:
    backup = tmp_path / "odd.json"
    backup.write_text(
        '{"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"id": "c1", "name": "Dana",'
        f' "created": "2026-11-01T10:00:00+01:00", "notes": {value}}}}}}}',
        "utf-8",
    )
    result = cli("import", str(backup))
    assert result.code == 1
    assert problem in result.err
