"""Samples: who pays what (by the buyer's grade) and how often a sample turns into an order.

Top sellers fund samples by grade: A buyers get them free, B buyers pay half, C buyers pay in
full. The seller's share is a percentage per grade (the workspace's sample policy); it applies to
the sample cost and the courier cost together.

Rounding: amounts are integer minor units (cents, whole won). The seller pays the seller's
percentage of the total rounded *down* to the minor unit, and the buyer pays the rest, so the two
shares always add up to the total exactly. A 50 % split of 101 cents is 50 for the seller and 51
for the buyer.

Conversion: a sample counts as converted when an order followed it. The conversion rate of a grade
is ``converted / (converted + lost + delivered)``: converted samples divided by the samples that
reached the buyer or a decision. Samples still on their way (requested, sent) are left out, since
they have had no chance to convert yet; delivered samples awaiting a decision are counted in, so
the rate is cautious rather than flattering. Cancelled samples count nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

GRADES = ("A", "B", "C")

REQUESTED = "requested"
SENT = "sent"
DELIVERED = "delivered"
CONVERTED = "converted"
LOST = "lost"
CANCELLED = "cancelled"
STATUSES = (REQUESTED, SENT, DELIVERED, CONVERTED, LOST, CANCELLED)

# Which status may follow which. A buyer may order before anyone marks the parcel delivered, and
# a parcel can be lost in transit, so a sent sample may go straight to converted or lost. Once
# sent, a sample is not cancelled (the money is spent): it is converted or lost.
TRANSITIONS: dict[str, frozenset[str]] = {
    REQUESTED: frozenset({SENT, CANCELLED}),
    SENT: frozenset({DELIVERED, CONVERTED, LOST}),
    DELIVERED: frozenset({CONVERTED, LOST}),
    CONVERTED: frozenset(),
    LOST: frozenset(),
    CANCELLED: frozenset(),
}
# Statuses after the sample left the warehouse: the seller's share is then money spent.
WENT_OUT = frozenset({SENT, DELIVERED, CONVERTED, LOST})


def can_transition(current: str, new: str) -> bool:
    """Whether a sample in status ``current`` may move to ``new``."""
    for status in (current, new):
        if status not in TRANSITIONS:
            raise ValueError(f"Unknown sample status: {status!r}")
    return new in TRANSITIONS[current]


def _check_pct(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole percentage, got {value!r}")
    if not 0 <= value <= 100:
        raise ValueError(f"{name} must be between 0 and 100, got {value}")
    return value


def _check_grade(grade: str) -> str:
    if grade not in GRADES:
        raise ValueError(f"Unknown grade: {grade!r} (expected one of A, B, C)")
    return grade


@dataclass(frozen=True, slots=True)
class SamplePolicy:
    """The seller's share of sample costs per grade in whole percent (A 100 / B 50 / C 0)."""

    share_a: int = 100
    share_b: int = 50
    share_c: int = 0

    def __post_init__(self) -> None:
        _check_pct("share_a", self.share_a)
        _check_pct("share_b", self.share_b)
        _check_pct("share_c", self.share_c)

    def seller_pct(self, grade: str) -> int:
        """The seller's percentage for a buyer of this grade."""
        return self.as_snapshot()[_check_grade(grade)]

    def as_snapshot(self) -> dict[str, int]:
        """The policy as stored with a sample: ``{"A": 100, "B": 50, "C": 0}``."""
        return {"A": self.share_a, "B": self.share_b, "C": self.share_c}

    @classmethod
    def from_snapshot(cls, snapshot: Mapping[str, int]) -> SamplePolicy:
        """Rebuild a policy from a stored snapshot; a missing grade raises ValueError."""
        try:
            return cls(snapshot["A"], snapshot["B"], snapshot["C"])
        except KeyError as missing:
            raise ValueError(f"Policy snapshot lacks grade {missing}") from None


@dataclass(frozen=True, slots=True)
class SampleSplit:
    """Who pays what for one sample, in minor units of its currency."""

    seller_share_pct: int
    seller_minor: int
    buyer_minor: int

    @property
    def total_minor(self) -> int:
        return self.seller_minor + self.buyer_minor


def split_sample_cost(
    cost_minor: int, courier_minor: int, grade: str, policy: SamplePolicy
) -> SampleSplit:
    """Split sample plus courier cost between seller and buyer by the grade's share.

    The seller pays ``total * pct / 100`` rounded down to the minor unit; the buyer pays the rest,
    so ``seller_minor + buyer_minor == cost_minor + courier_minor`` always holds.
    Raises ValueError for negative or non-integer costs and unknown grades.
    """
    for name, value in (("cost_minor", cost_minor), ("courier_minor", courier_minor)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name} must be an integer number of minor units, got {value!r}")
        if value < 0:
            raise ValueError(f"{name} cannot be negative, got {value}")
    pct = policy.seller_pct(grade)
    total = cost_minor + courier_minor
    seller = total * pct // 100
    return SampleSplit(seller_share_pct=pct, seller_minor=seller, buyer_minor=total - seller)


@dataclass(frozen=True, slots=True)
class SampleTally:
    """``count`` samples of one grade (at request time), status and currency.

    One row per sample works (count 1), and so do rows already grouped by the database.
    ``seller_minor`` is the seller's share summed over those samples.
    """

    grade: str
    status: str
    count: int = 1
    seller_minor: int = 0
    currency: str = "USD"


@dataclass(slots=True)
class GradeConversion:
    """Sample→order conversion of one grade.

    ``requested``: every sample requested, except cancelled ones.
    ``in_transit``: requested or sent, not yet delivered (no chance to convert yet).
    ``delivered``: delivered and awaiting a decision.
    ``converted`` / ``lost``: decided.
    ``seller_spend``: the seller's share of samples that went out (sent or later), per currency.
    """

    grade: str
    requested: int = 0
    in_transit: int = 0
    delivered: int = 0
    converted: int = 0
    lost: int = 0
    cancelled: int = 0
    seller_spend: dict[str, int] = field(default_factory=dict)

    @property
    def reached(self) -> int:
        """Samples that reached the buyer or a decision: the rate's denominator."""
        return self.delivered + self.converted + self.lost

    @property
    def rate(self) -> float | None:
        """converted ÷ (converted + lost + delivered); None while no sample reached anyone."""
        return self.converted / self.reached if self.reached else None


def conversion_by_grade(rows: Iterable[SampleTally]) -> list[GradeConversion]:
    """Conversion counts, rate and seller spend for grades A, B and C (always all three, in order).

    Raises ValueError for an unknown grade or status, or a negative count.
    """
    result = {grade: GradeConversion(grade=grade) for grade in GRADES}
    for row in rows:
        item = result[_check_grade(row.grade)]
        if row.status not in TRANSITIONS:
            raise ValueError(f"Unknown sample status: {row.status!r}")
        if row.count < 0:
            raise ValueError(f"A count cannot be negative, got {row.count}")
        if row.status == CANCELLED:
            item.cancelled += row.count
            continue
        item.requested += row.count
        if row.status in (REQUESTED, SENT):
            item.in_transit += row.count
        elif row.status == DELIVERED:
            item.delivered += row.count
        elif row.status == CONVERTED:
            item.converted += row.count
        else:
            item.lost += row.count
        if row.status in WENT_OUT and row.seller_minor:
            item.seller_spend[row.currency] = (
                item.seller_spend.get(row.currency, 0) + row.seller_minor
            )
    return [result[grade] for grade in GRADES]
