"""The one write path for orders, samples and reviews.

Samples: request, send, deliver, convert, lose, cancel. Each service checks the status transition
against ``domain.samples.TRANSITIONS`` on a fresh, locked copy of the row, saves, and records a
BuyerEvent. An illegal transition raises ValidationError and saves nothing.

Orders: ``order_create`` (status quoted), then ``order_mark_paid`` → ``order_mark_shipped`` →
``order_mark_delivered``; ``order_mark_cancelled`` from quoted or paid. Each records an event,
keeps the ``transacted`` / ``reordered`` tags and regrades the buyer (``cause="order"``).

Reviews: ``review_record`` (rating 1–5, event ``review_received``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.buyers.models import Buyer
from exportdesk.buyers.services import buyer_event_record, buyer_regrade, buyer_sync_system_tags
from exportdesk.catalog.models import Product
from exportdesk.domain import reorder as model
from exportdesk.domain import samples as rules
from exportdesk.domain.money import (
    APPROX_USD_PER_UNIT,
    UnknownCurrencyError,
    minor_exponent,
    normalise_currency,
)
from exportdesk.orders.models import Order, OrderLine, ReorderPrediction, Review, Sample

LOST_REASON_MAX = 200


def workspace_sample_policy(workspace: WorkspaceSettings | None = None) -> rules.SamplePolicy:
    """The workspace's current sample policy (seller's share per grade)."""
    ws = workspace or WorkspaceSettings.current()
    return rules.SamplePolicy(ws.sample_share_a, ws.sample_share_b, ws.sample_share_c)


def _status_label(status: str) -> str:
    return str(Sample.Status(status).label)


def _refuse(sample: Sample, new: str) -> None:
    """Raise a clear ValidationError unless ``sample`` may move to status ``new``."""
    if rules.can_transition(sample.status, new):
        return
    raise ValidationError(
        _("A sample that is “%(current)s” cannot be marked “%(new)s”.")
        % {"current": _status_label(sample.status), "new": _status_label(new)},
        code="illegal_transition",
    )


def _lock(sample: Sample) -> None:
    """Reload the sample's row under a lock so two clicks cannot both move it."""
    sample.refresh_from_db(from_queryset=Sample.objects.select_for_update())


def _not_before(when: datetime, earlier: datetime | None, message: str) -> None:
    if earlier is not None and when < earlier:
        raise ValidationError(message, code="time_order")


def _payload(sample: Sample, **extra: Any) -> dict[str, Any]:
    return {"sample": sample.pk, **extra}


@transaction.atomic
def sample_request(
    *,
    buyer: Buyer,
    actor: AbstractBaseUser | None,
    products: Iterable[Product] = (),
    cost_minor: int,
    courier_cost_minor: int,
    currency: str,
    requested_at: datetime | None = None,
) -> Sample:
    """Record a sample request, priced by the workspace policy and the buyer's grade right now.

    The policy and the grade are stored with the sample (``policy_snapshot``,
    ``grade_at_request``), so a later policy change or regrade never reprices it.
    """
    try:
        code = normalise_currency(currency)
    except UnknownCurrencyError:
        raise ValidationError(
            _("%(currency)s is not a currency code (e.g. USD, EUR, KRW).") % {"currency": currency},
            code="unknown_currency",
        ) from None
    policy = workspace_sample_policy()
    try:
        split = rules.split_sample_cost(cost_minor, courier_cost_minor, buyer.grade, policy)
    except ValueError:
        raise ValidationError(
            _("Sample and courier costs must be zero or more."), code="negative_cost"
        ) from None
    when = requested_at or timezone.now()
    sample = Sample.objects.create(
        buyer=buyer,
        currency=code,
        cost_minor=cost_minor,
        courier_cost_minor=courier_cost_minor,
        grade_at_request=buyer.grade,
        policy_snapshot=policy.as_snapshot(),
        seller_share_pct=split.seller_share_pct,
        seller_share_minor=split.seller_minor,
        buyer_share_minor=split.buyer_minor,
        status=Sample.Status.REQUESTED,
        requested_at=when,
    )
    product_list = list(products)
    if product_list:
        sample.products.set(product_list)
    buyer_event_record(
        buyer=buyer,
        kind="sample_requested",
        payload=_payload(
            sample,
            grade=sample.grade_at_request,
            seller_share_pct=split.seller_share_pct,
            seller_minor=split.seller_minor,
            buyer_minor=split.buyer_minor,
            currency=code,
            products=[p.sku for p in product_list],
        ),
        actor=actor,
        at=when,
    )
    # Asking for a sample is a buying signal for the rubric.
    buyer_regrade(buyer=buyer, actor=actor, cause="sample")
    return sample


