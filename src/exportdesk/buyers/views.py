"""Buyer screens: the list (with HTMX filtering), the buyer page and the forms."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.accounts.roles import Role, user_role
from exportdesk.buyers.forms import BuyerForm, GradeLockForm, TagForm
from exportdesk.buyers.models import BusinessType, Buyer, Channel, CompanySize, PlatformLevel
from exportdesk.buyers.selectors import (
    BuyerListQuery,
    buyer_list,
    buyer_profile,
    buyers_visible_to,
    workload_overview,
)
from exportdesk.buyers.services import (
    buyer_grade_lock,
    buyer_grade_unlock,
    buyer_register,
    buyer_tag_add,
    buyer_tag_remove,
    buyer_update,
    buyers_allocate_unassigned,
)
from exportdesk.domain.grading import grade_letter

# Who may lock a grade by hand, and who may run the allocation for everybody.
GRADE_LOCK_ROLES = frozenset({Role.OWNER, Role.MANAGER, Role.SENIOR_REP})
ALLOCATE_ROLES = frozenset({Role.OWNER, Role.MANAGER})


@login_required
def buyer_list_view(request: HttpRequest) -> HttpResponse:
    """The buyers list; an HTMX request gets only the results table."""
    result = buyer_list(request.user, BuyerListQuery.from_params(request.GET))
    context = {
        "result": result,
        "grades": ["A", "B", "C"],
        "levels": PlatformLevel.values,
        "channels": Channel.choices,
        "locked_choices": [("1", _("Locked grade")), ("0", _("Rubric grade"))],
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
            **_grade_card_context(request, profile.buyer),
        },
    )


def _workspace(request: HttpRequest) -> WorkspaceSettings:
    return getattr(request, "workspace", None) or WorkspaceSettings.current()


def _grade_card_context(
    request: HttpRequest, buyer: Buyer, lock_form: GradeLockForm | None = None
) -> dict[str, object]:
    """What the "Why this grade" card needs besides the buyer."""
    workspace = _workspace(request)
    return {
        "can_lock": user_role(request.user) in GRADE_LOCK_ROLES,
        "lock_form": lock_form or GradeLockForm(initial={"grade": buyer.grade}),
        # With a locked letter, what the rubric alone says.
        "rubric_grade": grade_letter(
            buyer.grade_score, workspace.grade_a_threshold, workspace.grade_b_threshold
        ),
        "win_history": (buyer.win_factors or {}).get("history"),
        "win_top": (buyer.win_factors or {}).get("factors", []),
        "win_outcome": (buyer.win_factors or {}).get("outcome", ""),
    }


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


def _grade_card_response(
    request: HttpRequest, buyer: Buyer, lock_form: GradeLockForm | None = None
) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "buyers/_grade_card.html",
            {
                "buyer": buyer,
                # The page header's badge and the tags (grade:X) follow out of band.
                "oob": True,
                "tag_form": TagForm(),
                "can_edit": request.user.has_perm("buyers.change_buyer"),
                **_grade_card_context(request, buyer, lock_form),
            },
        )
    if lock_form is not None and lock_form.errors:
        for errors in lock_form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("buyers:detail", buyer_id=buyer.pk)


@login_required
@require_POST
def buyer_grade_lock_view(request: HttpRequest, buyer_id: int) -> HttpResponse:
    """Lock the grade with a reason (owners, managers and senior reps; HTMX: the grade card)."""
    if user_role(request.user) not in GRADE_LOCK_ROLES:
        raise PermissionDenied
    buyer = _visible_buyer_or_404(request, buyer_id)
    form = GradeLockForm(request.POST)
    if form.is_valid():
        try:
            buyer_grade_lock(
                buyer=buyer,
                actor=request.user,
                grade=form.cleaned_data["grade"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
        else:
            if not request.htmx:  # type: ignore[attr-defined]
                messages.success(request, _("Grade locked at %(grade)s.") % {"grade": buyer.grade})
            return _grade_card_response(request, buyer)
    return _grade_card_response(request, buyer, form)


@login_required
@require_POST
def buyer_grade_unlock_view(request: HttpRequest, buyer_id: int) -> HttpResponse:
    """Hand the grade back to the rubric (HTMX: the grade card)."""
    if user_role(request.user) not in GRADE_LOCK_ROLES:
        raise PermissionDenied
    buyer = _visible_buyer_or_404(request, buyer_id)
    buyer_grade_unlock(buyer=buyer, actor=request.user)
    if not request.htmx:  # type: ignore[attr-defined]
        messages.success(
            request, _("Grade unlocked: the rubric gives %(grade)s.") % {"grade": buyer.grade}
        )
    return _grade_card_response(request, buyer)


@login_required
def workload_view(request: HttpRequest) -> HttpResponse:
    """Each rep's buyers by grade against capacity, and the unassigned queue."""
    workspace = _workspace(request)
    return render(
        request,
        "buyers/workload.html",
        {
            "workload": workload_overview(workspace),
            "workspace_settings": workspace,
            "can_allocate": user_role(request.user) in ALLOCATE_ROLES,
        },
    )


@login_required
@require_POST
def workload_allocate_view(request: HttpRequest) -> HttpResponse:
    """Allocate the unassigned buyers (owners and managers)."""
    if user_role(request.user) not in ALLOCATE_ROLES:
        raise PermissionDenied
    report = buyers_allocate_unassigned(actor=request.user)
    if report.assigned:
        messages.success(
            request,
            ngettext(
                "%(count)d buyer assigned.",
                "%(count)d buyers assigned.",
                report.assigned,
            )
            % {"count": report.assigned},
        )
    else:
        messages.info(request, _("No buyer could be assigned: nobody has spare capacity."))
    if report.left_unassigned:
        messages.warning(
            request,
            ngettext(
                "%(count)d buyer stays unassigned: no rep with spare capacity for its grade.",
                "%(count)d buyers stay unassigned: no rep with spare capacity for their grade.",
                report.left_unassigned,
            )
            % {"count": report.left_unassigned},
        )
    return redirect("buyers:workload")
