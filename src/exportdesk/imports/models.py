"""Import jobs: one uploaded file of buyers, orders or messages, from mapping to result."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def import_upload_path(instance: ImportJob, filename: str) -> str:
    """Keep uploads under MEDIA_ROOT/imports/YYYY/MM/ with a random prefix (never overwrite)."""
    now = timezone.now()
    return f"imports/{now:%Y/%m}/{secrets.token_hex(8)}-{filename}"


class ImportJob(models.Model):
    """One import of a file: its column mapping, validation result, progress and outcome."""

    class Kind(models.TextChoices):
        BUYERS = "buyers", _("Buyers")
        ORDERS = "orders", _("Orders")
        MESSAGES = "messages", _("Messages")

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        VALIDATING = "validating", _("Checking")
        READY = "ready", _("Ready to import")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE_STATUSES = ("validating", "queued", "running")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=import_upload_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size_bytes = models.BigIntegerField(_("size"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    file_format = models.CharField(_("format"), max_length=8, blank=True)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    headers = models.JSONField(_("columns"), default=list, blank=True)
    # {field key: 0-based column index}
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    valid_only = models.BooleanField(_("import valid rows only"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED
    )
    # rows, valid_rows, rejected_rows, blank_rows, created, updated, unchanged, merged ...
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    # [{"row": 3, "column": "Country", "value": "Atlantis", "reason": "..."}]
    errors = models.JSONField(_("problems"), default=list, blank=True)
    # the first rows with their outcome and the merge decisions, for the preview page
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_note = models.CharField(max_length=120, blank=True)
    message = models.TextField(_("message"), blank=True)
    language = models.CharField(max_length=8, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_jobs",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    validated_at = models.DateTimeField(_("checked"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["created_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"

    @property
    def is_active(self) -> bool:
        """Whether a background task is working on the job right now (or is about to)."""
        return self.status in self.ACTIVE_STATUSES

    @property
    def has_problems(self) -> bool:
        """Whether validation rejected at least one row."""
        return bool((self.counts or {}).get("rejected_rows"))
