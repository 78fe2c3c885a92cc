"""Writes of the inbox: messages in and out, spam rejection, closing.

Every inbound message, whatever its channel (web form, API, IMAP, import of one message), goes
through ``message_receive``; every reply through ``message_send``. Both keep the conversation's
SLA columns (``awaiting_since``, ``deadline_at``, ``first_response_at``) right, so the queue and
the KPIs read columns only, and both write a ``BuyerEvent``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exportdesk.assistant.pipeline import Triage
from exportdesk.buyers.models import Buyer, Channel
from exportdesk.buyers.services import Actor, buyer_event_record, buyer_register, buyer_regrade
from exportdesk.domain.identity import country_codes, normalise_company_name
from exportdesk.inbox.models import Conversation, Message
from exportdesk.inbox.sla import conversation_deadline

logger = logging.getLogger(__name__)
MAX_BODY_CHARS = 100_000
PREVIEW_CHARS = 160
# Mail providers whose domain says nothing about the buyer's company.
WEBMAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
        "msn.com", "icloud.com", "me.com", "aol.com", "mail.ru", "yandex.ru", "yandex.com",
        "naver.com", "daum.net", "hanmail.net", "qq.com", "163.com", "126.com", "proton.me",
        "protonmail.com", "gmx.de", "gmx.net", "web.de", "seznam.cz", "wp.pl", "o2.pl",
        "freemail.hu", "citromail.hu", "libero.it", "orange.fr", "wanadoo.fr", "bk.ru",
        "inbox.ru", "ukr.net", "rediffmail.com", "zoho.com",
    }
)  # fmt: skip
# Country-code domains that are not the country's own (.co, .io, .tv, .me ...).
GENERIC_CCTLDS = frozenset({"co", "io", "tv", "me", "ai", "cc", "ws", "fm", "ly", "to", "gg"})
_SUBJECT_PREFIX = re.compile(
    r"^\s*((re|fw|fwd|aw|sv|antw|答复|回复|转发)\s*(\[\d+\])?\s*:\s*)+", re.I
)


@dataclass(frozen=True)
class Received:
    """What ``message_receive`` did: the stored message and where it landed."""

    message: Message
    conversation: Conversation
    buyer: Buyer
    buyer_created: bool
    duplicate: bool


def _clean_body(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise ValidationError({"body": _("The message is empty.")})
    if len(body) > MAX_BODY_CHARS:
        raise ValidationError(
            {"body": _("The message is longer than %(max)s characters.") % {"max": MAX_BODY_CHARS}}
        )
    return body


def _check_channel(channel: str) -> str:
    if channel not in Channel.values:
        raise ValidationError(
            {"channel": _("Unknown channel %(value)s.") % {"value": repr(channel)}}
        )
    return channel


def normalise_subject(subject: str) -> str:
    """The subject without Re:/Fwd: prefixes, for threading mails that lost their headers."""
    return _SUBJECT_PREFIX.sub("", subject or "").strip().casefold()


def country_from_email(email: str) -> str:
    """A guess at the buyer's country from a country-code mail domain (``.hu`` → ``HU``)."""
    domain = email.rpartition("@")[2].lower().rstrip(".")
    tld = domain.rpartition(".")[2]
    if len(tld) != 2 or tld in GENERIC_CCTLDS:
        return ""
    code = "GB" if tld == "uk" else tld.upper()
    return code if code in country_codes() else ""


def company_from_email(email: str, contact_name: str) -> str:
    """A company name for a buyer who gave none: the mail domain, else the person."""
    domain = email.rpartition("@")[2].lower()
    if domain and domain not in WEBMAIL_DOMAINS:
        label = domain.split(".")[0]
        if label in {"mail", "email", "info", "sales", "www"} and domain.count(".") >= 2:
            label = domain.split(".")[1]
        return label.replace("-", " ").title()
    return contact_name.strip() or email.partition("@")[0] or _("Unknown buyer")


def _resolve_country(country: str, email: str) -> str:
    text = (country or "").strip()
    if not text:
        return country_from_email(email)
    from exportdesk.imports.values import ValueProblem, parse_country

    try:
        return parse_country(text)
    except ValueProblem as problem:
        raise ValidationError({"country": str(problem)}) from problem


def buyer_match(
    *, email: str = "", platform_buyer_id: str = "", company: str = "", country: str = ""
) -> Buyer | None:
    """The known buyer behind these details: platform id, then email, then company + country."""
    if platform_buyer_id:
        found = Buyer.objects.filter(platform_buyer_id=platform_buyer_id).order_by("id").first()
        if found:
            return found
    if email:
        found = Buyer.objects.filter(email__iexact=email).order_by("id").first()
        if found:
            return found
    if company:
        same = Buyer.objects.filter(normalized_company=normalise_company_name(company))
        if country:
            same = same.filter(country=country)
        found = same.order_by("id").first()
        if found:
            return found
    return None


