"""Intent detection: lexical cues in many languages, embeddings only as a fallback."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from exportdesk.assistant.intents import CUES, INTENTS, detect_intents


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Mennyi az ára?", "price_quote"),
        ("Giá bao nhiêu?", "price_quote"),
        ("Какой минимальный заказ?", "moq"),
        ("هل يمكن إرسال عينات؟", "sample"),
        ("Kargo ücreti ne kadar?", "shipping"),
        ("Berapa lama waktu produksi?", "lead_time"),
        ("자체 브랜드로 OEM 가능한가요?", "customization"),
        ("Avez-vous un certificat?", "certification"),
        ("¿Son productos originales?", "authenticity"),
        ("Aceitam pagamento por PayPal?", "payment"),
        ("Haben Sie einen Katalog?", "catalog"),
        ("Where is my order?", "order_followup"),
        ("Kizárólagos forgalmazók szeretnénk lenni", "partnership"),
        ("The goods arrived damaged", "complaint"),
        # "how much for ..." in more languages; more cue words
        ("Combien pour 2 000 unités ?", "price_quote"),
        ("Сколько будет у вас за 2 000 шт?", "price_quote"),
        ("ขอแคตตาล็อกสินค้าใหม่ได้ไหมคะ", "catalog"),
        ("届いた商品の数が足りません", "complaint"),
        ("Potete produrre con il nostro marchio?", "customization"),
        ("Same 8,000 pcs, CIF Mombasa as before", "order_followup"),
    ],
)
def test_a_request_is_understood_in_the_buyers_language(text, intent):
    assert intent in detect_intents(text).labels


def test_every_intent_but_other_has_cues_in_the_twelve_main_languages():
    required = {"en", "ko", "es", "ru", "vi", "ar", "hu", "pt", "fr", "tr", "id", "de"}
    for intent in INTENTS:
        if intent == "other":
            continue
        assert required <= set(CUES[intent]), intent


def test_how_many_in_korean_is_not_how_much():
    assert "price_quote" not in detect_intents("최소 주문 수량은 얼마인가요?").labels


def test_a_hungarian_word_inside_another_word_does_not_fire():
    assert "price_quote" not in detect_intents("Önök a gyártók?").labels


def test_a_message_with_no_request_is_other():
    assert detect_intents("Hmm okay").labels == ["other"]


class CountingEmbedder:
    """Maps every text to the same direction; counts how often it is asked."""

    def __init__(self) -> None:
        self.calls = 0

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        vectors = np.ones((len(texts), 4), dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    embed_passages = embed_queries


def test_embeddings_are_not_computed_when_a_cue_already_fired():
    embedder = CountingEmbedder()
    result = detect_intents("What is your price?", embedder)
    assert embedder.calls == 0
    assert not result.used_embeddings


def test_embeddings_are_asked_only_when_no_cue_fires():
    embedder = CountingEmbedder()
    result = detect_intents("I would be glad to hear more from you soon", embedder)
    assert result.used_embeddings
    # one batch for the exemplars (cached), one for the message
    assert embedder.calls == 2
    detect_intents("Tell me more about what you make", embedder)
    assert embedder.calls == 3


def test_every_intent_gets_a_confidence_between_zero_and_one():
    result = detect_intents("Price and MOQ and samples please, shipping to Spain")
    assert set(result.labels) >= {"price_quote", "moq", "sample", "shipping"}
    assert all(0 < score <= 1 for score in result.scores.values())
