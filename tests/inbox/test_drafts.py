"""The assistant in the inbox: drafts from the records, the auto-reply policy, the LLM polish."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.urls import reverse

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.buyers.models import BuyerEvent
from exportdesk.catalog.models import Product
from exportdesk.inbox.knowledge_base import clear_knowledge_cache
from exportdesk.inbox.models import KnowledgeArticle, Message
from exportdesk.inbox.services import message_receive
from tests.factories import make_buyer

pytestmark = pytest.mark.django_db
SHIPPING_QUESTION = "Do you ship to Germany? Can you send by air or by sea, with DHL?"


@pytest.fixture
def shipping_article() -> KnowledgeArticle:
    article = KnowledgeArticle.objects.create(
        title="Shipping methods and costs",
        question_variants=[
            "How much is shipping to my country?",
            "Do you ship by sea or by air?",
            "What does DHL shipping cost?",
        ],
        answers={"en": "We ship by DHL Express in 3-5 working days.", "ko": "DHL로 보냅니다."},
        intents=["shipping"],
        auto_reply_allowed=True,
    )
    clear_knowledge_cache()
    return article


def settings_with(**changes: Any) -> None:
    WorkspaceSettings.objects.filter(pk=WorkspaceSettings.current().pk).update(**changes)


def test_a_routine_covered_question_is_answered_automatically_when_allowed(
    shipping_article: KnowledgeArticle,
) -> None:
    settings_with(auto_reply_enabled=True, auto_reply_threshold=0.3)
    received = message_receive(
        body=SHIPPING_QUESTION, channel="alibaba", buyer=make_buyer(contact_name="Jonas")
    )
    reply = Message.objects.get(direction="out")
    assert reply.auto_reply is True
    assert "DHL Express" in reply.body and "Jonas" in reply.body
    event = BuyerEvent.objects.get(kind="auto_reply_sent")
    assert any("routine" in reason for reason in event.payload["reasons"])
    received.conversation.refresh_from_db()
    assert received.conversation.status == "awaiting_buyer"


def test_nothing_is_sent_automatically_while_the_setting_is_off(
    shipping_article: KnowledgeArticle,
) -> None:
    message_receive(body=SHIPPING_QUESTION, channel="alibaba", buyer=make_buyer())
    assert not Message.objects.filter(direction="out").exists()


def test_a_price_question_is_left_to_a_person_even_when_allowed(
    shipping_article: KnowledgeArticle,
) -> None:
    settings_with(auto_reply_enabled=True, auto_reply_threshold=0.3)
    message_receive(
        body="Shipping cost to Germany? And your best price for 3000 pcs?",
        channel="alibaba",
        buyer=make_buyer(),
    )
    assert not Message.objects.filter(direction="out").exists()


def test_a_low_intent_message_is_recorded_as_filtered_with_reasons() -> None:
    message_receive(
        body="Dear manager, we are an SEO agency and can increase your sales 300%. Reply now!",
        channel="email",
        email="growth@seo-agency.com",
    )
    event = BuyerEvent.objects.get(kind="assistant_filtered")
    assert event.payload["reasons"] and "Low-intent" in event.payload["reasons"][0]


def test_history_imports_get_no_assistant_action(shipping_article: KnowledgeArticle) -> None:
    settings_with(auto_reply_enabled=True, auto_reply_threshold=0.3)
    message_receive(body=SHIPPING_QUESTION, channel="alibaba", buyer=make_buyer(), assistant=False)
    assert not Message.objects.filter(direction="out").exists()


def test_the_draft_offers_a_strategic_yes_below_the_catalog_moq(cast: Any, client_for: Any) -> None:
    Product.objects.create(sku="S-1", name_ko="세럼", name_en="Serum", category="serum", moq=1000)
    conversation = message_receive(
        body="Can we order only 200 pcs of the serum with our own logo?",
        channel="alibaba",
        buyer=make_buyer(contact_name="Maria"),
    ).conversation
    html = client_for(cast.rep).get(reverse("inbox:conversation", args=[conversation.pk]))
    text = html.content.decode()
    assert "Strategic yes" in text
    assert "Option A" in text and "Option B" in text and "Option C" in text


# --- the optional LLM, against a local OpenAI-compatible server -------------------------------


class _Handler(BaseHTTPRequestHandler):
    """Answers chat completions by returning the draft it was sent, lightly "polished".

    The answer keeps every date and price of the draft, as a well-behaved model must.
    """

    status = 200

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        request = json.loads(self.rfile.read(length))
        user = request["messages"][-1]["content"]
        draft = user.split("\n", user.count("\n"))[-1] if "Draft (" not in user else None
        if "Draft (" in user:
            draft = user.split("Draft (", 1)[1].split("\n", 1)[1]
        body = {
            "id": "chatcmpl-local",
            "object": "chat.completion",
            "created": 1,
            "model": request["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": f"{draft}\n\nWarm regards!"},
                    "finish_reason": "stop",
                }
            ],
        }
        payload = json.dumps(body).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def llm_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()


def test_the_llm_polish_is_shown_for_a_person_to_use(
    cast: Any, client_for: Any, llm_server: str
) -> None:
    settings_with(llm_enabled=True, llm_base_url=llm_server, llm_model="local-test")
    conversation = message_receive(
        body="Price for 500 pcs of the toner, please?", channel="alibaba", buyer=make_buyer()
    ).conversation
    client = client_for(cast.rep)
    page = client.get(reverse("inbox:conversation", args=[conversation.pk])).content.decode()
    assert 'data-testid="polish"' in page
    response = client.post(reverse("inbox:polish", args=[conversation.pk]))
    html = response.content.decode()
    assert "Warm regards!" in html
    assert "Use this version" in html
    assert not Message.objects.filter(direction="out").exists()  # a person sends it


def test_a_failing_llm_keeps_the_template_draft_with_a_note(cast: Any, client_for: Any) -> None:
    settings_with(llm_enabled=True, llm_base_url="http://127.0.0.1:9/v1", llm_model="x")
    conversation = message_receive(
        body="Price for 500 pcs of the toner, please?", channel="alibaba", buyer=make_buyer()
    ).conversation
    response = client_for(cast.rep).post(reverse("inbox:polish", args=[conversation.pk]))
    html = response.content.decode()
    assert "Template draft kept" in html
    assert "Use this version" not in html