def _thread(
    *, buyer: Buyer, channel: str, subject: str, references: Sequence[str]
) -> Conversation | None:
    refs = [r.strip() for r in references if r and r.strip()]
    if refs:
        earlier = (
            Message.objects.filter(external_id__in=refs, conversation__buyer=buyer)
            .select_related("conversation")
            .order_by("-sent_at", "-id")
            .first()
        )
        if earlier:
            return earlier.conversation
    # Without headers: the buyer's open conversation on this channel about the same subject.
    candidates = Conversation.objects.filter(buyer=buyer, channel=channel).exclude(
        status=Conversation.Status.CLOSED
    )
    wanted = normalise_subject(subject)
    for conversation in candidates.order_by("-last_message_at", "-id")[:20]:
        if not wanted or normalise_subject(conversation.subject) == wanted:
            return conversation
    return None


def _find_or_register_buyer(
    *,
    actor: Actor,
    when: datetime,
    channel: str,
    email: str,
    platform_buyer_id: str,
    company: str,
    country: str,
    contact_name: str,
    buyer_fields: dict[str, Any] | None,
) -> tuple[Buyer, bool]:
    email = (email or "").strip()
    platform_buyer_id = (platform_buyer_id or "").strip()
    code = _resolve_country(country, email)
    found = buyer_match(
        email=email, platform_buyer_id=platform_buyer_id, company=company, country=code
    )
    if found:
        return found, False
    if not (email or platform_buyer_id or company.strip() or contact_name.strip()):
        raise ValidationError(
            _("Say who wrote the message: a buyer, an email, a platform ID or a company name.")
        )
    fields: dict[str, Any] = dict(buyer_fields or {})
    fields.update(
        {
            key: value
            for key, value in {
                "email": email,
                "platform_buyer_id": platform_buyer_id,
                "contact_name": contact_name.strip(),
            }.items()
            if value
        }
    )
    fields.setdefault("channel", channel)
    name = company.strip() or company_from_email(email, contact_name)
    buyer = buyer_register(actor=actor, company=name, country=code, at=when, **fields)
    return buyer, True


def _apply_understanding(conversation: Conversation, result: Triage | None) -> None:
    if result is None:
        return
    conversation.language = result.language
    conversation.intents = list(result.intents)
    conversation.low_intent = result.low_intent


def message_receive(
    *,
    body: str,
    channel: str,
    actor: Actor = None,
    sent_at: datetime | None = None,
    buyer: Buyer | None = None,
    email: str = "",
    platform_buyer_id: str = "",
    company: str = "",
    country: str = "",
    contact_name: str = "",
    subject: str = "",
    external_id: str = "",
    references: Sequence[str] = (),
    conversation: Conversation | None = None,
    buyer_fields: dict[str, Any] | None = None,
    run_triage: bool = True,
    assistant: bool = True,
) -> Received:
    """Take one inbound buyer message: find or register the buyer, thread it, triage, regrade.

    A message whose ``external_id`` (a mail's Message-ID, a platform message id) was seen before
    changes nothing and comes back with ``duplicate=True``. ``references`` (In-Reply-To and
    References ids) thread a reply into the conversation of the message it answers. Raises
    ``ValidationError`` for an empty body, an unknown channel or country, or no sender at all.

    With ``assistant`` (the default) the auto-reply policy then acts on the message: a routine
    question covered by auto-reply articles is answered at once when the workspace allows it,
    and a low-intent one is recorded as filtered. Pass ``assistant=False`` for history (imports
    of old messages), which nobody should answer now.
    """
    body = _clean_body(body)
    channel = _check_channel(conversation.channel if conversation else channel)
    external_id = (external_id or "").strip()[:255]
    if external_id:
        seen = (
            Message.objects.filter(external_id=external_id)
            .select_related("conversation__buyer")
            .first()
        )
        if seen:
            return Received(seen, seen.conversation, seen.conversation.buyer, False, True)
    # Understanding costs tens of milliseconds: do it before taking the write lock.
    understood = None
    if run_triage:
        from exportdesk.inbox.understanding import understand

        understood = understand(body)
    received = _receive(
        body=body,
        channel=channel,
        actor=actor,
        when=sent_at or timezone.now(),
        buyer=buyer,
        email=email,
        platform_buyer_id=platform_buyer_id,
        company=company,
        country=country,
        contact_name=contact_name,
        subject=subject,
        external_id=external_id,
        references=references,
        conversation=conversation,
        buyer_fields=buyer_fields,
        understood=understood,
    )
    if assistant and understood is not None:
        from exportdesk.inbox.drafts import assistant_decide

        try:
            assistant_decide(
                conversation=received.conversation,
                message=received.message,
                result=understood,
                actor=actor,
            )
        except Exception:
            # The message is stored and waits for a person; the assistant's failure must not
            # lose it or fail the channel that delivered it.
            logger.exception("The assistant could not act on message %s", received.message.pk)
    return received


