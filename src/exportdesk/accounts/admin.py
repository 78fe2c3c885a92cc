from django.contrib import admin

from exportdesk.accounts.models import RepProfile, WorkspaceSettings


@admin.register(WorkspaceSettings)
class WorkspaceSettingsAdmin(admin.ModelAdmin):
    list_display = ("name", "timezone", "currency", "sla_hours", "updated_at")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # One row per workspace: the Settings page creates it on first use.
        return not WorkspaceSettings.objects.exists()


@admin.register(RepProfile)
class RepProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "seniority", "capacity")
    list_filter = ("seniority",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
