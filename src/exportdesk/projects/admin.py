from django.contrib import admin

from exportdesk.projects.models import Project, ProjectStep, ProjectUpdate


class ProjectStepInline(admin.TabularInline):
    model = ProjectStep
    extra = 0


class ProjectUpdateInline(admin.StackedInline):
    model = ProjectUpdate
    extra = 0
    raw_id_fields = ("author",)


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "buyer", "status", "share_expires_at", "created_at")
    list_filter = ("status",)
    search_fields = ("title", "buyer__company")
    raw_id_fields = ("buyer",)
    exclude = ("share_token",)
    inlines = [ProjectStepInline, ProjectUpdateInline]


@admin.register(ProjectStep)
class ProjectStepAdmin(admin.ModelAdmin):
    list_display = ("name", "project", "due_date", "done", "visible_to_buyer")
    raw_id_fields = ("project",)


@admin.register(ProjectUpdate)
class ProjectUpdateAdmin(admin.ModelAdmin):
    list_display = ("project", "at", "visible_to_buyer")
    raw_id_fields = ("project", "author")
