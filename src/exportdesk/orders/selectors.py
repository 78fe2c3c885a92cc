"""Reads for the order, sample, reorder, follow-up and review screens, named after them; each
makes a fixed number of queries."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber, TruncMonth
from django.http import Http404
from django.utils import timezone

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.accounts.roles import sees_all_buyers
from exportdesk.accounts.scoped_cache import cached_per_scope
from exportdesk.buyers.models import Buyer, FollowUp, Grade
from exportdesk.buyers.selectors import buyers_visible_to
from exportdesk.catalog.models import Product
from exportdesk.domain import samples as rules
from exportdesk.orders.models import Order, OrderLine, ReorderPrediction, Review, Sample

PAGE_SIZE = 50
# Orders offered per sample in the "convert to order" menu (the buyer's most recent ones).
CONVERT_CHOICES = 20
CONVERTIBLE = frozenset(s for s, nxt in rules.TRANSITIONS.items() if Sample.Status.CONVERTED in nxt)


def samples_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Sample]:
    """Samples of the buyers the user may see (a rep: own and unassigned buyers only)."""
    buyers = buyers_visible_to(user)
    if buyers.query.is_empty():
        return Sample.objects.none()
    if not buyers.query.has_filters():
        return Sample.objects.all()  # sees every buyer: no need for the subquery
    return Sample.objects.filter(buyer__in=buyers)


def visible_sample_or_404(user: AbstractBaseUser | AnonymousUser, sample_id: int) -> Sample:
    """One sample with its buyer, or Http404 if the user may not see it (nor know it exists)."""
    sample = samples_visible_to(user).select_related("buyer").filter(pk=sample_id).first()
    if sample is None:
        raise Http404("No such sample")
    return sample


def visible_buyer_or_404(user: AbstractBaseUser | AnonymousUser, buyer_id: Any) -> Buyer:
    """The buyer a sample is requested for, or Http404 if the user may not see it."""
    try:
        pk = int(buyer_id)
    except (TypeError, ValueError):
        raise Http404("No such buyer") from None
    buyer = buyers_visible_to(user).filter(pk=pk).first()
    if buyer is None:
        raise Http404("No such buyer")
    return buyer


@dataclass(frozen=True)
class SampleListQuery:
    """The samples page's filters and page, read leniently from the query string."""

    status: str = ""
    grade: str = ""
    buyer: int | None = None
    page: int = 1

    @classmethod
    def from_params(cls, params: Any) -> SampleListQuery:
        """Unknown values are ignored, not errors."""

        def get(name: str) -> str:
            return (params.get(name) or "").strip()

        try:
            page = max(1, int(get("page") or 1))
        except ValueError:
            page = 1
        status, grade, buyer = get("status"), get("grade").upper(), get("buyer")
        return cls(
            status=status if status in rules.STATUSES else "",
            grade=grade if grade in rules.GRADES else "",
            buyer=int(buyer) if buyer.isdigit() else None,
            page=page,
        )

    def is_filtered(self) -> bool:
        return bool(self.status or self.grade or self.buyer)

    def as_params(self) -> dict[str, str]:
        """The filters as query parameters (for links and forms that keep them)."""
        params = {"status": self.status, "grade": self.grade, "buyer": str(self.buyer or "")}
        if self.page > 1:
            params["page"] = str(self.page)
        return {k: v for k, v in params.items() if v}


@dataclass
class SampleListResult:
    """One page of samples, the conversion KPIs by grade, and each row's convert choices."""

    page: Page[Sample]
    query: SampleListQuery
    conversion: list[rules.GradeConversion] = field(default_factory=list)


