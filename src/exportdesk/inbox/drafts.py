"""The assistant at work in the inbox: reply drafts and the auto-reply policy.

The pure parts (``assistant.drafting``, ``assistant.policy``, ``assistant.llm``) know nothing of
the database; this module gathers the facts they need from the buyer record, the catalog, the
workspace settings and the knowledge base, and records what the assistant did as events.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import holidays as holiday_calendars
from django.db import transaction
from django.utils import timezone

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.assistant.drafting import (
    ArticleAnswer,
    BuyerFacts,
    Draft,
    DraftContext,
    SellerFacts,
    draft_reply,
)
from exportdesk.assistant.llm import GroundingFacts, LlmConfig, PolishResult, polish_draft
from exportdesk.assistant.pipeline import Triage
from exportdesk.assistant.policy import Decision, auto_reply_decision
from exportdesk.buyers.models import Buyer
from exportdesk.buyers.services import Actor, buyer_event_record
from exportdesk.catalog.models import Product
from exportdesk.inbox.models import Conversation, KnowledgeArticle, Message

if TYPE_CHECKING:
    from exportdesk.inbox.selectors import ConversationPage

DEFAULT_MOQ = 100
DEFAULT_LEAD_DAYS = 21


def _today(workspace: WorkspaceSettings) -> date:
    try:
        zone = ZoneInfo(workspace.timezone)
    except (KeyError, ValueError):
        zone = ZoneInfo("Asia/Seoul")
    return timezone.now().astimezone(zone).date()


def seller_facts(workspace: WorkspaceSettings, *, signer: str) -> SellerFacts:
    """What a draft may promise: the catalog's smallest MOQ and typical lead time, today."""
    rows = list(Product.objects.values_list("moq", "lead_time_days"))
    moqs = [moq for moq, _lead in rows if moq]
    leads = [lead for _moq, lead in rows if lead]
    today = _today(workspace)
    years = (today.year, today.year + 1)
    return SellerFacts(
        company_name=workspace.name,
        signer_name=signer,
        today=today,
        moq=min(moqs) if moqs else DEFAULT_MOQ,
        lead_time_days=int(statistics.median(leads)) if leads else DEFAULT_LEAD_DAYS,
        holidays=frozenset(holiday_calendars.country_holidays("KR", years=years)),
    )


def buyer_facts(buyer: Buyer) -> BuyerFacts:
    """What the buyer record already tells, so the draft does not ask it again."""
    stated_market = any(
        (triage or {}).get("destination_country")
        for triage in Message.objects.filter(
            conversation__buyer=buyer, direction=Message.Direction.IN, triage__isnull=False
        ).values_list("triage", flat=True)[:50]
    )
    return BuyerFacts(
        contact_name=buyer.contact_name,
        company=buyer.company,
        country=buyer.country or None,
        grade=buyer.grade,
        target_market=True if stated_market else None,
        current_customers=True if buyer.business_type else None,
        sales_channel=True if buyer.business_type in {"online_seller", "retailer"} else None,
    )


def _articles(result: Triage) -> tuple[ArticleAnswer, ...]:
    scores = {int(h["article_id"]): float(h["score"]) for h in result.knowledge}
    found = KnowledgeArticle.objects.filter(pk__in=scores)
    return tuple(
        ArticleAnswer(a.pk, a.title, dict(a.answers or {}), scores[a.pk])
        for a in sorted(found, key=lambda a: (-scores[a.pk], a.pk))
    )


def draft_context(
    *, buyer: Buyer, result: Triage, signer: str, workspace: WorkspaceSettings | None = None
) -> DraftContext:
    """Everything a draft may use: the buyer record, the seller's terms, matched articles."""
    workspace = workspace or WorkspaceSettings.current()
    return DraftContext(
        buyer=buyer_facts(buyer),
        seller=seller_facts(workspace, signer=signer),
        articles=_articles(result),
    )


