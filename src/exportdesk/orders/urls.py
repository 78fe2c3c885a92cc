from django.urls import path

from exportdesk.placeholders import coming_soon

app_name = "orders"
urlpatterns = [
    path("", coming_soon, {"section": "orders"}, name="index"),
    path("samples/", coming_soon, {"section": "samples"}, name="samples"),
]
