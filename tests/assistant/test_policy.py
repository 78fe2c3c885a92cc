"""Auto-reply policy: send only routine, covered questions; filter low intent; draft the rest."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exportdesk.assistant.knowledge import Article, KnowledgeBase
from exportdesk.assistant.pipeline import TriageContext, triage
from exportdesk.assistant.policy import (
    NEVER_ROUTINE_INTENTS,
    ROUTINE_INTENTS,
    Reason,
    auto_reply_decision,
)

ARTICLES = [
    Article(1, ("How much is shipping to my country?", "배송비는 얼마인가요?"),
            ("We ship by DHL Express.",), ("shipping",), auto_reply=True),
    Article(2, ("Are your products genuine, made in Korea?",),
            ("All our products are made in Korea.",), ("authenticity",), auto_reply=True),
    Article(3, ("What is your price list?",), ("Prices depend on quantity.",),
            ("price_quote",), auto_reply=True),
    Article(4, ("Can I get free samples?",), ("Samples are free for A buyers.",),
            ("sample",), auto_reply=False),
    Article(5, ("What is the minimum order quantity (MOQ)?",), ("Our MOQ is 1000 pcs.",),
            ("moq",), auto_reply=True),
]  # fmt: skip
CONTEXT = TriageContext(use_embeddings=False, knowledge=KnowledgeBase(ARTICLES))
THRESHOLD = 0.7


def _decide(text: str, *, threshold: float = THRESHOLD, enabled: bool = True, **kwargs):
    return auto_reply_decision(
        triage(text, CONTEXT), ARTICLES, threshold=threshold, enabled=enabled, **kwargs
    )


@pytest.mark.parametrize(
    ("text", "action", "codes"),
    [
        ("What is the shipping cost to Germany by DHL?", "auto_send",
         ("intent_covered:shipping", "auto_send")),
        ("배송비 알려주세요", "auto_send", ("intent_covered:shipping", "auto_send")),
        ("Are they genuine? And what is the shipping cost?", "auto_send",
         ("intent_covered:shipping", "intent_covered:authenticity", "auto_send")),
        ("What is your MOQ?", "auto_send", ("intent_covered:moq", "auto_send")),
        # price is never routine, even with an auto-reply article that matches well
        ("What is the price?", "draft", ("intent_not_routine:price_quote",)),
        ("Can you do private label with our logo?", "draft",
         ("intent_not_routine:customization",)),
        # the sample article may not auto-reply
        ("Can I get a free sample?", "draft", ("article_not_auto_reply:sample",)),
        # no article about certificates at all
        ("Do you have FDA certificate?", "draft", ("intent_not_covered:certification",)),
        # one routine, covered intent does not carry a non-routine one
        ("What is the price and the shipping cost?", "draft",
         ("intent_not_routine:price_quote", "intent_covered:shipping")),
        # pitches and empty greetings go to the filtered queue
        ("Hi dear, we offer SEO services to increase your ranking", "filter", ("low_intent",)),
        ("Hello", "filter", ("low_intent",)),
    ],
)  # fmt: skip
def test_the_policy_decides_from_intents_and_knowledge_coverage(text, action, codes):
    decision = _decide(text)
    assert decision.action == action
    assert decision.codes == codes


def test_a_match_under_the_threshold_is_drafted_for_a_person():
    decision = _decide("What is the shipping cost to Germany by DHL?", threshold=0.9)
    assert decision.action == "draft"
    assert decision.codes == ("article_below_threshold:shipping",)
    assert decision.reasons[0].text() == (
        "'shipping': auto-reply article 1 matched with 0.85, below the threshold of 0.90."
    )


def test_nothing_is_sent_automatically_when_auto_reply_is_off_but_the_reasons_still_explain():
    decision = _decide("What is the shipping cost to Germany by DHL?", enabled=False)
    assert decision.action == "draft"
    assert decision.codes == ("auto_reply_disabled", "intent_covered:shipping")


def test_low_intent_messages_are_filtered_even_when_auto_reply_is_off():
    decision = _decide("Hi dear, we offer SEO services to increase your ranking", enabled=False)
    assert decision.action == "filter"
    assert decision.reasons[0].text().startswith("Low-intent message (score ")


def test_a_hard_request_behind_a_routine_question_is_drafted_for_a_person():
    text = "Can I order 300 pcs? What is your MOQ?"
    assert _decide(text).action == "auto_send"
    decision = _decide(text, hard_requests=("small_batch",))
    assert decision.action == "draft"
    assert decision.codes == ("hard_request:small_batch", "intent_covered:moq")


def test_an_article_the_triage_did_not_match_covers_nothing():
    result = triage("What is the shipping cost to Germany by DHL?", CONTEXT)
    unmatched = replace(result, knowledge=[])
    decision = auto_reply_decision(unmatched, ARTICLES, threshold=THRESHOLD, enabled=True)
    assert decision.codes == ("intent_not_covered:shipping",)


def test_no_intent_at_all_is_drafted():
    result = replace(triage("What is your MOQ?", CONTEXT), intents=[])
    decision = auto_reply_decision(result, ARTICLES, threshold=THRESHOLD, enabled=True)
    assert decision.action == "draft"
    assert decision.codes == ("no_intent",)


def test_routine_and_never_routine_intents_do_not_overlap():
    assert not ROUTINE_INTENTS & NEVER_ROUTINE_INTENTS
    assert {"price_quote", "customization", "partnership", "complaint", "order_followup"} <= (
        NEVER_ROUTINE_INTENTS
    )


def test_a_reason_has_a_stable_code_params_and_an_english_sentence():
    reason = Reason.of(
        "intent_not_routine",
        "'{intent}' is not a routine question: a person answers it.",
        subject="intent",
        intent="price_quote",
    )
    assert reason.key() == "intent_not_routine:price_quote"
    assert reason.to_dict() == {
        "code": "intent_not_routine",
        "params": {"intent": "price_quote"},
        "text": "'price_quote' is not a routine question: a person answers it.",
    }


def test_the_decision_serialises_with_every_reason():
    decision = _decide("What is the price and the shipping cost?")
    result = decision.to_dict()
    assert result["action"] == "draft"
    assert [reason["code"] for reason in result["reasons"]] == [
        "intent_not_routine",
        "intent_covered",
    ]
