"""Login throttling: too many failed logins for one username or address blocks further tries."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

ADDRESS_LIMIT_FACTOR = 4


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def login_blocked(*, username: str, address: str) -> bool:
    """Whether either the username or the client address has used up its tries."""
    limit = settings.LOGIN_FAILURE_LIMIT
    # An office shares one address: it gets more tries than one username before it is blocked.
    limits = {"user": limit, "addr": limit * ADDRESS_LIMIT_FACTOR}
    return any(
        (cache.get(_key(kind, value)) or 0) >= limits[kind]
        for kind, value in (("user", username), ("addr", address))
        if value
    )


def login_failed(*, username: str, address: str) -> None:
    """Count one failed login for the username and the address."""
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    for kind, value in (("user", username), ("addr", address)):
        if not value:
            continue
        key = _key(kind, value)
        if cache.add(key, 1, timeout=window):
            continue
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window)


def login_succeeded(*, username: str) -> None:
    """Forget the username's failures after a good login."""
    cache.delete(_key("user", username))
