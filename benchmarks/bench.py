"""netrack at three sizes of history: quick add, the week review and the app.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench.py``; ``--help`` for options).

For each size the data file is built with the demo generator, then each measure is the
median of repeated runs of a whole process:

- the floor, ``python -c "import tinydb, pendulum"`` (the same interpreter);
- quick add, ``netrack give NAME NOTE``;
- ``netrack week --json``;
- the daily reads ``netrack cold --json``, ``netrack next --json`` and ``netrack plan
  --json``, held to one bound (the week review's);
- the app, opened headless by ``benchmarks/tui_driver.py``: time from process start
  until the Today screen has painted its data, and until the Contacts screen has painted
  with every contact; and the peak memory of that process.

Prints a table (each figure, its ratio to the floor, the target) and writes the same
figures to ``benchmarks/results.json``. The package is byte-compiled first, as
``pip install`` would do, and the measured processes may write bytecode, so the numbers
match an installed netrack.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
RESULTS = HERE / "results.json"


class Size(NamedTuple):
    label: str
    actions: int
    contacts: int
    # Targets: a float below 10 with ``floor=True`` is a multiple of the floor, else seconds.
    quick_add: tuple[float, bool]
    week: tuple[float, bool]
    today: float
    contacts_shown: float
    memory_mb: float | None = None


# Whom to contact and what is planned: read every day, so held to the week review's bound.
DAILY_READS = ("cold", "next", "plan")

SIZES = (
    Size("1k", 1_000, 200, (1.5, True), (2.0, True), 0.8, 1.0),
    Size("20k", 20_000, 2_000, (2.5, True), (3.0, True), 1.0, 1.5),
    Size("100k", 100_000, 5_000, (0.35, False), (0.5, False), 1.5, 2.0, 250.0),
)


def timed_runs(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` runs of ``command``, which must succeed."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
    return times


def tui_runs(db: Path, env: dict[str, str], runs: int) -> list[dict[str, float]]:
    """One report of ``tui_driver.py`` per run."""
    reports = []
    for _ in range(runs):
        launched_at = time.time()
        done = subprocess.run(
            [sys.executable, str(HERE / "tui_driver.py"), str(db), repr(launched_at)],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise SystemExit(f"tui_driver.py failed: {done.stderr[-2000:]}")
        reports.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return reports


def build(path: Path, size: Size) -> tuple[str, str]:
    """Write the size's history to ``path``; return its summary and one contact's name."""
    from netrack.demo import write_history
    from netrack.store import Store

    store = Store(path)
    summary = write_history(store, size.actions, size.contacts, seed=0)
    name = store.load().contacts[0].name
    return summary.describe(), name


def netrack_command() -> list[str]:
    script = Path(sys.executable).parent / "netrack"
    return [str(script)] if script.exists() else [sys.executable, "-m", "netrack"]


def measure_size(size: Size, args: argparse.Namespace, env: dict[str, str], tmp: Path) -> dict:
    db = tmp / f"netrack-{size.label}.json"
    started = time.perf_counter()
    summary, name = build(db, size)
    print(
        f"{size.label}: {summary}; {db.stat().st_size / 1e6:.1f} MB, "
        f"built in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    env = {**env, "NETRACK_DB": str(db)}
    netrack = netrack_command()
    results: dict = {"summary": summary, "file_mb": round(db.stat().st_size / 1e6, 1)}
    results["week_json_s"] = statistics.median(
        timed_runs([*netrack, "week", "--json"], env, args.runs)
    )
    for command in DAILY_READS:
        results[f"{command}_json_s"] = statistics.median(
            timed_runs([*netrack, command, "--json"], env, args.runs)
        )
    results["quick_add_s"] = statistics.median(
        timed_runs([*netrack, "give", name, "benchmark note"], env, args.runs)
    )
    if size.label == args.sync_size:
        from sync_bench import measure_sync

        results.update(measure_sync(db, name, netrack, env, args.runs, tmp))
    if not args.no_tui:
        reports = tui_runs(db, env, args.tui_runs)
        for key in ("today_painted_s", "contacts_shown_s", "contacts_switch_s", "peak_rss_mb"):
            results[key] = statistics.median(r[key] for r in reports)
        results["contacts_rows"] = reports[0]["contacts_rows"]
    return results


# Sync (benchmarks/sync_bench.py), measured at one size: title, key, target in seconds.
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


def target_text(target: tuple[float, bool] | float | None, floor: float) -> tuple[str, float]:
    """How a target reads in the table, and its value in the measure's unit."""
    if target is None:
        return "", float("inf")
    if isinstance(target, tuple):
        value, relative = target
        if relative:
            return f"≤ {value:g}× floor", value * floor
        return f"≤ {value:g} s", value
    return f"≤ {target:g} s", target


