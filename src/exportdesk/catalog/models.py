"""The seller's products, with the weights that drive shipping costs."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Product(models.Model):
    """One SKU of the catalog."""

    sku = models.CharField(_("SKU"), max_length=40, unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    category = models.CharField(_("category"), max_length=60, db_index=True)
    moq = models.PositiveIntegerField(_("MOQ"), default=1)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    # [{"min_qty": 500, "unit_price_minor": 350}, ...] sorted by min_qty
    price_tiers = models.JSONField(_("price tiers"), default=list, blank=True)
    lead_time_days = models.PositiveSmallIntegerField(_("lead time (days)"), default=14)
    listed_weight_g = models.PositiveIntegerField(_("listed weight (g)"), null=True, blank=True)
    actual_weight_g = models.PositiveIntegerField(_("actual weight (g)"), null=True, blank=True)
    length_mm = models.PositiveIntegerField(_("length (mm)"), null=True, blank=True)
    width_mm = models.PositiveIntegerField(_("width (mm)"), null=True, blank=True)
    height_mm = models.PositiveIntegerField(_("height (mm)"), null=True, blank=True)
    certifications = models.JSONField(_("certifications"), default=list, blank=True)
    launched_at = models.DateField(_("launched"), null=True, blank=True)
    image = models.FileField(_("image"), upload_to="products/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["category", "sku"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return f"{self.sku} {self.name_en}"
