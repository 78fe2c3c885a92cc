"""Language identification for buyer messages.

lingua-language-detector, restricted to the languages ExportDesk supports, decides for real
sentences. Short texts are where statistical detectors fail ("Price?" looks French to many), so
the script a text is written in decides first when the script belongs to exactly one supported
language (Hangul, Thai, Arabic, kana, Devanagari), and very short Latin texts default to English
with a low confidence instead of a confident guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "en", "ko", "es", "pt", "fr", "de", "it", "ru", "uk", "pl", "hu",
    "tr", "ar", "hi", "vi", "th", "id", "ms", "ja", "zh", "nl",
)  # fmt: skip

# Latin texts with fewer letters than this are too short for the statistical model to beat a
# default: they are mostly "Price?", "MOQ?", "hi", and English is the trade lingua franca.
SHORT_LATIN_LETTERS = 12
# lingua only needs the opening of a long message; the rest costs time and changes nothing.
DETECTION_CHARS = 600

_UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
_RUSSIAN_ONLY = set("ыэъёЫЭЪЁ")
# A handful of function words that lingua's short-text models confuse with a neighbour.
_SHORT_WORD_HINTS: dict[str, str] = {
    "hola": "es", "precio": "es", "preço": "pt", "olá": "pt", "obrigado": "pt",
    "bonjour": "fr", "prix": "fr", "hallo": "de", "preis": "de", "prezzo": "it",
    "ciao": "it", "szia": "hu", "ár": "hu", "ára": "hu", "merhaba": "tr", "fiyat": "tr",
    "harga": "id", "cena": "pl", "giá": "vi", "prijs": "nl", "halo": "id",
    # greetings and thanks: the whole of many short messages
    "boa": "pt", "bom": "pt", "oi": "pt", "obrigada": "pt", "buenas": "es", "buenos": "es",
    "gracias": "es", "merci": "fr", "bonsoir": "fr", "salut": "fr", "danke": "de",
    "moin": "de", "grazie": "it", "buongiorno": "it", "buonasera": "it", "iyi": "tr",
    "günaydın": "tr", "teşekkürler": "tr", "dzień": "pl", "cześć": "pl", "dziękuję": "pl",
    "hoi": "nl", "goedemorgen": "nl", "goedemiddag": "nl", "bedankt": "nl", "chào": "vi",
    "cảm": "vi", "ơi": "vi", "sziasztok": "hu", "ạ": "vi", "köszönöm": "hu", "terima": "id",
    "привіт": "uk",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class LanguageGuess:
    """An ISO 639-1 code and how sure we are of it (0..1)."""

    code: str
    confidence: float


def _script_counts(text: str) -> dict[str, int]:
    """Count letters per script family; cheap, and decisive for most non-Latin scripts."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        code = ord(ch)
        if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
            script = "hangul"
        elif 0x3040 <= code <= 0x30FF:
            script = "kana"
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            script = "han"
        elif 0x0E00 <= code <= 0x0E7F:
            script = "thai"
        elif 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
            script = "arabic"
        elif 0x0900 <= code <= 0x097F:
            script = "devanagari"
        elif 0x0400 <= code <= 0x04FF:
            script = "cyrillic"
        elif code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
            script = "latin"
        else:
            script = "other"
        counts[script] = counts.get(script, 0) + 1
    return counts


# Common Ukrainian words spelt with letters Russian shares ("Чи можете", "ми платили").
_UKRAINIAN_WORDS = re.compile(
    r"(?<![^\W\d_])(?:чи|ми|що|як|але|потрібно|потрібні|замовлення|хочемо|минулого|зробити|"
    r"доброго|добрий|дякую|будь|ласка)(?![^\W\d_])",
    re.IGNORECASE,
)
# Hindi written in Latin letters ("humein 5000 pcs chahiye", "kya aap ... ho sakta hai"): a few
# function words no other supported language uses.
_ROMAN_HINDI_WORDS = re.compile(
    r"\b(?:hai|hain|chahiye|kya|aap|aapka|aapki|humein|hamein|hamara|hamare|nahi|nahin|"
    r"bahut|kitna|kitne|karenge|sakta|sakte|zyada|ke|ka|ki|bhai)\b",
    re.IGNORECASE,
)


