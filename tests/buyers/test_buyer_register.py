"""buyer_register: validation, grading, system tags and the registered event."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from exportdesk.buyers.models import Buyer, BuyerEvent
from exportdesk.buyers.services import buyer_register

pytestmark = pytest.mark.django_db


def test_it_grades_tags_and_records_a_new_buyer(cast):
    buyer = buyer_register(
        actor=cast.rep,
        company="Budapest Beauty Kft.",
        country="hu",
        platform_level="L4",
        company_size="enterprise",
        business_type="distributor",
        annual_purchase_minor=20_000_000,
        annual_purchase_currency="USD",
    )
    assert buyer.country == "HU"
    assert buyer.normalized_company == "budapest beauty"
    assert buyer.grade == "A"
    assert buyer.grade_score == sum(r["points"] for r in buyer.grade_reasons)
    assert {t.name for t in buyer.tags.all()} == {"grade:A", "level:L4"}
    event = BuyerEvent.objects.get(buyer=buyer)
    assert (event.kind, event.actor, event.payload["grade"]) == ("registered", cast.rep, "A")


def test_a_buyer_with_no_signals_is_c(cast):
    buyer = buyer_register(actor=None, company="Someone", country="US")
    assert (buyer.grade, buyer.grade_score) == ("C", 0)


@pytest.mark.parametrize(
    ("fields", "bad_field"),
    [
        ({"company": "Acme", "country": "XX"}, "country"),
        ({"company": "", "country": "US"}, "company"),
        ({"company": "Acme", "country": "US", "email": "not-an-email"}, "email"),
        ({"company": "Acme", "country": "US", "platform_level": "L9"}, "platform_level"),
        ({"company": "Acme", "country": "US", "channel": "fax"}, "channel"),
    ],
)
def test_it_rejects_invalid_data_and_saves_nothing(cast, fields, bad_field):
    with pytest.raises(ValidationError) as excinfo:
        buyer_register(actor=cast.rep, **fields)
    assert bad_field in excinfo.value.message_dict
    assert Buyer.objects.count() == 0
    assert BuyerEvent.objects.count() == 0


def test_it_refuses_fields_it_does_not_know(cast):
    with pytest.raises(ValueError, match="grade"):
        buyer_register(actor=cast.rep, company="Acme", country="US", grade="A")
