"""Win probability learned from the seller's own history: naive Bayes per field value.

The way Odoo's predictive lead scoring does it: for every field value (country ``HU``, business
type ``importer``, platform level ``L3`` …) count how often it occurs among *won* buyers and among
*lost* buyers, with Laplace smoothing, and combine the likelihood ratios with the prior odds:

    log odds = log(won / lost) + Σ_fields log( P(value | won) / P(value | lost) )
    P(value | won) = (won buyers with the value + 1) / (won buyers with the field known + K)

where K is the number of distinct values of the field seen in training. The sum is taken in log
space and turned back with the logistic function. A field whose value is empty, or was never seen
in training, carries no information and is skipped (smoothing alone would favour the smaller
class). The model speaks only once there are at least ``MIN_EACH`` won and ``MIN_EACH`` lost
buyers; before that it says how much history is missing.

Which buyers are won or lost, and which features they have, is the caller's business (see
``buyers.services``); this module is pure.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from exportdesk.domain.grading import SIZE_LABELS, TYPE_LABELS, country_label

MIN_EACH = 30
LAPLACE_ALPHA = 1.0
TOP_FACTORS = 3

FIELDS = (
    "country",
    "business_type",
    "company_size",
    "platform_level",
    "channel",
    "verified",
    "intent",
    "potential",
)
FIELD_LABELS = {
    "country": ("Country", "국가"),
    "business_type": ("Business type", "업종"),
    "company_size": ("Company size", "회사 규모"),
    "platform_level": ("Platform level", "플랫폼 등급"),
    "channel": ("Channel", "채널"),
    "verified": ("Verified buyer", "인증 바이어"),
    "intent": ("Buying intent", "구매 의도"),
    "potential": ("Order potential (before any order)", "주문 잠재력(주문 전)"),
}
CHANNEL_LABELS = {
    "alibaba": ("Alibaba.com", "Alibaba.com"),
    "email": ("email", "이메일"),
    "whatsapp": ("WhatsApp", "WhatsApp"),
    "website": ("website", "웹사이트"),
    "tradeshow": ("trade show", "전시회"),
    "other": ("other", "기타"),
}
BUCKET_LABELS = {
    "none": ("none", "없음"),
    "low": ("low", "낮음"),
    "medium": ("medium", "중간"),
    "high": ("high", "높음"),
}
YES_NO_LABELS = {"yes": ("yes", "예"), "no": ("no", "아니오")}


def points_bucket(points: int, weight: int) -> str:
    """A rubric factor's points as a coarse bucket: none, low, medium or high."""
    if points <= 0 or weight <= 0:
        return "none"
    share = points / weight
    if share < 1 / 3:
        return "low"
    if share < 2 / 3:
        return "medium"
    return "high"


def buyer_features(
    *,
    country: str,
    business_type: str,
    company_size: str,
    platform_level: str,
    channel: str,
    verified: bool,
    intent_points: int,
    intent_weight: int,
    potential_points: int,
    potential_weight: int,
) -> dict[str, str]:
    """The model's inputs for one buyer (empty string = unknown, skipped)."""
    return {
        "country": country or "",
        "business_type": business_type or "",
        "company_size": company_size or "",
        "platform_level": platform_level or "",
        "channel": channel or "",
        "verified": "yes" if verified else "no",
        "intent": points_bucket(intent_points, intent_weight),
        "potential": points_bucket(potential_points, potential_weight),
    }


@dataclass(frozen=True)
class WinModel:
    """Counts of field values among won and lost buyers."""

    won: int
    lost: int
    # field -> value -> [won count, lost count]
    counts: Mapping[str, Mapping[str, tuple[int, int]]] = field(default_factory=dict)
    min_each: int = MIN_EACH
    # field -> (won buyers with the field known, lost buyers with the field known)
    known: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        """Whether there is enough history to predict."""
        return self.won >= self.min_each and self.lost >= self.min_each

    def status(self, language: str = "en") -> str:
        """Why the model does (not) predict, in English or Korean."""
        if self.active:
            if language == "ko":
                return f"성사 {self.won}명 / 실패 {self.lost}명의 이력으로 학습"
            return f"learned from {self.won} won / {self.lost} lost buyers"
        if language == "ko":
            return f"이력 부족(성사 {self.won}명 / 실패 {self.lost}명, 각각 {self.min_each}명 필요)"
        return f"not enough history ({self.won} won / {self.lost} lost, needs {self.min_each} each)"


