"""Allocation rules as plain Python: grade, seniority, capacity and load decide the rep."""

from __future__ import annotations

import pytest

from exportdesk.domain.allocation import RepLoad, allocate_many, choose_rep, is_eligible


def senior(rep_id: int, load: int, capacity: int) -> RepLoad:
    return RepLoad(rep_id, "senior", capacity, load)


def junior(rep_id: int, load: int, capacity: int) -> RepLoad:
    return RepLoad(rep_id, "junior", capacity, load)


@pytest.mark.parametrize(
    ("grade", "reps", "rep_id", "rule"),
    [
        pytest.param(
            "A",
            [senior(1, 0, 2), senior(2, 1, 2), junior(3, 0, 9)],
            1,
            "senior",
            id="A-to-the-least-loaded-senior",
        ),
        pytest.param(
            "A",
            [senior(2, 1, 2), senior(1, 1, 2)],
            1,
            "senior",
            id="A-tie-goes-to-the-lower-user-id",
        ),
        pytest.param(
            "A",
            [senior(1, 5, 2), senior(2, 3, 2), junior(3, 0, 9)],
            2,
            "senior_over_capacity",
            id="A-never-waits-least-loaded-senior-over-capacity",
        ),
        pytest.param(
            "A",
            [senior(1, 2, 2), senior(2, 1, 3)],
            2,
            "senior",
            id="A-skips-a-full-senior-even-when-less-loaded-elsewhere",
        ),
        pytest.param(
            "A",
            [junior(3, 1, 9), junior(4, 0, 9)],
            4,
            "junior",
            id="A-to-a-junior-only-without-any-senior",
        ),
        pytest.param("A", [], None, "no_capacity", id="A-without-reps-stays-unassigned"),
        pytest.param(
            "B",
            [senior(1, 1, 2), junior(3, 0, 9)],
            1,
            "senior",
            id="B-to-a-senior-with-spare-capacity-first",
        ),
        pytest.param(
            "B",
            [senior(1, 2, 2), junior(3, 1, 9), junior(4, 0, 9)],
            4,
            "junior",
            id="B-to-the-least-loaded-junior-when-seniors-are-full",
        ),
        pytest.param(
            "B",
            [senior(1, 2, 2), junior(3, 9, 9)],
            None,
            "no_capacity",
            id="B-stays-unassigned-when-everybody-is-full",
        ),
        pytest.param(
            "C",
            [senior(1, 0, 2), junior(3, 2, 9), junior(4, 1, 9)],
            4,
            "junior",
            id="C-to-the-least-loaded-junior",
        ),
        pytest.param(
            "C",
            [senior(1, 0, 2), junior(3, 9, 9)],
            None,
            "no_capacity",
            id="C-goes-to-the-assistant-queue-never-to-a-senior",
        ),
        pytest.param(
            "C", [junior(3, 0, 0)], None, "no_capacity", id="C-zero-capacity-takes-nobody"
        ),
    ],
)
def test_the_rules_choose_the_rep(grade, reps, rep_id, rule):
    chosen = choose_rep(grade, reps)
    assert (chosen.rep_id, chosen.rule) == (rep_id, rule)


@pytest.mark.parametrize(
    ("grade", "current", "reps", "eligible"),
    [
        pytest.param("A", senior(1, 0, 2), [senior(1, 0, 2)], True, id="A-senior"),
        pytest.param(
            "A", junior(3, 0, 9), [senior(1, 0, 2), junior(3, 0, 9)], False, id="A-junior"
        ),
        pytest.param("A", junior(3, 0, 9), [junior(3, 0, 9)], True, id="A-junior-no-seniors"),
        pytest.param("B", junior(3, 0, 9), [senior(1, 0, 2), junior(3, 0, 9)], True, id="B-any"),
        pytest.param(
            "C",
            senior(1, 0, 2),
            [senior(1, 0, 2), junior(3, 0, 9)],
            False,
            id="C-senior-while-a-junior-has-room",
        ),
        pytest.param(
            "C",
            senior(1, 0, 2),
            [senior(1, 0, 2), junior(3, 9, 9)],
            True,
            id="C-senior-when-juniors-are-full",
        ),
        pytest.param("B", None, [junior(3, 0, 9)], False, id="nobody"),
    ],
)
def test_a_rep_stays_eligible_while_the_rules_allow_them(grade, current, reps, eligible):
    assert is_eligible(grade, current, reps) is eligible


def test_many_buyers_are_allocated_a_first_each_raising_the_load():
    reps = [senior(1, 0, 1), junior(3, 0, 2)]
    result = allocate_many([(10, "C"), (11, "A"), (12, "B"), (13, "A"), (14, "C")], reps)
    assert {buyer: a.rep_id for buyer, a in result.items()} == {
        11: 1,  # the senior's one free place
        13: 1,  # A never waits: the senior goes over capacity
        12: 3,  # seniors full: B goes to the junior
        10: 3,  # the junior's second place
        14: None,  # nobody left with room for a C buyer
    }
    assert result[13].rule == "senior_over_capacity"


def test_allocation_spreads_equal_buyers_over_equal_reps():
    reps = [junior(3, 0, 10), junior(4, 0, 10), junior(5, 0, 10)]
    result = allocate_many([(n, "C") for n in range(6)], reps)
    assigned = [a.rep_id for a in result.values()]
    assert sorted(assigned) == [3, 3, 4, 4, 5, 5]
