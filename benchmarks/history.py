"""How long a large benchmark history takes to build, write and read back.

Run: ``.venv/bin/python benchmarks/history.py`` (100,000 actions and 5,000 contacts by
default; prints medians of a few runs). Other benchmarks build their data files with
``netrack.demo.write_history``, so this is the set-up cost they pay.

``--write PATH`` writes one history to PATH instead (with its archive folder beside it),
exactly as ``make bench`` builds each size, so anyone can try a command on that size:
``benchmarks/history.py --actions 100000 --contacts 5000 --write /tmp/big.json``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--write", type=Path, metavar="PATH", help="write one history to PATH (a new file)"
    )
    args = parser.parse_args()
    if args.write is not None:
        print(f"{args.write}: {write_one(args.write, args.actions, args.contacts, args.seed)}")
        return

    import pendulum

    from netrack.demo import history_records, write_records
    from netrack.store import Store

    now = pendulum.now().replace(microsecond=0)
    timings: dict[str, list[float]] = {"generate": [], "write": [], "load": []}
    size = 0
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "netrack.json")
            start = time.perf_counter()
            records = history_records(args.actions, args.contacts, now=now)
            generated = time.perf_counter()
            summary = write_records(store, records)
            written = time.perf_counter()
            store.load()
            loaded = time.perf_counter()
            size = store.path.stat().st_size
        timings["generate"].append(generated - start)
        timings["write"].append(written - generated)
        timings["load"].append(loaded - written)
    print(f"{summary.describe()}; file {size / 1e6:.1f} MB")
    print(f"{'step':24} {'median s':>9}")
    for step, values in timings.items():
        print(f"{step:24} {statistics.median(values):9.2f}")
    total = statistics.median(
        g + w for g, w in zip(timings["generate"], timings["write"], strict=True)
    )
    print(f"{'generate + write':24} {total:9.2f}")


def write_one(path: Path, actions: int, contacts: int, seed: int = 0) -> str:
    """Write the history ``make bench`` uses for this size to ``path`` (a new file).

    Returns a line saying what it holds."""
    from netrack.demo import write_history
    from netrack.store import Store

    if path.exists():
        raise SystemExit(f"{path} exists; the history is written only into a new file")
    start = time.perf_counter()
    summary = write_history(Store(path), actions, contacts, seed=seed)
    took = time.perf_counter() - start
    size = path.stat().st_size / 1e6
    return f"{summary.describe()}; main file {size:.1f} MB, written in {took:.1f} s"


if __name__ == "__main__":
    main()
