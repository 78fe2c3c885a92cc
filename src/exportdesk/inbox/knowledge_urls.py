"""Knowledge page URLs (issue 5), included under /inbox/knowledge/ in the ``inbox`` namespace."""

from django.urls import path

from exportdesk.inbox import knowledge_views as views

urlpatterns = [
    path("", views.knowledge_list_view, name="knowledge"),
    path("new/", views.knowledge_create_view, name="knowledge_create"),
    path("try/", views.knowledge_try_view, name="knowledge_try"),
    path("language-row/", views.knowledge_language_row_view, name="knowledge_language_row"),
    path("<int:article_id>/edit/", views.knowledge_edit_view, name="knowledge_edit"),
    path("<int:article_id>/delete/", views.knowledge_delete_view, name="knowledge_delete"),
]
