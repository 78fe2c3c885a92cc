"""The one write path for buyers: every change goes through here and leaves a BuyerEvent.

Grading is kept current by *events*: whatever changes what the rubric reads must call
``buyer_regrade(buyer=..., actor=..., cause=...)`` after saving, in the same transaction:

- ``inbox`` — after a message is received and triaged (``cause="message"``), and after we send a
  reply (a fast answer from the buyer to it counts);
- ``orders`` — when an order is paid, shipped, delivered or cancelled (``cause="order"``);
- ``orders`` (samples) — when a sample is requested, sent, converted, lost or cancelled
  (``cause="sample"``);
- importers — after importing orders or messages of existing buyers (or ``buyers_regrade_many``).

``buyer_update`` regrades by itself when a grading field moves (level, size, type, annual
purchase, verified, country). Every night ``buyers_nightly`` (the ``nightly_refresh`` task, or
``exportdesk regrade --all``) regrades everybody in batches, refreshes the system tags (``dormant``
above all) and the naive-Bayes win probability.

A *locked* grade keeps its letter: regrades still refresh the score and the reasons (so the buyer
page can say what the rubric alone would give), but never the letter, until it is unlocked.

The grade history is the buyer's ``graded`` events (payload ``from``, ``to``, ``score``,
``cause``); a manual lock also leaves ``grade_locked`` / ``grade_unlocked`` events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.accounts.roles import Role
from exportdesk.buyers.models import Buyer, BuyerEvent, Tag
from exportdesk.domain import allocation as alloc
from exportdesk.domain import win_probability as wp
from exportdesk.domain.grading import (
    DEFAULT_RUBRIC_WEIGHTS,
    FAST_REPLY_HOURS,
    BuyerSignals,
    GradeResult,
    grade_buyer,
)
from exportdesk.domain.identity import normalise_company_name
from exportdesk.domain.money import Money, approx_usd

SYSTEM_TAG_PREFIXES = ("grade:", "level:")
SYSTEM_TAG_NAMES = frozenset({"transacted", "reordered", "sample-sent", "dormant"})
ALL_SYSTEM_TAGS = (
    *(f"grade:{g}" for g in "ABC"),
    *(f"level:L{n}" for n in range(5)),
    *sorted(SYSTEM_TAG_NAMES),
)
# Order statuses that make a buyer a customer ("transacted", "won").
PAID_STATUSES = ("paid", "shipped", "delivered")
# Sample statuses that mean the sample left the building.
SAMPLE_NOT_SENT = ("requested", "cancelled")
# Fields whose change can move the grade.
GRADING_FIELDS = frozenset(
    {
        "company_size",
        "platform_level",
        "business_type",
        "annual_purchase_minor",
        "annual_purchase_currency",
        "verified",
        "country",
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
    "verified",
    "assigned_rep",
    "notes",
)
REP_ROLES = (Role.SENIOR_REP.value, Role.REP.value)
# Who did it: a user, or nobody (tasks, importers); an anonymous user is stored as nobody.
Actor = AbstractBaseUser | AnonymousUser | None
DEFAULT_REP_CAPACITY = 200
CHUNK = 500


def is_system_tag(name: str) -> bool:
    """Whether the tag is kept by the code (users cannot add or remove it)."""
    return name in SYSTEM_TAG_NAMES or name.startswith(SYSTEM_TAG_PREFIXES)


def buyer_event_record(
    *,
    buyer: Buyer,
    kind: str,
    payload: dict[str, Any] | None = None,
    actor: Actor = None,
    at: datetime | None = None,
) -> BuyerEvent:
    """Append one event to the buyer's timeline."""
    return BuyerEvent.objects.create(
        buyer=buyer,
        kind=kind,
        payload=payload or {},
        actor=_actor(actor),
        at=at or timezone.now(),
    )


def _actor(actor: Actor) -> Any:
    """The user to store on an event (anonymous users are stored as nobody)."""
    return actor if actor is not None and actor.is_authenticated else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, AbstractBaseUser):
        return value.get_username()
    if isinstance(value, datetime):
        return value.isoformat()
    return value


# --- what the rubric reads: signals from orders, messages and samples --------------------------


@dataclass
class BuyerFacts:
    """What related tables say about one buyer (filled by ``buyer_facts_bulk``)."""

    order_count: int = 0  # paid, shipped or delivered
    order_usd: list[float] = field(default_factory=list)
    samples_requested: int = 0  # not cancelled
    samples_sent: int = 0
    conversations: int = 0  # with an inbound message that is not low intent
    inbound_messages: int = 0
    questions_answered: int = 0
    replies: int = 0
    fast_replies: int = 0
    asked_sample: bool = False
    quantity: float | None = None
    quantity_unit: str = ""
    target_price: float | None = None
    target_price_currency: str = ""
    target_price_per: str = ""
    open_conversations: int = 0
    closed_conversations: int = 0


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value > 0 else None
    if isinstance(value, str):
        try:
            number = float(value.replace(",", ""))
        except ValueError:
            return None
        return number if number > 0 else None
    return None


