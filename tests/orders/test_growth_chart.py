"""The buyer page's growth chart: order value per order day and days between orders."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from exportdesk.orders.models import Order
from exportdesk.orders.selectors import order_stats_from
from tests.orders.conftest import graded_buyer

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_growth_chart_has_one_point_per_order_day_in_dollars():
    stats = order_stats_from(
        [(date(2026, 1, 5), 20_000.0), (date(2026, 2, 4), 45_000.0), (date(2026, 2, 4), 5_000.0)]
    )
    assert stats.growth_chart() == {
        "labels": ["2026-01-05", "2026-02-04"],
        "amounts": [200.0, 500.0],
        "gaps": [None, 30],
        "currency": "USD",
    }


def chart_data(html: str) -> dict:
    found = re.search(
        r'<script id="growth-chart-data" type="application/json">(.*?)</script>', html
    )
    assert found, "the panel embeds no chart data"
    return json.loads(found.group(1))


@pytest.mark.django_db
def test_the_buyer_panel_embeds_the_growth_chart_data(client_for, cast):
    buyer = graded_buyer("A", assigned_rep=cast.rep)
    start = timezone.make_aware(datetime(2026, 1, 5, 12, 0))
    for i, (days, total) in enumerate([(0, 20_000), (40, 35_000), (61, 80_000)]):
        when = start + timedelta(days=days)
        Order.objects.create(
            buyer=buyer,
            number=f"G-{i}",
            status="paid",
            currency="USD",
            total_minor=total,
            quoted_at=when,
            paid_at=when,
        )

    response = client_for(cast.rep).get(reverse("orders:buyer_panel", args=[buyer.pk]), **HTMX)
    html = response.content.decode()

    assert 'id="growth-chart"' in html
    data = chart_data(html)
    assert data["labels"] == ["2026-01-05", "2026-02-14", "2026-03-07"]
    assert data["amounts"] == [200.0, 350.0, 800.0]
    assert data["gaps"] == [None, 40, 21]


@pytest.mark.django_db
def test_a_buyer_with_one_order_gets_no_chart(client_for, cast):
    buyer = graded_buyer("B", assigned_rep=cast.rep)
    when = timezone.make_aware(datetime(2026, 1, 5, 12, 0))
    Order.objects.create(
        buyer=buyer, number="G-1", status="paid", total_minor=1_000, quoted_at=when, paid_at=when
    )
    html = client_for(cast.rep).get(reverse("orders:buyer_panel", args=[buyer.pk]), **HTMX)
    assert 'id="growth-chart"' not in html.content.decode()


@pytest.mark.django_db
def test_the_buyer_page_loads_chart_js_and_the_growth_script(client_for, cast):
    buyer = graded_buyer("A", assigned_rep=cast.rep)
    html = client_for(cast.rep).get(reverse("buyers:detail", args=[buyer.pk])).content.decode()
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "exportdesk/growth_chart.js" in html
