"""Quick add at 1,000 logged actions against the floor ``python -c "import tinydb, pendulum"``.

Run: ``.venv/bin/python benchmarks/quickadd.py`` (prints medians of repeated runs).
The package is byte-compiled first, as ``pip install`` would do, and the measured
processes may write bytecode, so the numbers match an installed netrack.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_history(path: Path, actions: int, contacts: int) -> None:
    """A data file with ``actions`` actions spread over ``contacts`` people."""
    import random

    import pendulum

    from netrack.domain.ids import new_id
    from netrack.domain.kinds import BUILTIN_KINDS
    from netrack.domain.models import Action, Contact
    from netrack.store import Store

    rng = random.Random(7)
    now = pendulum.now()
    people = [Contact(id=new_id(), name=f"Contact {n}", created=now) for n in range(contacts)]
    with Store(path).transaction() as tx:
        for person in people:
            tx.save(person)
        for n in range(actions):
            at = now.subtract(hours=3 * n)
            kind = rng.choice(BUILTIN_KINDS)
            tx.save(Action(new_id(), kind, rng.choice(people).id, at, at, "email", f"note {n}"))


def median_ms(command: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "netrack", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        master = Path(tmp) / "master.json"
        build_history(master, actions=1_000, contacts=200)
        db = Path(tmp) / "netrack.json"
        shutil.copy(master, db)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["NETRACK_DB"] = str(db)
        python = sys.executable
        floor = median_ms([python, "-c", "import tinydb, pendulum"], env, args.runs)
        quick = median_ms(
            [python, "-m", "netrack", "give", "Contact 7", "benchmark"], env, args.runs
        )
    print(f"{'measure':34} {'median ms':>10} {'× floor':>8}")
    print(f"{'floor: import tinydb, pendulum':34} {floor:10.1f} {1:8.2f}")
    print(f"{'quick add at 1,000 actions':34} {quick:10.1f} {quick / floor:8.2f}")


if __name__ == "__main__":
    main()
