"""``exportdesk restore PATH [--yes]``: replace the workspace's data with a backup's."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from exportdesk.backup import (
    BackupError,
    backup_read_manifest,
    backup_restore,
    database_has_data,
    ensure_database_current,
)


class Command(BaseCommand):
    help = "Restore a backup written by `exportdesk backup`, replacing all current data."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="the backup zip file")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="replace the data even though the database is not empty",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        try:
            manifest = backup_read_manifest(path)
            ensure_database_current()
            if database_has_data() and not options["yes"]:
                raise CommandError(
                    "The database already holds data, and restoring replaces all of it. "
                    "Run again with --yes to go ahead (consider `exportdesk backup` first)."
                )
            result = backup_restore(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(result.counts.values())} rows and {result.media_files} files "
                f"from {path} (written {manifest['created_at']} by ExportDesk "
                f"{manifest['app_version']} on {manifest['engine']})."
            )
        )
