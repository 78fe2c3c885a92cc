"""Order, sample, reorder and follow-up screens.

Orders: the list with filters and the reviews strip, the create form with lines, the order page
with status buttons and the review form. Samples: the list with conversion KPIs, the request
form, the sample page and its actions. Reorders: buyers due and at risk. Today: the rep's due
follow-ups with done / snooze / dismiss. ``buyer_orders_panel_view`` is an HTMX fragment for the
buyer page (orders, growth, prediction)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.buyers.models import Buyer
from exportdesk.domain import samples as rules
from exportdesk.orders.followup_services import followup_dismiss, followup_done, followup_snooze
from exportdesk.orders.forms import (
    FollowUpDismissForm,
    FollowUpSnoozeForm,
    OrderForm,
    OrderLineFormSet,
    ReviewForm,
    SampleConvertForm,
    SampleLostForm,
    SampleRequestForm,
    order_lines_from,
)
from exportdesk.orders.models import Order, Sample
from exportdesk.orders.selectors import (
    TODAY_ROWS,
    OrderListQuery,
    SampleListQuery,
    buyer_order_stats,
    buyer_reorder_prediction,
    followups_today,
    order_detail,
    order_list,
    orders_visible_to,
    reorder_board,
    sample_detail,
    sample_list,
    visible_buyer_or_404,
    visible_followup_or_404,
    visible_order_or_404,
    visible_sample_or_404,
)
from exportdesk.orders.services import (
    order_can_move,
    order_create,
    order_mark_cancelled,
    order_mark_delivered,
    order_mark_paid,
    order_mark_shipped,
    review_record,
    sample_cancel,
    sample_convert,
    sample_mark_delivered,
    sample_mark_lost,
    sample_mark_sent,
    sample_request,
    workspace_sample_policy,
)

ACTIONS = ("sent", "delivered", "convert", "lost", "cancel")


def _list_context(request: HttpRequest, query: SampleListQuery) -> dict[str, Any]:
    params = query.as_params()
    can_change = request.user.has_perm("orders.change_sample")
    return {
        "result": sample_list(request.user, query, with_convert_choices=can_change),
        "statuses": Sample.Status.choices,
        "grades": rules.GRADES,
        "can_change": can_change,
        "can_add": request.user.has_perm("orders.add_sample"),
        "query_string": f"?{urlencode(params)}" if params else "",
    }


@login_required
@permission_required("orders.view_sample", raise_exception=True)
def sample_list_view(request: HttpRequest) -> HttpResponse:
    """The samples list with the conversion strip; an HTMX request gets only the results."""
    context = _list_context(request, SampleListQuery.from_params(request.GET))
    template = "orders/_sample_results.html" if request.htmx else "orders/samples.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _split_context(buyer: Buyer, form: SampleRequestForm | None) -> dict[str, Any]:
    """The policy line for the buyer's grade and, when the amounts are valid, the split."""
    policy = workspace_sample_policy()
    context: dict[str, Any] = {
        "buyer": buyer,
        "seller_pct": policy.seller_pct(buyer.grade),
        "policy": policy.as_snapshot(),
        "split": None,
    }
    if form is not None and form.is_valid():
        data = form.cleaned_data
        context["split"] = rules.split_sample_cost(
            data["cost_minor"], data["courier_cost_minor"], buyer.grade, policy
        )
        context["currency"] = data["currency"]
    return context


