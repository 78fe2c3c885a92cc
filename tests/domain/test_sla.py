"""Reply deadlines, SLA states and response KPIs (domain/sla.py), without a database."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest

from exportdesk.domain.sla import (
    BusinessCalendar,
    InquiryRecord,
    SlaPolicy,
    elapsed_hours,
    first_response_hours,
    merge_by_buyer,
    next_response_hours,
    reply_deadline,
    response_kpis,
    sla_state,
    star_line,
)

SEOUL = ZoneInfo("Asia/Seoul")
KR_2026 = frozenset(holidays.country_holidays("KR", years=2026))
OFFICE = BusinessCalendar(timezone="Asia/Seoul", holidays=KR_2026)
BUSINESS_4H = SlaPolicy(hours=4, calendar=OFFICE)
CALENDAR_4H = SlaPolicy(hours=4)


def kst(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SEOUL)


def test_the_korean_holidays_the_tables_rely_on_are_in_the_holidays_package():
    # Chuseok 2026 (Thu-Sat) and National Foundation Day (Sat) with its Monday substitute.
    assert {date(2026, 9, 24), date(2026, 9, 25), date(2026, 9, 26)} <= KR_2026
    assert {date(2026, 10, 3), date(2026, 10, 5)} <= KR_2026


@pytest.mark.parametrize(
    ("case", "awaiting_since", "policy", "expected"),
    [
        ("inside business hours", kst(11, 26, 10), BUSINESS_4H, kst(11, 26, 14)),
        ("across the evening into the next morning", kst(11, 26, 16), BUSINESS_4H, kst(11, 27, 11)),
        ("a night inquiry waits for the opening", kst(11, 26, 23), BUSINESS_4H, kst(11, 27, 13)),
        ("an early inquiry waits for the opening", kst(11, 30, 7), BUSINESS_4H, kst(11, 30, 13)),
        ("arriving at closing time", kst(11, 26, 18), BUSINESS_4H, kst(11, 27, 13)),
        ("over the weekend", kst(11, 27, 17), BUSINESS_4H, kst(11, 30, 12)),
        ("arriving on a Saturday", kst(11, 28, 10), BUSINESS_4H, kst(11, 30, 13)),
        ("over Chuseok", kst(9, 23, 16), BUSINESS_4H, kst(9, 28, 11)),
        ("over Foundation Day and its substitute", kst(10, 2, 17), BUSINESS_4H, kst(10, 6, 12)),
        (
            "a 12-hour SLA spans two business days",
            kst(11, 26, 9),
            SlaPolicy(12, OFFICE),
            kst(11, 27, 12),
        ),
        ("calendar hours across midnight", kst(11, 28, 22, 30), CALENDAR_4H, kst(11, 29, 2, 30)),
        ("calendar hours ignore the night", kst(11, 26, 23), CALENDAR_4H, kst(11, 27, 3)),
        ("calendar hours ignore holidays", kst(9, 24, 10), CALENDAR_4H, kst(9, 24, 14)),
    ],
)
def test_the_reply_deadline_counts_the_policys_hours(case, awaiting_since, policy, expected):
    deadline = reply_deadline(awaiting_since.astimezone(UTC), policy)
    assert deadline == expected
    assert deadline.tzinfo == UTC


@pytest.mark.parametrize(
    "day",
    [date(2026, 1, 15), date(2026, 3, 9), date(2026, 7, 15), date(2026, 11, 2), date(2026, 12, 31)],
)
def test_seoul_has_no_daylight_saving_so_nine_oclock_is_always_midnight_utc(day):
    calendar = BusinessCalendar(timezone="Asia/Seoul", weekdays=frozenset(range(7)))
    opens, closes = next(calendar.openings(datetime.combine(day, time(8), tzinfo=SEOUL)))
    assert opens == datetime.combine(day, time(0), tzinfo=UTC)
    assert closes == datetime.combine(day, time(9), tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "opening_utc_hour"),
    [(date(2026, 3, 6), 14), (date(2026, 3, 9), 13)],  # US clocks moved on Sunday 8 March
)
def test_a_zone_with_daylight_saving_opens_at_the_local_hour_on_both_sides(day, opening_utc_hour):
    calendar = BusinessCalendar(timezone="America/New_York")
    opens, _ = next(calendar.openings(datetime.combine(day, time(12), tzinfo=UTC)))
    assert opens == datetime.combine(day, time(opening_utc_hour), tzinfo=UTC)


@pytest.mark.parametrize(
    ("case", "start", "end", "policy", "hours"),
    [
        ("business hours over a weekend", kst(11, 27, 17), kst(11, 30, 10), BUSINESS_4H, 2.0),
        ("calendar hours over a weekend", kst(11, 27, 17), kst(11, 30, 10), CALENDAR_4H, 65.0),
        ("business hours over Chuseok", kst(9, 23, 17), kst(9, 28, 10), BUSINESS_4H, 2.0),
        ("business hours at night are zero", kst(11, 26, 19), kst(11, 26, 23), BUSINESS_4H, 0.0),
        ("calendar hours across midnight", kst(11, 26, 22), kst(11, 27, 1, 30), CALENDAR_4H, 3.5),
        ("an end before the start is zero", kst(11, 26, 12), kst(11, 26, 10), CALENDAR_4H, 0.0),
    ],
)
def test_elapsed_hours_count_on_the_policys_clock(case, start, end, policy, hours):
    assert elapsed_hours(start, end, policy) == pytest.approx(hours)


def test_the_deadline_is_exactly_the_sla_in_business_hours_after_the_start():
    start = kst(11, 27, 15, 20)
    deadline = reply_deadline(start, BUSINESS_4H)
    assert elapsed_hours(start, deadline, BUSINESS_4H) == pytest.approx(4)


DEADLINE = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(
    ("case", "deadline", "now", "state"),
    [
        ("no deadline", None, DEADLINE, "none"),
        ("one second past the deadline", DEADLINE, DEADLINE + SECOND, "overdue"),
        ("at the deadline itself", DEADLINE, DEADLINE, "due_soon"),
        ("exactly the due-soon margin before", DEADLINE, DEADLINE - timedelta(hours=1), "due_soon"),
        (
            "just before the due-soon margin",
            DEADLINE,
            DEADLINE - timedelta(hours=1) - SECOND,
            "on_time",
        ),
        ("hours ahead", DEADLINE, DEADLINE - timedelta(hours=3), "on_time"),
    ],
)
def test_the_sla_state_at_the_boundaries(case, deadline, now, state):
    assert sla_state(deadline, now) == state


def test_the_due_soon_margin_is_configurable():
    assert sla_state(DEADLINE, DEADLINE - timedelta(minutes=90), timedelta(minutes=120)) == (
        "due_soon"
    )


@pytest.mark.parametrize(
    ("average", "stars"),
    [(None, None), (0.5, 5), (4, 5), (4.01, 4), (8, 4), (12, 3), (23.9, 2), (24, 2), (24.1, 1)],
)
def test_the_star_line_estimate_follows_the_documented_bands(average, stars):
    assert star_line(average) == stars


NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
H = timedelta(hours=1)


def inquiry(buyer, inbound_hours_ago, answered_after_hours=None, is_spam=False):
    inbound = NOW - inbound_hours_ago * H
    response = None if answered_after_hours is None else inbound + answered_after_hours * H
    return InquiryRecord(buyer, inbound, response, is_spam)


@pytest.mark.parametrize(
    ("case", "records", "inquiries", "answered", "rate", "average", "pending"),
    [
        ("nothing to measure", [], 0, 0, None, None, 0),
        ("answered in two hours", [inquiry("a", 48, 2)], 1, 1, 1.0, 2.0, 0),
        ("answered after 25 hours", [inquiry("a", 48, 25)], 1, 0, 0.0, 25.0, 0),
        ("unanswered for two days", [inquiry("a", 48)], 1, 0, 0.0, None, 0),
        ("unanswered but still within 24 h", [inquiry("a", 3)], 0, 0, None, None, 1),
        (
            "a spam rejection within 24 h counts as a response",
            [inquiry("a", 48, 1, is_spam=True), inquiry("b", 48, 3)],
            2,
            2,
            1.0,
            3.0,
            0,
        ),
        (
            "a spam rejection after 24 h does not",
            [inquiry("a", 48, 30, is_spam=True)],
            1,
            0,
            0.0,
            None,
            0,
        ),
        (
            "several inquiries from one buyer are timed from the first",
            [inquiry("a", 50), inquiry("a", 48, 2)],
            1,
            1,
            1.0,
            4.0,
            0,
        ),
        (
            "inquiries older than 30 days are left out",
            [inquiry("a", 31 * 24, 1), inquiry("b", 48, 6)],
            1,
            1,
            1.0,
            6.0,
            0,
        ),
        (
            "the average is over answered buyers",
            [inquiry("a", 48, 1), inquiry("b", 48, 5), inquiry("c", 48)],
            3,
            2,
            2 / 3,
            3.0,
            0,
        ),
    ],
)
def test_response_kpis_count_as_the_platform_does(
    case, records, inquiries, answered, rate, average, pending
):
    kpis = response_kpis(records, now=NOW)
    assert kpis.inquiries == inquiries
    assert kpis.answered_in_time == answered
    assert kpis.response_rate == (None if rate is None else pytest.approx(rate))
    assert kpis.average_first_response_hours == (
        None if average is None else pytest.approx(average)
    )
    assert kpis.pending == pending
    assert kpis.star_line == star_line(kpis.average_first_response_hours)


def test_a_response_after_now_has_not_happened_yet():
    kpis = response_kpis([inquiry("a", 2, 5)], now=NOW)
    assert (kpis.pending, kpis.inquiries) == (1, 0)


def test_merging_keeps_the_buyers_first_inquiry_and_first_response():
    merged = merge_by_buyer([inquiry("a", 10, 8), inquiry("a", 5, 1), inquiry("b", 3)])
    by_buyer = {r.buyer_key: r for r in merged}
    assert by_buyer["a"].first_inbound_at == NOW - 10 * H
    assert by_buyer["a"].first_response_at == NOW - 4 * H
    assert by_buyer["b"].first_response_at is None


@pytest.mark.parametrize(
    ("policy", "hours"),
    [(CALENDAR_4H, 65.0), (BUSINESS_4H, 2.0)],
)
def test_first_and_next_response_hours_use_the_policys_clock(policy, hours):
    record = InquiryRecord("a", kst(11, 27, 17), kst(11, 30, 10))
    assert first_response_hours(record, policy) == pytest.approx(hours)
    assert next_response_hours(kst(11, 27, 17), kst(11, 30, 10), policy) == pytest.approx(hours)
    assert first_response_hours(InquiryRecord("a", kst(11, 27, 17)), policy) is None


@pytest.mark.parametrize(
    "fields",
    [
        {"start": time(18), "end": time(9)},
        {"weekdays": frozenset()},
        {"weekdays": frozenset({7})},
    ],
)
def test_a_calendar_that_never_opens_properly_is_refused(fields):
    with pytest.raises(ValueError):
        BusinessCalendar(**fields)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        reply_deadline(datetime(2026, 11, 26, 10), CALENDAR_4H)