def sample_conversion(samples: QuerySet[Sample]) -> list[rules.GradeConversion]:
    """Sample→order conversion by grade at request time, from one grouped query."""
    rows = (
        samples.order_by()
        .values("grade_at_request", "status", "currency")
        .annotate(n=Count("id"), seller=Sum("seller_share_minor"))
    )
    return rules.conversion_by_grade(
        rules.SampleTally(
            grade=row["grade_at_request"],
            status=row["status"],
            count=row["n"],
            seller_minor=row["seller"] or 0,
            currency=row["currency"],
        )
        for row in rows
        if row["grade_at_request"] in rules.GRADES
    )


def sample_list(
    user: AbstractBaseUser | AnonymousUser,
    query: SampleListQuery,
    *,
    with_convert_choices: bool = True,
) -> SampleListResult:
    """The samples screen: KPIs over all visible samples, then one filtered page.

    With ``with_convert_choices`` (users who may change samples), rows get ``convert_orders``:
    the buyer's recent orders that are not cancelled, for the "convert to order" action, fetched
    for the whole page in one query.
    """
    visible = samples_visible_to(user)
    conversion = sample_conversion(visible)
    qs = visible
    if query.status:
        qs = qs.filter(status=query.status)
    if query.grade:
        qs = qs.filter(grade_at_request=query.grade)
    if query.buyer:
        qs = qs.filter(buyer_id=query.buyer)
    qs = (
        qs.select_related("buyer", "buyer__assigned_rep", "converted_order")
        .prefetch_related(Prefetch("products", queryset=Product.objects.order_by("sku")))
        .order_by("-requested_at", "-id")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(query.page)
    rows = list(page.object_list)
    buyer_ids = (
        {s.buyer_id for s in rows if s.status in CONVERTIBLE} if with_convert_choices else set()
    )
    orders: dict[int, list[Order]] = {}
    if buyer_ids:
        recent_first = [F("quoted_at").desc(nulls_last=True), F("id").desc()]
        for order in (
            Order.objects.filter(buyer_id__in=buyer_ids)
            .exclude(status=Order.Status.CANCELLED)
            .annotate(rank=Window(RowNumber(), partition_by=[F("buyer_id")], order_by=recent_first))
            .filter(rank__lte=CONVERT_CHOICES)
            .order_by(*recent_first)
            .only("id", "buyer_id", "number", "status", "currency", "total_minor", "quoted_at")
        ):
            orders.setdefault(order.buyer_id, []).append(order)
    for sample in rows:
        sample.convert_orders = orders.get(sample.buyer_id, [])  # type: ignore[attr-defined]
    return SampleListResult(page=page, query=query, conversion=conversion)


def sample_detail(user: AbstractBaseUser | AnonymousUser, sample_id: int) -> Sample:
    """The sample page: the sample with buyer, products, order and the buyer's open orders."""
    sample = (
        samples_visible_to(user)
        .select_related("buyer", "buyer__assigned_rep", "converted_order")
        .prefetch_related(Prefetch("products", queryset=Product.objects.order_by("sku")))
        .filter(pk=sample_id)
        .first()
    )
    if sample is None:
        raise Http404("No such sample")
    sample.convert_orders = (  # type: ignore[attr-defined]
        list(
            sample.buyer.orders.exclude(status=Order.Status.CANCELLED).order_by(
                F("quoted_at").desc(nulls_last=True), "-id"
            )[:CONVERT_CHOICES]
        )
        if sample.status in CONVERTIBLE
        else []
    )
    return sample


# --- orders -------------------------------------------------------------------------------------

PURCHASE_STATUSES = (Order.Status.PAID, Order.Status.SHIPPED, Order.Status.DELIVERED)


def _visible(user: AbstractBaseUser | AnonymousUser, qs: QuerySet[Any]) -> QuerySet[Any]:
    """``qs`` (rows with a ``buyer``) limited to the buyers the user may see."""
    buyers = buyers_visible_to(user)
    if buyers.query.is_empty():
        return qs.none()
    if not buyers.query.has_filters():
        return qs
    return qs.filter(buyer__in=buyers)


def _visible_by_join(user: AbstractBaseUser | AnonymousUser, qs: QuerySet[Any]) -> QuerySet[Any]:
    """``_visible`` as a join on ``buyer`` instead of ``buyer_id IN (subquery)``.

    Same rule as ``buyers_visible_to`` (a rep sees own and unassigned buyers). On the big
    tables of the Today and Reorders pages SQLite plans the join far better: at 20k buyers
    the rep's Today query went from ~120-250 ms to ~40 ms.
    """
    if not user.is_authenticated:
        return qs.none()
    if sees_all_buyers(user):
        return qs
    return qs.filter(Q(buyer__assigned_rep=user) | Q(buyer__assigned_rep__isnull=True))


def orders_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Order]:
    """Orders of the buyers the user may see (a rep: own and unassigned buyers only)."""
    return _visible_by_join(user, Order.objects.all())


