"""``exportdesk token create|list|revoke``."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from exportdesk.api.models import ApiToken
from exportdesk.api.services import api_token_create
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_prints_only_the_token_on_stdout_and_it_works(cast):
    out, err = _run("create", "rep", "--name", "n8n")
    raw = out.strip()
    assert raw.startswith("edk_") and "\n" not in raw
    assert "not shown again" in err and raw not in err
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.prefix) == (cast.rep, "n8n", raw[:8])
    response = ApiClient(raw).post("/api/v1/triage", {"text": "Hi", "embeddings": False})
    assert response.status_code == 200


def test_create_for_an_unknown_user_fails_clearly(cast):
    with pytest.raises(CommandError, match="No user 'nobody'"):
        _run("create", "nobody", "--name", "x")


def test_create_without_a_usable_name_fails_clearly(cast):
    with pytest.raises(CommandError, match="Token not created"):
        _run("create", "rep", "--name", "  ")


def test_list_shows_prefix_user_name_and_status_but_never_the_token(cast):
    mine, raw = api_token_create(user=cast.rep, name="Zapier")
    other, _raw = api_token_create(user=cast.manager, name="BI export")
    out, _err = _run("list")
    assert mine.prefix in out and other.prefix in out and "Zapier" in out and "active" in out
    assert raw not in out
    only_rep, _err = _run("list", "rep")
    assert mine.prefix in only_rep and other.prefix not in only_rep


def test_list_with_no_tokens_says_so(cast):
    assert _run("list")[0].strip() == "No API tokens."


def test_revoke_by_prefix(cast):
    token, raw = api_token_create(user=cast.rep, name="Zapier")
    out, _err = _run("revoke", token.prefix)
    assert "Revoked" in out
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiClient(raw).post("/api/v1/triage", {"text": "Hi"}).status_code == 401
    assert "already revoked" in _run("revoke", raw)[0]
    assert "revoked" in _run("list")[0]


def test_revoking_an_unknown_prefix_fails_clearly(cast):
    with pytest.raises(CommandError, match="No API token starts with"):
        _run("revoke", "edk_zzzz")
