"""Template filters of the inbox: SLA countdowns, intent and language labels."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from babel import Locale
from django import template
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from exportdesk.inbox.knowledge_base import INTENT_LABELS

register = template.Library()


def _span(seconds: int) -> str:
    minutes = max(0, seconds) // 60
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return _("%(days)sd %(hours)sh") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)sh %(minutes)sm") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)sm") % {"minutes": minutes}


@register.filter
def countdown(seconds_left: int | None) -> str:
    """``2h 10m left`` before the deadline, ``3h 5m over`` after it."""
    if seconds_left is None:
        return ""
    if seconds_left >= 0:
        return _("%(span)s left") % {"span": _span(seconds_left)}
    return _("%(span)s over") % {"span": _span(-seconds_left)}


@register.filter
def intent_label(intent: str) -> str:
    """The intent's name in the UI language."""
    return str(INTENT_LABELS.get(intent, intent))


@register.filter
def language_name(code: str) -> str:
    """``hu`` → ``헝가리어`` / ``Hungarian``."""
    if not code:
        return ""
    return _language_display(code, get_language() or "en")


@lru_cache(maxsize=512)
def _language_display(code: str, ui_language: str) -> str:
    # Parsing locales costs ~0.2 ms; a queue page asks for the same few names 50 times.
    try:
        ui = Locale.parse(ui_language.replace("-", "_"))
        return str(Locale.parse(code).get_display_name(ui) or code)
    except (ValueError, TypeError, LookupError):
        return code


@register.filter
def state_class(state: str) -> str:
    """Bootstrap colour of an SLA state."""
    return {"overdue": "danger", "due_soon": "warning", "on_time": "success"}.get(
        state, "secondary"
    )


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``counts|get_item:"mine"`` for dictionaries keyed by variables."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


HARD_REQUEST_LABELS = {
    "customization": gettext_lazy("Customisation"),
    "small_batch": gettext_lazy("Small batch under MOQ"),
    "short_lead_time": gettext_lazy("Short lead time"),
    "price_below_list": gettext_lazy("Target price below list"),
}
TOPIC_LABELS = {
    "target_market": gettext_lazy("Target market"),
    "current_customers": gettext_lazy("Current customers"),
    "sales_channel": gettext_lazy("Sales channel"),
    "price_quality": gettext_lazy("Price or quality first"),
}


@register.filter
def hard_request_label(kind: str) -> str:
    """A hard request answered with a strategic yes, in the UI language."""
    return str(HARD_REQUEST_LABELS.get(kind, kind))


@register.filter
def topic_label(topic: str) -> str:
    """A qualifying question's topic, in the UI language."""
    return str(TOPIC_LABELS.get(topic, topic))


@register.filter
def answer_in(answers: Any, language: str) -> str:
    """An article's answer in ``language``, else English, else Korean, else any written one."""
    if not isinstance(answers, dict):
        return ""
    for key in (language or "en", "en", "ko"):
        text = answers.get(key)
        if text:
            return str(text)
    return next((str(text) for text in answers.values() if text), "")