@transaction.atomic
def sample_mark_sent(
    *, sample: Sample, actor: AbstractBaseUser | None, at: datetime | None = None
) -> Sample:
    """The sample left the warehouse; the buyer gets the ``sample-sent`` tag."""
    _lock(sample)
    _refuse(sample, Sample.Status.SENT)
    when = at or timezone.now()
    _not_before(when, sample.requested_at, _("A sample cannot be sent before it was requested."))
    sample.status = Sample.Status.SENT
    sample.sent_at = when
    sample.save(update_fields=["status", "sent_at"])
    buyer_event_record(
        buyer=sample.buyer, kind="sample_sent", payload=_payload(sample), actor=actor, at=when
    )
    buyer_sync_system_tags(buyer=sample.buyer)
    return sample


@transaction.atomic
def sample_mark_delivered(
    *, sample: Sample, actor: AbstractBaseUser | None, at: datetime | None = None
) -> Sample:
    """The buyer has the sample in hand."""
    _lock(sample)
    _refuse(sample, Sample.Status.DELIVERED)
    when = at or timezone.now()
    _not_before(when, sample.sent_at, _("A sample cannot be delivered before it was sent."))
    sample.status = Sample.Status.DELIVERED
    sample.delivered_at = when
    sample.save(update_fields=["status", "delivered_at"])
    buyer_event_record(
        buyer=sample.buyer, kind="sample_delivered", payload=_payload(sample), actor=actor, at=when
    )
    return sample


@transaction.atomic
def sample_convert(
    *,
    sample: Sample,
    actor: AbstractBaseUser | None,
    order: Order,
    at: datetime | None = None,
) -> Sample:
    """The buyer ordered after the sample: link the order (of the same buyer, not cancelled)."""
    _lock(sample)
    _refuse(sample, Sample.Status.CONVERTED)
    if order.buyer_id != sample.buyer_id:
        raise ValidationError(
            _("Order %(number)s belongs to another buyer.") % {"number": order.number},
            code="other_buyer",
        )
    if order.status == Order.Status.CANCELLED:
        raise ValidationError(
            _("Order %(number)s is cancelled.") % {"number": order.number}, code="cancelled_order"
        )
    when = at or timezone.now()
    _not_before(when, sample.sent_at, _("A sample cannot convert before it was sent."))
    sample.status = Sample.Status.CONVERTED
    sample.converted_at = when
    sample.converted_order = order
    sample.save(update_fields=["status", "converted_at", "converted_order"])
    buyer_event_record(
        buyer=sample.buyer,
        kind="sample_converted",
        payload=_payload(sample, order=order.pk, number=order.number),
        actor=actor,
        at=when,
    )
    buyer_regrade(buyer=sample.buyer, actor=actor, cause="sample")
    buyer_sync_system_tags(buyer=sample.buyer)
    return sample


