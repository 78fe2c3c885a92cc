from django.urls import path

from exportdesk.orders import views

app_name = "orders"
urlpatterns = [
    path("", views.order_list_view, name="index"),
    path("new/", views.order_create_view, name="create"),
    path("<int:order_id>/", views.order_detail_view, name="detail"),
    path("<int:order_id>/review/", views.review_create_view, name="review"),
    path("<int:order_id>/<slug:action>/", views.order_action_view, name="action"),
    path("buyer/<int:buyer_id>/panel/", views.buyer_orders_panel_view, name="buyer_panel"),
    path("reorders/", views.reorders_view, name="reorders"),
    path("today/", views.today_view, name="today"),
    path(
        "followups/<int:followup_id>/<slug:action>/",
        views.followup_action_view,
        name="followup_action",
    ),
    path("samples/", views.sample_list_view, name="samples"),
    path("samples/new/", views.sample_request_view, name="sample_request"),
    path("samples/new/preview/", views.sample_split_preview_view, name="sample_split_preview"),
    path("samples/<int:sample_id>/", views.sample_detail_view, name="sample_detail"),
    path("samples/<int:sample_id>/<slug:action>/", views.sample_action_view, name="sample_action"),
]
