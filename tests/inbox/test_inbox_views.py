"""The inbox pages: queue, conversation with composer and draft, new inquiry, spam, retry."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from exportdesk.buyers.models import Buyer
from exportdesk.inbox.models import Conversation, Message
from exportdesk.inbox.services import message_receive
from tests.factories import make_buyer

pytestmark = pytest.mark.django_db


def inquiry(
    buyer: Buyer, body: str = "Hello, price for 5000 pcs of the serum?", **fields: Any
) -> Any:
    fields.setdefault("channel", "alibaba")
    fields.setdefault("sent_at", timezone.now() - timedelta(hours=1))
    return message_receive(body=body, buyer=buyer, **fields).conversation


def test_the_inbox_lists_conversations_with_kpis_and_counts(cast: Any, client_for: Any) -> None:
    inquiry(make_buyer(company="Glow Importers"))
    response = client_for(cast.owner).get(reverse("inbox:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Glow Importers" in html
    assert 'data-testid="kpi-strip"' in html
    assert 'data-testid="nav-count"' in html
    assert re.search(r'class="badge text-bg-\w+ countdown"[^>]*>\d+h \d+m left<', html)


def test_an_htmx_request_gets_only_the_queue(cast: Any, client_for: Any) -> None:
    inquiry(make_buyer(company="Glow Importers"))
    response = client_for(cast.owner).get(reverse("inbox:index"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Glow Importers" in html and "<html" not in html


def test_the_inbox_page_makes_a_fixed_number_of_queries(
    cast: Any, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(8):
        inquiry(make_buyer(assigned_rep=cast.rep if n % 2 else None))
    client = client_for(cast.rep)
    client.get(reverse("inbox:index"))  # warm the session and workspace caches
    with django_assert_max_num_queries(16):
        assert client.get(reverse("inbox:index")).status_code == 200


def test_a_conversation_shows_thread_buyer_card_and_draft(cast: Any, client_for: Any) -> None:
    conversation = inquiry(make_buyer(company="Glow Importers", contact_name="Anna"))
    response = client_for(cast.rep).get(reverse("inbox:conversation", args=[conversation.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="buyer-card"' in html
    assert 'data-testid="draft"' in html
    assert "Dear Anna" in html  # the draft fills the reply box
    assert "price for 5000 pcs" in html


def test_another_reps_conversation_is_not_found(cast: Any, client_for: Any) -> None:
    conversation = inquiry(make_buyer(assigned_rep=cast.outsider))
    client = client_for(cast.rep)
    assert client.get(reverse("inbox:conversation", args=[conversation.pk])).status_code == 404
    response = client.post(reverse("inbox:reply", args=[conversation.pk]), {"body": "Hi"})
    assert response.status_code == 404
    assert not Message.objects.filter(direction="out").exists()


def test_replying_records_the_message_and_leaves_the_queue(cast: Any, client_for: Any) -> None:
    conversation = inquiry(make_buyer())
    client = client_for(cast.rep)
    response = client.post(reverse("inbox:reply", args=[conversation.pk]), {"body": "Dear buyer"})
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.AWAITING_BUYER
    reply = Message.objects.get(direction="out")
    assert reply.author == cast.rep and reply.delivery == "clipboard"
    follow = client.get(reverse("inbox:conversation", args=[conversation.pk]))
    assert "copied to your clipboard" in follow.content.decode()


def test_an_empty_reply_shows_the_form_again(cast: Any, client_for: Any) -> None:
    conversation = inquiry(make_buyer())
    response = client_for(cast.rep).post(
        reverse("inbox:reply", args=[conversation.pk]), {"body": ""}
    )
    assert response.status_code == 400
    assert not Message.objects.filter(direction="out").exists()


def test_a_viewer_cannot_reply_or_reject(cast: Any, client_for: Any) -> None:
    conversation = inquiry(make_buyer())
    client = client_for(cast.viewer)
    page = client.get(reverse("inbox:conversation", args=[conversation.pk])).content.decode()
    assert 'data-testid="reply-form"' not in page
    assert (
        client.post(reverse("inbox:reply", args=[conversation.pk]), {"body": "x"}).status_code
        == 403
    )
    assert client.post(reverse("inbox:spam", args=[conversation.pk])).status_code == 403


def test_reject_as_spam_is_one_click(cast: Any, client_for: Any) -> None:
    conversation = inquiry(make_buyer(), body="We are an SEO agency and can increase your sales.")
    response = client_for(cast.rep).post(
        reverse("inbox:spam", args=[conversation.pk]), {"next": "/inbox/?view=filtered"}
    )
    assert response.status_code == 302 and response["Location"] == "/inbox/?view=filtered"
    conversation.refresh_from_db()
    assert conversation.is_spam and conversation.first_response_at is not None


def test_a_pasted_alibaba_inquiry_registers_the_buyer(cast: Any, client_for: Any) -> None:
    text = (
        "Buyer: Anna Kovacs\n"
        "Company: Budapest Beauty Kft.\n"
        "Country/Region: Hungary\n"
        "Quantity: 2,000 Pieces\n"
        "Message: Hello, we would like 2000 pcs of the snail essence with our own logo. "
        "What is your best price?"
    )
    response = client_for(cast.rep).post(reverse("inbox:new"), {"text": text, "channel": "alibaba"})
    assert response.status_code == 302
    buyer = Buyer.objects.get()
    assert buyer.company == "Budapest Beauty Kft."
    assert buyer.country == "HU"
    conversation = buyer.conversations.get()
    assert response["Location"] == reverse("inbox:conversation", args=[conversation.pk])
    message = conversation.messages.get()
    assert "own logo" in message.body
    assert "Country/Region" not in message.body


def test_the_new_inquiry_form_explains_what_is_missing(cast: Any, client_for: Any) -> None:
    response = client_for(cast.rep).post(reverse("inbox:new"), {"text": "", "channel": "alibaba"})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    response = client_for(cast.rep).post(
        reverse("inbox:new"), {"text": "Price please?", "channel": "alibaba", "email": ""}
    )
    assert "Say who wrote the message" in response.content.decode()
    assert not Message.objects.exists()


def test_a_failed_email_offers_to_send_again(cast: Any, client_for: Any, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    conversation = inquiry(make_buyer(email="a@shop.pl"), channel="email")
    client = client_for(cast.rep)
    client.post(reverse("inbox:reply", args=[conversation.pk]), {"body": "Dear buyer"})
    page = client.get(reverse("inbox:conversation", args=[conversation.pk])).content.decode()
    assert "Send again" in page
    failed = Message.objects.get(direction="out")
    assert failed.delivery == "failed"


def test_inbox_alerts_show_until_dismissed(cast: Any, client_for: Any) -> None:
    from exportdesk.inbox.alerts import alerts_raise_due

    conversation = inquiry(make_buyer(company="Late Buyer", assigned_rep=cast.rep))
    Conversation.objects.filter(pk=conversation.pk).update(
        deadline_at=timezone.now() - timedelta(minutes=5)
    )
    alerts_raise_due()
    client = client_for(cast.rep)
    page = client.get(reverse("inbox:index")).content.decode()
    assert 'data-testid="alerts"' in page and "Late Buyer" in page
    alert = conversation.alerts.get()
    response = client.post(reverse("inbox:alert_read", args=[alert.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'data-testid="alerts"' not in client.get(reverse("inbox:index")).content.decode()


def test_someone_elses_alert_cannot_be_dismissed(cast: Any, client_for: Any) -> None:
    from exportdesk.inbox.alerts import alerts_raise_due

    conversation = inquiry(make_buyer(assigned_rep=cast.outsider))
    Conversation.objects.filter(pk=conversation.pk).update(
        deadline_at=timezone.now() - timedelta(minutes=5)
    )
    alerts_raise_due()
    alert = conversation.alerts.get()
    response = client_for(cast.rep).post(reverse("inbox:alert_read", args=[alert.pk]))
    assert response.status_code == 403
    alert.refresh_from_db()
    assert alert.read_at is None


def test_the_response_report_breaks_down_by_rep_and_grade(cast: Any, client_for: Any) -> None:
    inquiry(make_buyer(assigned_rep=cast.rep))
    response = client_for(cast.owner).get(reverse("inbox:responses"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="response-table"') == 2
    assert cast.rep.get_full_name() in html
