"""triage(): the contract shape, and a valid result for any Unicode input."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportdesk.assistant.intents import INTENTS
from exportdesk.assistant.pipeline import MAX_ANALYSED_CHARS, TriageContext, prepare_text, triage

CONTRACT_KEYS = [
    "language", "intents", "quantity", "target_price", "destination_country", "incoterm",
    "certifications", "deadline_days", "low_intent", "low_intent_score", "knowledge", "draft",
]  # fmt: skip
LEXICAL = TriageContext(use_embeddings=False)


def _assert_valid(result: dict) -> None:
    assert list(result) == CONTRACT_KEYS
    assert isinstance(result["language"], str) and len(result["language"]) == 2
    assert result["intents"] and set(result["intents"]) <= set(INTENTS)
    assert 0.0 <= result["low_intent_score"] <= 1.0
    assert isinstance(result["low_intent"], bool)
    assert result["knowledge"] == []
    assert result["draft"] is None
    json.dumps(result)  # serialisable as the contract JSON


def test_a_full_inquiry_fills_every_field_of_the_contract():
    text = (
        "Hello, what's the price for 5000 pcs of snail cream? Target $1.20/pc FOB Busan, "
        "need CPNP. We are a distributor in Hungary, delivery within 30 days."
    )
    result = triage(text, LEXICAL).to_dict()
    _assert_valid(result)
    assert result == {
        "language": "en",
        "intents": ["price_quote", "lead_time", "certification"],
        "quantity": {"value": 5000, "unit": "pcs"},
        "target_price": {"amount": 1.2, "currency": "USD", "per": "pcs"},
        "destination_country": "HU",
        "incoterm": "FOB",
        "certifications": ["CPNP"],
        "deadline_days": 30,
        "low_intent": False,
        "low_intent_score": 0.0,
        "knowledge": [],
        "draft": None,
    }


def test_a_pitch_carries_no_buyer_facts():
    result = triage("Earn $500 per day, make money from home! www.x.biz", LEXICAL).to_dict()
    assert result["low_intent"] and result["intents"] == ["other"]
    assert result["target_price"] is None


def test_business_details_are_kept_beside_the_contract():
    result = triage("I sell on Amazon, we are a distributor", LEXICAL)
    assert result.business.business_type == "distributor"
    assert "business" not in result.to_dict()


def test_long_texts_are_cut_and_quoted_replies_dropped():
    text = "Price for 500 pcs?\n> old quoted mail with $9 prices\n" + "x" * 200_000
    prepared = prepare_text(text)
    assert len(prepared) <= MAX_ANALYSED_CHARS
    assert "quoted" not in prepared


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text_gives_a_valid_result(text):
    _assert_valid(triage(text, LEXICAL).to_dict())


@settings(max_examples=20, deadline=None)
@given(
    st.lists(
        st.sampled_from(["🙂", "مرحبا", "שלום", "가격", "价格", "Price", "\u200f", "\u202e", "\x00",
                         "5,000 pcs", "$1.2/pc", "\n", "ñ", "ﷺ", "𝔘𝔫𝔦"]),
        max_size=60,
    )
)  # fmt: skip
def test_mixed_scripts_rtl_marks_and_emoji_give_a_valid_result(parts):
    _assert_valid(triage("".join(parts), LEXICAL).to_dict())


def test_a_hundred_kilobyte_message_gives_a_valid_result():
    _assert_valid(triage("価格? 🙂 مرحبا " * 8000).to_dict())


def test_an_empty_message_is_an_empty_greeting():
    result = triage("", LEXICAL).to_dict()
    _assert_valid(result)
    assert result["low_intent"] is True


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        # samples to a named place ask about the courier too
        ("Czy możecie wysłać próbki do Warszawy?", ["sample", "shipping"]),
        ("サンプルを東京まで送っていただくことは可能でしょうか。", ["sample", "shipping"]),
        # a payment already made is context, not a payment question
        (
            "we paid the deposit last week for order #KB-20931. any update on status?",
            ["order_followup"],
        ),
        ("Оплатили заказ 10 дней назад, где трек-номер?", ["order_followup"]),
        ("Do you accept PayPal or only T/T?", ["payment"]),
        # dissatisfaction in words is a complaint
        (
            "Zamówienie dotarło, ale kolor jest zupełnie inny niż na zdjęciu. Jestem rozczarowana.",
            ["complaint"],
        ),
        # a complaint's order and shipment are its context
        ("Siparişimiz hasarlı geldi, 3 koli ıslanmış. İade istiyoruz.", ["complaint"]),
        # a price list with the catalogue is a catalogue request
        ("Отправьте каталог и прайс, пожалуйста.", ["catalog"]),
        ("御社はメーカーですか、それとも商社ですか？", ["authenticity"]),
        ("Are you the brand owner or a reseller?", ["authenticity"]),
        # the price of transport is a shipping question; the time to deliver is a lead time
        ("How much is shipping to Canada?", ["shipping"]),
        ("미국까지 배송비 얼마예요?", ["shipping"]),
        ("Quel est le délai de livraison ?", ["lead_time"]),
        ("생산 기간이 얼마나 걸리나요?", ["lead_time"]),
        # asking after an existing order is a follow-up
        ("¿Cuándo llega mi pedido?", ["order_followup"]),
        ("注文した商品はいつ届きますか？", ["order_followup"]),
        # a complaint's urgency is not a lead-time question
        ("48 jars were broken. We need replacement or refund asap.", ["complaint"]),
    ],
)
def test_intents_follow_the_labelling_conventions(text, intents):
    assert triage(text, TriageContext(use_embeddings=False)).intents == intents


@pytest.mark.parametrize(
    "text",
    [
        "We received our shipment yesterday and 48 jars of the ginseng cream were broken.",
        "Die Cremes riechen ranzig, ca. 200 Tiegel betroffen. Wir verlangen eine Gutschrift.",
        "Đơn hàng của mình đến bị bể 6 lọ, shop xử lý giúp mình với.",
    ],
)
def test_the_counts_of_a_complaint_are_not_an_order(text):
    result = triage(text, TriageContext(use_embeddings=False))
    assert result.intents == ["complaint"]
    assert result.extraction.quantity is None
