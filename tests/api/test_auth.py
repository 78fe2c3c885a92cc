"""Bearer-token authentication: only a live token of an active user opens the API."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from exportdesk.api.models import ApiToken
from exportdesk.api.services import api_token_create, api_token_revoke
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db

TRIAGE = "/api/v1/triage"
TEXT = {"text": "MOQ and price for 5000 pcs?", "embeddings": False}


def test_health_needs_no_token(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_a_request_without_a_token_is_401_json_with_a_bearer_challenge(cast):
    response = ApiClient(None).post(TRIAGE, TEXT)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "API token" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    ["Bearer edk_not-a-real-token", "Bearer ", "Basic dXNlcjpwYXNz", "edk_no_scheme"],
)
def test_a_wrong_or_malformed_token_is_401(cast, client, header):
    api_token_create(user=cast.rep, name="real")
    response = client.post(
        TRIAGE, TEXT, content_type="application/json", headers={"Authorization": header}
    )
    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_token_that_differs_only_after_its_prefix_is_refused(cast):
    _token, raw = api_token_create(user=cast.rep, name="real")
    forged = raw[:-1] + ("A" if raw[-1] != "A" else "B")
    assert ApiClient(forged).post(TRIAGE, TEXT).status_code == 401
    assert ApiClient(raw).post(TRIAGE, TEXT).status_code == 200


def test_a_valid_token_acts_as_its_user(cast, api_as):
    response = api_as(cast.rep).post(TRIAGE, TEXT)
    assert response.status_code == 200
    assert response.json()["intents"] == ["price_quote", "moq"]


def test_a_revoked_token_is_refused(cast):
    token, raw = api_token_create(user=cast.rep, name="old script")
    api_token_revoke(token=token, actor=cast.rep)
    assert ApiClient(raw).post(TRIAGE, TEXT).status_code == 401


def test_the_token_of_a_deactivated_user_is_refused(cast):
    _token, raw = api_token_create(user=cast.rep, name="script")
    cast.rep.is_active = False
    cast.rep.save(update_fields=["is_active"])
    assert ApiClient(raw).post(TRIAGE, TEXT).status_code == 401


def test_a_browser_session_alone_does_not_open_the_api(cast, client_for):
    client = client_for(cast.owner)
    response = client.post(TRIAGE, TEXT, content_type="application/json")
    assert response.status_code == 401


def test_only_the_hash_and_prefix_of_a_token_are_stored(cast):
    token, raw = api_token_create(user=cast.rep, name="  Zapier   sync ")
    assert raw.startswith("edk_") and len(raw) > 40
    token.refresh_from_db()
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert token.prefix == raw[:8]
    assert token.name == "Zapier sync"
    stored = [str(v) for v in ApiToken.objects.values().get(pk=token.pk).values()]
    assert raw not in stored


def test_two_tokens_never_share_a_prefix_or_a_secret(cast):
    made = [api_token_create(user=cast.rep, name=f"t{i}") for i in range(20)]
    assert len({raw for _t, raw in made}) == 20
    assert len({t.prefix for t, _raw in made}) == 20


def test_a_token_needs_a_name(cast):
    with pytest.raises(ValidationError) as error:
        api_token_create(user=cast.rep, name="   ")
    assert "name" in error.value.message_dict


def test_last_used_is_written_at_most_once_a_minute(cast):
    token, raw = api_token_create(user=cast.rep, name="busy")
    client = ApiClient(raw)
    client.post(TRIAGE, TEXT)
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.post(TRIAGE, TEXT)
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    client.post(TRIAGE, TEXT)
    token.refresh_from_db()
    assert token.last_used_at > first - timedelta(seconds=1)
    assert timezone.now() - token.last_used_at < timedelta(minutes=1)


def test_a_user_cannot_revoke_another_users_token_but_the_owner_can(cast):
    token, _raw = api_token_create(user=cast.rep, name="script")
    with pytest.raises(PermissionDenied):
        api_token_revoke(token=token, actor=cast.outsider)
    token.refresh_from_db()
    assert token.revoked_at is None
    api_token_revoke(token=token, actor=cast.owner)
    assert token.revoked_at is not None


def test_revoking_twice_keeps_the_first_revocation_time(cast):
    token, _raw = api_token_create(user=cast.rep, name="script")
    api_token_revoke(token=token, actor=cast.rep)
    first = token.revoked_at
    api_token_revoke(token=token, actor=cast.rep)
    token.refresh_from_db()
    assert token.revoked_at == first
