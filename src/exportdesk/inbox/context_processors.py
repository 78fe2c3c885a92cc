"""The inbox counts in the navigation, computed only when a page shows them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def inbox_nav(request: HttpRequest) -> dict[str, Any]:
    """``inbox_nav.awaiting`` / ``inbox_nav.overdue`` for the sidebar badge (one query, lazily)."""

    def counts() -> dict[str, int]:
        from exportdesk.inbox.selectors import inbox_counts

        user = getattr(request, "user", None)
        if user is None:
            return {}
        if hasattr(request, "inbox_counts"):  # the inbox page counted already
            return request.inbox_counts
        return inbox_counts(user, workspace=getattr(request, "workspace", None))

    return {"inbox_nav": SimpleLazyObject(counts)}