def visible_order_or_404(user: AbstractBaseUser | AnonymousUser, order_id: int) -> Order:
    """One order with its buyer, or Http404 if the user may not see it."""
    order = orders_visible_to(user).select_related("buyer").filter(pk=order_id).first()
    if order is None:
        raise Http404("No such order")
    return order


@dataclass(frozen=True)
class OrderListQuery:
    """The orders page's filters and page, read leniently from the query string."""

    status: str = ""
    channel: str = ""
    buyer: int | None = None
    page: int = 1

    @classmethod
    def from_params(cls, params: Any) -> OrderListQuery:
        """Unknown values are ignored, not errors."""

        def get(name: str) -> str:
            return (params.get(name) or "").strip()

        try:
            page = max(1, int(get("page") or 1))
        except ValueError:
            page = 1
        status, channel, buyer = get("status"), get("channel"), get("buyer")
        return cls(
            status=status if status in Order.Status.values else "",
            channel=channel if channel in Order.Channel.values else "",
            buyer=int(buyer) if buyer.isdigit() else None,
            page=page,
        )

    def is_filtered(self) -> bool:
        return bool(self.status or self.channel or self.buyer)

    def as_params(self) -> dict[str, str]:
        params = {"status": self.status, "channel": self.channel, "buyer": str(self.buyer or "")}
        if self.page > 1:
            params["page"] = str(self.page)
        return {k: v for k, v in params.items() if v}


@dataclass
class ReviewSummary:
    """Count and average rating overall and per month (the last 12 months with reviews)."""

    count: int
    average: float | None
    months: list[dict[str, Any]]
    requests: int
    requests_answered: int

    @property
    def request_conversion(self) -> float | None:
        """Share of closed review requests (done) that a review followed; None without any."""
        return self.requests_answered / self.requests if self.requests else None


@dataclass
class OrderListResult:
    page: Page[Order]
    query: OrderListQuery
    reviews: ReviewSummary


def review_summary(user: AbstractBaseUser | AnonymousUser, months: int = 12) -> ReviewSummary:
    """Reviews of visible buyers: count, average, per month; review requests done and answered.

    A request counts as answered when the buyer sent a review after it was done. Three queries.
    """
    reviews = _visible(user, Review.objects.all())
    overall = reviews.aggregate(n=Count("id"), avg=Avg("rating"))
    # Only the months shown: truncating every review's date to its month costs a function call
    # per row on SQLite.
    since = timezone.now() - timedelta(days=31 * months)
    by_month = list(
        reviews.filter(received_at__gte=since)
        .order_by()
        .annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(n=Count("id"), avg=Avg("rating"))
        .order_by("-month")[:months]
    )
    requests = _visible(
        user,
        FollowUp.objects.filter(kind=FollowUp.Kind.REVIEW_REQUEST, status=FollowUp.Status.DONE),
    )
    followed = Review.objects.filter(
        buyer=OuterRef("buyer_id"), received_at__gte=OuterRef("done_at")
    )
    # The annotation and the aggregate need different names: PostgreSQL resolves a shared name
    # to the aggregate's own alias and fails.
    counts = requests.annotate(has_review=Exists(followed)).aggregate(
        n=Count("id"), answered=Count("id", filter=Q(has_review=True))
    )
    return ReviewSummary(
        count=overall["n"] or 0,
        average=overall["avg"],
        months=list(reversed(by_month)),
        requests=counts["n"] or 0,
        requests_answered=counts["answered"] or 0,
    )


