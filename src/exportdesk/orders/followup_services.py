"""The one write path for generated follow-ups: generate, done, snooze, dismiss.

``followups_generate`` reads the facts the rules of ``domain.followups`` need in a few bulk
queries, asks the rules what is due and creates the FollowUp rows that do not exist yet: each
generated follow-up has a ``FollowUpOrigin`` whose unique key names its reason, so running the
generator twice (or every night) never creates a second follow-up for the same reason, whether
the first is open, done, snoozed or dismissed. Assignee: the buyer's rep; A buyers first.

Rule days come from the workspace settings (``WorkspaceSettings.followup_rules``, editable on
the Settings page); the defaults are the house practice: check-in 14 days after delivery, review
request 7, reorder due 7 days before the predicted next order, dormant after 30/60/90 days
without contact (A/B/C), sample follow-up 14 days after delivery, new-product alert for launches
of the last 30 days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.buyers.models import Buyer, FollowUp
from exportdesk.buyers.services import buyer_event_record
from exportdesk.catalog.models import Product
from exportdesk.domain import followups as rules
from exportdesk.inbox.models import Message
from exportdesk.orders.models import (
    FollowUpOrigin,
    Order,
    OrderLine,
    ReorderPrediction,
    Review,
    Sample,
)

CHUNK = 500
SNOOZE_DAYS = (1, 3, 7)
MAX_SNOOZE_DAYS = 30
DISMISS_REASON_MAX = 200
NOT_CANCELLED = ~Q(status=Order.Status.CANCELLED)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _first_line_name(order_ref: str = "pk") -> Subquery:
    """The name of an order's first line (product name, else description), for messages."""
    return Subquery(
        OrderLine.objects.filter(order=OuterRef(order_ref))
        .order_by("id")
        .annotate(name=Coalesce("product__name_en", "description"))
        .values("name")[:1]
    )


@dataclass
class _Facts:
    orders: dict[int, list[rules.DeliveredOrder]]
    samples: dict[int, list[rules.DeliveredSample]]
    predictions: dict[int, ReorderPrediction]
    categories: dict[int, set[str]]
    dormant_ids: set[int]


def _gather(now: datetime, config: rules.FollowUpRules, launches: list[rules.Launch]) -> _Facts:
    horizon = now + timedelta(days=config.lookahead_days)
    oldest = now - timedelta(days=config.stale_days)
    longest = max(config.checkin_days, config.review_days)
    shortest = min(config.checkin_days, config.review_days)

    orders: dict[int, list[rules.DeliveredOrder]] = defaultdict(list)
    for row in (
        Order.objects.filter(
            status=Order.Status.DELIVERED,
            delivered_at__gte=oldest - timedelta(days=longest),
            delivered_at__lte=horizon - timedelta(days=shortest),
        )
        .annotate(
            reviewed=Exists(Review.objects.filter(order=OuterRef("pk"))),
            product=_first_line_name(),
        )
        .values("id", "buyer_id", "number", "delivered_at", "reviewed", "product")
    ):
        orders[row["buyer_id"]].append(
            rules.DeliveredOrder(
                row["id"], row["number"], row["delivered_at"], row["reviewed"], row["product"] or ""
            )
        )

    samples: dict[int, list[rules.DeliveredSample]] = defaultdict(list)
    later_order = Order.objects.filter(
        NOT_CANCELLED, buyer_id=OuterRef("buyer_id"), quoted_at__gt=OuterRef("delivered_at")
    )
    first_product = Subquery(
        Sample.products.through.objects.filter(sample_id=OuterRef("pk"))
        .order_by("id")
        .values("product__name_en")[:1]
    )
    for row in (
        Sample.objects.filter(
            status=Sample.Status.DELIVERED,
            delivered_at__gte=oldest - timedelta(days=config.sample_days),
            delivered_at__lte=horizon - timedelta(days=config.sample_days),
        )
        .annotate(ordered=Exists(later_order), product=first_product)
        .values("id", "buyer_id", "delivered_at", "ordered", "product")
    ):
        samples[row["buyer_id"]].append(
            rules.DeliveredSample(
                row["id"], row["delivered_at"], row["ordered"], row["product"] or ""
            )
        )

    predictions = {
        p.buyer_id: p
        for p in ReorderPrediction.objects.filter(
            next_order_on__gte=(oldest + timedelta(days=config.reorder_lead_days)).date(),
            next_order_on__lte=(horizon + timedelta(days=config.reorder_lead_days)).date(),
        ).exclude(last_order_on=None)
    }

    categories: dict[int, set[str]] = defaultdict(set)
    launch_categories = {launch.category for launch in launches}
    if launch_categories:
        bought = OrderLine.objects.filter(product__category__in=launch_categories).exclude(
            order__status=Order.Status.CANCELLED
        )
        for buyer_id, category in bought.values_list("order__buyer_id", "product__category"):
            categories[buyer_id].add(category)
        asked = Sample.products.through.objects.filter(product__category__in=launch_categories)
        for buyer_id, category in asked.values_list("sample__buyer_id", "product__category"):
            categories[buyer_id].add(category)

    days = [d for d in config.dormant_days.values() if d]
    dormant_ids: set[int] = set()
    if days:
        dormant_ids = set(
            Buyer.objects.filter(
                last_contact_at__gte=oldest - timedelta(days=max(days)),
                last_contact_at__lte=horizon - timedelta(days=min(days)),
            ).values_list("id", flat=True)
        )
    return _Facts(orders, samples, predictions, categories, dormant_ids)


