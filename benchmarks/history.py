"""How long a large benchmark history takes to build, write and read back.

Run: ``.venv/bin/python benchmarks/history.py`` (100,000 actions and 5,000 contacts by
default; prints medians of a few runs). Other benchmarks build their data files with
``netrack.demo.write_history``, so this is the set-up cost they pay.
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
    args = parser.parse_args()

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


if __name__ == "__main__":
    main()
