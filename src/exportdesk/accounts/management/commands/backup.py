"""``exportdesk backup PATH``: write the whole workspace to one portable zip file."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from exportdesk.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Write a backup (database rows and uploaded files) to a zip file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="the zip file to write, e.g. exportdesk-2025-01-31.zip")
        parser.add_argument(
            "--force", action="store_true", help="replace the file if it already exists"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_write(options["path"], overwrite=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Backup written to {options['path']} ({rows} rows)."))
