"""The Patterns page: recurring buyer requests per month, country and grade."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from exportdesk.inbox.knowledge_services import can_edit_knowledge
from exportdesk.insights.patterns import message_patterns

MONTH_CHOICES = (3, 6, 12)


@login_required
def patterns_view(request: HttpRequest) -> HttpResponse:
    """Intents over time, shares by country and grade, examples and uncovered questions."""
    try:
        months = int(request.GET.get("months", 6))
    except ValueError:
        months = 6
    if months not in MONTH_CHOICES:
        months = 6
    patterns = message_patterns(request.user, months=months)
    return render(
        request,
        "insights/patterns.html",
        {
            "patterns": patterns,
            "chart": patterns.chart_data(),
            "months": months,
            "month_choices": MONTH_CHOICES,
            "can_edit_knowledge": can_edit_knowledge(request.user),
        },
    )
