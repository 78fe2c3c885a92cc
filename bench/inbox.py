"""Inbox page latency at 50k demo buyers / ~490k messages (target p95 < 150 ms, fixed queries).

Shares the demo workspace of the buyers-list benchmark (bench/out/data). Each scenario requests a
page through Django's full stack as the demo owner and as a rep: the queue with its KPI strip
and counts, its filters, and a conversation page with the assistant's draft.
"""

from __future__ import annotations

import statistics

from bench.buyers_list import ROUNDS, _measure, _setup

SCENARIOS = [
    ("queue, first page (KPI strip, counts)", "/inbox/"),
    ("queue, grade A", "/inbox/?grade=A"),
    ("queue, overdue only", "/inbox/?overdue=1"),
    ("queue, mine", "/inbox/?view=mine"),
    ("filtered (low intent)", "/inbox/?view=filtered"),
    ("queue, search", "/inbox/?q=beauty"),
    ("queue, HTMX refresh", "/inbox/?htmx"),
]


def run() -> list[str]:
    """Run the scenarios; return Markdown table rows."""
    _setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from exportdesk.inbox.models import Conversation, Message
    from exportdesk.inbox.selectors import awaiting_us

    user_model = get_user_model()
    owner = user_model.objects.get(username="demo")
    rep = user_model.objects.filter(groups__name="rep").order_by("pk").first()
    rows = []
    for who, user in (("owner", owner), ("rep", rep)):
        client = Client()
        client.force_login(user)
        open_one = awaiting_us(user).order_by("deadline_at").first()
        scenarios = list(SCENARIOS)
        if open_one is not None:
            scenarios.append(("conversation page with draft", f"/inbox/c/{open_one.pk}/"))
        for label, url in scenarios:
            headers = {}
            if url.endswith("?htmx"):
                url, headers = "/inbox/", {"HTTP_HX_REQUEST": "true"}
            timings, queries = _measure(client, url, **headers)
            p50 = statistics.median(timings)
            p95 = statistics.quantiles(timings, n=20)[-1]
            rows.append(
                f"| {label} ({who}) | {p50:.1f} | {p95:.1f} | {max(timings):.1f} | {queries} |"
            )
            print(rows[-1], flush=True)
    header = [
        f"Inbox at {Message.objects.count():,} messages in {Conversation.objects.count():,} "
        f"conversations ({awaiting_us(owner).count():,} awaiting a reply), {ROUNDS} requests "
        "per scenario (Django test client, full middleware and template rendering, SQLite). "
        "The dataset is built with `demo --skip-triage`, so queue rows show the language but "
        "no intent chips.",
        "",
        "| scenario | p50 ms | p95 ms | max ms | queries |",
        "|---|---|---|---|---|",
    ]
    return header + rows