def order_list(user: AbstractBaseUser | AnonymousUser, query: OrderListQuery) -> OrderListResult:
    """The orders screen: one filtered page of orders, their line counts and the reviews strip
    (count, page, line counts, 3 review queries)."""
    qs = orders_visible_to(user)
    if query.status:
        qs = qs.filter(status=query.status)
    if query.channel:
        qs = qs.filter(channel=query.channel)
    if query.buyer:
        qs = qs.filter(buyer_id=query.buyer)
    # Newest quote first, on the (-quoted_at, -id) indexes; no per-row aggregate in this query
    # (a GROUP BY over every order made a 50k-buyer page take seconds).
    qs = qs.select_related("buyer", "buyer__assigned_rep").order_by("-quoted_at", "-id")
    page = Paginator(qs, PAGE_SIZE).get_page(query.page)
    rows = list(page.object_list)
    counts = dict(
        OrderLine.objects.filter(order_id__in=[o.pk for o in rows])
        .order_by()
        .values("order_id")
        .annotate(n=Count("id"))
        .values_list("order_id", "n")
    )
    for order in rows:
        order.line_count = counts.get(order.pk, 0)  # type: ignore[attr-defined]
    # The reviews strip moves a few reviews a day and costs more than the page of orders.
    reviews = cached_per_scope("review-summary", user, lambda: review_summary(user))
    return OrderListResult(page=page, query=query, reviews=reviews)


def order_detail(user: AbstractBaseUser | AnonymousUser, order_id: int) -> Order:
    """The order page: the order with buyer, lines (and products) and reviews."""
    order = (
        orders_visible_to(user)
        .select_related("buyer", "buyer__assigned_rep")
        .prefetch_related("lines__product", "reviews")
        .filter(pk=order_id)
        .first()
    )
    if order is None:
        raise Http404("No such order")
    return order


# --- per-buyer order stats and growth -----------------------------------------------------------

FIRST_ORDERS = 3  # "AOV now" = mean of the last 3 orders, against the first 3.


@dataclass(frozen=True)
class GrowthPoint:
    """One order day of the buyer: amount (US cents) and days since the order day before."""

    on: date
    amount_minor: int
    gap_days: int | None


@dataclass(frozen=True)
class OrderStats:
    """Order history of one buyer, money in approximate US cents (orders in any currency)."""

    order_count: int = 0
    first_order_on: date | None = None
    last_order_on: date | None = None
    median_cycle_days: float | None = None
    aov_first_minor: int | None = None
    aov_recent_minor: int | None = None
    reorder_revenue_share: float | None = None
    total_minor: int = 0
    growth: list[GrowthPoint] = field(default_factory=list)
    currency: str = "USD"

    def growth_chart(self) -> dict[str, Any]:
        """The growth points as chart series (for ``json_script``): order value in dollars per
        order day and the days since the order day before (None for the first)."""
        return {
            "labels": [point.on.isoformat() for point in self.growth],
            "amounts": [round(point.amount_minor / 100, 2) for point in self.growth],
            "gaps": [point.gap_days for point in self.growth],
            "currency": self.currency,
        }

    @property
    def aov_change(self) -> float | None:
        """Relative change of the recent AOV against the first orders (0.5 = +50 %)."""
        if not self.aov_first_minor or self.aov_recent_minor is None or self.order_count < 2:
            return None
        return self.aov_recent_minor / self.aov_first_minor - 1.0