def table(floor: float, results: dict[str, dict]) -> list[str]:
    lines = [
        f"{'size':6} {'measure':28} {'median':>9} {'× floor':>8}  {'target':16} ok",
        f"{'':6} {'floor: import tinydb, pendulum':28} {floor * 1000:7.0f}ms {1:8.2f}",
    ]
    for size in SIZES:
        if size.label not in results:
            continue
        found = results[size.label]
        rows = [
            ("quick add (give)", "quick_add_s", size.quick_add),
            ("week --json", "week_json_s", size.week),
            *((f"{c} --json", f"{c}_json_s", size.week) for c in DAILY_READS),
            ("app: Today painted", "today_painted_s", size.today),
            ("app: Contacts shown", "contacts_shown_s", size.contacts_shown),
        ]
        for title, key, target in rows:
            if key not in found:
                continue
            value = found[key]
            text, limit = target_text(target, floor)
            ok = "yes" if value <= limit else "NO"
            lines.append(
                f"{size.label:6} {title:28} {value * 1000:7.0f}ms {value / floor:8.2f}  "
                f"{text:16} {ok if text else ''}"
            )
        for title, key, limit_s in SYNC_ROWS:
            if key in found:
                value = found[key]
                text = f"≤ {limit_s * 1000:g} ms" if limit_s else ""
                ok = ("yes" if value <= limit_s else "NO") if limit_s else ""
                lines.append(
                    f"{size.label:6} {title:28} {value * 1000:7.0f}ms {value / floor:8.2f}  "
                    f"{text:16} {ok}"
                )
        if "peak_rss_mb" in found:
            memory = found["peak_rss_mb"]
            text = f"≤ {size.memory_mb:g} MB" if size.memory_mb else ""
            ok = ("yes" if memory <= size.memory_mb else "NO") if size.memory_mb else ""
            lines.append(
                f"{size.label:6} {'app: peak memory':28} {memory:7.0f}MB {'':8}  {text:16} {ok}"
            )
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        default=",".join(s.label for s in SIZES),
        help="which sizes, comma-separated (default: %(default)s)",
    )
    parser.add_argument("--runs", type=int, default=11, help="runs of each command")
    parser.add_argument("--tui-runs", type=int, default=5, help="runs of the app")
    parser.add_argument("--floor-runs", type=int, default=21, help="runs of the floor")
    parser.add_argument("--no-tui", action="store_true", help="leave out the app")
    parser.add_argument(
        "--sync-size", default="20k", help="the size to measure sync at ('' for none)"
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON results file")
    args = parser.parse_args(argv)
    wanted = args.sizes.split(",")
    unknown = set(wanted) - {s.label for s in SIZES}
    if unknown:
        parser.error(f"unknown size {', '.join(sorted(unknown))}")

    compileall.compile_dir(ROOT / "netrack", quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    floor = statistics.median(
        timed_runs([sys.executable, "-c", "import tinydb, pendulum"], env, args.floor_runs)
    )
    results: dict[str, dict] = {}
    tmp = Path(tempfile.mkdtemp(prefix="netrack-bench-"))
    try:
        for size in SIZES:
            if size.label in wanted:
                results[size.label] = measure_size(size, args, env, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    lines = table(floor, results)
    print()
    print("\n".join(lines))
    report = {
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "runs": {"commands": args.runs, "app": args.tui_runs, "floor": args.floor_runs},
        "floor_s": floor,
        "sizes": {
            label: {"actions": s.actions, "contacts": s.contacts, **results[label]}
            for s in SIZES
            for label in [s.label]
            if label in results
        },
    }
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten to {args.output}")


if __name__ == "__main__":
    main()
