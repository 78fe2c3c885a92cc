from django import forms
from django.contrib import admin
from django.db import models

from exportdesk.buyers.models import Buyer, BuyerEvent, FollowUp, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "is_system")
    list_filter = ("is_system",)
    search_fields = ("name",)


class BuyerEventInline(admin.TabularInline):
    model = BuyerEvent
    extra = 0
    fields = ("at", "kind", "payload", "actor")
    readonly_fields = fields
    ordering = ("-at",)
    show_change_link = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Buyer)
class BuyerAdmin(admin.ModelAdmin):
    list_display = (
        "company",
        "country",
        "grade",
        "grade_score",
        "platform_level",
        "channel",
        "assigned_rep",
        "last_contact_at",
    )
    list_filter = ("grade", "platform_level", "channel", "business_type", "company_size")
    search_fields = ("company", "contact_name", "email", "platform_buyer_id")
    autocomplete_fields = ("tags",)
    raw_id_fields = ("assigned_rep",)
    readonly_fields = (
        "normalized_company",
        "grade_score",
        "grade_reasons",
        "created_at",
        "updated_at",
    )
    list_select_related = ("assigned_rep",)
    show_full_result_count = False
    inlines = [BuyerEventInline]
    formfield_overrides = {
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}
    }


@admin.register(BuyerEvent)
class BuyerEventAdmin(admin.ModelAdmin):
    list_display = ("at", "buyer", "kind", "actor")
    list_filter = ("kind",)
    raw_id_fields = ("buyer", "actor")
    list_select_related = ("buyer", "actor")
    show_full_result_count = False


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("buyer", "kind", "due_at", "assignee", "status")
    list_filter = ("kind", "status")
    raw_id_fields = ("buyer", "assignee")
