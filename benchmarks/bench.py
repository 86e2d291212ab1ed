"""netrack at three sizes of history: quick add, the read commands and the app.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench.py``; ``--help`` for options).

For each size the data file is built as ``benchmarks/history.py --write`` builds it, then
every measure is a whole process, timed in turns with the floor,
``python -c "import tinydb, pendulum"`` in the same interpreter (see timing.py): the
ratio printed is the median of the ratios pair by pair, so that it holds on a busy
machine. The measures:

- quick add, ``netrack give NAME NOTE``, and the same as the first write of the day (it
  copies the file into ``backups/`` first: today's copy is removed before each run);
- quick add of a typo of a contact's name (refused with "did you mean"): the path that
  compares a new name with every contact's;
- the read commands ``due``, ``cold``, ``log`` (this week), ``balance``, ``contacts``,
  ``week --json``, ``next`` and ``plan`` (each also with ``--json``, as scripts read them),
  all held to one bound, each twice: run again on unchanged data, and run just after a
  quick add (untimed), as a person reads after logging something: a summary kept beside
  the data must then be checked and brought up to date, not just read;
- the app, opened headless by ``benchmarks/tui_driver.py``, in turns with
  ``python -c "import textual.app"``: how long after that import's time the Today screen
  has painted its data, how long each screen takes to show after its key, and the
  process's peak memory;
- where installed, other trackers' quick adds on as many entries (peers.py);
- sync, at one size (sync_bench.py).

Prints a table (each figure, its ratio, the target, and whether it is met) with the
machine's load average, and writes the same figures to ``benchmarks/results.json``;
``benchmarks/table.py`` turns that file into the table of docs/performance.md. The
package is byte-compiled first, as ``pip install`` would do.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
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
sys.path.insert(0, str(HERE))

from timing import load_average, paired, run_once  # noqa: E402

RESULTS = HERE / "results.json"
FLOOR = [sys.executable, "-c", "import tinydb, pendulum"]
TEXTUAL_FLOOR = [sys.executable, "-c", "import textual.app"]

QUICK_ADD_TARGET = 1.3  # × floor, at every size
READ_TARGET = 2.0  # × floor
PAINT_TARGET_S = 0.3  # after the time of importing Textual
SWITCH_TARGET_S = 0.15
MEMORY_TARGET_MB = 150.0  # at the largest size

READS = (
    ("due", ["due"]),
    ("cold", ["cold"]),
    ("log (this week)", ["log"]),
    ("balance", ["balance"]),
    ("contacts", ["contacts"]),
    ("week --json", ["week", "--json"]),
    ("next", ["next"]),
    ("next --json", ["next", "--json"]),
    ("plan", ["plan"]),
    ("plan --json", ["plan", "--json"]),
)


class Size(NamedTuple):
    label: str
    actions: int
    contacts: int


SIZES = (
    Size("1k", 1_000, 200),
    Size("20k", 20_000, 2_000),
    Size("100k", 100_000, 5_000),
)


def netrack_command() -> list[str]:
    script = Path(sys.executable).parent / "netrack"
    return [str(script)] if script.exists() else [sys.executable, "-m", "netrack"]


def build(path: Path, size: Size) -> tuple[str, str]:
    """Write the size's history to ``path``; return its summary and one contact's name."""
    from history import write_one

    from netrack.store import Store

    summary = write_one(path, size.actions, size.contacts)
    return summary, Store(path).load().contacts[0].name


def measure_size(size: Size, args: argparse.Namespace, env: dict[str, str], tmp: Path) -> dict:
    db = tmp / f"netrack-{size.label}.json"
    started = time.perf_counter()
    summary, name = build(db, size)
    print(f"{size.label}: {summary}; built in {time.perf_counter() - started:.1f} s", flush=True)
    env = {**env, "NETRACK_DB": str(db)}
    netrack = netrack_command()
    found: dict = {"summary": summary, "file_mb": round(db.stat().st_size / 1e6, 2)}
    found["load_at_start"] = load_average()

    def backup_gone() -> None:
        from netrack.store.backups import daily_copy

        if (copy := daily_copy(db, datetime.date.today())) is not None:
            copy.unlink()  # (named, or still unflushed after a quick add)

    measures = {}
    measures["quick add"] = paired(
        [*netrack, "give", name, "benchmark note"], FLOOR, env, args.runs
    )
    # A typo of a contact's name: refused with "did you mean" (exit 2) after comparing the
    # name with every contact's, the path a new name takes.
    measures["quick add of a typo"] = paired(
        [*netrack, "give", typo(name), "note"], FLOOR, env, args.runs, exit_code=2
    )
    measures["quick add, first of the day"] = paired(
        [*netrack, "give", name, "benchmark note"], FLOOR, env, args.runs, before_each=backup_gone
    )
    for title, words in READS:
        measures[title] = paired([*netrack, *words], FLOOR, env, args.runs)

    def quick_add() -> None:
        subprocess.run(
            [*netrack, "give", name, "note before a read"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    for _title, words in READS:
        measures[f"{' '.join(words)} (after a quick add)"] = paired(
            [*netrack, *words], FLOOR, env, args.runs, before_each=quick_add
        )
    if not args.no_peers:
        from peers import measure_peers

        for peer, result in measure_peers(
            tmp / f"peers-{size.label}", size.actions, FLOOR, env, args.runs
        ).items():
            measures[f"peer: {peer}"] = result
    found["commands"] = {title: m.as_json() for title, m in measures.items()}
    if size.label == args.sync_size:
        from sync_bench import measure_sync

        found["sync"] = measure_sync(db, name, netrack, env, args.runs, tmp)
    if not args.no_tui:
        found["app"] = measure_app(db, env, args.tui_runs)
    found["load_at_end"] = load_average()
    return found


def typo(name: str) -> str:
    """``name`` with two different letters near its end swapped: "did you mean" it."""
    for i in range(len(name) - 2, 0, -1):
        if name[i].isalpha() and name[i + 1].isalpha() and name[i] != name[i + 1]:
            return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    raise SystemExit(f"no two letters to swap in {name!r}")


def measure_app(db: Path, env: dict[str, str], runs: int) -> dict:
    """The app's paint, switches and memory, each run in turn with importing Textual."""
    reports, textual, textual_cpu = [], [], []
    for _ in range(runs):
        floor = run_once(TEXTUAL_FLOOR, env)
        textual.append(floor.wall)
        textual_cpu.append(floor.cpu)
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
    after_import = [r["today_painted_s"] - t for r, t in zip(reports, textual, strict=True)]
    after_import_cpu = [
        r["today_painted_cpu_s"] - t for r, t in zip(reports, textual_cpu, strict=True)
    ]
    screens = reports[0]["switch_s"].keys()

    def median_of(key: str, screen: str) -> float:
        return statistics.median(r[key][screen] for r in reports)

    return {
        "textual_import_s": statistics.median(textual),
        "textual_import_cpu_s": statistics.median(textual_cpu),
        "today_painted_s": statistics.median(r["today_painted_s"] for r in reports),
        "today_after_import_s": statistics.median(after_import),
        "today_after_import_cpu_s": statistics.median(after_import_cpu),
        "history_loaded_s": statistics.median(r["history_loaded_s"] for r in reports),
        "switch_s": {s: median_of("switch_s", s) for s in screens},
        "switch_cpu_s": {s: median_of("switch_cpu_s", s) for s in screens},
        "contacts_rows": reports[0]["contacts_rows"],
        "peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in reports),
        "runs": runs,
    }


