"""Relationship pages at 50k demo buyers: Today, Reorders, Orders and a buyer page with growth.

Target (DESIGN.md): list pages p95 < 150 ms with a fixed query count. Shares the demo workspace
of the buyers-list benchmark (bench/out/data); pages are requested through Django's full stack
as the demo owner and as a rep.
"""

from __future__ import annotations

import statistics

from bench.buyers_list import ROUNDS, _measure, _setup

SCENARIOS = [
    ("Today (follow-ups due)", "/orders/today/"),
    ("Reorders (due and at risk)", "/orders/reorders/"),
    ("Orders list", "/orders/"),
]


def run() -> list[str]:
    """Run the scenarios; return Markdown table rows."""
    _setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from exportdesk.buyers.models import Buyer
    from exportdesk.buyers.selectors import buyers_visible_to

    user_model = get_user_model()
    owner = user_model.objects.get(username="demo")
    rep = user_model.objects.filter(groups__name="rep").order_by("pk").first()
    rows = []
    for who, user in (("owner", owner), ("rep", rep)):
        client = Client()
        client.force_login(user)
        busiest = (
            buyers_visible_to(user).filter(orders__isnull=False).order_by("-grade_score").first()
        )
        scenarios = list(SCENARIOS)
        if busiest is not None:
            scenarios += [
                ("buyer page", f"/buyers/{busiest.pk}/"),
                ("buyer orders and growth panel (HTMX)", f"/orders/buyer/{busiest.pk}/panel/"),
            ]
        for label, url in scenarios:
            timings, queries = _measure(client, url)
            p50 = statistics.median(timings)
            p95 = statistics.quantiles(timings, n=20)[-1]
            rows.append(
                f"| {label} ({who}) | {p50:.1f} | {p95:.1f} | {max(timings):.1f} | {queries} |"
            )
            print(rows[-1], flush=True)
    header = [
        f"{Buyer.objects.count():,} buyers, {ROUNDS} requests per scenario (Django test client, "
        "full middleware and template rendering, SQLite file database).",
        "",
        "| page | p50 ms | p95 ms | max ms | queries |",
        "|---|---|---|---|---|",
    ]
    return header + rows
