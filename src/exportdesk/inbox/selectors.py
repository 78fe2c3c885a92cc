"""Reads of the inbox, named after their screens: the queue, the counts, a conversation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.accounts.roles import sees_all_buyers
from exportdesk.buyers.models import Channel
from exportdesk.domain.sla import sla_state
from exportdesk.inbox.models import Conversation, KnowledgeArticle, Message, ReplyTemplate
from exportdesk.orders.models import Order, Sample

PAGE_SIZE = 50
VIEWS = ("all", "mine", "unassigned", "filtered")
THREAD_LENGTH = 200

User = AbstractBaseUser | AnonymousUser


def conversations_visible_to(user: User) -> QuerySet[Conversation]:
    """Every conversation for owners, managers and viewers; a rep's own and unassigned buyers'."""
    if not user.is_authenticated:
        return Conversation.objects.none()
    if sees_all_buyers(user):
        return Conversation.objects.all()
    return Conversation.objects.filter(
        Q(buyer__assigned_rep=user) | Q(buyer__assigned_rep__isnull=True)
    )


def awaiting_us(user: User) -> QuerySet[Conversation]:
    """Open conversations waiting for our reply (spam rejected ones are closed)."""
    return conversations_visible_to(user).filter(
        status__in=Conversation.AWAITING_REPLY, is_spam=False
    )


@dataclass(frozen=True)
class InboxQuery:
    """The queue's view, filters and page, read leniently from the query string."""

    view: str = "all"
    grade: str = ""
    channel: str = ""
    overdue: bool = False
    q: str = ""
    page: int = 1

    @classmethod
    def from_params(cls, params: Any) -> InboxQuery:
        """Unknown values are ignored, not errors."""

        def get(name: str) -> str:
            return (params.get(name) or "").strip()

        try:
            page = max(1, int(get("page") or 1))
        except ValueError:
            page = 1
        grade = get("grade").upper()
        return cls(
            view=get("view") if get("view") in VIEWS else "all",
            grade=grade if grade in {"A", "B", "C"} else "",
            channel=get("channel") if get("channel") in Channel.values else "",
            overdue=get("overdue") == "1",
            q=get("q")[:100],
            page=page,
        )

    def is_filtered(self) -> bool:
        """Whether anything narrows the default queue."""
        return bool(self.view != "all" or self.grade or self.channel or self.overdue or self.q)


@dataclass
class QueueRow:
    """One conversation in the queue, with its SLA state worked out."""

    conversation: Conversation
    state: str
    seconds_left: int | None


@dataclass
class InboxQueue:
    """One page of the queue."""

    page: Page[Conversation]
    rows: list[QueueRow]
    query: InboxQuery
    now: datetime
    counts: dict[str, int] = field(default_factory=dict)


def _due_soon(workspace: WorkspaceSettings) -> timedelta:
    return timedelta(minutes=workspace.due_soon_minutes)


