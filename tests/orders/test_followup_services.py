"""Follow-up generation from the database (no duplicates, rep, language, A first) and the
done / snooze / dismiss services with their events."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from exportdesk.buyers.models import Buyer, BuyerEvent, FollowUp
from exportdesk.inbox.models import Message
from exportdesk.orders.followup_services import (
    followup_dismiss,
    followup_done,
    followup_snooze,
    followups_generate,
)
from exportdesk.orders.models import Order, OrderLine, ReorderPrediction, Review, Sample
from tests.factories import make_conversation
from tests.orders.conftest import graded_buyer, make_product

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 6, 30, 12, 0))


def delivered_order(buyer: Buyer, days_ago: int, product=None, **fields: Any) -> Order:
    when = NOW - timedelta(days=days_ago)
    order = Order.objects.create(
        buyer=buyer,
        number=f"D-{Order.objects.count() + 1}",
        status="delivered",
        total_minor=10_000,
        quoted_at=when - timedelta(days=10),
        paid_at=when - timedelta(days=9),
        delivered_at=when,
        **fields,
    )
    OrderLine.objects.create(
        order=order,
        product=product,
        description="" if product else "Snail serum",
        quantity=10,
        unit_price_minor=1_000,
        total_minor=10_000,
    )
    return order


def open_followups(**filters: Any) -> list[FollowUp]:
    return list(FollowUp.objects.filter(**filters).order_by("id"))


def test_a_delivered_order_generates_a_check_in_and_a_review_request_for_the_rep(cast):
    buyer = graded_buyer("B", assigned_rep=cast.rep, contact_name="Anna")
    order = delivered_order(buyer, days_ago=15)
    report = followups_generate(now=NOW)
    assert report.created == 2
    rows = {f.kind: f for f in open_followups(buyer=buyer)}
    assert set(rows) == {"post_delivery_checkin", "review_request"}
    checkin = rows["post_delivery_checkin"]
    assert checkin.assignee == cast.rep
    assert checkin.status == "open"
    assert checkin.due_at == order.delivered_at + timedelta(days=14)
    assert "Hi Anna," in checkin.suggested_message
    assert "Snail serum" in checkin.suggested_message
    assert checkin.origin.key == f"post_delivery_checkin:order:{order.pk}"


def test_running_the_generator_again_creates_no_duplicates_whatever_happened_to_the_first(cast):
    buyer = graded_buyer("B", assigned_rep=cast.rep)
    delivered_order(buyer, days_ago=15)
    followups_generate(now=NOW)
    checkin, review = open_followups(buyer=buyer)
    followup_done(followup=checkin, actor=cast.rep)
    followup_dismiss(followup=review, actor=cast.rep, reason="They never write reviews")
    again = followups_generate(now=NOW + timedelta(days=1))
    assert (again.due, again.created) == (2, 0)
    assert FollowUp.objects.count() == 2


def test_a_reviewed_order_gets_no_review_request(cast):
    buyer = graded_buyer("B")
    order = delivered_order(buyer, days_ago=15)
    Review.objects.create(buyer=buyer, order=order, rating=5, received_at=NOW)
    followups_generate(now=NOW)
    assert [f.kind for f in open_followups()] == ["post_delivery_checkin"]


@pytest.mark.parametrize(
    ("language", "country", "phrase"),
    [
        pytest.param("ko", "US", "잘 지내셨나요?", id="the language the buyer writes in"),
        pytest.param("", "MX", "¿Cómo ha estado?", id="Spanish for Mexico"),
        pytest.param("", "HU", "How have you been?", id="English otherwise"),
    ],
)
def test_the_suggested_message_is_in_the_buyers_language(cast, language, country, phrase):
    buyer = graded_buyer("B", country=country)
    conversation = make_conversation(buyer, at=NOW - timedelta(days=40))
    Message.objects.filter(conversation=conversation).update(language=language)
    delivered_order(buyer, days_ago=15)
    followups_generate(now=NOW)
    checkin = FollowUp.objects.get(kind="post_delivery_checkin")
    assert phrase in checkin.suggested_message


def test_reorder_due_follows_the_stored_prediction(cast):
    buyer = graded_buyer("A", assigned_rep=cast.rep)
    ReorderPrediction.objects.create(
        buyer=buyer,
        method="own_cycle",
        next_order_on=date(2026, 7, 4),
        last_order_on=date(2026, 6, 1),
        fitted_at=NOW,
    )
    followups_generate(now=NOW)
    (followup,) = open_followups(kind="reorder_due")
    assert followup.origin.key == f"reorder_due:buyer:{buyer.pk}:after:2026-06-01"


def test_a_silent_a_buyer_gets_a_reactivation_follow_up(cast):
    silent = graded_buyer("A")
    Buyer.objects.filter(pk=silent.pk).update(last_contact_at=NOW - timedelta(days=35))
    quiet_c = graded_buyer("C")
    Buyer.objects.filter(pk=quiet_c.pk).update(last_contact_at=NOW - timedelta(days=35))
    followups_generate(now=NOW)
    assert [(f.buyer_id, f.kind) for f in open_followups()] == [(silent.pk, "dormant")]


def test_a_delivered_sample_without_an_order_is_followed_up(cast):
    waiting = graded_buyer("B")
    ordered = graded_buyer("B")
    for buyer in (waiting, ordered):
        Sample.objects.create(
            buyer=buyer,
            status="delivered",
            requested_at=NOW - timedelta(days=30),
            delivered_at=NOW - timedelta(days=15),
        )
    Order.objects.create(buyer=ordered, number="AFTER", quoted_at=NOW - timedelta(days=3))
    followups_generate(now=NOW)
    assert [(f.buyer_id, f.kind) for f in open_followups()] == [(waiting.pk, "sample_followup")]


def test_a_new_product_alerts_buyers_who_bought_its_category(cast):
    serum = make_product(sku="SER-OLD", category="skincare")
    bought = graded_buyer("B")
    delivered_order(bought, days_ago=100, product=serum)
    other = graded_buyer("B")
    delivered_order(other, days_ago=100, product=make_product(sku="HAIR-1", category="hair"))
    make_product(
        sku="SER-NEW", name_en="Snail Serum 2", category="skincare", launched_at=date(2026, 6, 25)
    )
    followups_generate(now=NOW)
    (alert,) = open_followups(kind="new_product_alert")
    assert alert.buyer == bought
    assert "Snail Serum 2" in alert.suggested_message


def test_a_buyers_are_created_first(cast):
    c_buyer = graded_buyer("C")
    a_buyer = graded_buyer("A")
    delivered_order(c_buyer, days_ago=20)
    delivered_order(a_buyer, days_ago=15)
    followups_generate(now=NOW)
    assert FollowUp.objects.order_by("id").first().buyer == a_buyer


# --- done / snooze / dismiss --------------------------------------------------------------------


@pytest.fixture
def followup(cast) -> FollowUp:
    buyer = graded_buyer("B", assigned_rep=cast.rep)
    delivered_order(buyer, days_ago=15)
    followups_generate(now=NOW)
    return FollowUp.objects.get(kind="post_delivery_checkin")


def events(followup: FollowUp) -> list[tuple[str, dict[str, Any]]]:
    return [
        (e.kind, e.payload)
        for e in BuyerEvent.objects.filter(buyer=followup.buyer, kind__startswith="followup_")
    ]


def test_done_closes_the_follow_up_and_records_an_event(cast, followup):
    followup_done(followup=followup, actor=cast.rep, at=NOW)
    followup.refresh_from_db()
    assert (followup.status, followup.done_at) == ("done", NOW)
    assert events(followup) == [
        ("followup_done", {"followup": followup.pk, "kind": "post_delivery_checkin"})
    ]


def test_snooze_hides_the_follow_up_for_some_days(cast, followup):
    followup_snooze(followup=followup, actor=cast.rep, days=3, at=NOW)
    followup.refresh_from_db()
    assert (followup.status, followup.snoozed_until) == ("snoozed", NOW + timedelta(days=3))
    assert events(followup)[0][1]["days"] == 3


@pytest.mark.parametrize("days", [0, 31, -1, "3", True])
def test_snooze_days_must_be_sensible(cast, followup, days):
    with pytest.raises(ValidationError):
        followup_snooze(followup=followup, actor=cast.rep, days=days)


def test_dismiss_needs_a_reason_and_keeps_it(cast, followup):
    with pytest.raises(ValidationError) as problem:
        followup_dismiss(followup=followup, actor=cast.rep, reason="  ")
    assert problem.value.code == "reason_required"
    followup_dismiss(followup=followup, actor=cast.rep, reason=" Talked  yesterday ")
    followup.refresh_from_db()
    assert (followup.status, followup.reason) == ("dismissed", "Talked yesterday")
    payload = events(followup)[0][1]
    assert payload["reason"] == "Talked yesterday"
    assert payload["rule_reason"].startswith("Order D-")


@pytest.mark.parametrize("first", ["done", "dismiss"])
def test_a_closed_follow_up_cannot_be_acted_on_again(cast, followup, first):
    if first == "done":
        followup_done(followup=followup, actor=cast.rep)
    else:
        followup_dismiss(followup=followup, actor=cast.rep, reason="no")
    with pytest.raises(ValidationError) as problem:
        followup_snooze(followup=followup, actor=cast.rep, days=1)
    assert problem.value.code == "closed"


def test_the_nightly_task_generates_follow_ups(cast):
    from exportdesk.orders.tasks import followups_nightly

    order = delivered_order(graded_buyer("B"), days_ago=15)
    Order.objects.filter(pk=order.pk).update(delivered_at=timezone.now() - timedelta(days=15))
    assert followups_nightly.call()["created"] == 2
    assert followups_nightly.call()["created"] == 0


def test_the_workspace_check_in_days_decide_when_a_check_in_is_due(cast):
    from exportdesk.accounts.models import WorkspaceSettings

    buyer = graded_buyer("B", assigned_rep=cast.rep)
    order = delivered_order(buyer, days_ago=10)
    assert followups_generate(now=NOW).by_kind.get("post_delivery_checkin") is None

    WorkspaceSettings.objects.filter(pk=WorkspaceSettings.current().pk).update(
        followup_checkin_days=5
    )
    followups_generate(now=NOW)

    checkin = FollowUp.objects.get(buyer=buyer, kind="post_delivery_checkin")
    assert checkin.due_at == order.delivered_at + timedelta(days=5)


def test_the_workspace_dormant_days_per_grade_decide_when_a_silent_buyer_is_due(cast):
    from exportdesk.accounts.models import WorkspaceSettings

    buyer = graded_buyer("A")
    Buyer.objects.filter(pk=buyer.pk).update(last_contact_at=NOW - timedelta(days=20))
    followups_generate(now=NOW)
    assert not FollowUp.objects.filter(buyer=buyer, kind="dormant").exists()

    workspace = WorkspaceSettings.current()
    workspace.followup_dormant_days = {"A": 15, "B": 60, "C": 90}
    workspace.save()
    followups_generate(now=NOW)

    assert FollowUp.objects.get(buyer=buyer, kind="dormant").due_at == NOW - timedelta(days=5)
