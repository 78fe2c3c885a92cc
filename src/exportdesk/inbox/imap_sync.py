"""Importing the seller's mailbox over IMAP: every new mail becomes a buyer message.

``mailbox_sync`` reads the folder read-only (``SELECT`` with ``readonly``, ``BODY.PEEK[]``), so
mails are never marked read, moved or deleted: the seller's mail client sees what it saw before.
It remembers the last UID imported per mailbox (``MailboxState``) and starts over when the
server's UIDVALIDITY changes; ``message_receive`` drops a Message-ID seen before, so neither a
rebuilt mailbox nor two workers import a mail twice. A mail that cannot be imported is kept whole
in ``QuarantinedMail`` with the reason, and the sync goes on with the next one.
"""

from __future__ import annotations

import imaplib
import logging
import re
import ssl
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exportdesk.buyers.models import Channel
from exportdesk.inbox.mailparse import MalformedMail, ParsedMail, parse_mail
from exportdesk.inbox.models import MailboxState, QuarantinedMail
from exportdesk.inbox.services import message_receive

logger = logging.getLogger(__name__)

FETCH_BATCH = 25
TIMEOUT_SECONDS = 60


class MailboxSyncError(Exception):
    """The mailbox could not be read (connection, login, folder); the reason is in ``str()``."""


@dataclass(frozen=True)
class ImapConfig:
    """Where the seller's mailbox is. ``ssl`` is IMAPS (993); ``starttls`` upgrades plain 143."""

    host: str
    port: int
    user: str
    password: str
    folder: str = "INBOX"
    ssl: bool = True
    starttls: bool = False

    @property
    def mailbox_name(self) -> str:
        """The key of this folder's ``MailboxState`` (port left out: 143 and 993 are one box)."""
        return f"{self.user}@{self.host}/{self.folder}"[:255]

    def __repr__(self) -> str:  # never print the password into logs
        return f"ImapConfig({self.mailbox_name!r}, port={self.port})"


@dataclass(frozen=True)
class SyncReport:
    """What one sync did. ``quarantined`` are unusable mails (malformed, automatic replies);
    ``errors`` are mails whose import failed unexpectedly (kept in quarantine as well)."""

    imported: int = 0
    duplicates: int = 0
    quarantined: int = 0
    errors: int = 0

    def __str__(self) -> str:
        return (
            f"imported {self.imported}, duplicates {self.duplicates}, "
            f"quarantined {self.quarantined}, errors {self.errors}"
        )


def imap_config_from_settings() -> ImapConfig | None:
    """The mailbox configured by ``EXPORTDESK_IMAP_*``, or None when no host is set."""
    host = getattr(settings, "EXPORTDESK_IMAP_HOST", "")
    if not host:
        return None
    use_ssl = bool(getattr(settings, "EXPORTDESK_IMAP_SSL", True))
    return ImapConfig(
        host=host,
        port=int(getattr(settings, "EXPORTDESK_IMAP_PORT", 993 if use_ssl else 143)),
        user=getattr(settings, "EXPORTDESK_IMAP_USER", ""),
        password=getattr(settings, "EXPORTDESK_IMAP_PASSWORD", ""),
        folder=getattr(settings, "EXPORTDESK_IMAP_FOLDER", "INBOX") or "INBOX",
        ssl=use_ssl,
        starttls=bool(getattr(settings, "EXPORTDESK_IMAP_STARTTLS", False)),
    )


