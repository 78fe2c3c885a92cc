"""Reads for the response KPI strip (inbox, dashboard) and the per-rep and per-grade breakdown.

Fast at 500k messages: everything comes from ``Conversation`` columns (never ``Message``); the
database filters to the 30-day window and counts the queue, and durations are computed in
Python by domain/sla.py from two datetime columns, so the SQL stays portable (SQLite and
PostgreSQL). Each function makes a fixed number of queries.

KPIs run on the clock (calendar hours), like the platform's 24-hour rule and its average
response time; the business-hours calendar only moves reply deadlines.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.accounts.roles import sees_all_buyers
from exportdesk.accounts.scoped_cache import cached_per_scope
from exportdesk.buyers.models import Grade
from exportdesk.buyers.selectors import buyers_visible_to
from exportdesk.domain.sla import KPI_WINDOW_DAYS, InquiryRecord, ResponseKpis, response_kpis
from exportdesk.inbox.models import Conversation
from exportdesk.inbox.selectors import inbox_counts


@dataclass(frozen=True)
class InboxKpis:
    """The KPI strip: 30-day response figures and the state of the queue right now."""

    average_first_response_hours: float | None
    sla_hours: float
    within_sla: bool | None  # the 30-day average against the workspace's SLA line
    response_rate: float | None  # 0..1
    inquiries: int
    answered_in_time: int
    star_line: int | None  # an estimate: see domain.sla.star_line
    awaiting: int
    due_soon: int
    overdue: int
    window_days: int = KPI_WINDOW_DAYS


@dataclass(frozen=True)
class BreakdownRow:
    """Response figures of one rep (``dimension="rep"``) or one buyer grade ("grade")."""

    dimension: str
    key: int | str | None  # the rep's user id (None: unassigned) or the grade letter
    label: str
    inquiries: int
    answered_in_time: int
    response_rate: float | None
    average_first_response_hours: float | None
    star_line: int | None
    overdue: int


def _visible(user: AbstractBaseUser | AnonymousUser | None) -> QuerySet[Conversation]:
    conversations = Conversation.objects.all()
    if user is None or (user.is_authenticated and sees_all_buyers(user)):
        # No buyer subquery for those who see everything: the common dashboard case stays lean.
        return conversations
    return conversations.filter(buyer__in=buyers_visible_to(user))


def _awaiting(conversations: QuerySet[Conversation]) -> QuerySet[Conversation]:
    return conversations.filter(status__in=Conversation.AWAITING_REPLY, is_spam=False)


def _window(conversations: QuerySet[Conversation], now: datetime) -> QuerySet[Conversation]:
    return conversations.filter(
        first_inbound_at__gte=now - timedelta(days=KPI_WINDOW_DAYS), first_inbound_at__lte=now
    ).order_by()


# The 30-day figures move slowly; the queue counts beside them are always live.
RESPONSE_CACHE_SECONDS = 300


def _response_figures(
    user: AbstractBaseUser | AnonymousUser, visible: QuerySet[Conversation], now: datetime
) -> ResponseKpis:
    rows = _window(visible, now).values_list(
        "buyer_id", "first_inbound_at", "first_response_at", "is_spam"
    )
    return response_kpis(
        (
            InquiryRecord(buyer_id, inbound, responded, is_spam)
            for buyer_id, inbound, responded, is_spam in rows
            if inbound is not None  # the window's filter already drops these; for the types
        ),
        now=now,
    )


def inbox_kpis(
    user: AbstractBaseUser | AnonymousUser,
    *,
    now: datetime | None = None,
    counts: dict[str, int] | None = None,
) -> InboxKpis:
    """The KPI strip over the conversations ``user`` sees (own and unassigned buyers for reps).

    Queries besides the user's role: the workspace settings, the 30-day window's timestamps
    and ``inbox_counts`` (skipped when the caller passes its result as ``counts``). Without an
    explicit ``now`` (the live page) the 30-day figures are cached for five minutes per scope.
    """
    live = now is None
    now = now or timezone.now()
    workspace = WorkspaceSettings.current()
    visible = _visible(user)
    if live:
        kpis = cached_per_scope(
            "inbox-kpis",
            user,
            lambda: _response_figures(user, visible, now),
            seconds=RESPONSE_CACHE_SECONDS,
        )
    else:
        kpis = _response_figures(user, visible, now)
    if counts is None:
        # The same counts as the queue's tabs and the navigation badge: one definition.
        counts = inbox_counts(user, now=now, workspace=workspace)
    average = kpis.average_first_response_hours
    sla_hours = float(workspace.sla_hours)
    return InboxKpis(
        average_first_response_hours=average,
        sla_hours=sla_hours,
        within_sla=None if average is None else average <= sla_hours,
        response_rate=kpis.response_rate,
        inquiries=kpis.inquiries,
        answered_in_time=kpis.answered_in_time,
        star_line=kpis.star_line,
        awaiting=counts["awaiting"],
        due_soon=counts["due_soon"],
        overdue=counts["overdue"],
    )


def _row(
    dimension: str, key: int | str | None, label: str, kpis: ResponseKpis, overdue: int
) -> BreakdownRow:
    return BreakdownRow(
        dimension=dimension,
        key=key,
        label=label,
        inquiries=kpis.inquiries,
        answered_in_time=kpis.answered_in_time,
        response_rate=kpis.response_rate,
        average_first_response_hours=kpis.average_first_response_hours,
        star_line=kpis.star_line,
        overdue=overdue,
    )


def response_breakdown(
    *, now: datetime | None = None, user: AbstractBaseUser | AnonymousUser | None = None
) -> list[BreakdownRow]:
    """30-day response figures and current overdue count per rep, then per buyer grade.

    Conversations are attributed to the buyer's *current* rep and grade. Rep rows come sorted
    by name with the unassigned queue last; grade rows are always A, B, C. ``user`` (optional)
    scopes the figures to what that user sees. Three queries.
    """
    now = now or timezone.now()
    visible = _visible(user)
    rows = _window(visible, now).values_list(
        "buyer_id",
        "buyer__assigned_rep_id",
        "buyer__grade",
        "first_inbound_at",
        "first_response_at",
        "is_spam",
    )
    by_rep: dict[int | None, list[InquiryRecord]] = defaultdict(list)
    by_grade: dict[str, list[InquiryRecord]] = defaultdict(list)
    for buyer_id, rep_id, grade, inbound, responded, is_spam in rows:
        if inbound is None:  # the window's filter already drops these; for the types
            continue
        record = InquiryRecord(buyer_id, inbound, responded, is_spam)
        by_rep[rep_id].append(record)
        by_grade[grade].append(record)
    overdue_rep: dict[int | None, int] = defaultdict(int)
    overdue_grade: dict[str, int] = defaultdict(int)
    overdue_groups = (
        _awaiting(visible)
        .filter(deadline_at__lt=now)
        .order_by()  # the model's default ordering would split the groups
        .values_list("buyer__assigned_rep_id", "buyer__grade")
        .annotate(n=Count("id"))
    )
    for rep_id, grade, n in overdue_groups:
        overdue_rep[rep_id] += n
        overdue_grade[grade] += n

    rep_ids = {r for r in (*by_rep, *overdue_rep) if r is not None}
    names: dict[int | None, str] = {
        u.pk: u.get_full_name() or u.get_username()
        for u in get_user_model().objects.filter(pk__in=rep_ids)
    }
    reps: list[int | None] = sorted(rep_ids, key=lambda pk: (names.get(pk, "").lower(), pk))
    if None in by_rep or None in overdue_rep:
        reps.append(None)
    result = [
        _row(
            "rep",
            rep_id,
            names.get(rep_id, "") if rep_id is not None else _("Unassigned"),
            response_kpis(by_rep.get(rep_id, ()), now=now),
            overdue_rep.get(rep_id, 0),
        )
        for rep_id in reps
    ]
    result += [
        _row(
            "grade",
            grade,
            _("Grade %(grade)s") % {"grade": grade},
            response_kpis(by_grade.get(grade, ()), now=now),
            overdue_grade.get(grade, 0),
        )
        for grade in Grade.values
    ]
    return result
