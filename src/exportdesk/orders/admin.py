from django.contrib import admin

from exportdesk.orders.models import Order, OrderLine, Review, Sample


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    raw_id_fields = ("product",)


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ("number", "buyer", "status", "channel", "currency", "total_minor", "quoted_at")
    list_filter = ("status", "channel", "currency")
    search_fields = ("number", "buyer__company")
    raw_id_fields = ("buyer",)
    list_select_related = ("buyer",)
    inlines = [OrderLineInline]


@admin.register(Sample)
class SampleAdmin(admin.ModelAdmin):
    list_display = ("buyer", "status", "grade_at_request", "seller_share_pct", "requested_at")
    list_filter = ("status", "grade_at_request")
    raw_id_fields = ("buyer", "converted_order")
    filter_horizontal = ("products",)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("buyer", "order", "rating", "received_at")
    list_filter = ("rating",)
    raw_id_fields = ("buyer", "order", "recorded_by")
