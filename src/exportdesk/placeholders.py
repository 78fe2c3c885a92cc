"""Pages of the navigation that later issues build: each says plainly what is coming."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

SECTIONS = {
    "inbox": (
        _("Inbox"),
        _(
            "The SLA queue of conversations awaiting your reply, with countdowns to the 4-hour "
            "line, response KPIs and a composer with templates and drafts."
        ),
    ),
    "orders": (
        _("Orders"),
        _("Orders with lines, statuses from quote to delivery, and CSV/XLSX import and export."),
    ),
    "samples": (
        _("Samples"),
        _(
            "Sample requests priced by your policy (A free, B half, C paid by the buyer) and "
            "their conversion to orders."
        ),
    ),
    "projects": (
        _("Projects"),
        _(
            "OEM and private-label projects with checklists, updates and a read-only progress "
            "page you can share with the buyer."
        ),
    ),
    "catalog": (
        _("Catalog"),
        _("Your products with MOQ, price tiers, lead times and a listing weight audit."),
    ),
    "knowledge": (
        _("Knowledge"),
        _(
            "The answers the assistant may give: shipping, authenticity, MOQ, samples, payment, "
            "in Korean, English and more."
        ),
    ),
}


@login_required
def coming_soon(request: HttpRequest, section: str) -> HttpResponse:
    """A clear 'not built yet' page for a section of the navigation."""
    title, description = SECTIONS[section]
    return render(
        request,
        "coming_soon.html",
        {"section": section, "title": title, "description": description},
    )
