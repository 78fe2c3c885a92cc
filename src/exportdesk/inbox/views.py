"""Inbox screens: the SLA queue, a conversation with its composer, and the new-inquiry form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.buyers.models import Channel
from exportdesk.inbox.forms import InquiryForm, ReplyForm
from exportdesk.inbox.models import Conversation, InboxAlert, Message
from exportdesk.inbox.selectors import (
    InboxQuery,
    conversation_page,
    conversations_visible_to,
    inbox_counts,
    inbox_queue,
)
from exportdesk.inbox.services import (
    conversation_close,
    conversation_reject_spam,
    message_receive,
    message_retry,
    message_send,
)


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
def inbox_view(request: HttpRequest) -> HttpResponse:
    """The queue; an HTMX request gets only the table."""
    query = InboxQuery.from_params(request.GET)
    queue = inbox_queue(request.user, query)
    counts = inbox_counts(
        request.user, now=queue.now, workspace=getattr(request, "workspace", None)
    )
    # the navigation badge shows the same numbers: count once per request
    request.inbox_counts = counts  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "queue": queue,
        "counts": {**counts, "all": counts.get("awaiting", 0)},
        "tabs": [
            ("all", _("All")),
            ("mine", _("Mine")),
            ("unassigned", _("Unassigned")),
            ("filtered", _("Filtered")),
        ],
        "channels": Channel.choices,
        "can_add": request.user.has_perm("inbox.add_message"),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "inbox/_queue.html", context)
    from exportdesk.inbox.kpis import inbox_kpis

    context["kpis"] = inbox_kpis(request.user, counts=counts)
    context["alerts"] = open_alerts(request.user)
    return render(request, "inbox/list.html", context)


ALERTS_SHOWN = 5


@login_required
def response_report_view(request: HttpRequest) -> HttpResponse:
    """Response time and rate per rep and per buyer grade over the last 30 days."""
    from exportdesk.inbox.kpis import inbox_kpis, response_breakdown

    rows = response_breakdown(user=request.user)
    return render(
        request,
        "inbox/responses.html",
        {
            "kpis": inbox_kpis(request.user),
            "rep_rows": [r for r in rows if r.dimension == "rep"],
            "grade_rows": [r for r in rows if r.dimension == "grade"],
        },
    )


def open_alerts(user: Any) -> list[InboxAlert]:
    """The user's unread alerts whose conversation still waits on the same deadline."""
    from exportdesk.inbox.alerts import alerts_for

    return list(
        alerts_for(user).filter(
            conversation__status__in=Conversation.AWAITING_REPLY,
            conversation__deadline_at=F("deadline_at"),
        )[:ALERTS_SHOWN]
    )


@require_POST
@login_required
def alert_read_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    """Dismiss an in-app alert."""
    from exportdesk.inbox.alerts import alert_mark_read

    alert = get_object_or_404(InboxAlert, pk=alert_id)
    alert_mark_read(alert=alert, user=request.user)
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse("")
    return redirect("inbox:index")


