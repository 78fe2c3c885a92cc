"""``exportdesk regrade --all`` (the nightly refresh) or ``exportdesk regrade ID ...``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from exportdesk.buyers.services import CHUNK, buyers_nightly, buyers_regrade_many


class Command(BaseCommand):
    help = (
        "Regrade buyers from the rubric. --all runs the nightly refresh: every buyer in batches, "
        "system tags (dormant) and the win probability."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("buyer_ids", nargs="*", type=int, help="Buyers to regrade (ids).")
        parser.add_argument("--all", action="store_true", help="Every buyer (the nightly run).")
        parser.add_argument(
            "--batch-size", type=int, default=CHUNK, help=f"Buyers per batch (default {CHUNK})."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="With --all: enqueue the nightly task for the worker instead of running it here.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids: list[int] = options["buyer_ids"]
        if options["all"] == bool(ids):
            raise CommandError("Give buyer ids or --all (not both).")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        if options["enqueue"]:
            if not options["all"]:
                raise CommandError("--enqueue goes with --all.")
            from exportdesk.buyers.tasks import nightly_refresh

            result = nightly_refresh.enqueue(batch_size=options["batch_size"])
            self.stdout.write(f"Enqueued the nightly refresh: {result.id}")
            return
        if options["all"]:
            report = buyers_nightly(batch_size=options["batch_size"])
        else:
            report = buyers_regrade_many(
                buyer_ids=ids, cause="manual", batch_size=options["batch_size"]
            )
        self.stdout.write(
            f"Regraded {report.buyers} buyers: {report.letters_changed} changed letter, "
            f"{report.scores_changed} changed score; tags +{report.tags_added} "
            f"-{report.tags_removed}; {report.reassigned} (re)assigned."
        )
        if report.win:
            win = report.win
            if win.get("active"):
                self.stdout.write(
                    f"Win probability: {win['predicted']} buyers, learned from {win['won']} won "
                    f"/ {win['lost']} lost."
                )
            else:
                self.stdout.write(
                    f"Win probability: not enough history ({win['won']} won / {win['lost']} "
                    f"lost, needs {win['needs']} each)."
                )
