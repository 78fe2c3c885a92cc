"""The sample flow in a real browser: request with a live split preview, then send and convert."""

from __future__ import annotations

import re
from typing import Any

import pytest

from exportdesk.orders.models import Sample
from tests.factories import make_order
from tests.orders.conftest import bring_to, graded_buyer, make_product, request_sample

pytestmark = pytest.mark.browser


def test_a_rep_requests_a_sample_sees_the_split_then_sends_and_converts_it(
    cast: Any,
    log_in: Any,
    screenshot_dir: Any,
) -> None:
    from playwright.sync_api import expect

    buyer = graded_buyer("B", company="Bravo Beauty LLC", assigned_rep=cast.rep)
    make_product(sku="SER-01", name_en="Snail serum")
    make_product(sku="TON-02", name_en="Rice toner")
    make_order(buyer, number="PO-2001")
    other = graded_buyer("A", company="Alpha Cosmetics Kft", assigned_rep=cast.rep)
    bring_to(request_sample(other, cast.rep), "delivered", cast.rep)

    page = log_in(cast.rep)
    page.goto(f"/orders/samples/new/?buyer={buyer.pk}")
    expect(page.get_by_test_id("split-preview")).to_contain_text("Grade B: you pay 50 %")
    page.locator("#id_products").select_option(["SER-01 Snail serum"])
    page.locator("#id_cost").fill("100.01")
    page.locator("#id_courier_cost").fill("20")
    expect(page.get_by_test_id("split-amounts")).to_contain_text(
        "You pay $60.00 · the buyer pays $60.01 · total $120.01"
    )
    page.screenshot(path=str(screenshot_dir / "sample-request.png"), full_page=True)
    page.get_by_role("button", name="Request sample").click()
    expect(page).to_have_url(re.compile(rf"/buyers/{buyer.pk}/"))

    page.goto("/orders/samples/")
    expect(page.locator("#sample-results tbody tr")).to_have_count(2)
    row = page.locator("#sample-results tbody tr", has_text="Bravo Beauty LLC")
    row.get_by_role("button", name="Mark sent").click()
    expect(page.locator("#sample-results .alert-success")).to_contain_text("Sample marked sent.")
    row = page.locator("#sample-results tbody tr", has_text="Bravo Beauty LLC")
    expect(row.get_by_test_id("sample-status")).to_have_text("Sent")

    row.get_by_role("button", name="Convert").click()
    row.get_by_role("button", name="Convert to this order").click()
    expect(page.locator("#sample-results .alert-success")).to_contain_text("PO-2001")
    card = page.locator('[data-testid="sample-kpis"] [data-grade="B"]')
    expect(card.get_by_test_id("rate")).to_have_text("100%")
    page.screenshot(path=str(screenshot_dir / "samples.png"), full_page=True)
    sample = Sample.objects.get(buyer=buyer)
    assert (sample.status, sample.converted_order.number) == ("converted", "PO-2001")

    page.goto(f"/orders/samples/{sample.pk}/")
    expect(page.get_by_test_id("policy-snapshot")).to_have_text("A 100% · B 50% · C 0%")
    page.screenshot(path=str(screenshot_dir / "sample-detail.png"), full_page=True)