def _imap_utf7(folder: str) -> str:
    """A folder name in IMAP's modified UTF-7 (RFC 3501 §5.1.3): "받은편지함" → "&rDj...-"."""
    import base64

    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            encoded = base64.b64encode("".join(pending).encode("utf-16-be")).decode()
            out.append("&" + encoded.rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for char in folder:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return "".join(out)


def _quoted(folder: str) -> str:
    name = _imap_utf7(folder)
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


@contextmanager
def _connect(config: ImapConfig) -> Iterator[imaplib.IMAP4]:
    context = ssl.create_default_context()
    imap: imaplib.IMAP4
    if config.ssl:
        imap = imaplib.IMAP4_SSL(
            config.host, config.port, ssl_context=context, timeout=TIMEOUT_SECONDS
        )
    else:
        imap = imaplib.IMAP4(config.host, config.port, timeout=TIMEOUT_SECONDS)
        if config.starttls:
            imap.starttls(ssl_context=context)
    try:
        imap.login(config.user, config.password)
        yield imap
    finally:
        # A connection that is gone already has nothing left to close politely.
        with suppress(imaplib.IMAP4.error, OSError):
            imap.logout()


def _check(typ: str, data: Sequence[object], what: str) -> None:
    if typ != "OK":
        detail = b" ".join(d for d in data if isinstance(d, bytes)).decode(errors="replace")
        raise MailboxSyncError(f"{what} failed: {detail or typ}")


def _uidvalidity(imap: imaplib.IMAP4) -> int | None:
    _typ, data = imap.response("UIDVALIDITY")
    for item in data or ():
        if isinstance(item, bytes) and item.strip().isdigit():
            return int(item)
    return None


def _fetch(imap: imaplib.IMAP4, uids: list[int]) -> dict[int, bytes]:
    """Raw mails by UID. ``BODY.PEEK[]`` is RFC822 without setting the \\Seen flag."""
    typ, data = imap.uid("FETCH", ",".join(map(str, uids)), "(UID BODY.PEEK[])")
    _check(typ, data, "FETCH")
    found: dict[int, bytes] = {}
    for index, item in enumerate(data):
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes)):
            continue
        match = re.search(rb"UID (\d+)", item[0])
        if match is None and index + 1 < len(data) and isinstance(data[index + 1], bytes):
            # Some servers put "UID n" after the literal: b' UID 7)' follows the tuple.
            match = re.search(rb"UID (\d+)", data[index + 1])  # type: ignore[arg-type]
        if match is not None:
            found[int(match.group(1))] = item[1]
        elif len(uids) == 1:
            found[uids[0]] = item[1]
    return found


def _receive_kwargs(mail: ParsedMail) -> dict[str, object]:
    """``message_receive`` arguments: an Alibaba notification speaks for the buyer inside it."""
    common: dict[str, object] = {
        "sent_at": mail.date,
        "external_id": mail.message_id,
        "references": mail.references,
    }
    inquiry = mail.alibaba
    if inquiry is not None:
        return {
            **common,
            "channel": Channel.ALIBABA,
            "body": mail.message_body(),
            "email": inquiry.email,
            "platform_buyer_id": inquiry.platform_buyer_id,
            "company": inquiry.company,
            "country": inquiry.country,
            "contact_name": inquiry.contact_name,
            "subject": inquiry.subject or mail.subject,
            "buyer_fields": inquiry.buyer_fields(),
        }
    return {
        **common,
        "channel": Channel.EMAIL,
        "body": mail.message_body(),
        "email": mail.from_address,
        "contact_name": mail.from_name,
        "company": company_from_display_name(mail.from_name),
        "subject": mail.subject,
    }


_COMPANY_WORDS = re.compile(
    r"\b(ltd|limited|llc|inc|corp|corporation|co|company|gmbh|ag|kft|sarl|sas|srl|spa|s\.a"
    r"|b\.?v|pty|plc|ooo|trading|import|imports|export|group|distribution|cosmetics|beauty)\b"
    r"|주식회사|\(주\)|㈜|상사|무역",
    re.IGNORECASE,
)


def company_from_display_name(name: str) -> str:
    """The company in a sender name like "Jan Kowalski | BeautyPol Sp. z o.o." or "ABC Trading".

    Empty when the name looks like a person's; the service then names the buyer after the mail
    domain (or the person, for webmail).
    """
    for part in reversed(re.split(r"\s+[|/–—-]\s+|\s*[|(),]\s*", name)):
        if part and _COMPANY_WORDS.search(part):
            return part.strip()[:200]
    return ""


def _quarantine(*, mailbox: str, uid: int, raw: bytes, reason: str, message_id: str = "") -> bool:
    """Keep an unusable mail whole; False when this very mail is already in quarantine."""
    same_uid = QuarantinedMail.objects.filter(mailbox=mailbox, uid=uid).first()
    if same_uid is not None and bytes(same_uid.raw) == raw:
        return False
    if message_id and QuarantinedMail.objects.filter(mailbox=mailbox, message_id=message_id):
        return False
    QuarantinedMail.objects.create(
        mailbox=mailbox,
        # After a UIDVALIDITY change an old quarantined mail may hold this UID: keep both.
        uid=None if same_uid is not None else uid,
        message_id=message_id[:255],
        raw=raw,
        reason=reason,
    )
    return True


def _message_id_of(raw: bytes) -> str:
    match = re.search(rb"^Message-ID:\s*(<[^>\s]+>)", raw[:65536], re.IGNORECASE | re.MULTILINE)
    return match.group(1).decode("ascii", "replace") if match else ""