def _read_triage(facts: BuyerFacts, quantity: Any, target: Any, intents: Any) -> None:
    """Fold one inbound message's triage (DESIGN.md's contract) into the facts."""
    if isinstance(intents, list) and "sample" in intents:
        facts.asked_sample = True
    qty_value = _number(quantity.get("value")) if isinstance(quantity, dict) else None
    price = _number(target.get("amount")) if isinstance(target, dict) else None
    if qty_value is not None and (facts.quantity is None or qty_value > facts.quantity):
        facts.quantity = qty_value
        facts.quantity_unit = str(quantity.get("unit") or "")[:20]
        if price is not None:  # the price asked with the largest quantity wins
            _set_price(facts, target, price)
    elif price is not None and (facts.target_price is None or qty_value is None):
        _set_price(facts, target, price)


def _set_price(facts: BuyerFacts, target: dict[str, Any], price: float) -> None:
    facts.target_price = price
    facts.target_price_currency = str(target.get("currency") or "USD")[:3].upper()
    facts.target_price_per = str(target.get("per") or "")[:20]


def buyer_facts_bulk(buyer_ids: Sequence[int]) -> dict[int, BuyerFacts]:
    """Facts of many buyers with three queries per 500 buyers (orders, messages, samples)."""
    from exportdesk.inbox.models import Message
    from exportdesk.orders.models import Order, Sample

    facts: dict[int, BuyerFacts] = {pk: BuyerFacts() for pk in buyer_ids}
    fast = timedelta(hours=FAST_REPLY_HOURS)
    for part in _chunks(list(buyer_ids)):
        for buyer_id, currency, total in Order.objects.filter(
            buyer_id__in=part, status__in=PAID_STATUSES
        ).values_list("buyer_id", "currency", "total_minor"):
            item = facts[buyer_id]
            item.order_count += 1
            usd = approx_usd(Money(total, currency)) if total else None
            if usd:
                item.order_usd.append(usd)
        for row in (
            Sample.objects.filter(buyer_id__in=part)
            .values("buyer_id")
            .annotate(
                requested=Count("id", filter=~Q(status="cancelled")),
                sent=Count("id", filter=~Q(status__in=SAMPLE_NOT_SENT)),
            )
        ):
            facts[row["buyer_id"]].samples_requested = row["requested"]
            facts[row["buyer_id"]].samples_sent = row["sent"]
        rows = (
            Message.objects.filter(conversation__buyer_id__in=part, conversation__is_spam=False)
            .annotate(
                asks=Case(
                    When(
                        Q(direction="out") & (Q(body__contains="?") | Q(body__contains="？")),
                        then=Value(True),
                    ),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
            .order_by("conversation_id", "sent_at", "id")
            .values_list(
                "conversation__buyer_id",
                "conversation_id",
                "conversation__status",
                "direction",
                "sent_at",
                "asks",
                "triage__quantity",
                "triage__target_price",
                "triage__intents",
                "triage__low_intent",
            )
        )
        current_conv: int | None = None
        waiting_since: datetime | None = None
        asked = False
        conv_counted = False
        for buyer_id, conv_id, status, direction, sent_at, asks, qty, price, intents, low in rows:
            item = facts[buyer_id]
            if conv_id != current_conv:
                current_conv, waiting_since, asked, conv_counted = conv_id, None, False, False
                if status == "closed":
                    item.closed_conversations += 1
                else:
                    item.open_conversations += 1
            if direction == "out":
                waiting_since = sent_at
                asked = asked or bool(asks)
                continue
            if low is True:
                continue
            item.inbound_messages += 1
            if not conv_counted:
                item.conversations += 1
                conv_counted = True
            if waiting_since is not None:
                item.replies += 1
                if sent_at - waiting_since <= fast:
                    item.fast_replies += 1
                if asked:
                    item.questions_answered += 1
                waiting_since, asked = None, False
            _read_triage(item, qty, price, intents)
    return facts


def signals_from(buyer: Buyer, facts: BuyerFacts) -> BuyerSignals:
    """The rubric's inputs: the buyer's own fields plus the facts from related tables."""
    annual = None
    if buyer.annual_purchase_minor:
        annual = approx_usd(Money(buyer.annual_purchase_minor, buyer.annual_purchase_currency))
    amounts = facts.order_usd
    return BuyerSignals(
        company_size=buyer.company_size,
        platform_level=buyer.platform_level,
        business_type=buyer.business_type,
        annual_purchase_usd=annual,
        largest_order_usd=max(amounts) if amounts else None,
        average_order_usd=sum(amounts) / len(amounts) if amounts else None,
        order_count=facts.order_count,
        has_orders=facts.order_count > 0,
        asked_sample=facts.asked_sample,
        samples_requested=facts.samples_requested,
        quantity=facts.quantity,
        quantity_unit=facts.quantity_unit,
        target_price=facts.target_price,
        target_price_currency=facts.target_price_currency,
        target_price_per=facts.target_price_per,
        conversations=facts.conversations,
        inbound_messages=facts.inbound_messages,
        questions_answered=facts.questions_answered,
        replies=facts.replies,
        fast_replies=facts.fast_replies,
        verified=buyer.verified,
        country=buyer.country,
    )


def buyer_signals_bulk(buyers: Sequence[Buyer]) -> dict[int, BuyerSignals]:
    """Signals of many saved buyers with a fixed number of queries (for importers and tasks)."""
    facts = buyer_facts_bulk([b.pk for b in buyers])
    return {b.pk: signals_from(b, facts[b.pk]) for b in buyers}


def _signals(buyer: Buyer) -> BuyerSignals:
    """Signals of one buyer (three queries; none for an unsaved buyer)."""
    facts = buyer_facts_bulk([buyer.pk])[buyer.pk] if buyer.pk else BuyerFacts()
    return signals_from(buyer, facts)


def _grade(signals: BuyerSignals, workspace: WorkspaceSettings) -> GradeResult:
    return grade_buyer(
        signals,
        weights=workspace.rubric_weights,
        a_threshold=workspace.grade_a_threshold,
        b_threshold=workspace.grade_b_threshold,
        priority_countries=workspace.priority_countries or (),
    )


def _apply_grade(
    buyer: Buyer, workspace: WorkspaceSettings, signals: BuyerSignals | None = None
) -> bool:
    """Recompute score and reasons in place, and the letter unless it is locked.

    Returns whether the letter changed.
    """
    result = _grade(signals if signals is not None else _signals(buyer), workspace)
    old_grade = buyer.grade
    if not buyer.grade_locked:
        buyer.grade = result.grade
    buyer.grade_score = result.score
    buyer.grade_reasons = result.reasons_as_dicts()
    return buyer.grade != old_grade


# --- system tags --------------------------------------------------------------------------------


def _wanted_system_tags(
    buyer: Buyer, *, transacted: int, sample_sent: bool, dormant_before: datetime
) -> set[str]:
    wanted = {f"grade:{buyer.grade}"}
    if buyer.platform_level:
        wanted.add(f"level:{buyer.platform_level}")
    if transacted:
        wanted.add("transacted")
    if transacted >= 2:
        wanted.add("reordered")
    if sample_sent:
        wanted.add("sample-sent")
    if buyer.last_contact_at and buyer.last_contact_at < dormant_before:
        wanted.add("dormant")
    return wanted


def _system_tag_ids(names: Iterable[str]) -> dict[str, int]:
    """Ids of these system tags, creating the missing ones (two queries at most, plus one)."""
    wanted = set(names)
    have = dict(Tag.objects.filter(name__in=wanted).values_list("name", "pk"))
    missing = wanted - have.keys()
    if missing:
        Tag.objects.bulk_create(
            [Tag(name=n, is_system=True) for n in sorted(missing)], ignore_conflicts=True
        )
        have = dict(Tag.objects.filter(name__in=wanted).values_list("name", "pk"))
    return have


def _dormant_cutoff(workspace: WorkspaceSettings, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=workspace.dormant_days)


def buyer_sync_system_tags(*, buyer: Buyer) -> None:
    """Make the buyer's system tags match its state (grade, level, orders, samples, contact)."""
    from exportdesk.orders.models import Sample

    transacted = buyer.orders.filter(status__in=PAID_STATUSES).count()
    sample_sent = Sample.objects.filter(buyer=buyer).exclude(status__in=SAMPLE_NOT_SENT).exists()
    wanted = _wanted_system_tags(
        buyer,
        transacted=transacted,
        sample_sent=sample_sent,
        dormant_before=_dormant_cutoff(WorkspaceSettings.current()),
    )
    current_system = [t for t in buyer.tags.all() if t.is_system]
    stale = [t for t in current_system if t.name not in wanted]
    if stale:
        buyer.tags.remove(*stale)
    missing = wanted - {t.name for t in current_system}
    if missing:
        buyer.tags.add(*_system_tag_ids(missing).values())


def _sync_system_tags_bulk(
    buyers: Sequence[Buyer],
    facts: dict[int, BuyerFacts],
    *,
    dormant_before: datetime,
    tag_ids: dict[str, int],
) -> tuple[int, int]:
    """System tags of many buyers at once; returns (links added, links removed)."""
    through = Buyer.tags.through
    ids = [b.pk for b in buyers]
    current: dict[int, dict[str, int]] = defaultdict(dict)
    for buyer_id, tag_id, name in through.objects.filter(
        buyer_id__in=ids, tag__is_system=True
    ).values_list("buyer_id", "tag_id", "tag__name"):
        current[buyer_id][name] = tag_id
    stale: dict[int, list[int]] = defaultdict(list)
    links = []
    for buyer in buyers:
        item = facts[buyer.pk]
        wanted = _wanted_system_tags(
            buyer,
            transacted=item.order_count,
            sample_sent=item.samples_sent > 0,
            dormant_before=dormant_before,
        )
        have = current.get(buyer.pk, {})
        for name, tag_id in have.items():
            if name not in wanted:
                stale[tag_id].append(buyer.pk)
        for name in wanted - have.keys():
            links.append(through(buyer_id=buyer.pk, tag_id=tag_ids[name]))
    removed = 0
    for tag_id, buyer_ids in stale.items():
        removed += through.objects.filter(tag_id=tag_id, buyer_id__in=buyer_ids).delete()[0]
    if links:
        through.objects.bulk_create(links, ignore_conflicts=True)
    return len(links), removed


# --- register, update, regrade -----------------------------------------------------------------


@transaction.atomic
def buyer_register(
    *,
    actor: Actor,
    company: str,
    country: str,
    at: datetime | None = None,
    **fields: Any,
) -> Buyer:
    """Register a new buyer: validate, grade, tag and record the event.

    A buyer registered without a rep is allocated to one (``buyer_allocate``'s rules) when the
    workspace's ``auto_allocate`` is on, once the registering transaction commits: an import of
    many buyers is then allocated in one go, and a rolled-back one not at all.
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown buyer fields: {sorted(unknown)}")
    when = at or timezone.now()
    workspace = WorkspaceSettings.current()
    buyer = Buyer(company=company.strip(), country=(country or "").strip().upper(), **fields)
    buyer.normalized_company = normalise_company_name(buyer.company)
    buyer.first_contact_at = buyer.first_contact_at or when
    buyer.last_contact_at = buyer.last_contact_at or when
    _apply_grade(buyer, workspace)
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
    if buyer.assigned_rep_id is None and workspace.auto_allocate:
        _allocate_after_commit(buyer.pk)
    return buyer


@transaction.atomic
def buyer_update(*, buyer: Buyer, actor: Actor, changes: dict[str, Any]) -> Buyer:
    """Change profile fields, regrading when a grading field moved; records what changed."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown buyer fields: {sorted(unknown)}")
    diff: dict[str, list[Any]] = {}
    for field_name, value in changes.items():
        new = value
        old = getattr(buyer, field_name)
        if field_name == "country" and isinstance(new, str):
            new = new.strip().upper()
        if old != new:
            diff[field_name] = [_jsonable(old), _jsonable(new)]
            setattr(buyer, field_name, new)
    if not diff:
        return buyer
    buyer.normalized_company = normalise_company_name(buyer.company)
    old_grade = buyer.grade
    workspace = WorkspaceSettings.current()
    if GRADING_FIELDS & diff.keys():
        _apply_grade(buyer, workspace)
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
            payload={
                "from": old_grade,
                "to": buyer.grade,
                "score": buyer.grade_score,
                "cause": "updated",
            },
            actor=actor,
        )
        if "assigned_rep" not in diff:
            _after_letter_change(buyer, actor=actor, workspace=workspace)
    return buyer


