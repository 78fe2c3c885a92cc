from django.urls import path

from exportdesk.insights import views

urlpatterns = [path("", views.dashboard, name="dashboard")]
