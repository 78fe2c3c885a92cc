"""Optional LLM polish of a template draft (off by default), through any OpenAI-compatible API.

The template draft stays the source of truth: the model may only reword or translate it,
grounded on the article facts and the buyer record given here. Whatever goes wrong - the
endpoint is down or slow, the answer is empty, or the answer lost a date or a price the draft
promised - the template draft is kept and the note says why. A person approves every LLM draft
before it is sent (the auto-reply policy never sends one).

``build_messages`` is pure (tested for its content); only ``polish_draft`` talks to the network,
and only to the endpoint the workspace configured.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from exportdesk.assistant.drafting import Draft, DraftContext

# Facts the polished text must still contain, exactly as the template wrote them.
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_MONEY = re.compile(r"\b[A-Z]{3} \d+(?:\.\d+)?\b")

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "ko": "Korean", "es": "Spanish", "pt": "Portuguese", "fr": "French",
    "de": "German", "it": "Italian", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish",
    "hu": "Hungarian", "tr": "Turkish", "ar": "Arabic", "hi": "Hindi", "vi": "Vietnamese",
    "th": "Thai", "id": "Indonesian", "ms": "Malay", "ja": "Japanese", "zh": "Chinese",
    "nl": "Dutch",
}  # fmt: skip

SYSTEM_PROMPT = """\
You edit reply drafts that a Korean cosmetics maker sends to business buyers.
Rewrite the draft in {language}: natural, friendly and professional, as a good export sales \
manager would write it. Return only the message text, no comments.
Rules:
- Use only the facts in the draft, the knowledge-base facts and the buyer record below. \
Never invent facts, prices, discounts, quantities, dates, certifications or promises.
- Keep every option (A, B, C) and every next step, with its label.
- Copy every date (YYYY-MM-DD) and every price (like USD 1.20) exactly as written.
- Keep the questions to the buyer and the signature.
- If something is unclear, keep the draft's wording rather than guess."""


@dataclass(frozen=True)
class LlmConfig:
    """Where the OpenAI-compatible endpoint is (OpenAI, Ollama, vLLM, llama.cpp, DashScope)."""

    base_url: str
    model: str
    api_key: str = field(repr=False)
    timeout: float = 20.0
    # One try: a person is waiting for the draft, and the template draft is a fine fallback.
    max_retries: int = 0
    temperature: float = 0.2


@dataclass(frozen=True)
class GroundingFacts:
    """The only facts the model may use besides the draft itself.

    ``buyer`` holds buyer-record fields safe to show the buyer (never the internal grade);
    ``articles`` maps an article id to its answer text.
    """

    buyer: Mapping[str, str] = field(default_factory=dict)
    articles: Mapping[int, str] = field(default_factory=dict)
    seller: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_context(cls, context: DraftContext, draft: Draft) -> GroundingFacts:
        """Facts from the draft context: buyer record (no grade), articles the draft used."""
        buyer = context.buyer
        record = {
            "contact name": buyer.contact_name,
            "company": buyer.company,
            "country": buyer.country or "",
            "target market": _fact(buyer.target_market),
            "current customers": _fact(buyer.current_customers),
            "sales channel": _fact(buyer.sales_channel),
            "price vs quality": _fact(buyer.price_quality_priority),
        }
        articles = {}
        for article in context.articles:
            if article.article_id in draft.article_ids:
                answer = article.answers.get(draft.language) or article.answers.get("en") or ""
                articles[article.article_id] = answer
        seller = context.seller
        seller_facts = {"company": seller.company_name, "signer": seller.signer_name}
        return cls(
            buyer={key: value for key, value in record.items() if value},
            articles=articles,
            seller=seller_facts,
        )


def _fact(value: str | bool | None) -> str:
    if isinstance(value, str):
        return value
    return ""


