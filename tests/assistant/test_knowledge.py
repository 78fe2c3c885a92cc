"""Knowledge retrieval: bm25s first, embeddings only when words do not match."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from exportdesk.assistant.knowledge import Article, KnowledgeBase, tokenize
from exportdesk.assistant.pipeline import TriageContext, triage

ARTICLES = [
    Article(1, ("How much is shipping to my country?", "배송비는 얼마인가요?")),
    Article(2, ("Are your products genuine, made in Korea?", "정품인가요?")),
    Article(3, ("What is the minimum order quantity (MOQ)?", "최소 주문 수량은?")),
    Article(4, ("Can I get free samples?", "샘플 받을 수 있나요?")),
]


@pytest.mark.parametrize(
    ("text", "article_id"),
    [
        ("What's the shipping cost to Hungary?", 1),
        ("배송비 알려주세요", 1),
        ("Are these genuine products?", 2),
        ("MOQ?", 3),
        ("샘플 가능할까요?", 4),
    ],
)
def test_the_matching_article_comes_first(text, article_id):
    results = KnowledgeBase(ARTICLES).search(text)
    assert results[0][0] == article_id
    assert all(0 < score <= 1 for _, score in results)


def test_an_empty_knowledge_base_or_message_finds_nothing():
    assert KnowledgeBase([]).search("shipping?") == []
    assert KnowledgeBase(ARTICLES).search("   ") == []


def test_scripts_without_spaces_are_split_into_bigrams():
    assert tokenize("배송비는") == ["배송", "송비", "비는"]
    assert tokenize("Shipping costs") == ["shipp", "costs"]


class KeywordEmbedder:
    """Puts texts about samples (in any of three languages) on one axis, the rest on another."""

    words = ("sample", "образ", "mint")

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        rows = [
            [1.0, 0.0] if any(w in t.lower() for w in self.words) else [0.0, 1.0] for t in texts
        ]
        return np.asarray(rows, dtype=np.float32)

    embed_passages = embed_queries


def test_embeddings_bridge_a_language_with_no_shared_words():
    kb = KnowledgeBase(ARTICLES, embedder=KeywordEmbedder())
    assert kb.search("Küldenének mintát?")[0][0] == 4


def test_triage_reports_the_articles_with_scores():
    context = TriageContext(use_embeddings=False, knowledge=KnowledgeBase(ARTICLES))
    result = triage("What is your MOQ?", context).to_dict()
    assert result["knowledge"][0] == {"article_id": 3, "score": result["knowledge"][0]["score"]}
    assert result["knowledge"][0]["score"] > 0.3


def test_low_intent_messages_get_no_articles():
    context = TriageContext(use_embeddings=False, knowledge=KnowledgeBase(ARTICLES))
    assert triage("Hello", context).to_dict()["knowledge"] == []


def test_detected_intents_route_a_message_to_articles_in_other_languages():
    tagged = [Article(1, ("Shipping methods and costs",), intents=("shipping",)), *ARTICLES[1:]]
    kb = KnowledgeBase(tagged)
    results = kb.search("Mennyi a díj?", intents={"shipping": 0.9})
    assert results[0] == (1, 0.72)


def test_routed_messages_are_not_embedded():
    class Refusing(KeywordEmbedder):
        def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
            raise AssertionError("must not embed")

    kb = KnowledgeBase(ARTICLES, embedder=Refusing())
    assert kb.search("Mennyi az ára?", intents={"price_quote": 0.9}) == []
