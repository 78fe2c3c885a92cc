"""The OpenAPI schema documents every endpoint, its auth and its answers; the docs page loads."""

from __future__ import annotations

import typing

import pytest

from exportdesk.api.api import ChannelName
from exportdesk.buyers.models import Channel

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("post", "/api/v1/messages", "201"),
    ("get", "/api/v1/conversations/{conversation_id}", "200"),
    ("post", "/api/v1/conversations/{conversation_id}/replies", "201"),
    ("post", "/api/v1/orders", "201"),
    ("post", "/api/v1/triage", "200"),
]


@pytest.fixture
def schema(client):  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(("method", "path", "success"), ENDPOINTS)
def test_every_endpoint_is_listed_with_bearer_auth_and_its_answers(schema, method, path, success):
    operation = schema["paths"][path][method]
    assert operation["summary"]
    assert operation["description"]
    assert operation["security"] == [{"ApiTokenAuth": []}]
    assert {success, "401", "422" if method == "post" else "404"} <= set(operation["responses"])
    assert "$ref" in str(operation["responses"][success])


def test_the_bearer_scheme_is_declared(schema):
    assert schema["components"]["securitySchemes"]["ApiTokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }


def test_health_is_public(schema):
    assert "security" not in schema["paths"]["/api/v1/health"]["get"]


def test_the_api_describes_how_to_get_a_token(schema):
    assert "/api/tokens/" in schema["info"]["description"]


def test_the_schema_lists_the_same_channels_as_the_buyer_model():
    assert set(typing.get_args(ChannelName)) == set(Channel.values)


def test_the_docs_page_loads_without_a_token(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
