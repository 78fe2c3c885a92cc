"""Import screens (upload → mapping → check and preview → import) and the export downloads."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exportdesk.accounts.roles import Role, user_role
from exportdesk.buyers.selectors import buyers_visible_to
from exportdesk.imports import exports, services
from exportdesk.imports.forms import ConfirmForm, MappingForm, UploadForm
from exportdesk.imports.mapping import labels_for
from exportdesk.imports.models import ImportJob
from exportdesk.imports.parsing import format_size, max_upload_bytes
from exportdesk.imports.sources import PERMISSIONS
from exportdesk.orders.models import Order

RECENT_JOBS = 20
# Roles that see every import, not just their own.
SUPERVISORS = frozenset({Role.OWNER, Role.MANAGER})


def _kinds_for(request: HttpRequest) -> list[str]:
    """The kinds of data the user may import (viewers: none)."""
    return [kind for kind, perm in PERMISSIONS.items() if request.user.has_perm(perm)]


def _job_for(request: HttpRequest, job_id: int, *, full: bool = False) -> ImportJob:
    """The user's own job (owners and managers: any job); 404 otherwise.

    The problems list can be large (one entry per rejected row), so it is loaded only when
    ``full`` is asked for (the rejection report).
    """
    queryset = ImportJob.objects.select_related("created_by")
    if not full:
        queryset = queryset.defer("errors")
    job = queryset.filter(pk=job_id).first()
    if job is None:
        raise Http404("No such import")
    if job.created_by_id != request.user.pk and user_role(request.user) not in SUPERVISORS:
        raise Http404("No such import")
    if not request.user.has_perm(PERMISSIONS[job.kind]):
        raise PermissionDenied
    return job


@login_required
def import_index(request: HttpRequest) -> HttpResponse:
    """Upload a file; recent imports; export links."""
    kinds = _kinds_for(request)
    if not kinds:
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_create(
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                actor=cast(Any, request.user),
                language=getattr(request, "LANGUAGE_CODE", ""),
            )
        except services.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("imports:mapping", job_id=job.pk)
    jobs = ImportJob.objects.defer("errors", "preview").select_related("created_by")
    if user_role(request.user) not in SUPERVISORS:
        jobs = jobs.filter(created_by=cast(Any, request.user))
    return render(
        request,
        "imports/index.html",
        {
            "form": form,
            "jobs": list(jobs.filter(kind__in=kinds)[:RECENT_JOBS]),
            "can_export_buyers": request.user.has_perm("buyers.view_buyer"),
            "can_export_orders": request.user.has_perm("orders.view_order"),
            "max_size": format_size(max_upload_bytes()),
        },
    )


@login_required
def import_mapping(request: HttpRequest, job_id: int) -> HttpResponse:
    """Choose which column fills which field (pre-filled from the headers)."""
    job = _job_for(request, job_id)
    if job.is_active or job.status in (ImportJob.Status.DONE, ImportJob.Status.CANCELLED):
        return redirect("imports:job", job_id=job.pk)
    form = MappingForm(request.POST or None, job=job)
    if request.method == "POST" and form.is_valid():
        try:
            services.import_job_set_mapping(job=job, mapping=form.cleaned_data["mapping"])
        except services.MappingError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("imports:job", job_id=job.pk)
    return render(request, "imports/mapping.html", {"job": job, "form": form})


def _job_context(job: ImportJob) -> dict[str, object]:
    labels = labels_for(job.kind)
    preview = job.preview or {}
    return {
        "job": job,
        "counts": job.counts or {},
        "preview": preview,
        "columns": [(key, labels.get(key, key)) for key in preview.get("columns", [])],
        "confirm_form": ConfirmForm(),
    }


@login_required
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job: progress while it runs, the check's preview, or the result."""
    job = _job_for(request, job_id)
    return render(request, "imports/job.html", _job_context(job))


@login_required
def import_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress bar, polled by HTMX; reloads the page when the job is done."""
    job = _job_for(request, job_id)
    response = render(request, "imports/_progress.html", {"job": job})
    if not job.is_active:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def import_confirm(request: HttpRequest, job_id: int) -> HttpResponse:
    """Start the import of a checked file."""
    job = _job_for(request, job_id)
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        services.import_job_confirm(job=job, valid_only=bool(form.cleaned_data.get("valid_only")))
    except services.ImportRejectedError as exc:
        messages.error(request, str(exc))
    return redirect("imports:job", job_id=job.pk)


@login_required
@require_POST
def import_cancel(request: HttpRequest, job_id: int) -> HttpResponse:
    """Drop an import that has not run."""
    job = _job_for(request, job_id)
    try:
        services.import_job_cancel(job=job)
    except services.ImportRejectedError as exc:
        messages.error(request, str(exc))
        return redirect("imports:job", job_id=job.pk)
    messages.info(request, _("The import was cancelled and its file deleted."))
    return redirect("imports:index")


@login_required
def import_rejected_csv(request: HttpRequest, job_id: int) -> HttpResponse:
    """Every rejected row with its column and reason, as CSV."""
    job = _job_for(request, job_id, full=True)
    response = HttpResponse(
        services.rejection_report_csv(job.errors or []), content_type=exports.CONTENT_TYPES["csv"]
    )
    stem = job.original_name.rsplit(".", 1)[0][:80] or "import"
    response["Content-Disposition"] = f'attachment; filename="{stem}-rejected-rows.csv"'
    return response


def _download(data: bytes, kind: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.export_filename(kind, fmt)}"'
    return response


@login_required
def export_buyers(request: HttpRequest, fmt: str) -> HttpResponse:
    """The buyers the user may see, as CSV or XLSX."""
    if fmt not in exports.FORMATS:
        raise Http404("Unknown format")
    if not request.user.has_perm("buyers.view_buyer"):
        raise PermissionDenied
    return _download(exports.export_buyers(buyers_visible_to(request.user), fmt), "buyers", fmt)


@login_required
def export_orders(request: HttpRequest, fmt: str) -> HttpResponse:
    """The orders of the buyers the user may see (one row per line), as CSV or XLSX."""
    if fmt not in exports.FORMATS:
        raise Http404("Unknown format")
    if not request.user.has_perm("orders.view_order"):
        raise PermissionDenied
    orders = Order.objects.filter(buyer__in=buyers_visible_to(request.user))
    return _download(exports.export_orders(orders, fmt), "orders", fmt)
