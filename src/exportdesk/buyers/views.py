"""Buyer screens: the list (with HTMX filtering), the buyer page and the forms."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exportdesk.buyers.forms import BuyerForm, TagForm
from exportdesk.buyers.models import BusinessType, Channel, CompanySize, PlatformLevel
from exportdesk.buyers.selectors import BuyerListQuery, buyer_list, buyer_profile, buyers_visible_to
from exportdesk.buyers.services import buyer_register, buyer_tag_add, buyer_tag_remove, buyer_update


@login_required
def buyer_list_view(request: HttpRequest) -> HttpResponse:
    """The buyers list; an HTMX request gets only the results table."""
    result = buyer_list(request.user, BuyerListQuery.from_params(request.GET))
    context = {
        "result": result,
        "grades": ["A", "B", "C"],
        "levels": PlatformLevel.values,
        "channels": Channel.choices,
        "can_add": request.user.has_perm("buyers.add_buyer"),
    }
    template = "buyers/_results.html" if request.htmx else "buyers/list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def buyer_detail_view(request: HttpRequest, buyer_id: int) -> HttpResponse:
    """The buyer page: profile, grade and reasons, tags, orders, conversations, timeline."""
    profile = buyer_profile(request.user, buyer_id)
    return render(
        request,
        "buyers/detail.html",
        {
            "profile": profile,
            "buyer": profile.buyer,
            "tag_form": TagForm(),
            "can_edit": request.user.has_perm("buyers.change_buyer"),
            "size_labels": dict(CompanySize.choices),
            "type_labels": dict(BusinessType.choices),
        },
    )


@login_required
@permission_required("buyers.add_buyer", raise_exception=True)
def buyer_create_view(request: HttpRequest) -> HttpResponse:
    """Register a buyer by hand."""
    form = BuyerForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            data = form.service_changes()
            buyer = buyer_register(
                actor=request.user,
                company=data.pop("company"),
                country=data.pop("country"),
                **data,
            )
            messages.success(
                request, _("Buyer registered with grade %(grade)s.") % {"grade": buyer.grade}
            )
            return redirect("buyers:detail", buyer_id=buyer.pk)
        messages.error(request, _("Please correct the errors below. Nothing was saved."))
    return render(request, "buyers/form.html", {"form": form, "buyer": None})


@login_required
@permission_required("buyers.change_buyer", raise_exception=True)
def buyer_edit_view(request: HttpRequest, buyer_id: int) -> HttpResponse:
    """Edit a buyer's profile."""
    buyer = _visible_buyer_or_404(request, buyer_id)
    # A copy: validating a ModelForm writes the new values into its instance, and buyer_update
    # must still see the old ones to save and record the changes.
    form = BuyerForm(request.POST or None, instance=copy.copy(buyer), user=request.user)
    if request.method == "POST":
        if form.is_valid():
            buyer_update(buyer=buyer, actor=request.user, changes=form.service_changes())
            messages.success(request, _("Buyer saved."))
            return redirect("buyers:detail", buyer_id=buyer.pk)
        messages.error(request, _("Please correct the errors below. Nothing was saved."))
    return render(request, "buyers/form.html", {"form": form, "buyer": buyer})


def _visible_buyer_or_404(request: HttpRequest, buyer_id: int):  # type: ignore[no-untyped-def]
    from django.shortcuts import get_object_or_404

    return get_object_or_404(buyers_visible_to(request.user), pk=buyer_id)


@login_required
@require_POST
def buyer_tag_add_view(request: HttpRequest, buyer_id: int) -> HttpResponse:
    """Add a user tag (HTMX: returns the tag list)."""
    if not request.user.has_perm("buyers.change_buyer"):
        raise PermissionDenied
    buyer = _visible_buyer_or_404(request, buyer_id)
    form = TagForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            buyer_tag_add(buyer=buyer, actor=request.user, name=form.cleaned_data["name"])
        except ValidationError:
            error = _("System tags are kept automatically and cannot be added by hand.")
    else:
        error = _("Enter a tag name of at most 60 characters.")
    return _tags_response(request, buyer, error)


@login_required
@require_POST
def buyer_tag_remove_view(request: HttpRequest, buyer_id: int) -> HttpResponse:
    """Remove a user tag (HTMX: returns the tag list)."""
    if not request.user.has_perm("buyers.change_buyer"):
        raise PermissionDenied
    buyer = _visible_buyer_or_404(request, buyer_id)
    error = ""
    try:
        buyer_tag_remove(buyer=buyer, actor=request.user, name=request.POST.get("name", ""))
    except ValidationError:
        error = _("System tags are kept automatically and cannot be removed by hand.")
    return _tags_response(request, buyer, error)


def _tags_response(request: HttpRequest, buyer, error: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "buyers/_tags.html",
            {"buyer": buyer, "tag_form": TagForm(), "tag_error": error, "can_edit": True},
        )
    if error:
        messages.error(request, error)
    return redirect("buyers:detail", buyer_id=buyer.pk)
