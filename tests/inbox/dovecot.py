"""A real IMAP server for the sync tests: Debian's dovecot, started per test in a temp directory.

Dovecot runs in the foreground as the current user with a throw-away config (plain-text login on
127.0.0.1, one ``passwd-file`` user, Maildir under ``tmp_path``). Without dovecot the tests are
skipped, except on CI (``CI=true``), where a missing server fails the run.
"""

from __future__ import annotations

import grp
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from exportdesk.inbox.imap_sync import ImapConfig

DOVECOT = Path("/usr/sbin/dovecot")
USER = "buyerdesk"
PASSWORD = "imap-test-secret"


@dataclass
class Dovecot:
    """A running dovecot: where to connect and how to put mails in."""

    port: int
    root: Path
    maildir: Path
    process: subprocess.Popen[bytes]

    def config(self, folder: str = "INBOX") -> ImapConfig:
        return ImapConfig(
            host="127.0.0.1",
            port=self.port,
            user=USER,
            password=PASSWORD,
            folder=folder,
            ssl=False,
            starttls=False,
        )

    def append(self, *mails: bytes, folder: str = "INBOX") -> None:
        """Deliver raw mails into a folder, the way a mail server would (unread)."""
        with imaplib.IMAP4("127.0.0.1", self.port, timeout=10) as imap:
            imap.login(USER, PASSWORD)
            if folder != "INBOX":
                imap.create(folder)
            for raw in mails:
                result = imap.append(folder, "", None, raw)  # type: ignore[arg-type]
                assert result[0] == "OK", result

    def flags(self, folder: str = "INBOX") -> list[bytes]:
        """The flags of every mail in the folder (to check the sync never marks mails read)."""
        with imaplib.IMAP4("127.0.0.1", self.port, timeout=10) as imap:
            imap.login(USER, PASSWORD)
            imap.select(folder, readonly=True)
            _typ, data = imap.fetch("1:*", "(FLAGS)")
            return [item for item in data if isinstance(item, bytes)]

    def reset_uidvalidity(self) -> None:
        """Recreate INBOX so the server hands out a new UIDVALIDITY, as after a mailbox rebuild.

        The mails stay (moved back in), but every UID the sync remembered is now meaningless.
        """
        with imaplib.IMAP4("127.0.0.1", self.port, timeout=10) as imap:
            imap.login(USER, PASSWORD)
            imap.select("INBOX")
            _typ, data = imap.fetch("1:*", "(BODY.PEEK[])")
            raws = [item[1] for item in data if isinstance(item, tuple)]
        uidlist = self.maildir / "dovecot-uidlist"
        # Dovecot keeps UIDVALIDITY in dovecot-uidlist; a new file means a new UIDVALIDITY.
        shutil.rmtree(self.maildir)
        assert not uidlist.exists()
        time.sleep(1.1)  # UIDVALIDITY is the creation time in seconds: make it differ
        self.append(*raws)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dovecot exited: {log.read_text() if log.exists() else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"dovecot did not listen on {port}: {log.read_text()}")


def _unavailable(reason: str) -> None:
    """Skip locally; fail on CI, which installs dovecot-imapd and must run these tests."""
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason}. CI=true, so the IMAP tests must run.", pytrace=False)
    pytest.skip(reason)


def _run_as() -> tuple[str, str, str]:
    """(login user, internal user, mail user): the current user, except as root (CI is root).

    Dovecot refuses to run its login processes or to access mail as root; then they run as the
    package's own unprivileged users and mail belongs to ``nobody``.
    """
    user = pwd.getpwuid(os.getuid()).pw_name
    if os.getuid() != 0:
        return user, user, user
    for login, internal in (("dovenull", "dovecot"), ("nobody", "nobody")):
        try:
            pwd.getpwnam(login)
            pwd.getpwnam(internal)
        except KeyError:
            continue
        return login, internal, "nobody"
    raise RuntimeError("no unprivileged user for dovecot's login processes")


def write_config(root: Path, port: int, base_dir: Path, mail_dir: Path) -> Path:
    """A minimal dovecot.conf under ``root`` serving the Maildir ``mail_dir``."""
    user = pwd.getpwuid(os.getuid()).pw_name
    login_user, internal_user, mail_user = _run_as()
    mail_group = grp.getgrgid(pwd.getpwnam(mail_user).pw_gid).gr_name
    mail_dir.parent.mkdir(parents=True, exist_ok=True)
    if mail_user != user:
        shutil.chown(mail_dir.parent, mail_user, mail_group)
    (root / "state").mkdir()
    passwd = root / "passwd"
    passwd.write_text(f"{USER}:{{PLAIN}}{PASSWORD}:::::\n", encoding="utf-8")
    conf = root / "dovecot.conf"
    conf.write_text(
        f"""
base_dir = {base_dir}
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {internal_user}
default_login_user = {login_user}
first_valid_uid = 0
first_valid_gid = 0
mail_uid = {mail_user}
mail_gid = {mail_group}
mail_location = maildir:{mail_dir}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
service auth {{
  user = {user}
}}
service auth-worker {{
  user = {user}
}}
passdb {{
  driver = passwd-file
  args = {passwd}
}}
userdb {{
  driver = passwd-file
  args = {passwd}
}}
""",
        encoding="utf-8",
    )
    return conf


@pytest.fixture
def dovecot(tmp_path: Path) -> Iterator[Dovecot]:
    """A fresh dovecot with an empty INBOX, stopped after the test."""
    if not DOVECOT.exists():
        _unavailable(f"dovecot not found at {DOVECOT} (apt-get install dovecot-imapd)")
    root = tmp_path / "dovecot"
    root.mkdir()
    # Login processes run as another user when we are root: they must reach the sockets in
    # base_dir, which pytest's private tmp_path (mode 0700) would hide from them.
    base_dir = Path(tempfile.mkdtemp(prefix="exportdesk-dovecot-"))
    base_dir.chmod(0o755)
    mail_dir = base_dir / "mail" / "Maildir"
    port = _free_port()
    conf = write_config(root, port, base_dir, mail_dir)
    process = subprocess.Popen(  # noqa: S603 - a fixed binary and our own config file
        [str(DOVECOT), "-F", "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_for_port(port, process, root / "dovecot.log")
        yield Dovecot(port=port, root=root, maildir=mail_dir, process=process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(base_dir, ignore_errors=True)
