"""End-to-end flows on the buyer screens, in a real browser."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from exportdesk.accounts.models import WorkspaceSettings
from tests.factories import make_buyer, make_conversation, make_order

pytestmark = pytest.mark.browser

A_BUYER = {
    "company_size": "enterprise",
    "platform_level": "L4",
    "business_type": "importer",
    "annual_purchase_minor": 10_000_000,
    "annual_purchase_currency": "USD",
}
B_BUYER = {"company_size": "medium", "platform_level": "L2", "business_type": "importer"}


def result_rows(page: Any) -> Any:
    return page.locator("#buyer-results tbody tr")


def test_a_manager_filters_the_list_to_a_buyers_and_reads_why_one_is_graded_a(
    cast: Any, log_in: Any
) -> None:
    alpha = make_buyer(company="Alpha Cosmetics Kft", country="HU", **A_BUYER)
    make_buyer(company="Apex Trading GmbH", country="DE", **A_BUYER)
    make_buyer(company="Bravo Beauty LLC", country="US", **B_BUYER)
    make_buyer(company="Charlie Corner Shop", country="VN")
    make_order(alpha)
    make_conversation(alpha, body="Hello, price for 5000 pcs of toner?")
    assert alpha.grade == "A"

    page = log_in(cast.manager)
    page.locator("nav.app-sidebar a[href='/buyers/']").click()
    expect(page).to_have_url(re.compile(r"/buyers/$"))
    expect(result_rows(page)).to_have_count(4)

    page.locator("#f-grade").select_option("A")

    expect(page).to_have_url(re.compile(r"/buyers/\?.*grade=A"))
    expect(result_rows(page)).to_have_count(2)
    expect(page.get_by_test_id("result-count")).to_have_text("2 buyers")
    expect(page.locator("#buyer-results tbody .grade-badge")).to_have_text(["A", "A"])
    expect(page.locator("#buyer-results")).not_to_contain_text("Bravo Beauty")
    expect(page.locator("#buyer-results")).not_to_contain_text("Charlie Corner")

    page.locator("#buyer-results").get_by_role("link", name="Alpha Cosmetics Kft").click()

    expect(page).to_have_url(re.compile(rf"/buyers/{alpha.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Alpha Cosmetics Kft")
    reasons = page.get_by_test_id("grade-reasons")
    expect(reasons.locator("li")).to_have_count(len(alpha.grade_reasons))
    expect(reasons).to_contain_text("L4 buyer on the platform")
    expect(reasons).to_contain_text("Enterprise (1,000+)")
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text("Registered (grade A)")


def test_the_grade_filter_survives_a_reload_because_htmx_pushed_the_url(
    cast: Any, log_in: Any
) -> None:
    make_buyer(company="Alpha Cosmetics Kft", **A_BUYER)
    make_buyer(company="Charlie Corner Shop")

    page = log_in(cast.owner)
    page.goto("/buyers/")
    page.locator("#f-grade").select_option("A")
    expect(page).to_have_url(re.compile(r"grade=A"))
    expect(result_rows(page)).to_have_count(1)

    page.reload()

    expect(page.locator("#f-grade")).to_have_value("A")
    expect(result_rows(page)).to_have_count(1)
    expect(result_rows(page)).to_contain_text("Alpha Cosmetics Kft")


def test_the_language_switch_changes_the_interface_between_korean_and_english(
    cast: Any, log_in: Any
) -> None:
    make_buyer(company="Alpha Cosmetics Kft", **A_BUYER)
    page = log_in(cast.owner)
    page.goto("/buyers/")
    html = page.locator("html")
    switch = page.locator("nav.app-sidebar form.lang-switch")
    expect(html).to_have_attribute("lang", "en")

    switch.locator("button[value=ko]").click()

    expect(html).to_have_attribute("lang", "ko")
    expect(page).to_have_url(re.compile(r"/buyers/$"))
    expect(switch.locator("button[value=ko]")).to_have_class(re.compile(r"\bbtn-light\b"))
    expect(result_rows(page)).to_have_count(1)

    page.goto("/")  # the choice is remembered on other pages
    expect(html).to_have_attribute("lang", "ko")

    switch.locator("button[value=en]").click()

    expect(html).to_have_attribute("lang", "en")
    expect(switch.locator("button[value=en]")).to_have_class(re.compile(r"\bbtn-light\b"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")


def test_a_rep_does_not_see_another_reps_buyer_and_gets_not_found_at_its_address(
    cast: Any, log_in: Any
) -> None:
    # Live-server tests commit for real, so automatic allocation would hand this buyer to a rep.
    WorkspaceSettings.objects.update_or_create(pk=1, defaults={"auto_allocate": False})
    make_buyer(company="Own Buyer Ltd", assigned_rep=cast.rep)
    make_buyer(company="Unassigned Buyer Ltd")
    foreign = make_buyer(company="Outsider Buyer Ltd", assigned_rep=cast.outsider)

    page = log_in(cast.rep)
    page.goto("/buyers/")

    expect(result_rows(page)).to_have_count(2)
    expect(page.locator("#buyer-results")).to_contain_text("Own Buyer Ltd")
    expect(page.locator("#buyer-results")).to_contain_text("Unassigned Buyer Ltd")
    expect(page.locator("#buyer-results")).not_to_contain_text("Outsider Buyer Ltd")

    response = page.goto(f"/buyers/{foreign.pk}/")

    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Outsider Buyer Ltd")
    expect(page.locator("nav.app-sidebar")).to_be_visible()
