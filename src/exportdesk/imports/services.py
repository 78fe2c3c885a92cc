"""The write path of imports: jobs from upload to result, and the command line's one-shot import.

Web imports keep the uploaded file in MEDIA_ROOT/imports/ with an ``ImportJob`` and run the check
and the import as background tasks (``tasks.py``) that report progress on the job. Both steps
read the whole file again, so the import always decides against the database as it is then.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from exportdesk.imports.bulk import bulk_mode
from exportdesk.imports.exports import write_csv
from exportdesk.imports.mapping import MappingError, auto_map, check_mapping, resolve_mapping
from exportdesk.imports.models import ImportJob
from exportdesk.imports.parsing import (
    ACCEPTED_EXTENSIONS,
    ImportFileError,
    Table,
    check_size,
    read_table,
)
from exportdesk.imports.sources import PLANNERS
from exportdesk.imports.sources.base import ImportContext, ImportRejectedError, Plan

logger = logging.getLogger(__name__)

SAMPLE_ROWS = 3
ProgressFn = Callable[[float, str], None]

__all__ = [
    "ImportFileError",
    "ImportRejectedError",
    "MappingError",
    "import_file",
    "import_job_cancel",
    "import_job_confirm",
    "import_job_create",
    "import_job_run",
    "import_job_set_mapping",
    "import_job_validate",
    "import_plan",
    "rejection_report_csv",
]


def import_plan(
    *,
    kind: str,
    table: Table,
    mapping: dict[str, int],
    file_name: str,
    actor: AbstractBaseUser | None = None,
    job_id: int | None = None,
    progress: ProgressFn | None = None,
) -> Plan:
    """Check every row and decide what the import would write (read-only: the dry run)."""
    if kind not in PLANNERS:
        raise MappingError(_("Unknown import kind: %(kind)s") % {"kind": kind})
    check_mapping(mapping, kind, table.headers)
    ctx = ImportContext(
        kind=kind, file_name=file_name, actor=actor, job_id=job_id, progress=progress
    )
    with bulk_mode():
        return PLANNERS[kind](table, mapping, ctx)


def rejection_report_csv(problems: list[dict[str, Any]]) -> bytes:
    """Every rejected row as CSV (row, column, value, reason), UTF-8 with BOM."""
    headers = [_("Row"), _("Column"), _("Value"), _("Reason")]
    return write_csv(
        headers,
        ([p["row"], p["column"], p["value"], p["reason"]] for p in problems),
    )


# --- command line -----------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    """What a one-shot import found and did."""

    plan: Plan
    table: Table
    mapping: dict[str, int]
    result: dict[str, int] | None = None
    job: ImportJob | None = None

    @property
    def imported(self) -> bool:
        """Whether anything was written."""
        return self.result is not None


def import_file(
    *,
    kind: str,
    path: str | Path,
    mapping: dict[str, Any] | None = None,
    actor: AbstractBaseUser | None = None,
    dry_run: bool = False,
    valid_only: bool = False,
    progress: ProgressFn | None = None,
) -> ImportOutcome:
    """Import a file in one go (the ``exportdesk import`` command).

    ``mapping`` is ``{field: header name or 1-based column}``; without it the headers are
    detected. A dry run writes nothing at all. A real run also keeps the file and an
    ``ImportJob`` as the record of the import. Raises ``ImportFileError``, ``MappingError``, or
    ``ImportRejectedError`` (problems found and ``valid_only`` not set: nothing written).
    """
    source = Path(path)
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise ImportFileError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc}
        ) from exc
    check_size(size)
    data = source.read_bytes()

    def reading(done: int, total: int) -> None:
        if progress:
            progress(0.3 * done / max(1, total), _("Reading the file"))

    table = read_table(data, source.name, progress=reading)
    resolved = (
        resolve_mapping(mapping, table.headers, kind)
        if mapping is not None
        else auto_map(table.headers, kind)
    )
    plan = import_plan(
        kind=kind,
        table=table,
        mapping=resolved,
        file_name=source.name,
        actor=actor,
        progress=progress,
    )
    outcome = ImportOutcome(plan=plan, table=table, mapping=resolved)
    if dry_run:
        return outcome
    outcome.result = plan.apply(valid_only=valid_only)
    job = ImportJob(
        kind=kind,
        original_name=source.name[:255],
        size_bytes=size,
        sha256=hashlib.sha256(data).hexdigest(),
        file_format=table.file_format,
        encoding=table.encoding,
        headers=table.headers,
        mapping=resolved,
        valid_only=valid_only,
        status=ImportJob.Status.DONE,
        counts={**plan.summary(), **{f"result_{k}": v for k, v in outcome.result.items()}},
        errors=[p.as_dict() for p in plan.sorted_problems()],
        preview=plan.preview(),
        progress=100,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        created_by=cast(Any, actor) if actor is not None and actor.is_authenticated else None,
        validated_at=timezone.now(),
        finished_at=timezone.now(),
    )
    job.file.save(source.name, ContentFile(data), save=False)
    job.save()
    outcome.job = job
    return outcome


# --- web jobs ---------------------------------------------------------------------------------


def _check_name(name: str) -> None:
    if not name.lower().endswith(ACCEPTED_EXTENSIONS):
        if name.lower().endswith(".xls"):
            raise ImportFileError(
                _(
                    "This is an old Excel file (.xls). Open it in Excel and save it as .xlsx "
                    "or CSV, then upload it again."
                )
            )
        raise ImportFileError(
            _("Upload a CSV, TSV, TXT (Unicode text) or XLSX file; %(name)s is none of these.")
            % {"name": name}
        )


def import_job_create(
    *, kind: str, upload: UploadedFile, actor: AbstractBaseUser | None, language: str = ""
) -> ImportJob:
    """Keep the uploaded file, read its header and a few rows, and guess the column mapping.

    Raises ``ImportFileError`` (nothing is kept) when the file is too big or unreadable.
    """
    if kind not in PLANNERS:
        raise ImportFileError(_("Unknown import kind: %(kind)s") % {"kind": kind})
    name = Path(upload.name or "upload").name
    _check_name(name)
    check_size(upload.size or 0)
    data = upload.read()
    head = read_table(data, name, max_rows=SAMPLE_ROWS)
    job = ImportJob(
        kind=kind,
        original_name=name[:255],
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        file_format=head.file_format,
        encoding=head.encoding,
        headers=head.headers,
        mapping=auto_map(head.headers, kind),
        preview={"sample": [row[: len(head.headers)] for row in head.rows]},
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        created_by=cast(Any, actor) if actor is not None and actor.is_authenticated else None,
    )
    job.file.save(name, ContentFile(data), save=False)
    job.save()
    return job


def import_job_set_mapping(*, job: ImportJob, mapping: dict[str, int]) -> ImportJob:
    """Save the user's mapping and start checking the whole file in the background."""
    check_mapping(mapping, job.kind, job.headers)
    if job.is_active or job.status in (ImportJob.Status.DONE, ImportJob.Status.CANCELLED):
        raise MappingError(_("This import can no longer be changed."))
    job.mapping = mapping
    job.status = ImportJob.Status.VALIDATING
    job.progress = 0
    job.progress_note = ""
    job.message = ""
    job.save(update_fields=["mapping", "status", "progress", "progress_note", "message"])
    from exportdesk.imports.tasks import validate_import_job

    result = validate_import_job.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def import_job_confirm(*, job: ImportJob, valid_only: bool) -> ImportJob:
    """Start the import of a checked file in the background.

    Refuses (``ImportRejectedError``) when rows have problems and ``valid_only`` is not set.
    """
    if job.status != ImportJob.Status.READY:
        raise ImportRejectedError(_("This import is not ready to run."))
    if job.has_problems and not valid_only:
        raise ImportRejectedError(
            _(
                "%(rows)s rows have problems. Fix the file and upload it again, or choose "
                "to import the valid rows only."
            )
            % {"rows": job.counts.get("rejected_rows", 0)}
        )
    job.valid_only = valid_only
    job.status = ImportJob.Status.QUEUED
    job.progress = 0
    job.progress_note = ""
    job.save(update_fields=["valid_only", "status", "progress", "progress_note"])
    from exportdesk.imports.tasks import run_import_job

    result = run_import_job.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def import_job_cancel(*, job: ImportJob) -> ImportJob:
    """Drop an import that has not run (its file is deleted)."""
    if job.status in (ImportJob.Status.DONE, ImportJob.Status.RUNNING):
        raise ImportRejectedError(_("This import has already run."))
    job.status = ImportJob.Status.CANCELLED
    job.finished_at = timezone.now()
    if job.file:
        job.file.delete(save=False)
    job.save(update_fields=["status", "finished_at", "file"])
    return job


