"""Background work on buyers (django-tasks): the nightly refresh.

Schedule ``nightly_refresh`` once a night (cron: ``exportdesk regrade --all``, or enqueue the task
and let ``exportdesk worker`` run it). It regrades every buyer in batches, refreshes the system
tags (``dormant`` first of all) and the naive-Bayes win probability.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from exportdesk.buyers.services import CHUNK, buyers_nightly


@task()
def nightly_refresh(batch_size: int = CHUNK) -> dict[str, Any]:
    """Regrade all buyers, refresh system tags and win probability; returns the counts."""
    return buyers_nightly(batch_size=batch_size).as_dict()
