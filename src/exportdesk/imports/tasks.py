"""Background tasks of imports (django-tasks; run by ``exportdesk manage db_worker``)."""

from __future__ import annotations

from django_tasks import task

from exportdesk.imports.services import import_job_run, import_job_validate


@task()
def validate_import_job(job_id: int) -> None:
    """Check an uploaded file against the database and store the preview on its job."""
    import_job_validate(job_id=job_id)


@task()
def run_import_job(job_id: int) -> None:
    """Import a checked file, reporting progress on its job."""
    import_job_run(job_id=job_id)
