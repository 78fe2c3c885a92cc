"""Per-user API tokens, stored as SHA-256 hashes: the token itself is shown once and never kept."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "edk_"  # noqa: S105 (a label, not a secret)
PREFIX_LENGTH = 8


def token_hash(raw: str) -> str:
    """The SHA-256 hex digest of a full token, as stored in ``key_hash``."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        """Tokens not revoked (their user may still be inactive: ``verify`` checks that too)."""
        return self.filter(revoked_at__isnull=True)

    def verify(self, raw: str) -> ApiToken | None:
        """The live token matching ``raw`` with its user, or None.

        Candidates are found by their public prefix and compared by hash in constant time, so
        a wrong token takes as long to refuse as a nearly right one. Revoked tokens and tokens
        of inactive users never verify.
        """
        if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
            return None
        wanted = token_hash(raw)
        found = None
        for candidate in self.active().select_related("user").filter(prefix=raw[:PREFIX_LENGTH]):
            if hmac.compare_digest(candidate.key_hash, wanted):
                found = candidate
        if found is None or not found.user.is_active:
            return None
        return found


class ApiToken(models.Model):
    """A bearer token for /api/v1/, acting as its user with the user's role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the token ("edk_" + 4), shown in lists to tell tokens apart.
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, unique=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def is_active(self) -> bool:
        """Whether the token still opens the API (not revoked)."""
        return self.revoked_at is None
