"""Fixtures of the inbox tests: a real dovecot IMAP server and a real SMTP sink."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest

from tests.inbox.dovecot import Dovecot, _free_port, dovecot

__all__ = ["Dovecot", "SmtpSink", "dovecot", "smtp_sink"]


@dataclass
class SmtpSink:
    """An aiosmtpd server on 127.0.0.1 that keeps every mail it is given."""

    port: int
    mails: list[EmailMessage] = field(default_factory=list)
    envelopes: list[Any] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        mail = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(mail, EmailMessage)
        self.mails.append(mail)
        return "250 OK"


@pytest.fixture
def smtp_sink(settings: Any) -> Iterator[SmtpSink]:
    """A running SMTP sink, and Django's mail settings pointed at it (plain SMTP, no auth)."""
    from aiosmtpd.controller import Controller

    sink = SmtpSink(port=_free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    settings.DEFAULT_FROM_EMAIL = "Seoul Glow Sales <sales@seoulglow.co.kr>"
    try:
        yield sink
    finally:
        controller.stop()
