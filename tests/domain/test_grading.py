"""The grading rubric, tested as plain Python (no database).

Expected points are worked out by hand from the table in ``domain/grading.py``'s docstring
(weights 20/25/25/20/10, shares rounded half up).
"""

from __future__ import annotations

import pytest

from exportdesk.domain.grading import (
    DEFAULT_RUBRIC_WEIGHTS,
    BuyerSignals,
    grade_buyer,
    grade_letter,
    inquiry_value_usd,
)

STRONG = BuyerSignals(
    company_size="large",
    platform_level="L4",
    business_type="distributor",
    annual_purchase_usd=150_000,
    asked_quantity=True,
    asked_target_price=True,
    asked_sample=True,
    repeat_contact=True,
    has_orders=True,
)


def only_reason(signals: BuyerSignals, factor: str, **kwargs):  # type: ignore[no-untyped-def]
    """The one reason of ``factor`` the signals earn."""
    reasons = [r for r in grade_buyer(signals, **kwargs).reasons if r.factor == factor]
    assert len(reasons) == 1, reasons
    return reasons[0]


def test_a_buyer_with_every_strong_signal_is_an_a_buyer():
    result = grade_buyer(STRONG)
    assert result.grade == "A"
    # size 18 (0.9 of 20) + potential 25 + intent 20 (0.3+0.25+0.15+0.1 of 25) + level 20
    # + other 10 (distributor 0.6 + ordered 0.4)
    assert result.score == 93


def test_a_buyer_we_know_nothing_about_is_a_c_buyer_with_no_reasons():
    result = grade_buyer(BuyerSignals())
    assert (result.grade, result.score, result.reasons) == ("C", 0, [])


def test_the_score_is_the_sum_of_the_reasons_points():
    result = grade_buyer(STRONG)
    assert result.score == sum(r.points for r in result.reasons)


def test_points_by_factor_lists_every_factor_even_without_a_reason():
    points = grade_buyer(BuyerSignals(platform_level="L3")).points_by_factor()
    assert points == {
        "company_size": 0,
        "order_potential": 0,
        "buying_intent": 0,
        "platform_level": 16,
        "other": 0,
    }


# --- company size -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "points", "words_en", "words_ko"),
    [
        ("micro", 2, "Micro company", "소기업"),
        ("small", 8, "Small company", "소규모"),
        ("medium", 14, "Mid-size company", "중견"),
        ("large", 18, "Large company", "대기업"),
        ("enterprise", 20, "Enterprise", "1,000명 이상"),
    ],
)
def test_company_size_earns_points_by_band(size, points, words_en, words_ko):
    reason = only_reason(BuyerSignals(company_size=size), "company_size")
    assert reason.points == points
    assert words_en in reason.text_en
    assert words_ko in reason.text_ko


def test_an_unknown_company_size_earns_nothing():
    assert grade_buyer(BuyerSignals(company_size="")).reasons == []


