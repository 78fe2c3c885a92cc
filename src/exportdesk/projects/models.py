"""OEM and custom projects, their steps and updates, and the buyer's read-only share link."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from exportdesk.buyers.models import Buyer


class Project(models.Model):
    """Custom work for a buyer (OEM, private label, new formula)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ON_HOLD = "on_hold", _("On hold")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    buyer = models.ForeignKey(Buyer, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    share_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    share_expires_at = models.DateTimeField(_("share link expires"), null=True, blank=True)
    # [{"label": "A", "summary": "...", "due": "2026-12-01"}, ...]
    option_plans = models.JSONField(_("option plans"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title


class ProjectStep(models.Model):
    """One checklist step (sample, test, packaging …)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("step"), max_length=200)
    due_date = models.DateField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    visible_to_buyer = models.BooleanField(_("visible to buyer"), default=True)

    class Meta:
        ordering = ["project", "position", "id"]
        verbose_name = _("project step")
        verbose_name_plural = _("project steps")

    def __str__(self) -> str:
        return self.name


class ProjectUpdate(models.Model):
    """A small progress update, optionally shown to the buyer."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    body = models.TextField(_("update"))
    visible_to_buyer = models.BooleanField(_("visible to buyer"), default=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["-at"]
        verbose_name = _("project update")
        verbose_name_plural = _("project updates")

    def __str__(self) -> str:
        return self.body[:60]
