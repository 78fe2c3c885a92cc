"""Reading one cell: countries, currencies, amounts, dates and the choice fields.

Each ``parse_*`` function takes the cell's text and returns a clean value or raises
``ValueProblem`` with a message for the user. They are memoised where files repeat the same
values (countries, currencies, choices) so that 100k-row imports stay fast.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import pycountry
from babel import Locale
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exportdesk.domain.money import Money, UnknownCurrencyError, minor_exponent, normalise_currency


class ValueProblem(ValueError):
    """A cell whose value cannot be used; ``str(exc)`` is the reason shown to the user."""


_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
# Characters a CSV export prefixes with an apostrophe to stop formula injection.
_NEUTRALISED = ("=", "+", "-", "@", "\t", "\r")


def clean_cell(value: str) -> str:
    """Trim a cell, turn no-break spaces into spaces and undo our own ``'=`` neutralisation."""
    text = (value or "").replace("\u00a0", " ").replace("\u3000", " ").strip()
    if len(text) > 1 and text[0] == "'" and text[1] in _NEUTRALISED:
        text = text[1:]
    return text


def match_key(text: str) -> str:
    """Key without case, width, spaces, punctuation: ``"Country/Region"`` → ``countryregion``."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return _NON_ALNUM.sub("", folded)


# --- countries --------------------------------------------------------------------------------

COUNTRY_ALIASES = {
    "uk": "GB",
    "england": "GB",
    "greatbritain": "GB",
    "britain": "GB",
    "usa": "US",
    "us": "US",
    "america": "US",
    "unitedstatesofamerica": "US",
    "korea": "KR",
    "southkorea": "KR",
    "republicofkorea": "KR",
    "korearepublic": "KR",
    "한국": "KR",
    "남한": "KR",
    "northkorea": "KP",
    "russia": "RU",
    "vietnam": "VN",
    "uae": "AE",
    "emirates": "AE",
    "holland": "NL",
    "czechrepublic": "CZ",
    "turkey": "TR",
    "터키": "TR",
    "hongkong": "HK",
    "홍콩": "HK",
    "macau": "MO",
    "macao": "MO",
    "마카오": "MO",
    "taiwan": "TW",
    "iran": "IR",
    "syria": "SY",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "ivorycoast": "CI",
    "mainlandchina": "CN",
    "prc": "CN",
    "ksa": "SA",
}


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}

    def add(name: str | None, code: str) -> None:
        if not name:
            return
        key = match_key(name)
        if key:
            index.setdefault(key, code)
        base = re.sub(r"\s*\(.*?\)\s*", "", name)  # "홍콩(중국 특별행정구)" → "홍콩"
        if base != name:
            index.setdefault(match_key(base), code)

    for country in pycountry.countries:
        code = country.alpha_2
        index[country.alpha_2.casefold()] = code
        index[country.alpha_3.casefold()] = code
        for attr in ("name", "official_name", "common_name"):
            add(getattr(country, attr, None), code)
    for locale in ("en", "ko"):
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha() and code in index.values():
                add(name, code)
    index.update(COUNTRY_ALIASES)
    return index


@lru_cache(maxsize=4096)
def parse_country(text: str) -> str:
    """ISO alpha-2 code from a code (``KR``, ``KOR``) or a name in English or Korean."""
    key = match_key(text)
    code = _country_index().get(key)
    if code is None:
        raise ValueProblem(
            _("Unknown country %(value)s: use an ISO code (KR, US) or a name in English or Korean.")
            % {"value": repr(text)}
        )
    return code


# --- currencies and amounts -------------------------------------------------------------------

# Symbols and words as they appear next to amounts. "¥" alone is the yen (as Babel's English
# locale has it); yuan is written CN¥, RMB or 元.
CURRENCY_SYMBOLS = {
    "$": "USD",
    "us$": "USD",
    "usd$": "USD",
    "달러": "USD",
    "미국달러": "USD",
    "불": "USD",
    "₩": "KRW",
    "￦": "KRW",
    "원": "KRW",
    "won": "KRW",
    "€": "EUR",
    "유로": "EUR",
    "euro": "EUR",
    "£": "GBP",
    "파운드": "GBP",
    "¥": "JPY",
    "￥": "JPY",
    "jp¥": "JPY",
    "円": "JPY",
    "엔": "JPY",
    "cn¥": "CNY",
    "rmb": "CNY",
    "元": "CNY",
    "위안": "CNY",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "hk$": "HKD",
    "s$": "SGD",
    "sg$": "SGD",
    "nt$": "TWD",
    "nz$": "NZD",
    "r$": "BRL",
    "mx$": "MXN",
    "₫": "VND",
    "₹": "INR",
    "₽": "RUB",
    "₺": "TRY",
    "₱": "PHP",
    "฿": "THB",
    "zł": "PLN",
    "ft": "HUF",
    "rm": "MYR",
    "rp": "IDR",
    "₪": "ILS",
    "₴": "UAH",
    "₦": "NGN",
}
# Korean number words after an amount: 150만 (원) = 1,500,000.
KOREAN_MULTIPLIERS = {"천": 1_000, "만": 10_000, "억": 100_000_000}


@lru_cache(maxsize=1)
def _iso_currencies() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


@lru_cache(maxsize=1024)
def parse_currency(text: str) -> str:
    """ISO 4217 code from a code (``usd``) or a symbol/word (``US$``, ``₩``, ``€``, ``원``)."""
    raw = (text or "").strip()
    lowered = raw.casefold().replace(" ", "")
    if lowered.upper() in _iso_currencies():
        return lowered.upper()
    if lowered in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[lowered]
    raise ValueProblem(
        _("Unknown currency %(value)s: use a code such as USD, KRW, EUR or a symbol ($, ₩, €).")
        % {"value": repr(text)}
    )


@dataclass(frozen=True, slots=True)
class Amount:
    """A decimal amount and the currency written next to it, if any."""

    value: Decimal
    currency: str | None = None

    def to_money(self, default_currency: str) -> Money:
        """The amount as minor units, in its own currency or the default."""
        currency = self.currency or default_currency
        try:
            return Money.from_decimal(self.value, currency)
        except UnknownCurrencyError as exc:
            raise ValueProblem(str(exc)) from exc


_AMOUNT = re.compile(
    r"^(?P<sign>[-−])?\s*(?P<pre>[^\d\s.,()\-−+][^\d]*?)?\s*(?P<sign2>[-−])?\s*"
    r"(?P<num>\d[\d\s.,'’]*)\s*(?P<post>[^\d].*?)?$"
)


def _number(raw: str) -> Decimal:
    digits = re.sub(r"[\s'’]", "", raw)
    if "," in digits and "." in digits:
        # The separator that comes last is the decimal one: 1,234.50 or 1.234,50.
        if digits.rfind(",") > digits.rfind("."):
            digits = digits.replace(".", "").replace(",", ".")
        else:
            digits = digits.replace(",", "")
    elif "," in digits:
        if re.fullmatch(r"\d{1,3}(,\d{3})+", digits):
            digits = digits.replace(",", "")
        elif digits.count(",") == 1:
            digits = digits.replace(",", ".")  # 12,5 (decimal comma)
        else:
            raise InvalidOperation(raw)
    elif digits.count(".") > 1:
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):
            digits = digits.replace(".", "")  # 1.234.567 (dot thousands)
        else:
            raise InvalidOperation(raw)
    return Decimal(digits)


@lru_cache(maxsize=65536)
def parse_amount(text: str) -> Amount:
    """An amount with optional currency and thousands separators.

    Reads ``1,234.50``, ``US$ 1,234.50``, ``₩1,500,000``, ``1.234,50 €``, ``1500 USD``,
    ``150만원``. Negative amounts are refused: imports carry prices and totals only.
    """
    raw = clean_cell(text)
    match = _AMOUNT.match(raw)
    problem = ValueProblem(
        _("%(value)s is not an amount (examples: 1,234.50 or US$ 1,234.50 or ₩1,500,000).")
        % {"value": repr(text)}
    )
    if not match:
        raise problem
    if match["sign"] or match["sign2"]:
        raise ValueProblem(_("Amounts cannot be negative: %(value)s.") % {"value": repr(text)})
    try:
        value = _number(match["num"])
    except (InvalidOperation, ValueError):
        raise problem from None
    currency: str | None = None
    for part in (match["pre"], match["post"]):
        part = (part or "").strip()
        if not part:
            continue
        compact = part.replace(" ", "")
        if compact and compact[0] in KOREAN_MULTIPLIERS:
            value *= KOREAN_MULTIPLIERS[compact[0]]
            compact = compact[1:]
            if not compact:
                currency = currency or "KRW"
                continue
        try:
            found = parse_currency(compact)
        except ValueProblem:
            raise problem from None
        if currency and found != currency:
            raise problem
        currency = found
    return Amount(value, currency)


def amount_to_minor(amount: Amount, currency: str) -> int:
    """Minor units of ``amount`` in ``currency`` (half-up); the amount's own currency must agree."""
    if amount.currency and amount.currency != currency:
        raise ValueProblem(
            _("The amount is in %(found)s but the currency column says %(expected)s.")
            % {"found": amount.currency, "expected": currency}
        )
    scaled = amount.value.scaleb(_exponent(currency))
    return int(scaled.quantize(Decimal(1), rounding="ROUND_HALF_UP"))


