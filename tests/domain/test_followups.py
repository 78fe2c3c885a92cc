"""Follow-up rules: what is due when, one key per reason, A buyers first, friendly messages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from exportdesk.domain import followups as fu
from exportdesk.domain.followups import (
    BuyerFacts,
    DeliveredOrder,
    DeliveredSample,
    FollowUpRules,
    Launch,
    due_followups,
    message_language,
    suggested_message,
)

NOW = datetime(2026, 6, 30, 10, 0, tzinfo=UTC)


def days_ago(n: int) -> datetime:
    return NOW - timedelta(days=n)


def kinds(items: list[fu.DueFollowUp]) -> list[str]:
    return [item.kind for item in items]


@pytest.mark.parametrize(
    ("delivered_days_ago", "reviewed", "expected"),
    [
        pytest.param(3, False, [], id="too early for anything"),
        pytest.param(8, False, [fu.REVIEW_REQUEST], id="review request after 7 days"),
        pytest.param(8, True, [], id="no review request once reviewed"),
        pytest.param(15, False, [fu.POST_DELIVERY_CHECKIN, fu.REVIEW_REQUEST], id="both due"),
        pytest.param(15, True, [fu.POST_DELIVERY_CHECKIN], id="check-in only when reviewed"),
        pytest.param(200, False, [], id="stale deliveries are not dug up"),
    ],
)
def test_a_delivered_order_brings_a_check_in_and_a_review_request_in_time(
    delivered_days_ago: int, reviewed: bool, expected: list[str]
) -> None:
    facts = BuyerFacts(
        buyer_id=1,
        delivered_orders=[DeliveredOrder(7, "PO-7", days_ago(delivered_days_ago), reviewed)],
    )
    assert sorted(kinds(due_followups([facts], now=NOW))) == sorted(expected)


def test_keys_name_the_reason_so_the_same_facts_give_the_same_keys() -> None:
    facts = BuyerFacts(
        buyer_id=1, delivered_orders=[DeliveredOrder(7, "PO-7", days_ago(20), False)]
    )
    first = {item.key for item in due_followups([facts], now=NOW)}
    again = {item.key for item in due_followups([facts], now=NOW + timedelta(days=1))}
    assert first == again == {"post_delivery_checkin:order:7", "review_request:order:7"}


@pytest.mark.parametrize(
    ("grade", "silent_days", "due"),
    [
        pytest.param("A", 31, True, id="A buyer silent a month"),
        pytest.param("B", 31, False, id="B buyer silent a month is fine"),
        pytest.param("B", 61, True, id="B buyer silent two months"),
        pytest.param("C", 89, False, id="C buyer silent 89 days"),
        pytest.param("C", 91, True, id="C buyer silent 91 days"),
    ],
)
def test_dormant_reactivation_waits_by_grade(grade: str, silent_days: int, due: bool) -> None:
    facts = BuyerFacts(buyer_id=2, grade=grade, last_contact_at=days_ago(silent_days))
    assert kinds(due_followups([facts], now=NOW)) == ([fu.DORMANT] if due else [])


def test_reorder_due_comes_a_week_before_the_predicted_order_once_per_last_order() -> None:
    facts = BuyerFacts(buyer_id=3, next_order_on=date(2026, 7, 5), last_order_on=date(2026, 5, 20))
    (item,) = due_followups([facts], now=NOW)
    assert item.kind == fu.REORDER_DUE
    assert item.due_at.date() == date(2026, 6, 28)
    moved = BuyerFacts(buyer_id=3, next_order_on=date(2026, 7, 6), last_order_on=date(2026, 5, 20))
    assert due_followups([moved], now=NOW)[0].key == item.key


def test_a_reorder_far_away_is_not_due_yet() -> None:
    facts = BuyerFacts(buyer_id=3, next_order_on=date(2026, 8, 30), last_order_on=date(2026, 6, 1))
    assert due_followups([facts], now=NOW) == []


@pytest.mark.parametrize(
    ("ordered_since", "expected"),
    [
        pytest.param(False, [fu.SAMPLE_FOLLOWUP], id="no order after the sample"),
        pytest.param(True, [], id="the buyer already ordered"),
    ],
)
def test_a_sample_without_an_order_is_followed_up_after_two_weeks(
    ordered_since: bool, expected: list[str]
) -> None:
    facts = BuyerFacts(
        buyer_id=4, delivered_samples=[DeliveredSample(9, days_ago(15), ordered_since, "Serum")]
    )
    assert kinds(due_followups([facts], now=NOW)) == expected


def test_a_new_product_alerts_only_buyers_of_its_category() -> None:
    launch = Launch(5, "Snail Serum", "skincare", date(2026, 6, 25))
    old = Launch(6, "Old Toner", "skincare", date(2026, 1, 1))
    skincare = BuyerFacts(buyer_id=1, categories=frozenset({"skincare"}))
    haircare = BuyerFacts(buyer_id=2, categories=frozenset({"haircare"}))
    items = due_followups([skincare, haircare], now=NOW, launches=[launch, old])
    assert [(i.buyer_id, i.key) for i in items] == [(1, "new_product_alert:buyer:1:product:5")]
    assert "Snail Serum" in items[0].message


def test_a_buyers_come_first_then_the_earliest_due() -> None:
    order = [DeliveredOrder(1, "PO-1", days_ago(20), True)]
    buyers = [
        BuyerFacts(buyer_id=10, grade="C", delivered_orders=order),
        BuyerFacts(
            buyer_id=11, grade="A", delivered_orders=[DeliveredOrder(2, "PO-2", days_ago(15), True)]
        ),
        BuyerFacts(
            buyer_id=12, grade="A", delivered_orders=[DeliveredOrder(3, "PO-3", days_ago(30), True)]
        ),
        BuyerFacts(buyer_id=13, grade="B", delivered_orders=order),
    ]
    assert [i.buyer_id for i in due_followups(buyers, now=NOW)] == [12, 11, 13, 10]


def test_rules_take_their_days_from_the_settings() -> None:
    facts = BuyerFacts(buyer_id=1, delivered_orders=[DeliveredOrder(7, "PO-7", days_ago(4), True)])
    assert kinds(due_followups([facts], now=NOW, rules=FollowUpRules(checkin_days=3))) == [
        fu.POST_DELIVERY_CHECKIN
    ]


def test_now_must_carry_a_time_zone() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        due_followups([], now=datetime(2026, 6, 30))


@pytest.mark.parametrize(
    ("language", "country", "expected"),
    [
        pytest.param("ko", "US", "ko", id="the buyer's own language wins"),
        pytest.param("es-MX", "", "es", id="regional codes reduce to the language"),
        pytest.param("", "KR", "ko", id="Korea without messages"),
        pytest.param("", "MX", "es", id="Mexico without messages"),
        pytest.param("", "HU", "en", id="other countries get English"),
        pytest.param("hu", "HU", "en", id="a language without templates gets English"),
    ],
)
def test_the_message_language_follows_the_buyer(language: str, country: str, expected: str) -> None:
    assert message_language(language, country) == expected


@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        pytest.param("en", ["Hi Anna,", "How have you been?", "Snail Serum"], id="English"),
        pytest.param("ko", ["Anna님, 안녕하세요.", "잘 지내셨나요?", "Snail Serum"], id="Korean"),
        pytest.param("es", ["Hola Anna:", "¿Cómo ha estado?", "Snail Serum"], id="Spanish"),
    ],
)
def test_a_check_in_asks_kindly_how_the_product_sells(language: str, phrases: list[str]) -> None:
    facts = BuyerFacts(buyer_id=1, language=language, contact_name="Anna")
    text = suggested_message(fu.POST_DELIVERY_CHECKIN, facts, product="Snail Serum")
    for phrase in phrases:
        assert phrase in text


@pytest.mark.parametrize("kind", fu.KINDS)
@pytest.mark.parametrize("language", fu.MESSAGE_LANGUAGES)
def test_every_kind_has_a_message_in_every_language_without_a_name(
    kind: str, language: str
) -> None:
    text = suggested_message(kind, BuyerFacts(buyer_id=1, language=language))
    assert text and "{" not in text
