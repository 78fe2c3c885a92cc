"""The inbox in a real browser: paste an inquiry, read the draft, insert an answer, reply."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from exportdesk.inbox.models import Conversation, KnowledgeArticle, Message

pytestmark = pytest.mark.browser

PASTED = (
    "Buyer: Anna Kovacs\n"
    "Company: Budapest Beauty Kft.\n"
    "Country/Region: Hungary\n"
    "Message: Hello, we would like 2000 pcs of the snail essence with our own logo. "
    "Do you ship to Hungary by DHL?"
)


def test_a_rep_pastes_an_inquiry_and_replies_from_the_draft(cast: Any, log_in: Any) -> None:
    KnowledgeArticle.objects.create(
        title="Shipping methods and costs",
        question_variants=["Do you ship to my country?", "Do you ship by DHL?"],
        answers={"en": "We ship by DHL Express in 3-5 working days."},
        intents=["shipping"],
        auto_reply_allowed=True,
    )
    page = log_in(cast.rep)
    page.locator("nav.app-sidebar a[href='/inbox/']").click()
    expect(page.get_by_test_id("kpi-strip")).to_be_visible()
    page.get_by_role("link", name="New inquiry").click()

    page.locator("#id_text").fill(PASTED)
    page.get_by_role("button", name="Add to inbox").click()

    expect(page).to_have_url(re.compile(r"/inbox/c/\d+/$"))
    expect(page.locator(".alert")).to_contain_text("Budapest Beauty Kft.")
    expect(page.get_by_test_id("understanding")).to_contain_text("2000")
    expect(page.get_by_test_id("draft")).to_contain_text("Strategic yes")
    reply = page.locator("#composer textarea[name=body]")
    expect(reply).to_have_value(re.compile(r"Anna Kovacs"))

    page.locator("[data-insert-select]").last.select_option(label="Shipping methods and costs")
    expect(reply).to_have_value(re.compile(r"DHL Express in 3-5 working days"))

    page.get_by_test_id("send").click()
    expect(page.locator(".alert")).to_contain_text("Reply recorded as sent")
    conversation = Conversation.objects.get()
    assert conversation.status == Conversation.Status.AWAITING_BUYER
    sent = Message.objects.get(direction="out")
    assert "DHL Express" in sent.body and sent.delivery == "clipboard"

    page.locator("nav.app-sidebar a[href='/inbox/']").click()
    expect(page.get_by_test_id("result-count")).to_have_text("0 conversations awaiting a reply")