_exponent = lru_cache(maxsize=512)(minor_exponent)
# ISO check of a currency code, once per code.
checked_currency = lru_cache(maxsize=512)(normalise_currency)

_QUANTITY_UNIT = re.compile(
    r"^(pcs?|pieces?|ea|units?|sets?|boxes|box|cartons?|ctns?|개|세트|박스|ea\.?|pc\.?)$", re.I
)


def parse_quantity(text: str) -> int:
    """A positive whole number, with separators and an optional unit: ``5,000 pcs``, ``300개``."""
    raw = clean_cell(text)
    match = re.fullmatch(r"(\d[\d,.\s]*\d|\d)\s*([^\d\s,.].*)?", raw)
    problem = ValueProblem(
        _("%(value)s is not a quantity (a whole number such as 5,000).") % {"value": repr(text)}
    )
    if not match or (match[2] and not _QUANTITY_UNIT.match(match[2].strip())):
        raise problem
    try:
        number = _number(match[1])
    except (InvalidOperation, ValueError):
        raise problem from None
    if number != number.to_integral_value() or number <= 0:
        raise problem
    if number > 2_000_000_000:
        raise problem
    return int(number)


# --- dates ------------------------------------------------------------------------------------

_DATE_FORMS = [
    # 2026-11-29, 2026.11.29, 2026/11/29, 2026. 11. 29.
    (re.compile(r"(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?"), "ymd"),
    # 2026년 11월 29일
    (re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일?"), "ymd"),
    # 11/29/2026 (29/11/2026 when the first number cannot be a month)
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})"), "mdy"),
    # 29.11.2026 (European)
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), "dmy"),
    # 20261129
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), "ymd"),
]
_TIME = re.compile(
    r"^(?:T|\s)*(?P<ampm1>오전|오후|am|pm)?\s*(?P<h>\d{1,2})(?::|시\s*)(?P<m>\d{1,2})"
    r"(?:(?::|분\s*)(?P<s>\d{1,2})(?:\.(?P<f>\d{1,6}))?)?(?:\s*초)?\s*(?P<ampm2>오전|오후|am|pm)?"
    r"\s*(?P<tz>z|utc|gmt|[+-]\d{2}:?\d{2})?$",
    re.I,
)
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_NAME_DATE = re.compile(
    r"(?:(?P<d1>\d{1,2})\s+(?P<m1>[a-z]+)\.?,?\s+(?P<y1>\d{4}))|"
    r"(?:(?P<m2>[a-z]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))",
    re.I,
)


