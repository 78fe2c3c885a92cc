"""Reads for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q

from exportdesk.buyers.selectors import buyers_visible_to
from exportdesk.inbox.models import Conversation


@dataclass(frozen=True)
class DashboardSummary:
    """Headline numbers for the dashboard."""

    buyers_total: int
    buyers_by_grade: dict[str, int]
    conversations_awaiting_us: int


def dashboard_summary(user: AbstractBaseUser | AnonymousUser) -> DashboardSummary:
    """Counts of the buyers the user can see, by grade, and conversations awaiting a reply."""
    visible = buyers_visible_to(user)
    counts = visible.aggregate(
        total=Count("id"),
        a=Count("id", filter=Q(grade="A")),
        b=Count("id", filter=Q(grade="B")),
        c=Count("id", filter=Q(grade="C")),
    )
    awaiting = Conversation.objects.filter(
        buyer__in=visible.values("id"), status__in=["new", "awaiting_us"]
    ).count()
    return DashboardSummary(
        buyers_total=counts["total"],
        buyers_by_grade={"A": counts["a"], "B": counts["b"], "C": counts["c"]},
        conversations_awaiting_us=awaiting,
    )
