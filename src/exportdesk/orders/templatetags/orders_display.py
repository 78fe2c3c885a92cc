"""Template filters of the orders screens: rule reasons said in the UI language.

Follow-up and reorder reasons are stored as English text (kept for old rows, exports and the
API) and, since codes exist, as a code with its numbers. These filters say the coded ones
through gettext, so the Today, Reorders and buyer pages speak Korean or English; rows without
a code show their stored text as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


def _followup_text(kind: str) -> str | None:
    # Literal msgids (makemessages finds them); the same texts as domain.followups.REASONS.
    texts = {
        "post_delivery_checkin": _("Order %(number)s was delivered %(days)s days before."),
        "review_request": _("Order %(number)s was delivered and has no review yet."),
        "reorder_due": _("The next order is expected around %(date)s."),
        "dormant": _("No contact for %(days)s days (grade %(grade)s)."),
        "sample_followup": _("A sample was delivered %(days)s days before and no order followed."),
        "new_product_alert": _(
            "New product %(product)s in %(category)s, a category this buyer bought or asked about."
        ),
    }
    return texts.get(kind)


def followup_reason_text(kind: str, params: Mapping[str, Any], fallback: str) -> str:
    """The rule's reason in the active language, or ``fallback`` when it cannot be said."""
    text = _followup_text(kind)
    if text is None or not params:
        return fallback
    try:
        return text % dict(params)
    except (KeyError, TypeError, ValueError):
        return fallback


@register.filter
def followup_reason(followup: Any) -> str:
    """A follow-up's reason in the UI language (a dismissal reason is the user's own words)."""
    stored = str(getattr(followup, "reason", "") or "")
    if getattr(followup, "status", "") == "dismissed":
        return stored
    try:
        origin = followup.origin
    except (AttributeError, ObjectDoesNotExist):
        return stored
    return followup_reason_text(followup.kind, origin.reason_params or {}, stored)


def _problem_text(code: Mapping[str, Any]) -> str | None:
    problem = code.get("problem")
    texts: dict[str, Callable[[], str]] = {
        "no_buyers": lambda: _("There are no buyers"),
        "few_buyers": lambda: (
            ngettext(
                "Only %(buyers)s buyer with orders, fewer than the %(needed)s the BG/NBD "
                "model needs",
                "Only %(buyers)s buyers with orders, fewer than the %(needed)s the BG/NBD "
                "model needs",
                int(code["buyers"]),
            )
            % code
        ),
        "single_day": lambda: _(
            "All orders fall on a single day, so there is no history over time to learn from"
        ),
        "few_repeat_buyers": lambda: (
            ngettext(
                "Only %(repeat)s buyer ordered more than once, fewer than the %(needed)s repeat "
                "buyers the BG/NBD model needs",
                "Only %(repeat)s buyers ordered more than once, fewer than the %(needed)s repeat "
                "buyers the BG/NBD model needs",
                int(code["repeat"]),
            )
            % code
        ),
        "fit_failed": lambda: _("The BG/NBD model could not be fitted to these orders"),
        "not_finite": lambda: _("The BG/NBD prediction for this buyer was not a finite number"),
    }
    make = texts.get(str(problem))
    return make() if make else None


def reorder_reason_text(code: Mapping[str, Any], fallback: str) -> str:
    """A reorder prediction's reason in the active language, or ``fallback``."""
    try:
        method = code.get("code")
        if method == "bgnbd":
            return _(
                "BG/NBD fitted on %(buyers)s buyers (%(repeat)s repeat buyers): r=%(r)s, "
                "α=%(alpha)s, a=%(a)s, b=%(b)s."
            ) % dict(code)
        problem = _problem_text(code)
        if problem is None:
            return fallback
        if method == "own_cycle":
            return _("%(problem)s; using this buyer's own median order cycle of %(days)s days.") % {
                "problem": problem,
                "days": code["days"],
            }
        if method == "insufficient_history":
            return _(
                "%(problem)s; this buyer has ordered on one day only, so there is no order "
                "cycle to measure."
            ) % {"problem": problem}
    except (KeyError, TypeError, ValueError):
        return fallback
    return fallback


@register.filter
def reorder_reason(prediction: Any) -> str:
    """A ReorderPrediction's reason in the UI language (old rows: the stored English text)."""
    stored = str(getattr(prediction, "reason", "") or "")
    code = getattr(prediction, "reason_code", None)
    if not code or not isinstance(code, Mapping):
        return stored
    return reorder_reason_text(code, stored)
