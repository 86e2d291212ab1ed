"""The tables of docs/performance.md, from one run of ``make bench``.

Run: ``.venv/bin/python benchmarks/table.py [benchmarks/results.json]``; prints Markdown
to paste over the tables of docs/performance.md, so that every figure there comes from
the same run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def command_table(report: dict) -> list[str]:
    """Each command at each size: its median time, and its ratio to the floor (cpu ratio)."""
    sizes = report["sizes"]
    labels = list(sizes)
    titles: list[str] = []
    for found in sizes.values():
        titles += [t for t in found["commands"] if t not in titles]
    head = "| measure | " + " | ".join(_size_label(sizes[s]) for s in labels) + " |"
    lines = [head, "|---" * (len(labels) + 1) + "|"]
    floors = []
    for label in labels:
        commands = sizes[label]["commands"].values()
        floors.append(_ms(sorted(m["floor_s"] for m in commands)[len(commands) // 2]))
    lines.append('| floor: `python -c "import tinydb, pendulum"` | ' + " | ".join(floors) + " |")
    for title in titles:
        cells = []
        for label in labels:
            m = sizes[label]["commands"].get(title)
            cells.append(
                ""
                if m is None
                else f"{_ms(m['median_s'])} ({m['ratio']:.2f}×, cpu {m['cpu_ratio']:.2f}×)"
            )
        lines.append(f"| {_title(title)} | " + " | ".join(cells) + " |")
    return lines


def app_table(report: dict) -> list[str]:
    """The app at each size: processor time of the paint and of each switch, and memory."""
    sizes = {k: v for k, v in report["sizes"].items() if "app" in v}
    labels = list(sizes)
    if not labels:
        return []
    lines = [
        "| app (processor time) | " + " | ".join(_size_label(sizes[s]) for s in labels) + " |",
        "|---" * (len(labels) + 1) + "|",
    ]

    def row(title: str, values: list[str]) -> None:
        lines.append(f"| {title} | " + " | ".join(values) + " |")

    apps = [sizes[s]["app"] for s in labels]
    row("import textual.app (the yardstick)", [_ms(a["textual_import_cpu_s"]) for a in apps])
    row("Today painted, after that import", [_ms(a["today_after_import_cpu_s"]) for a in apps])
    row("whole history in (wall clock, from launch)", [_ms(a["history_loaded_s"]) for a in apps])
    for screen in apps[0]["switch_cpu_s"]:
        row(f"switch to {screen}", [_ms(a["switch_cpu_s"][screen]) for a in apps])
    row("peak memory", [f"{a['peak_rss_mb']:.0f} MB" for a in apps])
    return lines


def _size_label(found: dict) -> str:
    return f"{found['actions']:,} actions / {found['contacts']:,} contacts"


def _title(title: str) -> str:
    if title.startswith("peer: "):
        return f"{title[6:]} (another tracker)"
    words = title.split(" (")[0]
    if words.startswith("quick add"):
        return title
    return f"`netrack {words}`" + title[len(words) :]


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "results.json"
    report = json.loads(path.read_text("utf-8"))
    loads = ", ".join(
        f"{label} {found['load_at_start']:.1f}–{found['load_at_end']:.1f}"
        for label, found in report["sizes"].items()
    )
    print(
        f"Run started {report['started']} on {report['machine']}, Python {report['python']}; "
        f"load average (start–end of each size): {loads}.\n"
    )
    print("\n".join(command_table(report)))
    print()
    print("\n".join(app_table(report)))


if __name__ == "__main__":
    main()
