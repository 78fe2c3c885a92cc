"""Turning one raw mail (RFC 5322 bytes, as IMAP hands it over) into what the inbox needs.

Pure parsing with the stdlib ``email`` package (``policy.default``), no database. Korean mail
still arrives in EUC-KR/CP949 as often as in UTF-8, sometimes with raw 8-bit headers; both are
read. The body is the buyer's new text: the quoted history under "On … wrote:" is dropped,
because the earlier messages are already in the conversation.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from exportdesk.inbox.alibaba import PastedInquiry, parse_alibaba_notification

MAX_MAIL_BYTES = 25 * 1024 * 1024
_MSGID = re.compile(r"<[^<>\s]+>")
# Korean mailers label EUC-KR what is really CP949 (its superset); decoding as CP949 loses none.
_CHARSET_UPGRADES = {"euc-kr": "cp949", "euc_kr": "cp949", "ks_c_5601-1987": "cp949", "": "utf-8"}


class MalformedMail(ValueError):
    """A mail that cannot become a message; ``reason`` says why, for the quarantine list."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ParsedMail:
    """The parts of one mail the inbox uses. ``date`` is aware UTC; ids keep their <brackets>."""

    message_id: str
    in_reply_to: str
    references: tuple[str, ...]
    from_name: str
    from_address: str
    to: tuple[str, ...]
    subject: str
    date: datetime
    body: str
    attachments: tuple[str, ...] = ()
    alibaba: PastedInquiry | None = None
    automated: bool = False

    def message_body(self) -> str:
        """The text to store: the body, then the names of attachments (not imported)."""
        if not self.attachments:
            return self.body
        names = ", ".join(self.attachments)
        return f"{self.body}\n\n[Attachments: {names}]".strip()


