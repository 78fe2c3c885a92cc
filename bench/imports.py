"""Buyer import speed: 100k rows from CSV and XLSX, side by side with django-import-export.

Target (DESIGN.md): 100k buyer rows in < 20 s (CSV or XLSX), and >= 10x django-import-export on
the same file. The file is generated once (bench/out/imports/, seeded) with the columns a Korean
seller's sheet has: Korean headers, country names in Korean and English and ISO codes, amounts
with symbols and separators, buyer levels. Every scenario starts from an empty buyers table in its
own SQLite database (bench/out/imports/data/) and times the whole import: reading and decoding
the file, checking every row, matching, grading, and writing buyers, events and tags.

django-import-export runs on the same CSV through a ModelResource for Buyer defined here, once
with its defaults (one row at a time, as most projects use it) and once with its bulk mode.
It does less work than ours (no grading, tags, events or merging). Run alone:
``python -m bench.imports``; ``BENCH_IMPORT_ROWS`` scales the file down for a quick look.
"""

from __future__ import annotations

import csv
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
OUT_DIR = BENCH_DIR / "out" / "imports"
DATA_DIR = OUT_DIR / "data"
ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
HEADERS = [
    "회사명",
    "국가",
    "이메일",
    "담당자",
    "전화번호",
    "바이어 등급",
    "직원 수",
    "업종",
    "연간 구매액",
    "Buyer ID",
    "채널",
    "최초 문의일",
]
COUNTRIES = ["미국", "United States", "HU", "헝가리", "VN", "베트남", "Japan", "DE", "독일", "AE"]
TYPES = ["수입상", "distributor", "retailer", "온라인 셀러", "brand owner"]
AMOUNTS = [n * 5000 for n in range(1, 41)]


def generate(path: Path, rows: int) -> None:
    """A seeded buyers file of ``rows`` distinct buyers."""
    rng = random.Random(7)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n in range(rows):
            writer.writerow(
                [
                    f"Buyer Trading {n} Ltd",
                    rng.choice(COUNTRIES),
                    f"buyer{n}@example{n % 97}.com",
                    f"Contact {n}",
                    f"+36 1 {n:07d}",
                    f"L{rng.randint(0, 4)}",
                    str(rng.choice([5, 30, 120, 600, 2000])),
                    rng.choice(TYPES),
                    # Most buyer lists state an annual purchase for a minority of buyers.
                    f"US$ {rng.choice(AMOUNTS):,}" if rng.random() < 0.25 else "",
                    f"ali{n:08d}",
                    rng.choice(["alibaba", "이메일", "WhatsApp", "전시회"]),
                    f"2025.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}",
                ]
            )