@transaction.atomic
def buyer_regrade(*, buyer: Buyer, actor: Actor = None, cause: str) -> Buyer:
    """Recompute the grade from the rubric; records a change of letter as a ``graded`` event.

    Call it after any event that the rubric reads (see the module docstring). A locked grade
    keeps its letter; its score and reasons are still refreshed.
    """
    workspace = WorkspaceSettings.current()
    before = (buyer.grade, buyer.grade_score, buyer.grade_reasons)
    old_grade = buyer.grade
    letter_changed = _apply_grade(buyer, workspace)
    if (buyer.grade, buyer.grade_score, buyer.grade_reasons) == before:
        return buyer
    buyer.save(update_fields=["grade", "grade_score", "grade_reasons", "updated_at"])
    buyer_sync_system_tags(buyer=buyer)
    if letter_changed:
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
        _after_letter_change(buyer, actor=actor, workspace=workspace)
    return buyer


# --- manual override ----------------------------------------------------------------------------

LOCK_REASON_MAX = 200


@transaction.atomic
def buyer_grade_lock(*, buyer: Buyer, actor: Actor, grade: str, reason: str) -> Buyer:
    """Fix the buyer's letter by hand, with a reason; regrades leave the letter alone.

    Raises ValidationError for an unknown grade or an empty (or too long) reason.
    """
    letter = (grade or "").strip().upper()
    text = " ".join((reason or "").split())
    errors: dict[str, str] = {}
    if letter not in {"A", "B", "C"}:
        errors["grade"] = _("Choose grade A, B or C.")
    if not text:
        errors["reason"] = _("Say why the grade is locked; the reason is shown on the buyer page.")
    elif len(text) > LOCK_REASON_MAX:
        errors["reason"] = _("The reason can be at most %(max)d characters.") % {
            "max": LOCK_REASON_MAX
        }
    if errors:
        raise ValidationError(errors)
    old_grade = buyer.grade
    buyer.grade = letter
    buyer.grade_locked = True
    buyer.grade_lock_reason = text
    buyer.save(update_fields=["grade", "grade_locked", "grade_lock_reason", "updated_at"])
    buyer_sync_system_tags(buyer=buyer)
    buyer_event_record(
        buyer=buyer,
        kind="grade_locked",
        payload={"from": old_grade, "grade": letter, "reason": text},
        actor=actor,
    )
    if letter != old_grade:
        buyer_event_record(
            buyer=buyer,
            kind="graded",
            payload={"from": old_grade, "to": letter, "score": buyer.grade_score, "cause": "lock"},
            actor=actor,
        )
        _after_letter_change(buyer, actor=actor, workspace=WorkspaceSettings.current())
    return buyer