# --- order potential ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signals", "points", "text_en", "text_ko"),
    [
        pytest.param(
            BuyerSignals(annual_purchase_usd=50_000),
            13,  # 50k of 100k → 12.5 → 13
            "Estimated annual purchase US$50,000",
            "연간 예상 구매액 US$50,000",
            id="stated-annual-purchase",
        ),
        pytest.param(
            BuyerSignals(annual_purchase_usd=10_000_000),
            25,
            "Estimated annual purchase US$10,000,000",
            "US$10,000,000",
            id="capped-at-the-weight",
        ),
        pytest.param(
            BuyerSignals(largest_order_usd=10_000),
            13,  # a 10k order of the 20k that fills the factor
            "Largest order US$10,000",
            "최대 주문 US$10,000",
            id="one-large-order",
        ),
        pytest.param(
            BuyerSignals(largest_order_usd=12_000, average_order_usd=4_500, order_count=3),
            15,  # best of 12k/20k = 0.6 and 6 × 4.5k / 100k = 0.27
            "Largest order US$12,000, average US$4,500 over 3 orders",
            "최대 주문 US$12,000, 평균 US$4,500(주문 3건)",
            id="largest-and-average-order",
        ),
        pytest.param(
            BuyerSignals(largest_order_usd=5_000, average_order_usd=5_000, order_count=4),
            8,  # 6 orders a year of 5k = 30k of 100k beats 5k/20k
            "Largest order US$5,000, average US$5,000 over 4 orders",
            "평균 US$5,000",
            id="steady-average-orders",
        ),
        pytest.param(
            BuyerSignals(quantity=5_000, quantity_unit="pcs", target_price=1.2),
            6,  # 5,000 × 1.20 = 6,000; 0.75 × 6k / 20k = 0.225 → 5.6
            "Asked for 5,000 pcs at US$1.20 ≈ US$6,000 an order",
            "5,000 pcs × US$1.20 문의 ≈ 주문당 US$6,000",
            id="quantity-times-target-price",
        ),
        pytest.param(
            BuyerSignals(
                quantity=5_000,
                quantity_unit="pcs",
                target_price=1_500,
                target_price_currency="KRW",
                target_price_per="pcs",
            ),
            5,  # ₩1,500 ≈ US$1.11 → US$5,550 an order
            "Asked for 5,000 pcs at 1,500.00 KRW ≈ US$5,550 an order",
            "≈ 주문당 US$5,550",
            id="target-price-in-won",
        ),
        pytest.param(
            BuyerSignals(quantity=20_000, quantity_unit="pcs"),
            13,  # a quantity alone fills at most half
            "Asked for 20,000 pcs",
            "20,000 pcs 수량 문의",
            id="large-quantity-without-price",
        ),
        pytest.param(
            BuyerSignals(quantity=2_000),
            3,  # 0.5 × 2k/10k = 0.1 → 2.5 → 3
            "Asked for 2,000 pcs",
            "2,000 pcs",
            id="small-quantity-without-unit",
        ),
    ],
)
def test_order_potential_takes_the_best_estimate_and_names_its_numbers(
    signals, points, text_en, text_ko
):
    reason = only_reason(signals, "order_potential")
    assert reason.points == points
    assert reason.text_en == text_en or text_en in reason.text_en
    assert text_ko in reason.text_ko


def test_a_quantity_in_cartons_is_intent_but_not_an_order_value():
    signals = BuyerSignals(quantity=100, quantity_unit="cartons")
    assert inquiry_value_usd(signals) is None
    assert grade_buyer(signals).points_by_factor()["order_potential"] == 0
    assert only_reason(signals, "buying_intent").text_en == "Asked for 100 cartons"


def test_a_target_price_per_kilogram_does_not_multiply_a_piece_count():
    signals = BuyerSignals(
        quantity=5_000, quantity_unit="pcs", target_price=3.0, target_price_per="kg"
    )
    assert inquiry_value_usd(signals) is None


