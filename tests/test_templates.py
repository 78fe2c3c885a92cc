"""Every template compiles: an unknown filter or tag fails here, not on a user's screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.template.loader import get_template

import exportdesk

SOURCE = Path(exportdesk.__file__).parent
TEMPLATES = sorted(
    str(path.relative_to(root))
    for root in [SOURCE / "templates", *SOURCE.glob("*/templates")]
    for path in root.rglob("*.html")
)


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_template_compiles(name):
    assert get_template(name) is not None
