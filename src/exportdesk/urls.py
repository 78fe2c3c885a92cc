"""Root URL configuration."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from exportdesk.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("exportdesk.insights.urls")),
    path("", include("exportdesk.accounts.urls")),
    path("buyers/", include("exportdesk.buyers.urls")),
    path("imports/", include("exportdesk.imports.urls")),
    path("inbox/", include("exportdesk.inbox.urls")),
    path("orders/", include("exportdesk.orders.urls")),
    path("catalog/", include("exportdesk.catalog.urls")),
    path("projects/", include("exportdesk.projects.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("api/tokens/", include("exportdesk.api.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "exportdesk.accounts.views.permission_denied"
handler404 = "exportdesk.accounts.views.page_not_found"
handler500 = "exportdesk.accounts.views.server_error"
