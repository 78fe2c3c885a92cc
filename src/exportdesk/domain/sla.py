"""Reply deadlines and response KPIs: how fast the seller answers buyers.

Top sellers answer fast: a 30-day average first response within 4 hours is the 5-star line on
Alibaba.com, and a fast first connection beats a perfect answer. This module holds the rules:

* ``reply_deadline``: when a reply is due, counting calendar hours or, with a
  ``BusinessCalendar``, only business time in the workspace time zone (weekends and public
  holidays skipped; an inquiry arriving at night starts counting at the next opening);
* ``elapsed_hours``: the time between two instants on the same clock;
* ``sla_state``: on time, due soon or overdue;
* ``response_kpis``: first response time, response rate and the star line, counted the way
  Alibaba.com counts them (see its docstring), over plain ``InquiryRecord`` rows.

All datetimes are timezone-aware; results are in UTC. Pure Python: no Django (DESIGN.md, rule 1).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from statistics import fmean
from zoneinfo import ZoneInfo

ON_TIME = "on_time"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
NO_DEADLINE = "none"
SLA_STATES = (ON_TIME, DUE_SOON, OVERDUE, NO_DEADLINE)

# The platform's response-rate rule: an inquiry counts as answered when the first reply (or the
# spam rejection) comes within 24 hours.
RESPONSE_RATE_WINDOW = timedelta(hours=24)
KPI_WINDOW_DAYS = 30
# Estimated star lines by 30-day average first response (hours): (upper bound, stars).
STAR_LINES: tuple[tuple[float, int], ...] = ((4, 5), (8, 4), (12, 3), (24, 2))
# A calendar with no opening for this many days in a row is broken, not just a long holiday.
_MAX_CLOSED_DAYS = 400


@dataclass(frozen=True)
class BusinessCalendar:
    """When the seller's office is open: local opening hours, working weekdays, holidays.

    ``weekdays`` use Python's convention (Monday = 0 … Sunday = 6), like the workspace's
    ``business_days``. ``holidays`` are local dates on which the office stays closed.
    """

    timezone: str | tzinfo = "Asia/Seoul"
    start: time = time(9, 0)
    end: time = time(18, 0)
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    holidays: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        # Normalise so callers may pass lists and zone names; a frozen dataclass needs setattr.
        object.__setattr__(self, "weekdays", frozenset(self.weekdays))
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        if isinstance(self.timezone, str):
            object.__setattr__(self, "timezone", ZoneInfo(self.timezone))
        if self.end <= self.start:
            raise ValueError("Business hours must end after they start on the same day.")
        if not self.weekdays or not self.weekdays <= set(range(7)):
            raise ValueError("Business days must be weekday numbers 0 (Monday) to 6 (Sunday).")

    @property
    def tz(self) -> tzinfo:
        """The calendar's time zone as a tzinfo."""
        assert isinstance(self.timezone, tzinfo)  # made so in __post_init__
        return self.timezone

    def is_open_on(self, day: date) -> bool:
        """Whether the office opens on this local date."""
        return day.weekday() in self.weekdays and day not in self.holidays

    def openings(self, since: datetime) -> Iterator[tuple[datetime, datetime]]:
        """The (open, close) periods in UTC from the local day of ``since`` onward, endlessly."""
        day = since.astimezone(self.tz).date()
        closed_run = 0
        while True:
            if self.is_open_on(day):
                closed_run = 0
                # combine + tzinfo lets zoneinfo resolve the UTC offset of that very day (DST).
                opens = datetime.combine(day, self.start, tzinfo=self.tz).astimezone(UTC)
                closes = datetime.combine(day, self.end, tzinfo=self.tz).astimezone(UTC)
                yield opens, closes
            else:
                closed_run += 1
                if closed_run > _MAX_CLOSED_DAYS:
                    raise ValueError("The business calendar has no opening for over a year.")
            day += timedelta(days=1)


@dataclass(frozen=True)
class SlaPolicy:
    """How many hours a reply may take; ``calendar=None`` counts calendar (clock) hours."""

    hours: float = 4
    calendar: BusinessCalendar | None = None


CALENDAR_HOURS = SlaPolicy()


def _aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware.")
    return value.astimezone(UTC)


def reply_deadline(awaiting_since: datetime, policy: SlaPolicy) -> datetime:
    """When the reply to a buyer waiting since ``awaiting_since`` is due (UTC).

    With calendar hours the deadline is simply ``hours`` later. With a business calendar only
    open time counts: a message at 23:00 on a Friday is due ``hours`` after Monday's opening (or
    later, when Monday is a holiday), and a deadline never falls outside business hours except
    when ``hours`` is 0 and the message arrived inside them.
    """
    start = _aware(awaiting_since, "awaiting_since")
    remaining = timedelta(hours=policy.hours)
    if policy.calendar is None:
        return start + remaining
    for opens, closes in policy.calendar.openings(start):
        begin = max(opens, start)
        if begin >= closes:
            continue
        available = closes - begin
        if remaining <= available:
            return begin + remaining
        remaining -= available
    raise AssertionError("unreachable: openings() never ends")  # pragma: no cover


def elapsed_hours(start: datetime, end: datetime, policy: SlaPolicy = CALENDAR_HOURS) -> float:
    """Hours from ``start`` to ``end`` on the policy's clock (0 when ``end`` is not later)."""
    begin, finish = _aware(start, "start"), _aware(end, "end")
    if finish <= begin:
        return 0.0
    if policy.calendar is None:
        return (finish - begin).total_seconds() / 3600
    total = timedelta()
    for opens, closes in policy.calendar.openings(begin):
        if opens >= finish:
            break
        overlap = min(closes, finish) - max(opens, begin)
        if overlap > timedelta():
            total += overlap
    return total.total_seconds() / 3600


