"""The grading rubric, tested as plain Python (no database)."""

from __future__ import annotations

import pytest

from exportdesk.domain.grading import DEFAULT_RUBRIC_WEIGHTS, BuyerSignals, grade_buyer

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


def test_a_buyer_with_every_strong_signal_is_an_a_buyer_with_a_full_score():
    result = grade_buyer(STRONG)
    assert result.grade == "A"
    assert result.score == 98  # large company earns 0.9 of its 20 points


def test_a_buyer_we_know_nothing_about_is_a_c_buyer_with_no_reasons():
    result = grade_buyer(BuyerSignals())
    assert (result.grade, result.score, result.reasons) == ("C", 0, [])


def test_the_score_is_the_sum_of_the_reasons_points():
    result = grade_buyer(STRONG)
    assert result.score == sum(r.points for r in result.reasons)


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


@pytest.mark.parametrize(
    ("a_threshold", "b_threshold", "grade"),
    [(60, 30, "B"), (40, 20, "A"), (90, 50, "C")],
)
def test_thresholds_from_settings_decide_the_letter(a_threshold, b_threshold, grade):
    signals = BuyerSignals(platform_level="L4", company_size="enterprise", asked_quantity=True)
    # 20 (level) + 20 (size) + 8 (intent) = 48
    result = grade_buyer(signals, a_threshold=a_threshold, b_threshold=b_threshold)
    assert result.score == 48
    assert result.grade == grade


def test_order_potential_is_capped_at_its_weight():
    result = grade_buyer(BuyerSignals(annual_purchase_usd=10_000_000))
    assert result.score == DEFAULT_RUBRIC_WEIGHTS["order_potential"]


def test_a_large_single_order_counts_as_potential_too():
    result = grade_buyer(BuyerSignals(largest_order_usd=10_000))
    (reason,) = result.reasons
    assert reason.factor == "order_potential"
    assert reason.points == 15  # 60k a year of 100k → 0.6 of 25


def test_reasons_serialise_to_json_ready_dicts():
    dicts = grade_buyer(STRONG).reasons_as_dicts()
    assert {"factor", "points", "text_en", "text_ko"} <= dicts[0].keys()
