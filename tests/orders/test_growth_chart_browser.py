"""The buyer page draws the growth chart in a real browser (Chart.js, CSP: no inline script)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_buyer, make_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_buyer_page_draws_the_growth_chart_without_errors(cast: Any, log_in: Any) -> None:
    now = timezone.now()
    buyer = make_buyer(company="Growth Chart Kft", assigned_rep=cast.senior_rep, actor=cast.manager)
    for days, total in ((120, 30_000), (70, 60_000), (30, 90_000)):
        make_order(buyer, total_minor=total, quoted_at=now - timedelta(days=days))

    page = log_in(cast.manager)
    page.goto(f"/buyers/{buyer.pk}/")
    canvas = page.locator("#growth-chart")
    expect(canvas).to_be_visible()
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.getElementById('growth-chart'))"
    )
    points = page.evaluate(
        "() => Chart.getChart(document.getElementById('growth-chart')).data.datasets"
        ".map(d => d.data)"
    )
    assert points == [[300, 600, 900], [None, 50, 40]]
