from django.urls import path

from exportdesk.insights import patterns_views, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("patterns/", patterns_views.patterns_view, name="patterns"),
]