def sla_state(
    deadline: datetime | None, now: datetime, due_soon: timedelta = timedelta(hours=1)
) -> str:
    """Where a waiting conversation stands against its deadline.

    ``"overdue"`` once ``now`` is past the deadline; ``"due_soon"`` when the deadline is at most
    ``due_soon`` away (the deadline instant itself is still due soon, not overdue);
    ``"on_time"`` before that; ``"none"`` when there is no deadline (nothing is awaited).
    """
    if deadline is None:
        return NO_DEADLINE
    left = _aware(deadline, "deadline") - _aware(now, "now")
    if left < timedelta():
        return OVERDUE
    if left <= due_soon:
        return DUE_SOON
    return ON_TIME


@dataclass(frozen=True)
class InquiryRecord:
    """One inquiry (conversation) as the KPIs see it.

    ``first_response_at`` is our first reply, or the spam rejection when ``is_spam`` (rejecting
    or reporting spam is a response for the platform).
    """

    buyer_key: Hashable
    first_inbound_at: datetime
    first_response_at: datetime | None = None
    is_spam: bool = False


@dataclass(frozen=True)
class ResponseKpis:
    """Response KPIs over a window; ``None`` where there is nothing to measure yet."""

    inquiries: int = 0  # valid inquiries in the rate's denominator (one per buyer)
    answered_in_time: int = 0  # of those, answered or rejected as spam within 24 h
    response_rate: float | None = None  # answered_in_time / inquiries, 0..1
    average_first_response_hours: float | None = None
    star_line: int | None = None
    pending: int = 0  # unanswered but still inside their 24 h: not counted yet


def first_response_hours(record: InquiryRecord, policy: SlaPolicy = CALENDAR_HOURS) -> float | None:
    """Hours from the inquiry to our first response (``None`` while unanswered)."""
    if record.first_response_at is None:
        return None
    return elapsed_hours(record.first_inbound_at, record.first_response_at, policy)


def next_response_hours(
    awaiting_since: datetime, replied_at: datetime, policy: SlaPolicy = CALENDAR_HOURS
) -> float:
    """Hours a later message waited: from the first unanswered inbound to our reply."""
    return elapsed_hours(awaiting_since, replied_at, policy)


def merge_by_buyer(records: Iterable[InquiryRecord]) -> list[InquiryRecord]:
    """One record per buyer: timed from the buyer's first inquiry to our first response.

    Several inquiries from one buyer in the window are one inquiry for the platform: answering
    any of them answers the buyer. The merged record is spam only when all of them were.
    """
    merged: dict[Hashable, InquiryRecord] = {}
    for record in records:
        seen = merged.get(record.buyer_key)
        if seen is None:
            merged[record.buyer_key] = record
            continue
        responses = [r for r in (seen.first_response_at, record.first_response_at) if r]
        merged[record.buyer_key] = InquiryRecord(
            buyer_key=record.buyer_key,
            first_inbound_at=min(seen.first_inbound_at, record.first_inbound_at),
            first_response_at=min(responses) if responses else None,
            is_spam=seen.is_spam and record.is_spam,
        )
    return list(merged.values())


def star_line(average_first_response_hours: float | None) -> int | None:
    """An estimate of the response star line for a 30-day average first response.

    Bands (our estimate of the platform's, which it does not publish in full): ≤ 4 h → 5 stars,
    ≤ 8 h → 4, ≤ 12 h → 3, ≤ 24 h → 2, slower → 1; ``None`` without data.
    """
    if average_first_response_hours is None:
        return None
    for upper, stars in STAR_LINES:
        if average_first_response_hours <= upper:
            return stars
    return 1


def response_kpis(
    records: Iterable[InquiryRecord],
    *,
    now: datetime,
    window_days: int = KPI_WINDOW_DAYS,
    policy: SlaPolicy = CALENDAR_HOURS,
) -> ResponseKpis:
    """Response KPIs over inquiries that arrived in the last ``window_days`` before ``now``.

    Counted as Alibaba.com counts them:

    * inquiries of one buyer in the window are merged (``merge_by_buyer``);
    * response rate = buyers answered within 24 h ÷ valid inquiries; a spam rejection within
      24 h counts as a response. An unanswered inquiry still inside its 24 h is ``pending`` and
      left out of the rate until it is answered or its 24 h pass;
    * average first response = mean hours to the first response over answered, non-spam
      inquiries (a rejection says nothing about how fast real buyers are served); unanswered
      inquiries lower the rate, not the average;
    * the 24-hour rule runs on the clock; ``policy`` (calendar hours by default) only sets the
      clock the average is measured on.
    """
    current = _aware(now, "now")
    since = current - timedelta(days=window_days)
    in_window = [
        r for r in records if since <= _aware(r.first_inbound_at, "first_inbound_at") <= current
    ]
    inquiries = answered = pending = 0
    hours: list[float] = []
    for record in merge_by_buyer(in_window):
        responded = record.first_response_at
        if responded is not None and responded > current:
            responded = None  # a response after `now` did not happen yet at `now`
        if responded is None:
            if current - record.first_inbound_at < RESPONSE_RATE_WINDOW:
                pending += 1
                continue
            inquiries += 1
            continue
        inquiries += 1
        if responded - record.first_inbound_at <= RESPONSE_RATE_WINDOW:
            answered += 1
        if not record.is_spam:
            hours.append(elapsed_hours(record.first_inbound_at, responded, policy))
    average = fmean(hours) if hours else None
    return ResponseKpis(
        inquiries=inquiries,
        answered_in_time=answered,
        response_rate=answered / inquiries if inquiries else None,
        average_first_response_hours=average,
        star_line=star_line(average),
        pending=pending,
    )
