"""GET /api/v1/conversations/{id} and POST /api/v1/conversations/{id}/replies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from exportdesk.inbox.models import Conversation, Message
from tests.factories import make_buyer, make_conversation

pytestmark = pytest.mark.django_db


def _url(conversation: Conversation, replies: bool = False) -> str:
    return f"/api/v1/conversations/{conversation.pk}" + ("/replies" if replies else "")


@pytest.fixture
def thread(cast):  # type: ignore[no-untyped-def]
    """The rep's buyer's conversation: one question, then our answer."""
    buyer = make_buyer(assigned_rep=cast.rep, company="Manila Glow Inc", country="PH")
    earlier = timezone.now() - timedelta(hours=3)
    conversation = make_conversation(buyer, body="Do you ship to Manila?", at=earlier)
    Message.objects.create(
        conversation=conversation,
        direction="out",
        author=cast.rep,
        body="Yes, by DHL in 5 days.",
        sent_at=earlier + timedelta(hours=1),
        delivery="clipboard",
    )
    return conversation


def test_the_thread_comes_with_its_buyer_and_messages_oldest_first(cast, api_as, thread):
    response = api_as(cast.rep).get(_url(thread))
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == thread.pk
    assert data["buyer"]["company"] == "Manila Glow Inc"
    assert data["buyer"]["country"] == "PH"
    assert [(m["direction"], m["body"]) for m in data["messages"]] == [
        ("in", "Do you ship to Manila?"),
        ("out", "Yes, by DHL in 5 days."),
    ]
    assert data["messages"][0]["author"] is None
    assert data["messages"][1]["author"] == "rep"
    assert data["messages"][1]["delivery"] == "clipboard"


def test_another_reps_conversation_is_404(cast, api_as, thread):
    response = api_as(cast.outsider).get(_url(thread))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_missing_conversation_is_404(cast, api_as):
    assert api_as(cast.owner).get("/api/v1/conversations/424242").status_code == 404


@pytest.mark.parametrize("role", ["owner", "manager", "viewer"])
def test_roles_that_see_every_buyer_read_any_conversation(cast, api_as, thread, role):
    assert api_as(getattr(cast, role)).get(_url(thread)).status_code == 200


def test_a_reply_is_recorded_as_the_token_user_and_stops_the_clock(cast, api_as, thread):
    Conversation.objects.filter(pk=thread.pk).update(status="awaiting_us")
    response = api_as(cast.rep).post(
        _url(thread, replies=True), {"body": "Price list attached.", "via": "manual"}
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["direction"], data["author"], data["delivery"]) == ("out", "rep", "manual")
    message = Message.objects.get(pk=data["id"])
    assert message.body == "Price list attached." and message.author == cast.rep
    thread.refresh_from_db()
    assert thread.status == "awaiting_buyer"
    assert thread.deadline_at is None


def test_a_reply_without_via_goes_the_channels_default_way(cast, api_as, thread):
    thread.channel = "alibaba"
    thread.save(update_fields=["channel"])
    response = api_as(cast.rep).post(_url(thread, replies=True), {"body": "Sure!"})
    assert response.status_code == 201
    assert response.json()["delivery"] == "clipboard"


def test_a_viewer_may_not_reply(cast, api_as, thread):
    response = api_as(cast.viewer).post(_url(thread, replies=True), {"body": "Hi"})
    assert response.status_code == 403
    assert thread.messages.count() == 2


def test_a_reply_to_another_reps_conversation_is_404(cast, api_as, thread):
    response = api_as(cast.outsider).post(_url(thread, replies=True), {"body": "Hi"})
    assert response.status_code == 404
    assert thread.messages.count() == 2


def test_an_empty_reply_is_422_on_the_body_field(cast, api_as, thread):
    response = api_as(cast.rep).post(_url(thread, replies=True), {"body": " "})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "body"]


def test_an_unknown_way_of_sending_is_422(cast, api_as, thread):
    response = api_as(cast.rep).post(_url(thread, replies=True), {"body": "Hi", "via": "failed"})
    assert response.status_code == 422
