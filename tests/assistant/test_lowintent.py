"""Low-intent filter: every kind is caught and explained; real buyers are not."""

from __future__ import annotations

import pytest

from exportdesk.assistant.lowintent import score_low_intent


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("We can increase your sales with our SEO services!", "service_pitch"),
        ("We are a freight forwarder with the best freight rates from Korea.", "service_pitch"),
        ("I am looking for a job, attached my CV.", "job_seeker"),
        ("Your account will be suspended. Click here to verify your account.", "scam"),
        ("Make money fast at our casino www.win.biz", "spam"),
        ("Hello dear", "empty_greeting"),
        ("안녕하세요", "empty_greeting"),
    ],
)
def test_each_kind_of_low_intent_message_is_flagged_with_its_reason(text, kind):
    verdict = score_low_intent(text)
    assert verdict.is_low
    assert kind in verdict.kinds
    assert verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Hello, what is your MOQ for the sheet masks?",
        "Please see our website www.shop.hu and send a quotation for 500 pcs.",
    ],
)
def test_a_real_buyer_is_not_flagged(text):
    assert not score_low_intent(text, has_buying_signal=True).is_low


def test_the_score_is_between_zero_and_one():
    verdict = score_low_intent("SEO casino bitcoin job resume click here " * 20)
    assert 0.0 <= verdict.score <= 1.0
