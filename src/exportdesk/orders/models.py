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
        indexes = [models.Index(fields=["buyer", "-quoted_at"])]

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


class Sample(models.Model):
    """A sample request, with who pays what (fixed from the policy and grade at request time)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        CONVERTED = "converted", _("Converted to order")
        CANCELLED = "cancelled", _("Cancelled")

    buyer = models.ForeignKey(Buyer, on_delete=models.CASCADE, related_name="samples")
    products = models.ManyToManyField(Product, verbose_name=_("products"), blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    cost_minor = models.BigIntegerField(_("sample cost"), default=0)
    courier_cost_minor = models.BigIntegerField(_("courier cost"), default=0)
    grade_at_request = models.CharField(_("grade at request"), max_length=1, default="C")
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
    converted_order = models.ForeignKey(
        Order, null=True, blank=True, on_delete=models.SET_NULL, related_name="from_samples"
    )

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("sample")
        verbose_name_plural = _("samples")

    def __str__(self) -> str:
        return f"Sample #{self.pk} for {self.buyer}"


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
