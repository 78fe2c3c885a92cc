"""The pure core imports nothing from Django (DESIGN.md, rule 1)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import exportdesk

PURE_PACKAGES = ("domain", "assistant")
SOURCE = Path(exportdesk.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "path",
    sorted(p for pkg in PURE_PACKAGES for p in (SOURCE / pkg).rglob("*.py")),
    ids=lambda p: str(p.relative_to(SOURCE)),
)
def test_the_pure_core_does_not_import_django(path):
    imported = _imported_modules(path)
    offending = sorted(
        m
        for m in imported
        if m.split(".")[0] == "django"
        or (m.startswith("exportdesk.") and m.split(".")[1] not in PURE_PACKAGES)
    )
    assert offending == []