@transaction.atomic
def buyer_grade_unlock(*, buyer: Buyer, actor: Actor) -> Buyer:
    """Hand the letter back to the rubric and regrade at once."""
    if not buyer.grade_locked:
        return buyer
    buyer.grade_locked = False
    buyer.grade_lock_reason = ""
    buyer.save(update_fields=["grade_locked", "grade_lock_reason", "updated_at"])
    buyer_event_record(
        buyer=buyer, kind="grade_unlocked", payload={"grade": buyer.grade}, actor=actor
    )
    return buyer_regrade(buyer=buyer, actor=actor, cause="unlock")


# --- tags by hand -------------------------------------------------------------------------------


@transaction.atomic
def buyer_tag_add(*, buyer: Buyer, actor: Actor, name: str) -> Tag:
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
def buyer_tag_remove(*, buyer: Buyer, actor: Actor, name: str) -> None:
    """Remove a user tag; system tags are refused."""
    tag = Tag.objects.filter(name=name).first()
    if tag is None:
        return
    if tag.is_system:
        raise ValidationError(f"{name!r} is a system tag and is kept automatically.")
    if buyer.tags.filter(pk=tag.pk).exists():
        buyer.tags.remove(tag)
        buyer_event_record(buyer=buyer, kind="untagged", payload={"tag": name}, actor=actor)


