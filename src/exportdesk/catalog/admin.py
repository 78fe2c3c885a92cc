from django.contrib import admin

from exportdesk.catalog.models import Product


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = (
        "sku",
        "name_en",
        "name_ko",
        "category",
        "moq",
        "listed_weight_g",
        "actual_weight_g",
        "launched_at",
    )
    list_filter = ("category",)
    search_fields = ("sku", "name_en", "name_ko")