def inbox_queue(user: User, query: InboxQuery, *, now: datetime | None = None) -> InboxQueue:
    """The inbox screen: conversations awaiting us, earliest deadline first, A before B before C.

    The "filtered" view holds low-intent messages (spam, pitches, empty greetings) the assistant
    kept out of the main queue; every other view leaves them out.
    """
    now = now or timezone.now()
    workspace = WorkspaceSettings.current()
    qs = awaiting_us(user).filter(low_intent=query.view == "filtered")
    if query.view == "mine":
        qs = qs.filter(buyer__assigned_rep_id=user.pk)
    elif query.view == "unassigned":
        qs = qs.filter(buyer__assigned_rep__isnull=True)
    if query.grade:
        qs = qs.filter(buyer__grade=query.grade)
    if query.channel:
        qs = qs.filter(channel=query.channel)
    if query.overdue:
        qs = qs.filter(deadline_at__lt=now)
    if query.q:
        qs = qs.filter(
            Q(buyer__company__icontains=query.q)
            | Q(buyer__contact_name__icontains=query.q)
            | Q(subject__icontains=query.q)
        )
    qs = (
        qs.select_related("buyer", "buyer__assigned_rep")
        .only(
            "id",
            "channel",
            "subject",
            "status",
            "deadline_at",
            "awaiting_since",
            "last_message_at",
            "language",
            "intents",
            "low_intent",
            "preview",
            "buyer__id",
            "buyer__company",
            "buyer__contact_name",
            "buyer__country",
            "buyer__grade",
            "buyer__platform_level",
            "buyer__assigned_rep__id",
            "buyer__assigned_rep__username",
            "buyer__assigned_rep__first_name",
            "buyer__assigned_rep__last_name",
        )
        .order_by(F("deadline_at").asc(nulls_last=True), "buyer__grade", "id")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(query.page)
    due_soon = _due_soon(workspace)
    rows = []
    for conversation in page.object_list:
        deadline = conversation.deadline_at
        rows.append(
            QueueRow(
                conversation=conversation,
                state=sla_state(deadline, now, due_soon=due_soon),
                seconds_left=int((deadline - now).total_seconds()) if deadline else None,
            )
        )
    return InboxQueue(page=page, rows=rows, query=query, now=now)


def inbox_counts(
    user: User, *, now: datetime | None = None, workspace: WorkspaceSettings | None = None
) -> dict[str, int]:
    """Counts for the navigation badge and the queue's tabs, in one query."""
    if not user.is_authenticated:
        return {}
    now = now or timezone.now()
    soon = now + _due_soon(workspace or WorkspaceSettings.current())
    main = Q(low_intent=False)
    return awaiting_us(user).aggregate(
        awaiting=Count("id", filter=main),
        overdue=Count("id", filter=main & Q(deadline_at__lt=now)),
        due_soon=Count("id", filter=main & Q(deadline_at__gte=now, deadline_at__lte=soon)),
        mine=Count("id", filter=main & Q(buyer__assigned_rep_id=user.pk)),
        unassigned=Count("id", filter=main & Q(buyer__assigned_rep__isnull=True)),
        filtered=Count("id", filter=Q(low_intent=True)),
    )


@dataclass
class ConversationPage:
    """Everything the conversation screen shows."""

    conversation: Conversation
    messages: list[Message]
    orders: list[Order]
    samples: list[Sample]
    templates: list[ReplyTemplate]
    articles: list[tuple[KnowledgeArticle, float]]
    all_articles: list[KnowledgeArticle]
    last_inbound: Message | None
    state: str
    older_messages: int = 0


def conversation_page(user: User, conversation_id: int) -> ConversationPage:
    """The conversation screen: thread, buyer card, composer material.

    Raises Http404 for a conversation of a buyer the user may not see.
    """
    conversation = (
        conversations_visible_to(user)
        .select_related("buyer", "buyer__assigned_rep")
        .filter(pk=conversation_id)
        .first()
    )
    if conversation is None:
        raise Http404("No such conversation")
    total = conversation.messages.count()
    messages = list(
        conversation.messages.select_related("author").order_by("-sent_at", "-id")[:THREAD_LENGTH]
    )
    messages.reverse()
    last_inbound = next((m for m in reversed(messages) if m.direction == "in"), None)
    buyer = conversation.buyer
    orders = list(buyer.orders.order_by("-quoted_at", "-id")[:5])
    samples = list(buyer.samples.order_by("-requested_at")[:5])
    language = (last_inbound.language if last_inbound else "") or conversation.language
    templates = list(
        ReplyTemplate.objects.filter(
            Q(language=language) | Q(language="en") | Q(language="ko")
        ).filter(Q(country="") | Q(country=buyer.country))
    )
    hits = [
        (int(hit["article_id"]), float(hit["score"]))
        for hit in ((last_inbound.triage or {}).get("knowledge") or [] if last_inbound else [])
        if isinstance(hit, dict) and "article_id" in hit
    ]
    all_articles = list(KnowledgeArticle.objects.order_by("title"))
    by_id = {a.pk: a for a in all_articles}
    articles = [(by_id[aid], score) for aid, score in hits if aid in by_id]
    workspace = WorkspaceSettings.current()
    return ConversationPage(
        conversation=conversation,
        messages=messages,
        orders=orders,
        samples=samples,
        templates=templates,
        articles=articles,
        all_articles=all_articles,
        last_inbound=last_inbound,
        state=sla_state(conversation.deadline_at, timezone.now(), due_soon=_due_soon(workspace)),
        older_messages=max(0, total - len(messages)),
    )
