"""`python -m bench`: run every benchmark and rewrite docs/benchmarks.md."""

from __future__ import annotations

from pathlib import Path

from bench import buyers_list
from bench.machine import machine_description

REPORT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def main() -> None:
    """Run the benchmarks and write the report."""
    sections = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/); numbers from one run on the machine below. "
        "Targets come from DESIGN.md.",
        "",
        machine_description(),
        "",
        "## Buyers list page (target: p95 < 150 ms at 50k buyers, fixed query count)",
        "",
        *buyers_list.run(),
        "",
    ]
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(sections), encoding="utf-8")
    print(f"wrote {REPORT}")


if __name__ == "__main__":
    main()
