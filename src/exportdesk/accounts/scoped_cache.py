"""Figures cached for a few minutes per visibility scope (everything, or one rep's buyers).

Aggregates over months of data (30-day response KPIs, the yearly reviews strip) move slowly
but cost more than the page showing them at 50k buyers; people who see the same buyers see
the same figures, so the cache key is the scope, not the user.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.cache import cache

from exportdesk.accounts.roles import sees_all_buyers

T = TypeVar("T")


def cached_per_scope(
    name: str,
    user: AbstractBaseUser | AnonymousUser,
    compute: Callable[[], T],
    *,
    seconds: int = 300,
) -> T:
    """``compute()``'s result for the user's scope, recomputed at most every ``seconds``."""
    scope = "all" if not user.is_authenticated or sees_all_buyers(user) else f"rep{user.pk}"
    key = f"{name}:{scope}:{int(time.time()) // seconds}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
