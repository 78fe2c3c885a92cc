"""Money in minor units (no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportdesk.domain.money import Money, UnknownCurrencyError, approx_usd, normalise_currency


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [("12.34", "USD", 1234), ("1500000", "KRW", 1_500_000), ("0.005", "USD", 1), ("99", "JPY", 99)],
)
def test_it_converts_major_amounts_to_minor_units(amount, currency, minor):
    assert Money.from_decimal(amount, currency).minor == minor


def test_it_rejects_an_unknown_currency():
    with pytest.raises(UnknownCurrencyError):
        normalise_currency("ABC")


def test_it_accepts_lower_case_codes():
    assert normalise_currency(" usd ") == "USD"


def test_it_refuses_to_add_two_currencies():
    with pytest.raises(ValueError, match="Cannot add"):
        Money(100, "USD") + Money(100, "EUR")


@pytest.mark.parametrize(
    ("money", "locale", "text"),
    [(Money(123450, "USD"), "en", "$1,234.50"), (Money(1_500_000, "KRW"), "ko", "₩1,500,000")],
)
def test_it_formats_for_the_reader(money, locale, text):
    assert money.format(locale) == text


def test_approximate_dollars_are_none_for_an_unrated_currency():
    assert approx_usd(Money(100, "XAF")) is None
    assert approx_usd(Money(10_000, "USD")) == 100.0


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_minor_units_survive_a_round_trip_through_decimal(minor):
    money = Money(minor, "USD")
    assert Money.from_decimal(money.to_decimal(), "USD") == money
    assert isinstance(money.to_decimal(), Decimal)
