"""The Patterns page: what buyers ask, per month, per country and per grade, and what the
knowledge base does not answer yet.

Buyer messages are data (DESIGN.md): every inbound message carries its triage (intents, quantity,
target price, deadline, certifications, knowledge matches). The page reads that JSON, bounded so
it stays fast at 500k messages:

* one aggregate query counts the messages of each of the last ``months`` months, over the
  ``sent_at`` index alone (no per-row function, no direction filter, which would read rows);
* one query per month reads that month's latest ``SAMPLE_CAP / months`` messages (an index range
  scan that stops early), only the columns needed and the first characters of the body;
* a month with more messages than that is estimated: each message read stands for
  ``month count / messages read``; the page says so.

``1 + months`` queries whatever the data (plus the user's role, once per request).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exportdesk.accounts.roles import sees_all_buyers
from exportdesk.assistant.intents import INTENTS
from exportdesk.buyers.selectors import buyers_visible_to
from exportdesk.domain.money import APPROX_USD_PER_UNIT
from exportdesk.inbox.knowledge_base import INTENT_LABELS
from exportdesk.inbox.models import Message

# At most this many messages are read per page view (about 0.2 s of decoding and counting
# on the 2-core box); shares from 4,000 messages are within a few points.
SAMPLE_CAP = 4000
# A quantity below this many pieces is a "small batch" (the typical stock MOQ tops out here).
SMALL_BATCH_PCS = 500
# A deadline within this many days is a "short lead time" (stock ships in 10-21 days).
SHORT_LEAD_DAYS = 30
# A target price below this many US dollars a piece is a "low target price".
LOW_PRICE_USD = 1.0
# A message whose best knowledge match scores below this is not answered by the knowledge base.
UNCOVERED_SCORE = 0.5
TOP_COUNTRIES = 12
EXAMPLES = 3
SNIPPET_CHARS = 160
_COUNTED_UNITS = frozenset({"pcs", "units", "bottles", "sets"})
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
# Words that say nothing about the question, in the languages buyers write most.
_STOPWORD_TEXT = """
    hello dear thank thanks please would could your with this that have from what which about
    there their they them when where will also just like want need some more very best regards
    sir madam team interested interest know send product products company price you are
    hola gracias para como este esta usted quiero favor saludos
    здравствуйте спасибо пожалуйста добрый день ваш ваша ваши это можно
    xin chào cảm ơn bạn
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())

REQUIREMENT_LABELS: dict[str, Any] = {
    "customization": _("customisation"),
    "small_batch": _("small batch"),
    "short_lead_time": _("short lead time"),
    "low_target_price": _("low target price"),
    "certification": _("certification needs"),
}


@dataclass(frozen=True)
class Share:
    """One intent or requirement and the share of conversations that show it."""

    key: str
    label: Any
    count: int
    share: float  # 0..1

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass(frozen=True)
class GroupPatterns:
    """What the conversations of one country (or grade) ask for."""

    key: str
    conversations: int
    intents: list[Share]
    requirements: list[Share]
    examples: list[dict[str, Any]]

    @property
    def summary(self) -> list[Share]:
        """The three largest shares, intents and requirements together ("40 % customisation")."""
        # customisation and certification are both an intent and a requirement: show one
        best: dict[str, Share] = {}
        for share in (*self.intents, *self.requirements):
            if share.key not in best or share.share > best[share.key].share:
                best[share.key] = share
        return sorted(best.values(), key=lambda s: (-s.share, s.key))[:3]


@dataclass(frozen=True)
class UncoveredGroup:
    """Recurring questions of one intent that no knowledge article answers well."""

    intent: str
    label: Any
    count: int
    estimated: int
    words: list[tuple[str, int]]
    examples: list[dict[str, Any]]
    suggestion: str


@dataclass
class MessagePatterns:
    """Everything the Patterns page shows."""

    months: list[str]
    series: list[dict[str, Any]]
    total_messages: int  # inbound, estimated when ``sampled``
    read_messages: int
    sampled: bool
    conversations: int
    by_country: list[GroupPatterns]
    by_grade: list[GroupPatterns]
    examples: dict[str, list[dict[str, Any]]]
    uncovered: list[UncoveredGroup]
    untriaged: int = 0
    low_intent: int = 0
    intent_labels: Mapping[str, Any] = field(default_factory=lambda: INTENT_LABELS)

    @property
    def is_sampled(self) -> bool:
        return self.sampled

    def chart_data(self) -> dict[str, Any]:
        """The intents-over-time chart as Chart.js wants it (labels as plain strings)."""
        return {
            "labels": self.months,
            "datasets": [{"label": str(s["label"]), "data": s["counts"]} for s in self.series],
        }


def _month_starts(now: datetime, months: int) -> list[datetime]:
    """The first instant of each of the last ``months`` months (current one last), local time."""
    local = timezone.localtime(now)
    year, month = local.year, local.month
    starts = []
    for _i in range(months):
        starts.append(
            local.replace(year=year, month=month, day=1, hour=0, minute=0, second=0, microsecond=0)
        )
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(starts))