class _TextExtractor(HTMLParser):
    """HTML to readable text: block elements become line breaks, scripts and styles vanish."""

    BLOCKS = frozenset(
        {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
         "blockquote", "section", "article", "header", "footer", "hr", "pre", "dd", "dt"}
    )  # fmt: skip
    SKIP = frozenset({"script", "style", "head", "title", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.quote_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag == "blockquote":
            self.quote_depth += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in {"td", "th"}:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag == "blockquote" and self.quote_depth:
            self.quote_depth -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        text = re.sub(r"\s+", " ", data)
        if self.quote_depth:
            # Quoted history in HTML replies: mark it like a plain-text quote so it is dropped.
            text = text.replace("\n", "\n> ")
            if not self.parts or self.parts[-1].endswith("\n"):
                text = "> " + text.lstrip()
        self.parts.append(text)


def html_to_text(html: str) -> str:
    """Readable text from an HTML mail body (stdlib ``html.parser``; no markup survives)."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = [line.strip() for line in "".join(extractor.parts).replace("\xa0", " ").split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# A line (or up to three wrapped lines) that introduces the quoted history of a reply.
_QUOTE_INTRO = re.compile(
    r"^(on|le|am|el|il|em|op|w dniu)\s.{0,300}(wrote|a écrit|schrieb|escribió|ha scritto|escreveu"
    r"|schreef|napisał)\s*:$"
    r"|^.{0,200}(님이 작성|작성하셨습니다|작성했습니다)\s*:?$"
    r"|^-{2,}\s*(original message|forwarded message|원본 메시지|전달된 메시지|원본메일)\s*-{2,}$"
    r"|^_{10,}$",
    re.IGNORECASE,
)
_QUOTE_INTRO_START = re.compile(r"^((on|le|am|el|il|em|op|w dniu)\s|\d)", re.IGNORECASE)
_OUTLOOK_FROM = re.compile(r"^(from|보낸 사람|von|de)\s*:", re.IGNORECASE)
_OUTLOOK_SENT = re.compile(r"^(sent|date|보낸 날짜|gesendet|envoyé)\s*:", re.IGNORECASE)


def strip_quoted_history(text: str) -> str:
    """The new part of a reply: cut at "On … wrote:" / "-----Original Message-----" / an
    Outlook "From:/Sent:" header block, and drop ">"-quoted lines.

    Returns the text unchanged when cutting would leave nothing (a bare forward).
    """
    lines = text.split("\n")
    cut = len(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        window = [stripped]
        if _QUOTE_INTRO_START.match(stripped):
            # Mail clients wrap a long "On <date>, <name> <address> wrote:" over 2-3 lines.
            following: list[str] = []
            for part in lines[index + 1 : index + 3]:
                if not part.strip():
                    break
                following.append(part.strip())
                window.append(" ".join([stripped, *following]))
        if any(_QUOTE_INTRO.match(candidate) for candidate in window):
            cut = index
            break
        if _OUTLOOK_FROM.match(stripped) and any(
            _OUTLOOK_SENT.match(later.strip()) for later in lines[index + 1 : index + 5]
        ):
            cut = index
            break
    kept = [line for line in lines[:cut] if not line.lstrip().startswith(">")]
    result = "\n".join(kept).strip()
    return result or text.strip()


def _decode_raw_header(value: str) -> str:
    """Raw 8-bit header bytes (not RFC 2047 encoded), common from old Korean mailers."""
    data = value.encode("ascii", "surrogateescape")
    for charset in ("utf-8", "cp949"):
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def _header(msg: EmailMessage, name: str) -> str:
    """A header's decoded text, whether RFC 2047 encoded or sent as raw 8-bit bytes."""
    for key, raw in msg.raw_items():
        if key.lower() != name.lower():
            continue
        if isinstance(raw, str) and re.search(r"[\udc80-\udcff]", raw):
            return " ".join(_decode_raw_header(raw).split())
        try:
            value = msg[name]
        except Exception:  # a header the registry cannot parse: its raw text is still usable
            value = raw
        return " ".join(str(value if value is not None else "").split())
    return ""


def _message_ids(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(mid for mid in _MSGID.findall(value or "") if len(mid) <= 255))


def _decode_part(part: EmailMessage) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    declared = (part.get_content_charset() or "").lower()
    tried: list[str] = []
    for charset in (_CHARSET_UPGRADES.get(declared, declared), "utf-8", "cp949"):
        if charset in tried:
            continue
        tried.append(charset)
        try:
            return payload.decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
    lenient = payload.decode("utf-8", "replace")
    if lenient.count("\ufffd") > max(3, len(lenient) // 50):
        raise MalformedMail(
            _("The body cannot be decoded (declared charset %(charset)s).")
            % {"charset": declared or "-"}
        )
    return lenient


def _attachment_names(msg: EmailMessage) -> tuple[str, ...]:
    names: list[str] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        if filename is None and part.get_content_disposition() != "attachment":
            continue
        name = str(filename or part.get_content_type())
        if re.search(r"[\udc80-\udcff]", name):
            name = _decode_raw_header(name)
        names.append(" ".join(name.split()))
    return tuple(names)


def _bodies(msg: EmailMessage) -> tuple[str, str]:
    """The first inline text/plain and text/html parts (either may be empty)."""
    plain = html = ""
    for part in msg.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        if part.get_filename():
            continue
        kind = part.get_content_type()
        if kind == "text/plain" and not plain.strip():
            plain = _decode_part(part)  # type: ignore[arg-type]
        elif kind == "text/html" and not html.strip():
            html = _decode_part(part)  # type: ignore[arg-type]
    return plain, html


def _date(msg: EmailMessage, now: datetime) -> datetime:
    raw = _header(msg, "Date")
    try:
        moment = parsedate_to_datetime(raw) if raw else None
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is None:
        return now
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    # A sender's clock far in the future would put the mail above every other: use arrival.
    return now if moment > now + timedelta(days=1) else moment


def _automated(msg: EmailMessage, from_address: str) -> bool:
    auto = _header(msg, "Auto-Submitted").lower()
    local = from_address.partition("@")[0].lower()
    return (
        (bool(auto) and auto != "no")
        or msg.get_content_type() == "multipart/report"
        or local in {"mailer-daemon", "postmaster"}
    )


def parse_mail(raw: bytes, *, now: datetime | None = None) -> ParsedMail:
    """Parse one raw mail; raise ``MalformedMail`` when it cannot become a buyer message.

    Unusable: no sender address, a body that cannot be decoded, no text and no attachment.
    A mail without a Message-ID gets a stable one made from its bytes, so importing it twice
    is still recognised.
    """
    moment = now or datetime.now(UTC)
    if not raw or not raw.strip():
        raise MalformedMail(_("The mail is empty."))
    if len(raw) > MAX_MAIL_BYTES:
        raise MalformedMail(
            _("The mail is larger than %(size)s MB.") % {"size": MAX_MAIL_BYTES // (1024 * 1024)}
        )
    try:
        msg = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception as exc:  # the parser is lenient; anything it raises is a broken mail
        raise MalformedMail(_("The mail cannot be parsed: %(error)s") % {"error": exc}) from exc
    assert isinstance(msg, EmailMessage)

    from_name, from_address = _sender(msg)
    if not from_address:
        raise MalformedMail(_("The mail has no usable From address."))
    subject = _header(msg, "Subject")
    message_id = next(iter(_message_ids(_header(msg, "Message-ID"))), "")
    if not message_id:
        message_id = f"<{hashlib.sha256(raw).hexdigest()[:40]}@exportdesk.invalid>"
    in_reply_to = next(iter(_message_ids(_header(msg, "In-Reply-To"))), "")
    references = _message_ids(_header(msg, "References"))
    if in_reply_to and in_reply_to not in references:
        references = (*references, in_reply_to)

    try:
        plain, html = _bodies(msg)
        attachments = _attachment_names(msg)
    except MalformedMail:
        raise
    except Exception as exc:
        raise MalformedMail(_("The mail body cannot be read: %(error)s") % {"error": exc}) from exc
    alibaba = parse_alibaba_notification(subject, plain, html, sender=from_address)
    text = plain if plain.strip() else html_to_text(html) if html.strip() else ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    body = alibaba.message_text() if alibaba else strip_quoted_history(text)
    if not body.strip() and not attachments:
        raise MalformedMail(_("The mail has no text and no attachment."))
    to = tuple(
        address.lower() for _name, address in getaddresses([_header(msg, "To")]) if "@" in address
    )
    return ParsedMail(
        message_id=message_id,
        in_reply_to=in_reply_to,
        references=references,
        from_name=from_name,
        from_address=from_address,
        to=to,
        subject=subject,
        date=_date(msg, moment),
        body=body.strip(),
        attachments=attachments,
        alibaba=alibaba,
        automated=alibaba is None and _automated(msg, from_address),
    )


def _sender(msg: EmailMessage) -> tuple[str, str]:
    raw = _header(msg, "From")
    try:
        header = msg["From"]
        addresses = getattr(header, "addresses", ()) if header is not None else ()
    except Exception:
        addresses = ()
    name, address = parseaddr(raw)
    for found in addresses:
        if isinstance(found, Address) and found.username and found.domain:
            display = str(found.display_name or "")
            if re.search(r"[\udc80-\udcff\ufffd]", display):
                display = name  # raw 8-bit name bytes: ``raw`` holds them decoded
            return display.strip(), found.addr_spec.lower()
    if "@" in address and "." in address.rpartition("@")[2]:
        return name.strip(), address.lower()
    return "", ""
