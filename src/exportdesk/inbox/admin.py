from django.contrib import admin

from exportdesk.inbox.models import Conversation, KnowledgeArticle, Message, ReplyTemplate


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
