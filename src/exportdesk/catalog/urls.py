from django.urls import path

from exportdesk.placeholders import coming_soon

app_name = "catalog"
urlpatterns = [
    path("", coming_soon, {"section": "catalog"}, name="index"),
]