@transaction.atomic
def sample_mark_lost(
    *,
    sample: Sample,
    actor: AbstractBaseUser | None,
    reason: str,
    at: datetime | None = None,
) -> Sample:
    """No order came of the sample (or the parcel was lost); the reason is required."""
    clean = " ".join((reason or "").split())
    if not clean:
        raise ValidationError(_("Say why the sample was lost."), code="reason_required")
    if len(clean) > LOST_REASON_MAX:
        raise ValidationError(
            _("The reason can be at most %(max)d characters.") % {"max": LOST_REASON_MAX},
            code="reason_too_long",
        )
    _lock(sample)
    _refuse(sample, Sample.Status.LOST)
    when = at or timezone.now()
    _not_before(when, sample.sent_at, _("A sample cannot be lost before it was sent."))
    sample.status = Sample.Status.LOST
    sample.lost_at = when
    sample.lost_reason = clean
    sample.save(update_fields=["status", "lost_at", "lost_reason"])
    buyer_event_record(
        buyer=sample.buyer,
        kind="sample_lost",
        payload=_payload(sample, reason=clean),
        actor=actor,
        at=when,
    )
    buyer_regrade(buyer=sample.buyer, actor=actor, cause="sample")
    return sample


@transaction.atomic
def sample_cancel(
    *, sample: Sample, actor: AbstractBaseUser | None, at: datetime | None = None
) -> Sample:
    """Withdraw a request that was never sent (once sent, a sample is converted or lost)."""
    _lock(sample)
    _refuse(sample, Sample.Status.CANCELLED)
    when = at or timezone.now()
    sample.status = Sample.Status.CANCELLED
    sample.cancelled_at = when
    sample.save(update_fields=["status", "cancelled_at"])
    buyer_event_record(
        buyer=sample.buyer,
        kind="sample_cancelled",
        payload=_payload(sample),
        actor=actor,
        at=when,
    )
    buyer_regrade(buyer=sample.buyer, actor=actor, cause="sample")
    return sample


# --- orders -------------------------------------------------------------------------------------

ORDER_NUMBER_MAX = 40
# status → the statuses it may move to; delivered and cancelled are final.
ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    Order.Status.QUOTED: frozenset({Order.Status.PAID, Order.Status.CANCELLED}),
    Order.Status.PAID: frozenset({Order.Status.SHIPPED, Order.Status.CANCELLED}),
    Order.Status.SHIPPED: frozenset({Order.Status.DELIVERED}),
    Order.Status.DELIVERED: frozenset(),
    Order.Status.CANCELLED: frozenset(),
}
# The date field each status sets, and the one it must not precede.
_ORDER_DATES = {
    Order.Status.PAID: ("paid_at", "quoted_at"),
    Order.Status.SHIPPED: ("shipped_at", "paid_at"),
    Order.Status.DELIVERED: ("delivered_at", "shipped_at"),
    Order.Status.CANCELLED: ("cancelled_at", "quoted_at"),
}
_ORDER_EVENTS = {
    Order.Status.PAID: "order_paid",
    Order.Status.SHIPPED: "order_shipped",
    Order.Status.DELIVERED: "order_delivered",
    Order.Status.CANCELLED: "order_cancelled",
}


def order_can_move(status: str, new: str) -> bool:
    """Whether an order in ``status`` may be marked ``new``."""
    return new in ORDER_TRANSITIONS.get(status, frozenset())


def _order_status_label(status: str) -> str:
    return str(Order.Status(status).label)


def _currency(code: str) -> str:
    try:
        return normalise_currency(code)
    except UnknownCurrencyError:
        raise ValidationError(
            _("%(currency)s is not a currency code (e.g. USD, EUR, KRW).") % {"currency": code},
            code="unknown_currency",
        ) from None


def _order_line(order: Order, line: dict[str, Any], index: int) -> OrderLine:
    """One validated line: quantity ≥ 1, unit price ≥ 0, a product or a description."""
    product = line.get("product")
    description = " ".join(str(line.get("description") or "").split())[:200]
    quantity, unit = line.get("quantity"), line.get("unit_price_minor")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        raise ValidationError(
            _("Line %(n)d: the quantity must be a whole number of at least 1.") % {"n": index},
            code="bad_quantity",
        )
    if not isinstance(unit, int) or isinstance(unit, bool) or unit < 0:
        raise ValidationError(
            _("Line %(n)d: the unit price must be zero or more.") % {"n": index},
            code="bad_price",
        )
    if product is None and not description:
        raise ValidationError(
            _("Line %(n)d: choose a product or describe the goods.") % {"n": index},
            code="empty_line",
        )
    return OrderLine(
        order=order,
        product=product,
        description=description,
        quantity=quantity,
        unit_price_minor=unit,
        total_minor=quantity * unit,
    )


