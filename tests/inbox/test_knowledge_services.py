"""Writing knowledge articles: validation and who may do it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from exportdesk.inbox.knowledge_services import (
    knowledge_article_create,
    knowledge_article_delete,
    knowledge_article_update,
)
from exportdesk.inbox.models import KnowledgeArticle

pytestmark = pytest.mark.django_db

VALID: dict[str, Any] = {
    "question_variants": [
        "  Do you ship to Hungary?  ",
        "",
        "Do you ship to Hungary?",
        "배송되나요?",
    ],
    "answers": {"en": " Yes, by DHL. ", "ko": "네, DHL로 보냅니다.", "ES": "Sí.", "fr": "  "},
    "intents": ["shipping", "lead_time"],
}


def test_creating_an_article_cleans_questions_answers_and_intents(cast) -> None:  # type: ignore[no-untyped-def]
    article = knowledge_article_create(actor=cast.manager, **VALID, auto_reply_allowed=True)
    article.refresh_from_db()
    assert article.question_variants == ["Do you ship to Hungary?", "배송되나요?"]
    assert article.answers == {"en": "Yes, by DHL.", "ko": "네, DHL로 보냅니다.", "es": "Sí."}
    assert article.intents == ["shipping", "lead_time"]
    assert article.auto_reply_allowed is True
    # no title given: the first question names the article
    assert article.title == "Do you ship to Hungary?"


def test_an_article_needs_a_question_a_korean_or_english_answer_and_known_intents(cast) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        knowledge_article_create(
            actor=cast.owner,
            question_variants=["  ", ""],
            answers={"es": "Sí.", "not a language": "x"},
            intents=["shipping", "teleportation"],
        )
    errors = caught.value.message_dict
    assert "at least one question" in errors["question_variants"][0]
    assert any("Korean or English" in e for e in errors["answers"])
    assert any("not a language code" in e for e in errors["answers"])
    assert "teleportation" in errors["intents"][0]
    assert not KnowledgeArticle.objects.exists()


def test_senior_reps_managers_and_owners_may_edit_knowledge_reps_and_viewers_may_not(cast) -> None:  # type: ignore[no-untyped-def]
    for editor in (cast.owner, cast.manager, cast.senior_rep):
        knowledge_article_create(actor=editor, **VALID)
    for reader in (cast.rep, cast.viewer):
        with pytest.raises(PermissionDenied):
            knowledge_article_create(actor=reader, **VALID)
    article = KnowledgeArticle.objects.first()
    assert article is not None
    with pytest.raises(PermissionDenied):
        knowledge_article_delete(article=article, actor=cast.viewer)
    assert KnowledgeArticle.objects.count() == 3


def test_updating_replaces_the_article_and_keeps_it_on_invalid_input(cast) -> None:  # type: ignore[no-untyped-def]
    article = knowledge_article_create(actor=cast.owner, title="Shipping", **VALID)
    knowledge_article_update(
        article=article,
        actor=cast.senior_rep,
        title="Shipping to the EU",
        question_variants=["Shipping to the EU?"],
        answers={"ko": "EU 배송 가능합니다."},
        intents=["shipping"],
        auto_reply_allowed=False,
    )
    article.refresh_from_db()
    assert article.title == "Shipping to the EU"
    assert article.answers == {"ko": "EU 배송 가능합니다."}
    with pytest.raises(ValidationError):
        knowledge_article_update(
            article=article, actor=cast.owner, question_variants=[], answers={}, intents=[]
        )
    article.refresh_from_db()
    assert article.question_variants == ["Shipping to the EU?"]


def test_deleting_an_article_removes_it(cast) -> None:  # type: ignore[no-untyped-def]
    article = knowledge_article_create(actor=cast.owner, **VALID)
    knowledge_article_delete(article=article, actor=cast.senior_rep)
    assert not KnowledgeArticle.objects.exists()
