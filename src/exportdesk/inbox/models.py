"""Conversations with buyers, their messages, the knowledge base and reply templates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from exportdesk.buyers.models import Buyer, Channel


class Conversation(models.Model):
    """A thread with one buyer; the SLA clock runs on its first unanswered inbound message."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        AWAITING_US = "awaiting_us", _("Awaiting us")
        AWAITING_BUYER = "awaiting_buyer", _("Awaiting buyer")
        CLOSED = "closed", _("Closed")

    # The statuses of a conversation waiting for our reply: the queue, the SLA clock, the KPIs
    # and the alerts all mean these two.
    AWAITING_REPLY = (Status.NEW, Status.AWAITING_US)

    buyer = models.ForeignKey(Buyer, on_delete=models.CASCADE, related_name="conversations")
    channel = models.CharField(
        _("channel"), max_length=12, choices=Channel.choices, default=Channel.ALIBABA
    )
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    first_inbound_at = models.DateTimeField(_("first inbound"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    # The first inbound message since our last reply: the SLA clock starts here.
    awaiting_since = models.DateTimeField(_("awaiting reply since"), null=True, blank=True)
    deadline_at = models.DateTimeField(_("reply deadline"), null=True, blank=True)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)
    is_spam = models.BooleanField(_("rejected as spam"), default=False)
    # The latest inbound message's understanding, copied here so the queue never reads messages.
    language = models.CharField(_("language"), max_length=8, blank=True)
    intents = models.JSONField(_("intents"), default=list, blank=True)
    low_intent = models.BooleanField(_("low intent"), default=False)
    preview = models.CharField(_("latest message"), max_length=160, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_message_at"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        indexes = [
            models.Index(fields=["status", "deadline_at"]),
            models.Index(fields=["buyer", "-last_message_at"]),
            models.Index(fields=["status", "low_intent", "deadline_at"]),
        ]

    def __str__(self) -> str:
        return self.subject or f"Conversation #{self.pk}"


class Message(models.Model):
    """One message in or out, with the assistant's triage of it."""

    class Direction(models.TextChoices):
        IN = "in", _("From buyer")
        OUT = "out", _("To buyer")

    class Delivery(models.TextChoices):
        EMAIL = "email", _("Sent by email")
        CLIPBOARD = "clipboard", _("Copied to the platform")
        MANUAL = "manual", _("Recorded")
        FAILED = "failed", _("Sending failed")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    body = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    sent_at = models.DateTimeField(_("sent"), db_index=True)
    triage = models.JSONField(_("triage result"), null=True, blank=True)
    auto_reply = models.BooleanField(_("sent automatically"), default=False)
    external_id = models.CharField(_("external message ID"), max_length=255, blank=True)
    # Outbound only: how the reply left us. Email replies that failed keep the text and the
    # error so nothing is lost and the rep can retry.
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, blank=True, default=""
    )
    delivery_error = models.TextField(_("delivery error"), blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["conversation", "sent_at"]),
            models.Index(fields=["external_id"]),
        ]

    def __str__(self) -> str:
        return self.body[:60]


class KnowledgeArticle(models.Model):
    """A routine question the seller has answered once, in several languages."""

    title = models.CharField(_("title"), max_length=200)
    question_variants = models.JSONField(_("question variants"), default=list)
    # {"ko": "...", "en": "...", "es": "..."}
    answers = models.JSONField(_("answers"), default=dict)
    intents = models.JSONField(_("intents"), default=list, blank=True)
    auto_reply_allowed = models.BooleanField(_("may auto-reply"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")

    def __str__(self) -> str:
        return self.title


class ReplyTemplate(models.Model):
    """A reply body with placeholders, for one purpose, language and optionally country."""

    name = models.CharField(_("name"), max_length=120)
    purpose = models.CharField(_("purpose or intent"), max_length=40, db_index=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    country = models.CharField(_("country"), max_length=2, blank=True)
    body = models.TextField(_("body"))

    class Meta:
        ordering = ["purpose", "language", "country"]
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")

    def __str__(self) -> str:
        return self.name


class InboxAlert(models.Model):
    """A due-soon or overdue warning, raised at most once per conversation, state and deadline."""

    class State(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="alerts")
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    deadline_at = models.DateTimeField(_("reply deadline"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inbox_alerts",
    )
    created_at = models.DateTimeField(_("raised"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # {"email": "sent" | "failed: ...", "webhook": ...}: what went out besides the in-app alert.
    deliveries = models.JSONField(_("deliveries"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inbox alert")
        verbose_name_plural = _("inbox alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "state", "deadline_at"], name="one_alert_per_state"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.state} #{self.conversation_id}"


class MailboxState(models.Model):
    """Where the IMAP sync of one mailbox folder stopped, so no mail is imported twice."""

    name = models.CharField(_("mailbox"), max_length=255, unique=True)
    uidvalidity = models.BigIntegerField(_("UIDVALIDITY"), null=True, blank=True)
    last_uid = models.BigIntegerField(_("last UID seen"), default=0)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("mailbox state")
        verbose_name_plural = _("mailbox states")

    def __str__(self) -> str:
        return self.name


class QuarantinedMail(models.Model):
    """A mail the sync could not turn into a message, kept whole with the reason."""

    mailbox = models.CharField(_("mailbox"), max_length=255)
    uid = models.BigIntegerField(_("UID"), null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    raw = models.BinaryField(_("raw mail"))
    reason = models.TextField(_("reason"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("quarantined mail")
        verbose_name_plural = _("quarantined mails")
        constraints = [
            models.UniqueConstraint(fields=["mailbox", "uid"], name="one_quarantine_per_uid")
        ]

    def __str__(self) -> str:
        return f"{self.mailbox} #{self.uid}: {self.reason[:40]}"
