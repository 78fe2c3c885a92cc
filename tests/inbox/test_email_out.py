"""Replies by email go through a real SMTP server (aiosmtpd on 127.0.0.1), threaded."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from exportdesk.inbox.email_out import ReplyNotSent, send_reply_email
from exportdesk.inbox.models import Conversation, Message
from tests.factories import make_buyer, make_conversation
from tests.inbox.conftest import SmtpSink
from tests.inbox.dovecot import _free_port


def reply_in(
    conversation: Conversation, body: str = "Dear Anna, the price is USD 0.85."
) -> Message:
    return Message.objects.create(
        conversation=conversation,
        direction=Message.Direction.OUT,
        body=body,
        sent_at=timezone.now(),
        delivery=Message.Delivery.EMAIL,
    )


@pytest.fixture
def conversation(db: None) -> Conversation:
    buyer = make_buyer(company="Lumière Import SARL", country="FR", email="anna@lumiere-import.fr")
    conversation = make_conversation(buyer, body="Price for 3,000 masks?")
    conversation.subject = "Price request for sheet masks"
    conversation.save(update_fields=["subject"])
    conversation.messages.update(external_id="<20261127091500.4711@lumiere-import.fr>")
    return conversation


def test_the_reply_arrives_with_body_subject_and_threading_headers(
    smtp_sink: SmtpSink, conversation: Conversation
) -> None:
    message_id = send_reply_email(
        message=reply_in(conversation, "Dear Anna,\n가격은 USD 0.85입니다.")
    )

    [mail] = smtp_sink.mails
    assert mail["Subject"] == "Re: Price request for sheet masks"
    assert mail["To"] == "anna@lumiere-import.fr"
    assert mail["From"] == "Seoul Glow Sales <sales@seoulglow.co.kr>"
    assert mail["Message-ID"] == message_id
    assert message_id.endswith("@seoulglow.co.kr>")
    assert mail["In-Reply-To"] == "<20261127091500.4711@lumiere-import.fr>"
    assert mail["References"] == "<20261127091500.4711@lumiere-import.fr>"
    assert mail.get_content().replace("\r\n", "\n").strip() == "Dear Anna,\n가격은 USD 0.85입니다."
    assert smtp_sink.envelopes[0].rcpt_tos == ["anna@lumiere-import.fr"]


def test_the_latest_inbound_mail_is_the_one_answered(
    smtp_sink: SmtpSink, conversation: Conversation
) -> None:
    Message.objects.create(
        conversation=conversation,
        direction=Message.Direction.IN,
        body="And the lead time?",
        sent_at=timezone.now(),
        external_id="<second@lumiere-import.fr>",
    )
    send_reply_email(message=reply_in(conversation))
    assert smtp_sink.mails[0]["In-Reply-To"] == "<second@lumiere-import.fr>"


@pytest.mark.parametrize(
    ("subject", "sent"),
    [
        ("Price request for sheet masks", "Re: Price request for sheet masks"),
        ("RE: Re: Price request", "Re: Price request"),
        ("Fwd: catalogue", "Re: catalogue"),
        ("", "Re:"),
    ],
)
def test_the_subject_gets_exactly_one_re(
    smtp_sink: SmtpSink, conversation: Conversation, subject: str, sent: str
) -> None:
    conversation.subject = subject
    conversation.save(update_fields=["subject"])
    send_reply_email(message=reply_in(conversation))
    assert smtp_sink.mails[0]["Subject"] == sent


def test_a_conversation_without_mail_ids_is_sent_without_threading_headers(
    smtp_sink: SmtpSink, conversation: Conversation
) -> None:
    conversation.messages.update(external_id="")
    send_reply_email(message=reply_in(conversation))
    assert smtp_sink.mails[0]["In-Reply-To"] is None


def test_a_buyer_without_email_raises_reply_not_sent(
    smtp_sink: SmtpSink, conversation: Conversation
) -> None:
    conversation.buyer.email = ""
    conversation.buyer.save(update_fields=["email"])
    with pytest.raises(ReplyNotSent, match="no email address"):
        send_reply_email(message=reply_in(conversation))
    assert smtp_sink.mails == []


def test_a_dead_smtp_port_raises_reply_not_sent(settings: Any, conversation: Conversation) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _free_port()  # nothing listens there
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    with pytest.raises(ReplyNotSent, match="did not take the reply"):
        send_reply_email(message=reply_in(conversation))