@transaction.atomic
def order_create(
    *,
    buyer: Buyer,
    actor: AbstractBaseUser | None,
    number: str,
    channel: str,
    currency: str,
    lines: Iterable[dict[str, Any]],
    quoted_at: datetime | None = None,
) -> Order:
    """Record a quoted order with its lines (``product``, ``description``, ``quantity``,
    ``unit_price_minor``); the total is the sum of the lines. Event ``order_placed``."""
    clean_number = (number or "").strip()
    if not clean_number or len(clean_number) > ORDER_NUMBER_MAX:
        raise ValidationError(
            _("Give an order number of at most %(max)d characters.") % {"max": ORDER_NUMBER_MAX},
            code="bad_number",
        )
    if Order.objects.filter(number=clean_number).exists():
        raise ValidationError(
            _("Order number %(number)s is already used.") % {"number": clean_number},
            code="duplicate_number",
        )
    if channel not in Order.Channel.values:
        raise ValidationError(_("Choose a payment channel."), code="bad_channel")
    code = _currency(currency)
    when = quoted_at or timezone.now()
    order = Order(
        buyer=buyer,
        number=clean_number,
        channel=channel,
        currency=code,
        status=Order.Status.QUOTED,
        quoted_at=when,
    )
    built = [_order_line(order, line, i) for i, line in enumerate(lines, start=1)]
    if not built:
        raise ValidationError(_("An order needs at least one line."), code="no_lines")
    order.total_minor = sum(line.total_minor for line in built)
    order.save()
    OrderLine.objects.bulk_create(built)
    buyer_event_record(
        buyer=buyer,
        kind="order_placed",
        payload={"order": order.pk, "number": order.number},
        actor=actor,
        at=when,
    )
    return order


def _order_move(
    order: Order, new: str, actor: AbstractBaseUser | None, at: datetime | None
) -> Order:
    order.refresh_from_db(from_queryset=Order.objects.select_for_update())
    if not order_can_move(order.status, new):
        raise ValidationError(
            _("An order that is “%(current)s” cannot be marked “%(new)s”.")
            % {"current": _order_status_label(order.status), "new": _order_status_label(new)},
            code="illegal_transition",
        )
    field_name, earlier_name = _ORDER_DATES[new]  # type: ignore[index]
    when = at or timezone.now()
    _not_before(
        when,
        getattr(order, earlier_name),
        _("An order cannot be marked “%(new)s” before it was “%(current)s”.")
        % {"new": _order_status_label(new), "current": _order_status_label(order.status)},
    )
    order.status = new
    setattr(order, field_name, when)
    order.save(update_fields=["status", field_name])
    buyer_event_record(
        buyer=order.buyer,
        kind=_ORDER_EVENTS[new],  # type: ignore[index]
        payload={"order": order.pk, "number": order.number},
        actor=actor,
        at=when,
    )
    # Paid orders feed the rubric and the transacted/reordered tags.
    buyer_regrade(buyer=order.buyer, actor=actor, cause="order")
    buyer_sync_system_tags(buyer=order.buyer)
    return order


@transaction.atomic
def order_mark_paid(
    *, order: Order, actor: AbstractBaseUser | None, at: datetime | None = None
) -> Order:
    """The buyer paid: the order counts as a transaction from now on."""
    return _order_move(order, Order.Status.PAID, actor, at)


@transaction.atomic
def order_mark_shipped(
    *, order: Order, actor: AbstractBaseUser | None, at: datetime | None = None
) -> Order:
    """The goods left."""
    return _order_move(order, Order.Status.SHIPPED, actor, at)