def _requirements(triage: Mapping[str, Any], intents: Iterable[str]) -> set[str]:
    """The requirement tags a message shows, from its intents and extracted facts."""
    intents = set(intents)
    found: set[str] = set()
    if "customization" in intents:
        found.add("customization")
    quantity = triage.get("quantity") or {}
    try:
        if (
            quantity.get("unit") in _COUNTED_UNITS
            and 0 < float(quantity["value"]) < SMALL_BATCH_PCS
        ):
            found.add("small_batch")
    except (KeyError, TypeError, ValueError):
        pass
    deadline = triage.get("deadline_days")
    if isinstance(deadline, int | float) and 0 < deadline <= SHORT_LEAD_DAYS:
        found.add("short_lead_time")
    price = triage.get("target_price") or {}
    rate = APPROX_USD_PER_UNIT.get(str(price.get("currency", "")))
    try:
        if rate is not None and 0 < float(price["amount"]) * rate < LOW_PRICE_USD:
            found.add("low_target_price")
    except (KeyError, TypeError, ValueError):
        pass
    if "certification" in intents or triage.get("certifications"):
        found.add("certification")
    return found


def _snippet(body: str) -> str:
    text = " ".join((body or "").split())
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "…"


def _suggestion(snippets: Iterable[str]) -> str:
    """A question to start an article with: the shortest first sentence that asks something."""
    firsts = [re.split(r"(?<=[?!.。？！])\s", text, maxsplit=1)[0][:200] for text in snippets]
    questions = [f for f in firsts if f.rstrip().endswith(("?", "？"))] or firsts
    return min(questions, key=lambda f: (len(f) < 10, len(f)), default="")


