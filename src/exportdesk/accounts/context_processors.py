"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from exportdesk.accounts.roles import ROLE_LABELS, user_role


def workspace(request: HttpRequest) -> dict[str, Any]:
    """The workspace settings and the user's role, for the layout."""
    role = user_role(request.user) if hasattr(request, "user") else None
    return {
        "workspace": getattr(request, "workspace", None),
        "user_role": role,
        "user_role_label": ROLE_LABELS.get(role) if role else "",
    }
