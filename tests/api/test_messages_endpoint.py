"""POST /api/v1/messages: an inbound buyer message, through message_receive."""

from __future__ import annotations

import pytest

from exportdesk.buyers.models import Buyer
from exportdesk.inbox.models import Conversation, Message
from tests.factories import make_buyer

pytestmark = pytest.mark.django_db

URL = "/api/v1/messages"
NEW_BUYER = {
    "body": "Hello, we are an importer in Hungary. Price and MOQ for 5000 pcs of toner, FOB?",
    "channel": "email",
    "email": "anna@budapest-beauty.hu",
    "company": "Budapest Beauty Kft",
    "country": "HU",
    "contact_name": "Anna Kovacs",
    "subject": "Toner inquiry",
    "external_id": "<msg-1@budapest-beauty.hu>",
}


def test_a_message_from_a_new_buyer_registers_the_buyer_and_opens_a_conversation(cast, api_as):
    response = api_as(cast.rep).post(URL, NEW_BUYER)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["buyer_created"] is True
    assert data["duplicate"] is False
    buyer = Buyer.objects.get(pk=data["buyer_id"])
    assert (buyer.company, buyer.country, buyer.email) == (
        "Budapest Beauty Kft",
        "HU",
        "anna@budapest-beauty.hu",
    )
    message = Message.objects.get(pk=data["message_id"])
    assert message.direction == "in"
    assert message.conversation_id == data["conversation_id"]
    assert message.conversation.buyer_id == buyer.pk
    assert data["triage"] == message.triage
    assert {"price_quote", "moq"} <= set(data["triage"]["intents"])
    assert data["triage"]["quantity"] == {"value": 5000, "unit": "pcs"}


def test_posting_the_same_external_id_again_changes_nothing(cast, api_as):
    client = api_as(cast.rep)
    first = client.post(URL, NEW_BUYER).json()
    again = client.post(URL, NEW_BUYER)
    assert again.status_code == 201
    data = again.json()
    assert data["duplicate"] is True and data["buyer_created"] is False
    assert (data["message_id"], data["conversation_id"], data["buyer_id"]) == (
        first["message_id"],
        first["conversation_id"],
        first["buyer_id"],
    )
    assert Message.objects.count() == 1


def test_a_message_for_a_buyer_id_lands_with_that_buyer(cast, api_as):
    buyer = make_buyer(assigned_rep=cast.rep, company="Lima Importaciones SAC", country="PE")
    response = api_as(cast.rep).post(
        URL, {"body": "¿Cuál es el pedido mínimo?", "channel": "whatsapp", "buyer_id": buyer.pk}
    )
    assert response.status_code == 201
    data = response.json()
    assert data["buyer_id"] == buyer.pk and data["buyer_created"] is False
    assert Conversation.objects.get(pk=data["conversation_id"]).channel == "whatsapp"


def test_the_buyer_of_another_rep_is_404_and_nothing_is_stored(cast, api_as):
    buyer = make_buyer(assigned_rep=cast.outsider)
    response = api_as(cast.rep).post(URL, {"body": "Hi", "channel": "email", "buyer_id": buyer.pk})
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert not Message.objects.exists()


def test_an_unknown_buyer_id_is_404(cast, api_as):
    response = api_as(cast.owner).post(URL, {"body": "Hi", "channel": "email", "buyer_id": 99999})
    assert response.status_code == 404


def test_a_viewer_may_not_record_messages(cast, api_as):
    response = api_as(cast.viewer).post(URL, NEW_BUYER)
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not Message.objects.exists() and not Buyer.objects.exists()


@pytest.mark.parametrize("role", ["owner", "manager", "senior_rep", "rep"])
def test_every_working_role_may_record_messages(cast, api_as, role):
    assert api_as(getattr(cast, role)).post(URL, NEW_BUYER).status_code == 201


def test_an_empty_body_is_422_on_the_body_field(cast, api_as):
    response = api_as(cast.rep).post(URL, {**NEW_BUYER, "body": "   "})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "body"]
    assert error["msg"] == "The message is empty."


def test_an_unknown_country_is_422_on_the_country_field(cast, api_as):
    response = api_as(cast.rep).post(URL, {**NEW_BUYER, "country": "Atlantis"})
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [["body", "country"]]
    assert not Buyer.objects.exists()


def test_a_message_with_no_sender_is_422_with_a_clear_message(cast, api_as):
    response = api_as(cast.rep).post(URL, {"body": "Price?", "channel": "email"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body"]
    assert "Say who wrote the message" in error["msg"]


def test_an_unknown_channel_is_refused_by_the_schema(cast, api_as):
    response = api_as(cast.rep).post(URL, {**NEW_BUYER, "channel": "fax"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "channel"


def test_a_body_that_is_not_json_is_a_json_error(cast, api_as):
    client = api_as(cast.rep)
    response = client.client.post(
        URL, "not json", content_type="application/json", headers=client._headers()
    )
    assert response.status_code in (400, 422)
    assert "detail" in response.json()