# The table ------------------------------------------------------------------------------


def _row(size: str, title: str, value: str, ratio: str, target: str, ok: bool | None) -> str:
    verdict = "" if ok is None else ("yes" if ok else "NO")
    return f"{size:5} {title:34} {value:>9} {ratio:>13}  {target:22} {verdict}"


def table(results: dict[str, dict]) -> list[str]:
    lines = [_row("size", "measure", "median", "× floor (cpu)", "target", None)]
    for size in SIZES:
        found = results.get(size.label)
        if found is None:
            continue
        label = size.label
        lines.append(
            f"{label}: {found['summary']}; load average {found['load_at_start']:.1f} at the "
            f"start, {found['load_at_end']:.1f} at the end"
        )
        floor = statistics.median(m["floor_s"] for m in found["commands"].values())
        lines.append(
            _row(label, "floor: import tinydb, pendulum", f"{floor * 1000:.0f} ms", "1", "", None)
        )
        for title, m in found["commands"].items():
            if title.startswith("quick add"):
                target = QUICK_ADD_TARGET
            elif title.startswith("peer"):
                target = None
            else:
                target = READ_TARGET
            text = f"≤ {target:g}× floor" if target else ""
            ok = None if target is None else m["ratio"] <= target
            ratio = f"{m['ratio']:.2f} ({m['cpu_ratio']:.2f})"
            lines.append(_row(label, title, f"{m['median_s'] * 1000:.0f} ms", ratio, text, ok))
        app = found.get("app")
        if app:
            lines += app_rows(label, app, largest=size == SIZES[-1])
        if "sync" in found:
            from sync_bench import sync_lines

            lines += [_row(label, *row) for row in sync_lines(found["sync"])]
    return lines


