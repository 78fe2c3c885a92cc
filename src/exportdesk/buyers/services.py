"""The one write path for buyers: every change goes through here and leaves a BuyerEvent."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.buyers.models import Buyer, BuyerEvent, Tag
from exportdesk.domain.grading import BuyerSignals, grade_buyer
from exportdesk.domain.identity import normalise_company_name
from exportdesk.domain.money import Money, approx_usd

SYSTEM_TAG_PREFIXES = ("grade:", "level:")
SYSTEM_TAG_NAMES = frozenset({"transacted", "reordered", "sample-sent", "dormant"})
# Fields whose change can move the grade.
GRADING_FIELDS = frozenset(
    {
        "company_size",
        "platform_level",
        "business_type",
        "annual_purchase_minor",
        "annual_purchase_currency",
    }
)
EDITABLE_FIELDS = (
    "company",
    "contact_name",
    "email",
    "phone",
    "country",
    "website",
    "channel",
    "platform_buyer_id",
    "platform_level",
    "company_size",
    "business_type",
    "annual_purchase_minor",
    "annual_purchase_currency",
    "assigned_rep",
    "notes",
)


def is_system_tag(name: str) -> bool:
    """Whether the tag is kept by the code (users cannot add or remove it)."""
    return name in SYSTEM_TAG_NAMES or name.startswith(SYSTEM_TAG_PREFIXES)


def buyer_event_record(
    *,
    buyer: Buyer,
    kind: str,
    payload: dict[str, Any] | None = None,
    actor: AbstractBaseUser | None = None,
    at: datetime | None = None,
) -> BuyerEvent:
    """Append one event to the buyer's timeline."""
    return BuyerEvent.objects.create(
        buyer=buyer,
        kind=kind,
        payload=payload or {},
        actor=actor if actor is not None and actor.is_authenticated else None,
        at=at or timezone.now(),
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, AbstractBaseUser):
        return value.get_username()
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _signals(buyer: Buyer) -> BuyerSignals:
    annual = None
    if buyer.annual_purchase_minor:
        annual = approx_usd(Money(buyer.annual_purchase_minor, buyer.annual_purchase_currency))
    has_orders = bool(buyer.pk) and buyer.orders.exclude(status="cancelled").exists()
    return BuyerSignals(
        company_size=buyer.company_size,
        platform_level=buyer.platform_level,
        business_type=buyer.business_type,
        annual_purchase_usd=annual,
        has_orders=has_orders,
    )


def _apply_grade(buyer: Buyer, workspace: WorkspaceSettings) -> bool:
    """Recompute grade fields in place; return whether the grade letter changed."""
    result = grade_buyer(
        _signals(buyer),
        weights=workspace.rubric_weights,
        a_threshold=workspace.grade_a_threshold,
        b_threshold=workspace.grade_b_threshold,
    )
    changed = result.grade != buyer.grade
    buyer.grade = result.grade
    buyer.grade_score = result.score
    buyer.grade_reasons = result.reasons_as_dicts()
    return changed


def buyer_sync_system_tags(*, buyer: Buyer) -> None:
    """Make the buyer's system tags match its state (grade, level, orders, samples, contact)."""
    wanted = {f"grade:{buyer.grade}"}
    if buyer.platform_level:
        wanted.add(f"level:{buyer.platform_level}")
    transacted = buyer.orders.filter(status__in=["paid", "shipped", "delivered"]).count()
    if transacted:
        wanted.add("transacted")
    if transacted >= 2:
        wanted.add("reordered")
    if buyer.samples.exclude(status__in=["requested", "cancelled"]).exists():
        wanted.add("sample-sent")
    dormant_days = WorkspaceSettings.current().dormant_days
    if buyer.last_contact_at and buyer.last_contact_at < timezone.now() - timedelta(
        days=dormant_days
    ):
        wanted.add("dormant")
    current_system = [t for t in buyer.tags.all() if t.is_system]
    stale = [t for t in current_system if t.name not in wanted]
    if stale:
        buyer.tags.remove(*stale)
    have = {t.name for t in current_system}
    missing = wanted - have
    if missing:
        tags = [Tag.objects.get_or_create(name=n, defaults={"is_system": True})[0] for n in missing]
        buyer.tags.add(*tags)


