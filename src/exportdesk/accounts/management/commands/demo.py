"""``exportdesk demo``: fill the workspace with a realistic K-beauty exporter's data."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from exportdesk.demo.generator import (
    CHUNK_BUYERS,
    DEFAULT_BUYERS,
    DEFAULT_SEED,
    DEMO_PASSWORD,
    DEMO_URL,
    DEMO_USERNAME,
    build_demo_workspace,
    workspace_has_buyers,
)


class Command(BaseCommand):
    help = (
        "Create a demo workspace: a team, a K-beauty catalog and buyers from 45+ countries with "
        "conversations, orders, samples and reviews. The same seed gives the same data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--buyers",
            type=int,
            default=DEFAULT_BUYERS,
            help=f"How many buyers to create (default {DEFAULT_BUYERS}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Random seed; the same seed gives the same data (default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the workspace already has buyers.",
        )
        parser.add_argument(
            "--skip-nightly",
            action="store_true",
            help="Do not run the nightly jobs (regrade, reorder fit, follow-ups) afterwards.",
        )
        parser.add_argument(
            "--skip-triage",
            action="store_true",
            help="Do not store the assistant's understanding of each message (faster, for "
            "benchmark-sized workspaces).",
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=CHUNK_BUYERS,
            help=f"Buyers written per transaction (default {CHUNK_BUYERS}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        buyers: int = options["buyers"]
        if buyers < 0:
            raise CommandError("--buyers cannot be negative.")
        self._migrate_if_needed()
        if options["if_empty"] and workspace_has_buyers():
            self.stdout.write(
                "The workspace already has buyers, so the demo data was not added (--if-empty)."
            )
            return
        self.stdout.write(
            f"Building the demo workspace: {buyers:,} buyers, seed {options['seed']}."
        )
        report = build_demo_workspace(
            buyers=buyers,
            seed=options["seed"],
            chunk_size=options["chunk_size"],
            triage_messages=not options["skip_triage"],
            progress=lambda line: self.stdout.write(f"  {line}"),
        )
        grades = report.grades
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {report.seconds:.1f} s: {report.buyers:,} buyers from "
                f"{report.countries} countries (A {grades['A']:,}, B {grades['B']:,}, "
                f"C {grades['C']:,}), {report.conversations:,} conversations and "
                f"{report.messages:,} messages in {report.languages} languages "
                f"({report.awaiting_reply:,} awaiting a reply), {report.orders:,} orders, "
                f"{report.samples:,} samples, {report.reviews:,} reviews, "
                f"{report.projects} projects."
            )
        )
        if not options["skip_nightly"]:
            self._run_nightly_jobs()
        if DEMO_USERNAME in report.users_existing:
            self.stdout.write(
                f"The user {DEMO_USERNAME!r} already existed; its password was left unchanged."
            )
        self.stdout.write(
            f"Open {DEMO_URL} and log in as {DEMO_USERNAME} / {DEMO_PASSWORD} "
            "(the other team members use the same password)."
        )

    def _run_nightly_jobs(self) -> None:
        """Run what the nightly worker would, so the demo opens with grades, forecasts and a
        Today list, as a workspace in use for a while would."""
        from exportdesk.buyers.services import buyers_nightly
        from exportdesk.orders.followup_services import followups_generate
        from exportdesk.orders.services import reorder_refit

        self.stdout.write("  Nightly jobs: regrading, fitting the reorder model, follow-ups …")
        buyers_nightly()
        reorder_refit()
        followups_generate()

    def _migrate_if_needed(self) -> None:
        """Apply pending migrations first, so ``exportdesk demo`` works on a fresh install."""
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write("Applying database migrations first.")
            call_command("migrate", interactive=False, verbosity=0)
