"""buyer_regrade: the rubric reads orders, messages' triage and samples from the database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.buyers.services import buyer_regrade, buyer_signals_bulk
from exportdesk.orders.models import Sample
from tests.buyers.builders import PRICE_QUOTE, set_workspace, thread
from tests.factories import make_buyer, make_order

pytestmark = pytest.mark.django_db


def reason(buyer, factor):  # type: ignore[no-untyped-def]
    """The buyer's stored reason for one factor (None if it earned none)."""
    return next((r for r in buyer.grade_reasons if r["factor"] == factor), None)


def test_an_order_adds_points_on_regrade():
    buyer = make_buyer(business_type="importer")
    before = buyer.grade_score
    make_order(buyer, total_minor=120_000)  # US$1,200, delivered
    buyer_regrade(buyer=buyer, cause="order")
    # "has ordered before" fills the other 4 of the 10 "other" points; a US$1,200 order is
    # worth 2 points of order potential (6 × 1,200 a year of 100k → 0.072 of 25).
    assert buyer.grade_score == before + 6


def test_new_thresholds_move_the_letter_and_leave_an_event():
    buyer = make_buyer(platform_level="L4", company_size="enterprise")
    assert buyer.grade == "B"
    set_workspace(grade_a_threshold=35, grade_b_threshold=10)
    buyer_regrade(buyer=buyer, cause="settings")
    assert buyer.grade == "A"
    event = buyer.events.get(kind="graded")
    assert (event.payload["from"], event.payload["to"]) == ("B", "A")
    assert event.payload["cause"] == "settings"
    assert event.payload["score"] == buyer.grade_score


def test_nothing_is_recorded_when_nothing_moved():
    buyer = make_buyer(platform_level="L2")
    buyer_regrade(buyer=buyer, cause="nightly")
    assert not buyer.events.filter(kind="graded").exists()


def test_a_score_change_without_a_new_letter_leaves_no_graded_event():
    buyer = make_buyer(platform_level="L2")
    make_order(buyer, total_minor=50_000)
    buyer_regrade(buyer=buyer, cause="order")
    assert buyer.grade == "C"
    assert buyer.grade_score > 10
    assert not buyer.events.filter(kind="graded").exists()


def test_paid_orders_give_the_largest_and_average_order_cancelled_and_quoted_do_not():
    buyer = make_buyer()
    make_order(buyer, status="paid", total_minor=1_200_000)  # US$12,000
    make_order(buyer, status="delivered", total_minor=400_000)  # US$4,000
    make_order(buyer, status="cancelled", total_minor=9_900_000)
    make_order(buyer, status="quoted", total_minor=9_900_000)
    buyer_regrade(buyer=buyer, cause="order")
    potential = reason(buyer, "order_potential")
    assert potential["text_en"] == "Largest order US$12,000, average US$8,000 over 2 orders"
    assert potential["points"] == 15  # 12k of the 20k order that fills the factor
    assert reason(buyer, "other")["text_en"] == "Ordered 2 times"


def test_orders_in_other_currencies_count_in_approximate_dollars():
    buyer = make_buyer()
    make_order(buyer, currency="KRW", total_minor=13_500_000)  # ₩13.5m ≈ US$9,990
    buyer_regrade(buyer=buyer, cause="order")
    assert reason(buyer, "order_potential")["text_en"] == "Largest order US$9,990"


def test_the_triage_of_an_inquiry_gives_quantity_target_price_and_sample_intent():
    buyer = make_buyer()
    thread(
        buyer,
        [("in", 0, "Price for 5000 pcs at 1.20? Samples?", {**PRICE_QUOTE, "intents": ["sample"]})],
    )
    buyer_regrade(buyer=buyer, cause="message")
    intent = reason(buyer, "buying_intent")
    assert intent["text_en"] == (
        "Asked for 5,000 pcs with a target price of US$1.20/pcs, requested samples"
    )
    assert intent["text_ko"] == "5,000 pcs 수량과 목표 단가 US$1.20/pcs 제시, 샘플 요청"
    assert intent["points"] == 18  # 0.30 + 0.25 + 0.15 of 25 = 17.5
    assert "US$6,000 an order" in reason(buyer, "order_potential")["text_en"]


def test_the_largest_quantity_asked_wins_with_its_own_target_price():
    buyer = make_buyer()
    small = {**PRICE_QUOTE, "quantity": {"value": 500, "unit": "pcs"}}
    large = {
        **PRICE_QUOTE,
        "quantity": {"value": 20000, "unit": "pcs"},
        "target_price": {"amount": 0.9, "currency": "USD", "per": "pcs"},
    }
    thread(buyer, [("in", 0, "500 pcs?", small), ("in", 30, "Maybe 20,000 pcs at 0.90", large)])
    buyer_regrade(buyer=buyer, cause="message")
    assert reason(buyer, "buying_intent")["text_en"].startswith(
        "Asked for 20,000 pcs with a target price of US$0.90/pcs"
    )


