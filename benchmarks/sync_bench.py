"""Sync at one size of history (``bench.py`` runs it on its 20k file).

- starting a folder: ``netrack sync init`` on the history (it publishes everything);
- a new computer joining that folder: ``netrack sync init`` on an empty data file;
- what syncing adds to a quick add: ``netrack give`` on the synced file against the same
  on an unsynced copy, in turns (after each synced one, the background sync it started
  is let finish, so that runs do not overlap); and, less noisy, the sync steps of a
  quick add timed inside one process (the checks before it, the start of the background
  sync after it);
- taking in another computer's day of changes (15 actions, 3 contact edits, a week
  note), published by the first computer: the sync run itself, timed inside a process
  that has imported netrack (as the app runs it), and a whole ``netrack sync`` process.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HOOKS = """
import sys, time
from pathlib import Path
import netrack.cli.main, netrack.cli.context  # a quick add has these already
start = time.perf_counter()
from netrack.store.outbox import is_syncing
from netrack.sync import background, probe
path = Path(sys.argv[1])
assert is_syncing(path)
probe.news(path)
probe.changed_since_sync(path)
background.start_background_sync(path)
print(time.perf_counter() - start)
"""

IN_PROCESS = """
import sys, time
from netrack import clock
from netrack.operations.sync import sync_now
from netrack.store import Store
import netrack.sync.engine  # the engine's import is not part of a run in the app
start = time.perf_counter()
report = sync_now(Store(sys.argv[1]), clock.now())
print(time.perf_counter() - start, report.took_in)
"""


def _run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr[-800:]}")
    return elapsed


def _copy_history(db: Path, target: Path) -> Path:
    """A copy of the data file and what lives beside it under its name (its archive)."""
    target.mkdir(parents=True)
    shutil.copy2(db, target / db.name)
    for sibling in db.parent.iterdir():
        if sibling.is_dir() and sibling.name.startswith((f"{db.name}-", f"{db.stem}-")):
            shutil.copytree(sibling, target / sibling.name)
    return target / db.name


def _wait_for_background_sync(db: Path, limit: float = 20.0) -> None:
    from netrack.sync import probe

    deadline = time.monotonic() + limit
    while probe.changed_since_sync(db) and time.monotonic() < deadline:
        time.sleep(0.01)


def measure_sync(
    db: Path, name: str, netrack: list[str], env: dict[str, str], runs: int, tmp: Path
) -> dict[str, float]:
    """The sync figures for the history in ``db`` (``name``: one of its contacts)."""
    folder = tmp / "sync-folder"
    first = _copy_history(db, tmp / "sync-first")
    plain = _copy_history(db, tmp / "sync-plain")
    later = {**env, "NETRACK_SYNC_PUBLISH": "later"}
    results: dict[str, float] = {}
    results["sync_start_s"] = _run([*netrack, "--db", str(first), "sync", "init", str(folder)], env)

    joins = []
    for n in range(max(1, runs // 4)):
        newcomer = tmp / f"sync-join-{n}" / "netrack.json"
        joins.append(_run([*netrack, "--db", str(newcomer), "sync", "init", str(folder)], env))
    results["sync_join_s"] = statistics.median(joins)
    second = tmp / "sync-join-0" / "netrack.json"

    _run([*netrack, "--db", str(first), "sync"], env)  # takes in the newcomers' hellos
    synced, unsynced = [], []
    background = {**env, "NETRACK_SYNC_PUBLISH": "background"}
    for _ in range(runs):
        unsynced.append(_run([*netrack, "--db", str(plain), "give", name, "bench"], env))
        synced.append(_run([*netrack, "--db", str(first), "give", name, "bench"], background))
        _wait_for_background_sync(first)
    results["quick_add_unsynced_s"] = statistics.median(unsynced)
    results["quick_add_synced_s"] = statistics.median(synced)
    results["sync_quick_add_extra_s"] = statistics.median(
        s - u for s, u in zip(synced, unsynced, strict=True)
    )
    # The same, counted inside the process (far less noisy than two process timings):
    # the checks before the command and the start of the background sync after it.
    hooks = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", HOOKS, str(first)], env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            raise SystemExit(f"sync hooks failed: {done.stderr[-800:]}")
        hooks.append(float(done.stdout.split()[-1]))
        _wait_for_background_sync(first)
    results["sync_quick_add_hooks_s"] = statistics.median(hooks)

    _run([*netrack, "--db", str(second), "sync"], later)
    in_process, whole = [], []
    for day in range(max(2, runs // 2)):
        _a_day_of_changes(first, name, day, netrack, later)
        _run([*netrack, "--db", str(first), "sync"], later)
        if day % 2 == 0:
            code = [sys.executable, "-c", IN_PROCESS, str(second)]
            done = subprocess.run(code, env=later, capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(f"in-process sync failed: {done.stderr[-800:]}")
            seconds, took_in = done.stdout.split()
            assert int(took_in) >= 15, f"took in only {took_in} records"
            in_process.append(float(seconds))
        else:
            whole.append(_run([*netrack, "--db", str(second), "sync"], later))
    results["sync_take_in_day_s"] = statistics.median(in_process)
    results["sync_take_in_day_process_s"] = statistics.median(whole)
    return results


def _a_day_of_changes(
    db: Path, name: str, day: int, netrack: list[str], env: dict[str, str]
) -> None:
    for n in range(15):
        kind = ("give", "reach", "ask")[n % 3]
        _run([*netrack, "--db", str(db), kind, name, f"day {day} #{n}"], env)
    for field in ("--company", "--role", "--notes"):
        _run([*netrack, "--db", str(db), "contact", "edit", name, field, f"day {day}"], env)
    _run([*netrack, "--db", str(db), "reflect", f"day {day} went well"], env)


# Title, key, target in seconds (None: shown without a target).
SYNC_ROWS = (
    ("sync: quick add, unsynced", "quick_add_unsynced_s", None),
    ("sync: quick add, synced", "quick_add_synced_s", None),
    ("sync: added to a quick add", "sync_quick_add_extra_s", 0.010),
    ("sync: quick add's sync steps", "sync_quick_add_hooks_s", 0.010),
    ("sync: take in a day (run)", "sync_take_in_day_s", 0.2),
    ("sync: take in a day (proc)", "sync_take_in_day_process_s", None),
    ("sync: start a folder", "sync_start_s", None),
    ("sync: join the folder", "sync_join_s", 5.0),
)


def sync_lines(results: dict[str, float]) -> list[tuple[str, str, str, str, bool | None]]:
    """The rows of bench.py's table: title, median, ratio (none), target, met."""
    rows = []
    for title, key, limit in SYNC_ROWS:
        if key in results:
            value = results[key]
            target = f"≤ {limit * 1000:g} ms" if limit else ""
            rows.append(
                (
                    title,
                    f"{value * 1000:.0f} ms",
                    "",
                    target,
                    None if limit is None else value <= limit,
                )
            )
    return rows