@login_required
@permission_required("orders.add_sample", raise_exception=True)
def sample_request_view(request: HttpRequest) -> HttpResponse:
    """Request a sample for ``?buyer=<id>``: products, costs, and the split by the buyer's grade."""
    if not request.GET.get("buyer"):
        return render(request, "orders/sample_request.html", {"buyer": None})
    buyer = visible_buyer_or_404(request.user, request.GET["buyer"])
    workspace: WorkspaceSettings = request.workspace  # type: ignore[attr-defined]
    form = SampleRequestForm(request.POST or None, initial={"currency": workspace.currency})
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                sample = sample_request(
                    buyer=buyer,
                    actor=request.user,  # type: ignore[arg-type]
                    products=data["products"],
                    cost_minor=data["cost_minor"],
                    courier_cost_minor=data["courier_cost_minor"],
                    currency=data["currency"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Sample requested for %(company)s: you pay %(pct)d %%.")
                    % {"company": buyer.company, "pct": sample.seller_share_pct},
                )
                return redirect("buyers:detail", buyer_id=buyer.pk)
        messages.error(request, _("Please correct the errors below. Nothing was saved."))
    context = {"form": form, **_split_context(buyer, form if form.is_bound else None)}
    return render(request, "orders/sample_request.html", context)


@login_required
@permission_required("orders.add_sample", raise_exception=True)
@require_GET
def sample_split_preview_view(request: HttpRequest) -> HttpResponse:
    """HTMX: who pays what for the amounts typed so far (nothing is saved)."""
    buyer = visible_buyer_or_404(request.user, request.GET.get("buyer"))
    form = SampleRequestForm(request.GET)
    return render(request, "orders/_split_preview.html", _split_context(buyer, form))


@login_required
@permission_required("orders.view_sample", raise_exception=True)
def sample_detail_view(request: HttpRequest, sample_id: int) -> HttpResponse:
    """One sample: costs and split, the policy it was priced with, its dates and actions."""
    sample = sample_detail(request.user, sample_id)
    return render(
        request,
        "orders/sample_detail.html",
        {"sample": sample, "can_change": request.user.has_perm("orders.change_sample")},
    )


def _apply(request: HttpRequest, sample: Sample, action: str) -> str:
    """Run one action's service; return the success message or raise ValidationError."""
    actor = request.user
    if action == "sent":
        sample_mark_sent(sample=sample, actor=actor)  # type: ignore[arg-type]
        return _("Sample marked sent.")
    if action == "delivered":
        sample_mark_delivered(sample=sample, actor=actor)  # type: ignore[arg-type]
        return _("Sample marked delivered.")
    if action == "cancel":
        sample_cancel(sample=sample, actor=actor)  # type: ignore[arg-type]
        return _("Sample request cancelled.")
    if action == "lost":
        lost_form = SampleLostForm(request.POST)
        if not lost_form.is_valid():
            raise ValidationError(_("Say why the sample was lost (at most 200 characters)."))
        sample_mark_lost(sample=sample, actor=actor, reason=lost_form.cleaned_data["reason"])  # type: ignore[arg-type]
        return _("Sample marked lost.")
    convert_form = SampleConvertForm(request.POST, sample=sample)
    if not convert_form.is_valid():
        raise ValidationError(_("Choose one of this buyer's orders."))
    order = convert_form.cleaned_data["order"]
    sample_convert(sample=sample, actor=actor, order=order)  # type: ignore[arg-type]
    return _("Sample converted to order %(number)s.") % {"number": order.number}


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("orders:samples")


@login_required
@require_POST
def sample_action_view(request: HttpRequest, sample_id: int, action: str) -> HttpResponse:
    """Move a sample on. HTMX gets the refreshed results (KPIs included); a form post redirects."""
    if action not in ACTIONS:
        raise Http404("No such action")
    if not request.user.has_perm("orders.change_sample"):
        raise PermissionDenied
    sample = visible_sample_or_404(request.user, sample_id)
    notice, error = "", ""
    try:
        notice = _apply(request, sample, action)
    except ValidationError as problem:
        error = " ".join(problem.messages)
    if request.htmx:  # type: ignore[attr-defined]
        context = _list_context(request, SampleListQuery.from_params(request.GET))
        context.update(notice=notice, error=error)
        return render(request, "orders/_sample_results.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, notice)
    return redirect(_safe_next(request))


# --- orders -------------------------------------------------------------------------------------

ORDER_ACTIONS = {
    "paid": (order_mark_paid, Order.Status.PAID),
    "shipped": (order_mark_shipped, Order.Status.SHIPPED),
    "delivered": (order_mark_delivered, Order.Status.DELIVERED),
    "cancel": (order_mark_cancelled, Order.Status.CANCELLED),
}


@login_required
@permission_required("orders.view_order", raise_exception=True)
def order_list_view(request: HttpRequest) -> HttpResponse:
    """Orders with filters (status, channel, buyer) and the reviews strip; HTMX gets results."""
    query = OrderListQuery.from_params(request.GET)
    params = query.as_params()
    context = {
        "result": order_list(request.user, query),
        "statuses": Order.Status.choices,
        "channels": Order.Channel.choices,
        "can_add": request.user.has_perm("orders.add_order"),
        "query_string": f"?{urlencode(params)}" if params else "",
    }
    template = "orders/_order_results.html" if request.htmx else "orders/orders.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@permission_required("orders.add_order", raise_exception=True)
def order_create_view(request: HttpRequest) -> HttpResponse:
    """Record a quoted order with lines for ``?buyer=<id>``."""
    if not request.GET.get("buyer"):
        return render(request, "orders/order_form.html", {"buyer": None})
    buyer = visible_buyer_or_404(request.user, request.GET["buyer"])
    workspace: WorkspaceSettings = request.workspace  # type: ignore[attr-defined]
    data = request.POST if request.method == "POST" else None
    form = OrderForm(data, initial={"currency": workspace.currency})
    lines = OrderLineFormSet(data, prefix="lines")
    if request.method == "POST":
        if form.is_valid() and lines.is_valid():
            line_data = order_lines_from(lines, form.cleaned_data["currency"])
            if line_data is not None and not line_data:
                form.add_error(None, _("An order needs at least one line."))
            elif line_data is not None:
                try:
                    order = order_create(
                        buyer=buyer,
                        actor=request.user,  # type: ignore[arg-type]
                        number=form.cleaned_data["number"],
                        channel=form.cleaned_data["channel"],
                        currency=form.cleaned_data["currency"],
                        lines=line_data,
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(
                        request, _("Order %(number)s recorded.") % {"number": order.number}
                    )
                    return redirect("orders:detail", order_id=order.pk)
        messages.error(request, _("Please correct the errors below. Nothing was saved."))
    return render(request, "orders/order_form.html", {"buyer": buyer, "form": form, "lines": lines})


@login_required
@permission_required("orders.view_order", raise_exception=True)
def order_detail_view(request: HttpRequest, order_id: int) -> HttpResponse:
    """One order: lines, dates, status buttons, reviews and the review form."""
    order = order_detail(request.user, order_id)
    can_change = request.user.has_perm("orders.change_order")
    actions = [
        (name, Order.Status(status).label)
        for name, (_service, status) in ORDER_ACTIONS.items()
        if can_change and order_can_move(order.status, status)
    ]
    return render(
        request,
        "orders/order_detail.html",
        {
            "order": order,
            "actions": actions,
            "review_form": ReviewForm() if request.user.has_perm("orders.add_review") else None,
        },
    )


@login_required
@require_POST
def order_action_view(request: HttpRequest, order_id: int, action: str) -> HttpResponse:
    """Move an order on (paid, shipped, delivered, cancel) and go back to its page."""
    if action not in ORDER_ACTIONS:
        raise Http404("No such action")
    if not request.user.has_perm("orders.change_order"):
        raise PermissionDenied
    order = visible_order_or_404(request.user, order_id)
    service, status = ORDER_ACTIONS[action]
    try:
        service(order=order, actor=request.user)  # type: ignore[arg-type]
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(
            request,
            _("Order %(number)s marked “%(status)s”.")
            % {"number": order.number, "status": Order.Status(status).label},
        )
    return redirect("orders:detail", order_id=order.pk)


@login_required
@permission_required("orders.add_review", raise_exception=True)
@require_POST
def review_create_view(request: HttpRequest, order_id: int) -> HttpResponse:
    """Record the buyer's review of this order."""
    order = visible_order_or_404(request.user, order_id)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a rating from 1 to 5."))
        return redirect("orders:detail", order_id=order.pk)
    try:
        review_record(
            buyer=order.buyer,
            order=order,
            rating=form.cleaned_data["rating"],
            text=form.cleaned_data["text"],
            actor=request.user,  # type: ignore[arg-type]
        )
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(request, _("Review recorded."))
    return redirect("orders:detail", order_id=order.pk)


@login_required
@permission_required("orders.view_order", raise_exception=True)
def buyer_orders_panel_view(request: HttpRequest, buyer_id: int) -> HttpResponse:
    """HTMX fragment for the buyer page: order stats, growth, reorder prediction, last orders."""
    buyer = visible_buyer_or_404(request.user, buyer_id)
    recent = list(
        orders_visible_to(request.user)
        .filter(buyer=buyer)
        .order_by(F("quoted_at").desc(nulls_last=True), "-id")[:5]
    )
    return render(
        request,
        "orders/_buyer_panel.html",
        {
            "buyer": buyer,
            "stats": buyer_order_stats(buyer.pk),
            "prediction": buyer_reorder_prediction(buyer.pk),
            "recent_orders": recent,
            "can_add": request.user.has_perm("orders.add_order"),
        },
    )


# --- reorders and the Today page ----------------------------------------------------------------


@login_required
@permission_required("orders.view_reorderprediction", raise_exception=True)
def reorders_view(request: HttpRequest) -> HttpResponse:
    """Buyers due to reorder within 14 days (or overdue) and high-value buyers at risk."""
    return render(request, "orders/reorders.html", {"board": reorder_board(request.user)})


@login_required
@permission_required("buyers.view_followup", raise_exception=True)
def today_view(request: HttpRequest) -> HttpResponse:
    """The rep's follow-ups due today, A buyers first."""
    return render(
        request,
        "orders/today.html",
        {
            "followups": followups_today(request.user),
            "limit": TODAY_ROWS,
            "can_change": request.user.has_perm("buyers.change_followup"),
        },
    )


FOLLOWUP_ACTIONS = ("done", "snooze", "dismiss")


@login_required
@require_POST
def followup_action_view(request: HttpRequest, followup_id: int, action: str) -> HttpResponse:
    """Done, snooze (days) or dismiss (reason). HTMX gets the row's closed state."""
    if action not in FOLLOWUP_ACTIONS:
        raise Http404("No such action")
    if not request.user.has_perm("buyers.change_followup"):
        raise PermissionDenied
    followup = visible_followup_or_404(request.user, followup_id)
    actor: Any = request.user
    notice, error = "", ""
    try:
        if action == "done":
            followup_done(followup=followup, actor=actor)
            notice = _("Done. Nice work.")
        elif action == "snooze":
            snooze = FollowUpSnoozeForm(request.POST)
            if not snooze.is_valid():
                raise ValidationError(_("Snooze for 1, 3 or 7 days."))
            days = snooze.cleaned_data["days"]
            followup_snooze(followup=followup, actor=actor, days=days)
            notice = _("Snoozed for %(days)d days.") % {"days": days}
        else:
            dismiss = FollowUpDismissForm(request.POST)
            if not dismiss.is_valid():
                raise ValidationError(_("Say why you dismiss this follow-up."))
            followup_dismiss(followup=followup, actor=actor, reason=dismiss.cleaned_data["reason"])
            notice = _("Dismissed.")
    except ValidationError as problem:
        error = " ".join(problem.messages)
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "orders/_followup_row.html",
            {"f": followup, "notice": notice, "error": error, "can_change": True},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, notice)
    return redirect("orders:today")
