"""Background work on orders (django-tasks): the nightly reorder refit and follow-up run.

Schedule ``reorder_refit_nightly`` once a night (cron: ``exportdesk reorder fit``, or enqueue
the task and let ``exportdesk worker`` run it); ``followups_nightly`` after it, so the
"reorder due" rule reads fresh predictions.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_tasks import task

from exportdesk.orders.followup_services import followups_generate
from exportdesk.orders.services import reorder_refit


@task()
def reorder_refit_nightly() -> dict[str, Any]:
    """Refit BG/NBD + Gamma-Gamma on every purchase and store each buyer's prediction."""
    return reorder_refit(now=timezone.now()).as_dict()


@task()
def followups_nightly() -> dict[str, Any]:
    """Create the follow-ups the rules say are due (idempotent: never twice for one reason)."""
    return followups_generate(now=timezone.now()).as_dict()
