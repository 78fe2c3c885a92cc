from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from exportdesk.imports.models import ImportJob

# One entry per rejected row can be large: the Import page shows them, with a CSV download.
HIDDEN = ("errors", "preview")


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Imports are made on the Import page or the command line; here they are only looked at."""

    list_display = ("original_name", "kind", "status", "created_by", "created_at", "finished_at")
    list_filter = ("kind", "status")
    search_fields = ("original_name",)
    exclude = HIDDEN
    readonly_fields = [f.name for f in ImportJob._meta.fields if f.name not in HIDDEN]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
