"""Sending a reply to the buyer by email, threaded under the buyer's last mail.

Called by ``message_send`` for replies whose delivery is email; it records a failure as
``delivery="failed"`` with the reason, so this module only sends or raises ``ReplyNotSent``.
"""

from __future__ import annotations

import re
import smtplib
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

from exportdesk.inbox.models import Message

_REPLY_PREFIXES = re.compile(r"^\s*((re|fw|fwd|aw|sv|antw|답장|회신)\s*(\[\d+\])?\s*:\s*)+", re.I)


class ReplyNotSent(Exception):
    """The reply could not be sent; ``str(exc)`` is the reason shown to the rep."""


def _reply_subject(subject: str) -> str:
    # One "Re:", not "Re: RE: Re:" after a few rounds; the original wording is kept.
    return f"Re: {_REPLY_PREFIXES.sub('', subject).strip()}".strip()


def _thread_headers(message: Message) -> dict[str, str]:
    """In-Reply-To/References pointing at the buyer's latest mail, so mail clients thread it."""
    latest = (
        Message.objects.filter(
            conversation_id=message.conversation_id,
            direction=Message.Direction.IN,
            external_id__startswith="<",
        )
        .order_by("-sent_at", "-id")
        .values_list("external_id", flat=True)
        .first()
    )
    if not latest:
        return {}
    return {"In-Reply-To": latest, "References": latest}


def send_reply_email(*, message: Message) -> str:
    """Send an outbound message's body to the conversation buyer's email; return its Message-ID.

    Raises ``ReplyNotSent`` when the buyer has no email address or the mail server refuses or
    cannot be reached.
    """
    conversation = message.conversation
    buyer = conversation.buyer
    recipient = (buyer.email or "").strip()
    if not recipient:
        raise ReplyNotSent(_("%(buyer)s has no email address.") % {"buyer": buyer.company})
    # The sender's domain, so the id is unique and looks like ours to the buyer's mail server.
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "exportdesk.localhost"
    message_id = make_msgid(domain=domain)
    headers = {"Message-ID": message_id, **_thread_headers(message)}
    mail = EmailMessage(
        subject=_reply_subject(conversation.subject),
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
        headers=headers,
    )
    try:
        sent = mail.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as exc:
        raise ReplyNotSent(
            _("The mail server did not take the reply: %(error)s") % {"error": exc}
        ) from exc
    if not sent:
        raise ReplyNotSent(_("The mail server did not take the reply."))
    return message_id
