"""Sample cost split and sample→order conversion (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportdesk.domain.samples import (
    GRADES,
    STATUSES,
    GradeConversion,
    SamplePolicy,
    SampleSplit,
    SampleTally,
    can_transition,
    conversion_by_grade,
    split_sample_cost,
)

DEFAULT = SamplePolicy()
GENEROUS = SamplePolicy(share_a=100, share_b=75, share_c=25)
STINGY = SamplePolicy(share_a=0, share_b=0, share_c=0)
THIRDS = SamplePolicy(share_a=67, share_b=33, share_c=1)


@pytest.mark.parametrize(
    ("cost", "courier", "grade", "policy", "split"),
    [
        # The default policy: A free, B half, C buyer pays.
        (10_000, 2_500, "A", DEFAULT, SampleSplit(100, 12_500, 0)),
        (10_000, 2_500, "B", DEFAULT, SampleSplit(50, 6_250, 6_250)),
        (10_000, 2_500, "C", DEFAULT, SampleSplit(0, 0, 12_500)),
        # Odd minor units: the seller's half is rounded down, the buyer pays the extra cent.
        (100, 1, "B", DEFAULT, SampleSplit(50, 50, 51)),
        (1, 0, "B", DEFAULT, SampleSplit(50, 0, 1)),
        (0, 1, "B", DEFAULT, SampleSplit(50, 0, 1)),
        (333, 0, "A", THIRDS, SampleSplit(67, 223, 110)),
        (333, 0, "B", THIRDS, SampleSplit(33, 109, 224)),
        (99, 0, "C", THIRDS, SampleSplit(1, 0, 99)),
        # 0 % and 100 % for every grade.
        (12_345, 678, "A", STINGY, SampleSplit(0, 0, 13_023)),
        (12_345, 678, "C", STINGY, SampleSplit(0, 0, 13_023)),
        (12_345, 678, "C", SamplePolicy(100, 100, 100), SampleSplit(100, 13_023, 0)),
        # Another policy.
        (1_000, 0, "B", GENEROUS, SampleSplit(75, 750, 250)),
        (1_000, 3, "C", GENEROUS, SampleSplit(25, 250, 753)),
        # Nothing to pay.
        (0, 0, "A", DEFAULT, SampleSplit(100, 0, 0)),
        # Won have no minor unit: whole won, same rule.
        (15_001, 0, "B", DEFAULT, SampleSplit(50, 7_500, 7_501)),
        # Large amounts stay exact (integers, never floats).
        (10**15 + 1, 0, "B", DEFAULT, SampleSplit(50, 5 * 10**14, 5 * 10**14 + 1)),
    ],
)
def test_the_split_follows_the_grade_and_rounds_the_sellers_share_down(
    cost, courier, grade, policy, split
):
    assert split_sample_cost(cost, courier, grade, policy) == split


@given(
    cost=st.integers(min_value=0, max_value=10**12),
    courier=st.integers(min_value=0, max_value=10**9),
    grade=st.sampled_from(GRADES),
    shares=st.tuples(*[st.integers(min_value=0, max_value=100)] * 3),
)
def test_seller_and_buyer_shares_always_add_up_to_the_total(cost, courier, grade, shares):
    split = split_sample_cost(cost, courier, grade, SamplePolicy(*shares))
    assert split.seller_minor + split.buyer_minor == cost + courier
    assert 0 <= split.seller_minor <= cost + courier
    assert split.total_minor == cost + courier


@pytest.mark.parametrize(
    ("cost", "courier", "grade", "message"),
    [
        (-1, 0, "A", "cannot be negative"),
        (0, -5, "B", "cannot be negative"),
        (100, 0, "D", "Unknown grade"),
        (100, 0, "a", "Unknown grade"),
        (100, 0, "", "Unknown grade"),
        (1.5, 0, "A", "integer"),
        (True, 0, "A", "integer"),
    ],
)
def test_a_bad_cost_or_grade_is_refused(cost, courier, grade, message):
    with pytest.raises(ValueError, match=message):
        split_sample_cost(cost, courier, grade, DEFAULT)


@pytest.mark.parametrize("shares", [(101, 50, 0), (100, -1, 0), (100, 50, 250), (100, 50.5, 0)])
def test_a_policy_outside_0_to_100_percent_is_refused(shares):
    with pytest.raises(ValueError, match="share_"):
        SamplePolicy(*shares)


def test_the_default_policy_is_a_free_b_half_c_buyer_pays():
    assert DEFAULT.as_snapshot() == {"A": 100, "B": 50, "C": 0}


def test_a_policy_survives_its_snapshot():
    assert SamplePolicy.from_snapshot(GENEROUS.as_snapshot()) == GENEROUS


def test_a_snapshot_missing_a_grade_is_refused():
    with pytest.raises(ValueError, match="lacks grade"):
        SamplePolicy.from_snapshot({"A": 100, "B": 50})


ALLOWED = {
    ("requested", "sent"),
    ("requested", "cancelled"),
    ("sent", "delivered"),
    ("sent", "converted"),
    ("sent", "lost"),
    ("delivered", "converted"),
    ("delivered", "lost"),
}


@pytest.mark.parametrize(
    ("current", "new"),
    [(a, b) for a in STATUSES for b in STATUSES],
    ids=lambda s: s,
)
def test_only_the_documented_status_transitions_are_allowed(current, new):
    assert can_transition(current, new) is ((current, new) in ALLOWED)


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError, match="Unknown sample status"):
        can_transition("requested", "shipped")


def by_grade(rows):
    return {c.grade: c for c in conversion_by_grade(rows)}


def test_conversion_counts_each_status_where_it_belongs():
    rows = [
        SampleTally("A", "requested"),
        SampleTally("A", "sent", seller_minor=1_000),
        SampleTally("A", "delivered", seller_minor=1_000),
        SampleTally("A", "converted", count=3, seller_minor=3_000),
        SampleTally("A", "lost", seller_minor=1_000),
        SampleTally("A", "cancelled", seller_minor=500),
    ]
    a = by_grade(rows)["A"]
    assert (a.requested, a.in_transit, a.delivered, a.converted, a.lost, a.cancelled) == (
        7,
        2,
        1,
        3,
        1,
        1,
    )


def test_the_rate_is_converted_over_samples_that_reached_the_buyer():
    rows = [
        SampleTally("B", "converted", count=2),
        SampleTally("B", "lost", count=1),
        SampleTally("B", "delivered", count=1),
        SampleTally("B", "sent", count=10),  # on the way: not counted yet
        SampleTally("B", "requested", count=10),
        SampleTally("B", "cancelled", count=10),
    ]
    b = by_grade(rows)["B"]
    assert b.reached == 4
    assert b.rate == pytest.approx(0.5)


def test_a_grade_with_no_sample_delivered_has_no_rate_rather_than_zero():
    rows = [SampleTally("C", "sent"), SampleTally("C", "requested")]
    assert by_grade(rows)["C"].rate is None
    assert by_grade([])["A"].rate is None


def test_seller_spend_counts_samples_that_went_out_per_currency():
    rows = [
        SampleTally("A", "requested", seller_minor=9_999),  # not sent yet: not spent
        SampleTally("A", "cancelled", seller_minor=9_999),  # never sent
        SampleTally("A", "sent", seller_minor=1_000),
        SampleTally("A", "delivered", seller_minor=2_000),
        SampleTally("A", "converted", seller_minor=3_000),
        SampleTally("A", "lost", seller_minor=4_000),
        SampleTally("A", "sent", seller_minor=50_000, currency="KRW"),
        SampleTally("C", "sent", seller_minor=0),
    ]
    result = by_grade(rows)
    assert result["A"].seller_spend == {"USD": 10_000, "KRW": 50_000}
    assert result["C"].seller_spend == {}


def test_every_grade_appears_in_order_even_without_samples():
    assert [c.grade for c in conversion_by_grade([SampleTally("B", "sent")])] == ["A", "B", "C"]
    assert conversion_by_grade([])[0] == GradeConversion(grade="A")


@pytest.mark.parametrize(
    "row",
    [SampleTally("D", "sent"), SampleTally("A", "shipped"), SampleTally("A", "sent", count=-1)],
)
def test_conversion_refuses_rows_it_cannot_place(row):
    with pytest.raises(ValueError):
        conversion_by_grade([row])


def test_one_row_per_sample_and_grouped_rows_give_the_same_result():
    singles = [SampleTally("B", "converted", seller_minor=100)] * 3 + [
        SampleTally("B", "lost", seller_minor=100)
    ]
    grouped = [
        SampleTally("B", "converted", count=3, seller_minor=300),
        SampleTally("B", "lost", count=1, seller_minor=100),
    ]
    assert conversion_by_grade(singles) == conversion_by_grade(grouped)