def _date_problem(text: str) -> ValueProblem:
    return ValueProblem(
        _("%(value)s is not a date (examples: 2026-11-29, 2026.11.29, 2026년 11월 29일).")
        % {"value": repr(text)}
    )


def _split_date(raw: str) -> tuple[date, str]:
    for pattern, order in _DATE_FORMS:
        match = pattern.match(raw)
        if not match:
            continue
        a, b, c = (int(g) for g in match.groups())
        if order == "ymd":
            year, month, day = a, b, c
        elif order == "mdy":
            year, month, day = (c, b, a) if a > 12 else (c, a, b)
        else:
            year, month, day = c, b, a
        try:
            return date(year, month, day), raw[match.end() :]
        except ValueError:
            raise _date_problem(raw) from None
    match = _MONTH_NAME_DATE.match(raw)
    if match:
        month_name = (match["m1"] or match["m2"]).casefold()
        day = int(match["d1"] or match["d2"])
        year = int(match["y1"] or match["y2"])
        if month_name in _MONTHS:
            try:
                return date(year, _MONTHS[month_name], day), raw[match.end() :]
            except ValueError:
                raise _date_problem(raw) from None
    raise _date_problem(raw)


@lru_cache(maxsize=65536)
def parse_datetime(text: str) -> datetime:
    """A date with optional time; naive unless the text carries an offset (``Z``, ``+09:00``).

    Reads ISO (``2026-11-29T14:05:00+09:00``), ``2026.11.29``, ``2026/11/29 14:05``,
    ``2026년 11월 29일 오후 2:05``, ``11/29/2026``, ``29.11.2026``, ``Nov 29, 2026``.
    Dates without a time are midnight.
    """
    raw = clean_cell(text)
    if not raw:
        raise _date_problem(text)
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        pass
    else:
        if 1900 <= parsed.year <= 2200:
            return parsed
        raise _date_problem(text)
    day, rest = _split_date(raw)
    if not 1900 <= day.year <= 2200:
        raise _date_problem(text)
    rest = rest.strip().strip(",").strip()
    if not rest:
        return datetime.combine(day, time(0, 0))
    match = _TIME.match(rest)
    if not match:
        raise _date_problem(text)
    hour, minute = int(match["h"]), int(match["m"])
    second = int(match["s"] or 0)
    micro = int((match["f"] or "0").ljust(6, "0"))
    ampm = (match["ampm1"] or match["ampm2"] or "").casefold()
    if ampm in ("오후", "pm") and hour < 12:
        hour += 12
    elif ampm in ("오전", "am") and hour == 12:
        hour = 0
    try:
        value = datetime.combine(day, time(hour, minute, second, micro))
    except ValueError:
        raise _date_problem(text) from None
    tz = (match["tz"] or "").casefold()
    if tz in ("z", "utc", "gmt"):
        return value.replace(tzinfo=UTC)
    if tz:
        sign = 1 if tz[0] == "+" else -1
        digits = tz[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return value.replace(tzinfo=timezone(sign * offset))
    return value


def parse_date(text: str) -> date:
    """Just the date of ``parse_datetime`` (any time part is ignored)."""
    return parse_datetime(text).date()


# --- choices ----------------------------------------------------------------------------------


def _choice_table(pairs: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {match_key(word): value for value, words in pairs.items() for word in (value, *words)}


CHANNELS = _choice_table(
    {
        "alibaba": ("alibaba.com", "알리바바", "알리바바닷컴", "ali", "rfq"),
        "email": ("e-mail", "mail", "이메일", "메일"),
        "whatsapp": ("whats app", "왓츠앱", "왓츠앱메신저", "wa"),
        "website": ("web", "homepage", "site", "웹사이트", "홈페이지", "자사몰"),
        "tradeshow": ("trade show", "exhibition", "fair", "expo", "전시회", "박람회", "전시"),
        "other": ("etc", "기타", "others", "phone", "전화", "referral", "소개"),
    }
)
BUSINESS_TYPES = _choice_table(
    {
        "importer": ("import", "importing", "수입상", "수입업체", "수입사", "수입"),
        "distributor": (
            "distribution",
            "wholesaler",
            "wholesale",
            "유통사",
            "유통",
            "도매",
            "총판",
        ),
        "retailer": ("retail", "retail store", "shop", "소매", "소매점", "매장"),
        "online_seller": (
            "online seller",
            "online",
            "e-commerce",
            "ecommerce",
            "online shop",
            "온라인셀러",
            "온라인 셀러",
            "온라인",
            "온라인 판매",
        ),
        "brand_owner": ("brand owner", "brand", "브랜드", "브랜드사", "브랜드 오너"),
        "other": ("etc", "others", "기타"),
    }
)
COMPANY_SIZE_WORDS = _choice_table(
    {
        "micro": ("소기업", "영세", "1-10"),
        "small": ("소규모", "중소기업", "11-50"),
        "medium": ("mid-size", "midsize", "중견", "중견기업", "51-200"),
        "large": ("대기업", "201-1000"),
        "enterprise": ("1000+", "1,000+", "초대기업", "글로벌기업"),
    }
)
ORDER_STATUSES = _choice_table(
    {
        "quoted": ("quote", "quotation", "pending", "견적", "견적중", "대기", "미결제"),
        "paid": ("payment received", "결제완료", "결제", "입금완료", "입금"),
        "shipped": ("in transit", "sent", "발송", "발송완료", "출고", "배송중", "선적"),
        "delivered": ("completed", "complete", "done", "배송완료", "완료", "수령", "도착"),
        "cancelled": ("canceled", "cancel", "refunded", "취소", "주문취소", "환불"),
    }
)
PAYMENT_CHANNELS = _choice_table(
    {
        "trade_assurance": ("trade assurance", "ta", "alibaba trade assurance", "무역보증"),
        "tt": ("t/t", "tt", "wire", "wire transfer", "bank transfer", "송금", "전신환"),
        "paypal": ("pay pal", "페이팔"),
        "lc": ("l/c", "letter of credit", "신용장"),
        "other": ("etc", "기타", "card", "credit card", "카드"),
    }
)
DIRECTIONS = _choice_table(
    {
        "in": ("inbound", "incoming", "received", "from buyer", "buyer", "수신", "받은", "받음"),
        "out": ("outbound", "outgoing", "sent", "to buyer", "us", "seller", "발신", "보낸", "보냄"),
    }
)


def parse_choice(text: str, table: dict[str, str], what: Any) -> str:
    """The stored value of a choice from any of its spellings (English or Korean)."""
    value = table.get(match_key(text))
    if value is None:
        raise ValueProblem(
            _("%(value)s is not a known %(what)s.") % {"value": repr(text), "what": what}
        )
    return value


@lru_cache(maxsize=1024)
def parse_channel(text: str) -> str:
    """A buyer channel (``alibaba``, ``email``, ``whatsapp`` …) in English or Korean."""
    return parse_choice(text, CHANNELS, gettext_lazy("channel"))


@lru_cache(maxsize=1024)
def parse_business_type(text: str) -> str:
    """A business type (``importer``, ``distributor`` …) in English or Korean."""
    return parse_choice(text, BUSINESS_TYPES, gettext_lazy("business type"))


@lru_cache(maxsize=1024)
def parse_order_status(text: str) -> str:
    """An order status (``quoted`` … ``cancelled``) in English or Korean."""
    return parse_choice(text, ORDER_STATUSES, gettext_lazy("order status"))


@lru_cache(maxsize=1024)
def parse_payment_channel(text: str) -> str:
    """A payment method (Trade Assurance, T/T, PayPal, L/C) in English or Korean."""
    return parse_choice(text, PAYMENT_CHANNELS, gettext_lazy("payment method"))


@lru_cache(maxsize=1024)
def parse_direction(text: str) -> str:
    """``in`` (from the buyer) or ``out`` (to the buyer) from in/out, 수신/발신 …"""
    return parse_choice(text, DIRECTIONS, gettext_lazy("direction"))


_LEVEL = re.compile(r"^(?:l|lv|lvl|level|레벨|등급)?([0-4])(?:level|레벨|등급)?$")


@lru_cache(maxsize=1024)
def parse_platform_level(text: str) -> str:
    """``L0``–``L4`` from ``L3``, ``l3``, ``3``, ``Level 3``, ``LV.3``, ``레벨 3``."""
    match = _LEVEL.match(match_key(text))
    if not match:
        raise ValueProblem(
            _("%(value)s is not a buyer level (L0, L1, L2, L3 or L4).") % {"value": repr(text)}
        )
    return f"L{match[1]}"


def _size_for_people(count: int) -> str:
    if count <= 10:
        return "micro"
    if count <= 50:
        return "small"
    if count <= 200:
        return "medium"
    if count <= 1000:
        return "large"
    return "enterprise"


@lru_cache(maxsize=4096)
def parse_company_size(text: str) -> str:
    """A size band from a word, a band (``11-50``, ``1,000+``) or a head count (``35``)."""
    key = match_key(text)
    if key in COMPANY_SIZE_WORDS:
        return COMPANY_SIZE_WORDS[key]
    lowered = clean_cell(text).casefold()
    numbers = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", lowered)]
    if not numbers:
        raise ValueProblem(
            _("%(value)s is not a company size (a head count such as 35, or 11-50).")
            % {"value": repr(text)}
        )
    first = numbers[0]
    if "+" in lowered or any(w in lowered for w in ("above", "over", "more than", "이상", "초과")):
        first += 1
    elif any(w in lowered for w in ("fewer", "less", "under", "below", "미만", "이하")):
        first = max(1, first - 1)
    return _size_for_people(first)


_email_validator = EmailValidator()
_url_validator = URLValidator(schemes=["http", "https"])


# Plain addresses (ASCII dot-atom @ ASCII host names) that Django's EmailValidator accepts too;
# anything else goes through the validator. Checking 100k addresses is then ~5× faster.
_PLAIN_EMAIL = re.compile(
    r"[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+(?:\.[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


def parse_email(text: str) -> str:
    """A syntactically valid email address (``mailto:`` and angle brackets removed)."""
    raw = clean_cell(text)
    if raw.casefold().startswith("mailto:"):
        raw = raw[7:]
    raw = raw.strip("<>").strip()
    if len(raw) <= 254 and _PLAIN_EMAIL.fullmatch(raw):
        return raw
    try:
        _email_validator(raw)
    except ValidationError:
        raise ValueProblem(
            _("%(value)s is not an email address.") % {"value": repr(text)}
        ) from None
    if len(raw) > 254:
        raise ValueProblem(_("The email address is too long."))
    return raw


def parse_website(text: str) -> str:
    """An http(s) URL; ``www.example.com`` gets ``https://``."""
    raw = clean_cell(text)
    if not re.match(r"^https?://", raw, re.I):
        raw = "https://" + raw
    try:
        _url_validator(raw)
    except ValidationError:
        raise ValueProblem(
            _("%(value)s is not a website address.") % {"value": repr(text)}
        ) from None
    if len(raw) > 200:
        raise ValueProblem(_("The website address is longer than 200 characters."))
    return raw


def limit_length(text: str, max_length: int) -> str:
    """The cleaned text, refused when longer than the database column allows."""
    raw = clean_cell(text)
    if len(raw) > max_length:
        raise ValueProblem(
            _("Too long: %(length)s characters, at most %(max)s.")
            % {"length": len(raw), "max": max_length}
        )
    return raw


def same_instant(old: object, new: object) -> bool:
    """Whether a file's date-time (whole seconds at best) is the stored one.

    Stored times carry microseconds, files do not: an exported and re-imported time must not
    count as a change.
    """
    if isinstance(old, datetime) and isinstance(new, datetime) and new.microsecond == 0:
        return old.replace(microsecond=0) == new
    return old == new