@transaction.atomic
def _receive(
    *,
    body: str,
    channel: str,
    actor: Actor,
    when: datetime,
    buyer: Buyer | None,
    email: str,
    platform_buyer_id: str,
    company: str,
    country: str,
    contact_name: str,
    subject: str,
    external_id: str,
    references: Sequence[str],
    conversation: Conversation | None,
    buyer_fields: dict[str, Any] | None,
    understood: Triage | None,
) -> Received:
    created = False
    if conversation is not None:
        # The caller's copy may be stale (a reply was recorded since): lock and reread it.
        conversation = (
            Conversation.objects.select_for_update().select_related("buyer").get(pk=conversation.pk)
        )
        buyer = conversation.buyer
    elif buyer is None:
        buyer, created = _find_or_register_buyer(
            actor=actor,
            when=when,
            channel=channel,
            email=email,
            platform_buyer_id=platform_buyer_id,
            company=company,
            country=country,
            contact_name=contact_name,
            buyer_fields=buyer_fields,
        )
    if conversation is None:
        conversation = _thread(buyer=buyer, channel=channel, subject=subject, references=references)
    if conversation is None:
        conversation = Conversation(
            buyer=buyer,
            channel=channel,
            subject=(subject or body.split("\n", 1)[0])[:255],
            status=Conversation.Status.NEW,
        )
    message = Message(
        direction=Message.Direction.IN,
        body=body,
        sent_at=when,
        language=understood.language if understood else "",
        triage=understood.to_dict() if understood else None,
        external_id=external_id,
    )
    _open_clock(conversation, when)
    conversation.preview = " ".join(body.split())[:PREVIEW_CHARS]
    _apply_understanding(conversation, understood)
    conversation.save()
    message.conversation = conversation
    message.save()

    if buyer.last_contact_at is None or when > buyer.last_contact_at:
        buyer.last_contact_at = when
        buyer.save(update_fields=["last_contact_at", "updated_at"])
    buyer_event_record(
        buyer=buyer,
        kind="message_received",
        payload={
            "conversation": conversation.pk,
            "message": message.pk,
            "channel": channel,
            "language": message.language,
            "intents": list(understood.intents) if understood else [],
            "low_intent": bool(understood and understood.low_intent),
        },
        actor=actor,
        at=when,
    )
    buyer_regrade(buyer=buyer, actor=actor, cause="message")
    return Received(message, conversation, buyer, created, False)


def _open_clock(conversation: Conversation, when: datetime) -> None:
    """An inbound message starts the SLA clock unless one is already running."""
    if conversation.first_inbound_at is None or when < conversation.first_inbound_at:
        conversation.first_inbound_at = when
    if conversation.last_message_at is None or when > conversation.last_message_at:
        conversation.last_message_at = when
    answered_later = (
        conversation.first_response_at is not None
        and conversation.awaiting_since is None
        and conversation.last_message_at > when
    )
    if answered_later:
        # An old message imported after our reply: history, not a new question.
        return
    if conversation.awaiting_since is None or when < conversation.awaiting_since:
        conversation.awaiting_since = when
        conversation.deadline_at = conversation_deadline(when)
    if conversation.is_spam:
        # A rejected buyer who writes again gets a fresh look.
        conversation.is_spam = False
    conversation.status = (
        Conversation.Status.NEW if conversation.pk is None else Conversation.Status.AWAITING_US
    )


def default_delivery(channel: str) -> str:
    """How a reply on this channel leaves: email by SMTP, the platform by copy and paste."""
    if channel == Channel.EMAIL:
        return Message.Delivery.EMAIL
    if channel == Channel.ALIBABA:
        return Message.Delivery.CLIPBOARD
    return Message.Delivery.MANUAL


