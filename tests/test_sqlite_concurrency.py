"""Concurrent writers on the SQLite file database queue up instead of failing "database is locked".

The settings open SQLite in WAL mode with ``transaction_mode="IMMEDIATE"`` and a 30 s busy
timeout: each write transaction takes the lock at BEGIN and waits its turn. This test runs real
threads, each with its own connection, against the test database file.
"""

from __future__ import annotations

import json
import threading
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError, close_old_connections, connection

from exportdesk.backup import backup_write
from exportdesk.buyers.models import Buyer, BuyerEvent
from exportdesk.buyers.services import buyer_register

WRITERS = 8
TRANSACTIONS_PER_WRITER = 25
READERS = 2


def run_threads(targets: list[Any]) -> list[BaseException]:
    """Start the threads together, wait for all, and return what they raised."""
    errors: list[BaseException] = []
    start = threading.Barrier(len(targets))

    def wrapped(target: Any) -> None:
        try:
            start.wait()
            target()
        except BaseException as exc:
            errors.append(exc)
        finally:
            # Each thread has its own connection; leaving it open would keep the file busy.
            connection.close()

    threads = [threading.Thread(target=wrapped, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a thread did not finish in 5 minutes"
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fail_with_database_is_locked() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite locking only")
    main_database = connection.settings_dict["NAME"]
    assert str(main_database) not in ("", ":memory:") and "mode=memory" not in str(main_database)
    stop_reading = threading.Event()
    reads = [0] * READERS

    def writer(n: int) -> Any:
        def write() -> None:
            assert connection.settings_dict["NAME"] == main_database
            for i in range(TRANSACTIONS_PER_WRITER):
                buyer_register(actor=None, company=f"Writer {n} Buyer {i} Ltd", country="KR")

        return write

    def reader(n: int) -> Any:
        def read() -> None:
            # Readers in WAL mode never wait for writers; they must not error either.
            while not stop_reading.is_set():
                Buyer.objects.count()
                reads[n] += 1
                close_old_connections()

        return read

    writers = [writer(n) for n in range(WRITERS)]

    def writers_then_stop() -> None:
        try:
            errors.extend(run_threads(writers))
        finally:
            stop_reading.set()

    errors: list[BaseException] = []
    errors += run_threads([writers_then_stop, *[reader(n) for n in range(READERS)]])

    locked = [e for e in errors if isinstance(e, OperationalError)]
    assert not locked, f"{len(locked)} writers failed: {locked[0]}"
    assert not errors, errors
    expected = WRITERS * TRANSACTIONS_PER_WRITER
    assert Buyer.objects.count() == expected
    assert BuyerEvent.objects.filter(kind="registered").count() == expected
    companies = set(Buyer.objects.values_list("company", flat=True))
    assert companies == {
        f"Writer {n} Buyer {i} Ltd" for n in range(WRITERS) for i in range(TRANSACTIONS_PER_WRITER)
    }
    assert all(r > 0 for r in reads)


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_while_writers_write_is_one_consistent_snapshot(
    tmp_path: Path, settings: Any
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite locking only")
    settings.MEDIA_ROOT = tmp_path / "media"
    started = threading.Event()

    def writer(n: int) -> Any:
        def write() -> None:
            for i in range(TRANSACTIONS_PER_WRITER):
                buyer_register(actor=None, company=f"Busy {n} Buyer {i} Ltd", country="VN")
                started.set()

        return write

    def backup() -> None:
        started.wait(timeout=60)
        backup_write(tmp_path / "during.zip")

    errors = run_threads([*[writer(n) for n in range(4)], backup])

    assert not errors, errors
    assert Buyer.objects.count() == 4 * TRANSACTIONS_PER_WRITER
    with zipfile.ZipFile(tmp_path / "during.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
        records = json.loads(archive.read("data.json"))
    in_file = Counter(r["model"] for r in records)
    assert {k: v for k, v in manifest["counts"].items() if v} == dict(in_file)
    # Each registration writes a buyer and its event in one transaction: a snapshot has both.
    registered = sum(
        1
        for r in records
        if r["model"] == "buyers.buyerevent" and r["fields"]["kind"] == "registered"
    )
    assert in_file["buyers.buyer"] == registered
