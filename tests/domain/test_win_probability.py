"""Naive-Bayes win probability, checked against a small example worked out by hand."""

from __future__ import annotations

import math

import pytest

from exportdesk.domain.win_probability import (
    MIN_EACH,
    Factor,
    buyer_features,
    fit,
    points_bucket,
    predict,
)

# 3 won and 4 lost buyers, two fields.
WON = [
    {"country": "KR", "channel": "email"},
    {"country": "KR", "channel": "alibaba"},
    {"country": "US", "channel": "email"},
]
LOST = [
    {"country": "US", "channel": "alibaba"},
    {"country": "US", "channel": "alibaba"},
    {"country": "JP", "channel": "email"},
    {"country": "KR", "channel": "alibaba"},
]


@pytest.fixture
def model():  # type: ignore[no-untyped-def]
    return fit([(f, True) for f in WON] + [(f, False) for f in LOST], min_each=1)


@pytest.mark.parametrize(
    ("features", "expected"),
    [
        # prior 3/4; KR: (2+1)/(3+3) ÷ (1+1)/(4+3) = 1.75; email: (2+1)/(3+2) ÷ (1+1)/(4+2) = 1.8
        # odds 0.75 × 1.75 × 1.8 = 2.3625 → p = 2.3625 / 3.3625
        ({"country": "KR", "channel": "email"}, 2.3625 / 3.3625),
        # JP: (0+1)/6 ÷ (1+1)/7 = 7/12; odds 0.75 × 7/12 = 0.4375
        ({"country": "JP", "channel": ""}, 0.4375 / 1.4375),
        # an unseen value carries no information: the prior alone, 3/7
        ({"country": "DE"}, 3 / 7),
        # US: (1+1)/6 ÷ (2+1)/7 = 7/9; alibaba: (1+1)/5 ÷ (3+1)/6 = 0.6
        ({"country": "US", "channel": "alibaba"}, (0.75 * 7 / 9 * 0.6) / (1 + 0.75 * 7 / 9 * 0.6)),
    ],
)
def test_the_probability_matches_the_hand_computation(model, features, expected):
    prediction = predict(model, features)
    assert prediction is not None
    assert prediction.probability == pytest.approx(expected, rel=1e-12)


def test_factors_come_strongest_first_with_their_likelihood_ratios(model):
    prediction = predict(model, {"country": "KR", "channel": "email"})
    assert [(f.field, f.value) for f in prediction.factors] == [
        ("channel", "email"),  # ×1.8
        ("country", "KR"),  # ×1.75
    ]
    assert prediction.factors[0].ratio == pytest.approx(1.8)
    assert prediction.factors[1].ratio == pytest.approx(1.75)


def test_a_factor_reads_in_english_and_korean():
    factor = Factor("country", "HU", math.log(2.1))
    assert factor.text("en") == "Country: Hungary (×2.1)"
    assert factor.text("ko") == "국가: 헝가리 (×2.1)"
    lowering = Factor("business_type", "retailer", math.log(0.4))
    assert lowering.as_dict()["text_en"] == "Business type: retailer (×0.4)"
    assert lowering.as_dict()["text_ko"] == "업종: 소매업체 (×0.4)"


def test_it_stays_silent_under_thirty_won_and_thirty_lost():
    examples = [({"country": "KR"}, True)] * 29 + [({"country": "US"}, False)] * 40
    model = fit(examples)
    assert not model.active
    assert predict(model, {"country": "KR"}) is None
    assert model.status("en") == "not enough history (29 won / 40 lost, needs 30 each)"
    assert model.status("ko") == "이력 부족(성사 29명 / 실패 40명, 각각 30명 필요)"


def test_it_speaks_from_thirty_of_each():
    examples = [({"country": "KR"}, True)] * MIN_EACH + [({"country": "US"}, False)] * MIN_EACH
    model = fit(examples)
    assert model.active
    korean = predict(model, {"country": "KR"})
    american = predict(model, {"country": "US"})
    assert korean.probability > 0.9 > 0.1 > american.probability


def test_very_many_strong_factors_do_not_overflow():
    won = {f"f{i}": "x" for i in range(400)}
    lost = {f"f{i}": "z" for i in range(400)}
    examples = [(won, True)] * 30 + [(lost, False)] * 30  # each field: likelihood ratio 31
    model = fit(examples)
    assert predict(model, won).probability == pytest.approx(1.0)
    assert predict(model, lost).probability == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("points", "weight", "bucket"),
    [
        (0, 25, "none"),
        (5, 25, "low"),
        (9, 25, "medium"),
        (17, 25, "high"),
        (25, 25, "high"),
        (3, 0, "none"),
    ],
)
def test_rubric_points_fall_into_buckets(points, weight, bucket):
    assert points_bucket(points, weight) == bucket


def test_buyer_features_name_every_field():
    features = buyer_features(
        country="HU",
        business_type="importer",
        company_size="",
        platform_level="L3",
        channel="alibaba",
        verified=False,
        intent_points=14,
        intent_weight=25,
        potential_points=0,
        potential_weight=25,
    )
    assert features == {
        "country": "HU",
        "business_type": "importer",
        "company_size": "",
        "platform_level": "L3",
        "channel": "alibaba",
        "verified": "no",
        "intent": "medium",
        "potential": "none",
    }
