"""Rule reasons (follow-ups, reorder predictions) are stored as codes with numbers and said in
the UI language; rows from before the codes keep showing their stored English text."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pytest
from django.utils import timezone, translation

from exportdesk.buyers.models import FollowUp
from exportdesk.domain.reorder import build_summary, predict_reorders
from exportdesk.orders.followup_services import followup_dismiss, followups_generate
from exportdesk.orders.models import Order, OrderLine, ReorderPrediction
from exportdesk.orders.services import reorder_refit
from exportdesk.orders.templatetags.orders_display import (
    followup_reason,
    reorder_reason,
    reorder_reason_text,
)
from tests.orders.conftest import graded_buyer

NOW = timezone.make_aware(datetime(2026, 6, 30, 12, 0))


def delivered(buyer, days_ago: int) -> Order:
    when = NOW - timedelta(days=days_ago)
    order = Order.objects.create(
        buyer=buyer,
        number=f"R-{Order.objects.count() + 1}",
        status="delivered",
        total_minor=10_000,
        quoted_at=when - timedelta(days=10),
        paid_at=when - timedelta(days=9),
        delivered_at=when,
    )
    OrderLine.objects.create(
        order=order,
        description="Snail serum",
        quantity=1,
        unit_price_minor=10_000,
        total_minor=10_000,
    )
    return order


@pytest.mark.django_db
def test_a_generated_follow_up_keeps_its_reason_as_numbers_and_says_it_the_same(cast):
    buyer = graded_buyer("B", assigned_rep=cast.rep)
    order = delivered(buyer, days_ago=15)
    followups_generate(now=NOW)
    checkin = FollowUp.objects.select_related("origin").get(kind="post_delivery_checkin")

    assert checkin.origin.reason_params == {"number": order.number, "days": 14}
    assert followup_reason(checkin) == checkin.reason
    assert checkin.reason == f"Order {order.number} was delivered 14 days before."


@pytest.mark.django_db
def test_the_reason_is_said_from_its_code_not_from_the_stored_text(cast):
    buyer = graded_buyer("A", assigned_rep=cast.rep)
    delivered(buyer, days_ago=15)
    followups_generate(now=NOW)
    review = FollowUp.objects.get(kind="review_request")
    FollowUp.objects.filter(pk=review.pk).update(reason="stale text")
    review.refresh_from_db()

    assert followup_reason(review).endswith("was delivered and has no review yet.")
    with translation.override("ko"):
        assert "R-1" in followup_reason(review)


@pytest.mark.django_db
def test_old_follow_ups_and_dismissals_show_the_stored_text(cast):
    buyer = graded_buyer("B", assigned_rep=cast.rep)
    old = FollowUp.objects.create(buyer=buyer, kind="dormant", due_at=NOW, reason="Old reason.")
    assert followup_reason(old) == "Old reason."

    delivered(buyer, days_ago=15)
    followups_generate(now=NOW)
    checkin = FollowUp.objects.get(kind="post_delivery_checkin")
    followup_dismiss(followup=checkin, actor=cast.rep, reason="we talked yesterday", at=NOW)
    assert followup_reason(checkin) == "we talked yesterday"


@pytest.mark.django_db
def test_the_today_page_shows_the_reason(cast, client_for):
    buyer = graded_buyer("B", assigned_rep=cast.rep)
    order = delivered(buyer, days_ago=15)
    followups_generate(now=NOW)

    html = client_for(cast.rep).get("/orders/today/").content.decode()

    assert f"Order {order.number} was delivered 14 days before." in html


def orders_every(days: int, *, buyer: str, start: date, count: int):
    return [(buyer, start + timedelta(days * i), 100.0) for i in range(count)]


@pytest.mark.parametrize("buyers", [1, 8, 40])
def test_every_reorder_reason_code_says_the_stored_english_reason(buyers):
    rng = np.random.default_rng(buyers)
    orders = [("once", date(2025, 6, 1), 50.0)]
    for i in range(buyers):
        gap = int(rng.integers(7, 60))
        count = int(rng.integers(1, 8))
        orders += orders_every(gap, buyer=f"b{i}", start=date(2024, 1, 1 + i % 28), count=count)
    forecast = predict_reorders(build_summary(orders, date(2025, 6, 30)), horizon_days=90)

    for row in forecast.rows():
        assert row.reason_code["code"] == row.method
        if row.reason_code.get("problem") != "fit_failed":
            assert reorder_reason_text(row.reason_code, "?") == row.reason


@pytest.mark.django_db
def test_stored_predictions_say_their_reason_and_old_rows_their_text():
    steady = graded_buyer("A", company="Steady")
    for weeks in (12, 8, 4):
        when = NOW - timedelta(weeks=weeks)
        Order.objects.create(
            buyer=steady,
            number=f"S-{weeks}",
            status="paid",
            total_minor=10_000,
            quoted_at=when,
            paid_at=when,
        )
    reorder_refit(now=NOW)
    prediction = ReorderPrediction.objects.get(buyer=steady)

    assert prediction.reason_code["code"] == "own_cycle"
    assert prediction.reason_code["days"] == 28
    assert reorder_reason(prediction) == prediction.reason
    with translation.override("ko"):
        assert "28" in reorder_reason(prediction)

    ReorderPrediction.objects.filter(pk=prediction.pk).update(reason_code={}, reason="Old text.")
    prediction.refresh_from_db()
    assert reorder_reason(prediction) == "Old text."


def test_a_model_fit_reason_code_says_the_stored_english_reason():
    from exportdesk.domain.reorder import PurchaseSummary, simulate_bgnbd

    x, t_x, T = simulate_bgnbd(2000, r=0.25, alpha=4.0, a=0.8, b=2.5, T=39.0, seed=3)
    money = np.where(x > 0, 100.0, 0.0)
    summary = PurchaseSummary.from_arrays(x, t_x, T, money, calibration_end=date(2025, 6, 30))
    forecast = predict_reorders(summary, horizon_days=90)
    fitted = [row for row in forecast.rows() if row.method == "bgnbd"]

    assert fitted
    assert fitted[0].reason_code["code"] == "bgnbd"
    assert reorder_reason_text(fitted[0].reason_code, "?") == fitted[0].reason
