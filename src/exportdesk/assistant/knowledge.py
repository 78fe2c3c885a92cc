"""Knowledge-base retrieval: which of the seller's articles answer this message, and how well.

Hybrid, as a cascade: bm25s over every question variant (and answer) of every article, and the
message's detected intents routed to the articles tagged with them (intent detection already
speaks every supported language, so a Hungarian "szállítási díj" reaches an English shipping
article without sharing a word with it). Only when both are weak is the message embedded and
compared with the variants: multilingual-e5 bridges languages too, but costs tens of
milliseconds. Scores are in [0, 1] so the auto-reply policy can put a threshold on them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from exportdesk.assistant.embeddings import Embedder

# bm25 scores are unbounded; s / (s + BM25_HALF) maps them to [0, 1) with BM25_HALF -> 0.5.
BM25_HALF = 3.0
# Below this lexical score the embedding step runs (when an embedder is given).
LEXICAL_ENOUGH = 0.6
# multilingual-e5 cosine similarities of related sentences sit between ~0.78 and ~0.95.
COSINE_FLOOR, COSINE_CEIL = 0.78, 0.95
MIN_SCORE = 0.1
# An article tagged with a detected intent scores this times the intent's confidence.
INTENT_WEIGHT = 0.8

_WORD = re.compile(r"\w+", re.UNICODE)
_NO_SPACE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
# Latin/Cyrillic words are cut to a stem of this length so "shipping"/"shipped" or
# "szállítás"/"szállítási" meet; crude, but language-agnostic.
STEM = 5


def tokenize(text: str) -> list[str]:
    """Lowercase word stems, plus character bigrams for scripts written without spaces.

    Korean particles and Chinese/Japanese/Thai runs make whole "words" useless as terms;
    bigrams ("배송", "송비") match across them.
    """
    tokens: list[str] = []
    for word in _WORD.findall(text.lower()):
        if _NO_SPACE_SCRIPT.search(word):
            if len(word) <= 2:
                tokens.append(word)
            tokens.extend(word[i : i + 2] for i in range(len(word) - 1))
        elif len(word) >= 2 and not word.isdigit():
            tokens.append(word[:STEM])
    return tokens


@dataclass(frozen=True)
class Article:
    """A knowledge article as retrieval sees it: an id, question variants and answers."""

    article_id: int
    questions: tuple[str, ...]
    answers: tuple[str, ...] = ()
    intents: tuple[str, ...] = ()
    auto_reply: bool = False


@dataclass
class KnowledgeBase:
    """Articles indexed for hybrid search; build once, search many times."""

    articles: Sequence[Article]
    embedder: Embedder | None = None
    _owners: list[int] = field(default_factory=list, init=False)
    _texts: list[str] = field(default_factory=list, init=False)
    _vectors: np.ndarray | None = field(default=None, init=False)
    _bm25: object | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        for article in self.articles:
            for text in (*article.questions, *article.answers):
                if text.strip():
                    self._owners.append(article.article_id)
                    self._texts.append(text)
        if not self._texts:
            return
        import bm25s

        retriever = bm25s.BM25()
        # an empty token list would break the index; a placeholder keeps document positions
        retriever.index([tokenize(t) or ["∅"] for t in self._texts], show_progress=False)
        self._bm25 = retriever

    def _lexical(self, text: str) -> dict[int, float]:
        tokens = [t for t in tokenize(text) if t in self._vocabulary()]
        if not tokens or self._bm25 is None:
            return {}
        scores = self._bm25.get_scores(tokens)  # type: ignore[attr-defined]
        return _best_per_article(self._owners, (s / (s + BM25_HALF) for s in scores))

    def _vocabulary(self) -> dict[str, int]:
        return self._bm25.vocab_dict if self._bm25 is not None else {}  # type: ignore[attr-defined]

    def _semantic(self, text: str) -> dict[int, float]:
        if self.embedder is None or not self._texts:
            return {}
        if self._vectors is None:
            self._vectors = self.embedder.embed_passages(self._texts)
        query = self.embedder.embed_queries([text])[0]
        sims = self._vectors @ query
        scaled = np.clip((sims - COSINE_FLOOR) / (COSINE_CEIL - COSINE_FLOOR), 0.0, 1.0)
        return _best_per_article(self._owners, (float(s) for s in scaled))

    def search(
        self, text: str, limit: int = 3, intents: Mapping[str, float] | None = None
    ) -> list[tuple[int, float]]:
        """Best articles for ``text`` as (article id, score in [0, 1]), best first.

        ``intents`` (intent -> confidence, from intent detection) routes the message to the
        articles tagged with those intents.
        """
        if not self._texts or not text.strip():
            return []
        combined = self._lexical(text)
        for article in self.articles:
            routed = (
                max((intents or {}).get(i, 0.0) for i in (*article.intents, "")) * INTENT_WEIGHT
            )
            lex = combined.get(article.article_id, 0.0)
            if routed > 0:
                combined[article.article_id] = min(1.0, max(lex, routed) + 0.25 * min(lex, routed))
        # Embed only when nothing routed the message: if intents were detected and no article
        # covers them, the knowledge base does not answer this message, and embedding it would
        # only spend the time.
        unrouted = not intents or set(intents) <= {"other"}
        weak = max(combined.values(), default=0.0) < LEXICAL_ENOUGH
        if weak and unrouted and self.embedder is not None:
            lexical = dict(combined)
            for article_id, score in self._semantic(text).items():
                # either signal may carry the match; agreeing signals add up a little
                lex = lexical.get(article_id, 0.0)
                combined[article_id] = min(1.0, max(lex, score) + 0.25 * min(lex, score))
        ranked = sorted(combined.items(), key=lambda item: (-item[1], item[0]))
        return [(aid, round(score, 3)) for aid, score in ranked[:limit] if score >= MIN_SCORE]


def _best_per_article(owners: Sequence[int], scores: Iterable[float]) -> dict[int, float]:
    best: dict[int, float] = {}
    for owner, score in zip(owners, scores, strict=True):
        if score > best.get(owner, 0.0):
            best[owner] = float(score)
    return best