def draft_for(
    *, buyer: Buyer, result: Triage, signer: str, workspace: WorkspaceSettings | None = None
) -> Draft:
    """A reply draft for one understood message of this buyer."""
    context = draft_context(buyer=buyer, result=result, signer=signer, workspace=workspace)
    return draft_reply(result, context)


@dataclass(frozen=True)
class ComposerDraft:
    """The composer's draft and what it was made from (for the optional LLM polish)."""

    draft: Draft
    context: DraftContext


def conversation_draft(page: ConversationPage, *, signer: str = "") -> ComposerDraft | None:
    """The draft shown in the composer, for the latest buyer message of the conversation."""
    message = page.last_inbound
    if message is None:
        return None
    from exportdesk.inbox.understanding import understand

    result = understand(message.body)
    if result.low_intent:
        return None
    workspace = WorkspaceSettings.current()
    context = draft_context(
        buyer=page.conversation.buyer,
        result=result,
        signer=signer or workspace.name,
        workspace=workspace,
    )
    return ComposerDraft(draft_reply(result, context), context)


def llm_config(workspace: WorkspaceSettings) -> LlmConfig | None:
    """The workspace's LLM endpoint, or None while the LLM is off or not configured."""
    if not (workspace.llm_enabled and workspace.llm_base_url and workspace.llm_model):
        return None
    return LlmConfig(
        base_url=workspace.llm_base_url,
        model=workspace.llm_model,
        api_key=workspace.llm_api_key or "not-needed",
    )


def draft_polish(composer: ComposerDraft, *, workspace: WorkspaceSettings) -> PolishResult:
    """Ask the configured LLM to polish or translate the draft; falls back with a note.

    The result is only a suggestion: the person reads it in the composer and sends it.
    """
    config = llm_config(workspace)
    if config is None:
        return PolishResult(
            text=composer.draft.text,
            used_llm=False,
            note="Template draft kept: the LLM is not configured in settings.",
        )
    facts = GroundingFacts.from_context(composer.context, composer.draft)
    return polish_draft(composer.draft, config=config, facts=facts)


def assistant_decide(
    *, conversation: Conversation, message: Message, result: Triage, actor: Actor = None
) -> Decision:
    """Apply the auto-reply policy to a received message, and act on it.

    ``auto_send``: the draft is sent as an automatic reply (``message_send`` with
    ``auto_reply=True``). ``filter``: the message already waits in the filtered queue. Both are
    recorded as events with their reasons; a plain ``draft`` records nothing, as a person
    answers it.
    """
    from exportdesk.inbox.knowledge_base import workspace_knowledge_base
    from exportdesk.inbox.services import message_send

    workspace = WorkspaceSettings.current()
    knowledge = workspace_knowledge_base(embeddings=False)
    articles = list(knowledge.articles) if knowledge is not None else []
    buyer = conversation.buyer
    draft: Draft | None = None
    hard: tuple[str, ...] = ()
    if not result.low_intent and workspace.auto_reply_enabled:
        draft = draft_for(buyer=buyer, result=result, signer=workspace.name, workspace=workspace)
        hard = draft.strategic_yes
    decision = auto_reply_decision(
        result,
        articles,
        threshold=workspace.auto_reply_threshold,
        enabled=workspace.auto_reply_enabled,
        hard_requests=hard,
    )
    reasons = [reason.text() for reason in decision.reasons]
    if decision.action == "auto_send" and draft is not None:
        message_send(
            conversation=conversation,
            author=None,
            body=draft.text,
            auto_reply=True,
            reasons=reasons,
        )
    elif decision.action == "filter":
        with transaction.atomic():
            buyer_event_record(
                buyer=buyer,
                kind="assistant_filtered",
                payload={
                    "conversation": conversation.pk,
                    "message": message.pk,
                    "reasons": reasons,
                },
                actor=actor,
            )
    return decision


def decision_payload(decision: Decision) -> dict[str, Any]:
    """A decision as JSON for the API and the message's stored triage."""
    return {
        "action": decision.action,
        "reasons": [reason.text() for reason in decision.reasons],
    }
