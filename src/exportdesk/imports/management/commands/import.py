"""``exportdesk import buyers|orders|messages FILE``: import a CSV, TSV or XLSX file."""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from exportdesk.imports.mapping import MappingError, labels_for, mapping_by_header
from exportdesk.imports.parsing import ImportFileError
from exportdesk.imports.services import import_file, rejection_report_csv
from exportdesk.imports.sources.base import ImportRejectedError

SHOWN_PROBLEMS = 20


class ProgressBar:
    """A one-line text progress bar on stderr: ``[#####-----]  50% Checking rows``."""

    def __init__(self, stream: Any, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.last = (-1, "")
        self.interactive = bool(getattr(stream, "isatty", lambda: False)())

    def __call__(self, fraction: float, note: str) -> None:
        percent = int(fraction * 100)
        if (percent, note) == self.last or (not self.interactive and note == self.last[1]):
            return
        self.last = (percent, note)
        filled = int(self.width * fraction)
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\r" if self.interactive else "\n"
        self.stream.write(f"[{bar}] {percent:3d}% {note:<40}{end}")
        self.stream.flush()

    def finish(self) -> None:
        if self.last[0] >= 0:
            self(1.0, "")
            if self.interactive:
                self.stream.write("\n")
                self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import buyers, orders or messages from a CSV, TSV or XLSX file. Columns are detected "
        "from Korean or English headers; a file with problems imports nothing unless "
        "--valid-only is given. Exits non-zero when rows are rejected and nothing is imported."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("kind", choices=["buyers", "orders", "messages"])
        parser.add_argument("file", help="the CSV, TSV, TXT (Unicode text) or XLSX file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report; write nothing"
        )
        parser.add_argument(
            "--mapping",
            metavar="M.json",
            help='column mapping as JSON: {"company": "업체명", "country": "Nation"} '
            "(header names or 1-based column numbers); default: detected from the headers",
        )
        parser.add_argument(
            "--valid-only",
            action="store_true",
            help="import the valid rows even if other rows have problems",
        )
        parser.add_argument(
            "--report", metavar="REJECTED.csv", help="write every rejected row to this CSV file"
        )
        parser.add_argument(
            "--user", help="import as this user (events name them; a rep's rules apply)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        mapping = None
        if options["mapping"]:
            try:
                mapping = json.loads(Path(options["mapping"]).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(f"Cannot read the mapping {options['mapping']}: {exc}") from exc
            if not isinstance(mapping, dict):
                raise CommandError("The mapping file must hold a JSON object {field: column}.")
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"No user is called {options['user']!r}.")
        bar = ProgressBar(getattr(self.stderr, "_out", sys.stderr))
        kind = options["kind"]
        try:
            outcome = import_file(
                kind=kind,
                path=options["file"],
                mapping=mapping,
                actor=actor,
                dry_run=options["dry_run"],
                valid_only=options["valid_only"],
                progress=bar,
            )
        except ImportRejectedError as exc:
            bar.finish()
            raise CommandError(str(exc)) from exc
        except (ImportFileError, MappingError) as exc:
            bar.finish()
            raise CommandError(str(exc)) from exc
        bar.finish()
        plan = outcome.plan
        labels = labels_for(kind)
        found = mapping_by_header(outcome.mapping, outcome.table.headers)
        self.stdout.write(
            "Columns: " + ", ".join(f"{labels.get(k, k)} ← {v!r}" for k, v in found.items())
        )
        summary = plan.summary()
        self.stdout.write(
            f"Rows: {summary['rows']}, valid: {summary['valid_rows']}, "
            f"rejected: {summary['rejected_rows']}, blank: {summary['blank_rows']}"
        )
        self.stdout.write("Plan: " + ", ".join(f"{k}={v}" for k, v in plan.counts.items()))
        problems = plan.sorted_problems()
        for problem in problems[:SHOWN_PROBLEMS]:
            self.stdout.write(f"  row {problem.row}, {problem.column}: {problem.reason}")
        if len(problems) > SHOWN_PROBLEMS:
            self.stdout.write(f"  … and {len(problems) - SHOWN_PROBLEMS} more problems")
        if options["report"] and problems:
            Path(options["report"]).write_bytes(
                rejection_report_csv([p.as_dict() for p in problems])
            )
            self.stdout.write(f"Rejected rows written to {options['report']}.")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
            if problems:
                raise CommandError(f"{summary['rejected_rows']} rows have problems.")
            return
        result = outcome.result or {}
        self.stdout.write(
            self.style.SUCCESS("Imported: " + ", ".join(f"{k}={v}" for k, v in result.items()))
        )
        if problems and not any(result.get(k) for k in ("created", "updated")):
            raise CommandError("Every row was rejected or unchanged; nothing was imported.")
