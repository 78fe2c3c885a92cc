from django.urls import path

from exportdesk.placeholders import coming_soon

app_name = "inbox"
urlpatterns = [
    path("", coming_soon, {"section": "inbox"}, name="index"),
    path("knowledge/", coming_soon, {"section": "knowledge"}, name="knowledge"),
]