def _cyrillic_language(text: str) -> str:
    """Ukrainian and Russian share most letters; a few letters belong to only one of them."""
    uk = sum(ch in _UKRAINIAN_ONLY for ch in text) + len(_UKRAINIAN_WORDS.findall(text))
    ru = sum(ch in _RUSSIAN_ONLY for ch in text)
    return "uk" if uk > ru else "ru"


@lru_cache(maxsize=1)
def _detector() -> Any:
    """Build the lingua detector once per process; its models load lazily on first use."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
        for code in SUPPORTED_LANGUAGES
    ]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def warm_up() -> None:
    """Load the detector and its models now (for servers and benchmarks), not on first message."""
    detector = _detector()
    detector.compute_language_confidence_values("warm up the language models, por favor")


def detect_language(text: str) -> LanguageGuess:
    """Return the language of ``text`` among ``SUPPORTED_LANGUAGES``.

    Texts without letters (empty, emoji, numbers) are reported as English with confidence 0:
    the caller needs *some* language to reply in, and says so through the confidence.
    """
    sample = unicodedata.normalize("NFC", text[:DETECTION_CHARS])
    counts = _script_counts(sample)
    letters = sum(counts.values())
    if letters == 0:
        return LanguageGuess("en", 0.0)
    top_script = max(counts, key=lambda s: counts[s])
    share = counts[top_script] / letters
    # Japanese mixes kana with Han; any real amount of kana means Japanese, not Chinese.
    if counts.get("kana", 0) >= max(1, counts.get("han", 0) // 5) and top_script in ("kana", "han"):
        return LanguageGuess("ja", 0.95)
    decisive = {"hangul": "ko", "thai": "th", "arabic": "ar", "devanagari": "hi", "han": "zh"}
    if top_script in decisive and share >= 0.3:
        return LanguageGuess(decisive[top_script], round(0.7 + 0.29 * share, 2))
    if top_script == "cyrillic":
        return LanguageGuess(_cyrillic_language(sample), round(0.7 + 0.29 * share, 2))
    if top_script == "latin" and letters < SHORT_LATIN_LETTERS:
        words = [w.lower() for w in _WORD.findall(sample)]
        for word in words:
            if word in _SHORT_WORD_HINTS:
                return LanguageGuess(_SHORT_WORD_HINTS[word], 0.6)
        if any(not ch.isascii() for ch in sample if ch.isalpha()):
            return _lingua(sample, cap=0.6)
        return LanguageGuess("en", 0.3)
    if top_script == "latin" and len(set(_ROMAN_HINDI_WORDS.findall(sample.lower()))) >= 3:
        return LanguageGuess("hi", 0.7)
    return _lingua(sample)


# Spanish and Portuguese share most short trade sentences ("Precio objetivo: 0,85 EUR por
# unidad"); when lingua cannot tell them apart, spelling that only one of them uses decides.
_SPANISH_MARKS = re.compile(
    r"[ñ¿¡]|ción\b|ciones\b|dad(?:es)?\b|\bprecio|\bcantidad|\bel\b|"
    r"\blos\b|\bnecesit|\bpuede|\bhola\b",
    re.IGNORECASE,
)
_PORTUGUESE_MARKS = re.compile(
    r"[ãõ]|ção\b|ções\b|dade(?:s)?\b|\bpreço|\bquantidade|\bvocê|"
    r"\bnão\b|\bolá\b|\bpreciso|\bgostar",
    re.IGNORECASE,
)
_CLOSE_CALL = 0.2


def _lingua(sample: str, cap: float = 1.0) -> LanguageGuess:
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return LanguageGuess("en", 0.0)
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    if code in ("es", "pt") and len(values) > 1:
        runner = values[1].language.iso_code_639_1.name.lower()
        if {code, runner} == {"es", "pt"} and best.value - values[1].value < _CLOSE_CALL:
            es = len(_SPANISH_MARKS.findall(sample))
            pt = len(_PORTUGUESE_MARKS.findall(sample))
            if es != pt:
                code = "es" if es > pt else "pt"
    return LanguageGuess(code, round(min(best.value, cap), 2))