@login_required
def conversation_view(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """One conversation: the thread, the buyer card and the composer."""
    page = conversation_page(request.user, conversation_id)
    draft = None
    composer = None
    if page.last_inbound is not None and page.conversation.status != "closed":
        from exportdesk.inbox.drafts import conversation_draft

        user = request.user
        signer = getattr(user, "get_full_name", lambda: "")() or user.get_username()
        composer = conversation_draft(page, signer=signer)
        draft = composer.draft if composer else None
    initial = {"body": draft.text if draft else ""}
    return render(
        request,
        "inbox/conversation.html",
        {
            "page": page,
            "draft": draft,
            "form": ReplyForm(initial=initial),
            "can_reply": request.user.has_perm("inbox.add_message"),
            "can_change": request.user.has_perm("inbox.change_conversation"),
            "llm_on": WorkspaceSettings.current().llm_enabled,
        },
    )


@require_POST
@login_required
@permission_required("inbox.add_message", raise_exception=True)
def conversation_polish_view(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """HTMX: the LLM's polished draft as a suggestion a person reads, edits and sends."""
    from exportdesk.inbox.drafts import conversation_draft, draft_polish

    page = conversation_page(request.user, conversation_id)
    composer = conversation_draft(page, signer=request.user.get_username())
    if composer is None:
        return HttpResponse(status=204)
    result = draft_polish(composer, workspace=WorkspaceSettings.current())
    return render(request, "inbox/_polished.html", {"result": result})


def _visible_conversation(request: HttpRequest, conversation_id: int):  # type: ignore[no-untyped-def]
    return get_object_or_404(
        conversations_visible_to(request.user).select_related("buyer"), pk=conversation_id
    )


@require_POST
@login_required
@permission_required("inbox.add_message", raise_exception=True)
def conversation_reply_view(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """Send the composer's reply (by email, or recorded as copied to the platform)."""
    conversation = _visible_conversation(request, conversation_id)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        page = conversation_page(request.user, conversation_id)
        return render(
            request,
            "inbox/conversation.html",
            {"page": page, "draft": None, "form": form, "can_reply": True, "can_change": True},
            status=400,
        )
    try:
        message = message_send(
            conversation=conversation, author=request.user, body=form.cleaned_data["body"]
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("inbox:conversation", conversation_id)
    if message.delivery == Message.Delivery.FAILED:
        messages.error(
            request,
            _("The email could not be sent: %(error)s. The reply is kept; try again.")
            % {"error": message.delivery_error},
        )
    elif message.delivery == Message.Delivery.CLIPBOARD:
        messages.success(
            request,
            _(
                "Reply recorded as sent. It was copied to your clipboard: paste it into the "
                "Alibaba.com message centre."
            ),
        )
    elif message.delivery == Message.Delivery.EMAIL:
        messages.success(request, _("Reply sent by email."))
    else:
        messages.success(request, _("Reply recorded."))
    return redirect("inbox:conversation", conversation_id)


@require_POST
@login_required
@permission_required("inbox.add_message", raise_exception=True)
def message_retry_view(request: HttpRequest, message_id: int) -> HttpResponse:
    """Send a failed email reply again."""
    message = get_object_or_404(
        Message.objects.filter(conversation__in=conversations_visible_to(request.user)),
        pk=message_id,
    )
    try:
        message = message_retry(message=message, actor=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        if message.delivery == Message.Delivery.FAILED:
            messages.error(
                request,
                _("The email could not be sent: %(error)s.") % {"error": message.delivery_error},
            )
        else:
            messages.success(request, _("Reply sent by email."))
    return redirect("inbox:conversation", message.conversation_id)


@require_POST
@login_required
@permission_required("inbox.change_conversation", raise_exception=True)
def conversation_spam_view(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """Reject as spam in one click; it counts as a response."""
    conversation = _visible_conversation(request, conversation_id)
    conversation_reject_spam(conversation=conversation, actor=request.user)
    messages.success(
        request,
        _("Rejected as spam: %(company)s. This counts as a response.")
        % {"company": conversation.buyer.company},
    )
    return redirect(request.POST.get("next") or "inbox:index")


@require_POST
@login_required
@permission_required("inbox.change_conversation", raise_exception=True)
def conversation_close_view(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """Close a conversation that needs no reply."""
    conversation = _visible_conversation(request, conversation_id)
    conversation_close(conversation=conversation, actor=request.user)
    messages.success(request, _("Conversation closed."))
    return redirect("inbox:index")


@login_required
@permission_required("inbox.add_message", raise_exception=True)
def inquiry_new_view(request: HttpRequest) -> HttpResponse:
    """Type or paste a buyer's inquiry; a pasted Alibaba.com inquiry fills the buyer fields."""
    form = InquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = _inquiry_fields(data)
        try:
            received = message_receive(actor=request.user, **fields)
        except ValidationError as error:
            for name, problems in getattr(error, "message_dict", {"text": error.messages}).items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            if received.duplicate:
                messages.info(request, _("This message was already in the inbox."))
            elif received.buyer_created:
                messages.success(
                    request,
                    _("New buyer %(company)s registered, graded %(grade)s.")
                    % {"company": received.buyer.company, "grade": received.buyer.grade},
                )
            else:
                messages.success(
                    request,
                    _("Message added to %(company)s's conversation.")
                    % {"company": received.buyer.company},
                )
            return redirect("inbox:conversation", received.conversation.pk)
    return render(request, "inbox/new.html", {"form": form})


def _inquiry_fields(data: dict[str, Any]) -> dict[str, Any]:
    """What the form says, filled in from a pasted Alibaba.com inquiry where the form is empty."""
    from exportdesk.inbox.alibaba import parse_pasted_inquiry

    parsed = parse_pasted_inquiry(data["text"])
    read: dict[str, str] = {
        "company": parsed.company,
        "contact_name": parsed.contact_name,
        "email": parsed.email,
        "country": parsed.country,
        "subject": parsed.subject,
        "platform_buyer_id": parsed.platform_buyer_id,
    }
    fields: dict[str, Any] = {
        # the message with the product and quantity the form showed, when the text lacks them
        "body": parsed.message_text() or data["text"],
        "channel": data["channel"],
        "buyer_fields": parsed.buyer_fields() or None,
    }
    for name, value in read.items():
        fields[name] = (data.get(name) or "").strip() or value
    return fields
