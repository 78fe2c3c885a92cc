"""Reads for the buyer screens, named after them; each makes a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from exportdesk.accounts.models import WorkspaceSettings
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
    "win": (F("win_probability").desc(nulls_last=True), "-grade_score", "-id"),
}
LOCKED_CHOICES = {"1", "0"}


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
    locked: str = ""  # "1": locked grades only, "0": unlocked only
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
            locked=get("locked") if get("locked") in LOCKED_CHOICES else "",
            sort=sort if sort in SORTS else "recent",
            page=page,
        )

    def is_filtered(self) -> bool:
        """Whether any search or filter is set."""
        return any(
            (
                self.q,
                self.grade,
                self.level,
                self.country,
                self.tag,
                self.rep,
                self.channel,
                self.locked,
            )
        )


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
    if query.locked:
        qs = qs.filter(grade_locked=query.locked == "1")
    qs = (
        qs.select_related("assigned_rep")
        # The list never shows these; leaving them out keeps 50-row pages light.
        .defer("grade_reasons", "notes", "win_factors", "normalized_company")
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


# --- the workload page --------------------------------------------------------------------------

REP_ROLES = (Role.SENIOR_REP.value, Role.REP.value)
DEFAULT_CAPACITY = 200


@dataclass
class RepWorkload:
    """One rep's row on the workload page."""

    user: Any
    seniority: str  # "senior", "junior" or "" for a non-rep holding buyers
    capacity: int
    a: int
    b: int
    c: int
    dormant: int
    is_rep: bool

    @property
    def load(self) -> int:
        """Active assigned buyers (dormant ones do not count)."""
        return self.a + self.b + self.c

    @property
    def load_pct(self) -> int:
        """Load as a share of capacity, in percent (may pass 100)."""
        return round(100 * self.load / self.capacity) if self.capacity else 0

    @property
    def bar_pct(self) -> int:
        return min(100, self.load_pct)

    @property
    def spare(self) -> int:
        return max(0, self.capacity - self.load)

    @property
    def level(self) -> str:
        """Bootstrap colour of the load bar."""
        if self.load_pct > 100:
            return "danger"
        if self.load_pct >= 85:
            return "warning"
        return "success"


@dataclass
class Workload:
    """Reps with their buyers by grade and capacity, and the unassigned queue."""

    reps: list[RepWorkload]
    unassigned: dict[str, int]
    unassigned_dormant: int
    dormant_days: int
    cutoff: datetime

    @property
    def unassigned_active(self) -> int:
        return sum(self.unassigned.values())

    @property
    def total_capacity(self) -> int:
        return sum(r.capacity for r in self.reps if r.is_rep)

    @property
    def total_load(self) -> int:
        return sum(r.load for r in self.reps)


def workload_overview(workspace: WorkspaceSettings) -> Workload:
    """The workload page in two queries: reps (and anyone holding buyers), the queue."""
    cutoff = timezone.now() - timedelta(days=workspace.dormant_days)

    def active(prefix: str) -> Q:
        return Q(**{f"{prefix}last_contact_at__gte": cutoff}) | Q(
            **{f"{prefix}last_contact_at__isnull": True}
        )

    in_role = Group.objects.filter(user=OuterRef("pk"), name__in=REP_ROLES)
    senior_role = Group.objects.filter(user=OuterRef("pk"), name=Role.SENIOR_REP.value)
    holds_buyers = Buyer.objects.filter(assigned_rep=OuterRef("pk"))
    users = (
        get_user_model()
        .objects.filter(Q(Exists(in_role), is_active=True) | Q(Exists(holds_buyers)))
        .annotate(
            is_rep=Exists(in_role),
            in_senior_role=Exists(senior_role),
            n_a=Count("buyers", filter=Q(buyers__grade="A") & active("buyers__")),
            n_b=Count("buyers", filter=Q(buyers__grade="B") & active("buyers__")),
            n_c=Count("buyers", filter=Q(buyers__grade="C") & active("buyers__")),
            n_dormant=Count("buyers", filter=Q(buyers__last_contact_at__lt=cutoff)),
        )
        .select_related("rep_profile")
        .order_by("first_name", "username")
    )
    rows: list[RepWorkload] = []
    for user in users:
        profile = getattr(user, "rep_profile", None)
        if not user.is_rep:
            seniority, capacity = "", 0
        elif profile is not None:
            seniority, capacity = profile.seniority, profile.capacity
        else:
            seniority = "senior" if user.in_senior_role else "junior"
            capacity = DEFAULT_CAPACITY
        rows.append(
            RepWorkload(
                user=user,
                seniority=seniority,
                capacity=capacity,
                a=user.n_a,
                b=user.n_b,
                c=user.n_c,
                dormant=user.n_dormant,
                is_rep=bool(user.is_rep and user.is_active),
            )
        )
    rank = {"senior": 0, "junior": 1, "": 2}
    rows.sort(key=lambda r: rank.get(r.seniority, 2))
    queue = Buyer.objects.filter(assigned_rep__isnull=True).aggregate(
        a=Count("id", filter=Q(grade="A") & active("")),
        b=Count("id", filter=Q(grade="B") & active("")),
        c=Count("id", filter=Q(grade="C") & active("")),
        dormant=Count("id", filter=Q(last_contact_at__lt=cutoff)),
    )
    return Workload(
        reps=rows,
        unassigned={"A": queue["a"], "B": queue["b"], "C": queue["c"]},
        unassigned_dormant=queue["dormant"],
        dormant_days=workspace.dormant_days,
        cutoff=cutoff,
    )