# --- allocation ---------------------------------------------------------------------------------


def active_buyers_q(cutoff: datetime, prefix: str = "") -> Q:
    """Buyers that count as load: contacted since the dormant cutoff (or never dated)."""
    return Q(**{f"{prefix}last_contact_at__gte": cutoff}) | Q(
        **{f"{prefix}last_contact_at__isnull": True}
    )


@dataclass
class RepRoster:
    """The reps allocation may choose from, with their loads."""

    loads: list[alloc.RepLoad]
    usernames: dict[int, str]

    def get(self, rep_id: int | None) -> alloc.RepLoad | None:
        return next((r for r in self.loads if r.rep_id == rep_id), None)


def rep_roster(workspace: WorkspaceSettings, now: datetime | None = None) -> RepRoster:
    """Active users in the rep roles with seniority, capacity and load (one query)."""
    cutoff = _dormant_cutoff(workspace, now)
    in_role = Group.objects.filter(user=OuterRef("pk"), name__in=REP_ROLES)
    senior_role = Group.objects.filter(user=OuterRef("pk"), name=Role.SENIOR_REP.value)
    users = (
        get_user_model()
        .objects.filter(Exists(in_role), is_active=True)
        .annotate(
            in_senior_role=Exists(senior_role),
            load=Count("buyers", filter=active_buyers_q(cutoff, "buyers__")),
        )
        .select_related("rep_profile")
        .order_by("pk")
    )
    loads: list[alloc.RepLoad] = []
    usernames: dict[int, str] = {}
    for user in users:
        profile = getattr(user, "rep_profile", None)  # RelatedObjectDoesNotExist → None
        if profile is not None:
            seniority, capacity = profile.seniority, profile.capacity
        else:
            seniority = alloc.SENIOR if user.in_senior_role else alloc.JUNIOR
            capacity = DEFAULT_REP_CAPACITY
        loads.append(alloc.RepLoad(user.pk, seniority, capacity, user.load))
        usernames[user.pk] = user.get_username()
    return RepRoster(loads=loads, usernames=usernames)


