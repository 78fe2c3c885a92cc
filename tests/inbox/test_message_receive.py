"""message_receive: every inbound message finds its buyer and conversation and starts the clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from exportdesk.buyers.models import Buyer, BuyerEvent
from exportdesk.inbox.models import Conversation, Message
from exportdesk.inbox.services import (
    company_from_email,
    country_from_email,
    message_receive,
    normalise_subject,
)
from tests.factories import make_buyer

pytestmark = pytest.mark.django_db
MONDAY_10 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 10:00 in Seoul


def receive(**fields):  # type: ignore[no-untyped-def]
    fields.setdefault("body", "Hello, we need 5000 pcs of your serum. Price?")
    fields.setdefault("channel", "email")
    fields.setdefault("sent_at", MONDAY_10)
    return message_receive(**fields)


def test_it_registers_an_unknown_sender_as_a_new_buyer() -> None:
    received = receive(email="anna@beautyhouse.hu", contact_name="Anna Kovacs")
    buyer = received.buyer
    assert received.buyer_created and not received.duplicate
    assert buyer.company == "Beautyhouse"
    assert buyer.country == "HU"
    assert buyer.contact_name == "Anna Kovacs"
    assert buyer.channel == "email"
    assert BuyerEvent.objects.filter(buyer=buyer, kind="registered").exists()


def test_it_matches_a_known_buyer_by_email_ignoring_case() -> None:
    buyer = make_buyer(email="Ops@Glow.de", country="DE")
    received = receive(email="ops@glow.de")
    assert received.buyer == buyer and not received.buyer_created


def test_it_matches_by_platform_id_before_email() -> None:
    by_id = make_buyer(platform_buyer_id="ali-777", email="one@x.com")
    make_buyer(email="two@x.com")
    received = receive(platform_buyer_id="ali-777", email="two@x.com", channel="alibaba")
    assert received.buyer == by_id


def test_it_matches_by_company_and_country_when_nothing_else_is_known() -> None:
    buyer = make_buyer(company="Seoul Glow Trading Co., Ltd.", country="VN", email="")
    received = receive(company="seoul glow trading", country="Vietnam", channel="alibaba")
    assert received.buyer == buyer


def test_it_opens_a_conversation_and_starts_the_sla_clock() -> None:
    received = receive(email="a@shop.pl", subject="Serum price")
    conversation = received.conversation
    assert conversation.status == Conversation.Status.NEW
    assert conversation.first_inbound_at == MONDAY_10
    assert conversation.awaiting_since == MONDAY_10
    assert conversation.deadline_at == MONDAY_10 + timedelta(hours=4)
    assert conversation.preview.startswith("Hello, we need 5000 pcs")
    assert conversation.subject == "Serum price"


def test_it_stores_the_triage_on_the_message_and_the_conversation() -> None:
    received = receive(email="a@shop.pl")
    message = received.message
    assert message.triage is not None
    assert message.triage["quantity"] == {"value": 5000, "unit": "pcs"}
    assert message.language == "en"
    assert "price_quote" in received.conversation.intents
    assert received.conversation.low_intent is False


def test_it_marks_a_service_pitch_as_low_intent() -> None:
    received = receive(
        email="seo@growth-agency.com",
        body="Hi, we are an SEO agency. We can increase your sales and bring your website to "
        "the first page of Google. Reply for a free audit.",
    )
    assert received.conversation.low_intent is True


def test_it_continues_the_open_conversation_about_the_same_subject() -> None:
    first = receive(email="a@shop.pl", subject="Serum price")
    second = receive(
        email="a@shop.pl",
        subject="RE: Serum price",
        body="Also, what is the MOQ?",
        sent_at=MONDAY_10 + timedelta(hours=1),
    )
    assert second.conversation == first.conversation
    conversation = second.conversation
    # the clock keeps running from the first unanswered message
    assert conversation.awaiting_since == MONDAY_10
    assert conversation.status == Conversation.Status.AWAITING_US
    assert conversation.messages.count() == 2


def test_it_threads_a_reply_by_its_references() -> None:
    first = receive(email="a@shop.pl", subject="Serum", external_id="<m1@shop.pl>")
    receive(email="a@shop.pl", subject="Other topic", external_id="<m2@shop.pl>")
    reply = receive(
        email="a@shop.pl",
        subject="Something else entirely",
        external_id="<m3@shop.pl>",
        references=["<m1@shop.pl>"],
    )
    assert reply.conversation == first.conversation


def test_it_never_imports_the_same_external_message_twice() -> None:
    first = receive(email="a@shop.pl", external_id="<same@shop.pl>")
    again = receive(email="a@shop.pl", external_id="<same@shop.pl>", body="changed")
    assert again.duplicate is True
    assert again.message == first.message
    assert Message.objects.count() == 1


def test_it_updates_the_buyers_last_contact_and_records_an_event() -> None:
    received = receive(email="a@shop.pl")
    buyer = Buyer.objects.get(pk=received.buyer.pk)
    assert buyer.last_contact_at == MONDAY_10
    event = BuyerEvent.objects.get(buyer=buyer, kind="message_received")
    assert event.payload["conversation"] == received.conversation.pk
    assert "price_quote" in event.payload["intents"]


def test_it_regrades_the_buyer_with_the_intent_signals() -> None:
    buyer = make_buyer(email="big@importer.fr", country="FR")
    before = buyer.grade_score
    receive(
        buyer=buyer,
        body="We want 20,000 pcs of the snail essence at USD 2.10 per piece, FOB Busan. "
        "Please send a sample first.",
    )
    buyer.refresh_from_db()
    assert buyer.grade_score > before


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"body": "   "}, "body"),
        ({"channel": "carrier-pigeon"}, "channel"),
        ({"country": "Atlantis", "email": "x@y.com"}, "country"),
    ],
)
def test_it_rejects_bad_input_with_a_field_error(fields: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        receive(**{"email": "x@y.com", **fields})
    assert field in error.value.message_dict
    assert Message.objects.count() == 0


def test_it_rejects_a_message_with_no_sender_at_all() -> None:
    with pytest.raises(ValidationError):
        receive()
    assert Buyer.objects.count() == 0


@pytest.mark.parametrize(
    ("email", "country"),
    [
        ("a@shop.hu", "HU"),
        ("a@shop.co.uk", "GB"),
        ("a@shop.com", ""),
        ("a@shop.io", ""),
        ("a@shop.de", "DE"),
        ("nobody", ""),
    ],
)
def test_it_guesses_the_country_from_a_country_code_domain(email: str, country: str) -> None:
    assert country_from_email(email) == country


@pytest.mark.parametrize(
    ("email", "name", "company"),
    [
        ("anna@beautyhouse.hu", "", "Beautyhouse"),
        ("anna@gmail.com", "Anna Kovacs", "Anna Kovacs"),
        ("anna@gmail.com", "", "anna"),
        ("info@mail.k-shop.vn", "", "K Shop"),
    ],
)
def test_it_names_a_buyer_who_gave_no_company(email: str, name: str, company: str) -> None:
    assert company_from_email(email, name) == company


@pytest.mark.parametrize(
    ("subject", "normal"),
    [("Re: Price", "price"), ("RE: Fwd: price ", "price"), ("AW: Preis", "preis"), ("", "")],
)
def test_it_ignores_reply_prefixes_when_threading_by_subject(subject: str, normal: str) -> None:
    assert normalise_subject(subject) == normal
