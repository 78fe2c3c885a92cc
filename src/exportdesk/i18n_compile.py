"""Compile the translation catalogs with Babel, so no system gettext is needed.

``python -m exportdesk.i18n_compile`` turns every ``locale/*/LC_MESSAGES/django.po`` into the
``django.mo`` Django reads. The .mo files are committed, so a fresh checkout runs translated
without this step; ``make messages`` runs it after extracting strings.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def compile_po(po_path: Path) -> bytes:
    """The .mo bytes of one .po file; fuzzy and empty entries are left out, as by msgfmt."""
    with po_path.open("rb") as source:
        catalog = read_po(source, locale=po_path.parent.parent.name, domain=po_path.stem)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def po_files(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every django.po under the locale directory."""
    return sorted(locale_dir.glob("*/LC_MESSAGES/django.po"))


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write the .mo beside each .po whose compiled form changed; return the files written."""
    written = []
    for po_path in po_files(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        compiled = compile_po(po_path)
        # Rewriting an unchanged .mo would only churn its mtime and the git index.
        if not mo_path.exists() or mo_path.read_bytes() != compiled:
            mo_path.write_bytes(compiled)
            written.append(mo_path)
    return written


def main() -> int:
    """Compile all catalogs and say what changed."""
    if not po_files():
        print(f"No django.po under {LOCALE_DIR}; run `make messages` first.", file=sys.stderr)
        return 1
    for mo_path in compile_all():
        print(f"compiled {mo_path.relative_to(LOCALE_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
