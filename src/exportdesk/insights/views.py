"""The dashboard."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from exportdesk.insights.selectors import dashboard_summary


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Headline numbers and where to go next."""
    return render(request, "insights/dashboard.html", {"summary": dashboard_summary(request.user)})
