"""The IMAP import against a real dovecot: new mails become messages, once, and bad ones wait
in quarantine while the rest import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from exportdesk.buyers.models import Buyer
from exportdesk.inbox.imap_sync import (
    ImapConfig,
    MailboxSyncError,
    SyncReport,
    _imap_utf7,
    company_from_display_name,
    imap_config_from_settings,
    mailbox_sync,
)
from exportdesk.inbox.models import Conversation, MailboxState, Message, QuarantinedMail
from tests.inbox.dovecot import Dovecot

MAILS = Path(__file__).resolve().parents[1] / "data" / "mail"


def mail(name: str) -> bytes:
    return (MAILS / name).read_bytes()


pytestmark = pytest.mark.django_db(transaction=False)


def test_new_mails_become_messages_of_registered_buyers(dovecot: Dovecot) -> None:
    dovecot.append(
        mail("plain_utf8.eml"), mail("korean_euckr.eml"), mail("alibaba_notification.eml")
    )

    report = mailbox_sync(config=dovecot.config())

    assert report == SyncReport(imported=3)
    anna = Buyer.objects.get(email="anna@lumiere-import.fr")
    assert (anna.channel, anna.country, anna.contact_name) == ("email", "FR", "Anna Dubois")
    peter = Buyer.objects.get(contact_name="Peter Novak")
    assert (peter.channel, peter.country, peter.platform_level) == ("alibaba", "HU", "L3")
    assert peter.company == "Budapest Beauty Kft"
    inquiry = Message.objects.get(conversation__buyer=peter)
    assert inquiry.external_id == "<alibaba.inquiry.88213@service.alibaba.com>"
    assert inquiry.conversation.channel == "alibaba"
    korean = Message.objects.get(external_id="<KR.20261128.1030@hanbit-trade.co.kr>")
    assert korean.body.startswith("안녕하세요")
    assert korean.conversation.subject == "견적 요청: 마스크팩 5000개"


def test_a_second_sync_imports_nothing_and_leaves_mails_unread(dovecot: Dovecot) -> None:
    dovecot.append(mail("plain_utf8.eml"), mail("html_only.eml"))
    mailbox_sync(config=dovecot.config())

    again = mailbox_sync(config=dovecot.config())

    assert again == SyncReport()
    assert Message.objects.count() == 2
    assert all(b"\\Seen" not in flags for flags in dovecot.flags())
    state = MailboxState.objects.get()
    assert (state.last_uid, state.last_error) == (2, "")
    assert state.last_polled_at is not None


def test_the_same_mail_delivered_twice_is_imported_once(dovecot: Dovecot) -> None:
    dovecot.append(mail("plain_utf8.eml"), mail("plain_utf8.eml"))
    assert mailbox_sync(config=dovecot.config()) == SyncReport(imported=1, duplicates=1)


def test_a_reply_is_threaded_into_the_conversation_it_references(dovecot: Dovecot) -> None:
    dovecot.append(mail("plain_utf8.eml"))
    mailbox_sync(config=dovecot.config())
    # A different subject: only the References header can thread it.
    reply = mail("reply_in_reply_to.eml").replace(
        b"Subject: Re: Price request for sheet masks", b"Subject: Proforma invoice please"
    )
    dovecot.append(reply)

    assert mailbox_sync(config=dovecot.config()) == SyncReport(imported=1)

    conversation = Conversation.objects.get()
    assert list(conversation.messages.values_list("external_id", flat=True)) == [
        "<20261127091500.4711@lumiere-import.fr>",
        "<20261129080500.99@lumiere-import.fr>",
    ]
    assert "> Dear Anna" not in conversation.messages.last().body  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("bad_file", "reason"),
    [
        ("malformed_no_from.eml", "no usable From address"),
        ("malformed_undecodable.eml", "cannot be decoded"),
        ("malformed_empty_body.eml", "no text and no attachment"),
    ],
)
def test_a_malformed_mail_is_quarantined_with_its_reason_while_the_others_import(
    dovecot: Dovecot, bad_file: str, reason: str
) -> None:
    dovecot.append(mail("plain_utf8.eml"), mail(bad_file), mail("html_only.eml"))

    report = mailbox_sync(config=dovecot.config())

    assert report == SyncReport(imported=2, quarantined=1)
    kept = QuarantinedMail.objects.get()
    assert reason in kept.reason
    assert bytes(kept.raw).replace(b"\r\n", b"\n") == mail(bad_file).replace(b"\r\n", b"\n")
    assert (kept.uid, kept.mailbox) == (2, dovecot.config().mailbox_name)
    assert mailbox_sync(config=dovecot.config()) == SyncReport()


def test_a_mail_the_inbox_refuses_is_kept_in_quarantine_as_an_error(dovecot: Dovecot) -> None:
    huge = b"From: Bulk <bulk@example.net>\r\nSubject: Price list\r\n\r\n" + b"x" * 120_000
    dovecot.append(huge, mail("plain_utf8.eml"))

    assert mailbox_sync(config=dovecot.config()) == SyncReport(imported=1, errors=1)
    kept = QuarantinedMail.objects.get()
    assert kept.reason.startswith("Import failed: ValidationError")
    assert kept.uid == 1


def test_an_automatic_reply_is_quarantined_not_imported(dovecot: Dovecot) -> None:
    dovecot.append(
        b"From: Anna <anna@lumiere-import.fr>\r\nSubject: Out of office\r\n"
        b"Auto-Submitted: auto-replied\r\nMessage-ID: <ooo@lumiere-import.fr>\r\n\r\n"
        b"I am away until Monday.\r\n"
    )
    assert mailbox_sync(config=dovecot.config()) == SyncReport(quarantined=1)
    assert "automatic" in QuarantinedMail.objects.get().reason


def test_a_new_uidvalidity_rescans_without_importing_twice(dovecot: Dovecot) -> None:
    dovecot.append(mail("plain_utf8.eml"), mail("korean_euckr.eml"))
    mailbox_sync(config=dovecot.config())
    before = MailboxState.objects.get().uidvalidity

    dovecot.reset_uidvalidity()
    dovecot.append(mail("html_only.eml"))
    report = mailbox_sync(config=dovecot.config())

    assert report == SyncReport(imported=1, duplicates=2)
    state = MailboxState.objects.get()
    assert state.uidvalidity != before
    assert state.last_uid == 3
    assert Message.objects.count() == 3


def test_the_limit_leaves_the_rest_for_the_next_sync(dovecot: Dovecot) -> None:
    dovecot.append(mail("plain_utf8.eml"), mail("korean_euckr.eml"), mail("html_only.eml"))
    assert mailbox_sync(config=dovecot.config(), limit=2) == SyncReport(imported=2)
    assert mailbox_sync(config=dovecot.config(), limit=2) == SyncReport(imported=1)


def test_a_wrong_password_raises_and_is_recorded_on_the_mailbox(dovecot: Dovecot) -> None:
    config = dovecot.config()
    wrong = ImapConfig(**{**config.__dict__, "password": "wrong"})
    with pytest.raises(MailboxSyncError):
        mailbox_sync(config=wrong)
    assert "AUTHENTICATIONFAILED" in MailboxState.objects.get().last_error


def test_a_missing_folder_raises_and_is_recorded(dovecot: Dovecot) -> None:
    with pytest.raises(MailboxSyncError, match="SELECT"):
        mailbox_sync(config=dovecot.config(folder="Alibaba Inquiries"))
    assert MailboxState.objects.get().last_error


def test_a_folder_with_spaces_and_korean_letters_is_read(dovecot: Dovecot) -> None:
    dovecot.append(mail("plain_utf8.eml"), folder='"&rHC3mMyY- 2026"')  # IMAP UTF-7
    assert mailbox_sync(config=dovecot.config(folder="거래처 2026")) == SyncReport(imported=1)


@pytest.mark.parametrize(
    ("folder", "wire"),
    [
        ("INBOX", "INBOX"),
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),  # RFC 3501's example
        ("A&B", "A&-B"),
    ],
)
def test_folder_names_are_sent_in_imap_modified_utf7(folder: str, wire: str) -> None:
    assert _imap_utf7(folder) == wire


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, None),
        (
            {"HOST": "imap.example.com", "USER": "sales", "PASSWORD": "pw"},
            ImapConfig("imap.example.com", 993, "sales", "pw", "INBOX", True, False),
        ),
        (
            {"HOST": "mail.local", "PORT": 143, "SSL": False, "STARTTLS": True, "FOLDER": "Buyers"},
            ImapConfig("mail.local", 143, "", "", "Buyers", False, True),
        ),
    ],
)
def test_the_mailbox_comes_from_the_settings(
    settings: Any, env: dict[str, Any], expected: ImapConfig | None
) -> None:
    settings.EXPORTDESK_IMAP_HOST = ""
    settings.EXPORTDESK_IMAP_PORT = 993
    settings.EXPORTDESK_IMAP_USER = ""
    settings.EXPORTDESK_IMAP_PASSWORD = ""
    settings.EXPORTDESK_IMAP_FOLDER = "INBOX"
    settings.EXPORTDESK_IMAP_SSL = True
    settings.EXPORTDESK_IMAP_STARTTLS = False
    for key, value in env.items():
        setattr(settings, f"EXPORTDESK_IMAP_{key}", value)
    assert imap_config_from_settings() == expected


def test_the_password_never_shows_in_the_config_repr() -> None:
    assert "s3cret" not in repr(ImapConfig("h", 993, "u", "s3cret"))


@pytest.mark.parametrize(
    ("name", "company"),
    [
        ("Jan Kowalski | BeautyPol Sp. z o.o.", ""),
        ("Anna Dubois", ""),
        ("ABC Trading", "ABC Trading"),
        ("Jan Kowalski - Beauty Import GmbH", "Beauty Import GmbH"),
        ("김민수 (한빛무역)", "한빛무역"),
        ("", ""),
    ],
)
def test_a_company_is_read_from_the_sender_name_only_when_it_looks_like_one(
    name: str, company: str
) -> None:
    assert company_from_display_name(name) == company