def order_stats_from(orders: Iterable[tuple[date, float]]) -> OrderStats:
    """Stats from ``(order day, amount in US cents)`` of one buyer's purchases (pure).

    Orders on one day are one order for the cycle (a split invoice is not a reorder) but each
    order counts for the count and AOV. Reorder revenue = everything after the first order day.
    """
    rows = sorted(orders)
    if not rows:
        return OrderStats()
    days: dict[date, float] = {}
    for day, amount in rows:
        days[day] = days.get(day, 0.0) + amount
    ordered_days = sorted(days)
    gaps = [(b - a).days for a, b in pairwise(ordered_days)]
    amounts = [amount for _, amount in rows]
    total = sum(amounts)
    first_day_total = days[ordered_days[0]]
    growth = [
        GrowthPoint(day, round(days[day]), gaps[i - 1] if i else None)
        for i, day in enumerate(ordered_days)
    ]
    return OrderStats(
        order_count=len(rows),
        first_order_on=ordered_days[0],
        last_order_on=ordered_days[-1],
        median_cycle_days=float(statistics.median(gaps)) if gaps else None,
        aov_first_minor=round(statistics.fmean(amounts[:FIRST_ORDERS])),
        aov_recent_minor=round(statistics.fmean(amounts[-FIRST_ORDERS:])),
        reorder_revenue_share=(total - first_day_total) / total if total > 0 else None,
        total_minor=round(total),
        growth=growth,
    )


def buyer_order_stats(buyer_id: int) -> OrderStats:
    """Order count, first/last order, median cycle, AOV now vs first, reorder revenue share
    (paid, shipped and delivered orders; days in the workspace time zone). One query."""
    from exportdesk.orders.services import usd_cents_per_minor

    zone = ZoneInfo(WorkspaceSettings.current().timezone)
    factors: dict[str, float | None] = {}
    rows = []
    for placed, total, currency in (
        Order.objects.filter(buyer_id=buyer_id, status__in=PURCHASE_STATUSES)
        .annotate(placed=Coalesce("paid_at", "quoted_at", "created_at"))
        .values_list("placed", "total_minor", "currency")
    ):
        if currency not in factors:
            factors[currency] = usd_cents_per_minor(currency)
        factor = factors[currency]
        rows.append((placed.astimezone(zone).date(), total * factor if factor else 0.0))
    return order_stats_from(rows)


# --- reorders -----------------------------------------------------------------------------------

DUE_WITHIN_DAYS = 14
# "At risk": P(alive) below this, or falling since the last fit, for a buyer whose expected
# order is worth at least AT_RISK_MIN_VALUE_MINOR (US cents) or who is graded A.
AT_RISK_P_ALIVE = 0.5
AT_RISK_MIN_VALUE_MINOR = 50_000
# The most urgent 50 of each list: a rep works down from the top, and 2 x 100 rows cost as
# much to render as the rest of the page at 50k buyers.
REORDER_ROWS = 50


@dataclass
class ReorderBoard:
    due: list[ReorderPrediction]
    at_risk: list[ReorderPrediction]
    today: date
    fitted_at: datetime | None
    due_within_days: int = DUE_WITHIN_DAYS