class _JobProgress:
    """Writes progress to the job row at most every half second (or on a new phase)."""

    def __init__(self, job_id: int, start: int, end: int) -> None:
        self.job_id = job_id
        self.start, self.end = start, end
        self.last_percent = -1
        self.last_note = ""
        self.last_at = 0.0

    def __call__(self, fraction: float, note: str) -> None:
        percent = int(self.start + (self.end - self.start) * fraction)
        now = time.monotonic()
        if note == self.last_note and (percent == self.last_percent or now - self.last_at < 0.5):
            return
        self.last_percent, self.last_note, self.last_at = percent, note, now
        ImportJob.objects.filter(pk=self.job_id).update(
            progress=min(99, percent), progress_note=note[:120]
        )


def _load_table(job: ImportJob, progress: _JobProgress) -> Table:
    with job.file.open("rb") as handle:
        data = handle.read()

    def reading(done: int, total: int) -> None:
        progress(0.3 * done / max(1, total), _("Reading the file"))

    return read_table(data, job.original_name, progress=reading)


def _fail(job_id: int, message: str) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.FAILED, message=message, finished_at=timezone.now()
    )


def import_job_validate(*, job_id: int) -> None:
    """Check the whole file against the database; store counts, problems and the preview."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        progress = _JobProgress(job.pk, 0, 100)
        try:
            table = _load_table(job, progress)
            plan = import_plan(
                kind=job.kind,
                table=table,
                mapping=job.mapping,
                file_name=job.original_name,
                actor=job.created_by,
                job_id=job.pk,
                progress=progress,
            )
        except (ImportFileError, MappingError) as exc:
            _fail(job.pk, str(exc))
            return
        except Exception:
            logger.exception("Checking import job %s failed", job_id)
            _fail(job.pk, _("The file could not be checked because of an unexpected error."))
            return
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.READY,
            counts=plan.summary(),
            errors=[p.as_dict() for p in plan.sorted_problems()],
            preview={**job.preview, **plan.preview()},
            progress=100,
            progress_note="",
            validated_at=timezone.now(),
        )


def import_job_run(*, job_id: int) -> None:
    """Import the file: check it again, then write everything in one transaction."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
        progress = _JobProgress(job.pk, 0, 100)
        try:
            table = _load_table(job, progress)
            plan = import_plan(
                kind=job.kind,
                table=table,
                mapping=job.mapping,
                file_name=job.original_name,
                actor=job.created_by,
                job_id=job.pk,
                progress=progress,
            )
            result = plan.apply(valid_only=job.valid_only)
        except ImportRejectedError:
            # The database changed since the check and rows now fail: show the new check.
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportJob.Status.READY,
                counts=plan.summary(),
                errors=[p.as_dict() for p in plan.sorted_problems()],
                preview={**job.preview, **plan.preview()},
                progress=100,
                message=_(
                    "Rows that passed the check now have problems (the data changed since). "
                    "Nothing was imported; look at the new check below."
                ),
            )
            return
        except (ImportFileError, MappingError) as exc:
            _fail(job.pk, str(exc))
            return
        except Exception:
            logger.exception("Import job %s failed", job_id)
            _fail(job.pk, _("The import failed because of an unexpected error; nothing was saved."))
            return
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.DONE,
            counts={**plan.summary(), **{f"result_{k}": v for k, v in result.items()}},
            errors=[p.as_dict() for p in plan.sorted_problems()],
            preview={**job.preview, **plan.preview()},
            progress=100,
            progress_note="",
            message="",
            finished_at=timezone.now(),
        )
