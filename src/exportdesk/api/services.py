"""The one write path for API tokens: create (the secret is returned once), revoke, touch."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exportdesk.accounts.roles import Role, user_role
from exportdesk.api.models import PREFIX_LENGTH, TOKEN_PREFIX, ApiToken, token_hash

TOKEN_NAME_MAX = 100
# last_used_at is written at most this often per token, so busy clients do not write per call.
TOUCH_INTERVAL = timedelta(minutes=1)
_CREATE_ATTEMPTS = 5


def api_token_create(*, user: AbstractBaseUser, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the row and the full token, which is never stored.

    The token is ``"edk_" + secrets.token_urlsafe(32)``; only its SHA-256 and its first eight
    characters (the prefix shown in lists, unique) are kept.
    """
    clean = " ".join((name or "").split())
    if not clean:
        raise ValidationError({"name": _("Give the token a name, e.g. the tool that will use it.")})
    if len(clean) > TOKEN_NAME_MAX:
        raise ValidationError(
            {"name": _("A token name can be at most %(max)d characters.") % {"max": TOKEN_NAME_MAX}}
        )
    if not user.is_active:
        raise ValidationError(_("An inactive user cannot have API tokens."))
    for _attempt in range(_CREATE_ATTEMPTS):
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    user=user,  # type: ignore[misc]
                    name=clean,
                    prefix=raw[:PREFIX_LENGTH],
                    key_hash=token_hash(raw),
                )
        except IntegrityError:
            continue  # the 4 random prefix characters collided with another token's: draw again
        return token, raw
    raise RuntimeError("could not draw a unique API token prefix")  # pragma: no cover


def api_token_revoke(
    *, token: ApiToken, actor: AbstractBaseUser | AnonymousUser | None
) -> ApiToken:
    """Revoke a token at once; revoking twice changes nothing.

    A user revokes their own tokens; the owner may revoke anyone's. ``actor=None`` is the
    command line, run by whoever administers the server.
    """
    others = actor is not None and getattr(actor, "pk", None) != token.user_id
    if others and user_role(actor) is not Role.OWNER:  # type: ignore[arg-type]
        raise PermissionDenied(_("You can only revoke your own API tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_touch(*, token: ApiToken, now: datetime | None = None) -> bool:
    """Record that the token was just used, at most once a minute; True if it wrote."""
    moment = now or timezone.now()
    if token.last_used_at is not None and moment - token.last_used_at < TOUCH_INTERVAL:
        return False
    token.last_used_at = moment
    # update() rather than save(): no race with a revoke saving the same row meanwhile.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=moment)
    return True
