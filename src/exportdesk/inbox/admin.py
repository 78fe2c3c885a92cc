from django.contrib import admin

from exportdesk.inbox.models import (
    Conversation,
    InboxAlert,
    KnowledgeArticle,
    MailboxState,
    Message,
    QuarantinedMail,
    ReplyTemplate,
)


class MessageInline(admin.StackedInline):
    model = Message
    extra = 0
    raw_id_fields = ("author",)


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ("subject", "buyer", "channel", "status", "deadline_at", "last_message_at")
    list_filter = ("status", "channel", "is_spam")
    search_fields = ("subject", "buyer__company")
    raw_id_fields = ("buyer",)
    list_select_related = ("buyer",)
    show_full_result_count = False
    inlines = [MessageInline]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("sent_at", "conversation", "direction", "language", "auto_reply")
    list_filter = ("direction", "language", "auto_reply")
    raw_id_fields = ("conversation", "author")
    list_select_related = ("conversation",)
    show_full_result_count = False


@admin.register(KnowledgeArticle)
class KnowledgeArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "auto_reply_allowed", "updated_at")
    list_filter = ("auto_reply_allowed",)
    search_fields = ("title",)


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "purpose", "language", "country")
    list_filter = ("purpose", "language")
    search_fields = ("name", "body")


@admin.register(InboxAlert)
class InboxAlertAdmin(admin.ModelAdmin):
    list_display = ("created_at", "state", "conversation", "recipient", "deadline_at", "read_at")
    list_filter = ("state",)
    raw_id_fields = ("conversation", "recipient")
    list_select_related = ("conversation", "recipient")


@admin.register(MailboxState)
class MailboxStateAdmin(admin.ModelAdmin):
    list_display = ("name", "last_uid", "last_polled_at", "last_error")
    readonly_fields = ("uidvalidity", "last_uid", "last_polled_at", "last_error")


@admin.register(QuarantinedMail)
class QuarantinedMailAdmin(admin.ModelAdmin):
    """Mails the sync could not import: read the reason, fix, and mark resolved."""

    list_display = ("received_at", "mailbox", "uid", "message_id", "reason", "resolved")
    list_filter = ("resolved", "mailbox")
    search_fields = ("message_id", "reason")
    readonly_fields = ("mailbox", "uid", "message_id", "reason", "received_at", "raw_text")
    exclude = ("raw",)

    @admin.display(description="raw mail")
    def raw_text(self, obj: QuarantinedMail) -> str:
        """The mail as text, so it can be read and re-sent by hand."""
        return bytes(obj.raw or b"").decode("utf-8", errors="replace")[:100_000]
