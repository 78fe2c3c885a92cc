"""Due-soon and overdue reply alerts: in the app, by email and to a chat webhook.

The worker calls ``alerts_raise_due`` every minute. A conversation waiting for us gets at most
one alert per state and deadline (the ``one_alert_per_state`` constraint makes that hold even
when two workers run at once); a reply that opens a new deadline later can raise new ones.
The alert goes to the buyer's rep (no rep: the unassigned queue, seen by owners and managers),
by email to the rep and the workspace's alert addresses, and as ``{"text": ...}`` to a
Slack/Teams-style webhook. What went out, or why not, is kept in ``deliveries``; a failing
mail server or webhook never stops the worker.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.accounts.roles import Role, user_role
from exportdesk.inbox.models import Conversation, InboxAlert

WEBHOOK_TIMEOUT_SECONDS = 5
# Deadlines missed longer ago than this raise nothing: turning alerts on over an imported
# history must not send one email per forgotten thread. The queue still shows them overdue.
STALE_AFTER = timedelta(days=7)
# Owners and managers look after the unassigned queue.
QUEUE_KEEPERS = frozenset({Role.OWNER, Role.MANAGER})
ALERT_LANGUAGES = ("en", "ko")


@dataclass(frozen=True)
class AlertReport:
    """What one run raised and sent."""

    raised: int = 0
    emails_sent: int = 0
    webhooks_sent: int = 0
    failed: int = 0  # emails and webhook posts that did not go out


def conversation_link(conversation_id: int) -> str:
    """The path of a conversation's page (relative: the app knows no public host name)."""
    return f"/inbox/c/{conversation_id}/"


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Seoul")


def _without_alert(conversations: QuerySet[Conversation], state: str) -> QuerySet[Conversation]:
    # Skips in SQL what earlier runs raised, so a backlog costs one query, not one per row.
    raised = InboxAlert.objects.filter(
        conversation=OuterRef("pk"), state=state, deadline_at=OuterRef("deadline_at")
    )
    return conversations.exclude(Exists(raised))


def _candidates(now: datetime, due_soon: timedelta) -> list[tuple[Conversation, str]]:
    """(conversation, state) pairs due an alert that no run has raised yet."""
    waiting = Conversation.objects.filter(
        status__in=Conversation.AWAITING_REPLY, is_spam=False, deadline_at__isnull=False
    ).select_related("buyer", "buyer__assigned_rep")
    overdue = _without_alert(
        waiting.filter(deadline_at__lt=now, deadline_at__gte=now - STALE_AFTER),
        InboxAlert.State.OVERDUE,
    )
    soon = _without_alert(
        waiting.filter(deadline_at__gte=now, deadline_at__lte=now + due_soon),
        InboxAlert.State.DUE_SOON,
    )
    due: list[tuple[Conversation, str]] = [
        (c, InboxAlert.State.OVERDUE.value) for c in overdue.order_by("deadline_at", "pk")
    ]
    due += [(c, InboxAlert.State.DUE_SOON.value) for c in soon.order_by("deadline_at", "pk")]
    return due


def _raise_once(conversation: Conversation, state: str) -> InboxAlert | None:
    """Create the alert, or None when another run just did (the unique constraint decides)."""
    assert conversation.deadline_at is not None
    try:
        with transaction.atomic():
            return InboxAlert.objects.create(
                conversation=conversation,
                state=state,
                deadline_at=conversation.deadline_at,
                recipient=conversation.buyer.assigned_rep,
            )
    except IntegrityError:
        return None


@dataclass(frozen=True)
class _AlertText:
    subject: str
    body: str
    short: str  # one line for chat


def _texts(alert: InboxAlert, zone: ZoneInfo) -> list[_AlertText]:
    """The alert in each alert language, without repeating a text not yet translated."""
    conversation = alert.conversation
    buyer = conversation.buyer
    local = alert.deadline_at.astimezone(zone)
    params = {
        "buyer": f"{buyer.company} ({buyer.country})",
        "deadline": f"{local:%Y-%m-%d %H:%M} {local.tzname()}",
        "link": conversation_link(conversation.pk),
        "subject": conversation.subject or "-",
    }
    texts: list[_AlertText] = []
    for language in ALERT_LANGUAGES:
        with translation.override(language):
            if alert.state == InboxAlert.State.OVERDUE:
                subject = _("Reply overdue: %(buyer)s") % params
                lead = _("%(buyer)s has waited past the reply deadline.") % params
            else:
                subject = _("Reply due soon: %(buyer)s") % params
                lead = _("%(buyer)s is waiting for a reply.") % params
            deadline = _("Reply deadline: %(deadline)s") % params
            body = "\n".join(
                [
                    lead,
                    _("Subject: %(subject)s") % params,
                    deadline,
                    _("Open the conversation: %(link)s") % params,
                ]
            )
        text = _AlertText(subject=subject, body=body, short=f"{subject} — {deadline}")
        if text not in texts:
            texts.append(text)
    return texts