def _distinct(examples: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The examples without repeated texts, in order."""
    seen: set[str] = set()
    result = []
    for example in examples:
        if example["text"] not in seen:
            seen.add(example["text"])
            result.append(example)
    return result


def _group(
    key: str, convs: list[tuple[set[str], set[str]]], examples: list[dict[str, Any]]
) -> GroupPatterns:
    n = len(convs)
    intent_counts: Counter[str] = Counter()
    requirement_counts: Counter[str] = Counter()
    for intents, requirements in convs:
        intent_counts.update(i for i in intents if i != "other")
        requirement_counts.update(requirements)
    return GroupPatterns(
        key=key,
        conversations=n,
        intents=[
            Share(i, INTENT_LABELS[i], c, c / n)
            for i, c in sorted(intent_counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if i in INTENT_LABELS
        ],
        requirements=[
            Share(r, REQUIREMENT_LABELS[r], c, c / n)
            for r, c in sorted(requirement_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        examples=_distinct(examples)[:EXAMPLES],
    )


def message_patterns(
    user: AbstractBaseUser | AnonymousUser, *, months: int = 6, now: datetime | None = None
) -> MessagePatterns:
    """Intents over time, by country and grade, examples and uncovered questions, for ``user``.

    Reps see the patterns of their own and unassigned buyers; everyone else sees all buyers.
    """
    months = max(1, min(int(months), 24))
    now = now or timezone.now()
    starts = _month_starts(now, months)
    labels = [s.strftime("%Y-%m") for s in starts]
    window = Message.objects.filter(sent_at__gte=starts[0], sent_at__lte=now)
    if not sees_all_buyers(user):
        window = window.filter(conversation__buyer__in=buyers_visible_to(user))

    def in_month(i: int) -> Q:
        if i + 1 < len(starts):
            return Q(sent_at__gte=starts[i], sent_at__lt=starts[i + 1])
        return Q(sent_at__gte=starts[i])

    # Messages per month, both directions: conditional counts over the sent_at index alone
    # (a direction filter would read every row; a TruncMonth calls Python per row on SQLite).
    counts = window.aggregate(
        **{f"m{i}": Count("id", filter=in_month(i)) for i in range(len(starts))}
    )
    per_month_all = [counts[f"m{i}"] or 0 for i in range(len(starts))]

    # The latest messages of each month, newest month first: an index range scan that stops
    # after ``per_month_cap`` rows. A month with more messages is estimated from them.
    per_month_cap = max(1, SAMPLE_CAP // len(starts))
    rows: list[tuple[Any, ...]] = []
    read_per_month = [0] * len(starts)
    for i in reversed(range(len(starts))):
        if not per_month_all[i]:
            continue
        month_rows = list(
            window.filter(in_month(i))
            .annotate(snippet=Substr("body", 1, SNIPPET_CHARS * 2))
            .order_by("-sent_at", "-id")
            .values_list(
                "direction",
                "sent_at",
                "conversation_id",
                "conversation__buyer__country",
                "conversation__buyer__grade",
                "triage",
                "snippet",
            )[:per_month_cap]
        )
        read_per_month[i] = len(month_rows)
        rows.extend((i, *row) for row in month_rows)
    # how many real messages one read message stands for, per month
    scale = [
        (per_month_all[i] / read_per_month[i]) if read_per_month[i] else 0.0
        for i in range(len(starts))
    ]
    sampled = any(read < total for read, total in zip(read_per_month, per_month_all, strict=True))

    intent_month: dict[str, Counter[str]] = defaultdict(Counter)
    conversations: dict[int, dict[str, Any]] = {}
    examples: dict[str, list[dict[str, Any]]] = defaultdict(list)
    uncovered: dict[str, list[dict[str, Any]]] = defaultdict(list)
    inbound_read = [0] * len(starts)
    untriaged = low = 0
    for month_index, direction, sent_at, conversation_id, country, grade, triage, body in rows:
        if direction != Message.Direction.IN:
            continue
        inbound_read[month_index] += 1
        month = labels[month_index]
        if not isinstance(triage, dict):
            untriaged += 1
            continue
        if triage.get("low_intent"):
            low += 1
            continue
        intents = [i for i in triage.get("intents") or [] if i in INTENT_LABELS] or ["other"]
        for intent in intents:
            intent_month[intent][month] += 1
        snippet = _snippet(body)
        example = {
            "text": snippet,
            "country": country,
            "grade": grade,
            "sent_at": sent_at,
            "weight": scale[month_index],
        }
        conv = conversations.setdefault(
            conversation_id,
            {
                "country": country or "",
                "grade": grade or "",
                "intents": set(),
                "requirements": set(),
                "examples": [],
            },
        )
        conv["intents"].update(intents)
        conv["requirements"].update(_requirements(triage, intents))
        if len(conv["examples"]) < 1 and snippet:
            conv["examples"].append(example)
        for intent in intents:
            shown = examples[intent]
            fresh = snippet and all(e["text"] != snippet for e in shown)
            if intent != "other" and len(shown) < EXAMPLES and fresh:
                shown.append(example)
        knowledge = triage.get("knowledge") or []
        best = max(
            (float(k.get("score") or 0) for k in knowledge if isinstance(k, dict)), default=0.0
        )
        if best < UNCOVERED_SCORE and snippet:
            uncovered[intents[0]].append(example)

    # Monthly intent counts: the read messages scaled to the exact monthly totals.
    series = []
    for intent in INTENTS:
        per_intent = intent_month.get(intent)
        if not per_intent:
            continue
        series.append(
            {
                "intent": intent,
                "label": INTENT_LABELS[intent],
                "counts": [round(per_intent[m] * scale[i]) for i, m in enumerate(labels)],
            }
        )

    by_country_convs: dict[str, list[tuple[set[str], set[str]]]] = defaultdict(list)
    by_grade_convs: dict[str, list[tuple[set[str], set[str]]]] = defaultdict(list)
    country_examples: dict[str, list[dict[str, Any]]] = defaultdict(list)
    grade_examples: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for conv in conversations.values():
        pair = (conv["intents"], conv["requirements"])
        by_country_convs[conv["country"]].append(pair)
        by_grade_convs[conv["grade"]].append(pair)
        country_examples[conv["country"]].extend(conv["examples"])
        grade_examples[conv["grade"]].extend(conv["examples"])
    countries = sorted(by_country_convs, key=lambda c: (-len(by_country_convs[c]), c))
    by_country = [
        _group(c, by_country_convs[c], country_examples[c]) for c in countries[:TOP_COUNTRIES] if c
    ]
    by_grade = [
        _group(g, by_grade_convs[g], grade_examples[g])
        for g in ("A", "B", "C")
        if g in by_grade_convs
    ]

    uncovered_groups = []
    for intent, items in uncovered.items():
        words: Counter[str] = Counter()
        for item in items:
            words.update(
                {w for w in (m.lower() for m in _WORD.findall(item["text"])) if w not in _STOPWORDS}
            )
        uncovered_groups.append(
            UncoveredGroup(
                intent=intent,
                label=INTENT_LABELS.get(intent, intent),
                count=len(items),
                estimated=round(sum(item["weight"] for item in items)),
                words=[(w, c) for w, c in words.most_common(8) if c >= 2][:6],
                examples=items[:EXAMPLES],
                suggestion=_suggestion(i["text"] for i in items),
            )
        )
    uncovered_groups.sort(key=lambda g: (-g.count, g.intent))

    return MessagePatterns(
        months=labels,
        series=series,
        total_messages=round(sum(n * scale[i] for i, n in enumerate(inbound_read))),
        read_messages=len(rows),
        sampled=sampled,
        conversations=len(conversations),
        by_country=by_country,
        by_grade=by_grade,
        examples={i: examples[i] for i in INTENTS if examples.get(i)},
        uncovered=uncovered_groups,
        untriaged=untriaged,
        low_intent=low,
    )