# --- buying intent ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signals", "points", "text_en", "text_ko"),
    [
        pytest.param(
            BuyerSignals(
                quantity=5_000,
                quantity_unit="pcs",
                target_price=1.2,
                target_price_currency="USD",
                target_price_per="pcs",
            ),
            14,  # 0.30 + 0.25 of 25 = 13.75
            "Asked for 5,000 pcs with a target price of US$1.20/pcs",
            "5,000 pcs 수량과 목표 단가 US$1.20/pcs 제시",
            id="quantity-and-target-price",
        ),
        pytest.param(
            BuyerSignals(quantity=5_000, quantity_unit="pcs"),
            8,
            "Asked for 5,000 pcs",
            "5,000 pcs 수량 문의",
            id="quantity",
        ),
        pytest.param(
            BuyerSignals(asked_quantity=True),
            8,
            "Asked for a specific quantity",
            "구체적 수량 문의",
            id="quantity-flag-without-numbers",
        ),
        pytest.param(
            BuyerSignals(target_price=0.85, target_price_per="bottle"),
            6,
            "Gave a target price of US$0.85/bottle",
            "목표 단가 US$0.85/bottle 제시",
            id="target-price",
        ),
        pytest.param(
            BuyerSignals(samples_requested=2),
            4,
            "Requested samples (2)",
            "샘플 요청 2건",
            id="two-sample-requests",
        ),
        pytest.param(
            BuyerSignals(asked_sample=True),
            4,
            "Requested samples",
            "샘플 요청",
            id="sample-intent",
        ),
        pytest.param(
            BuyerSignals(conversations=3, inbound_messages=5),
            3,
            "Came back with 3 inquiries",
            "3회 문의",
            id="repeat-inquiries",
        ),
        pytest.param(
            BuyerSignals(conversations=1, inbound_messages=4),
            3,
            "Wrote 4 messages",
            "메시지 4건",
            id="repeat-messages",
        ),
        pytest.param(
            BuyerSignals(questions_answered=2),
            3,
            "Answered 2 of our questions",
            "우리 질문 2건에 답변",
            id="answers-to-our-questions",
        ),
        pytest.param(
            BuyerSignals(replies=3, fast_replies=2),
            3,
            "Replied within 24 h (2 of 3 replies)",
            "24시간 내 회신(회신 3건 중 2건)",
            id="fast-replies",
        ),
    ],
)
def test_each_sign_of_buying_intent_earns_its_share(signals, points, text_en, text_ko):
    reason = only_reason(signals, "buying_intent")
    assert reason.points == points
    assert reason.text_en == text_en
    assert reason.text_ko == text_ko


@pytest.mark.parametrize(
    "signals",
    [
        pytest.param(BuyerSignals(conversations=1, inbound_messages=2), id="one-inquiry"),
        pytest.param(BuyerSignals(replies=3, fast_replies=1), id="mostly-slow-replies"),
        pytest.param(BuyerSignals(replies=2), id="no-fast-reply"),
    ],
)
def test_a_single_inquiry_or_slow_replies_show_no_intent(signals):
    assert grade_buyer(signals).reasons == []


def test_every_sign_of_intent_together_fills_the_factor():
    signals = BuyerSignals(
        quantity=5_000,
        quantity_unit="pcs",
        target_price=1.2,
        samples_requested=1,
        conversations=2,
        questions_answered=1,
        replies=1,
        fast_replies=1,
    )
    assert only_reason(signals, "buying_intent").points == DEFAULT_RUBRIC_WEIGHTS["buying_intent"]


# --- platform level ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "points"),
    [("L0", 0), ("L1", 5), ("L2", 10), ("L3", 16), ("L4", 20)],
)
def test_the_platform_level_earns_points_in_steps(level, points):
    result = grade_buyer(BuyerSignals(platform_level=level))
    (reason,) = result.reasons
    assert reason.factor == "platform_level"
    assert reason.points == points
    assert level in reason.text_en and level in reason.text_ko


