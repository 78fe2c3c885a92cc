"""The A/B/C grading rubric: explainable points per factor.

Top sellers grade buyers by company size, order potential, buying intent, the platform's buyer
level (L0–L4) and a few other indicators. Each of the five factors earns a *share* (0–1) of its
weight; the score is the sum of the points (capped at 100). Each factor carries one sentence in
Korean and in English that names the concrete numbers behind it, so the grade explains itself on
the buyer page ("asked for 5,000 pcs with a target price of US$1.20/pcs (+14)").

Default weights (points) and thresholds, all editable on the Settings page:

| factor            | weight | share earned                                                        |
|-------------------|-------:|---------------------------------------------------------------------|
| `company_size`    | 20 | micro 0.1 · small 0.4 · medium 0.7 · large 0.9 · enterprise 1.0         |
| `order_potential` | 25 | the best of: estimated annual purchase ÷ US$100,000; 6 × average paid   |
|                   |    | order ÷ US$100,000 (a reorder every two months); largest paid order ÷   |
|                   |    | US$20,000; 0.75 × asked quantity × target price ÷ US$20,000; quantity   |
|                   |    | in pieces alone: 0.5 × quantity ÷ 10,000                                |
| `buying_intent`   | 25 | specific quantity 0.30 · target price 0.25 · sample request 0.15 ·      |
|                   |    | repeat contact 0.10 (≥ 2 inquiries or ≥ 3 messages) · answered our     |
|                   |    | questions 0.10 · fast replies 0.10 (most replies within 24 h)          |
| `platform_level`  | 20 | L0 0 · L1 0.25 · L2 0.5 · L3 0.8 · L4 1.0                               |
| `other`           | 10 | business type 0.6 × (importer/distributor 1.0, brand owner 0.8,         |
|                   |    | retailer 0.6, online seller 0.4, other 0.1) · verified buyer 0.2 ·      |
|                   |    | country on the priority list 0.2 · has ordered (paid) before 0.4;       |
|                   |    | capped at the full weight                                               |

| grade | score (default) |
|-------|-----------------|
| A     | ≥ 60            |
| B     | ≥ 30            |
| C     | below 30        |

Points are rounded half up. Weights need not add up to 100; the thresholds are absolute scores.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache

from exportdesk.domain.money import APPROX_USD_PER_UNIT

DEFAULT_RUBRIC_WEIGHTS: dict[str, int] = {
    "company_size": 20,
    "order_potential": 25,
    "buying_intent": 25,
    "platform_level": 20,
    "other": 10,
}
FACTORS = tuple(DEFAULT_RUBRIC_WEIGHTS)
DEFAULT_A_THRESHOLD = 60
DEFAULT_B_THRESHOLD = 30

# Share of the factor's weight earned by each value.
COMPANY_SIZE_SHARE = {
    "micro": 0.1,
    "small": 0.4,
    "medium": 0.7,
    "large": 0.9,
    "enterprise": 1.0,
}
PLATFORM_LEVEL_SHARE = {"L0": 0.0, "L1": 0.25, "L2": 0.5, "L3": 0.8, "L4": 1.0}
BUSINESS_TYPE_SHARE = {
    "importer": 1.0,
    "distributor": 1.0,
    "brand_owner": 0.8,
    "retailer": 0.6,
    "online_seller": 0.4,
    "other": 0.1,
}

# Order potential: the amounts at which the factor is full.
FULL_POTENTIAL_USD = 100_000  # a year of purchases
FULL_ORDER_USD = 20_000  # one order
FULL_QUANTITY = 10_000  # pieces asked for in one inquiry
ORDERS_PER_YEAR = 6  # a reorder every two months (the seminar's 1–2 month cycle)
INQUIRY_DISCOUNT = 0.75  # an inquiry's quantity × target price is talk, not yet an order
QUANTITY_ONLY_SHARE = 0.5  # a quantity without a price fills at most half the factor

# Buying intent: share of each sign.
INTENT_SHARES = {
    "quantity": 0.30,
    "target_price": 0.25,
    "sample": 0.15,
    "repeat": 0.10,
    "answers": 0.10,
    "fast_replies": 0.10,
}
REPEAT_CONVERSATIONS = 2
REPEAT_MESSAGES = 3
FAST_REPLY_HOURS = 24

# Other indicators: share of each.
# They may add up to more than 1: the factor is capped at its weight.
OTHER_SHARES = {"business_type": 0.6, "verified": 0.2, "priority_country": 0.2, "ordered": 0.4}

# Units that count pieces, so quantity × unit price is an order value.
PIECE_UNITS = frozenset(
    {
        "",
        "pc",
        "pcs",
        "piece",
        "pieces",
        "unit",
        "units",
        "ea",
        "each",
        "set",
        "sets",
        "bottle",
        "bottles",
        "item",
        "items",
        "개",
        "ea.",
    }
)


@dataclass(frozen=True, slots=True)
class BuyerSignals:
    """What is known about a buyer that bears on the grade (all optional).

    The boolean flags can be given alone (e.g. by an importer that only knows "asked for a
    quantity"); the numbers, where known, make the sentences concrete and imply the flags.
    """

    company_size: str = ""
    platform_level: str = ""
    business_type: str = ""
    annual_purchase_usd: float | None = None
    largest_order_usd: float | None = None
    asked_quantity: bool = False
    asked_target_price: bool = False
    asked_sample: bool = False
    repeat_contact: bool = False
    has_orders: bool = False
    # Orders (paid, shipped or delivered), in approximate US dollars.
    average_order_usd: float | None = None
    order_count: int = 0
    # The largest quantity asked for in an inquiry, and the target price given with it.
    quantity: float | None = None
    quantity_unit: str = ""
    target_price: float | None = None
    target_price_currency: str = ""
    target_price_per: str = ""
    # Samples requested (not cancelled).
    samples_requested: int = 0
    # Inbound inquiries (conversations) and messages from the buyer.
    conversations: int = 0
    inbound_messages: int = 0
    # Our questions the buyer answered; the buyer's replies to us and how many came fast.
    questions_answered: int = 0
    replies: int = 0
    fast_replies: int = 0
    verified: bool = False
    country: str = ""


@dataclass(frozen=True, slots=True)
class Contribution:
    """One factor's points and the sentence that explains them."""

    factor: str
    points: int
    text_en: str
    text_ko: str


@dataclass(frozen=True, slots=True)
class GradeResult:
    """The grade, its score out of 100 and the contributions that made it."""

    grade: str
    score: int
    reasons: list[Contribution] = field(default_factory=list)

    def reasons_as_dicts(self) -> list[dict[str, object]]:
        """The contributions as JSON-ready dicts."""
        # Not dataclasses.asdict: its deep copy is the slowest part of grading 100k buyers.
        return [
            {"factor": r.factor, "points": r.points, "text_en": r.text_en, "text_ko": r.text_ko}
            for r in self.reasons
        ]

    def points_by_factor(self) -> dict[str, int]:
        """Points earned per factor (0 for a factor without a reason)."""
        points = dict.fromkeys(FACTORS, 0)
        for reason in self.reasons:
            points[reason.factor] = points.get(reason.factor, 0) + reason.points
        return points


SIZE_LABELS = {
    "micro": ("micro company (1–10)", "소기업(1–10명)"),
    "small": ("small company (11–50)", "소규모 회사(11–50명)"),
    "medium": ("mid-size company (51–200)", "중견 회사(51–200명)"),
    "large": ("large company (201–1,000)", "대기업(201–1,000명)"),
    "enterprise": ("enterprise (1,000+)", "대기업(1,000명 이상)"),
}
TYPE_LABELS = {
    "importer": ("importer", "수입상"),
    "distributor": ("distributor", "유통사"),
    "brand_owner": ("brand owner", "브랜드사"),
    "retailer": ("retailer", "소매업체"),
    "online_seller": ("online seller", "온라인 셀러"),
    "other": ("other business", "기타 업종"),
}


def _points(weight: int, share: float) -> int:
    """Points for a share of the weight, rounded half up."""
    return math.floor(weight * max(0.0, min(1.0, share)) + 0.5)


def grade_letter(score: int, a_threshold: int, b_threshold: int) -> str:
    """The letter a score earns under the thresholds."""
    if score >= a_threshold:
        return "A"
    if score >= b_threshold:
        return "B"
    return "C"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _usd(amount: float) -> str:
    return f"US${amount:,.0f}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def _unit(unit: str) -> str:
    return unit.strip() or "pcs"


def _price(amount: float, currency: str, per: str) -> str:
    code = (currency or "USD").upper()
    text = f"US${amount:,.2f}" if code == "USD" else f"{amount:,.2f} {code}"
    return f"{text}/{per.strip()}" if per.strip() else text


def _to_usd(amount: float, currency: str) -> float | None:
    rate = APPROX_USD_PER_UNIT.get((currency or "USD").upper())
    return None if rate is None else amount * rate


def _is_piece_unit(unit: str) -> bool:
    return unit.strip().lower() in PIECE_UNITS


def inquiry_value_usd(signals: BuyerSignals) -> float | None:
    """Quantity asked × target price in approximate US dollars, when both are in pieces."""
    if signals.quantity is None or signals.target_price is None:
        return None
    if not (_is_piece_unit(signals.quantity_unit) and _is_piece_unit(signals.target_price_per)):
        return None
    unit_usd = _to_usd(signals.target_price, signals.target_price_currency)
    return None if unit_usd is None else signals.quantity * unit_usd


@lru_cache(maxsize=4)
def _country_names(language: str) -> dict[str, str]:
    try:
        from babel import Locale

        return dict(Locale.parse(language).territories)
    except (ImportError, ValueError):  # pragma: no cover - babel ships with the app
        return {}


def country_label(code: str, language: str) -> str:
    """The country's name in English or Korean (the code itself if unknown)."""
    return _country_names(language).get(code.upper(), code.upper())


def _company_size(signals: BuyerSignals, weight: int) -> Contribution | None:
    if signals.company_size not in COMPANY_SIZE_SHARE:
        return None
    en, ko = SIZE_LABELS[signals.company_size]
    pts = _points(weight, COMPANY_SIZE_SHARE[signals.company_size])
    return Contribution("company_size", pts, _capitalised(en), ko)


def _order_potential(signals: BuyerSignals, weight: int) -> Contribution | None:
    shares: list[float] = []
    en: list[str] = []
    ko: list[str] = []
    if signals.annual_purchase_usd:
        shares.append(signals.annual_purchase_usd / FULL_POTENTIAL_USD)
        en.append(f"estimated annual purchase {_usd(signals.annual_purchase_usd)}")
        ko.append(f"연간 예상 구매액 {_usd(signals.annual_purchase_usd)}")
    largest, average, count = (
        signals.largest_order_usd,
        signals.average_order_usd,
        signals.order_count,
    )
    if largest:
        shares.append(largest / FULL_ORDER_USD)
    if average:
        shares.append(ORDERS_PER_YEAR * average / FULL_POTENTIAL_USD)
    if largest and average and count > 1:
        en.append(f"largest order {_usd(largest)}, average {_usd(average)} over {count:,} orders")
        ko.append(f"최대 주문 {_usd(largest)}, 평균 {_usd(average)}(주문 {count:,}건)")
    elif largest or average:
        amount = largest or average or 0.0
        en.append(f"largest order {_usd(amount)}")
        ko.append(f"최대 주문 {_usd(amount)}")
    value = inquiry_value_usd(signals)
    if value is not None and signals.quantity is not None and signals.target_price is not None:
        shares.append(INQUIRY_DISCOUNT * value / FULL_ORDER_USD)
        qty = f"{_number(signals.quantity)} {_unit(signals.quantity_unit)}"
        price = _price(signals.target_price, signals.target_price_currency, "")
        en.append(f"asked for {qty} at {price} ≈ {_usd(value)} an order")
        ko.append(f"{qty} × {price} 문의 ≈ 주문당 {_usd(value)}")
    elif signals.quantity and _is_piece_unit(signals.quantity_unit):
        shares.append(QUANTITY_ONLY_SHARE * min(1.0, signals.quantity / FULL_QUANTITY))
        qty = f"{_number(signals.quantity)} {_unit(signals.quantity_unit)}"
        en.append(f"asked for {qty}")
        ko.append(f"{qty} 수량 문의")
    if not en:
        return None
    pts = _points(weight, max(shares) if shares else 0.0)
    return Contribution("order_potential", pts, _capitalised("; ".join(en)), "; ".join(ko))


def _buying_intent(signals: BuyerSignals, weight: int) -> Contribution | None:
    share = 0.0
    en: list[str] = []
    ko: list[str] = []
    has_quantity = signals.asked_quantity or signals.quantity is not None
    has_price = signals.asked_target_price or signals.target_price is not None
    qty = (
        f"{_number(signals.quantity)} {_unit(signals.quantity_unit)}"
        if signals.quantity is not None
        else ""
    )
    price = (
        _price(
            signals.target_price,
            signals.target_price_currency,
            signals.target_price_per or signals.quantity_unit,
        )
        if signals.target_price is not None
        else ""
    )
    if has_quantity:
        share += INTENT_SHARES["quantity"]
    if has_price:
        share += INTENT_SHARES["target_price"]
    if has_quantity and has_price:
        en.append(
            f"asked for {qty or 'a specific quantity'} with a target price"
            + (f" of {price}" if price else "")
        )
        ko.append(f"{qty or '구체적'} 수량과 목표 단가" + (f" {price}" if price else "") + " 제시")
    elif has_quantity:
        en.append(f"asked for {qty}" if qty else "asked for a specific quantity")
        ko.append(f"{qty} 수량 문의" if qty else "구체적 수량 문의")
    elif has_price:
        en.append(f"gave a target price of {price}" if price else "gave a target price")
        ko.append(f"목표 단가 {price} 제시" if price else "목표 단가 제시")
    if signals.asked_sample or signals.samples_requested:
        share += INTENT_SHARES["sample"]
        n = signals.samples_requested
        en.append(f"requested samples ({n})" if n > 1 else "requested samples")
        ko.append(f"샘플 요청 {n}건" if n > 1 else "샘플 요청")
    if signals.conversations >= REPEAT_CONVERSATIONS:
        share += INTENT_SHARES["repeat"]
        en.append(f"came back with {signals.conversations} inquiries")
        ko.append(f"{signals.conversations}회 문의")
    elif signals.inbound_messages >= REPEAT_MESSAGES:
        share += INTENT_SHARES["repeat"]
        en.append(f"wrote {signals.inbound_messages} messages")
        ko.append(f"메시지 {signals.inbound_messages}건")
    elif signals.repeat_contact:
        share += INTENT_SHARES["repeat"]
        en.append("came back more than once")
        ko.append("반복 문의")
    if signals.questions_answered:
        share += INTENT_SHARES["answers"]
        n = signals.questions_answered
        en.append(f"answered {n} of our questions" if n > 1 else "answered our question")
        ko.append(f"우리 질문 {n}건에 답변")
    if signals.fast_replies and signals.fast_replies * 2 >= signals.replies:
        share += INTENT_SHARES["fast_replies"]
        en.append(
            f"replied within {FAST_REPLY_HOURS} h ({signals.fast_replies} of "
            f"{signals.replies} replies)"
        )
        ko.append(
            f"{FAST_REPLY_HOURS}시간 내 회신(회신 {signals.replies}건 중 {signals.fast_replies}건)"
        )
    if not en:
        return None
    return Contribution(
        "buying_intent", _points(weight, share), _capitalised(", ".join(en)), ", ".join(ko)
    )


def _platform_level(signals: BuyerSignals, weight: int) -> Contribution | None:
    level = signals.platform_level
    if level not in PLATFORM_LEVEL_SHARE:
        return None
    return Contribution(
        "platform_level",
        _points(weight, PLATFORM_LEVEL_SHARE[level]),
        f"{level} buyer on the platform",
        f"플랫폼 {level} 바이어",
    )


def _other(
    signals: BuyerSignals, weight: int, priority_countries: Collection[str]
) -> Contribution | None:
    share = 0.0
    en: list[str] = []
    ko: list[str] = []
    if signals.business_type in BUSINESS_TYPE_SHARE:
        share += OTHER_SHARES["business_type"] * BUSINESS_TYPE_SHARE[signals.business_type]
        type_en, type_ko = TYPE_LABELS[signals.business_type]
        en.append(type_en)
        ko.append(type_ko)
    if signals.verified:
        share += OTHER_SHARES["verified"]
        en.append("verified buyer")
        ko.append("인증 바이어")
    country = signals.country.upper()
    if country and country in {c.upper() for c in priority_countries}:
        share += OTHER_SHARES["priority_country"]
        en.append(f"priority market ({country_label(country, 'en')})")
        ko.append(f"우선 시장({country_label(country, 'ko')})")
    if signals.has_orders or signals.order_count:
        share += OTHER_SHARES["ordered"]
        if signals.order_count > 1:
            en.append(f"ordered {signals.order_count} times")
            ko.append(f"주문 {signals.order_count}회")
        else:
            en.append("has ordered before")
            ko.append("거래 이력 있음")
    if not en:
        return None
    return Contribution("other", _points(weight, share), _capitalised(", ".join(en)), ", ".join(ko))


def grade_buyer(
    signals: BuyerSignals,
    weights: dict[str, int] | None = None,
    a_threshold: int = DEFAULT_A_THRESHOLD,
    b_threshold: int = DEFAULT_B_THRESHOLD,
    priority_countries: Collection[str] = (),
) -> GradeResult:
    """Score a buyer against the rubric and return the grade with its reasons, largest first."""
    w = {**DEFAULT_RUBRIC_WEIGHTS, **(weights or {})}
    candidates = (
        _company_size(signals, w["company_size"]),
        _order_potential(signals, w["order_potential"]),
        _buying_intent(signals, w["buying_intent"]),
        _platform_level(signals, w["platform_level"]),
        _other(signals, w["other"], priority_countries),
    )
    reasons = [r for r in candidates if r is not None]
    score = min(100, sum(r.points for r in reasons))
    reasons.sort(key=lambda r: r.points, reverse=True)
    return GradeResult(
        grade=grade_letter(score, a_threshold, b_threshold), score=score, reasons=reasons
    )
