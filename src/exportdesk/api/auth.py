"""Bearer-token authentication for the API: ``Authorization: Bearer edk_…``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from exportdesk.api.models import ApiToken
from exportdesk.api.services import api_token_touch


class ApiTokenAuth(HttpBearer):
    """Accepts a live token of an active user and acts as that user (``request.user``).

    Anything else — no header, a malformed, unknown or revoked token, an inactive user — is
    refused with 401 by the API's handler; the response never says which.
    """

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.objects.verify(token.strip())
        if found is None:
            return None
        api_token_touch(token=found)
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user
