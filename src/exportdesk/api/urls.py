"""The API tokens page (mounted at /api/tokens/); the REST API itself is api.api at /api/v1/."""

from django.urls import path

from exportdesk.api import views

app_name = "tokens"

urlpatterns = [
    path("", views.token_list_view, name="list"),
    path("<int:token_id>/revoke/", views.token_revoke_view, name="revoke"),
]
