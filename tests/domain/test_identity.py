"""Company-name normalisation and country codes (no database)."""

from __future__ import annotations

import pytest

from exportdesk.domain.identity import (
    UnknownCountryError,
    normalise_company_name,
    normalise_country_code,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Budapest Beauty Kft.", "BUDAPEST BEAUTY KFT"),
        ("Glow Import, LLC", "glow import"),
        ("Belleza Coreana S.L.", "Belleza Coreana"),
        ("(주)코스메틱코리아", "코스메틱코리아 주식회사"),
        ("Café Beauté SARL", "cafe beaute"),
    ],
)
def test_two_spellings_of_one_company_normalise_alike(a, b):
    assert normalise_company_name(a) == normalise_company_name(b)


def test_different_companies_stay_different():
    assert normalise_company_name("Glow Import") != normalise_company_name("Glow Export")


@pytest.mark.parametrize(("raw", "code"), [("hu", "HU"), (" US ", "US"), ("uk", "GB")])
def test_it_normalises_country_codes(raw, code):
    assert normalise_country_code(raw) == code


@pytest.mark.parametrize("raw", ["XX", "", "USA", "Hungary"])
def test_it_rejects_what_is_not_an_alpha_2_code(raw):
    with pytest.raises(UnknownCountryError):
        normalise_country_code(raw)
