"""How buyer data reads on screen: country names in the UI language, money, event sentences."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from django.utils.translation import get_language

from exportdesk.domain.money import Money


@lru_cache(maxsize=8)
def _territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language).territories)
    except (ValueError, TypeError):
        return dict(Locale.parse("en").territories)


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in the UI language (``HU`` → ``헝가리`` / ``Hungary``)."""
    if not code:
        return ""
    lang = (language or get_language() or "en").split("-")[0]
    return _territories(lang).get(code.upper(), code.upper())


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs of ISO countries sorted by name in the UI language."""
    from exportdesk.domain.identity import country_codes

    lang = (language or get_language() or "en").split("-")[0]
    names = _territories(lang)
    return sorted(((c, names.get(c, c)) for c in country_codes()), key=lambda pair: pair[1])


def flag(code: str) -> str:
    """The flag emoji of an ISO alpha-2 code."""
    if len(code or "") != 2 or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(ch) - ord("A")) for ch in code.upper())


def money(minor: int | None, currency: str) -> str:
    """Formatted amount in the UI language."""
    if minor is None:
        return ""
    lang = (get_language() or "en").split("-")[0]
    try:
        return Money(int(minor), currency).format(locale=lang)
    except ValueError:
        return f"{minor} {currency}"