def _send_email(recipients: Sequence[str], texts: list[_AlertText]) -> str:
    try:
        EmailMessage(
            subject=" / ".join(dict.fromkeys(t.subject for t in texts)),
            body="\n\n----\n\n".join(t.body for t in texts),
            to=list(recipients),
        ).send(fail_silently=False)
    except Exception as error:  # SMTP, socket, TLS, backend errors alike: record, go on
        return f"failed: {error.__class__.__name__}: {error}"[:500]
    return "sent"


def _post_webhook(url: str, text: str) -> str:
    if urlsplit(url).scheme not in {"http", "https"}:
        # urllib would also open file:// and ftp:// URLs; a webhook is HTTP only.
        return "failed: not an http(s) URL"
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        url,
        data=json.dumps({"text": text}).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310
            status = response.status
    except Exception as error:  # refused, timed out, HTTP 4xx/5xx, bad reply: record, go on
        return f"failed: {error.__class__.__name__}: {error}"[:500]
    return "sent" if 200 <= status < 300 else f"failed: HTTP {status}"


def alerts_raise_due(*, now: datetime | None = None) -> AlertReport:
    """Raise the alerts now due and send them out; safe to run twice, even at the same time.

    A conversation waiting for us (new or awaiting us, not spam, with a deadline) is due soon
    within the workspace's ``due_soon_minutes`` of its deadline and overdue past it (up to
    ``STALE_AFTER``). Each (conversation, state, deadline) raises one alert, in the app for the
    buyer's rep, by email (rep and ``alert_emails``) and to ``alert_webhook_url`` when set.
    """
    now = now or timezone.now()
    workspace = WorkspaceSettings.current()
    zone = _zone(workspace.timezone)
    raised = emails = webhooks = failed = 0
    for conversation, state in _candidates(now, timedelta(minutes=workspace.due_soon_minutes)):
        alert = _raise_once(conversation, state)
        if alert is None:
            continue
        raised += 1
        texts = _texts(alert, zone)
        deliveries: dict[str, object] = {}
        rep = conversation.buyer.assigned_rep
        recipients = [rep.email] if rep is not None and rep.email else []
        recipients += [a for a in workspace.alert_emails or [] if a and a not in recipients]
        if recipients:
            deliveries["email"] = _send_email(recipients, texts)
            deliveries["email_to"] = recipients
            emails += deliveries["email"] == "sent"
            failed += deliveries["email"] != "sent"
        if workspace.alert_webhook_url:
            text = "\n".join([*(t.short for t in texts), conversation_link(conversation.pk)])
            deliveries["webhook"] = _post_webhook(workspace.alert_webhook_url, text)
            webhooks += deliveries["webhook"] == "sent"
            failed += deliveries["webhook"] != "sent"
        if deliveries:
            InboxAlert.objects.filter(pk=alert.pk).update(deliveries=deliveries)
            alert.deliveries = deliveries
    return AlertReport(raised=raised, emails_sent=emails, webhooks_sent=webhooks, failed=failed)


def alerts_for(user: AbstractBaseUser | AnonymousUser) -> QuerySet[InboxAlert]:
    """The user's unread in-app alerts, newest first; owners and managers also get the
    unassigned queue's."""
    if not user.is_authenticated:
        return InboxAlert.objects.none()
    mine = Q(recipient=user)
    if user_role(user) in QUEUE_KEEPERS:
        mine |= Q(recipient__isnull=True)
    return (
        InboxAlert.objects.filter(mine, read_at__isnull=True)
        .select_related("conversation", "conversation__buyer")
        .order_by("-created_at", "-pk")
    )


def alert_mark_read(*, alert: InboxAlert, user: AbstractBaseUser | AnonymousUser) -> InboxAlert:
    """Mark an alert read; only its recipient, or an owner or manager, may."""
    if not user.is_authenticated or (
        alert.recipient_id != user.pk and user_role(user) not in QUEUE_KEEPERS
    ):
        raise PermissionDenied(_("This alert is not yours to mark read."))
    if alert.read_at is None:
        alert.read_at = timezone.now()
        alert.save(update_fields=["read_at"])
    return alert
