"""Reading cells: countries, currencies, amounts, dates, quantities and choices."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from exportdesk.imports.values import (
    Amount,
    ValueProblem,
    amount_to_minor,
    clean_cell,
    parse_amount,
    parse_business_type,
    parse_channel,
    parse_company_size,
    parse_country,
    parse_currency,
    parse_date,
    parse_datetime,
    parse_direction,
    parse_email,
    parse_order_status,
    parse_platform_level,
    parse_quantity,
    parse_website,
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("KR", "KR"),
        ("kor", "KR"),
        ("대한민국", "KR"),
        ("한국", "KR"),
        ("South Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("미국", "US"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States", "US"),
        ("헝가리", "HU"),
        ("Hungary", "HU"),
        ("베트남", "VN"),
        ("Viet Nam", "VN"),
        ("UK", "GB"),
        ("영국", "GB"),
        ("Türkiye", "TR"),
        ("터키", "TR"),
        ("홍콩", "HK"),
        ("아랍에미리트", "AE"),
        ("UAE", "AE"),
        ("  japan ", "JP"),
    ],
)
def test_it_reads_countries_in_english_korean_and_iso(text: str, code: str) -> None:
    assert parse_country(text) == code


@pytest.mark.parametrize("text", ["Atlantis", "XX", "", "Korea Town"])
def test_it_refuses_unknown_countries(text: str) -> None:
    with pytest.raises(ValueProblem, match="country"):
        parse_country(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("USD", "USD"),
        ("usd", "USD"),
        ("$", "USD"),
        ("US$", "USD"),
        ("₩", "KRW"),
        ("원", "KRW"),
        ("KRW", "KRW"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("¥", "JPY"),
        ("CN¥", "CNY"),
        ("RMB", "CNY"),
        ("HUF", "HUF"),
    ],
)
def test_it_reads_currencies_by_code_or_symbol(text: str, code: str) -> None:
    assert parse_currency(text) == code


def test_it_refuses_unknown_currencies() -> None:
    with pytest.raises(ValueProblem, match="currency"):
        parse_currency("doubloons")


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("1,234.50", "1234.50", None),
        ("1234", "1234", None),
        ("US$ 1,234.50", "1234.50", "USD"),
        ("$12", "12", "USD"),
        ("₩1,500,000", "1500000", "KRW"),
        ("1,500,000원", "1500000", "KRW"),
        ("150만원", "1500000", "KRW"),
        ("1.234,50 €", "1234.50", "EUR"),
        ("€ 3.5", "3.5", "EUR"),
        ("1500 USD", "1500", "USD"),
        ("£7", "7", "GBP"),
        ("1 234 567", "1234567", None),
        ("12,5", "12.5", None),
    ],
)
def test_it_reads_amounts_with_separators_and_symbols(
    text: str, value: str, currency: str | None
) -> None:
    assert parse_amount(text) == Amount(Decimal(value), currency)


@pytest.mark.parametrize("text", ["abc", "1,23,4", "-5", "(12)", "12 apples", "$"])
def test_it_refuses_what_is_not_an_amount(text: str) -> None:
    with pytest.raises(ValueProblem):
        parse_amount(text)


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [
        (Amount(Decimal("1234.50")), "USD", 123450),
        (Amount(Decimal("1500000"), "KRW"), "KRW", 1500000),
        (Amount(Decimal("0.005")), "USD", 1),
    ],
)
def test_it_stores_amounts_in_minor_units(amount: Amount, currency: str, minor: int) -> None:
    assert amount_to_minor(amount, currency) == minor


def test_an_amount_in_another_currency_than_the_column_is_a_problem() -> None:
    with pytest.raises(ValueProblem, match="EUR"):
        amount_to_minor(Amount(Decimal(5), "EUR"), "USD")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-29", date(2026, 11, 29)),
        ("2026.11.29", date(2026, 11, 29)),
        ("2026. 11. 29.", date(2026, 11, 29)),
        ("2026/11/29", date(2026, 11, 29)),
        ("2026년 11월 29일", date(2026, 11, 29)),
        ("11/29/2026", date(2026, 11, 29)),
        ("29/11/2026", date(2026, 11, 29)),
        ("29.11.2026", date(2026, 11, 29)),
        ("20261129", date(2026, 11, 29)),
        ("Nov 29, 2026", date(2026, 11, 29)),
        ("29 November 2026", date(2026, 11, 29)),
    ],
)
def test_it_reads_korean_and_iso_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-29 14:05", datetime(2026, 11, 29, 14, 5)),
        ("2026년 11월 29일 오후 2:05", datetime(2026, 11, 29, 14, 5)),
        ("2026.11.29 오전 12:30", datetime(2026, 11, 29, 0, 30)),
        ("2026/11/29 2:05 PM", datetime(2026, 11, 29, 14, 5)),
        ("2026-11-29T14:05:00Z", datetime(2026, 11, 29, 14, 5, tzinfo=UTC)),
        (
            "2026-11-29T14:05:00+09:00",
            datetime(2026, 11, 29, 14, 5, tzinfo=timezone(timedelta(hours=9))),
        ),
    ],
)
def test_it_reads_times_with_korean_am_pm_and_offsets(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "tomorrow", "13/13/2026", "1800-01-01", "99"])
def test_it_refuses_impossible_dates(text: str) -> None:
    with pytest.raises(ValueProblem, match="date"):
        parse_datetime(text)


@pytest.mark.parametrize(
    ("text", "value"), [("5,000 pcs", 5000), ("300개", 300), ("12", 12), ("12 boxes", 12)]
)
def test_it_reads_quantities(text: str, value: int) -> None:
    assert parse_quantity(text) == value


@pytest.mark.parametrize("text", ["0", "1.5", "-3", "lots"])
def test_it_refuses_what_is_not_a_quantity(text: str) -> None:
    with pytest.raises(ValueProblem):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("text", "level"),
    [("L3", "L3"), ("3", "L3"), ("Level 4", "L4"), ("LV.2", "L2"), ("레벨 1", "L1")],
)
def test_it_reads_buyer_levels(text: str, level: str) -> None:
    assert parse_platform_level(text) == level


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("35", "small"),
        ("11-50", "small"),
        ("1,000+", "enterprise"),
        ("중견기업", "medium"),
        ("Fewer than 5 people", "micro"),
        ("600", "large"),
    ],
)
def test_it_reads_company_sizes(text: str, size: str) -> None:
    assert parse_company_size(text) == size


@pytest.mark.parametrize(
    ("parser", "text", "value"),
    [
        (parse_channel, "알리바바", "alibaba"),
        (parse_channel, "E-mail", "email"),
        (parse_channel, "전시회", "tradeshow"),
        (parse_business_type, "수입상", "importer"),
        (parse_business_type, "Online Seller", "online_seller"),
        (parse_order_status, "배송완료", "delivered"),
        (parse_order_status, "Canceled", "cancelled"),
        (parse_direction, "수신", "in"),
        (parse_direction, "sent", "out"),
    ],
)
def test_it_reads_choices_in_english_and_korean(parser, text: str, value: str) -> None:  # type: ignore[no-untyped-def]
    assert parser(text) == value


def test_emails_and_websites_are_checked() -> None:
    assert parse_email("mailto:Anna@BB.hu") == "Anna@BB.hu"
    assert parse_website("www.example.com") == "https://www.example.com"
    with pytest.raises(ValueProblem):
        parse_email("anna at bb")
    with pytest.raises(ValueProblem):
        parse_website("not a site")


def test_our_own_formula_neutralisation_is_undone_on_import() -> None:
    assert clean_cell("'=SUM(A1)") == "=SUM(A1)"
    assert clean_cell("'+82 10 1234") == "+82 10 1234"
    assert clean_cell("'quoted'") == "'quoted'"
    assert clean_cell("\u00a0 Seoul \u3000") == "Seoul"