# --- other indicators ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signals", "points", "text_en", "text_ko"),
    [
        pytest.param(
            BuyerSignals(business_type="importer"), 6, "Importer", "수입상", id="importer"
        ),
        pytest.param(
            BuyerSignals(business_type="distributor"), 6, "Distributor", "유통사", id="distributor"
        ),
        pytest.param(
            BuyerSignals(business_type="brand_owner"), 5, "Brand owner", "브랜드사", id="brand"
        ),
        pytest.param(
            BuyerSignals(business_type="retailer"), 4, "Retailer", "소매업체", id="retailer"
        ),
        pytest.param(
            BuyerSignals(business_type="online_seller"),
            2,
            "Online seller",
            "온라인 셀러",
            id="online-seller",
        ),
        pytest.param(
            BuyerSignals(business_type="other"), 1, "Other business", "기타 업종", id="other"
        ),
        pytest.param(
            BuyerSignals(verified=True), 2, "Verified buyer", "인증 바이어", id="verified"
        ),
        pytest.param(
            BuyerSignals(has_orders=True), 4, "Has ordered before", "거래 이력 있음", id="ordered"
        ),
        pytest.param(
            BuyerSignals(order_count=3), 4, "Ordered 3 times", "주문 3회", id="ordered-3-times"
        ),
        pytest.param(
            BuyerSignals(business_type="importer", verified=True, country="HU", has_orders=True),
            10,  # 0.6 + 0.2 + 0.2 + 0.4, capped at the weight
            "Importer, verified buyer, priority market (Hungary), has ordered before",
            "수입상, 인증 바이어, 우선 시장(헝가리), 거래 이력 있음",
            id="all-capped",
        ),
    ],
)
def test_other_indicators_add_up_to_their_weight(signals, points, text_en, text_ko):
    reason = only_reason(signals, "other", priority_countries=["HU", "AE"])
    assert reason.points == points
    assert reason.text_en == text_en
    assert reason.text_ko == text_ko


@pytest.mark.parametrize(
    ("country", "priority", "points"),
    [("HU", ["HU"], 2), ("hu", ["HU"], 2), ("HU", ["hu"], 2), ("DE", ["HU"], 0), ("HU", [], 0)],
)
def test_a_country_on_the_priority_list_earns_points(country, priority, points):
    result = grade_buyer(BuyerSignals(country=country), priority_countries=priority)
    assert result.points_by_factor()["other"] == points


# --- settings ------------------------------------------------------------------------------------


def test_each_reason_explains_itself_in_korean_and_english():
    for reason in grade_buyer(STRONG).reasons:
        assert reason.text_en and reason.text_ko
        assert reason.text_en != reason.text_ko


def test_reasons_come_largest_first():
    points = [r.points for r in grade_buyer(STRONG).reasons]
    assert points == sorted(points, reverse=True)


def test_weights_from_settings_change_the_points():
    signals = BuyerSignals(platform_level="L4")
    heavier = grade_buyer(signals, weights={**DEFAULT_RUBRIC_WEIGHTS, "platform_level": 40})
    assert heavier.score == 40


def test_a_zero_weight_switches_a_factor_off_but_keeps_its_sentence():
    result = grade_buyer(BuyerSignals(company_size="enterprise"), weights={"company_size": 0})
    (reason,) = result.reasons
    assert (reason.points, result.score) == (0, 0)


@pytest.mark.parametrize(
    ("a_threshold", "b_threshold", "grade"),
    [(60, 30, "B"), (40, 20, "A"), (90, 50, "C")],
)
def test_thresholds_from_settings_decide_the_letter(a_threshold, b_threshold, grade):
    signals = BuyerSignals(platform_level="L4", company_size="enterprise", asked_quantity=True)
    # 20 (level) + 20 (size) + 8 (intent: 0.3 of 25) = 48
    result = grade_buyer(signals, a_threshold=a_threshold, b_threshold=b_threshold)
    assert result.score == 48
    assert result.grade == grade


@pytest.mark.parametrize(
    ("score", "letter"), [(100, "A"), (60, "A"), (59, "B"), (30, "B"), (29, "C"), (0, "C")]
)
def test_the_letter_starts_at_each_threshold(score, letter):
    assert grade_letter(score, 60, 30) == letter


def test_reasons_serialise_to_json_ready_dicts():
    dicts = grade_buyer(STRONG).reasons_as_dicts()
    assert {"factor", "points", "text_en", "text_ko"} <= dicts[0].keys()


def test_signals_stay_hashable_so_callers_can_cache_grades():
    assert hash(STRONG) == hash(BuyerSignals(**{f: getattr(STRONG, f) for f in STRONG.__slots__}))