def _languages(buyer_ids: Sequence[int]) -> dict[int, str]:
    """The language of each buyer's latest inbound message that has one."""
    found: dict[int, str] = {}
    for part in _chunks(buyer_ids):
        for buyer_id, language in (
            Message.objects.filter(direction="in", conversation__buyer_id__in=part)
            .exclude(language="")
            .order_by("sent_at", "id")
            .values_list("conversation__buyer_id", "language")
        ):
            found[buyer_id] = language
    return found


@dataclass(frozen=True)
class GenerateReport:
    """How many follow-ups were due and how many were new."""

    due: int
    created: int
    by_kind: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return {"due": self.due, "created": self.created, "by_kind": self.by_kind}


def followups_generate(
    *, now: datetime | None = None, config: rules.FollowUpRules | None = None
) -> GenerateReport:
    """Create the follow-ups the rules say are due and that do not exist yet (idempotent)."""
    moment = now or timezone.now()
    workspace = WorkspaceSettings.current()
    config = config or workspace.followup_rules()
    zone = ZoneInfo(workspace.timezone)
    local_now = moment.astimezone(zone)
    launches = [
        rules.Launch(pk, name, category, launched)  # type: ignore[arg-type]
        for pk, name, category, launched in Product.objects.filter(
            launched_at__gte=local_now.date() - timedelta(days=config.new_product_days),
            launched_at__lte=local_now.date(),
        )
        .exclude(launched_at=None)
        .values_list("id", "name_en", "category", "launched_at")
    ]
    facts = _gather(moment, config, launches)
    ids = sorted(
        set(facts.orders)
        | set(facts.samples)
        | set(facts.predictions)
        | set(facts.categories)
        | facts.dormant_ids
    )
    buyers: dict[int, Buyer] = {}
    for part in _chunks(ids):
        buyers.update(
            (b.pk, b)
            for b in Buyer.objects.filter(pk__in=part).only(
                "id",
                "grade",
                "contact_name",
                "company",
                "country",
                "assigned_rep_id",
                "last_contact_at",
            )
        )
    languages = _languages(ids)
    inputs = []
    for buyer_id in ids:
        buyer = buyers.get(buyer_id)
        if buyer is None:
            continue
        prediction = facts.predictions.get(buyer_id)
        inputs.append(
            rules.BuyerFacts(
                buyer_id=buyer_id,
                grade=buyer.grade,
                language=rules.message_language(languages.get(buyer_id, ""), buyer.country),
                contact_name=buyer.contact_name,
                company=buyer.company,
                last_contact_at=buyer.last_contact_at if buyer_id in facts.dormant_ids else None,
                delivered_orders=facts.orders.get(buyer_id, ()),
                delivered_samples=facts.samples.get(buyer_id, ()),
                next_order_on=prediction.next_order_on if prediction else None,
                last_order_on=prediction.last_order_on if prediction else None,
                categories=frozenset(facts.categories.get(buyer_id, ())),
            )
        )
    due = rules.due_followups(inputs, now=local_now, launches=launches, rules=config)
    existing: set[str] = set()
    keys = [item.key for item in due]
    for part in _chunks(keys):
        existing.update(FollowUpOrigin.objects.filter(key__in=part).values_list("key", flat=True))
    fresh = [item for item in due if item.key not in existing]
    by_kind: dict[str, int] = defaultdict(int)
    with transaction.atomic():
        rows = FollowUp.objects.bulk_create(
            [
                FollowUp(
                    buyer_id=item.buyer_id,
                    kind=item.kind,
                    due_at=item.due_at,
                    assignee_id=buyers[item.buyer_id].assigned_rep_id,
                    suggested_message=item.message,
                    status=FollowUp.Status.OPEN,
                    reason=item.reason[:200],
                )
                for item in fresh
            ],
            batch_size=CHUNK,
        )
        FollowUpOrigin.objects.bulk_create(
            [
                FollowUpOrigin(followup=row, key=item.key, reason_params=dict(item.reason_params))
                for row, item in zip(rows, fresh, strict=True)
            ],
            batch_size=CHUNK,
        )
    for item in fresh:
        by_kind[item.kind] += 1
    return GenerateReport(due=len(due), created=len(fresh), by_kind=dict(by_kind))


