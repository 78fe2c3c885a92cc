"""``exportdesk worker --once``: one round of IMAP import, alerts and the nightly jobs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, date, datetime
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.inbox.management.commands.worker import nightly_due
from exportdesk.inbox.models import MailboxState, Message
from tests.inbox.dovecot import Dovecot

MAILS = Path(__file__).resolve().parents[1] / "data" / "mail"


def database_url_of_tests() -> str:
    """The test database as a DATABASE_URL, for a worker started as a separate process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = f"{quote(db['USER'] or '', safe='')}:{quote(db['PASSWORD'] or '', safe='')}@"
    return f"postgres://{auth}{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def run_once() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("worker", "--once", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def worker_settings(settings: Any, tmp_path: Path) -> Any:
    """No mailbox configured and a private data directory for the worker's state file."""
    settings.DATA_DIR = tmp_path
    settings.EXPORTDESK_IMAP_HOST = ""
    return settings


@pytest.fixture
def past_two_am(db: None) -> str:
    """A workspace time zone in which it is now past 02:00, so the nightly jobs are due."""
    now = timezone.now()
    for zone in ("Asia/Seoul", "UTC", "America/New_York", "Pacific/Auckland"):
        if now.astimezone(ZoneInfo(zone)).hour >= 2:
            WorkspaceSettings.objects.filter(pk=WorkspaceSettings.current().pk).update(
                timezone=zone
            )
            return zone
    raise AssertionError("no zone is past 02:00")  # pragma: no cover - some always is


def test_once_without_imap_skips_the_mailbox_and_runs_the_other_steps(
    worker_settings: Any, past_two_am: str
) -> None:
    out, err = run_once()
    lines = out.splitlines()
    assert lines[0].startswith("imap: not configured")
    assert lines[1].startswith("alerts: raised 0")
    assert [line.split(":")[0] for line in lines[2:]] == [
        "nightly buyers",
        "nightly reorder refit",
        "nightly follow-ups",
    ]
    assert err == ""
    state = json.loads((worker_settings.DATA_DIR / "worker-state.json").read_text())
    assert (
        state["nightly_last_run"]
        == timezone.now().astimezone(ZoneInfo(past_two_am)).date().isoformat()
    )


def test_the_nightly_jobs_run_once_a_day(worker_settings: Any, past_two_am: str) -> None:
    run_once()
    out, _err = run_once()
    assert "nightly" not in out


def test_once_with_a_mailbox_imports_its_mails(
    worker_settings: Any, past_two_am: str, dovecot: Dovecot
) -> None:
    dovecot.append((MAILS / "plain_utf8.eml").read_bytes())
    config = dovecot.config()
    worker_settings.EXPORTDESK_IMAP_HOST = config.host
    worker_settings.EXPORTDESK_IMAP_PORT = config.port
    worker_settings.EXPORTDESK_IMAP_USER = config.user
    worker_settings.EXPORTDESK_IMAP_PASSWORD = config.password
    worker_settings.EXPORTDESK_IMAP_SSL = False
    worker_settings.EXPORTDESK_IMAP_STARTTLS = False

    out, _err = run_once()

    assert f"imap: {config.mailbox_name}: imported 1, duplicates 0" in out
    assert Message.objects.filter(external_id="<20261127091500.4711@lumiere-import.fr>").exists()


def test_a_broken_mailbox_is_reported_and_the_round_goes_on(
    worker_settings: Any, past_two_am: str, dovecot: Dovecot
) -> None:
    worker_settings.EXPORTDESK_IMAP_HOST = "127.0.0.1"
    worker_settings.EXPORTDESK_IMAP_PORT = dovecot.port
    worker_settings.EXPORTDESK_IMAP_USER = "buyerdesk"
    worker_settings.EXPORTDESK_IMAP_PASSWORD = "wrong"
    worker_settings.EXPORTDESK_IMAP_SSL = False

    out, err = run_once()

    assert "imap: failed: MailboxSyncError" in err
    assert out.splitlines()[0].startswith("alerts:")
    assert "AUTHENTICATIONFAILED" in MailboxState.objects.get().last_error


@pytest.mark.parametrize(
    ("now", "last_run", "due"),
    [
        (datetime(2026, 11, 29, 16, 30, tzinfo=UTC), None, False),  # 01:30 in Seoul
        (datetime(2026, 11, 29, 17, 0, tzinfo=UTC), None, True),  # 02:00 in Seoul
        (datetime(2026, 11, 29, 17, 0, tzinfo=UTC), date(2026, 11, 29), True),  # yesterday's
        (datetime(2026, 11, 29, 17, 0, tzinfo=UTC), date(2026, 11, 30), False),  # done today
        (datetime(2026, 11, 30, 14, 59, tzinfo=UTC), date(2026, 11, 30), False),  # 23:59 Seoul
    ],
)
def test_the_nightly_jobs_are_due_after_two_in_the_morning_workspace_time(
    now: datetime, last_run: date | None, due: bool
) -> None:
    assert nightly_due(now=now, last_run=last_run, zone="Asia/Seoul") is due


def test_an_interval_of_zero_is_refused(worker_settings: Any) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="interval"):
        call_command("worker", "--interval", "0")


@pytest.mark.django_db(transaction=True)
def test_sigterm_stops_the_loop_cleanly(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "EXPORTDESK_DATA_DIR": str(tmp_path),
        "EXPORTDESK_IMAP_HOST": "",
        "DATABASE_URL": database_url_of_tests(),  # the migrated test database: no migrate needed
        "PYTHONUNBUFFERED": "1",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "exportdesk.cli", "worker", "--interval", "30"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout is not None
    first = worker.stdout.readline()  # the first round has begun
    assert first.startswith("imap:")
    worker.send_signal(signal.SIGTERM)
    out, err = worker.communicate(timeout=120)
    assert worker.returncode == 0, err
    assert "worker: stopped" in out
