from django.urls import path

from exportdesk.placeholders import coming_soon

app_name = "projects"
urlpatterns = [
    path("", coming_soon, {"section": "projects"}, name="index"),
]
