"""The response KPI strip and the per-rep and per-grade breakdown (inbox/kpis.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.buyers.models import Buyer
from exportdesk.inbox.kpis import inbox_kpis, response_breakdown
from exportdesk.inbox.models import Conversation
from tests.factories import make_buyer, make_conversation

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
H = timedelta(hours=1)


def inquiry(
    buyer: Buyer,
    *,
    hours_ago: float = 48,
    answered_after: float | None = None,
    status: str | None = None,
    deadline_in: float | None = None,
    is_spam: bool = False,
) -> Conversation:
    """A conversation that came in ``hours_ago`` and was answered ``answered_after`` hours later."""
    inbound = NOW - hours_ago * H
    conversation = make_conversation(buyer, at=inbound)
    fields = {
        "first_response_at": None if answered_after is None else inbound + answered_after * H,
        "status": status or ("awaiting_buyer" if answered_after is not None else "awaiting_us"),
        "deadline_at": None if deadline_in is None else NOW + deadline_in * H,
        "is_spam": is_spam,
    }
    Conversation.objects.filter(pk=conversation.pk).update(**fields)
    return conversation


def graded(grade: str, **fields) -> Buyer:
    buyer = make_buyer(**fields)
    Buyer.objects.filter(pk=buyer.pk).update(grade=grade)
    return buyer


def test_the_strip_averages_first_responses_of_the_last_30_days(cast):
    inquiry(make_buyer(), answered_after=2)
    inquiry(make_buyer(), answered_after=6)
    inquiry(make_buyer())  # unanswered for two days: lowers the rate, not the average
    inquiry(make_buyer(), hours_ago=40 * 24, answered_after=100)  # outside the window

    kpis = inbox_kpis(cast.owner, now=NOW)

    assert kpis.average_first_response_hours == pytest.approx(4)
    assert (kpis.sla_hours, kpis.within_sla, kpis.star_line) == (4.0, True, 5)
    assert (kpis.inquiries, kpis.answered_in_time) == (3, 2)
    assert kpis.response_rate == pytest.approx(2 / 3)


def test_the_strip_is_empty_without_inquiries(cast):
    kpis = inbox_kpis(cast.owner, now=NOW)
    assert kpis.average_first_response_hours is None
    assert kpis.response_rate is None
    assert kpis.within_sla is None
    assert kpis.star_line is None
    assert (kpis.awaiting, kpis.due_soon, kpis.overdue) == (0, 0, 0)


def test_the_strip_compares_the_average_with_the_workspaces_sla_line(cast):
    WorkspaceSettings.objects.update_or_create(pk=1, defaults={"sla_hours": 2})
    inquiry(make_buyer(), answered_after=3)
    kpis = inbox_kpis(cast.owner, now=NOW)
    assert (kpis.sla_hours, kpis.within_sla, kpis.star_line) == (2.0, False, 5)


def test_it_counts_a_spam_rejection_as_a_response(cast):
    inquiry(make_buyer(), answered_after=0.5, is_spam=True, status="closed")
    inquiry(make_buyer(), answered_after=10)
    kpis = inbox_kpis(cast.owner, now=NOW)
    assert kpis.response_rate == 1.0
    assert kpis.average_first_response_hours == pytest.approx(10)


def test_several_inquiries_from_one_buyer_are_one_timed_from_the_first(cast):
    buyer = make_buyer()
    inquiry(buyer, hours_ago=50)
    inquiry(buyer, hours_ago=48, answered_after=2)
    kpis = inbox_kpis(cast.owner, now=NOW)
    assert kpis.inquiries == 1
    assert kpis.average_first_response_hours == pytest.approx(4)


@pytest.mark.parametrize(
    ("viewer", "inquiries", "average"),
    [
        ("owner", 3, 8.0),
        ("manager", 3, 8.0),
        ("viewer", 3, 8.0),
        ("rep", 2, 2.0),
        ("outsider", 2, 11.5),
    ],
)
def test_each_role_sees_the_kpis_of_the_buyers_it_sees(cast, viewer, inquiries, average):
    inquiry(make_buyer(assigned_rep=cast.rep), answered_after=1)
    inquiry(make_buyer(), answered_after=3)  # unassigned: every rep sees it
    inquiry(make_buyer(assigned_rep=cast.outsider), answered_after=20)

    kpis = inbox_kpis(getattr(cast, viewer), now=NOW)

    assert kpis.inquiries == inquiries
    assert kpis.average_first_response_hours == pytest.approx(average)


@pytest.mark.parametrize(
    ("case", "status", "deadline_in", "is_spam", "counted_as"),
    [
        ("past its deadline", "awaiting_us", -0.5, False, "overdue"),
        ("new and past its deadline", "new", -3, False, "overdue"),
        ("due within the due-soon minutes", "awaiting_us", 0.5, False, "due_soon"),
        ("due exactly at the margin", "awaiting_us", 1, False, "due_soon"),
        ("due in three hours", "awaiting_us", 3, False, "awaiting"),
        ("waiting without a deadline", "new", None, False, "awaiting"),
        ("rejected as spam", "closed", -3, True, None),
        ("spam still open", "awaiting_us", -3, True, None),
        ("waiting for the buyer", "awaiting_buyer", -3, False, None),
        ("closed", "closed", -3, False, None),
    ],
)
def test_the_queue_counts_follow_status_deadline_and_spam(
    cast, case, status, deadline_in, is_spam, counted_as
):
    inquiry(make_buyer(), hours_ago=5, status=status, deadline_in=deadline_in, is_spam=is_spam)

    kpis = inbox_kpis(cast.owner, now=NOW)

    assert kpis.awaiting == (0 if counted_as is None else 1)
    assert kpis.overdue == (counted_as == "overdue")
    assert kpis.due_soon == (counted_as == "due_soon")


@pytest.mark.parametrize("role", ["owner", "rep"])
@pytest.mark.parametrize("size", [3, 30])
def test_the_strip_makes_a_fixed_number_of_queries(cast, django_assert_max_num_queries, role, size):
    WorkspaceSettings.current()
    for n in range(size):
        inquiry(make_buyer(assigned_rep=cast.rep if n % 2 else None), answered_after=n % 5)
    user = getattr(cast, role)
    # The role lookup, the workspace, the window's timestamps and one aggregate.
    with django_assert_max_num_queries(4):
        kpis = inbox_kpis(user, now=NOW)
    assert kpis.inquiries == size


def test_the_breakdown_shows_each_rep_then_each_grade(cast):
    inquiry(graded("A", assigned_rep=cast.senior_rep), answered_after=1)
    inquiry(graded("A", assigned_rep=cast.senior_rep), answered_after=30)
    inquiry(graded("B", assigned_rep=cast.rep), answered_after=5)
    inquiry(graded("C"), hours_ago=6, deadline_in=-2)  # unassigned, overdue, still pending
    inquiry(graded("C"), answered_after=2, is_spam=True, status="closed")

    rows = response_breakdown(now=NOW)

    table = [
        (
            r.dimension,
            r.key,
            r.inquiries,
            r.answered_in_time,
            r.average_first_response_hours,
            r.overdue,
        )
        for r in rows
    ]
    assert table == [
        ("rep", cast.rep.pk, 1, 1, pytest.approx(5), 0),
        ("rep", cast.senior_rep.pk, 2, 1, pytest.approx(15.5), 0),
        ("rep", None, 1, 1, None, 1),
        ("grade", "A", 2, 1, pytest.approx(15.5), 0),
        ("grade", "B", 1, 1, pytest.approx(5), 0),
        ("grade", "C", 1, 1, None, 1),
    ]
    assert [r.label for r in rows][2:] == ["Unassigned", "Grade A", "Grade B", "Grade C"]
    assert rows[1].response_rate == pytest.approx(0.5)
    assert rows[1].star_line == 2


def test_the_breakdown_can_be_scoped_to_a_rep(cast):
    inquiry(graded("A", assigned_rep=cast.outsider), answered_after=1)
    inquiry(graded("B", assigned_rep=cast.rep), answered_after=5)
    rows = response_breakdown(now=NOW, user=cast.rep)
    assert [r.key for r in rows if r.dimension == "rep"] == [cast.rep.pk]
    assert [r.inquiries for r in rows if r.dimension == "grade"] == [0, 1, 0]


@pytest.mark.parametrize("size", [3, 30])
def test_the_breakdown_makes_a_fixed_number_of_queries(cast, django_assert_max_num_queries, size):
    reps = [cast.rep, cast.senior_rep, cast.outsider, None]
    for n in range(size):
        inquiry(
            graded("ABC"[n % 3], assigned_rep=reps[n % 4]),
            answered_after=n % 7,
            deadline_in=-1 if n % 2 else None,
        )
    # The window's rows, the overdue groups and the reps' names.
    with django_assert_max_num_queries(3):
        rows = response_breakdown(now=NOW)
    assert sum(r.inquiries for r in rows if r.dimension == "grade") == size