@dataclass(frozen=True)
class Factor:
    """One field value's effect: the likelihood ratio P(value | won) / P(value | lost)."""

    field: str
    value: str
    log_ratio: float

    @property
    def ratio(self) -> float:
        return math.exp(self.log_ratio)

    def text(self, language: str = "en") -> str:
        """``Country: Hungary (×2.1)`` / ``국가: 헝가리 (×2.1)``."""
        idx = 1 if language == "ko" else 0
        label = FIELD_LABELS.get(self.field, (self.field, self.field))[idx]
        return f"{label}: {value_label(self.field, self.value, language)} (×{self.ratio:.2g})"

    def as_dict(self) -> dict[str, object]:
        """JSON-ready, with the sentence in both languages."""
        return {
            "field": self.field,
            "value": self.value,
            "ratio": round(self.ratio, 3),
            "text_en": self.text("en"),
            "text_ko": self.text("ko"),
        }


@dataclass(frozen=True)
class WinPrediction:
    """The probability of winning the buyer and the factors behind it, strongest first."""

    probability: float
    factors: list[Factor]

    def top(self, n: int = TOP_FACTORS) -> list[Factor]:
        return self.factors[:n]


def value_label(field_name: str, value: str, language: str = "en") -> str:
    """A field value as people read it (country names, business types …)."""
    idx = 1 if language == "ko" else 0
    if field_name == "country":
        return country_label(value, language)
    tables: dict[str, Mapping[str, tuple[str, str]]] = {
        "business_type": TYPE_LABELS,
        "company_size": SIZE_LABELS,
        "channel": CHANNEL_LABELS,
        "intent": BUCKET_LABELS,
        "potential": BUCKET_LABELS,
        "verified": YES_NO_LABELS,
    }
    table = tables.get(field_name, {})
    return table[value][idx] if value in table else value


def fit(
    examples: Iterable[tuple[Mapping[str, str], bool]], *, min_each: int = MIN_EACH
) -> WinModel:
    """Count field values among won (True) and lost (False) examples."""
    won = lost = 0
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for features, is_won in examples:
        if is_won:
            won += 1
        else:
            lost += 1
        for name, value in features.items():
            if value:
                counts[name][value][0 if is_won else 1] += 1
    frozen = {
        name: {value: (pair[0], pair[1]) for value, pair in values.items()}
        for name, values in counts.items()
    }
    known = {
        name: (sum(w for w, _ in values.values()), sum(lo for _, lo in values.values()))
        for name, values in frozen.items()
    }
    return WinModel(won=won, lost=lost, counts=frozen, min_each=min_each, known=known)


def predict(model: WinModel, features: Mapping[str, str]) -> WinPrediction | None:
    """The win probability of one buyer, or None while the model lacks history."""
    if not model.active:
        return None
    log_odds = math.log(model.won / model.lost)
    factors: list[Factor] = []
    for name, value in features.items():
        values = model.counts.get(name)
        if not value or not values or value not in values:
            continue
        k = len(values)
        won_known, lost_known = model.known[name]
        won_count, lost_count = values[value]
        p_won = (won_count + LAPLACE_ALPHA) / (won_known + LAPLACE_ALPHA * k)
        p_lost = (lost_count + LAPLACE_ALPHA) / (lost_known + LAPLACE_ALPHA * k)
        log_ratio = math.log(p_won / p_lost)
        log_odds += log_ratio
        factors.append(Factor(name, value, log_ratio))
    factors.sort(key=lambda f: (-abs(f.log_ratio), f.field))
    return WinPrediction(probability=_logistic(log_odds), factors=factors)


def _logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)