# --- acting on a follow-up ----------------------------------------------------------------------

ACTIVE = (FollowUp.Status.OPEN, FollowUp.Status.SNOOZED)


def _lock_active(followup: FollowUp) -> None:
    followup.refresh_from_db(from_queryset=FollowUp.objects.select_for_update())
    if followup.status not in ACTIVE:
        raise ValidationError(
            _("This follow-up is already %(status)s.")
            % {"status": str(FollowUp.Status(followup.status).label).lower()},
            code="closed",
        )


def _event(followup: FollowUp, kind: str, actor: Any, at: datetime, **extra: Any) -> None:
    buyer_event_record(
        buyer=followup.buyer,
        kind=kind,
        payload={"followup": followup.pk, "kind": followup.kind, **extra},
        actor=actor,
        at=at,
    )


@transaction.atomic
def followup_done(
    *, followup: FollowUp, actor: AbstractBaseUser | None, at: datetime | None = None
) -> FollowUp:
    """The buyer was contacted; event ``followup_done``."""
    _lock_active(followup)
    when = at or timezone.now()
    followup.status = FollowUp.Status.DONE
    followup.done_at = when
    followup.save(update_fields=["status", "done_at"])
    _event(followup, "followup_done", actor, when)
    return followup


@transaction.atomic
def followup_snooze(
    *,
    followup: FollowUp,
    actor: AbstractBaseUser | None,
    days: int,
    at: datetime | None = None,
) -> FollowUp:
    """Hide the follow-up for ``days`` (1–30); it comes back on the Today page after that."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_SNOOZE_DAYS:
        raise ValidationError(
            _("Snooze for 1 to %(max)d days.") % {"max": MAX_SNOOZE_DAYS}, code="bad_days"
        )
    _lock_active(followup)
    when = at or timezone.now()
    followup.status = FollowUp.Status.SNOOZED
    followup.snoozed_until = when + timedelta(days=days)
    followup.save(update_fields=["status", "snoozed_until"])
    _event(followup, "followup_snoozed", actor, when, days=days)
    return followup


@transaction.atomic
def followup_dismiss(
    *,
    followup: FollowUp,
    actor: AbstractBaseUser | None,
    reason: str,
    at: datetime | None = None,
) -> FollowUp:
    """Drop the follow-up for a stated reason; it is never generated again for that reason.

    ``reason`` replaces the rule's reason on the row; the event keeps both."""
    clean = " ".join((reason or "").split())
    if not clean:
        raise ValidationError(_("Say why you dismiss this follow-up."), code="reason_required")
    if len(clean) > DISMISS_REASON_MAX:
        raise ValidationError(
            _("The reason can be at most %(max)d characters.") % {"max": DISMISS_REASON_MAX},
            code="reason_too_long",
        )
    _lock_active(followup)
    when = at or timezone.now()
    rule_reason = followup.reason  # why it was generated; the event keeps it
    followup.status = FollowUp.Status.DISMISSED
    followup.done_at = when
    followup.reason = clean
    followup.save(update_fields=["status", "done_at", "reason"])
    _event(followup, "followup_dismissed", actor, when, reason=clean, rule_reason=rule_reason)
    return followup