def _assigned_payload(
    old: str | None, new: str, allocation: alloc.Allocation, grade: str
) -> dict[str, Any]:
    return {
        "from": old,
        "to": new,
        "reason": "allocation",
        "rule": allocation.rule,
        "grade": grade,
    }


@transaction.atomic
def buyer_allocate(*, buyer: Buyer, actor: Actor, only_if_ineligible: bool = False) -> Buyer:
    """Give the buyer to the rep the allocation rules choose (``domain.allocation``).

    With ``only_if_ineligible`` a buyer whose current rep may keep it stays put. A buyer is never
    taken from its rep to be left unassigned. Records an ``assigned`` event with reason
    ``allocation`` when the rep changes.
    """
    workspace = WorkspaceSettings.current()
    roster = rep_roster(workspace)
    current = roster.get(buyer.assigned_rep_id)
    if (
        current is not None
        and only_if_ineligible
        and alloc.is_eligible(buyer.grade, current, roster.loads)
    ):
        return buyer
    loads = roster.loads
    active = buyer.last_contact_at is None or buyer.last_contact_at >= _dormant_cutoff(workspace)
    if current is not None and active:  # do not count the buyer against its own rep
        loads = [replace(r, load=r.load - 1) if r is current else r for r in loads]
    choice = alloc.choose_rep(buyer.grade, loads)
    if choice.rep_id is None or choice.rep_id == buyer.assigned_rep_id:
        return buyer
    old = buyer.assigned_rep.get_username() if buyer.assigned_rep is not None else None
    buyer.assigned_rep_id = choice.rep_id
    buyer.save(update_fields=["assigned_rep", "updated_at"])
    buyer_event_record(
        buyer=buyer,
        kind="assigned",
        payload=_assigned_payload(old, roster.usernames[choice.rep_id], choice, buyer.grade),
        actor=actor,
    )
    return buyer


@dataclass(frozen=True)
class AllocationReport:
    """What ``buyers_allocate_unassigned`` did."""

    assigned: int
    left_unassigned: int
    by_rep: dict[str, int] = field(default_factory=dict)


@transaction.atomic
def buyers_allocate_unassigned(
    *, actor: Actor, buyer_ids: Sequence[int] | None = None
) -> AllocationReport:
    """Allocate every active unassigned buyer (or those of ``buyer_ids``), A buyers first.

    Dormant buyers stay in the unassigned queue: they do not count as load, and the follow-up
    engine wakes them. Queries: a fixed handful, whatever the number of buyers.
    """
    workspace = WorkspaceSettings.current()
    now = timezone.now()
    roster = rep_roster(workspace, now)
    queue = Buyer.objects.filter(assigned_rep__isnull=True).filter(
        active_buyers_q(_dormant_cutoff(workspace, now))
    )
    if buyer_ids is not None:
        queue = queue.filter(pk__in=list(buyer_ids))
    buyers = list(
        queue.select_for_update().order_by("-grade_score", "pk").only("pk", "grade", "updated_at")
    )
    choices = alloc.allocate_many([(b.pk, b.grade) for b in buyers], roster.loads)
    changed: list[Buyer] = []
    events: list[BuyerEvent] = []
    by_rep: dict[str, int] = defaultdict(int)
    for buyer in buyers:
        choice = choices[buyer.pk]
        if choice.rep_id is None:
            continue
        buyer.assigned_rep_id = choice.rep_id
        buyer.updated_at = now
        changed.append(buyer)
        username = roster.usernames[choice.rep_id]
        by_rep[username] += 1
        events.append(
            BuyerEvent(
                buyer_id=buyer.pk,
                kind="assigned",
                payload=_assigned_payload(None, username, choice, buyer.grade),
                actor=_actor(actor),
                at=now,
            )
        )
    Buyer.objects.bulk_update(changed, ["assigned_rep", "updated_at"], batch_size=CHUNK)
    BuyerEvent.objects.bulk_create(events, batch_size=CHUNK)
    return AllocationReport(
        assigned=len(changed), left_unassigned=len(buyers) - len(changed), by_rep=dict(by_rep)
    )


