"""`python -m bench [NAME ...]`: run benchmarks and update their sections of docs/benchmarks.md.

Each benchmark owns one section between HTML comment markers, so running one benchmark leaves
the others' last results in place. Names: buyers_list, inbox, relationships, reorder, imports,
triage (default: all).
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from pathlib import Path

from bench.machine import machine_description

REPORT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
BENCHMARKS = {
    "buyers_list": "Buyers list page (target: p95 < 150 ms at 50k buyers, fixed query count)",
    "inbox": "Inbox page (target: p95 < 150 ms at 500k messages, fixed query count)",
    "relationships": "Today, Reorders, Orders and buyer pages (target: p95 < 150 ms at 50k buyers)",
    "reorder": "Reorder model: BG/NBD + Gamma-Gamma (target: 100k buyers < 5 s; beat lifetimes)",
    "imports": "Buyer import (target: 100k rows < 20 s; ≥ 10× django-import-export)",
    "triage": "Triage of one message (target: p95 < 50 ms warm; ≥ 100 msg/s batched)",
}
HEADER = (
    "# Benchmarks\n\nWritten by `make bench` (bench/); each section holds the last run of one "
    "benchmark, with the machine and date it ran on. Targets come from DESIGN.md.\n"
)


def _section(name: str, lines: list[str], load: tuple[float, ...]) -> str:
    body = "\n".join(lines)
    return (
        f"<!-- bench:{name} -->\n## {BENCHMARKS[name]}\n\n{machine_description(load)}\n\n"
        f"{body}\n<!-- /bench:{name} -->"
    )


def update_report(text: str, name: str, section: str) -> str:
    """Replace the named section in the report text, or append it."""
    pattern = re.compile(rf"<!-- bench:{name} -->.*?<!-- /bench:{name} -->", re.DOTALL)
    if pattern.search(text):
        return pattern.sub(lambda _m: section, text)
    return text.rstrip("\n") + "\n\n" + section + "\n"


def main(names: list[str]) -> None:
    """Run the named benchmarks (all by default) and rewrite their sections."""
    chosen = names or list(BENCHMARKS)
    unknown = [n for n in chosen if n not in BENCHMARKS]
    if unknown:
        raise SystemExit(f"unknown benchmark(s): {unknown}; choose from {list(BENCHMARKS)}")
    REPORT.parent.mkdir(exist_ok=True)
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else HEADER
    for name in chosen:
        module = importlib.import_module(f"bench.{name}")
        print(f"== {name}", flush=True)
        load = os.getloadavg()
        lines = module.run()
        # Re-read: another benchmark run may have written its section meanwhile.
        text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else HEADER
        text = update_report(text, name, _section(name, lines, load))
        REPORT.write_text(text, encoding="utf-8")
    print(f"wrote {REPORT}")


if __name__ == "__main__":
    main(sys.argv[1:])
