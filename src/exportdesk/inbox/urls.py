from django.urls import include, path

from exportdesk.inbox import views

app_name = "inbox"
urlpatterns = [
    path("", views.inbox_view, name="index"),
    path("new/", views.inquiry_new_view, name="new"),
    path("responses/", views.response_report_view, name="responses"),
    path("c/<int:conversation_id>/", views.conversation_view, name="conversation"),
    path("c/<int:conversation_id>/reply/", views.conversation_reply_view, name="reply"),
    path("c/<int:conversation_id>/polish/", views.conversation_polish_view, name="polish"),
    path("c/<int:conversation_id>/spam/", views.conversation_spam_view, name="spam"),
    path("c/<int:conversation_id>/close/", views.conversation_close_view, name="close"),
    path("alerts/<int:alert_id>/read/", views.alert_read_view, name="alert_read"),
    path("m/<int:message_id>/retry/", views.message_retry_view, name="retry"),
    path("knowledge/", include("exportdesk.inbox.knowledge_urls")),
]
