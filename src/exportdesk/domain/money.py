"""Money as integer minor units plus an ISO 4217 currency code.

Floats never hold money: amounts are stored and added as integers in the currency's minor unit
(cents for USD, whole won for KRW) and turned into decimals only for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pycountry
from babel.numbers import format_currency, get_currency_precision


class UnknownCurrencyError(ValueError):
    """Raised for a currency code that ISO 4217 does not know."""


def normalise_currency(code: str) -> str:
    """Return the upper-case ISO 4217 code, or raise ``UnknownCurrencyError``."""
    candidate = (code or "").strip().upper()
    if len(candidate) != 3 or pycountry.currencies.get(alpha_3=candidate) is None:
        raise UnknownCurrencyError(f"Unknown currency code: {code!r}")
    return candidate


def minor_exponent(currency: str) -> int:
    """Digits after the decimal point for the currency (USD 2, KRW 0, JPY 0)."""
    return int(get_currency_precision(normalise_currency(currency)))


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in minor units of one currency."""

    minor: int
    currency: str

    @classmethod
    def from_decimal(cls, amount: Decimal | str | int, currency: str) -> Money:
        """Build from a major-unit amount, rounding half-up to the minor unit."""
        code = normalise_currency(currency)
        scaled = Decimal(str(amount)).scaleb(minor_exponent(code))
        return cls(int(scaled.quantize(Decimal(1), rounding="ROUND_HALF_UP")), code)

    def to_decimal(self) -> Decimal:
        """The amount in major units."""
        return Decimal(self.minor).scaleb(-minor_exponent(self.currency))

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"Cannot add {other.currency} to {self.currency}")
        return Money(self.minor + other.minor, self.currency)

    def format(self, locale: str = "en") -> str:
        """Human-readable amount, e.g. ``US$1,234.50`` or ``₩1,500,000``."""
        return format_currency(self.to_decimal(), self.currency, locale=locale)


# Rough US-dollar value of one major unit, used only to compare order potential across
# currencies when grading; never for invoices or reports.
APPROX_USD_PER_UNIT = {
    "USD": 1.0,
    "EUR": 1.08,
    "GBP": 1.27,
    "KRW": 0.00074,
    "JPY": 0.0066,
    "CNY": 0.14,
    "HUF": 0.0027,
    "RUB": 0.011,
    "VND": 0.00004,
    "AED": 0.27,
    "SAR": 0.27,
    "AUD": 0.66,
    "CAD": 0.73,
    "SGD": 0.74,
    "MYR": 0.21,
    "THB": 0.028,
    "IDR": 0.000063,
    "PHP": 0.018,
    "INR": 0.012,
    "BRL": 0.2,
    "MXN": 0.058,
    "TRY": 0.03,
    "PLN": 0.25,
}


def approx_usd(money: Money) -> float | None:
    """Approximate US-dollar value, or None for a currency without a known rate."""
    rate = APPROX_USD_PER_UNIT.get(money.currency)
    if rate is None:
        return None
    return float(money.to_decimal()) * rate
