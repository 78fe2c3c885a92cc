"""Who gets a buyer: allocation by grade to reps with spare capacity.

Top sellers put their most senior people on A buyers only and let juniors (or the assistant)
handle the rest. The rules, in the order they are tried:

| grade | tried in this order                                    | when nobody fits     |
|-------|-------------------------------------------------------|----------------------|
| A     | senior reps with spare capacity; then the least-loaded | unassigned (only     |
|       | senior even over capacity (an A buyer never waits);    | with no rep at all)  |
|       | juniors only when there is no senior rep at all        |                      |
| B     | senior reps with spare capacity; then reps (junior)    | unassigned           |
|       | with spare capacity                                    |                      |
| C     | reps (junior) with spare capacity                      | unassigned: the      |
|       |                                                        | assistant queue      |

Within the eligible reps the least loaded goes first (load = active assigned buyers); ties go to
the lower user id, so the same input always gives the same answer. A rep has spare capacity when
``load < capacity``.

A rep *stays eligible* for a buyer whose grade changed when the rules would still allow that kind
of rep for the new grade (A: senior, or a junior when there are no seniors; B: anyone; C: junior,
or anyone when no junior has spare capacity). Reassignment happens only for ineligible reps.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

SENIOR = "senior"
JUNIOR = "junior"

RULE_LABELS = {
    "senior": ("senior rep with spare capacity", "여유 있는 시니어 담당자"),
    "senior_over_capacity": (
        "senior rep, all over capacity",
        "시니어 담당자(모두 정원 초과)",
    ),
    "junior": ("rep with spare capacity", "여유 있는 담당자"),
    "junior_over_capacity": ("rep, all over capacity", "담당자(모두 정원 초과)"),
    "no_capacity": ("no rep with spare capacity", "여유 있는 담당자 없음"),
}


@dataclass(frozen=True, slots=True)
class RepLoad:
    """A rep as allocation sees them."""

    rep_id: int
    seniority: str
    capacity: int
    load: int

    @property
    def has_capacity(self) -> bool:
        return self.load < self.capacity

    @property
    def is_senior(self) -> bool:
        return self.seniority == SENIOR


@dataclass(frozen=True, slots=True)
class Allocation:
    """The chosen rep (None: stays unassigned) and the rule that chose them."""

    rep_id: int | None
    rule: str


def _least_loaded(reps: Iterable[RepLoad]) -> RepLoad | None:
    return min(reps, key=lambda r: (r.load, r.rep_id), default=None)


def choose_rep(grade: str, reps: Sequence[RepLoad]) -> Allocation:
    """The rep a buyer of this grade should go to (see the table in the module docstring)."""
    seniors = [r for r in reps if r.is_senior]
    juniors = [r for r in reps if not r.is_senior]
    if grade == "A":
        steps: list[tuple[str, list[RepLoad]]] = [
            ("senior", [r for r in seniors if r.has_capacity]),
            ("senior_over_capacity", seniors),
        ]
        if not seniors:
            steps += [
                ("junior", [r for r in juniors if r.has_capacity]),
                ("junior_over_capacity", juniors),
            ]
    elif grade == "B":
        steps = [
            ("senior", [r for r in seniors if r.has_capacity]),
            ("junior", [r for r in juniors if r.has_capacity]),
        ]
    else:
        steps = [("junior", [r for r in juniors if r.has_capacity])]
    for rule, candidates in steps:
        chosen = _least_loaded(candidates)
        if chosen is not None:
            return Allocation(chosen.rep_id, rule)
    return Allocation(None, "no_capacity")


def is_eligible(grade: str, rep: RepLoad | None, reps: Sequence[RepLoad]) -> bool:
    """Whether the buyer's current rep may keep a buyer of this grade."""
    if rep is None:
        return False
    if grade == "A":
        return rep.is_senior or not any(r.is_senior for r in reps)
    if grade == "B":
        return True
    return not rep.is_senior or not any(not r.is_senior and r.has_capacity for r in reps)


def allocate_many(
    buyers: Sequence[tuple[int, str]], reps: Sequence[RepLoad]
) -> dict[int, Allocation]:
    """Allocate buyers ``(buyer_id, grade)`` one by one, A first, each raising the chosen load.

    Within a grade the given order is kept (the caller sorts, e.g. by score).
    """
    loads = {r.rep_id: r for r in reps}
    rank = {"A": 0, "B": 1, "C": 2}
    ordered = sorted(enumerate(buyers), key=lambda item: (rank.get(item[1][1], 3), item[0]))
    result: dict[int, Allocation] = {}
    for _index, (buyer_id, grade) in ordered:
        allocation = choose_rep(grade, list(loads.values()))
        result[buyer_id] = allocation
        if allocation.rep_id is not None:
            chosen = loads[allocation.rep_id]
            loads[allocation.rep_id] = replace(chosen, load=chosen.load + 1)
    return result
