"""``exportdesk serve``: run the web app with waitress, a production WSGI server.

Static files are served by WhiteNoise straight from the package (``WHITENOISE_USE_FINDERS``), so
no ``collectstatic`` step is needed.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def pending_migrations(database: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The migrations not yet applied to the database, as ``app.name`` strings."""
    executor = MigrationExecutor(connections[database])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def check_ready_to_serve(database: str = DEFAULT_DB_ALIAS) -> None:
    """Refuse to serve a database whose schema is behind the code."""
    pending = pending_migrations(database)
    if pending:
        shown = ", ".join(pending[:5]) + (" ..." if len(pending) > 5 else "")
        raise CommandError(
            f"The database is not up to date ({len(pending)} migrations pending: {shown}). "
            "Run `exportdesk migrate` first."
        )


class Command(BaseCommand):
    help = "Serve ExportDesk over HTTP with waitress."
    # Checks run below, after the migration check, so the first error is the one that matters.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument("--threads", type=int, default=8, help="worker threads")

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from exportdesk.wsgi import application

        host, port, threads = options["host"], options["port"], options["threads"]
        if not 0 < port < 65536:
            raise CommandError(f"--port {port} is not a TCP port (1-65535).")
        if threads < 1:
            raise CommandError("--threads must be at least 1.")
        self.check(display_num_errors=False)
        check_ready_to_serve()
        shown_host = f"[{host}]" if ":" in host else host
        self.stdout.write(f"ExportDesk is running at http://{shown_host}:{port}")
        if host not in settings.ALLOWED_HOSTS and host not in ("0.0.0.0", "::"):  # noqa: S104
            self.stdout.write(
                self.style.WARNING(
                    f"{host} is not in EXPORTDESK_ALLOWED_HOSTS; requests to it will get 400."
                )
            )
        elif host in ("0.0.0.0", "::"):  # noqa: S104
            self.stdout.write(
                "Listening on every interface: set EXPORTDESK_ALLOWED_HOSTS to the names "
                "people use to reach this machine."
            )
        self.stdout.write("Press Ctrl+C to stop.")
        self.stdout.flush()
        serve(application, host=host, port=port, threads=threads, ident="ExportDesk")
