"""Workspace-level business settings and the sales reps' profiles."""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from exportdesk.domain.followups import FollowUpRules
from exportdesk.domain.grading import DEFAULT_RUBRIC_WEIGHTS


def default_rubric_weights() -> dict[str, int]:
    return dict(DEFAULT_RUBRIC_WEIGHTS)


def default_business_days() -> list[int]:
    return [0, 1, 2, 3, 4]


def default_priority_countries() -> list[str]:
    return []


def default_followup_dormant_days() -> dict[str, int]:
    # The house practice of domain.followups: A buyers get a nudge after a month of silence.
    return {"A": 30, "B": 60, "C": 90}


FOLLOWUP_DAYS = [MinValueValidator(1), MaxValueValidator(365)]


class WorkspaceSettings(models.Model):
    """The one row of business settings for this workspace (editable on the Settings page)."""

    name = models.CharField(_("workspace name"), max_length=120, default="ExportDesk")
    timezone = models.CharField(_("time zone"), max_length=64, default="Asia/Seoul")
    currency = models.CharField(_("default currency"), max_length=3, default="USD")
    business_hours_start = models.TimeField(_("business hours start"), default=time(9, 0))
    business_hours_end = models.TimeField(_("business hours end"), default=time(18, 0))
    business_days = models.JSONField(_("business days"), default=default_business_days)
    sla_uses_business_hours = models.BooleanField(_("count SLA in business hours"), default=False)
    sla_hours = models.PositiveSmallIntegerField(
        _("first-response SLA (hours)"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(72)],
    )
    sample_share_a = models.PositiveSmallIntegerField(
        _("seller's sample share for A buyers (%)"),
        default=100,
        validators=[MaxValueValidator(100)],
    )
    sample_share_b = models.PositiveSmallIntegerField(
        _("seller's sample share for B buyers (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
    )
    sample_share_c = models.PositiveSmallIntegerField(
        _("seller's sample share for C buyers (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
    )
    rubric_weights = models.JSONField(_("grading rubric weights"), default=default_rubric_weights)
    grade_a_threshold = models.PositiveSmallIntegerField(_("grade A from score"), default=60)
    grade_b_threshold = models.PositiveSmallIntegerField(_("grade B from score"), default=30)
    dormant_days = models.PositiveSmallIntegerField(
        _("dormant after days without contact"), default=90
    )
    # ISO 3166 alpha-2 codes of the markets the seller pushes; a buyer there earns rubric points.
    priority_countries = models.JSONField(
        _("priority countries"), default=default_priority_countries, blank=True
    )
    auto_allocate = models.BooleanField(
        _("allocate new buyers to reps automatically"), default=True
    )
    reassign_on_grade_change = models.BooleanField(
        _("reassign a buyer whose new grade no longer fits the rep"), default=False
    )
    # Inbox alerts (issue 4): besides the in-app alert, optionally email and a chat webhook.
    alert_emails = models.JSONField(_("alert email addresses"), default=list, blank=True)
    alert_webhook_url = models.URLField(_("alert webhook URL"), blank=True)
    due_soon_minutes = models.PositiveSmallIntegerField(
        _("due soon from (minutes left)"), default=60
    )
    # Assistant (issue 5): automatic replies are off until the seller turns them on.
    auto_reply_enabled = models.BooleanField(_("send automatic replies"), default=False)
    auto_reply_threshold = models.FloatField(_("auto-reply confidence threshold"), default=0.75)
    # Optional LLM polishing of drafts: any OpenAI-compatible endpoint.
    llm_enabled = models.BooleanField(_("polish drafts with an LLM"), default=False)
    llm_base_url = models.URLField(_("LLM base URL"), blank=True)
    llm_model = models.CharField(_("LLM model"), max_length=120, blank=True)
    llm_api_key = models.CharField(_("LLM API key"), max_length=255, blank=True)
    # Follow-up rules (domain.followups.FollowUpRules): the days each rule waits.
    followup_checkin_days = models.PositiveSmallIntegerField(
        _("check in after delivery (days)"), default=14, validators=FOLLOWUP_DAYS
    )
    followup_review_days = models.PositiveSmallIntegerField(
        _("ask for a review after delivery (days)"), default=7, validators=FOLLOWUP_DAYS
    )
    followup_reorder_lead_days = models.PositiveSmallIntegerField(
        _("remind before the expected reorder (days)"), default=7, validators=FOLLOWUP_DAYS
    )
    followup_dormant_days = models.JSONField(
        _("wake dormant buyers after days without contact, per grade"),
        default=default_followup_dormant_days,
    )
    followup_sample_days = models.PositiveSmallIntegerField(
        _("follow up a delivered sample after (days)"), default=14, validators=FOLLOWUP_DAYS
    )
    followup_new_product_days = models.PositiveSmallIntegerField(
        _("announce products launched in the last (days)"), default=30, validators=FOLLOWUP_DAYS
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("workspace settings")
        verbose_name_plural = _("workspace settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grade_a_threshold__gt=models.F("grade_b_threshold")),
                name="grade_a_above_b",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> WorkspaceSettings:
        """The workspace's settings row, created with defaults on first use."""
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    def followup_rules(self) -> FollowUpRules:
        """The follow-up rules with this workspace's days (grades missing keep the default)."""
        dormant = dict(default_followup_dormant_days())
        for grade, days in (self.followup_dormant_days or {}).items():
            if grade in dormant and isinstance(days, int) and not isinstance(days, bool):
                dormant[grade] = days
        return FollowUpRules(
            checkin_days=self.followup_checkin_days,
            review_days=self.followup_review_days,
            reorder_lead_days=self.followup_reorder_lead_days,
            dormant_days=dormant,
            sample_days=self.followup_sample_days,
            new_product_days=self.followup_new_product_days,
        )


class RepProfile(models.Model):
    """A sales rep's seniority, capacity and languages (used by allocation)."""

    class Seniority(models.TextChoices):
        SENIOR = "senior", _("Senior")
        JUNIOR = "junior", _("Junior")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rep_profile"
    )
    seniority = models.CharField(
        _("seniority"), max_length=10, choices=Seniority.choices, default=Seniority.JUNIOR
    )
    capacity = models.PositiveIntegerField(_("capacity (active buyers)"), default=200)
    languages = models.JSONField(_("languages"), default=list, blank=True)

    class Meta:
        verbose_name = _("rep profile")
        verbose_name_plural = _("rep profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_seniority_display()})"