class _AllocationBatch:
    """Buyers waiting for the current transaction to commit before they are allocated."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.done = False

    def __call__(self) -> None:
        self.done = True
        if self.ids:
            buyers_allocate_unassigned(actor=None, buyer_ids=sorted(self.ids))


def _allocate_after_commit(buyer_id: int) -> None:
    """Allocate the buyer once the current transaction commits, batched per transaction.

    One callback per transaction (not per buyer) keeps a 100k-row import to one allocation.
    A rolled-back transaction drops its callback, so the batch is started afresh.
    """
    connection = transaction.get_connection()
    batch: _AllocationBatch | None = getattr(connection, "_exportdesk_allocation_batch", None)
    registered = batch is not None and any(
        func is batch for _sids, func, _robust in connection.run_on_commit
    )
    if batch is None or batch.done or not registered:
        batch = _AllocationBatch()
        connection._exportdesk_allocation_batch = batch  # type: ignore[attr-defined]
        transaction.on_commit(batch, robust=True)
    batch.ids.add(buyer_id)


def _after_letter_change(buyer: Buyer, *, actor: Actor, workspace: WorkspaceSettings) -> None:
    """A new letter may call for another rep: allocate the unassigned, reassign the misfit."""
    if buyer.assigned_rep_id is None:
        if workspace.auto_allocate:
            _allocate_after_commit(buyer.pk)
    elif workspace.reassign_on_grade_change:
        buyer_allocate(buyer=buyer, actor=actor, only_if_ineligible=True)


# --- nightly: everybody in batches --------------------------------------------------------------


@dataclass
class RegradeReport:
    """What a bulk regrade did."""

    buyers: int = 0
    letters_changed: int = 0
    scores_changed: int = 0
    tags_added: int = 0
    tags_removed: int = 0
    reassigned: int = 0
    win: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class _WinRow:
    pk: int
    features: tuple[tuple[str, str], ...]
    outcome: str  # "won", "lost" or "open"
    stored: tuple[float | None, Any]  # win_probability and win_factors as they are now


def _win_row(
    buyer: Buyer,
    signals: BuyerSignals,
    facts: BuyerFacts,
    workspace: WorkspaceSettings,
    cutoff: datetime,
) -> _WinRow:
    # The rubric's buckets without the orders themselves: a won buyer's orders would otherwise
    # "predict" that it was won.
    before_orders = replace(
        signals, largest_order_usd=None, average_order_usd=None, order_count=0, has_orders=False
    )
    points = _grade(before_orders, workspace).points_by_factor()
    weights = {**DEFAULT_RUBRIC_WEIGHTS, **(workspace.rubric_weights or {})}
    features = wp.buyer_features(
        country=buyer.country,
        business_type=buyer.business_type,
        company_size=buyer.company_size,
        platform_level=buyer.platform_level,
        channel=buyer.channel,
        verified=buyer.verified,
        intent_points=points["buying_intent"],
        intent_weight=int(weights.get("buying_intent", 25)),
        potential_points=points["order_potential"],
        potential_weight=int(weights.get("order_potential", 25)),
    )
    if facts.order_count:
        outcome = "won"
    elif (buyer.last_contact_at is not None and buyer.last_contact_at < cutoff) or (
        facts.closed_conversations and not facts.open_conversations
    ):
        outcome = "lost"
    else:
        outcome = "open"
    return _WinRow(
        buyer.pk, tuple(features.items()), outcome, (buyer.win_probability, buyer.win_factors)
    )


def buyers_regrade_many(
    *,
    buyer_ids: Sequence[int] | None = None,
    cause: str = "nightly",
    batch_size: int = CHUNK,
    actor: Actor = None,
    _win_rows: list[_WinRow] | None = None,
) -> RegradeReport:
    """Regrade buyers (all, or ``buyer_ids``) in batches and refresh their system tags.

    Per batch: the buyers, orders, messages, samples and current tags are read with one query
    each; changed buyers are written with ``bulk_update`` and ``graded`` events created in bulk,
    only for a change of letter. Each batch is its own transaction, so the web stays responsive.
    """
    workspace = WorkspaceSettings.current()
    now = timezone.now()
    cutoff = _dormant_cutoff(workspace, now)
    tag_ids = _system_tag_ids(ALL_SYSTEM_TAGS)
    report = RegradeReport()
    queryset = Buyer.objects.order_by("pk")
    if buyer_ids is not None:
        queryset = queryset.filter(pk__in=list(buyer_ids))
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            break
        last_pk = batch[-1].pk
        letter_changed: list[Buyer] = []
        with transaction.atomic():
            facts = buyer_facts_bulk([b.pk for b in batch])
            changed: list[Buyer] = []
            events: list[BuyerEvent] = []
            for buyer in batch:
                signals = signals_from(buyer, facts[buyer.pk])
                before = (buyer.grade, buyer.grade_score, buyer.grade_reasons)
                if _apply_grade(buyer, workspace, signals):
                    letter_changed.append(buyer)
                    events.append(
                        BuyerEvent(
                            buyer_id=buyer.pk,
                            kind="graded",
                            payload={
                                "from": before[0],
                                "to": buyer.grade,
                                "score": buyer.grade_score,
                                "cause": cause,
                            },
                            actor=_actor(actor),
                            at=now,
                        )
                    )
                if (buyer.grade, buyer.grade_score, buyer.grade_reasons) != before:
                    buyer.updated_at = now
                    changed.append(buyer)
                if _win_rows is not None:
                    _win_rows.append(_win_row(buyer, signals, facts[buyer.pk], workspace, cutoff))
            if changed:
                Buyer.objects.bulk_update(
                    changed, ["grade", "grade_score", "grade_reasons", "updated_at"]
                )
            if events:
                BuyerEvent.objects.bulk_create(events)
            added, removed = _sync_system_tags_bulk(
                batch, facts, dormant_before=cutoff, tag_ids=tag_ids
            )
        report.buyers += len(batch)
        report.scores_changed += len(changed)
        report.letters_changed += len(letter_changed)
        report.tags_added += added
        report.tags_removed += removed
        report.reassigned += _after_bulk_letter_changes(letter_changed, actor, workspace)
    return report


def _after_bulk_letter_changes(
    buyers: Sequence[Buyer], actor: Actor, workspace: WorkspaceSettings
) -> int:
    unassigned = [b.pk for b in buyers if b.assigned_rep_id is None]
    moved = 0
    if unassigned and workspace.auto_allocate:
        moved += buyers_allocate_unassigned(actor=actor, buyer_ids=unassigned).assigned
    if workspace.reassign_on_grade_change:
        for buyer in buyers:
            if buyer.assigned_rep_id is None or buyer.pk in unassigned:
                continue
            before = buyer.assigned_rep_id
            buyer_allocate(buyer=buyer, actor=actor, only_if_ineligible=True)
            moved += buyer.assigned_rep_id != before
    return moved


def _refresh_win_probability(rows: Sequence[_WinRow], batch_size: int = CHUNK) -> dict[str, Any]:
    """Fit the naive-Bayes model on won/lost buyers and store each open buyer's probability.

    Won: a paid, shipped or delivered order. Lost: no such order, and no contact for the dormant
    period or every conversation closed. Open: the rest, the buyers still in play. Only rows
    whose values change are written; rows sharing one value are written with one UPDATE per
    chunk of ids.
    """
    model = wp.fit(
        (dict(row.features), row.outcome == "won") for row in rows if row.outcome != "open"
    )
    history = {"won": model.won, "lost": model.lost, "needs": model.min_each}
    shared: dict[str, dict[str, Any]] = {
        "won": {"history": history, "outcome": "won"},
        "lost": {"history": history, "outcome": "lost"},
        "inactive": {"history": history},
    }
    same_value: dict[str, list[int]] = defaultdict(list)
    own_value: list[Buyer] = []
    predicted = 0
    for row in rows:
        if not model.active or row.outcome != "open":  # like Odoo: predict buyers in play only
            key = row.outcome if model.active else "inactive"
            if row.stored != (None, shared[key]):
                same_value[key].append(row.pk)
            continue
        prediction = wp.predict(model, dict(row.features))
        assert prediction is not None  # the model is active
        predicted += 1
        value = (
            round(prediction.probability, 4),
            {"history": history, "factors": [f.as_dict() for f in prediction.top()]},
        )
        if row.stored != value:
            own_value.append(Buyer(pk=row.pk, win_probability=value[0], win_factors=value[1]))
    for key, ids in same_value.items():
        for part in _chunks(ids, batch_size):
            Buyer.objects.filter(pk__in=part).update(win_probability=None, win_factors=shared[key])
    for part in _chunks(own_value, batch_size):
        with transaction.atomic():
            Buyer.objects.bulk_update(part, ["win_probability", "win_factors"])
    written = len(own_value) + sum(len(ids) for ids in same_value.values())
    return {**history, "active": model.active, "predicted": predicted, "written": written}


def buyers_nightly(*, batch_size: int = CHUNK, actor: Actor = None) -> RegradeReport:
    """The nightly refresh: regrade all buyers, system tags (``dormant``), win probability."""
    rows: list[_WinRow] = []
    report = buyers_regrade_many(
        cause="nightly", batch_size=batch_size, actor=actor, _win_rows=rows
    )
    report.win = _refresh_win_probability(rows, batch_size=batch_size)
    return report
