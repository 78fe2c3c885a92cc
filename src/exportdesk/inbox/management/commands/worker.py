"""``exportdesk worker [--once] [--interval SECONDS]``: the background loop.

Each round: import new mail over IMAP (when ``EXPORTDESK_IMAP_HOST`` is set), raise the SLA
alerts now due, and once a day after 02:00 workspace time run the nightly jobs (regrade every
buyer, refit the reorder model, generate follow-ups). One line per step; a failing step is
reported and the loop goes on. SIGTERM or Ctrl-C ends the loop after the current step.

The date of the last nightly run is kept in ``<EXPORTDESK_DATA_DIR>/worker-state.json``: a file
survives restarts (unlike the local-memory cache), needs no model or migration of its own, and
one worker per data directory is the supported setup. A lost file only means the nightly jobs
run once more, and they are idempotent.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from pathlib import Path
from types import FrameType
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, connection
from django.utils import timezone

NIGHTLY_HOUR = 2
STATE_FILE = "worker-state.json"


def nightly_due(*, now: datetime, last_run: date | None, zone: str) -> bool:
    """Whether the nightly jobs should run now: past 02:00 local time, not yet run that day."""
    local = now.astimezone(ZoneInfo(zone))
    return local.hour >= NIGHTLY_HOUR and (last_run is None or last_run < local.date())


def _state_path() -> Path:
    return Path(settings.DATA_DIR) / STATE_FILE


def read_worker_state() -> dict[str, Any]:
    """The worker's small durable state (``{"nightly_last_run": "2026-11-29"}``)."""
    try:
        loaded = json.loads(_state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _write_worker_state(state: dict[str, Any]) -> None:
    path = _state_path()
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(state, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(partial, path)  # atomic: a crash mid-write never leaves half a file


def _summary(result: Any) -> str:
    if hasattr(result, "as_dict"):
        result = result.as_dict()
    elif is_dataclass(result) and not isinstance(result, type):
        result = asdict(result)
    if isinstance(result, dict):
        return ", ".join(f"{key} {value}" for key, value in result.items())
    return str(result)


def _refresh_connections() -> None:
    """Drop database connections that died or aged out: a long-lived process must reconnect.

    Skipped inside a transaction (tests run the command in one), where closing would break it.
    """
    if not connection.in_atomic_block:
        close_old_connections()


class Command(BaseCommand):
    help = "Run the background loop: IMAP import, SLA alerts, nightly jobs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run one round and exit (cron)")
        parser.add_argument(
            "--interval",
            type=float,
            default=60.0,
            metavar="SECONDS",
            help="pause between rounds (default 60)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interval = float(options["interval"])
        if interval <= 0:
            raise CommandError("--interval must be more than 0 seconds")
        self.stop = threading.Event()
        previous = self._install_signal_handlers()
        try:
            while True:
                self.run_round()
                if options["once"] or self.stop.is_set():
                    break
                self.stop.wait(interval)
                if self.stop.is_set():
                    break
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        if not options["once"]:
            self.stdout.write("worker: stopped")

    def _install_signal_handlers(self) -> dict[int, Any]:
        """SIGTERM/SIGINT finish the current step, then stop; a second one stops at once."""
        if threading.current_thread() is not threading.main_thread():
            return {}  # signals can only be handled in the main thread (e.g. in some tests)

        def on_signal(signum: int, frame: FrameType | None) -> None:
            if self.stop.is_set():
                raise KeyboardInterrupt
            self.stdout.write(
                f"worker: {signal.Signals(signum).name} received, stopping after this step"
            )
            self.stop.set()

        previous: dict[int, Any] = {}
        for signum in (signal.SIGTERM, signal.SIGINT):
            previous[signum] = signal.getsignal(signum)
            signal.signal(signum, on_signal)
        return previous

    def run_round(self) -> None:
        """One round of every step; each step's failure is reported, never fatal."""
        _refresh_connections()
        self.step("imap", self.imap_step)
        if self.stop.is_set():
            return
        self.step("alerts", self.alerts_step)
        if self.stop.is_set():
            return
        self.nightly_step()
        _refresh_connections()

    def step(self, name: str, work: Callable[[], str]) -> bool:
        started = time.monotonic()
        try:
            outcome = work()
        except Exception as exc:  # the loop must survive any one step's failure
            self.stderr.write(f"{name}: failed: {type(exc).__name__}: {exc}")
            return False
        self.stdout.write(f"{name}: {outcome} ({time.monotonic() - started:.1f}s)")
        return True

    def imap_step(self) -> str:
        from exportdesk.inbox.imap_sync import (
            MailboxSyncError,
            imap_config_from_settings,
            mailbox_sync,
        )
        from exportdesk.inbox.models import MailboxState

        config = imap_config_from_settings()
        if config is None:
            return "not configured (set EXPORTDESK_IMAP_HOST), skipped"
        try:
            report = mailbox_sync(config=config)
        except MailboxSyncError:
            raise  # mailbox_sync stored the reason on MailboxState.last_error already
        except Exception as exc:
            MailboxState.objects.update_or_create(
                name=config.mailbox_name,
                defaults={
                    "last_error": f"{type(exc).__name__}: {exc}",
                    "last_polled_at": timezone.now(),
                },
            )
            raise
        return f"{config.mailbox_name}: {report}"

    def alerts_step(self) -> str:
        from exportdesk.inbox.alerts import alerts_raise_due

        return _summary(alerts_raise_due())

    def nightly_step(self) -> None:
        """The nightly jobs, once a day after 02:00 workspace time, in dependency order."""
        from exportdesk.accounts.models import WorkspaceSettings

        state = read_worker_state()
        try:
            last_run = date.fromisoformat(str(state.get("nightly_last_run", "")))
        except ValueError:
            last_run = None
        now = timezone.now()
        zone = WorkspaceSettings.current().timezone
        if not nightly_due(now=now, last_run=last_run, zone=zone):
            return
        from exportdesk.buyers.services import buyers_nightly
        from exportdesk.orders.followup_services import followups_generate
        from exportdesk.orders.services import reorder_refit

        # Buyers first (grades and tags), then the reorder refit, then follow-ups, whose
        # "reorder due" rule reads the fresh predictions.
        self.step("nightly buyers", lambda: _summary(buyers_nightly()))
        self.step("nightly reorder refit", lambda: _summary(reorder_refit(now=now)))
        self.step("nightly follow-ups", lambda: _summary(followups_generate(now=now)))
        # Recorded even when a job failed: it is reported above, and retrying it every minute
        # until midnight would only repeat the failure. Tomorrow's run tries again.
        state["nightly_last_run"] = now.astimezone(ZoneInfo(zone)).date().isoformat()
        _write_worker_state(state)
