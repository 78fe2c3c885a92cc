"""The project's URLs plus the API tokens page, whether or not the root URLconf mounts it yet."""

from django.urls import include, path

from exportdesk.urls import handler403, handler404, handler500
from exportdesk.urls import urlpatterns as root_patterns

urlpatterns = [
    path("api/tokens/", include("exportdesk.api.urls")),
    *root_patterns,
]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
