"""The "API tokens" page: a signed-in user creates, lists and revokes their own tokens."""

from __future__ import annotations

import re

import pytest

from exportdesk.api.models import ApiToken
from exportdesk.api.services import api_token_create
from tests.api.conftest import ApiClient

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls")]

URL = "/api/tokens/"


def test_signing_in_is_required(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_page_lists_only_the_users_own_tokens(cast, client_for):
    api_token_create(user=cast.rep, name="Zapier")
    api_token_create(user=cast.outsider, name="Their script")
    response = client_for(cast.rep).get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Zapier" in content and "Their script" not in content
    assert "edk_" in content  # the prefix, to tell tokens apart


def test_a_created_token_is_shown_once_and_works(cast, client_for):
    client = client_for(cast.viewer)
    response = client.post(URL, {"name": "Reporting"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    match = re.search(r'value="(edk_[A-Za-z0-9_-]+)"', response.content.decode())
    assert match, "the new token is shown"
    raw = match.group(1)
    token = ApiToken.objects.get(user=cast.viewer)
    assert token.name == "Reporting" and raw.startswith(token.prefix)
    assert raw not in client.get(URL).content.decode()
    triage = ApiClient(raw).post("/api/v1/triage", {"text": "Hi", "embeddings": False})
    assert triage.status_code == 200


def test_a_token_without_a_name_is_refused_with_the_form_error(cast, client_for):
    response = client_for(cast.rep).post(URL, {"name": ""})
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_a_token_stops_it_at_once(cast, client_for):
    token, raw = api_token_create(user=cast.rep, name="Old sync")
    client = client_for(cast.rep)
    response = client.post(f"{URL}{token.pk}/revoke/", follow=True)
    assert response.status_code == 200
    assert "revoked" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiClient(raw).post("/api/v1/triage", {"text": "Hi"}).status_code == 401


def test_another_users_token_cannot_be_revoked_here(cast, client_for):
    token, _raw = api_token_create(user=cast.outsider, name="Theirs")
    response = client_for(cast.owner).post(f"{URL}{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_a_post(cast, client_for):
    token, _raw = api_token_create(user=cast.rep, name="Mine")
    assert client_for(cast.rep).get(f"{URL}{token.pk}/revoke/").status_code == 405


def test_the_copy_button_uses_a_script_file_as_the_csp_allows(cast, client_for):
    content = client_for(cast.rep).post(URL, {"name": "CI"}).content.decode()
    assert 'data-copy-target="new-token-value"' in content
    assert "/static/api/tokens.js" in content
    assert "<script>" not in content
