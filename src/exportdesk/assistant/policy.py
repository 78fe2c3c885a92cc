"""Auto-reply policy: send automatically, draft for a person, or filter as low intent.

The rule (issue 5): a reply goes out automatically only when every detected intent is routine
and covered by an auto-reply article that matched above the workspace's confidence threshold;
low-intent messages go to the "filtered" queue (one-click reject); everything else is a draft a
person reads first. Fast connection beats a perfect answer for routine questions, but a wrong
automatic answer to a price or a custom request costs the deal, so the policy is conservative.

Every decision carries its reasons as ``Reason(code, params)``: stable codes the UI translates,
and an English ``text()`` for logs, the CLI and the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from exportdesk.assistant.pipeline import Triage

# Questions a knowledge article answers the same way for every buyer: the facts do not depend on
# who asks or how much they buy. "moq" is routine as a question ("what is your MOQ?"); a request
# *below* the MOQ is a hard request the drafter detects and passes in as ``hard_requests``.
ROUTINE_INTENTS: frozenset[str] = frozenset(
    {
        "shipping",
        "moq",
        "sample",
        "payment",
        "lead_time",
        "certification",
        "authenticity",
        "catalog",
    }
)
# Never answered automatically: prices are negotiated per buyer and grade, custom work and
# partnerships need a person's judgement, complaints and order questions need the order record,
# and "other" means nobody knows what was asked.
NEVER_ROUTINE_INTENTS: frozenset[str] = frozenset(
    {"price_quote", "customization", "partnership", "complaint", "order_followup", "other"}
)

Action = Literal["auto_send", "draft", "filter"]


@dataclass(frozen=True)
class Reason:
    """Why something was decided: a stable ``code``, its ``params`` and an English template.

    ``key()`` is the compact form used in logs and tests (``"intent_not_routine:price_quote"``);
    the UI translates by ``code`` and fills in ``params``.
    """

    code: str
    template: str
    params: tuple[tuple[str, Any], ...] = ()
    # the param shown in key(): the one that tells two reasons with the same code apart
    subject: str | None = field(default=None, compare=False)

    @classmethod
    def of(cls, code: str, template: str, subject: str | None = None, **params: Any) -> Reason:
        """Build a reason from keyword params (kept as a sorted tuple so the reason is hashable)."""
        return cls(code, template, tuple(sorted(params.items())), subject)

    @property
    def param_dict(self) -> dict[str, Any]:
        return dict(self.params)

    def text(self) -> str:
        """The reason as an English sentence."""
        return self.template.format(**self.param_dict)

    def key(self) -> str:
        """``code`` or ``code:subject-value``: stable, short, and what tests compare."""
        if self.subject is None:
            return self.code
        return f"{self.code}:{self.param_dict[self.subject]}"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.param_dict, "text": self.text()}


@dataclass(frozen=True)
class Decision:
    """What to do with a message, and why (every reason, not only the deciding one)."""

    action: Action
    reasons: tuple[Reason, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """Reason keys, e.g. ``("intent_not_routine:price_quote",)``."""
        return tuple(reason.key() for reason in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action, "reasons": [reason.to_dict() for reason in self.reasons]}


class ArticleLike(Protocol):
    """What the policy needs of a knowledge article (``knowledge.Article`` fits)."""

    @property
    def article_id(self) -> int: ...
    @property
    def intents(self) -> Sequence[str]: ...
    @property
    def auto_reply(self) -> bool: ...


def auto_reply_decision(
    triage: Triage,
    articles: Iterable[ArticleLike],
    *,
    threshold: float,
    enabled: bool,
    hard_requests: Sequence[str] = (),
) -> Decision:
    """Decide between ``auto_send``, ``draft`` and ``filter`` for one triaged message.

    ``articles``: the workspace's knowledge articles (any that the triage's knowledge hits refer
    to); an article counts only with the score triage gave it. ``threshold``: minimum knowledge
    score for an automatic answer (workspace setting). ``enabled``: the workspace switch;
    filtering low-intent messages happens even when automatic replies are off, because it sends
    nothing. ``hard_requests``: what the drafter answered with a strategic yes (``Draft.
    strategic_yes``), e.g. a quantity under the MOQ behind a routine-looking "moq" question.
    """
    if triage.low_intent:
        reason = Reason.of(
            "low_intent",
            "Low-intent message (score {score:.2f}: {signals}): filtered for one-click reject.",
            score=triage.low_intent_score,
            signals=", ".join(triage.low_intent_reasons) or "no buying signal",
        )
        return Decision("filter", (reason,))

    scores = _knowledge_scores(triage.knowledge)
    by_id = {article.article_id: article for article in articles}
    reasons: list[Reason] = []
    if not enabled:
        reasons.append(Reason.of("auto_reply_disabled", "Automatic replies are off in settings."))
    intents = list(triage.intents)
    if not intents:
        reasons.append(Reason.of("no_intent", "No intent detected: a person reads the message."))
    for request in hard_requests:
        reasons.append(
            Reason.of(
                "hard_request",
                "Hard request ({request}): a person answers it with a strategic yes.",
                subject="request",
                request=request,
            )
        )

    automatic = enabled and bool(intents) and not hard_requests
    for intent in intents:
        if intent not in ROUTINE_INTENTS:
            automatic = False
            reasons.append(
                Reason.of(
                    "intent_not_routine",
                    "'{intent}' is not a routine question: a person answers it.",
                    subject="intent",
                    intent=intent,
                )
            )
            continue
        coverage = _coverage(intent, by_id, scores, threshold)
        reasons.append(coverage)
        if coverage.code != "intent_covered":
            automatic = False

    if automatic:
        reasons.append(
            Reason.of(
                "auto_send",
                "Every detected intent is routine and covered by an auto-reply article: "
                "the reply is sent automatically.",
            )
        )
        return Decision("auto_send", tuple(reasons))
    return Decision("draft", tuple(reasons))


def _knowledge_scores(hits: Iterable[Mapping[str, Any]]) -> dict[int, float]:
    scores: dict[int, float] = {}
    for hit in hits:
        article_id = int(hit["article_id"])
        scores[article_id] = max(scores.get(article_id, 0.0), float(hit["score"]))
    return scores


def _coverage(
    intent: str, by_id: Mapping[int, ArticleLike], scores: Mapping[int, float], threshold: float
) -> Reason:
    """The best reason about how ``intent`` is covered: covered, weak match, or not at all."""
    tagged = sorted(
        (article for article in by_id.values() if intent in article.intents),
        key=lambda article: (-scores.get(article.article_id, 0.0), article.article_id),
    )
    matched = [article for article in tagged if article.article_id in scores]
    allowed = [article for article in matched if article.auto_reply]
    if allowed:
        best = allowed[0]
        score = scores[best.article_id]
        if score >= threshold:
            return Reason.of(
                "intent_covered",
                "'{intent}' is answered by auto-reply article {article_id} "
                "(score {score:.2f}, threshold {threshold:.2f}).",
                subject="intent",
                intent=intent,
                article_id=best.article_id,
                score=score,
                threshold=threshold,
            )
        return Reason.of(
            "article_below_threshold",
            "'{intent}': auto-reply article {article_id} matched with {score:.2f}, "
            "below the threshold of {threshold:.2f}.",
            subject="intent",
            intent=intent,
            article_id=best.article_id,
            score=score,
            threshold=threshold,
        )
    if matched:
        return Reason.of(
            "article_not_auto_reply",
            "'{intent}': article {article_id} answers it but is not allowed to auto-reply.",
            subject="intent",
            intent=intent,
            article_id=matched[0].article_id,
        )
    return Reason.of(
        "intent_not_covered",
        "'{intent}': no knowledge article matched this message for it.",
        subject="intent",
        intent=intent,
    )
