"""buyer_update: recorded changes, regrading, reassignment events."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from exportdesk.buyers.models import Buyer
from exportdesk.buyers.services import buyer_update
from tests.factories import make_buyer

pytestmark = pytest.mark.django_db


def test_it_records_what_changed(cast):
    buyer = make_buyer(contact_name="Anna")
    buyer_update(buyer=buyer, actor=cast.rep, changes={"contact_name": "Anna Kovács"})
    event = buyer.events.get(kind="updated")
    assert event.payload == {"changes": {"contact_name": ["Anna", "Anna Kovács"]}}
    assert event.actor == cast.rep


def test_an_unchanged_save_records_nothing(cast):
    buyer = make_buyer(contact_name="Anna")
    buyer_update(buyer=buyer, actor=cast.rep, changes={"contact_name": "Anna"})
    assert not buyer.events.filter(kind="updated").exists()


def test_a_level_change_regrades_and_moves_the_system_tags(cast):
    buyer = make_buyer(company_size="enterprise", business_type="distributor", platform_level="L1")
    assert buyer.grade == "B"
    buyer_update(
        buyer=buyer,
        actor=cast.manager,
        changes={"platform_level": "L4", "annual_purchase_minor": 20_000_000},
    )
    buyer.refresh_from_db()
    assert buyer.grade == "A"
    names = {t.name for t in buyer.tags.all()}
    assert {"grade:A", "level:L4"} <= names
    assert not {"grade:B", "level:L1"} & names
    graded = buyer.events.get(kind="graded")
    assert (graded.payload["from"], graded.payload["to"]) == ("B", "A")


def test_a_locked_grade_does_not_move(cast):
    buyer = make_buyer()
    Buyer.objects.filter(pk=buyer.pk).update(grade_locked=True, grade="A")
    buyer.refresh_from_db()
    buyer_update(buyer=buyer, actor=cast.manager, changes={"platform_level": "L0"})
    buyer.refresh_from_db()
    assert buyer.grade == "A"


def test_a_reassignment_is_recorded_with_both_reps(cast):
    buyer = make_buyer(assigned_rep=cast.rep)
    buyer_update(buyer=buyer, actor=cast.manager, changes={"assigned_rep": cast.senior_rep})
    event = buyer.events.get(kind="assigned")
    assert event.payload == {"from": "rep", "to": "senior"}


def test_invalid_changes_save_nothing(cast):
    buyer = make_buyer(email="a@example.com")
    with pytest.raises(ValidationError):
        buyer_update(buyer=buyer, actor=cast.rep, changes={"email": "nope", "country": "XX"})
    buyer.refresh_from_db()
    assert buyer.email == "a@example.com"
    assert not buyer.events.filter(kind="updated").exists()
