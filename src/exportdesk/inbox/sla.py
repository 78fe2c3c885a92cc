"""The workspace's SLA policy, built from its settings for the pure rules in domain/sla.py."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from django.utils import timezone

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.domain.sla import BusinessCalendar, SlaPolicy, reply_deadline

DEFAULT_TIMEZONE = "Asia/Seoul"


@lru_cache(maxsize=16)
def _korean_holidays(years: tuple[int, ...]) -> frozenset[date]:
    # The package computes lunar holidays on every call; a worker asks every minute.
    return frozenset(holidays.country_holidays("KR", years=years))


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        # A mistyped zone must not stop deadlines: fall back to the workspace default.
        return ZoneInfo(DEFAULT_TIMEZONE)


def sla_policy(
    workspace: WorkspaceSettings | None = None, *, years: Iterable[int] | None = None
) -> SlaPolicy:
    """The first-response SLA of the workspace (its current settings when none is given).

    With ``sla_uses_business_hours`` the policy counts only business hours: the workspace's
    opening hours and business days in its time zone, skipping Korean public holidays of
    ``years`` (by default last year to next year, so deadlines crossing New Year are right).
    Settings that cannot form a calendar (hours ending before they start, no business day)
    fall back to calendar hours rather than stopping every deadline.
    """
    ws = workspace or WorkspaceSettings.current()
    hours = float(ws.sla_hours)
    if not ws.sla_uses_business_hours:
        return SlaPolicy(hours=hours)
    if years is None:
        this_year = timezone.now().year
        years = range(this_year - 1, this_year + 2)
    try:
        calendar = BusinessCalendar(
            timezone=_zone(ws.timezone),
            start=ws.business_hours_start,
            end=ws.business_hours_end,
            weekdays=frozenset(int(d) for d in ws.business_days or ()),
            holidays=_korean_holidays(tuple(sorted(set(years)))),
        )
    except ValueError:
        return SlaPolicy(hours=hours)
    return SlaPolicy(hours=hours, calendar=calendar)


def conversation_deadline(
    awaiting_since: datetime | None, policy: SlaPolicy | None = None
) -> datetime | None:
    """The reply deadline of a conversation waiting since ``awaiting_since`` (None: not waiting).

    Without a policy, the workspace's is used with the holidays of that year and the next.
    """
    if awaiting_since is None:
        return None
    if policy is None:
        year = awaiting_since.year
        policy = sla_policy(years=(year, year + 1))
    return reply_deadline(awaiting_since, policy)
