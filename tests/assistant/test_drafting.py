"""Reply drafts: buyer's language, article answers, qualifying questions and strategic yes."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from exportdesk.assistant.drafting import (
    DRAFT_LANGUAGES,
    PHRASES,
    ArticleAnswer,
    BuyerFacts,
    DraftContext,
    SellerFacts,
    add_business_days,
    buyer_date,
    draft_reply,
    ready_date,
)
from exportdesk.assistant.pipeline import TriageContext, triage

LEXICAL = TriageContext(use_embeddings=False)
FRIDAY = date(2026, 11, 27)
SELLER = SellerFacts(
    company_name="Seoul Skin Lab",
    signer_name="Minji Park",
    today=FRIDAY,
    moq=1000,
    lead_time_days=30,
    custom_lead_time_days=60,
    list_price=1.50,
    currency="USD",
)
BUYER = BuyerFacts(contact_name="Anna", company="Beauty Kft", country="HU")
SHIPPING = ArticleAnswer(
    article_id=7,
    title="Shipping",
    answers={
        "en": "We ship by DHL Express: 3-5 working days to Europe.",
        "ko": "DHL 특송으로 보내 드리며, 유럽까지 영업일 기준 3-5일 걸립니다.",
        "es": "Enviamos por DHL Express: de 3 a 5 días hábiles a Europa.",
        "pt": "Enviamos por DHL Express: de 3 a 5 dias úteis para a Europa.",
        "fr": "Nous expédions par DHL Express : 3 à 5 jours ouvrés vers l'Europe.",
        "de": "Wir versenden mit DHL Express: 3-5 Werktage nach Europa.",
        "ru": "Мы отправляем DHL Express: 3-5 рабочих дней до Европы.",
        "ja": "DHL Expressで発送します。ヨーロッパまで3〜5営業日です。",
        "zh": "我们使用DHL快递发货，到欧洲需3-5个工作日。",
        "vi": "Chúng tôi gửi bằng DHL Express: 3-5 ngày làm việc đến châu Âu.",
    },
    score=0.82,
)
CONTEXT = DraftContext(buyer=BUYER, seller=SELLER, articles=(SHIPPING,))

SHIPPING_QUESTION = {
    "en": "Hello, how much is shipping to Germany by DHL?",
    "ko": "안녕하세요, 독일까지 배송비가 얼마인가요?",
    "es": "Hola, ¿cuánto cuesta el envío a España por DHL?",
    "pt": "Olá, qual é o valor do frete para o Brasil?",
    "fr": "Bonjour, quels sont les frais de livraison vers la France ?",
    "de": "Hallo, wie hoch sind die Versandkosten nach Deutschland?",
    "ru": "Здравствуйте, сколько стоит доставка в Россию?",
    "ja": "こんにちは、日本への送料はいくらですか？",
    "zh": "你好，运到中国的运费是多少？",
    "vi": "Xin chào, phí vận chuyển về Việt Nam là bao nhiêu?",
}
HARD_REQUEST = (
    "Can you do private label with our logo on 500 pcs? We need them within 14 days. "
    "Target price $0.80/pc."
)
PLACEHOLDER = re.compile(r"\{\w*\}")


def _draft(text: str, context: DraftContext = CONTEXT):
    return draft_reply(triage(text, LEXICAL), context)


def test_every_language_has_every_phrase_and_seven_weekdays():
    keys = set(PHRASES["en"])
    for language in DRAFT_LANGUAGES:
        assert set(PHRASES[language]) == keys, language
        assert len(PHRASES[language]["weekdays"].split()) == 7, language
    assert set(DRAFT_LANGUAGES) >= {"en", "ko", "es", "pt", "fr", "de", "ru", "ja", "zh", "vi"}


@pytest.mark.parametrize("language", sorted(SHIPPING_QUESTION))
def test_a_draft_is_written_in_the_buyers_language_with_the_article_answer(language):
    draft = _draft(SHIPPING_QUESTION[language])
    assert draft.language == language
    assert not draft.fell_back_to_english
    assert SHIPPING.answers[language] in draft.text
    assert PHRASES[language]["closing"] in draft.text
    assert draft.article_ids == (7,)
    assert not PLACEHOLDER.search(draft.text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Jó napot, mennyi a szállítási díj Magyarországra?", "hu"),
        ("Merhaba, Türkiye ye kargo ücreti ne kadar?", "tr"),
        ("Buongiorno, quanto costa la spedizione in Italia?", "it"),
    ],
)
def test_a_language_without_templates_falls_back_to_english_and_says_so(text, language):
    draft = _draft(text)
    assert draft.language == "en"
    assert draft.buyer_language == language
    assert draft.fell_back_to_english
    assert f"No reply templates in '{language}': the draft is in English." in draft.reasons
    assert draft.text.startswith("Dear Anna,")
    assert SHIPPING.answers["en"] in draft.text


def test_an_article_without_an_answer_in_the_buyers_language_is_answered_in_english():
    korean_only_missing = replace(SHIPPING, answers={"en": SHIPPING.answers["en"]})
    context = replace(CONTEXT, articles=(korean_only_missing,))
    draft = _draft(SHIPPING_QUESTION["ko"], context)
    assert draft.language == "ko" and not draft.fell_back_to_english
    assert SHIPPING.answers["en"] in draft.text
    assert "Article 7 (Shipping) has no answer in 'ko': its English answer is used." in (
        draft.reasons
    )
    assert "article_in_english:7" in [reason.key() for reason in draft.reason_codes]


def test_an_article_with_no_usable_answer_is_left_out_and_the_reason_says_so():
    empty = ArticleAnswer(9, "Payment", {"ko": "T/T 선불입니다."}, 0.9)
    draft = _draft(SHIPPING_QUESTION["en"], replace(CONTEXT, articles=(empty, SHIPPING)))
    assert draft.article_ids == (7,)
    assert "T/T" not in draft.text
    assert any("Article 9 (Payment)" in reason for reason in draft.reasons)


def test_articles_are_answered_best_match_first():
    payment = ArticleAnswer(9, "Payment", {"en": "We accept T/T and PayPal."}, 0.95)
    draft = _draft(SHIPPING_QUESTION["en"], replace(CONTEXT, articles=(SHIPPING, payment)))
    assert draft.article_ids == (9, 7)
    assert draft.text.index("T/T") < draft.text.index("DHL Express")


@pytest.mark.parametrize(
    ("text", "buyer", "asked"),
    [
        # nothing known: all four questions
        ("Hi, can I get a catalog?", BuyerFacts(), ("target_market", "current_customers",
                                                    "sales_channel", "price_quality")),
        # the message names the market and the channel
        ("We sell on Amazon in Germany. Catalog please.", BuyerFacts(),
         ("current_customers", "price_quality")),
        # the buyer record already knows everything
        ("Hi, can I get a catalog?",
         BuyerFacts(target_market="PL", current_customers="pharmacies", sales_channel=True,
                    price_quality_priority="quality"), ()),
        # an order follow-up is no moment for qualifying questions
        ("Where is my order? Please send the tracking number.", BuyerFacts(), ()),
    ],
)  # fmt: skip
def test_qualifying_questions_are_asked_only_for_what_is_unknown(text, buyer, asked):
    draft = _draft(text, replace(CONTEXT, buyer=buyer, articles=()))
    assert draft.questions == asked
    question_lines = [line for line in draft.text.splitlines() if line.startswith("- ")]
    assert len(question_lines) == len(asked)


def test_a_greeting_without_a_contact_name_has_no_empty_name():
    draft = _draft("Hola, ¿tienen catálogo?", replace(CONTEXT, buyer=BuyerFacts()))
    assert draft.text.startswith("Buenos días:")


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday + 1 -> Monday
        (date(2026, 11, 27), 5, date(2026, 12, 4)),
        (date(2026, 11, 29), 1, date(2026, 11, 30)),  # Sunday + 1 -> Monday
        (date(2026, 11, 30), 0, date(2026, 11, 30)),
    ],
)
def test_business_days_skip_saturday_and_sunday(start, days, expected):
    assert add_business_days(start, days) == expected


def test_holidays_are_skipped_like_weekends():
    assert add_business_days(FRIDAY, 1, frozenset({date(2026, 11, 30)})) == date(2026, 12, 1)


def test_ready_dates_move_forward_and_buyer_deadlines_move_back_off_weekends():
    assert ready_date(FRIDAY, 1) == date(2026, 11, 30)  # Saturday -> Monday
    assert buyer_date(FRIDAY, 2) == date(2026, 11, 27)  # Sunday -> Friday


def test_custom_work_gets_a_strategic_yes_with_three_dated_options():
    draft = _draft("Can you make private label cream with our logo?")
    assert draft.strategic_yes == ("customization",)
    options = [o for o in draft.options if o.request == "customization"]
    assert [o.label for o in options] == ["A", "B", "C"]
    keep_date, full_custom, adjusted = (o.date for o in options)
    assert keep_date == date(2026, 12, 28)  # 30 days -> Sunday 27th -> Monday
    assert full_custom == date(2027, 1, 26)  # 60 days
    assert keep_date < adjusted < full_custom
    assert "Option A – Keep the date of 2026-12-28 (Mon)" in draft.text
    assert "Option C – Adjust the formula or packaging" in draft.text
    # next steps: choose, confirm, mock-up, each on a business day
    assert draft.next_step_dates == (date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 4))
    assert all(day.weekday() < 5 for day in draft.next_step_dates)
    assert "1. Please let us know your choice by 2026-12-01 (Tue)." in draft.text


def test_a_quantity_under_the_moq_gets_small_batch_options():
    draft = _draft("Can I order 300 pcs of the snail cream?")
    assert draft.strategic_yes == ("small_batch",)
    texts = [o.text for o in draft.options]
    assert (
        texts[0]
        == "300 pcs from our ready-stock items (no customisation), shipped by 2026-12-02 (Wed)."
    )
    assert "MOQ of 1,000 pcs by mixing several SKUs" in texts[1]
    assert "small-batch surcharge" in texts[2]
    assert (
        "Yes, we can start with 300 pcs, even though our standard MOQ is 1,000 pcs." in draft.text
    )


def test_a_deadline_shorter_than_the_lead_time_gets_keep_date_full_spec_and_split_options():
    draft = _draft("We need 5000 pcs delivered within 14 days.")
    assert draft.strategic_yes == ("short_lead_time",)
    a, b, c = draft.options
    assert a.date == date(2026, 12, 11)  # the buyer's date
    assert b.date == date(2026, 12, 28)  # today + 30 days, off the weekend
    assert "2026-12-11 (Fri)" in c.text and "2026-12-28 (Mon)" in c.text
    assert "Split shipment" in c.text


def test_a_target_price_under_the_list_price_gets_tier_packaging_and_size_options():
    draft = _draft("Price for 5000 pcs? Our target price is $0.90/pc.")
    assert draft.strategic_yes == ("price_below_list",)
    assert "your target price of USD 0.90 (our list price is USD 1.50)" in draft.text
    assert [o.text.split(",")[0] for o in draft.options] == [
        "A larger quantity tier",
        "Simpler packaging",
        "A different size of the same product that fits your price point.",
    ]


@pytest.mark.parametrize(
    ("text", "seller"),
    [
        ("Can I order 3000 pcs?", SELLER),  # above the MOQ
        ("We need it within 45 days.", SELLER),  # longer than the lead time
        ("Target price $2.00/pc for 5000 pcs.", SELLER),  # above the list price
        ("Target price €0.90/pc for 5000 pcs.", SELLER),  # other currency: not compared
        ("Can I order 300 pcs?", replace(SELLER, moq=None)),  # no MOQ known
    ],
)
def test_requests_the_seller_can_meet_as_asked_get_no_strategic_yes(text, seller):
    draft = _draft(text, replace(CONTEXT, seller=seller))
    assert draft.strategic_yes == ()
    assert draft.options == ()


def test_several_hard_requests_are_all_answered_in_order():
    draft = _draft(HARD_REQUEST)
    assert draft.strategic_yes == (
        "customization", "small_batch", "short_lead_time", "price_below_list",
    )  # fmt: skip
    assert len(draft.options) == 12
    assert draft.auto_send is False


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("로고 넣어서 300개 주문 가능할까요?", "ko", "[A안] 재고 제품으로 300개 구성"),
        ("¿Pueden hacer marca propia con nuestro logotipo? Necesitamos 300 piezas.", "es",
         "Opción A – Mantener la fecha del 2026-12-28 (lun)"),
        ("Können Sie Eigenmarke mit unserem Logo herstellen?", "de",
         "Option A – Termin am 2026-12-28 (Mo) beibehalten"),
        ("Можно ли сделать под нашим логотипом 300 шт?", "ru", "Вариант A – "),
        ("ロゴ入りのOEMは可能ですか？", "ja", "【A案】2026-12-28（月）の納期を維持"),
        ("我们想做贴牌定制，可以印我们的logo吗？", "zh", "【方案A】保持2026-12-28（周一）的交期"),
    ],
)  # fmt: skip
def test_strategic_yes_options_are_written_in_the_buyers_language(text, language, expected):
    draft = _draft(text)
    assert draft.language == language
    assert draft.strategic_yes
    assert expected in draft.text
    assert not PLACEHOLDER.search(draft.text)


def test_a_plain_price_question_promises_a_quotation_the_next_business_day():
    draft = _draft("What is the price of your snail cream?")
    assert draft.strategic_yes == ()
    assert draft.next_step_dates == (date(2026, 11, 30),)
    assert "We will send you a detailed quotation by 2026-11-30 (Mon)." in draft.text


def test_the_same_inputs_give_the_same_draft():
    first = _draft(HARD_REQUEST)
    second = _draft(HARD_REQUEST)
    assert first == second
    assert first.to_dict() == second.to_dict()


def test_the_draft_dict_has_the_contract_keys_first():
    result = _draft(HARD_REQUEST).to_dict()
    assert list(result)[:4] == ["language", "text", "auto_send", "reasons"]
    assert result["auto_send"] is False
    assert all(isinstance(reason, str) for reason in result["reasons"])
    assert result["options"][0] == {
        "request": "customization", "label": "A", "date": "2026-12-11",
        "text": result["options"][0]["text"],
    }  # fmt: skip


def test_the_internal_grade_never_appears_in_a_draft():
    context = replace(CONTEXT, buyer=replace(BUYER, grade="C"))
    assert "grade" not in _draft(HARD_REQUEST, context).text.lower()
