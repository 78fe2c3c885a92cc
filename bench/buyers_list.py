"""Buyers list page latency at 50k demo buyers (target p95 < 150 ms, fixed query count).

The workspace is generated once with `exportdesk demo --buyers 50000` into bench/out/ and reused;
each scenario requests the page through Django's full stack (middleware, selector, template)
as the demo owner and as a rep, and records p50/p95/max and the number of SQL queries.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / "out" / "data"
BUYERS = int(os.environ.get("BENCH_BUYERS", "50000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "60"))

SCENARIOS = [
    ("first page, recent contact first", ""),
    ("grade A filter", "?grade=A"),
    ("country + level filter", "?country=US&level=L2"),
    ("search by company", "?q=beauty"),
    ("tag filter", "?tag=transacted"),
    ("sort by score, page 40", "?sort=score&page=40"),
    ("unassigned buyers", "?rep=none"),
]


def _setup() -> None:
    os.environ.setdefault("EXPORTDESK_DATA_DIR", str(DATA_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exportdesk.settings")
    # Django's test client calls itself "testserver".
    os.environ.setdefault("EXPORTDESK_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    from django.core.management import call_command

    from exportdesk.buyers.models import Buyer

    call_command("migrate", verbosity=0)
    have = Buyer.objects.count()
    if have < BUYERS:
        if have:
            raise SystemExit(
                f"{DATA_DIR} holds {have} buyers, fewer than {BUYERS}: delete it and rerun."
            )
        started = time.perf_counter()
        # Triage of ~250k messages would take most of an hour; the bench pages read columns.
        call_command("demo", buyers=BUYERS, seed=7, skip_triage=True)
        print(f"generated the demo workspace in {time.perf_counter() - started:.0f} s")


def _measure(client, url: str, **headers: str) -> tuple[list[float], int]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        client.get(url, **headers)  # warm caches
    timings = []
    queries = 0
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url, **headers)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
    return timings, queries


def run() -> list[str]:
    """Run the scenarios; return Markdown table rows."""
    _setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from exportdesk.buyers.models import Buyer

    user_model = get_user_model()
    owner = user_model.objects.get(username="demo")
    rep = user_model.objects.filter(groups__name="rep").order_by("pk").first()
    rows = []
    for who, user in (("owner", owner), ("rep", rep)):
        client = Client()
        client.force_login(user)
        for label, query in SCENARIOS:
            timings, queries = _measure(client, "/buyers/" + query)
            p50 = statistics.median(timings)
            p95 = statistics.quantiles(timings, n=20)[-1]
            rows.append(
                f"| {label} ({who}) | {p50:.1f} | {p95:.1f} | {max(timings):.1f} | {queries} |"
            )
            print(rows[-1], flush=True)
    total = Buyer.objects.count()
    header = [
        f"Buyers list page, {total:,} buyers, {ROUNDS} requests per scenario "
        "(Django test client, full middleware and template rendering, SQLite file database).",
        "",
        "| scenario | p50 ms | p95 ms | max ms | queries |",
        "|---|---|---|---|---|",
    ]
    return header + rows
