"""User tags go through services; system tags are kept by the code alone."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from exportdesk.buyers.services import buyer_sync_system_tags, buyer_tag_add, buyer_tag_remove
from tests.factories import make_buyer, make_order

pytestmark = pytest.mark.django_db


def test_a_user_tag_is_added_once_and_recorded(cast):
    buyer = make_buyer()
    buyer_tag_add(buyer=buyer, actor=cast.rep, name="  VIP  ")
    buyer_tag_add(buyer=buyer, actor=cast.rep, name="vip")
    assert buyer.tags.filter(name="vip", is_system=False).count() == 1
    assert buyer.events.filter(kind="tagged").count() == 1


@pytest.mark.parametrize("name", ["grade:A", "level:L3", "transacted", "reordered", "dormant"])
def test_it_refuses_to_add_a_system_tag_by_hand(cast, name):
    buyer = make_buyer()
    with pytest.raises(ValidationError):
        buyer_tag_add(buyer=buyer, actor=cast.rep, name=name)


def test_it_refuses_to_remove_a_system_tag_by_hand(cast):
    buyer = make_buyer()
    with pytest.raises(ValidationError):
        buyer_tag_remove(buyer=buyer, actor=cast.rep, name="grade:C")
    assert buyer.tags.filter(name="grade:C").exists()


def test_removing_a_user_tag_is_recorded(cast):
    buyer = make_buyer()
    buyer_tag_add(buyer=buyer, actor=cast.rep, name="halal-market")
    buyer_tag_remove(buyer=buyer, actor=cast.rep, name="halal-market")
    assert not buyer.tags.filter(name="halal-market").exists()
    assert buyer.events.filter(kind="untagged").count() == 1


def test_orders_bring_the_transacted_and_reordered_tags():
    buyer = make_buyer()
    make_order(buyer, status="delivered")
    buyer_sync_system_tags(buyer=buyer)
    assert set(buyer.tags.values_list("name", flat=True)) >= {"transacted"}
    assert not buyer.tags.filter(name="reordered").exists()
    make_order(buyer, status="paid")
    buyer_sync_system_tags(buyer=buyer)
    assert buyer.tags.filter(name="reordered").exists()


def test_a_quoted_order_is_not_a_transaction():
    buyer = make_buyer()
    make_order(buyer, status="quoted")
    buyer_sync_system_tags(buyer=buyer)
    assert not buyer.tags.filter(name="transacted").exists()


def test_a_buyer_without_recent_contact_is_dormant():
    from datetime import timedelta

    from django.utils import timezone

    buyer = make_buyer()
    buyer.last_contact_at = timezone.now() - timedelta(days=200)
    buyer.save()
    buyer_sync_system_tags(buyer=buyer)
    assert buyer.tags.filter(name="dormant").exists()
