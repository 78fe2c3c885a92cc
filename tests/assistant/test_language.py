"""Language identification: lingua for sentences, scripts and defaults for short texts."""

from __future__ import annotations

import pytest

from exportdesk.assistant.language import SUPPORTED_LANGUAGES, detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("가격?", "ko"),
        ("سعر؟", "ar"),
        ("ราคา", "th"),
        ("サンプル", "ja"),
        ("价格", "zh"),
        ("नमूना", "hi"),
        ("Цена?", "ru"),
        ("Яка ціна?", "uk"),
        ("Price?", "en"),
        ("MOQ?", "en"),
        ("Hola, precio?", "es"),
        ("Szia, mennyi az ára 5000 db-nak?", "hu"),
        ("Xin chào, giá bao nhiêu?", "vi"),
        ("Merhaba, minimum sipariş miktarı nedir?", "tr"),
        ("Bonjour, pouvez-vous m'envoyer un devis ?", "fr"),
        ("Guten Tag, können Sie uns Muster schicken?", "de"),
        # short greetings and thanks carry their language
        ("Boa tarde", "pt"),
        ("Grazie!", "it"),
        ("Merci", "fr"),
    ],
)
def test_each_message_is_recognised_in_its_language(text, code):
    assert detect_language(text).code == code


def test_a_very_short_latin_text_defaults_to_english_with_low_confidence():
    guess = detect_language("Price?")
    assert guess.code == "en"
    assert guess.confidence < 0.5


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂🙂", "12345", "?!"])
def test_a_text_without_letters_is_english_with_zero_confidence(text):
    guess = detect_language(text)
    assert (guess.code, guess.confidence) == ("en", 0.0)


def test_only_supported_languages_are_ever_returned():
    assert detect_language("Dzień dobry, jaka jest cena za 1000 sztuk?").code in SUPPORTED_LANGUAGES
