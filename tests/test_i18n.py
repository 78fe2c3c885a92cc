"""Korean first: the committed catalogs are complete, compiled, and used by default."""

from __future__ import annotations

import gettext
import importlib
import io
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from django.utils import translation

from exportdesk.i18n_compile import LOCALE_DIR, compile_po, po_files

KOREAN_PO = LOCALE_DIR / "ko" / "LC_MESSAGES" / "django.po"


def korean_catalog() -> Catalog:
    if not KOREAN_PO.exists():
        pytest.fail(f"{KOREAN_PO} does not exist: run make messages", pytrace=False)
    with KOREAN_PO.open("rb") as source:
        return read_po(source, locale="ko")


def mo_messages(data: bytes) -> dict[Any, str]:
    """The messages of a compiled catalog as Python's gettext reads them, header aside.

    The header is left out because msgfmt and Babel word it differently; both are fine.
    """
    messages = dict(gettext.GNUTranslations(io.BytesIO(data))._catalog)  # type: ignore[attr-defined]
    messages.pop("", None)
    return messages


def test_every_korean_message_is_translated_and_none_is_fuzzy() -> None:
    catalog = korean_catalog()
    untranslated = [
        m.id
        for m in catalog
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


def test_the_korean_catalog_declares_korean_plural_forms() -> None:
    assert korean_catalog().num_plurals == 1


@pytest.mark.parametrize("po_path", po_files() or [KOREAN_PO], ids=lambda p: p.parent.parent.name)
def test_the_committed_mo_matches_its_po(po_path: Path) -> None:
    if not po_path.exists():
        pytest.fail(f"{po_path} does not exist: run make messages", pytrace=False)
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run make messages"
    assert mo_messages(mo_path.read_bytes()) == mo_messages(compile_po(po_path)), (
        f"{mo_path} is out of date: run make messages"
    )


def test_django_serves_every_korean_translation_from_the_catalog() -> None:
    singular = [
        (m.context, m.id, m.string)
        for m in korean_catalog()
        if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string
    ]
    assert singular, "no translated message in the Korean catalog"
    with translation.override("ko"):
        served = {
            (context, msgid): (
                translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            )
            for context, msgid, _msgstr in singular
        }
    wrong = [
        (msgid, served[(ctx, msgid)])
        for ctx, msgid, msgstr in singular
        if served[(ctx, msgid)] != msgstr
    ]
    assert not wrong, f"{len(wrong)} messages not served from the catalog, e.g. {wrong[:3]}"


@pytest.mark.django_db
def test_pages_render_in_korean_without_an_accept_language_header(
    client: Any, settings: Any
) -> None:
    # The suite runs in English (tests/conftest.py); put back the product's own default.
    settings.LANGUAGE_CODE = importlib.import_module("exportdesk.settings").LANGUAGE_CODE
    response = client.get("/login/")
    assert response.status_code == 200
    assert '<html lang="ko"' in response.content.decode()


@pytest.mark.django_db
def test_an_english_browser_gets_english_pages(client: Any, settings: Any) -> None:
    settings.LANGUAGE_CODE = importlib.import_module("exportdesk.settings").LANGUAGE_CODE
    response = client.get("/login/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="en"' in response.content.decode()
