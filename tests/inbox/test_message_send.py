"""message_send, message_retry, spam rejection and closing: replies stop the SLA clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from exportdesk.buyers.models import BuyerEvent
from exportdesk.inbox.models import Conversation, Message
from exportdesk.inbox.services import (
    conversation_close,
    conversation_reject_spam,
    message_receive,
    message_retry,
    message_send,
)
from tests.inbox.conftest import SmtpSink

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def inquiry(channel: str = "email", **fields: Any) -> Conversation:
    fields.setdefault("email", "anna@beautyhouse.hu")
    received = message_receive(
        body="Hello, price for 5000 pcs?",
        channel=channel,
        sent_at=T0,
        external_id=f"<{channel}-1@beautyhouse.hu>",
        subject="Serum",
        **fields,
    )
    return received.conversation


def test_an_email_reply_goes_out_by_smtp_and_stops_the_clock(
    cast: Any, smtp_sink: SmtpSink
) -> None:
    conversation = inquiry()
    message = message_send(
        conversation=conversation,
        author=cast.rep,
        body="Dear Anna, thank you!",
        at=T0 + timedelta(hours=2),
    )
    assert message.delivery == Message.Delivery.EMAIL
    assert len(smtp_sink.mails) == 1
    mail = smtp_sink.mails[0]
    assert mail["To"] == "anna@beautyhouse.hu"
    assert mail["In-Reply-To"] == "<email-1@beautyhouse.hu>"
    assert message.external_id == mail["Message-ID"]
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.AWAITING_BUYER
    assert conversation.first_response_at == T0 + timedelta(hours=2)
    assert conversation.awaiting_since is None and conversation.deadline_at is None
    event = BuyerEvent.objects.get(kind="message_sent")
    assert event.payload["response_minutes"] == 120
    assert event.actor == cast.rep


def test_a_failed_email_is_kept_and_does_not_count_as_a_response(cast: Any, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    conversation = inquiry()
    message = message_send(conversation=conversation, author=cast.rep, body="Dear Anna")
    assert message.delivery == Message.Delivery.FAILED
    assert message.delivery_error
    assert Message.objects.filter(pk=message.pk, body="Dear Anna").exists()
    conversation.refresh_from_db()
    assert conversation.first_response_at is None
    assert conversation.deadline_at is not None
    assert BuyerEvent.objects.filter(kind="reply_failed").exists()


def test_a_failed_email_can_be_sent_again(cast: Any, settings: Any, smtp_sink: SmtpSink) -> None:
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9
    conversation = inquiry()
    failed = message_send(conversation=conversation, author=cast.rep, body="Dear Anna")
    settings.EMAIL_PORT = port
    sent = message_retry(message=failed, actor=cast.rep)
    assert sent.pk == failed.pk
    assert sent.delivery == Message.Delivery.EMAIL
    assert len(smtp_sink.mails) == 1
    conversation.refresh_from_db()
    assert conversation.first_response_at is not None


def test_only_a_failed_reply_can_be_retried(cast: Any) -> None:
    conversation = inquiry(channel="alibaba")
    message = message_send(conversation=conversation, author=cast.rep, body="Hi")
    with pytest.raises(ValidationError):
        message_retry(message=message, actor=cast.rep)


def test_an_alibaba_reply_is_recorded_as_copied_to_the_platform(
    cast: Any, mailoutbox: list[Any]
) -> None:
    conversation = inquiry(channel="alibaba")
    message = message_send(conversation=conversation, author=cast.rep, body="Hi Anna")
    assert message.delivery == Message.Delivery.CLIPBOARD
    assert mailoutbox == []
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.AWAITING_BUYER


def test_a_new_buyer_message_after_our_reply_starts_a_new_clock(cast: Any) -> None:
    conversation = inquiry(channel="alibaba")
    message_send(conversation=conversation, author=cast.rep, body="Hi", at=T0 + timedelta(hours=1))
    later = T0 + timedelta(days=1)
    message_receive(
        body="And the MOQ?", channel="alibaba", conversation=conversation, sent_at=later
    )
    conversation.refresh_from_db()
    assert conversation.awaiting_since == later
    assert conversation.deadline_at == later + timedelta(hours=4)
    assert conversation.first_response_at == T0 + timedelta(hours=1)  # the first stays the first


def test_it_refuses_an_empty_reply(cast: Any) -> None:
    conversation = inquiry(channel="alibaba")
    with pytest.raises(ValidationError):
        message_send(conversation=conversation, author=cast.rep, body="  ")


def test_rejecting_as_spam_counts_as_a_response_and_closes(cast: Any) -> None:
    conversation = inquiry(channel="alibaba")
    rejected = conversation_reject_spam(
        conversation=conversation, actor=cast.rep, at=T0 + timedelta(minutes=5)
    )
    assert rejected.is_spam and rejected.status == Conversation.Status.CLOSED
    assert rejected.first_response_at == T0 + timedelta(minutes=5)
    assert rejected.deadline_at is None
    assert BuyerEvent.objects.filter(kind="rejected_as_spam").exists()


def test_closing_stops_the_clock_without_a_response(cast: Any) -> None:
    conversation = inquiry(channel="alibaba")
    closed = conversation_close(conversation=conversation, actor=cast.rep)
    assert closed.status == Conversation.Status.CLOSED
    assert closed.deadline_at is None and closed.first_response_at is None
