"""Request-wide policies: the Content-Security-Policy header and the workspace time zone."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from exportdesk.accounts.models import WorkspaceSettings


class ContentSecurityPolicyMiddleware:
    """Adds the CSP header: scripts only from our own vendored files."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class WorkspaceTimezoneMiddleware:
    """Shows times in the workspace's time zone (stored in UTC)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(("/static/", "/media/")):
            return self.get_response(request)
        workspace = WorkspaceSettings.current()
        request.workspace = workspace  # type: ignore[attr-defined]
        try:
            timezone.activate(zoneinfo.ZoneInfo(workspace.timezone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.activate(zoneinfo.ZoneInfo("Asia/Seoul"))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