@transaction.atomic
def order_mark_delivered(
    *, order: Order, actor: AbstractBaseUser | None, at: datetime | None = None
) -> Order:
    """The buyer has the goods (starts the post-delivery check-in and review request)."""
    return _order_move(order, Order.Status.DELIVERED, actor, at)


@transaction.atomic
def order_mark_cancelled(
    *, order: Order, actor: AbstractBaseUser | None, at: datetime | None = None
) -> Order:
    """Cancel a quoted or paid order (not one already shipped)."""
    return _order_move(order, Order.Status.CANCELLED, actor, at)


# --- reviews ------------------------------------------------------------------------------------

REVIEW_TEXT_MAX = 5000


@transaction.atomic
def review_record(
    *,
    buyer: Buyer,
    order: Order | None,
    rating: int,
    text: str,
    actor: AbstractBaseUser | None,
    received_at: datetime | None = None,
) -> Review:
    """Record a buyer's rating (1–5) of an order; event ``review_received`` {"rating"}."""
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise ValidationError(_("A rating is a whole number from 1 to 5."), code="bad_rating")
    if order is not None and order.buyer_id != buyer.pk:
        raise ValidationError(
            _("Order %(number)s belongs to another buyer.") % {"number": order.number},
            code="other_buyer",
        )
    clean = (text or "").strip()
    if len(clean) > REVIEW_TEXT_MAX:
        raise ValidationError(
            _("A review text can be at most %(max)d characters.") % {"max": REVIEW_TEXT_MAX},
            code="text_too_long",
        )
    when = received_at or timezone.now()
    review = Review.objects.create(
        buyer=buyer,
        order=order,
        rating=rating,
        text=clean,
        received_at=when,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,  # type: ignore[misc]
    )
    payload: dict[str, Any] = {"review": review.pk, "rating": rating}
    if order is not None:
        payload["number"] = order.number
    buyer_event_record(buyer=buyer, kind="review_received", payload=payload, actor=actor, at=when)
    return review


# --- reorder predictions ------------------------------------------------------------------------

# Orders that count as purchases for the reorder model (as for the ``transacted`` tag).
PURCHASE_STATUSES = (Order.Status.PAID, Order.Status.SHIPPED, Order.Status.DELIVERED)
# Time unit of the fit: weeks, as in CDNOW (days / 7; a B2B cycle of a few weeks gives
# well-scaled parameters). Predictions are stored as dates and counts, so the unit never shows.
REORDER_UNIT: model.TimeUnit = "weeks"
PREDICTION_CURRENCY = "USD"
BULK_BATCH = 2000


def usd_cents_per_minor(currency: str) -> float | None:
    """US cents per minor unit of ``currency`` at the approximate rates, None if unknown."""
    rate = APPROX_USD_PER_UNIT.get(currency)
    if rate is None:
        return None
    try:
        digits = minor_exponent(currency)
    except UnknownCurrencyError:
        return None
    return rate * 100.0 / 10**digits


def purchase_history() -> Iterable[tuple[int, datetime, float]]:
    """Every purchase as ``(buyer_id, placed at, amount in US cents)``.

    The purchase date is when it was paid, else quoted, else recorded. Amounts in a currency
    without a known rate count as 0 (they still count as orders).
    """
    factors: dict[str, float | None] = {}
    rows = (
        Order.objects.filter(status__in=PURCHASE_STATUSES)
        .annotate(placed=Coalesce("paid_at", "quoted_at", "created_at"))
        .order_by()
        .values_list("buyer_id", "placed", "total_minor", "currency")
        .iterator(chunk_size=5000)
    )
    for buyer_id, placed, total, currency in rows:
        if currency not in factors:
            factors[currency] = usd_cents_per_minor(currency)
        factor = factors[currency]
        yield buyer_id, placed, total * factor if factor is not None else 0.0


