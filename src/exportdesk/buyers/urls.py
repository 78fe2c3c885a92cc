from django.urls import path

from exportdesk.buyers import views

app_name = "buyers"
urlpatterns = [
    path("", views.buyer_list_view, name="list"),
    path("new/", views.buyer_create_view, name="create"),
    path("workload/", views.workload_view, name="workload"),
    path("workload/allocate/", views.workload_allocate_view, name="workload_allocate"),
    path("<int:buyer_id>/", views.buyer_detail_view, name="detail"),
    path("<int:buyer_id>/edit/", views.buyer_edit_view, name="edit"),
    path("<int:buyer_id>/tags/add/", views.buyer_tag_add_view, name="tag_add"),
    path("<int:buyer_id>/tags/remove/", views.buyer_tag_remove_view, name="tag_remove"),
    path("<int:buyer_id>/grade/lock/", views.buyer_grade_lock_view, name="grade_lock"),
    path("<int:buyer_id>/grade/unlock/", views.buyer_grade_unlock_view, name="grade_unlock"),
]