@dataclass(frozen=True)
class PolishResult:
    """The text to show a person, whether the LLM wrote it, and a note for the person."""

    text: str
    used_llm: bool
    note: str
    needs_approval: bool = True


def build_messages(
    draft: Draft, *, facts: GroundingFacts, target_language: str
) -> list[dict[str, str]]:
    """Chat messages asking the model to polish/translate ``draft`` into ``target_language``."""
    language = LANGUAGE_NAMES.get(target_language, target_language)
    lines = ["Buyer record:"]
    lines += [f"- {key}: {value}" for key, value in facts.buyer.items()] or ["- (nothing known)"]
    lines.append("Seller:")
    lines += [f"- {key}: {value}" for key, value in facts.seller.items()]
    lines.append("Knowledge-base facts:")
    lines += [f"- [article {aid}] {text}" for aid, text in sorted(facts.articles.items())] or [
        "- (none)"
    ]
    must_keep = required_facts(draft.text)
    if must_keep:
        lines.append("Dates and prices to copy exactly: " + ", ".join(must_keep))
    lines += ["", f"Draft ({LANGUAGE_NAMES.get(draft.language, draft.language)}):", draft.text]
    return [
        {"role": "system", "content": SYSTEM_PROMPT.format(language=language)},
        {"role": "user", "content": "\n".join(lines)},
    ]


def required_facts(text: str) -> tuple[str, ...]:
    """Dates and prices in ``text``, in order of appearance, without repeats."""
    found = [m.group(0) for pattern in (_ISO_DATE, _MONEY) for m in pattern.finditer(text)]
    return tuple(dict.fromkeys(found))


def missing_facts(draft_text: str, polished: str) -> tuple[str, ...]:
    """Dates and prices of the draft that the polished text no longer contains."""
    return tuple(fact for fact in required_facts(draft_text) if fact not in polished)


ClientFactory = Callable[[LlmConfig], Any]


def openai_client(config: LlmConfig) -> Any:
    """An ``openai.OpenAI`` client for ``config`` (imported here: the LLM is optional)."""
    import openai

    return openai.OpenAI(
        base_url=config.base_url,
        api_key=config.api_key,
        timeout=config.timeout,
        max_retries=config.max_retries,
    )


def polish_draft(
    draft: Draft,
    *,
    config: LlmConfig,
    facts: GroundingFacts,
    target_language: str | None = None,
    client_factory: ClientFactory | None = None,
) -> PolishResult:
    """Polish (or translate, e.g. an English fallback draft into the buyer's language) a draft.

    ``target_language`` defaults to the buyer's language. Never raises: any failure returns the
    template draft with ``used_llm=False`` and a note saying what went wrong.
    """
    language = target_language or draft.buyer_language or draft.language
    messages = build_messages(draft, facts=facts, target_language=language)
    try:
        client = (client_factory or openai_client)(config)
        response = client.chat.completions.create(
            model=config.model, messages=messages, temperature=config.temperature
        )
        content = response.choices[0].message.content
    except Exception as exc:  # any failure of an optional service falls back
        return _fallback(draft, f"the LLM request failed ({type(exc).__name__}: {exc})")
    polished = _strip_fences(content or "")
    if not polished:
        return _fallback(draft, "the LLM returned an empty answer")
    missing = missing_facts(draft.text, polished)
    if missing:
        return _fallback(draft, "the LLM answer left out " + ", ".join(missing))
    return PolishResult(
        text=polished,
        used_llm=True,
        note=f"Polished by the LLM ({config.model}); check it before sending.",
    )


def _fallback(draft: Draft, why: str) -> PolishResult:
    return PolishResult(text=draft.text, used_llm=False, note=f"Template draft kept: {why}.")


def _strip_fences(text: str) -> str:
    """Models sometimes wrap the answer in a Markdown code block; the buyer must not see it."""
    text = text.strip()
    if text.startswith("```") and text.endswith("```"):
        text = text[3:-3]
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return text.strip()
