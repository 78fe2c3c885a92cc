"""The workspace knowledge base: built from the articles, cached until one changes."""

from __future__ import annotations

import pytest

from exportdesk.inbox.knowledge_base import (
    clear_knowledge_cache,
    knowledge_answers,
    knowledge_list,
    workspace_knowledge_base,
)
from exportdesk.inbox.knowledge_services import (
    knowledge_article_create,
    knowledge_article_delete,
    knowledge_article_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    clear_knowledge_cache()


def shipping_article():  # type: ignore[no-untyped-def]
    return knowledge_article_create(
        actor=None,
        title="Shipping",
        question_variants=["How much is shipping to my country?", "배송비가 얼마인가요?"],
        answers={"en": "DHL 3-5 days.", "ko": "DHL 3-5일.", "es": "DHL 3-5 días."},
        intents=["shipping"],
        auto_reply_allowed=True,
    )


def moq_article():  # type: ignore[no-untyped-def]
    return knowledge_article_create(
        actor=None,
        title="MOQ",
        question_variants=["What is your minimum order quantity?"],
        answers={"ko": "품목당 100개입니다."},
        intents=["moq"],
    )


def test_an_empty_workspace_has_no_knowledge_base() -> None:
    assert workspace_knowledge_base(embeddings=False) is None


def test_the_knowledge_base_finds_the_article_that_answers_a_question() -> None:
    shipping = shipping_article()
    moq_article()
    base = workspace_knowledge_base(embeddings=False)
    assert base is not None
    best_id, score = base.search("how much is the shipping cost?", 3)[0]
    assert best_id == shipping.pk
    assert 0 < score <= 1


def test_intents_route_a_message_to_the_tagged_article() -> None:
    moq = moq_article()
    base = workspace_knowledge_base(embeddings=False)
    assert base is not None
    assert base.search("Legkisebb rendelés?", 3, intents={"moq": 0.9})[0][0] == moq.pk


def test_the_cached_base_costs_one_query_and_is_reused(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    shipping_article()
    first = workspace_knowledge_base(embeddings=False)
    with django_assert_num_queries(1):
        again = workspace_knowledge_base(embeddings=False)
    assert again is first


def test_the_base_is_rebuilt_after_an_edit_a_new_article_and_a_delete() -> None:
    shipping = shipping_article()
    first = workspace_knowledge_base(embeddings=False)
    knowledge_article_update(
        article=shipping,
        actor=None,
        title="Shipping",
        question_variants=["Do you ship by sea freight?"],
        answers={"en": "Yes, by sea."},
        intents=["shipping"],
    )
    edited = workspace_knowledge_base(embeddings=False)
    assert edited is not first
    assert edited is not None
    assert edited.articles[0].questions == ("Do you ship by sea freight?",)
    moq = moq_article()
    added = workspace_knowledge_base(embeddings=False)
    assert added is not edited
    assert added is not None and {a.article_id for a in added.articles} == {shipping.pk, moq.pk}
    knowledge_article_delete(article=moq, actor=None)
    after_delete = workspace_knowledge_base(embeddings=False)
    assert after_delete is not None
    assert [a.article_id for a in after_delete.articles] == [shipping.pk]
    knowledge_article_delete(article=shipping, actor=None)
    assert workspace_knowledge_base(embeddings=False) is None


def test_the_embeddings_setting_decides_when_not_told(settings) -> None:  # type: ignore[no-untyped-def]
    shipping_article()
    settings.EXPORTDESK_TRIAGE_EMBEDDINGS = False
    base = workspace_knowledge_base()
    assert base is not None and base.embedder is None


def test_answers_come_in_the_buyers_language_or_english_with_a_flag() -> None:
    shipping = shipping_article()
    moq = moq_article()
    answers = knowledge_answers([shipping.pk, moq.pk, 999_999], "es")
    assert [a["article_id"] for a in answers] == [shipping.pk, moq.pk]
    assert answers[0]["answer"] == "DHL 3-5 días." and answers[0]["fallback"] is False
    assert answers[0]["auto_reply_allowed"] is True
    # the MOQ article has Korean only: no English, so Korean, flagged as a fallback
    assert answers[1]["language"] == "ko" and answers[1]["fallback"] is True
    hungarian = knowledge_answers([shipping.pk], "hu")[0]
    assert hungarian["language"] == "en" and hungarian["fallback"] is True
    assert knowledge_answers([], "en") == []


def test_the_list_searches_korean_text_and_filters_by_intent() -> None:
    shipping_article()
    moq_article()
    assert [r.article.title for r in knowledge_list(q="배송비").rows] == ["Shipping"]
    assert [r.article.title for r in knowledge_list(intent="moq").rows] == ["MOQ"]
    listed = knowledge_list(q="")
    assert listed.total == 2 and not listed.is_filtered
    assert listed.rows[1].languages == ("ko", "en", "es")