def message_send(
    *,
    conversation: Conversation,
    author: Actor,
    body: str,
    via: str | None = None,
    at: datetime | None = None,
    auto_reply: bool = False,
    reasons: Sequence[str] = (),
) -> Message:
    """Record (and for email, send) a reply to the buyer; it stops the SLA clock.

    An email that cannot be sent is kept with ``delivery="failed"`` and the error, and does not
    count as a response: the rep sees it and retries with ``message_retry``.
    """
    body = _clean_body(body)
    via = via or default_delivery(conversation.channel)
    if via not in Message.Delivery.values or via == Message.Delivery.FAILED:
        raise ValidationError({"via": _("Unknown way of sending %(value)s.") % {"value": via}})
    message = Message(
        conversation=conversation,
        direction=Message.Direction.OUT,
        author=author if author is not None and author.is_authenticated else None,  # type: ignore[misc]
        body=body,
        sent_at=at or timezone.now(),
        delivery=via,
        auto_reply=auto_reply,
    )
    _deliver(message)
    _record_reply(message, actor=author, reasons=reasons)
    return message


def message_retry(*, message: Message, actor: Actor) -> Message:
    """Send a failed email reply again."""
    if message.delivery != Message.Delivery.FAILED:
        raise ValidationError(_("Only a reply that failed to send can be sent again."))
    message.delivery = Message.Delivery.EMAIL
    message.delivery_error = ""
    message.sent_at = timezone.now()
    _deliver(message)
    _record_reply(message, actor=actor, reasons=())
    return message


def _deliver(message: Message) -> None:
    if message.delivery != Message.Delivery.EMAIL:
        return
    from exportdesk.inbox.email_out import ReplyNotSent, send_reply_email

    try:
        message.external_id = send_reply_email(message=message)[:255]
    except ReplyNotSent as problem:
        message.delivery = Message.Delivery.FAILED
        message.delivery_error = str(problem)


@transaction.atomic
def _record_reply(message: Message, *, actor: Actor, reasons: Sequence[str]) -> None:
    conversation = Conversation.objects.select_for_update().get(pk=message.conversation_id)
    message.conversation = conversation
    message.save()
    buyer = conversation.buyer
    payload: dict[str, Any] = {
        "conversation": conversation.pk,
        "message": message.pk,
        "delivery": message.delivery,
        "auto_reply": message.auto_reply,
    }
    if reasons:
        payload["reasons"] = list(reasons)
    if message.delivery == Message.Delivery.FAILED:
        payload["error"] = message.delivery_error
        buyer_event_record(buyer=buyer, kind="reply_failed", payload=payload, actor=actor)
        return
    when = message.sent_at
    if conversation.awaiting_since is not None:
        payload["response_minutes"] = round(
            max(0.0, (when - conversation.awaiting_since).total_seconds()) / 60
        )
    if conversation.first_response_at is None:
        conversation.first_response_at = when
    conversation.awaiting_since = None
    conversation.deadline_at = None
    conversation.status = Conversation.Status.AWAITING_BUYER
    if conversation.last_message_at is None or when > conversation.last_message_at:
        conversation.last_message_at = when
    conversation.save()
    if buyer.last_contact_at is None or when > buyer.last_contact_at:
        buyer.last_contact_at = when
        buyer.save(update_fields=["last_contact_at", "updated_at"])
    buyer_event_record(
        buyer=buyer,
        kind="auto_reply_sent" if message.auto_reply else "message_sent",
        payload=payload,
        actor=actor,
        at=when,
    )


@transaction.atomic
def conversation_reject_spam(
    *, conversation: Conversation, actor: Actor, at: datetime | None = None
) -> Conversation:
    """Reject the inquiry as spam: closes it, and counts as a response (the platform's rule)."""
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    when = at or timezone.now()
    conversation.is_spam = True
    conversation.status = Conversation.Status.CLOSED
    if conversation.first_response_at is None:
        conversation.first_response_at = when
    conversation.awaiting_since = None
    conversation.deadline_at = None
    conversation.save()
    buyer_event_record(
        buyer=conversation.buyer,
        kind="rejected_as_spam",
        payload={"conversation": conversation.pk},
        actor=actor,
        at=when,
    )
    return conversation


@transaction.atomic
def conversation_close(*, conversation: Conversation, actor: Actor) -> Conversation:
    """Close a conversation that needs no reply (a thank-you, a duplicate); stops the clock."""
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    conversation.status = Conversation.Status.CLOSED
    conversation.awaiting_since = None
    conversation.deadline_at = None
    conversation.save()
    buyer_event_record(
        buyer=conversation.buyer,
        kind="conversation_closed",
        payload={"conversation": conversation.pk},
        actor=actor,
    )
    return conversation
