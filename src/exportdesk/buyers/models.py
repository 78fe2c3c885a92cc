"""Buyers, their tags, their timeline of events and their follow-ups."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from exportdesk.domain.identity import country_codes


def validate_country_code(value: str) -> None:
    """Accept only ISO 3166-1 alpha-2 codes (upper case)."""
    if value not in country_codes():
        raise ValidationError(
            _("%(value)s is not an ISO country code (two letters, e.g. US, HU, KR)."),
            params={"value": value},
            code="unknown_country",
        )


class Grade(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"


class PlatformLevel(models.TextChoices):
    L0 = "L0", "L0"
    L1 = "L1", "L1"
    L2 = "L2", "L2"
    L3 = "L3", "L3"
    L4 = "L4", "L4"


class Channel(models.TextChoices):
    ALIBABA = "alibaba", "Alibaba.com"
    EMAIL = "email", _("Email")
    WHATSAPP = "whatsapp", "WhatsApp"
    WEBSITE = "website", _("Website")
    TRADESHOW = "tradeshow", _("Trade show")
    OTHER = "other", _("Other")


class CompanySize(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    MICRO = "micro", _("1–10 people")
    SMALL = "small", _("11–50 people")
    MEDIUM = "medium", _("51–200 people")
    LARGE = "large", _("201–1,000 people")
    ENTERPRISE = "enterprise", _("1,000+ people")


class BusinessType(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    IMPORTER = "importer", _("Importer")
    DISTRIBUTOR = "distributor", _("Distributor")
    RETAILER = "retailer", _("Retailer")
    ONLINE_SELLER = "online_seller", _("Online seller")
    BRAND_OWNER = "brand_owner", _("Brand owner")
    OTHER = "other", _("Other")


class Tag(models.Model):
    """A label on buyers; system tags (``transacted``, ``grade:A`` …) are kept by the code."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    is_system = models.BooleanField(_("system tag"), default=False)

    class Meta:
        ordering = ["-is_system", "name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Buyer(models.Model):
    """A company that inquires or buys, with its grade and the reasons for it."""

    company = models.CharField(_("company"), max_length=200)
    normalized_company = models.CharField(max_length=200, db_index=True, editable=False)
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    country = models.CharField(
        # Blank when a mail arrives from someone we know nothing about yet.
        _("country"),
        max_length=2,
        db_index=True,
        blank=True,
        validators=[validate_country_code],
    )
    website = models.URLField(_("website"), blank=True)
    channel = models.CharField(
        _("channel"), max_length=12, choices=Channel.choices, default=Channel.ALIBABA
    )
    platform_buyer_id = models.CharField(
        _("platform buyer ID"), max_length=64, blank=True, db_index=True
    )
    platform_level = models.CharField(
        _("platform level"), max_length=2, choices=PlatformLevel.choices, blank=True
    )
    company_size = models.CharField(
        _("company size"), max_length=12, choices=CompanySize.choices, blank=True
    )
    business_type = models.CharField(
        _("business type"), max_length=16, choices=BusinessType.choices, blank=True
    )
    annual_purchase_minor = models.BigIntegerField(
        _("estimated annual purchase"), null=True, blank=True
    )
    annual_purchase_currency = models.CharField(max_length=3, default="USD")
    assigned_rep = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned rep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="buyers",
    )
    grade = models.CharField(_("grade"), max_length=1, choices=Grade.choices, default=Grade.C)
    grade_score = models.PositiveSmallIntegerField(_("grade score"), default=0)
    grade_reasons = models.JSONField(_("grade reasons"), default=list, blank=True)
    grade_locked = models.BooleanField(_("grade locked"), default=False)
    grade_lock_reason = models.CharField(_("grade lock reason"), max_length=200, blank=True)
    verified = models.BooleanField(_("verified buyer"), default=False)
    # Naive-Bayes win probability (0–1) and its factors, refreshed nightly (buyers.services).
    win_probability = models.FloatField(_("win probability"), null=True, blank=True)
    win_factors = models.JSONField(_("win probability factors"), default=dict, blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="buyers")
    notes = models.TextField(_("notes"), blank=True)
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    last_contact_at = models.DateTimeField(_("last contact"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("buyer")
        verbose_name_plural = _("buyers")
        indexes = [
            models.Index(fields=["grade", "-last_contact_at"]),
            models.Index(fields=["assigned_rep", "-last_contact_at"]),
            models.Index(fields=["-last_contact_at"]),
            models.Index(fields=["company"]),
            models.Index(fields=["platform_level"]),
            models.Index(fields=["channel"]),
            # The list's "score" sort and the country filter page through 50k+ buyers.
            models.Index(fields=["-grade_score", "-id"]),
            models.Index(fields=["country", "-last_contact_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grade__in=["A", "B", "C"]), name="buyer_grade_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.company


class BuyerEvent(models.Model):
    """One thing that happened to a buyer: the timeline and the audit trail."""

    buyer = models.ForeignKey(Buyer, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=40)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(_("at"), db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("buyer event")
        verbose_name_plural = _("buyer events")
        indexes = [models.Index(fields=["buyer", "-at"])]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.at:%Y-%m-%d %H:%M}"


class FollowUp(models.Model):
    """A reminder to contact a buyer, with a suggested message."""

    class Kind(models.TextChoices):
        SLA_REPLY = "sla_reply", _("Reply within SLA")
        POST_DELIVERY_CHECKIN = "post_delivery_checkin", _("Post-delivery check-in")
        REORDER_DUE = "reorder_due", _("Reorder due")
        DORMANT = "dormant", _("Dormant buyer")
        REVIEW_REQUEST = "review_request", _("Review request")
        NEW_PRODUCT_ALERT = "new_product_alert", _("New product alert")
        SAMPLE_FOLLOWUP = "sample_followup", _("Sample follow-up")
        CUSTOM = "custom", _("Custom")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        SNOOZED = "snoozed", _("Snoozed")
        DISMISSED = "dismissed", _("Dismissed")

    buyer = models.ForeignKey(Buyer, on_delete=models.CASCADE, related_name="followups")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    due_at = models.DateTimeField(_("due"), db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    suggested_message = models.TextField(_("suggested message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    snoozed_until = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.buyer}"
