"""Who is who: normalised company names and country codes for matching buyers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

# Legal-form words that differ between two spellings of one company.
LEGAL_SUFFIXES = frozenset(
    {
        "co",
        "company",
        "corp",
        "corporation",
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "plc",
        "gmbh",
        "ag",
        "kft",
        "zrt",
        "srl",
        "sarl",
        "sas",
        "sa",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "pte",
        "pty",
        "sdn",
        "bhd",
        "jsc",
        "ooo",
        "tov",
        "sp",
        "zoo",
        "kg",
        "trading",
        "sl",
        "slu",
        "sro",
        "doo",
        "ltda",
        "lda",
        "pvt",
        "fze",
        "fzco",
        "fzc",
        "wll",
        "tnhh",
        "pt",
        "cv",
        "주식회사",
        "유한회사",
        "㈜",
    }
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalise_company_name(name: str) -> str:
    """Lower-case, accent-folded, punctuation-free name without legal-form words.

    ``"Budapest Beauty Kft."`` and ``"BUDAPEST BEAUTY KFT"`` both give ``"budapest beauty"``.
    """
    folded = unicodedata.normalize("NFKD", name or "")
    # NFKD also splits Hangul into jamo: strip accents, then recompose.
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = unicodedata.normalize("NFC", folded).casefold()
    folded = folded.replace("(주)", " ").replace(".", "")
    words = [w for w in _NON_WORD.split(folded) if w and w not in LEGAL_SUFFIXES]
    return " ".join(words)


class UnknownCountryError(ValueError):
    """Raised for a country that ISO 3166 does not know."""


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code."""
    return frozenset(c.alpha_2 for c in pycountry.countries)


def normalise_country_code(code: str) -> str:
    """Return the upper-case ISO 3166-1 alpha-2 code, or raise ``UnknownCountryError``."""
    candidate = (code or "").strip().upper()
    if candidate == "UK":
        candidate = "GB"
    if candidate not in country_codes():
        raise UnknownCountryError(f"Unknown country code: {code!r}")
    return candidate