def test_a_sample_request_counts_once_recorded_as_a_sample():
    buyer = make_buyer()
    for _ in range(2):
        Sample.objects.create(buyer=buyer, requested_at=timezone.now())
    Sample.objects.create(buyer=buyer, requested_at=timezone.now(), status="cancelled")
    buyer_regrade(buyer=buyer, cause="sample")
    assert reason(buyer, "buying_intent")["text_en"] == "Requested samples (2)"


def test_a_buyer_who_answers_our_question_within_a_day_shows_intent():
    buyer = make_buyer()
    thread(
        buyer,
        [
            ("in", 0, "Hello, do you make sheet masks", None),
            ("out", 2, "Yes! Which market do you sell in?", None),
            ("in", 5, "Hungary, online and two shops", None),  # 3 h later
        ],
    )
    buyer_regrade(buyer=buyer, cause="message")
    assert reason(buyer, "buying_intent")["text_en"] == (
        "Answered our question, replied within 24 h (1 of 1 replies)"
    )


def test_a_reply_after_two_days_is_not_fast_and_a_statement_is_not_a_question():
    buyer = make_buyer()
    thread(
        buyer,
        [
            ("in", 0, "Hello", None),
            ("out", 1, "Here is our catalogue.", None),
            ("in", 49, "Thanks", None),
        ],
    )
    buyer_regrade(buyer=buyer, cause="message")
    assert reason(buyer, "buying_intent") is None


def test_coming_back_with_a_second_inquiry_is_repeat_contact():
    buyer = make_buyer()
    thread(buyer, [("in", 0, "Hello", None)])
    thread(buyer, [("in", 200, "Hello again", None)])
    buyer_regrade(buyer=buyer, cause="message")
    assert reason(buyer, "buying_intent")["text_en"] == "Came back with 2 inquiries"


def test_low_intent_messages_and_spam_conversations_are_ignored():
    buyer = make_buyer()
    spam = {**PRICE_QUOTE, "low_intent": True}
    thread(buyer, [("in", 0, "SEO services for 5000 pcs", spam)])
    rejected = thread(buyer, [("in", 1, "Price 5000 pcs", PRICE_QUOTE)])
    rejected.is_spam = True
    rejected.save()
    buyer_regrade(buyer=buyer, cause="message")
    assert reason(buyer, "buying_intent") is None


@pytest.mark.parametrize(
    "triage",
    [
        {"quantity": "lots", "target_price": 3, "intents": "sample"},
        {"quantity": {"value": "n/a"}, "target_price": {"amount": None}},
        {"quantity": {"value": -5, "unit": "pcs"}},
        [],
        "not a dict",
    ],
)
def test_a_malformed_triage_is_skipped_not_a_crash(triage):
    buyer = make_buyer()
    thread(buyer, [("in", 0, "Hello", triage)])
    buyer_regrade(buyer=buyer, cause="message")
    assert reason(buyer, "buying_intent") is None


def test_the_workspace_priority_countries_earn_points():
    buyer = make_buyer(country="HU")
    set_workspace(priority_countries=["HU", "AE"])
    buyer_regrade(buyer=buyer, cause="settings")
    other = reason(buyer, "other")
    assert other["text_en"] == "Priority market (Hungary)"
    assert other["text_ko"] == "우선 시장(헝가리)"


def test_signals_take_the_same_queries_for_one_message_or_fifty():
    def queries_for(messages: int) -> int:
        buyer = make_buyer()
        make_order(buyer)
        thread(buyer, [("in", h, "Hi", PRICE_QUOTE) for h in range(messages)])
        with CaptureQueriesContext(connection) as ctx:
            buyer_signals_bulk([buyer])
        return len(ctx.captured_queries)

    assert queries_for(1) == queries_for(50) == 3  # orders, samples, messages


def test_bulk_signals_cover_many_buyers_with_three_queries(django_assert_num_queries):
    buyers = [make_buyer() for _ in range(12)]
    for buyer in buyers:
        make_order(buyer)
        thread(buyer, [("in", 0, "Hi", PRICE_QUOTE)])
    with django_assert_num_queries(3):
        signals = buyer_signals_bulk(buyers)
    assert all(s.order_count == 1 and s.quantity == 5000 for s in signals.values())


def test_a_regrade_after_a_dormant_spell_still_uses_the_whole_history():
    buyer = make_buyer(at=timezone.now() - timedelta(days=400))
    thread(buyer, [("in", 0, "5000 pcs", PRICE_QUOTE)], start=timezone.now() - timedelta(days=400))
    buyer_regrade(buyer=buyer, cause="nightly")
    assert reason(buyer, "buying_intent") is not None
    assert WorkspaceSettings.current().dormant_days == 90