@transaction.atomic
def buyer_register(
    *,
    actor: AbstractBaseUser | None,
    company: str,
    country: str,
    at: datetime | None = None,
    **fields: Any,
) -> Buyer:
    """Register a new buyer: validate, grade, tag and record the event."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown buyer fields: {sorted(unknown)}")
    when = at or timezone.now()
    buyer = Buyer(company=company.strip(), country=(country or "").strip().upper(), **fields)
    buyer.normalized_company = normalise_company_name(buyer.company)
    buyer.first_contact_at = buyer.first_contact_at or when
    buyer.last_contact_at = buyer.last_contact_at or when
    _apply_grade(buyer, WorkspaceSettings.current())
    buyer.full_clean()
    buyer.save()
    buyer_sync_system_tags(buyer=buyer)
    buyer_event_record(
        buyer=buyer,
        kind="registered",
        payload={"channel": buyer.channel, "grade": buyer.grade, "score": buyer.grade_score},
        actor=actor,
        at=when,
    )
    return buyer


@transaction.atomic
def buyer_update(*, buyer: Buyer, actor: AbstractBaseUser | None, changes: dict[str, Any]) -> Buyer:
    """Change profile fields, regrading when a grading field moved; records what changed."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown buyer fields: {sorted(unknown)}")
    diff: dict[str, list[Any]] = {}
    for field, new in changes.items():
        old = getattr(buyer, field)
        if field == "country" and isinstance(new, str):
            new = new.strip().upper()
        if old != new:
            diff[field] = [_jsonable(old), _jsonable(new)]
            setattr(buyer, field, new)
    if not diff:
        return buyer
    buyer.normalized_company = normalise_company_name(buyer.company)
    old_grade = buyer.grade
    if not buyer.grade_locked and GRADING_FIELDS & diff.keys():
        _apply_grade(buyer, WorkspaceSettings.current())
    buyer.full_clean()
    buyer.save()
    buyer_sync_system_tags(buyer=buyer)
    buyer_event_record(buyer=buyer, kind="updated", payload={"changes": diff}, actor=actor)
    if "assigned_rep" in diff:
        buyer_event_record(
            buyer=buyer,
            kind="assigned",
            payload={"from": diff["assigned_rep"][0], "to": diff["assigned_rep"][1]},
            actor=actor,
        )
    if buyer.grade != old_grade:
        buyer_event_record(
            buyer=buyer,
            kind="graded",
            payload={"from": old_grade, "to": buyer.grade, "score": buyer.grade_score},
            actor=actor,
        )
    return buyer


@transaction.atomic
def buyer_regrade(*, buyer: Buyer, actor: AbstractBaseUser | None = None, cause: str) -> Buyer:
    """Recompute the grade from the rubric (unless locked); records a change of letter."""
    if buyer.grade_locked:
        return buyer
    old_grade, old_score = buyer.grade, buyer.grade_score
    _apply_grade(buyer, WorkspaceSettings.current())
    if (buyer.grade, buyer.grade_score) == (old_grade, old_score):
        return buyer
    buyer.save(update_fields=["grade", "grade_score", "grade_reasons", "updated_at"])
    buyer_sync_system_tags(buyer=buyer)
    if buyer.grade != old_grade:
        buyer_event_record(
            buyer=buyer,
            kind="graded",
            payload={
                "from": old_grade,
                "to": buyer.grade,
                "score": buyer.grade_score,
                "cause": cause,
            },
            actor=actor,
        )
    return buyer


@transaction.atomic
def buyer_tag_add(*, buyer: Buyer, actor: AbstractBaseUser | None, name: str) -> Tag:
    """Add a user tag; system tags are refused."""
    clean = " ".join((name or "").split()).lower()
    if not clean:
        raise ValidationError("A tag needs a name.")
    if len(clean) > 60:
        raise ValidationError("A tag name can be at most 60 characters.")
    if is_system_tag(clean):
        raise ValidationError(f"{clean!r} is a system tag and is kept automatically.")
    tag, _created = Tag.objects.get_or_create(name=clean, defaults={"is_system": False})
    if tag.is_system:
        raise ValidationError(f"{clean!r} is a system tag and is kept automatically.")
    if not buyer.tags.filter(pk=tag.pk).exists():
        buyer.tags.add(tag)
        buyer_event_record(buyer=buyer, kind="tagged", payload={"tag": clean}, actor=actor)
    return tag


@transaction.atomic
def buyer_tag_remove(*, buyer: Buyer, actor: AbstractBaseUser | None, name: str) -> None:
    """Remove a user tag; system tags are refused."""
    tag = Tag.objects.filter(name=name).first()
    if tag is None:
        return
    if tag.is_system:
        raise ValidationError(f"{name!r} is a system tag and is kept automatically.")
    if buyer.tags.filter(pk=tag.pk).exists():
        buyer.tags.remove(tag)
        buyer_event_record(buyer=buyer, kind="untagged", payload={"tag": name}, actor=actor)
