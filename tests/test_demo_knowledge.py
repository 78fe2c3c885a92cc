"""The demo knowledge base seed."""

from __future__ import annotations

import pytest

from exportdesk.assistant.intents import INTENTS
from exportdesk.assistant.pipeline import TriageContext, triage
from exportdesk.demo.knowledge_seed import ARTICLES, seed_knowledge
from exportdesk.inbox.knowledge_base import clear_knowledge_cache, workspace_knowledge_base
from exportdesk.inbox.knowledge_services import knowledge_article_create
from exportdesk.inbox.models import KnowledgeArticle, ReplyTemplate

pytestmark = pytest.mark.django_db


def test_seeding_an_empty_workspace_creates_the_faq_articles_and_templates() -> None:
    assert seed_knowledge() == len(ARTICLES) >= 9
    articles = list(KnowledgeArticle.objects.all())
    for article in articles:
        assert len(article.question_variants) >= 3
        assert {"en", "ko"} <= article.answers.keys()
        assert set(article.intents) <= set(INTENTS)
    by_title = {a.title: a for a in articles}
    assert by_title["Shipping methods and costs"].auto_reply_allowed
    assert not by_title["Private label and OEM"].auto_reply_allowed
    assert any("es" in a.answers for a in articles)
    covered = {i for a in articles for i in a.intents}
    assert {
        "shipping",
        "authenticity",
        "moq",
        "sample",
        "payment",
        "certification",
        "lead_time",
        "customization",
        "catalog",
    } <= covered
    templates = set(ReplyTemplate.objects.values_list("purpose", "language"))
    assert {("shipping", "en"), ("shipping", "ko"), ("complaint", "ko")} <= templates


def test_seeding_twice_changes_nothing() -> None:
    seed_knowledge()
    counts = (KnowledgeArticle.objects.count(), ReplyTemplate.objects.count())
    assert seed_knowledge() == 0
    assert (KnowledgeArticle.objects.count(), ReplyTemplate.objects.count()) == counts


def test_a_workspace_with_its_own_articles_keeps_them_alone() -> None:
    knowledge_article_create(actor=None, question_variants=["Ours?"], answers={"en": "Yes."})
    assert seed_knowledge() == 0
    assert KnowledgeArticle.objects.count() == 1


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("How much does shipping to Chile cost?", "Shipping methods and costs"),
        ("Сколько стоит доставка?", "Shipping methods and costs"),
        ("Can you put our logo on the box?", "Private label and OEM"),
        ("최소 주문 수량이 어떻게 되나요?", "Minimum order quantity (MOQ)"),
    ],
)
def test_the_seeded_articles_answer_buyer_questions(question: str, title: str) -> None:
    clear_knowledge_cache()
    seed_knowledge()
    base = workspace_knowledge_base(embeddings=False)
    result = triage(question, TriageContext(use_embeddings=False, knowledge=base))
    best = KnowledgeArticle.objects.get(pk=result.knowledge[0]["article_id"])
    assert best.title == title


def test_the_generator_adds_only_templates_the_seed_does_not_have() -> None:
    from exportdesk.demo.catalog import REPLY_TEMPLATES

    seed_knowledge()
    seeded = set(ReplyTemplate.objects.values_list("name", flat=True))
    generator = {spec.name for spec in REPLY_TEMPLATES}
    assert generator and not generator & seeded
