"""What machine a benchmark ran on, for the report."""

from __future__ import annotations

import os
import platform
import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return "unknown"


def machine_description(load_at_start: tuple[float, ...] | None = None) -> str:
    """One Markdown paragraph: date, CPU, cores, memory, Python, Django, SQLite, load."""
    import django

    load = ", ".join(f"{x:.1f}" for x in (load_at_start or os.getloadavg()))
    return (
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {_cpu_model()}, "
        f"{os.cpu_count()} cores, {_memory_gib()} RAM; Python {platform.python_version()}, "
        f"Django {django.get_version()}, SQLite {sqlite3.sqlite_version}; "
        f"load average at the start {load} (other jobs on the machine inflate the timings)."
    )
