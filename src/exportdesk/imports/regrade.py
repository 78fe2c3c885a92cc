"""Grades and tags for imported buyers, with a fixed number of queries.

New buyers are graded here from their own fields (they have no orders, messages or samples yet)
with the workspace's rubric, exactly as ``buyers.services.buyer_register`` grades them, and get
their system tags in one insert. Buyers that already existed are handed to
``buyers.services.buyers_regrade_many``, which reads their orders, messages and samples in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import fields as dataclass_fields
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.buyers.models import Buyer, Tag
from exportdesk.buyers.services import (
    BuyerFacts,
    buyers_regrade_many,
    is_system_tag,
    signals_from,
)
from exportdesk.domain.grading import BuyerSignals, Contribution, grade_buyer

CHUNK = 500
_CONTRIBUTION_FIELDS = tuple(f.name for f in dataclass_fields(Contribution))


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    """Consecutive slices of at most ``size`` items (keeps ``IN (...)`` lists short)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Grader:
    """Grades new buyers with the workspace's rubric; identical signals are graded once."""

    def __init__(self, workspace: WorkspaceSettings) -> None:
        self.weights = dict(workspace.rubric_weights or {})
        self.a_threshold = workspace.grade_a_threshold
        self.b_threshold = workspace.grade_b_threshold
        self.priority = tuple(getattr(workspace, "priority_countries", None) or ())
        self._priority_upper = frozenset(str(c).upper() for c in self.priority)
        self._grade = lru_cache(maxsize=65536)(self._compute)
        self._by_fields: dict[tuple[Any, ...], tuple[str, int, list[dict[str, Any]]]] = {}

    def _compute(self, signals: BuyerSignals) -> tuple[str, int, list[dict[str, Any]]]:
        result = grade_buyer(
            signals,
            weights=self.weights,
            a_threshold=self.a_threshold,
            b_threshold=self.b_threshold,
            priority_countries=self.priority,
        )
        # GradeResult.reasons_as_dicts() with dataclasses.asdict is slow at 100k rows.
        reasons = [
            {name: getattr(r, name) for name in _CONTRIBUTION_FIELDS} for r in result.reasons
        ]
        return result.grade, result.score, reasons

    def apply_new(self, buyer: Buyer) -> None:
        """Grade an unsaved buyer from its own fields (``buyer_register``'s rules)."""
        # The fields signals_from reads for a buyer without history: equal fields, equal grade.
        # The rubric reads the country only to ask whether it is a priority market (and then
        # names it), so all other countries share one key.
        country = buyer.country
        key = (
            buyer.company_size,
            buyer.platform_level,
            buyer.business_type,
            buyer.annual_purchase_minor,
            buyer.annual_purchase_currency,
            getattr(buyer, "verified", False),
            country if country and country.upper() in self._priority_upper else "",
        )
        cached = self._by_fields.get(key)
        if cached is None:
            cached = self._grade(signals_from(buyer, BuyerFacts()))
            if len(self._by_fields) < 200_000:
                self._by_fields[key] = cached
        grade, score, reasons = cached
        if not buyer.grade_locked:
            buyer.grade = grade
        buyer.grade_score = score
        # Buyers with the same signals share one reasons list: imported instances are written
        # and dropped, never edited, and the insert serialises each shared list once.
        buyer.grade_reasons = reasons


def tags_by_name(names: Iterable[str]) -> dict[str, int]:
    """Tag ids by name, creating missing tags (system or user by their name)."""
    wanted = set(names)
    if not wanted:
        return {}
    have = dict(Tag.objects.filter(name__in=wanted).values_list("name", "id"))
    missing = [Tag(name=n, is_system=is_system_tag(n)) for n in sorted(wanted - have.keys())]
    if missing:
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        have = dict(Tag.objects.filter(name__in=wanted).values_list("name", "id"))
    return have


def link_tags(tags_of: Mapping[int, Set[str]]) -> int:
    """Add tags to saved buyers (``{buyer id: names}``); links that exist are left alone."""
    from exportdesk.imports.bulk import insert_rows

    ids = tags_by_name(set().union(*tags_of.values()))
    links = [(buyer_id, ids[name]) for buyer_id, extra in tags_of.items() for name in extra]
    return insert_rows(Buyer.tags.through, ["buyer", "tag"], links, ignore_conflicts=True)


def tag_new_buyers(
    buyers: Sequence[Buyer],
    *,
    workspace: WorkspaceSettings,
    now: datetime,
    user_tags: dict[int, set[str]] | None = None,
) -> int:
    """System tags (grade, level, dormant) and the file's user tags of just-created buyers."""
    cutoff = now - timedelta(days=workspace.dormant_days)
    user_tags = user_tags or {}
    # Buyers share a handful of (grade, level, dormant) combinations: build each tag set once.
    system: dict[tuple[str, str, bool], frozenset[str]] = {}
    tags_of: dict[int, Set[str]] = {}
    for buyer in buyers:
        last = buyer.last_contact_at
        key = (buyer.grade, buyer.platform_level, bool(last and last < cutoff))
        wanted = system.get(key)
        if wanted is None:
            names = {f"grade:{key[0]}"}
            if key[1]:
                names.add(f"level:{key[1]}")
            if key[2]:
                names.add("dormant")
            wanted = system[key] = frozenset(names)
        extra = user_tags.get(buyer.id)
        tags_of[buyer.id] = wanted | extra if extra else wanted
    return link_tags(tags_of)


def regrade_existing(
    buyer_ids: Iterable[int], *, actor: AbstractBaseUser | None, cause: str = "import"
) -> None:
    """Regrade saved buyers from all their data and refresh their system tags."""
    ids = sorted(set(buyer_ids))
    # SQLite caps the parameters of one statement; the regrade filters by ``pk IN (...)``.
    for part in chunks(ids, 5000):
        buyers_regrade_many(buyer_ids=part, cause=cause, actor=actor)


def allocate_after_commit(buyer_ids: Sequence[int], *, actor: AbstractBaseUser | None) -> None:
    """Give new unassigned buyers a rep once the import commits (workspace ``auto_allocate``)."""
    from django.db import transaction

    from exportdesk.buyers.services import buyers_allocate_unassigned, rep_roster

    ids = list(buyer_ids)
    workspace = WorkspaceSettings.current()
    if not ids or not getattr(workspace, "auto_allocate", False):
        return

    def allocate() -> None:
        if not rep_roster(workspace).loads:
            return  # nobody to allocate to: skip reading every new buyer again
        for part in chunks(ids, 5000):
            buyers_allocate_unassigned(actor=actor, buyer_ids=part)

    transaction.on_commit(allocate, robust=True)
