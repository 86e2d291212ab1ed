"""Nothing acknowledged is lost: many writers at once, and writers killed mid-write."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from functools import partial
from pathlib import Path

from netrack import clock
from netrack.cli.main import main
from netrack.domain.ids import new_id
from netrack.domain.models import Action
from netrack.store import Store
from netrack.store.health import stale_temp_files
from tests.conftest import python_command, this_moment

WRITERS = 8
ADDS_EACH = 50
KILLS = 100
CRASH_WRITER = Path(__file__).parent / "helpers" / "crash_writer.py"

QUICK_ADDER = """
import sys
from netrack.cli.main import main
writer, db, adds = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(adds):
    code = main(["give", f"Writer {writer}", f"note {writer}-{i}", "--new", "--db", db])
    assert code == 0, code
"""


def _start_quick_adders(db: Path) -> list[subprocess.Popen]:
    """WRITERS processes, each logging ADDS_EACH gives into ``db`` as fast as it can."""
    return [
        subprocess.Popen(
            python_command(QUICK_ADDER, str(w), str(db), str(ADDS_EACH)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for w in range(WRITERS)
    ]


def _notes(data) -> set[str]:
    return {a.note for a in data.actions}


def _app_has(app, note: str) -> bool:
    return note in _notes(app.snapshot.data)


def test_eight_quick_adders_and_a_long_lived_store_lose_nothing(tmp_path: Path, frozen) -> None:
    """The app's store reads and writes the whole time 8 processes each add 50 actions."""
    db = tmp_path / "netrack.json"
    app_store = Store(db)  # lives as long as the test, like the TUI's
    own_notes: set[str] = set()
    with app_store.transaction() as tx:  # the app starts first and creates the file
        tx.save(_own_action("app 0"))
    own_notes.add("app 0")
    writers = _start_quick_adders(db)
    seen: set[str] = set()
    state = None
    rounds = 0
    while any(w.poll() is None for w in writers):
        rounds += 1
        if app_store.file_state() != state:  # the app reloads when the file changes
            state = app_store.file_state()
            notes = _notes(app_store.load())
            assert seen <= notes, "a reader saw an action disappear"
            seen = notes
        if rounds % 10 == 0:
            note = f"app {rounds}"
            with app_store.transaction() as tx:
                tx.save(_own_action(note))
            own_notes.add(note)
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()

    json.loads(db.read_bytes())  # a valid JSON document
    data = app_store.load()
    expected = {f"note {w}-{i}" for w in range(WRITERS) for i in range(ADDS_EACH)}
    assert _notes(data) == expected | own_notes
    assert len(data.actions) == len(expected) + len(own_notes)
    assert len({a.id for a in data.actions}) == len(data.actions)
    assert sorted(c.name for c in data.contacts) == [f"Writer {w}" for w in range(WRITERS)]


def _own_action(note: str) -> Action:
    now = clock.now()
    return Action(id=new_id(), kind="give", contact_id=None, at=now, logged=now, note=note)


def test_a_writer_killed_at_random_moments_never_loses_an_acknowledged_action(
    tmp_path: Path, frozen
) -> None:
    """SIGKILL a quick-adding process 100 times; after each kill the file is whole."""
    db = tmp_path / "data" / "netrack.json"
    seed = random.randrange(1_000_000)
    print(f"kill timings from seed {seed} (tests/helpers/crash_writer.py)")
    helper = subprocess.Popen(
        [sys.executable, str(CRASH_WRITER), *this_moment(), str(db), str(KILLS), str(seed)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    acknowledged: set[str] = set()
    rounds_with_writes = 0
    try:
        for round_number in range(KILLS):
            line = helper.stdout.readline()
            assert line, f"helper stopped (seed {seed}): {helper.stderr.read()}"
            report = json.loads(line)
            assert report["round"] == round_number
            assert report["killed"], "the writer finished before it was killed"
            acknowledged.update(report["acked"])
            rounds_with_writes += bool(report["acked"])
            if db.exists():
                json.loads(db.read_bytes())  # never half-written
                stored = _notes(Store(db).load())
                missing = acknowledged - stored
                assert not missing, f"lost after kill {round_number} (seed {seed}): {missing}"
            else:
                assert not acknowledged
            helper.stdin.write("next\n")
            helper.stdin.flush()
    finally:
        helper.stdin.close()
        helper.wait(timeout=30)
    # Every tenth round waits for a write; the kill timings adapt to the machine's speed,
    # so kills land both before and after writes were acknowledged.
    assert rounds_with_writes >= KILLS // 10, f"seed {seed}"
    assert rounds_with_writes < KILLS, f"no kill came before the first write (seed {seed})"

    # Killed writers may leave temporary files; doctor --repair clears them.
    assert main(["doctor", "--repair", "--db", str(db)]) == 0
    assert stale_temp_files(db, only_dead_writers=False) == []
    assert main(["doctor", "--db", str(db)]) == 0
    assert acknowledged <= _notes(Store(db).load())
    assert {a.at for a in Store(db).load().actions} == {frozen}


async def test_the_app_itself_shows_every_quick_add_made_while_it_runs(
    tmp_path: Path, frozen
) -> None:
    """The real app, headless and watching the file, while 8 processes add 50 actions each;
    the app logs its own actions through the quick-log form meanwhile."""
    from textual.widgets import DataTable, Input

    from netrack.tui.app import NetrackApp
    from tests.tui_support import wait_until

    db = tmp_path / "netrack.json"
    assert main(["give", "Dana Lee", "before the app", "--db", str(db)]) == 0
    app = NetrackApp(Store(db), watch_file=True)
    async with app.run_test(size=(120, 40)) as pilot:
        writers = _start_quick_adders(db)
        own = 0
        while any(w.poll() is None for w in writers):
            note = f"from the app {own}"
            await pilot.press("escape", "g")
            app.screen.query_one("#contact", Input).value = "Dana Lee"
            app.screen.query_one("#note", Input).value = note
            await pilot.press("enter")
            await wait_until(pilot, partial(_app_has, app, note), f"{note!r} saved")
            own += 1
        for writer in writers:
            assert writer.wait(timeout=240) == 0, writer.stderr.read().decode()
        expected = {f"note {w}-{i}" for w in range(WRITERS) for i in range(ADDS_EACH)}
        expected |= {f"from the app {n}" for n in range(own)} | {"before the app"}
        table = app.screen.query_one("#week-actions", DataTable)

        def shown() -> set[str]:
            return {str(table.get_row_at(i)[3]) for i in range(table.row_count)}

        # The app notices the last write within a second or two.
        await wait_until(pilot, lambda: _notes(app.snapshot.data) >= expected, "the last write")
        assert _notes(app.snapshot.data) == expected
        assert shown() == expected  # all of them this week: every process ran at this moment
    assert own > 0
    on_disk = Store(db).read_raw()  # a fresh reader: the main file and its journal
    assert {doc["note"] for doc in on_disk["actions"].values()} == expected
