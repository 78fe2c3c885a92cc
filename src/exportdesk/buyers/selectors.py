"""Reads for the buyer screens, named after them; each makes a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from exportdesk.accounts.roles import Role, sees_all_buyers
from exportdesk.buyers.models import Buyer, BuyerEvent, Tag
from exportdesk.inbox.models import Conversation
from exportdesk.orders.models import Order, Sample

PAGE_SIZE = 50
SORTS = {
    "recent": ("-last_contact_at", "-id"),
    "oldest": ("last_contact_at", "id"),
    "company": ("company", "id"),
    "-company": ("-company", "-id"),
    "grade": ("grade", "-grade_score", "-id"),
    "-grade": ("-grade", "grade_score", "id"),
    "score": ("-grade_score", "-id"),
    "country": ("country", "company", "id"),
    "created": ("-created_at", "-id"),
}


def buyers_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Buyer]:
    """Every buyer for owners, managers and viewers; own and unassigned buyers for reps."""
    if not user.is_authenticated:
        return Buyer.objects.none()
    if sees_all_buyers(user):
        return Buyer.objects.all()
    return Buyer.objects.filter(Q(assigned_rep=user) | Q(assigned_rep__isnull=True))


@dataclass(frozen=True)
class BuyerListQuery:
    """The list page's search, filters, sort and page, read from the query string."""

    q: str = ""
    grade: str = ""
    level: str = ""
    country: str = ""
    tag: str = ""
    rep: str = ""
    channel: str = ""
    sort: str = "recent"
    page: int = 1

    @classmethod
    def from_params(cls, params: Any) -> BuyerListQuery:
        """Parse request.GET leniently: unknown values are ignored, not errors."""

        def get(name: str) -> str:
            return (params.get(name) or "").strip()

        try:
            page = max(1, int(get("page") or 1))
        except ValueError:
            page = 1
        sort = get("sort")
        grade, level = get("grade").upper(), get("level").upper()
        return cls(
            q=get("q")[:100],
            grade=grade if grade in {"A", "B", "C"} else "",
            level=level if level in {"L0", "L1", "L2", "L3", "L4"} else "",
            country=get("country").upper()[:2],
            tag=get("tag")[:60],
            rep=get("rep"),
            channel=get("channel"),
            sort=sort if sort in SORTS else "recent",
            page=page,
        )

    def is_filtered(self) -> bool:
        """Whether any search or filter is set."""
        return any((self.q, self.grade, self.level, self.country, self.tag, self.rep, self.channel))


@dataclass
class BuyerListResult:
    """One page of buyers plus the options for the filter bar."""

    page: Page[Buyer]
    query: BuyerListQuery
    reps: list[Any] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


def buyer_list(user: AbstractBaseUser | AnonymousUser, query: BuyerListQuery) -> BuyerListResult:
    """The buyers list screen: count, one page with reps and tags, and the filter options."""
    qs = buyers_visible_to(user)
    if query.q:
        qs = qs.filter(
            Q(company__icontains=query.q)
            | Q(contact_name__icontains=query.q)
            | Q(email__icontains=query.q)
        )
    if query.grade:
        qs = qs.filter(grade=query.grade)
    if query.level:
        qs = qs.filter(platform_level=query.level)
    if query.country:
        qs = qs.filter(country=query.country)
    if query.tag:
        qs = qs.filter(tags__name=query.tag)
    if query.rep == "none":
        qs = qs.filter(assigned_rep__isnull=True)
    elif query.rep.isdigit():
        qs = qs.filter(assigned_rep_id=int(query.rep))
    if query.channel:
        qs = qs.filter(channel=query.channel)
    qs = (
        qs.select_related("assigned_rep")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("-is_system", "name")))
        .order_by(*SORTS[query.sort])
    )
    paginator = Paginator(qs, PAGE_SIZE)
    page = paginator.get_page(query.page)
    list(page.object_list)  # evaluate here so the query count is the selector's, not the template's
    reps = list(
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name__in=[Role.SENIOR_REP.value, Role.REP.value],
        )
        .distinct()
        .order_by("first_name", "username")
    )
    tags = list(Tag.objects.order_by("-is_system", "name")[:200])
    countries = list(Buyer.objects.order_by("country").values_list("country", flat=True).distinct())
    return BuyerListResult(page=page, query=query, reps=reps, tags=tags, countries=countries)


@dataclass
class BuyerProfile:
    """Everything the buyer page shows."""

    buyer: Buyer
    orders: list[Order]
    conversations: list[Conversation]
    samples: list[Sample]
    events: list[BuyerEvent]
    orders_count: int
    lifetime_value_minor: dict[str, int]


TIMELINE_LENGTH = 50
RECENT_ITEMS = 20


def buyer_profile(user: AbstractBaseUser | AnonymousUser, buyer_id: int) -> BuyerProfile:
    """The buyer page: profile, tags, recent orders, conversations, samples and timeline.

    Raises Http404 for a buyer the user may not see, so a rep cannot tell it exists.
    """
    buyer = (
        buyers_visible_to(user)
        .select_related("assigned_rep")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("-is_system", "name")))
        .filter(pk=buyer_id)
        .first()
    )
    if buyer is None:
        raise Http404("No such buyer")
    orders = list(buyer.orders.order_by("-quoted_at", "-id")[:RECENT_ITEMS])
    conversations = list(buyer.conversations.order_by("-last_message_at", "-id")[:RECENT_ITEMS])
    samples = list(buyer.samples.order_by("-requested_at")[:RECENT_ITEMS])
    events = list(buyer.events.select_related("actor").order_by("-at", "-id")[:TIMELINE_LENGTH])
    totals: dict[str, int] = {}
    count = 0
    for currency, total in buyer.orders.exclude(status__in=["quoted", "cancelled"]).values_list(
        "currency", "total_minor"
    ):
        totals[currency] = totals.get(currency, 0) + total
        count += 1
    return BuyerProfile(
        buyer=buyer,
        orders=orders,
        conversations=conversations,
        samples=samples,
        events=events,
        orders_count=count,
        lifetime_value_minor=totals,
    )