def reorder_board(
    user: AbstractBaseUser | AnonymousUser, today: date | None = None
) -> ReorderBoard:
    """The Reorders page: buyers due to reorder (next order within 14 days or overdue, soonest
    first) and high-value buyers at risk (lowest P(alive) first). Three queries."""
    day = today or timezone.localdate()
    visible = _visible_by_join(user, ReorderPrediction.objects.all()).select_related(
        "buyer", "buyer__assigned_rep"
    )
    due_rows = ReorderPrediction.objects.filter(
        next_order_on__lte=day + timedelta(days=DUE_WITHIN_DAYS)
    ).select_related("buyer", "buyer__assigned_rep")
    if user.is_authenticated and not sees_all_buyers(user):
        # The rep's rule on a computed value: SQLite then walks the next-order-date index and
        # stops at the page's size, instead of starting from every buyer of the rep and sorting
        # their predictions (40 ms -> 10 ms at 50k buyers).
        due_rows = due_rows.alias(rep=Coalesce("buyer__assigned_rep_id", Value(0))).filter(
            rep__in=[user.pk, 0]
        )
    elif not user.is_authenticated:
        due_rows = due_rows.none()
    due = list(due_rows.order_by("next_order_on", "buyer_id")[:REORDER_ROWS])
    at_risk = list(
        visible.filter(
            Q(probability_alive__lt=AT_RISK_P_ALIVE)
            | Q(probability_alive__lt=F("previous_probability_alive")),
            Q(expected_order_value_minor__gte=AT_RISK_MIN_VALUE_MINOR) | Q(buyer__grade="A"),
        ).order_by("probability_alive", "-expected_order_value_minor", "buyer_id")[:REORDER_ROWS]
    )
    # A refit replaces every row with one ``fitted_at``, so any row tells; by primary key it
    # costs nothing, where ORDER BY fitted_at sorted the whole table.
    latest = ReorderPrediction.objects.order_by("pk").values_list("fitted_at", flat=True)
    return ReorderBoard(due=due, at_risk=at_risk, today=day, fitted_at=latest.first())


def buyer_reorder_prediction(buyer_id: int) -> ReorderPrediction | None:
    """The buyer's stored prediction, if a fit has run."""
    return ReorderPrediction.objects.filter(buyer_id=buyer_id).first()


# --- the Today page -----------------------------------------------------------------------------

TODAY_ROWS = 50


def followups_today(
    user: AbstractBaseUser | AnonymousUser, now: datetime | None = None
) -> list[FollowUp]:
    """Follow-ups due by the end of today (and snoozed ones whose snooze is over), A buyers
    first, then by due date: the first ``TODAY_ROWS``. A rep sees the follow-ups assigned to
    them and the unassigned ones of buyers they may see; managers and owners see everyone's.

    One query per grade at most (three), each reading the due-date index in order and stopping
    at the page's size: with tens of thousands of open follow-ups, sorting them all by the
    buyer's grade would cost more than the page.
    """
    moment = now or timezone.now()
    end_of_day = timezone.localtime(moment).replace(hour=23, minute=59, second=59)
    if not user.is_authenticated:
        return []
    qs = FollowUp.objects.filter(
        Q(status=FollowUp.Status.OPEN, due_at__lte=end_of_day)
        | Q(status=FollowUp.Status.SNOOZED, snoozed_until__lte=moment)
    )
    # Conditions on the buyer go through computed values, so that SQLite walks the follow-ups'
    # due-date index and stops at the page's size instead of starting from the buyers' indexes
    # and sorting thousands of rows.
    qs = qs.alias(grade=Coalesce("buyer__grade", Value("")))
    if not sees_all_buyers(user):
        qs = qs.alias(rep=Coalesce("buyer__assigned_rep_id", Value(0))).filter(
            Q(assignee=user) | Q(assignee__isnull=True, rep__in=[user.pk, 0])
        )
    rows: list[FollowUp] = []
    for grade in Grade.values:
        wanted = TODAY_ROWS - len(rows)
        if wanted <= 0:
            break
        rows += list(
            qs.filter(grade=grade)
            .select_related("buyer", "assignee", "origin")
            .order_by("due_at", "id")[:wanted]
        )
    return rows


def visible_followup_or_404(user: AbstractBaseUser | AnonymousUser, followup_id: int) -> FollowUp:
    """A follow-up the user may act on (assigned to them, or of a buyer they may see)."""
    qs = FollowUp.objects.select_related("buyer").filter(pk=followup_id)
    if not sees_all_buyers(user):
        qs = qs.filter(Q(assignee=user) | Q(buyer__in=buyers_visible_to(user)))
    followup = qs.first()
    if followup is None:
        raise Http404("No such follow-up")
    return followup
