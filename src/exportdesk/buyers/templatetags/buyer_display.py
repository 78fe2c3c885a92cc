"""Template filters for buyer screens."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from exportdesk.buyers import display

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    return display.country_name(code)


@register.filter
def flag(code: str) -> str:
    return display.flag(code)


@register.filter
def money(minor: int | None, currency: str) -> str:
    return display.money(minor, currency)


@register.filter
def reason_text(reason: dict[str, Any]) -> str:
    """A grade reason in the UI language."""
    lang = (get_language() or "ko").split("-")[0]
    key = "text_ko" if lang == "ko" else "text_en"
    return str(reason.get(key) or reason.get("text_en") or reason.get("factor", ""))


@register.filter
def percent(value: float | None) -> str:
    """A probability (0–1) as a whole percentage: ``0.423`` → ``42%``."""
    if value is None:
        return ""
    return f"{round(float(value) * 100)}%"


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: Any) -> str:
    """The current query string with some parameters changed (page links, sort links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    if "page" not in changes:
        params.pop("page", None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def without_grade_and_level(tags: Any) -> list[Any]:
    """Tags minus grade:/level: ones, which the list already shows as columns."""
    return [t for t in tags if not t.name.startswith(("grade:", "level:"))]


SYSTEM_TAG_LABELS = {
    "transacted": _("transacted"),
    "reordered": _("reordered"),
    "sample-sent": _("sample sent"),
    "dormant": _("dormant"),
}


@register.filter
def tag_label(name: str) -> str:
    """A system tag's name in the UI language; user tags show as typed."""
    return str(SYSTEM_TAG_LABELS.get(name, name))
