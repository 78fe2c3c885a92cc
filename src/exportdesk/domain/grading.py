"""The A/B/C grading rubric: explainable points per factor.

Top sellers grade buyers by company size, order potential, buying intent and the platform's
buyer level (L0–L4). Each factor contributes points, capped by the workspace's weight for it, and
carries a sentence in Korean and English so the grade explains itself on the buyer page.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

DEFAULT_RUBRIC_WEIGHTS: dict[str, int] = {
    "company_size": 20,
    "order_potential": 25,
    "buying_intent": 25,
    "platform_level": 20,
    "other": 10,
}
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
# Estimated annual purchase in US dollars at which order potential is full.
FULL_POTENTIAL_USD = 100_000


@dataclass(frozen=True, slots=True)
class BuyerSignals:
    """What is known about a buyer that bears on the grade (all optional)."""

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
        return [asdict(reason) for reason in self.reasons]


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
    return round(weight * max(0.0, min(1.0, share)))


def grade_buyer(
    signals: BuyerSignals,
    weights: dict[str, int] | None = None,
    a_threshold: int = DEFAULT_A_THRESHOLD,
    b_threshold: int = DEFAULT_B_THRESHOLD,
) -> GradeResult:
    """Score a buyer against the rubric and return the grade with its reasons."""
    w = {**DEFAULT_RUBRIC_WEIGHTS, **(weights or {})}
    reasons: list[Contribution] = []

    if signals.company_size in COMPANY_SIZE_SHARE:
        en, ko = SIZE_LABELS[signals.company_size]
        pts = _points(w["company_size"], COMPANY_SIZE_SHARE[signals.company_size])
        reasons.append(Contribution("company_size", pts, en.capitalize(), ko))

    potential = max(signals.annual_purchase_usd or 0.0, (signals.largest_order_usd or 0.0) * 6)
    if potential > 0:
        pts = _points(w["order_potential"], potential / FULL_POTENTIAL_USD)
        reasons.append(
            Contribution(
                "order_potential",
                pts,
                f"Order potential about US${potential:,.0f} a year",
                f"연간 예상 구매액 약 US${potential:,.0f}",
            )
        )

    intent_share = 0.0
    intent_en: list[str] = []
    intent_ko: list[str] = []
    for flag, share, en, ko in (
        (signals.asked_quantity, 0.3, "asked for a specific quantity", "구체적 수량 문의"),
        (signals.asked_target_price, 0.3, "gave a target price", "목표 단가 제시"),
        (signals.asked_sample, 0.2, "requested samples", "샘플 요청"),
        (signals.repeat_contact, 0.2, "came back more than once", "반복 문의"),
    ):
        if flag:
            intent_share += share
            intent_en.append(en)
            intent_ko.append(ko)
    if intent_en:
        reasons.append(
            Contribution(
                "buying_intent",
                _points(w["buying_intent"], intent_share),
                "Buying intent: " + ", ".join(intent_en),
                "구매 의도: " + ", ".join(intent_ko),
            )
        )

    if signals.platform_level in PLATFORM_LEVEL_SHARE:
        lvl = signals.platform_level
        reasons.append(
            Contribution(
                "platform_level",
                _points(w["platform_level"], PLATFORM_LEVEL_SHARE[lvl]),
                f"{lvl} buyer on the platform",
                f"플랫폼 {lvl} 바이어",
            )
        )

    other_share = 0.0
    other_en: list[str] = []
    other_ko: list[str] = []
    if signals.business_type in BUSINESS_TYPE_SHARE:
        other_share += 0.6 * BUSINESS_TYPE_SHARE[signals.business_type]
        en, ko = TYPE_LABELS[signals.business_type]
        other_en.append(en)
        other_ko.append(ko)
    if signals.has_orders:
        other_share += 0.4
        other_en.append("has ordered before")
        other_ko.append("거래 이력 있음")
    if other_en:
        reasons.append(
            Contribution(
                "other",
                _points(w["other"], other_share),
                ", ".join(other_en).capitalize(),
                ", ".join(other_ko),
            )
        )

    score = min(100, sum(r.points for r in reasons))
    if score >= a_threshold:
        grade = "A"
    elif score >= b_threshold:
        grade = "B"
    else:
        grade = "C"
    reasons.sort(key=lambda r: r.points, reverse=True)
    return GradeResult(grade=grade, score=score, reasons=reasons)
