"""The layout at a desktop size (1440x900), with screenshots for people to look at.

Screenshots go to ``var/screenshots/`` (git-ignored): buyers_list.png and buyer_detail.png.
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exportdesk.buyers.services import buyer_tag_add, buyer_update
from tests.factories import make_buyer, make_conversation, make_order

pytestmark = pytest.mark.browser

SIDEBAR_WIDTH = 232
VIEWPORT_WIDTH = 1440
FILTER_CONTROLS = (
    "#f-q",
    "#f-grade",
    "#f-level",
    "#f-country",
    "#f-tag",
    "#f-rep",
    "#f-channel",
    "#f-sort",
)


def seed_realistic_buyers(cast: Any) -> Any:
    """A dozen buyers as a seller would have them; returns the one shown on the detail page."""
    now = timezone.now()
    star = make_buyer(
        company="Budapest Beauty Kft",
        contact_name="Kovács Anna",
        email="anna@budapestbeauty.hu",
        phone="+36 1 234 5678",
        country="HU",
        website="https://budapestbeauty.hu",
        platform_buyer_id="hu1029384",
        company_size="large",
        business_type="distributor",
        platform_level="L4",
        annual_purchase_minor=12_000_000,
        annual_purchase_currency="USD",
        assigned_rep=cast.senior_rep,
        actor=cast.manager,
        at=now - timedelta(days=40),
    )
    buyer_tag_add(buyer=star, actor=cast.senior_rep, name="vip")
    buyer_tag_add(buyer=star, actor=cast.senior_rep, name="cpnp-needed")
    make_order(star, number="ORD-2024-0001", total_minor=86_000, quoted_at=now - timedelta(days=30))
    make_order(star, number="ORD-2024-0002", total_minor=112_000, quoted_at=now - timedelta(days=9))
    make_order(star, number="ORD-2024-0003", status="quoted", quoted_at=now - timedelta(days=1))
    make_conversation(star, body="Could you send the CPNP documents for the toner?")
    make_conversation(star, body="Reorder: 3,000 pcs of the cica cream, same label", at=now)
    buyer_update(buyer=star, actor=cast.manager, changes={"phone": "+36 1 234 0000"})

    rows = [
        ("Seoul Glow Trading", "HU", "small", "online_seller", "L2", cast.rep, "김민지"),
        ("Hanoi K-Beauty JSC", "VN", "medium", "importer", "L3", cast.senior_rep, "Nguyen Thi Lan"),
        ("Dubai Cosmetics FZE", "AE", "enterprise", "distributor", "L4", None, "Omar Haddad"),
        ("Warsaw Skin Lab", "PL", "micro", "retailer", "L1", cast.rep, "Anna Nowak"),
        ("Lagos Beauty Hub", "NG", "", "", "L0", None, "Chidi Okafor"),
        ("Toronto Seoul Market", "CA", "small", "retailer", "", cast.rep, "Emily Chen"),
        ("Riyadh Glow Co.", "SA", "large", "importer", "L3", cast.senior_rep, "Faisal Al-Harbi"),
        ("Mexico K-Shop SA de CV", "MX", "micro", "online_seller", "L1", None, "Sofía García"),
        ("Berlin Clean Beauty GmbH", "DE", "medium", "brand_owner", "L2", cast.rep, "Jonas Weber"),
        ("Sydney Skin Co Pty Ltd", "AU", "", "other", "", None, ""),
    ]
    for i, (company, country, size, kind, level, rep, contact) in enumerate(rows):
        make_buyer(
            company=company,
            country=country,
            company_size=size,
            business_type=kind,
            platform_level=level,
            assigned_rep=rep,
            contact_name=contact,
            channel=["alibaba", "email", "whatsapp", "tradeshow"][i % 4],
            at=now - timedelta(days=3 * i + 1, hours=i),
        )
    return star


def assert_sidebar_beside_content(page: Any) -> None:
    """Sidebar on the left at its fixed width, the working area beside it within the window."""
    sidebar = page.locator("nav.app-sidebar").bounding_box()
    main = page.locator("main.app-main").bounding_box()
    assert sidebar is not None and main is not None
    assert sidebar["x"] == 0
    assert abs(sidebar["width"] - SIDEBAR_WIDTH) <= 1
    assert main["x"] >= sidebar["width"] - 1
    assert main["x"] + main["width"] <= VIEWPORT_WIDTH + 1


def sideways_overflow(page: Any) -> int:
    """How many pixels the whole page scrolls sideways (0 when it fits)."""
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).bounding_box()
    assert found is not None, f"{selector} is not displayed"
    return found


def save(page: Any, directory: Path, name: str, capsys: Any) -> Path:
    path = directory / name
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    with capsys.disabled():
        print(f"\nscreenshot: {path}")
    return path


def test_the_buyers_list_shows_the_sidebar_beside_the_list_on_a_desktop_screen(
    cast: Any, log_in: Any, screenshot_dir: Path, capsys: Any
) -> None:
    seed_realistic_buyers(cast)
    page = log_in(cast.manager)
    page.goto("/buyers/")
    expect(page.locator("#buyer-results tbody tr")).to_have_count(11)
    expect(page.locator("nav.app-sidebar a.nav-link.active")).to_have_text("Buyers")
    save(page, screenshot_dir, "buyers_list.png", capsys)  # first, so a failure still leaves it

    assert_sidebar_beside_content(page)
    # Two rows at this width: search and sort above, every filter side by side below.
    tops = {round(box(page, selector)["y"]) for selector in FILTER_CONTROLS}
    assert len(tops) == 2, f"the filter bar should have two rows at 1440px: tops {sorted(tops)}"


def test_the_buyer_page_shows_the_grade_card_beside_the_timeline_on_a_desktop_screen(
    cast: Any, log_in: Any, screenshot_dir: Path, capsys: Any
) -> None:
    star = seed_realistic_buyers(cast)
    page = log_in(cast.manager)
    page.goto(f"/buyers/{star.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Budapest Beauty Kft")
    expect(page.get_by_test_id("grade-reasons").locator("li")).to_have_count(
        len(star.grade_reasons)
    )
    expect(page.get_by_test_id("timeline")).to_contain_text("Tag added: vip")
    save(page, screenshot_dir, "buyer_detail.png", capsys)  # first, so a failure still leaves it

    assert_sidebar_beside_content(page)
    assert sideways_overflow(page) <= 0
    reasons = box(page, "[data-testid=grade-reasons]")
    timeline = box(page, "[data-testid=timeline]")
    assert reasons["x"] + reasons["width"] <= timeline["x"]


def test_the_filter_bar_controls_sit_side_by_side_without_overlapping(
    cast: Any, log_in: Any
) -> None:
    seed_realistic_buyers(cast)
    page = log_in(cast.manager)
    page.goto("/buyers/")
    expect(page.locator("#buyer-results tbody tr")).to_have_count(11)

    card = box(page, "form.filter-bar")
    boxes = [(selector, box(page, selector)) for selector in FILTER_CONTROLS]
    for (left_name, left), (right_name, right) in itertools.combinations(boxes, 2):
        apart = (
            left["x"] + left["width"] <= right["x"] + 0.5
            or right["x"] + right["width"] <= left["x"] + 0.5
            or left["y"] + left["height"] <= right["y"] + 0.5
            or right["y"] + right["height"] <= left["y"] + 0.5
        )
        assert apart, f"{left_name} overlaps {right_name}"
    for name, control in boxes:
        assert control["x"] + control["width"] <= card["x"] + card["width"], f"{name} sticks out"
    assert sideways_overflow(page) <= 0


def test_every_column_of_the_buyers_table_is_visible_on_a_desktop_screen(
    cast: Any, log_in: Any
) -> None:
    seed_realistic_buyers(cast)
    page = log_in(cast.manager)
    page.goto("/buyers/")
    expect(page.locator("#buyer-results tbody tr")).to_have_count(11)

    table = box(page, "#buyer-results table")
    container = box(page, "#buyer-results .table-responsive")
    assert table["width"] <= container["width"] + 0.5
