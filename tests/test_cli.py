"""The ``exportdesk`` command line: management commands, createuser and serve."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from exportdesk.accounts.management.commands.serve import check_ready_to_serve, pending_migrations
from exportdesk.accounts.roles import Role, user_role
from exportdesk.cli import main

STRONG_PASSWORD = "Seoul-Cosmetics-2025"
EXPORTDESK = Path(sys.executable).with_name("exportdesk")


def run_exportdesk(
    *args: str, data_dir: Path, stdin: str = "", timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script against its own SQLite data directory."""
    env = {**os.environ, "EXPORTDESK_DATA_DIR": str(data_dir)}
    # The subprocess must not touch a PostgreSQL database the suite may be pointed at.
    env.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603
        [str(EXPORTDESK), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def migrated_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory whose SQLite database has every migration applied."""
    data_dir = tmp_path_factory.mktemp("exportdesk-cli")
    result = run_exportdesk("migrate", "--no-input", "-v", "0", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return data_dir


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_exportdesk_manage_check_reports_no_issues(tmp_path: Path) -> None:
    result = run_exportdesk("manage", "check", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_main_runs_a_management_command_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    main(["manage", "check"])
    assert "no issues" in capsys.readouterr().out


def test_an_unknown_command_exits_with_an_error(tmp_path: Path) -> None:
    result = run_exportdesk("no-such-command", data_dir=tmp_path)
    assert result.returncode != 0
    assert "Unknown command" in result.stderr


@pytest.mark.django_db
def test_createuser_makes_a_user_with_the_role() -> None:
    out = io.StringIO()
    call_command(
        "createuser",
        "mina",
        role="manager",
        email="mina@example.com",
        first_name="Mina",
        last_name="Park",
        password=STRONG_PASSWORD,
        stdout=out,
    )
    user = get_user_model().objects.get(username="mina")
    assert user.email == "mina@example.com"
    assert user.first_name == "Mina"
    assert user.check_password(STRONG_PASSWORD)
    assert user_role(user) is Role.MANAGER
    assert "Created 'mina' (manager)" in out.getvalue()


@pytest.mark.django_db
def test_createuser_reads_the_password_from_stdin() -> None:
    call_command(
        "createuser",
        "junho",
        role="rep",
        password_stdin=True,
        stdin=io.StringIO(STRONG_PASSWORD + "\n"),
        stdout=io.StringIO(),
    )
    user = get_user_model().objects.get(username="junho")
    assert user.check_password(STRONG_PASSWORD)
    assert user.rep_profile.seniority == "junior"


@pytest.mark.django_db
def test_createuser_asks_for_the_password_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": STRONG_PASSWORD)
    call_command("createuser", "sora", role="viewer", stdout=io.StringIO())
    assert get_user_model().objects.get(username="sora").check_password(STRONG_PASSWORD)


@pytest.mark.django_db
def test_createuser_refuses_passwords_that_do_not_match(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter([STRONG_PASSWORD, STRONG_PASSWORD + "x"])
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    with pytest.raises(CommandError, match="do not match"):
        call_command("createuser", "sora", role="viewer")
    assert not get_user_model().objects.filter(username="sora").exists()


@pytest.mark.django_db
def test_createuser_without_a_password_and_without_a_terminal_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="--password-stdin"):
        call_command("createuser", "ghost", role="rep")
    assert not get_user_model().objects.filter(username="ghost").exists()


@pytest.mark.django_db
def test_createuser_refuses_an_unknown_role() -> None:
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("createuser", "boss", role="boss", password=STRONG_PASSWORD)
    assert not get_user_model().objects.filter(username="boss").exists()


@pytest.mark.django_db
def test_createuser_refuses_a_taken_username_whatever_its_case(cast: Any) -> None:
    before = get_user_model().objects.count()
    with pytest.raises(CommandError, match="already exists"):
        call_command("createuser", "OWNER", role="rep", password=STRONG_PASSWORD)
    assert get_user_model().objects.count() == before


@pytest.mark.django_db
def test_createuser_refuses_a_weak_password_and_saves_nothing() -> None:
    with pytest.raises(CommandError, match="User not created"):
        call_command("createuser", "weak", role="owner", password="12345678")
    assert not get_user_model().objects.filter(username="weak").exists()


def test_createuser_exits_non_zero_on_bad_input(migrated_data_dir: Path) -> None:
    result = run_exportdesk(
        "createuser", "weak", "--role", "rep", "--password-stdin",
        data_dir=migrated_data_dir,
        stdin="password\n",
    )  # fmt: skip
    assert result.returncode != 0
    assert "User not created" in result.stderr


def test_createuser_through_the_console_script_creates_the_user(migrated_data_dir: Path) -> None:
    result = run_exportdesk(
        "createuser", "hana", "--role", "owner", "--password-stdin",
        data_dir=migrated_data_dir,
        stdin=STRONG_PASSWORD + "\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    again = run_exportdesk(
        "createuser", "hana", "--role", "owner", "--password-stdin",
        data_dir=migrated_data_dir,
        stdin=STRONG_PASSWORD + "\n",
    )  # fmt: skip
    assert again.returncode != 0
    assert "already exists" in again.stderr


@pytest.mark.django_db
def test_the_migrated_test_database_is_ready_to_serve() -> None:
    assert pending_migrations() == []
    check_ready_to_serve()


def test_serve_refuses_to_start_while_migrations_are_pending(tmp_path: Path) -> None:
    result = run_exportdesk("serve", "--port", str(free_port()), data_dir=tmp_path, timeout=60)
    assert result.returncode != 0
    assert "exportdesk migrate" in result.stderr
    assert "is running" not in result.stdout


@pytest.fixture
def running_server(migrated_data_dir: Path) -> Iterator[str]:
    """`exportdesk serve` on a free port; yields its base URL and stops it afterwards."""
    port = free_port()
    env = {**os.environ, "EXPORTDESK_DATA_DIR": str(migrated_data_dir)}
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(  # noqa: S603
        [str(EXPORTDESK), "serve", "--port", str(port), "--threads", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert server.stdout is not None
        first_line = server.stdout.readline()
        assert first_line.strip() == f"ExportDesk is running at http://127.0.0.1:{port}", (
            first_line
            + (server.stderr.read() if server.poll() is not None and server.stderr else "")
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/login/", timeout=5)  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_answers_pages_and_static_files(running_server: str) -> None:
    with urllib.request.urlopen(running_server + "/login/", timeout=10) as response:  # noqa: S310
        assert response.status == 200
        page = response.read().decode()
    assert "<html" in page
    with urllib.request.urlopen(  # noqa: S310
        running_server + "/static/vendor/bootstrap/bootstrap.min.css", timeout=10
    ) as response:
        assert response.status == 200
        assert "text/css" in response.headers["Content-Type"]


class _Terminal(io.StringIO):
    """A stdin that claims to be a terminal, so the command prompts instead of failing."""

    def isatty(self) -> bool:
        return True
