"""Sample services: pricing by policy and grade, the snapshot, transitions, events and tags."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from exportdesk.accounts.services import workspace_settings_update
from exportdesk.buyers.models import BuyerEvent
from exportdesk.domain import samples as rules
from exportdesk.orders import services
from exportdesk.orders.models import Order, Sample
from exportdesk.orders.services import (
    sample_cancel,
    sample_convert,
    sample_mark_delivered,
    sample_mark_lost,
    sample_mark_sent,
)
from tests.factories import make_order
from tests.orders.conftest import bring_to, graded_buyer, request_sample

pytestmark = pytest.mark.django_db


def events(buyer, kind):
    return list(BuyerEvent.objects.filter(buyer=buyer, kind=kind).order_by("id"))


def test_the_models_statuses_are_the_domains_statuses():
    assert set(Sample.Status.values) == set(rules.STATUSES)


@pytest.mark.parametrize(
    ("grade", "pct", "seller", "buyer_pays"),
    [("A", 100, 12_501, 0), ("B", 50, 6_250, 6_251), ("C", 0, 0, 12_501)],
)
def test_a_request_is_priced_by_the_policy_and_the_buyers_grade(
    cast, products, grade, pct, seller, buyer_pays
):
    buyer = graded_buyer(grade)
    sample = request_sample(buyer, cast.rep, products=products[:2])
    sample.refresh_from_db()
    assert (sample.grade_at_request, sample.seller_share_pct) == (grade, pct)
    assert (sample.seller_share_minor, sample.buyer_share_minor) == (seller, buyer_pays)
    assert sample.policy_snapshot == {"A": 100, "B": 50, "C": 0}
    assert sample.status == "requested"
    assert sorted(p.sku for p in sample.products.all()) == ["SER-01", "TON-02"]


def test_the_snapshot_is_kept_when_the_policy_changes_later(cast):
    buyer = graded_buyer("B")
    before = request_sample(buyer, cast.rep, cost_minor=1_000, courier_cost_minor=0)
    workspace_settings_update(changes={"sample_share_b": 20})

    before.refresh_from_db()
    assert before.policy_snapshot == {"A": 100, "B": 50, "C": 0}
    assert (before.seller_share_pct, before.seller_share_minor) == (50, 500)
    after = request_sample(buyer, cast.rep, cost_minor=1_000, courier_cost_minor=0)
    assert after.policy_snapshot == {"A": 100, "B": 20, "C": 0}
    assert (after.seller_share_pct, after.seller_share_minor) == (20, 200)


def test_the_grade_at_request_is_kept_when_the_buyer_is_regraded_later(cast):
    buyer = graded_buyer("A")
    sample = request_sample(buyer, cast.rep)
    type(buyer).objects.filter(pk=buyer.pk).update(grade="C")
    sample.refresh_from_db()
    assert (sample.grade_at_request, sample.seller_share_pct) == ("A", 100)


def test_a_request_records_an_event_with_the_split_and_the_products(cast, products):
    buyer = graded_buyer("B")
    sample = request_sample(buyer, cast.rep, products=products[:1])
    [event] = events(buyer, "sample_requested")
    assert event.actor == cast.rep
    assert event.payload == {
        "sample": sample.pk,
        "grade": "B",
        "seller_share_pct": 50,
        "seller_minor": 6_250,
        "buyer_minor": 6_251,
        "currency": "USD",
        "products": ["SER-01"],
    }


def test_a_request_regrades_the_buyer_with_cause_sample(cast, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "buyer_regrade", lambda **kw: calls.append(kw))
    buyer = graded_buyer("B")
    request_sample(buyer, cast.rep)
    assert calls == [{"buyer": buyer, "actor": cast.rep, "cause": "sample"}]


def test_a_request_without_products_is_fine(cast):
    sample = request_sample(graded_buyer("C"), cast.rep)
    assert sample.products.count() == 0


def test_a_currency_code_is_normalised(cast):
    assert request_sample(graded_buyer("C"), cast.rep, currency=" krw ").currency == "KRW"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cost_minor": -1}, "zero or more"),
        ({"courier_cost_minor": -100}, "zero or more"),
        ({"currency": "XYZ"}, "not a currency code"),
    ],
)
def test_a_bad_request_raises_and_saves_nothing(cast, changes, message):
    buyer = graded_buyer("A")
    with pytest.raises(ValidationError, match=message):
        request_sample(buyer, cast.rep, **changes)
    assert Sample.objects.count() == 0
    assert events(buyer, "sample_requested") == []


def test_sending_a_sample_tags_the_buyer_sample_sent_and_records_it(cast):
    buyer = graded_buyer("A")
    sample = request_sample(buyer, cast.rep)
    assert "sample-sent" not in {t.name for t in buyer.tags.all()}

    sent_at = timezone.now()
    sample_mark_sent(sample=sample, actor=cast.rep, at=sent_at)

    sample.refresh_from_db()
    assert (sample.status, sample.sent_at) == ("sent", sent_at)
    assert "sample-sent" in {t.name for t in buyer.tags.all()}
    [event] = events(buyer, "sample_sent")
    assert (event.payload, event.actor, event.at) == ({"sample": sample.pk}, cast.rep, sent_at)


def test_a_cancelled_request_never_tags_the_buyer(cast):
    buyer = graded_buyer("A")
    bring_to(request_sample(buyer, cast.rep), "cancelled", cast.rep)
    assert "sample-sent" not in {t.name for t in buyer.tags.all()}
    assert len(events(buyer, "sample_cancelled")) == 1


def test_delivery_and_conversion_are_recorded_with_the_order(cast):
    buyer = graded_buyer("B")
    order = make_order(buyer, number="PO-777")
    sample = request_sample(buyer, cast.rep)
    sample_mark_sent(sample=sample, actor=cast.rep)
    sample_mark_delivered(sample=sample, actor=cast.rep)
    sample_convert(sample=sample, actor=cast.rep, order=order)

    sample.refresh_from_db()
    assert (sample.status, sample.converted_order) == ("converted", order)
    assert sample.delivered_at is not None and sample.converted_at is not None
    assert len(events(buyer, "sample_delivered")) == 1
    [converted] = events(buyer, "sample_converted")
    assert converted.payload == {"sample": sample.pk, "order": order.pk, "number": "PO-777"}
    assert "sample-sent" in {t.name for t in buyer.tags.all()}


def test_a_lost_sample_keeps_its_reason(cast):
    buyer = graded_buyer("C")
    sample = bring_to(request_sample(buyer, cast.rep), "delivered", cast.rep)
    sample_mark_lost(sample=sample, actor=cast.rep, reason="  Price   too high ")
    sample.refresh_from_db()
    assert (sample.status, sample.lost_reason) == ("lost", "Price too high")
    assert events(buyer, "sample_lost")[0].payload["reason"] == "Price too high"


def _do(action, sample, actor, order=None):
    if action == "sent":
        return sample_mark_sent(sample=sample, actor=actor)
    if action == "delivered":
        return sample_mark_delivered(sample=sample, actor=actor)
    if action == "converted":
        return sample_convert(sample=sample, actor=actor, order=order)
    if action == "lost":
        return sample_mark_lost(sample=sample, actor=actor, reason="Went quiet")
    return sample_cancel(sample=sample, actor=actor)


ACTIONS = ("sent", "delivered", "converted", "lost", "cancelled")
START = ("requested", "sent", "delivered", "converted", "lost", "cancelled")


@pytest.mark.parametrize("start", START)
@pytest.mark.parametrize("action", ACTIONS)
def test_each_action_is_allowed_only_from_the_documented_statuses(cast, start, action):
    buyer = graded_buyer("B")
    order = make_order(buyer)
    sample = bring_to(request_sample(buyer, cast.rep), start, cast.rep, order=order)
    event_count = BuyerEvent.objects.filter(buyer=buyer).count()

    if rules.can_transition(start, action):
        _do(action, sample, cast.rep, order)
        sample.refresh_from_db()
        assert sample.status == action
        assert BuyerEvent.objects.filter(buyer=buyer).count() > event_count
    else:
        with pytest.raises(ValidationError, match="cannot be marked"):
            _do(action, sample, cast.rep, order)
        sample.refresh_from_db()
        assert sample.status == start
        assert BuyerEvent.objects.filter(buyer=buyer).count() == event_count


def test_the_refusal_says_what_the_sample_is_and_what_was_asked(cast):
    sample = request_sample(graded_buyer("A"), cast.rep)
    with pytest.raises(ValidationError) as refused:
        sample_convert(sample=sample, actor=cast.rep, order=make_order(sample.buyer))
    assert refused.value.messages == [
        "A sample that is “Requested” cannot be marked “Converted to order”."
    ]


def test_a_stale_copy_cannot_move_a_sample_twice(cast):
    sample = request_sample(graded_buyer("A"), cast.rep)
    stale = Sample.objects.get(pk=sample.pk)
    sample_cancel(sample=sample, actor=cast.rep)
    with pytest.raises(ValidationError, match="cannot be marked"):
        sample_mark_sent(sample=stale, actor=cast.rep)
    assert Sample.objects.get(pk=sample.pk).status == "cancelled"


def test_a_sample_cannot_convert_to_another_buyers_order(cast):
    sample = bring_to(request_sample(graded_buyer("A"), cast.rep), "delivered", cast.rep)
    other_order = make_order(graded_buyer("A"), number="PO-OTHER")
    with pytest.raises(ValidationError, match="PO-OTHER belongs to another buyer"):
        sample_convert(sample=sample, actor=cast.rep, order=other_order)
    sample.refresh_from_db()
    assert (sample.status, sample.converted_order) == ("delivered", None)


def test_a_sample_cannot_convert_to_a_cancelled_order(cast):
    sample = bring_to(request_sample(graded_buyer("A"), cast.rep), "sent", cast.rep)
    order = make_order(sample.buyer, status=Order.Status.CANCELLED)
    with pytest.raises(ValidationError, match="is cancelled"):
        sample_convert(sample=sample, actor=cast.rep, order=order)
    assert Sample.objects.get(pk=sample.pk).status == "sent"


@pytest.mark.parametrize("reason", ["", "   ", "x" * 201])
def test_a_sample_is_not_marked_lost_without_a_short_reason(cast, reason):
    sample = bring_to(request_sample(graded_buyer("A"), cast.rep), "sent", cast.rep)
    with pytest.raises(ValidationError):
        sample_mark_lost(sample=sample, actor=cast.rep, reason=reason)
    assert Sample.objects.get(pk=sample.pk).status == "sent"


def test_a_sample_cannot_be_sent_before_it_was_requested(cast):
    now = timezone.now()
    sample = request_sample(graded_buyer("A"), cast.rep, requested_at=now)
    with pytest.raises(ValidationError, match="before it was requested"):
        sample_mark_sent(sample=sample, actor=cast.rep, at=now - timedelta(days=1))
    assert Sample.objects.get(pk=sample.pk).status == "requested"


def test_a_sample_cannot_be_delivered_before_it_was_sent(cast):
    now = timezone.now()
    sample = request_sample(graded_buyer("A"), cast.rep, requested_at=now - timedelta(days=9))
    sample_mark_sent(sample=sample, actor=cast.rep, at=now)
    with pytest.raises(ValidationError, match="before it was sent"):
        sample_mark_delivered(sample=sample, actor=cast.rep, at=now - timedelta(days=1))
