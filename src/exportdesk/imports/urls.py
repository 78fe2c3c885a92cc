from django.urls import path

from exportdesk.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_index, name="index"),
    path("<int:job_id>/", views.import_job, name="job"),
    path("<int:job_id>/mapping/", views.import_mapping, name="mapping"),
    path("<int:job_id>/progress/", views.import_progress, name="progress"),
    path("<int:job_id>/confirm/", views.import_confirm, name="confirm"),
    path("<int:job_id>/cancel/", views.import_cancel, name="cancel"),
    path("<int:job_id>/rejected.csv", views.import_rejected_csv, name="rejected"),
    path("export/buyers.<str:fmt>", views.export_buyers, name="export_buyers"),
    path("export/orders.<str:fmt>", views.export_orders, name="export_orders"),
]
