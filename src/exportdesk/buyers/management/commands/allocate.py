"""``exportdesk allocate``: give the unassigned buyers to reps by the allocation rules."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from exportdesk.buyers.services import buyers_allocate_unassigned


class Command(BaseCommand):
    help = (
        "Allocate every active unassigned buyer: A to senior reps, B to senior reps with spare "
        "capacity or else reps, C to reps; least loaded first."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = buyers_allocate_unassigned(actor=None)
        self.stdout.write(
            f"Assigned {report.assigned} buyers; {report.left_unassigned} stay unassigned."
        )
        for username, count in sorted(report.by_rep.items()):
            self.stdout.write(f"  {username}: {count}")
