"""How the import preview describes what each row will do, in the user's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()


def matched_by_text(key: str) -> str:
    """``email`` → "by email"."""
    return {
        "platform_buyer_id": _("by platform buyer ID"),
        "email": _("by email"),
        "company_country": _("by company name and country"),
    }.get(key, "")


@register.filter
def matched_by(key: str) -> str:
    """The key a merge matched on, in words."""
    return matched_by_text(key or "")


@register.filter
def outcome_text(outcome: dict[str, Any] | None) -> str:
    """What the row will do, as one sentence for the preview table."""
    if not outcome:
        return ""
    kind = outcome.get("kind", "")
    values = {
        "buyer": outcome.get("buyer", ""),
        "row": outcome.get("target_row", ""),
        "order": outcome.get("order", ""),
        "by": matched_by_text(outcome.get("by", "")),
    }
    texts = {
        "error": _("Rejected"),
        "new": _("New buyer"),
        "merge_new": _("Merges with row %(row)s %(by)s (one new buyer)"),
        "merge_update": _("Updates existing buyer %(buyer)s (matched %(by)s)"),
        "merge_unchanged": _("Matches existing buyer %(buyer)s %(by)s; nothing to change"),
        "order_new": _("New order %(order)s for %(buyer)s"),
        "order_update": _("Updates order %(order)s of %(buyer)s"),
        "order_unchanged": _("Order %(order)s is already up to date"),
        "message_new": _("New message from or to %(buyer)s"),
        "message_duplicate": _("Already imported; skipped"),
    }
    text = texts.get(kind, kind)
    return text % values if "%(" in text else text


@register.filter
def outcome_class(outcome: dict[str, Any] | None) -> str:
    """A Bootstrap text colour for the outcome."""
    kind = (outcome or {}).get("kind", "")
    if kind == "error":
        return "text-danger"
    if kind.endswith(("unchanged", "duplicate")):
        return "text-muted"
    if kind.startswith("merge") or kind.endswith("update"):
        return "text-primary"
    return "text-success"


@register.filter
def get_item(mapping: dict[str, Any] | None, key: str) -> Any:
    """``mapping[key]`` in a template (empty when missing)."""
    return (mapping or {}).get(key, "")