def to_xlsx(source: Path, target: Path) -> None:
    """The same rows as an XLSX workbook."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Buyers")
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    workbook.save(target)


def _setup() -> None:
    os.environ["EXPORTDESK_DATA_DIR"] = str(DATA_DIR)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exportdesk.settings")
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _empty_buyers() -> None:
    from django.db import connection, transaction

    from exportdesk.buyers.models import Buyer, BuyerEvent

    with transaction.atomic(), connection.cursor() as cursor:
        for table in (
            BuyerEvent._meta.db_table,
            Buyer.tags.through._meta.db_table,
            Buyer._meta.db_table,
        ):
            cursor.execute(f"DELETE FROM {table}")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")


CPU: dict[str, float] = {}


def _ours(path: Path, label: str = "") -> tuple[float, dict[str, Any]]:
    from exportdesk.imports.services import import_file

    _empty_buyers()
    started, cpu = time.perf_counter(), time.process_time()
    outcome = import_file(kind="buyers", path=path)
    elapsed = time.perf_counter() - started
    CPU[label or path.suffix] = time.process_time() - cpu
    assert outcome.result is not None
    return elapsed, {**outcome.plan.summary(), **outcome.result}


def _phases(path: Path) -> list[tuple[str, float, float]]:
    """Where the time goes: reading, checking + matching (dry run), writing; (wall, CPU) each."""
    from exportdesk.imports.mapping import auto_map
    from exportdesk.imports.parsing import read_table
    from exportdesk.imports.services import import_plan

    _empty_buyers()
    started, cpu = time.perf_counter(), time.process_time()
    table = read_table(path.read_bytes(), path.name)
    read = (time.perf_counter() - started, time.process_time() - cpu)
    started, cpu = time.perf_counter(), time.process_time()
    plan = import_plan(
        kind="buyers", table=table, mapping=auto_map(table.headers, "buyers"), file_name=path.name
    )
    checked = (time.perf_counter() - started, time.process_time() - cpu)
    started, cpu = time.perf_counter(), time.process_time()
    plan.apply()
    written = (time.perf_counter() - started, time.process_time() - cpu)
    return [("read", *read), ("check and match", *checked), ("write", *written)]


def _verdict(
    ours: dict[str, float], theirs: dict[str, float], phases: list[tuple[str, float, float]]
) -> list[str]:
    """Whether each target is met, in CPU seconds and in wall-clock seconds."""
    limit = 20.0 * ROWS / 100_000

    def met(value: bool) -> str:
        return "met" if value else "**not met**"

    worst_cpu = max(CPU[".csv"], CPU[".xlsx"])
    worst_wall = max(ours[".csv"], ours[".xlsx"])
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return [
        f"Targets (scaled to {ROWS:,} rows: < {limit:g} s, and ≥ 10× django-import-export on "
        "the same CSV); the machine was shared, so CPU seconds are the fairer measure and wall "
        f"seconds include waiting for the CPU (load average at the end {load}):",
        "",
        f"- Time: CSV {CPU['.csv']:.1f} s CPU / {ours['.csv']:.1f} s wall (second run "
        f"{CPU['repeat']:.1f} / {ours['repeat']:.1f} s), XLSX {CPU['.xlsx']:.1f} s CPU / "
        f"{ours['.xlsx']:.1f} s wall: {met(worst_cpu < limit)} in CPU time, "
        f"{met(worst_wall < limit)} in wall time (first runs, the slower, count).",
        f"- Speed-up of the first CSV run against django-import-export's defaults: "
        f"{CPU['default'] / CPU['.csv']:.1f}× CPU, {theirs['default'] / ours['.csv']:.1f}× wall: "
        f"{met(CPU['default'] / CPU['.csv'] >= 10)} in CPU time, "
        f"{met(theirs['default'] / ours['.csv'] >= 10)} in wall time.",
        f"- Against its `use_bulk` mode: {CPU['bulk'] / CPU['.csv']:.1f}× CPU, "
        f"{theirs['bulk'] / ours['.csv']:.1f}× wall: {met(CPU['bulk'] / CPU['.csv'] >= 10)} in "
        f"CPU time, {met(theirs['bulk'] / ours['.csv'] >= 10)} in wall time.",
        "- Phases of a separate CSV run (CPU / wall): "
        + ", ".join(f"{name} {cpu:.1f} / {wall:.1f} s" for name, wall, cpu in phases)
        + ".",
    ]


def _import_export_resource(bulk: bool) -> Any:
    from import_export import fields, resources

    from exportdesk.buyers.models import Buyer

    class BuyerResource(resources.ModelResource):
        company = fields.Field(attribute="company", column_name="회사명")
        country = fields.Field(attribute="country", column_name="국가")
        email = fields.Field(attribute="email", column_name="이메일")
        contact_name = fields.Field(attribute="contact_name", column_name="담당자")
        phone = fields.Field(attribute="phone", column_name="전화번호")
        platform_level = fields.Field(attribute="platform_level", column_name="바이어 등급")
        platform_buyer_id = fields.Field(attribute="platform_buyer_id", column_name="Buyer ID")
        channel = fields.Field(attribute="channel", column_name="채널")

        class Meta:
            model = Buyer
            fields = (
                "company",
                "country",
                "email",
                "contact_name",
                "phone",
                "platform_level",
                "platform_buyer_id",
                "channel",
            )
            import_id_fields = ("platform_buyer_id",)
            use_bulk = bulk
            batch_size = 1000
            skip_diff = bulk
            clean_model_instances = False

        def before_import_row(self, row: Any, **kwargs: Any) -> None:
            # The file's country names are not ISO codes; import-export stores what it is given.
            row["국가"] = str(row.get("국가") or "")[:2].upper()

    return BuyerResource()


def _theirs(path: Path, *, bulk: bool) -> tuple[float, int]:
    import tablib

    from exportdesk.buyers.models import Buyer

    _empty_buyers()
    resource = _import_export_resource(bulk)
    started, cpu = time.perf_counter(), time.process_time()
    dataset = tablib.Dataset().load(path.read_text(encoding="utf-8-sig"), format="csv")
    result = resource.import_data(dataset, dry_run=False, raise_errors=True, use_transactions=True)
    elapsed = time.perf_counter() - started
    CPU["bulk" if bulk else "default"] = time.process_time() - cpu
    assert not result.has_errors()
    return elapsed, Buyer.objects.count()


def run() -> list[str]:
    """Generate the files, run every scenario; return Markdown lines."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    csv_path = OUT_DIR / f"buyers-{ROWS}.csv"
    xlsx_path = OUT_DIR / f"buyers-{ROWS}.xlsx"
    if not csv_path.exists():
        generate(csv_path, ROWS)
    if not xlsx_path.exists():
        to_xlsx(csv_path, xlsx_path)
    _setup()
    from exportdesk.buyers.models import Buyer, BuyerEvent

    lines = [
        f"{ROWS:,} buyer rows (Korean headers, mixed country names and currencies), each run "
        "into an empty SQLite buyers table; wall-clock and CPU time of the whole import.",
        "",
        "| scenario | file | seconds | CPU s | rows/s | buyers | events | notes |",
        "|---|---|---|---|---|---|---|---|",
    ]

    def line(
        label: str, path: Path, seconds: float, cpu: float, buyers: int, events: int, note: str
    ) -> None:
        size = path.stat().st_size / 1024 / 1024
        lines.append(
            f"| {label} | {path.suffix[1:].upper()} {size:.1f} MB | {seconds:.1f} | {cpu:.1f} | "
            f"{ROWS / seconds:,.0f} | {buyers:,} | {events:,} | {note} |"
        )
        print(lines[-1], flush=True, file=sys.stderr)

    ours: dict[str, float] = {}
    for path in (csv_path, xlsx_path):
        seconds, summary = _ours(path)
        ours[path.suffix] = seconds
        line(
            "ExportDesk import",
            path,
            seconds,
            CPU[path.suffix],
            Buyer.objects.count(),
            BuyerEvent.objects.count(),
            "check, match, grade, tags, events",
        )
        assert summary["created"] == ROWS, summary
    # The same CSV once more (the first run of the process pays for warming up), then re-imported.
    repeat, summary = _ours(csv_path, "repeat")
    ours["repeat"] = repeat
    assert summary["created"] == ROWS, summary
    line(
        "ExportDesk import, second run",
        csv_path,
        repeat,
        CPU["repeat"],
        Buyer.objects.count(),
        BuyerEvent.objects.count(),
        "same as the first CSV row; shows the run-to-run spread",
    )
    started, cpu = time.perf_counter(), time.process_time()
    from exportdesk.imports.services import import_file

    again = import_file(kind="buyers", path=csv_path)
    reimport = time.perf_counter() - started
    reimport_cpu = time.process_time() - cpu
    assert again.result is not None and again.result["created"] == 0
    line(
        "ExportDesk re-import (same file)",
        csv_path,
        reimport,
        reimport_cpu,
        Buyer.objects.count(),
        BuyerEvent.objects.count(),
        f"{again.result['unchanged']:,} unchanged, nothing written",
    )
    theirs: dict[str, float] = {}
    for bulk in (False, True):
        seconds, count = _theirs(csv_path, bulk=bulk)
        theirs["bulk" if bulk else "default"] = seconds
        line(
            f"django-import-export ({'use_bulk' if bulk else 'defaults'})",
            csv_path,
            seconds,
            CPU["bulk" if bulk else "default"],
            count,
            BuyerEvent.objects.count(),
            "fields only: no grade, tags, events, merging",
        )
    phases = _phases(csv_path)
    lines += ["", *_verdict(ours, theirs, phases)]
    _empty_buyers()
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
