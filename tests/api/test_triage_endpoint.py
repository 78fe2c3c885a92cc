"""POST /api/v1/triage answers exactly as ``exportdesk triage`` does for the same text."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from exportdesk.api.api import TRIAGE_TEXT_MAX
from exportdesk.buyers.models import Buyer
from exportdesk.inbox.models import Message

pytestmark = pytest.mark.django_db

URL = "/api/v1/triage"
TEXTS = [
    "MOQ and price for 5000 pcs, FOB Busan? We need CPNP for Hungary within 30 days.",
    "안녕하세요, 샘플 가격과 배송 기간 알려주세요.",
    "Hola, ¿cuál es el pedido mínimo para etiqueta privada? Target price 1.2 USD/pc",
    "We offer SEO services to boost your Alibaba ranking!!!",
    "Hello",
]


def _cli(text: str) -> dict:
    out = io.StringIO()
    call_command("triage", text, "--no-embeddings", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("text", TEXTS)
def test_the_api_returns_the_same_json_as_the_command_line(cast, api_as, text):
    response = api_as(cast.viewer).post(URL, {"text": text, "embeddings": False})
    assert response.status_code == 200
    assert response.json() == _cli(text)


def test_the_answer_has_exactly_the_contract_keys(cast, api_as):
    data = api_as(cast.rep).post(URL, {"text": TEXTS[0], "embeddings": False}).json()
    assert list(data) == list(_cli(TEXTS[0]))
    assert set(data) == {
        "language", "intents", "quantity", "target_price", "destination_country", "incoterm",
        "certifications", "deadline_days", "low_intent", "low_intent_score", "knowledge", "draft",
    }  # fmt: skip


def test_a_text_over_the_limit_is_413_with_a_clear_message(cast, api_as):
    too_long = "a" * (TRIAGE_TEXT_MAX + 1)
    response = api_as(cast.rep).post(URL, {"text": too_long, "embeddings": False})
    assert response.status_code == 413
    assert f"at most {TRIAGE_TEXT_MAX}" in response.json()["detail"]


def test_a_request_body_over_djangos_upload_limit_is_413_json(cast, api_as, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = api_as(cast.rep).post(URL, {"text": "a" * 20_000, "embeddings": False})
    assert response.status_code == 413
    assert response.json() == {"detail": "The request is too large."}


def test_a_request_without_text_is_422(cast, api_as):
    response = api_as(cast.rep).post(URL, {"embeddings": False})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "text"


def test_nothing_is_stored(cast, api_as):
    api_as(cast.rep).post(URL, {"text": "Price for 100 pcs?", "embeddings": False})
    assert not Message.objects.exists() and not Buyer.objects.exists()


def test_with_embeddings_too_the_api_and_the_command_line_agree(cast, api_as):
    text = TEXTS[2]
    out = io.StringIO()
    call_command("triage", text, stdout=out)
    response = api_as(cast.rep).post(URL, {"text": text})
    assert response.status_code == 200
    assert response.json() == json.loads(out.getvalue())