@dataclass(frozen=True)
class RefitReport:
    """What a refit did: buyers predicted, per method, and the fitted model (if any)."""

    buyers: int
    methods: dict[str, int]
    model_reason: str
    bgnbd: dict[str, float] | None
    gamma_gamma: dict[str, float] | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "buyers": self.buyers,
            "methods": self.methods,
            "model_reason": self.model_reason,
            "bgnbd": self.bgnbd,
            "gamma_gamma": self.gamma_gamma,
        }


def _cents(value: float) -> int | None:
    return round(float(value)) if np.isfinite(value) else None


def _number(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def reorder_refit(
    *, now: datetime | None = None, unit: model.TimeUnit = REORDER_UNIT
) -> RefitReport:
    """Fit BG/NBD and Gamma-Gamma on the workspace's purchases and store every buyer's forecast.

    Dates are calendar days in the workspace time zone (same-day orders are one order). The old
    predictions are replaced in one transaction (delete + bulk_create); each new row keeps the
    old P(alive) as ``previous_probability_alive`` so the Reorders page can show a fall.
    """
    workspace = WorkspaceSettings.current()
    zone = ZoneInfo(workspace.timezone)
    moment = now or timezone.now()
    today = moment.astimezone(zone).date()
    history = (
        (b, placed.astimezone(zone).date(), cents) for b, placed, cents in purchase_history()
    )
    summary = model.build_summary(history, today, unit=unit)
    forecast = model.predict_reorders(summary, horizon_days=90, today=today)
    x, t_x, T = summary.frequency, summary.recency, summary.T
    orders_30 = forecast.expected_orders * (30 / 90)  # exact for the own-cycle forecast
    if forecast.bgnbd is not None and forecast.bgnbd.problem is None and len(summary):
        with np.errstate(all="ignore"):
            model_30 = forecast.bgnbd.expected_purchases(30 / summary.days_per_unit, x, t_x, T)
        is_model = forecast.method == model.METHOD_BGNBD
        orders_30 = np.where(is_model, np.maximum(model_30, 0.0), orders_30)
    last_days = T - t_x
    previous = dict(
        ReorderPrediction.objects.exclude(probability_alive=None).values_list(
            "buyer_id", "probability_alive"
        )
    )
    rows = []
    for i, item in enumerate(forecast.rows()):
        last_on = date.fromordinal(
            today.toordinal() - round(float(last_days[i]) * summary.days_per_unit)
        )
        rows.append(
            ReorderPrediction(
                buyer_id=item.buyer_id,
                probability_alive=item.p_alive,
                previous_probability_alive=previous.get(item.buyer_id),
                expected_orders_30=_number(orders_30[i]),
                expected_orders_90=item.expected_orders,
                expected_order_value_minor=_cents(forecast.expected_order_value[i]),
                expected_revenue_minor=_cents(forecast.expected_revenue[i]),
                currency=PREDICTION_CURRENCY,
                last_order_on=last_on,
                next_order_on=item.next_order_date,
                method=item.method,
                reason=item.reason[:300],
                reason_code=item.reason_code,
                fitted_at=moment,
            )
        )
    with transaction.atomic():
        ReorderPrediction.objects.all().delete()
        ReorderPrediction.objects.bulk_create(rows, batch_size=BULK_BATCH)
    methods: dict[str, int] = {}
    for method in forecast.method:
        methods[str(method)] = methods.get(str(method), 0) + 1
    bg, gg = forecast.bgnbd, forecast.gamma_gamma
    return RefitReport(
        buyers=len(rows),
        methods=methods,
        model_reason=forecast.model_reason,
        bgnbd=(
            {"r": bg.r, "alpha": bg.alpha, "a": bg.a, "b": bg.b, "ll": bg.ll}
            if bg is not None and bg.problem is None
            else None
        ),
        gamma_gamma=(
            {"p": gg.p, "q": gg.q, "gamma": gg.gamma, "ll": gg.ll}
            if gg is not None and gg.problem is None
            else None
        ),
    )
