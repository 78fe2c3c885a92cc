"""API test helpers: a token per user, and a client that sends it as a bearer token."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from exportdesk.api.services import api_token_create


class ApiClient:
    """A test client that speaks JSON and authenticates with one user's API token."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.token = token

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def get(self, path: str) -> Any:
        return self.client.get(path, headers=self._headers())

    def post(self, path: str, data: Any) -> Any:
        return self.client.post(
            path, json.dumps(data), content_type="application/json", headers=self._headers()
        )


@pytest.fixture
def api_as():  # type: ignore[no-untyped-def]
    """``api_as(cast.rep).post("/api/v1/...", {...})``: calls as that user, with a fresh token."""

    def make(user: Any) -> ApiClient:
        _token, raw = api_token_create(user=user, name="tests")
        return ApiClient(raw)

    return make