def app_rows(label: str, app: dict, largest: bool) -> list[str]:
    """The app's rows: wall-clock seconds, and processor seconds, which the targets are
    judged on (on a machine with more runnable processes than cores, the wall clock of
    a process mostly measures its wait for a turn)."""

    def timed(title: str, wall: float, cpu: float, limit: float | None) -> str:
        target = "" if limit is None else f"≤ {limit * 1000:g} ms cpu"
        ok = None if limit is None else cpu <= limit
        return _row(label, title, f"{wall * 1000:.0f} ms", f"cpu {cpu * 1000:.0f} ms", target, ok)

    rows = [
        timed(
            "app: import textual.app", app["textual_import_s"], app["textual_import_cpu_s"], None
        ),
        timed(
            "app: Today painted, after import",
            app["today_after_import_s"],
            app["today_after_import_cpu_s"],
            PAINT_TARGET_S,
        ),
        _row(
            label, "app: whole history in", f"{app['history_loaded_s'] * 1000:.0f} ms", "", "", None
        ),
    ]
    for screen, seconds in app["switch_s"].items():
        cpu = app["switch_cpu_s"][screen]
        rows.append(timed(f"app: switch to {screen}", seconds, cpu, SWITCH_TARGET_S))
    memory = app["peak_rss_mb"]
    target = f"≤ {MEMORY_TARGET_MB:g} MB" if largest else ""
    ok = memory <= MEMORY_TARGET_MB if largest else None
    rows.append(_row(label, "app: peak memory", f"{memory:.0f} MB", "", target, ok))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        default=",".join(s.label for s in SIZES),
        help="which sizes, comma-separated (default: %(default)s)",
    )
    parser.add_argument("--runs", type=int, default=11, help="turns of each command")
    parser.add_argument("--tui-runs", type=int, default=5, help="runs of the app")
    parser.add_argument("--no-tui", action="store_true", help="leave out the app")
    parser.add_argument("--no-peers", action="store_true", help="leave out other trackers")
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
    started = datetime.datetime.now().astimezone()
    results: dict[str, dict] = {}
    tmp = Path(tempfile.mkdtemp(prefix="netrack-bench-"))
    try:
        for size in SIZES:
            if size.label in wanted:
                results[size.label] = measure_size(size, args, env, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    lines = table(results)
    print()
    print("\n".join(lines))
    report = {
        "started": started.isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "runs": {"commands": args.runs, "app": args.tui_runs},
        "sizes": {
            s.label: {"actions": s.actions, "contacts": s.contacts, **results[s.label]}
            for s in SIZES
            if s.label in results
        },
    }
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten to {args.output}")


if __name__ == "__main__":
    main()