def _import_one(mailbox: str, uid: int, raw: bytes) -> str:
    """Import one mail; returns "imported", "duplicate", "quarantined", "error" or "skipped"."""
    try:
        mail = parse_mail(raw)
    except MalformedMail as problem:
        stored = _quarantine(
            mailbox=mailbox, uid=uid, raw=raw, reason=problem.reason, message_id=_message_id_of(raw)
        )
        return "quarantined" if stored else "skipped"
    except Exception as exc:  # a parser bug must not stop the mailbox either
        logger.exception("IMAP %s UID %s could not be parsed", mailbox, uid)
        _quarantine(
            mailbox=mailbox,
            uid=uid,
            raw=raw,
            reason=_("The mail cannot be parsed: %(error)s") % {"error": exc},
            message_id=_message_id_of(raw),
        )
        return "error"
    if mail.automated:
        stored = _quarantine(
            mailbox=mailbox,
            uid=uid,
            raw=raw,
            reason=_("An automatic mail (bounce or auto-reply), not a buyer message."),
            message_id=mail.message_id,
        )
        return "quarantined" if stored else "skipped"
    try:
        # A savepoint: a failed import leaves no half-written buyer or conversation behind.
        with transaction.atomic():
            received = message_receive(**_receive_kwargs(mail))  # type: ignore[arg-type]
    except Exception as exc:  # one bad mail must not stop the mailbox; it is kept, with why
        logger.exception("IMAP %s UID %s could not be imported", mailbox, uid)
        _quarantine(
            mailbox=mailbox,
            uid=uid,
            raw=raw,
            reason=(_("Import failed: %(error)s") % {"error": f"{type(exc).__name__}: {exc}"})[
                :2000
            ],
            message_id=mail.message_id,
        )
        return "error"
    return "duplicate" if received.duplicate else "imported"


def mailbox_sync(*, config: ImapConfig, limit: int = 500) -> SyncReport:
    """Import up to ``limit`` new mails from the configured folder; never changes the server.

    Raises ``MailboxSyncError`` when the mailbox cannot be read (the reason is also stored on the
    mailbox's ``MailboxState.last_error``); the mails imported before the failure stay imported.
    """
    state, _created = MailboxState.objects.get_or_create(name=config.mailbox_name)
    counts = {"imported": 0, "duplicate": 0, "quarantined": 0, "error": 0, "skipped": 0}
    try:
        with _connect(config) as imap:
            typ, data = imap.select(_quoted(config.folder), readonly=True)
            _check(typ, data, f"SELECT {config.folder}")
            validity = _uidvalidity(imap)
            if validity != state.uidvalidity:
                # New UIDVALIDITY: the old UIDs mean nothing now. Start over; the Message-ID
                # dedupe in message_receive keeps already imported mails from coming twice.
                if state.uidvalidity is not None:
                    logger.warning("IMAP %s: UIDVALIDITY changed, rescanning", state.name)
                state.uidvalidity = validity
                state.last_uid = 0
                state.save(update_fields=["uidvalidity", "last_uid"])
            typ, data = imap.uid("SEARCH", f"UID {state.last_uid + 1}:*")
            _check(typ, data, "SEARCH")
            # "N:*" always matches the highest UID, even one below N: filter.
            uids = sorted({int(u) for u in (data[0] or b"").split() if int(u) > state.last_uid})[
                : max(0, limit)
            ]
            for start in range(0, len(uids), FETCH_BATCH):
                batch = uids[start : start + FETCH_BATCH]
                raws = _fetch(imap, batch)
                for uid in batch:
                    raw = raws.get(uid)
                    if raw is not None:  # None: expunged since SEARCH, nothing to import
                        counts[_import_one(state.name, uid, raw)] += 1
                    state.last_uid = uid
                    state.save(update_fields=["last_uid"])
    except (imaplib.IMAP4.error, OSError, MailboxSyncError) as exc:
        reason = f"{type(exc).__name__}: {exc}"
        state.last_polled_at = timezone.now()
        state.last_error = reason
        state.save(update_fields=["last_polled_at", "last_error"])
        raise MailboxSyncError(reason) from exc
    state.last_polled_at = timezone.now()
    state.last_error = ""
    state.save(update_fields=["last_polled_at", "last_error"])
    return SyncReport(
        imported=counts["imported"],
        duplicates=counts["duplicate"] + counts["skipped"],
        quarantined=counts["quarantined"],
        errors=counts["error"],
    )
