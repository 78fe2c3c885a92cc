"""Orders with lines, samples priced by policy, and reviews."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from exportdesk.buyers.models import Buyer
from exportdesk.catalog.models import Product


class Order(models.Model):
    """A buyer's order; money in minor units of ``currency``."""

    class Channel(models.TextChoices):
        TRADE_ASSURANCE = "trade_assurance", _("Trade Assurance")
        TT = "tt", _("T/T")
        PAYPAL = "paypal", "PayPal"
        LC = "lc", _("L/C")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        QUOTED = "quoted", _("Quoted")
        PAID = "paid", _("Paid")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    buyer = models.ForeignKey(Buyer, on_delete=models.CASCADE, related_name="orders")
    number = models.CharField(_("order number"), max_length=40, unique=True)
    channel = models.CharField(
        _("payment channel"), max_length=16, choices=Channel.choices, default=Channel.TT
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUOTED
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    total_minor = models.BigIntegerField(_("total"), default=0)
    quoted_at = models.DateTimeField(_("quoted"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-quoted_at", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [
            models.Index(fields=["buyer", "-quoted_at"]),
            # The orders page: newest first, overall and per status / channel.
            models.Index(fields=["-quoted_at", "-id"], name="order_recent_idx"),
            models.Index(fields=["status", "-quoted_at", "-id"], name="order_status_recent_idx"),
            models.Index(fields=["channel", "-quoted_at", "-id"], name="order_channel_recent_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class OrderLine(models.Model):
    """One product line of an order."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, null=True, blank=True, on_delete=models.SET_NULL)
    description = models.CharField(_("description"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price_minor = models.BigIntegerField(_("unit price"))
    total_minor = models.BigIntegerField(_("line total"))

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description or self.product}"


def default_policy_snapshot() -> dict[str, int]:
    return {}


class Sample(models.Model):
    """A sample request, with who pays what (fixed from the policy and grade at request time).

    Changed only through ``orders.services`` (sample_request, sample_mark_sent, …), which keep the
    status transitions of ``domain.samples.TRANSITIONS`` and record buyer events.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        CONVERTED = "converted", _("Converted to order")
        LOST = "lost", _("Lost")
        CANCELLED = "cancelled", _("Cancelled")

    buyer = models.ForeignKey(Buyer, on_delete=models.CASCADE, related_name="samples")
    products = models.ManyToManyField(Product, verbose_name=_("products"), blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    cost_minor = models.BigIntegerField(_("sample cost"), default=0)
    courier_cost_minor = models.BigIntegerField(_("courier cost"), default=0)
    grade_at_request = models.CharField(_("grade at request"), max_length=1, default="C")
    # The whole policy when the sample was requested, e.g. {"A": 100, "B": 50, "C": 0}: later
    # changes to the workspace policy never reprice an existing sample.
    policy_snapshot = models.JSONField(
        _("sample policy at request"), default=default_policy_snapshot, blank=True
    )
    seller_share_pct = models.PositiveSmallIntegerField(
        _("seller's share (%)"), validators=[MaxValueValidator(100)], default=0
    )
    seller_share_minor = models.BigIntegerField(_("seller pays"), default=0)
    buyer_share_minor = models.BigIntegerField(_("buyer pays"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    converted_at = models.DateTimeField(_("converted"), null=True, blank=True)
    lost_at = models.DateTimeField(_("lost"), null=True, blank=True)
    lost_reason = models.CharField(_("reason lost"), max_length=200, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    converted_order = models.ForeignKey(
        Order, null=True, blank=True, on_delete=models.SET_NULL, related_name="from_samples"
    )

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("sample")
        verbose_name_plural = _("samples")
        indexes = [
            models.Index(fields=["buyer", "-requested_at"]),
            models.Index(fields=["status", "-requested_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cost_minor__gte=0, courier_cost_minor__gte=0),
                name="sample_costs_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    seller_share_minor=models.F("cost_minor")
                    + models.F("courier_cost_minor")
                    - models.F("buyer_share_minor")
                ),
                name="sample_shares_add_up",
            ),
        ]

    def __str__(self) -> str:
        return f"Sample #{self.pk} for {self.buyer}"

    @property
    def total_minor(self) -> int:
        """Sample plus courier cost."""
        return self.cost_minor + self.courier_cost_minor


class Review(models.Model):
    """A buyer's rating of an order."""

    buyer = models.ForeignKey(Buyer, on_delete=models.CASCADE, related_name="reviews")
    order = models.ForeignKey(
        Order, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("text"), blank=True)
    received_at = models.DateTimeField(_("received"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rating}★ {self.buyer}"


class ReorderPrediction(models.Model):
    """The latest reorder forecast of one buyer (refitted nightly by ``reorder_refit``).

    Money is in US cents (``currency`` "USD"): orders in many currencies are converted at the
    approximate rates of ``domain.money`` before fitting, so one model covers every buyer.
    ``previous_probability_alive`` is the value of the fit before, to show a falling P(alive).
    """

    class Method(models.TextChoices):
        BGNBD = "bgnbd", _("BG/NBD model")
        OWN_CYCLE = "own_cycle", _("Own order cycle")
        INSUFFICIENT = "insufficient_history", _("Too little history")

    buyer = models.OneToOneField(Buyer, on_delete=models.CASCADE, related_name="reorder_prediction")
    probability_alive = models.FloatField(_("probability still active"), null=True, blank=True)
    previous_probability_alive = models.FloatField(null=True, blank=True)
    expected_orders_30 = models.FloatField(_("expected orders, 30 days"), null=True, blank=True)
    expected_orders_90 = models.FloatField(_("expected orders, 90 days"), null=True, blank=True)
    expected_order_value_minor = models.BigIntegerField(
        _("expected order value"), null=True, blank=True
    )
    expected_revenue_minor = models.BigIntegerField(
        _("expected revenue, 90 days"), null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    last_order_on = models.DateField(_("last order"), null=True, blank=True)
    next_order_on = models.DateField(_("next order expected"), null=True, blank=True, db_index=True)
    method = models.CharField(_("method"), max_length=24, choices=Method.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    # ``reason`` as a code and its numbers (domain.reorder ``reason_code``), shown in the UI
    # language; empty on rows fitted before codes existed, which show ``reason`` as it is.
    reason_code = models.JSONField(_("reason code"), default=dict, blank=True)
    fitted_at = models.DateTimeField(_("fitted"))

    class Meta:
        verbose_name = _("reorder prediction")
        verbose_name_plural = _("reorder predictions")

    def __str__(self) -> str:
        return f"{self.buyer_id}: {self.method} → {self.next_order_on}"

    @property
    def probability_falling(self) -> bool:
        """P(alive) dropped since the previous fit."""
        return (
            self.probability_alive is not None
            and self.previous_probability_alive is not None
            and self.probability_alive < self.previous_probability_alive
        )


class FollowUpOrigin(models.Model):
    """Why a generated follow-up exists, as a unique key (``post_delivery_checkin:order:12``).

    The unique key is what stops the rules from creating a second follow-up for the same reason,
    whatever happened to the first (done, snoozed or dismissed).
    """

    followup = models.OneToOneField(
        "buyers.FollowUp", on_delete=models.CASCADE, related_name="origin"
    )
    key = models.CharField(_("reason key"), max_length=120, unique=True)
    # The rule's reason as numbers (domain.followups ``reason_params``; the code is the
    # follow-up's kind), shown in the UI language. Empty on rows made before, which show the
    # English ``FollowUp.reason``.
    reason_params = models.JSONField(_("reason numbers"), default=dict, blank=True)

    class Meta:
        verbose_name = _("follow-up origin")
        verbose_name_plural = _("follow-up origins")

    def __str__(self) -> str:
        return self.key
