"""Reading Alibaba.com inquiries: text a seller pastes from the message centre, and the
notification mails Alibaba.com sends for a new inquiry or message.

Pure parsing, no database. Alibaba.com offers no API to small sellers, so the inquiry reaches
ExportDesk either pasted by hand or as a notification mail; both are labelled blocks of text
("Country/Region: Hungary", "수량: 5,000 Pieces") around the buyer's own words. Labels are
recognised in English and Korean (the seller's UI language); whatever is not recognised stays in
the body, so nothing the buyer wrote is lost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

# What each label is, keyed by its normalised form (see ``_label_key``).
_LABELS: dict[str, str] = {}
for _field, _names in {
    "contact_name": (
        "name", "buyer", "buyer name", "contact", "contact name", "contact person", "from",
        "sender", "구매자", "구매자 이름", "구매자명", "바이어", "바이어 이름", "바이어명", "이름",
        "담당자", "보낸 사람", "보낸사람",
    ),
    "company": (
        "company", "company name", "buyer company", "organization", "회사", "회사명", "회사 이름",
        "업체", "업체명", "구매자 회사", "바이어 회사",
    ),
    "country": (
        "country", "country/region", "country / region", "region", "location", "buyer country",
        "buyer country/region", "국가", "국가/지역", "국가 / 지역", "지역", "구매자 국가",
        "바이어 국가",
    ),
    "email": ("email", "e-mail", "email address", "mail", "이메일", "이메일 주소", "메일"),
    "phone": ("phone", "tel", "telephone", "mobile", "whatsapp", "전화", "전화번호", "휴대폰"),
    "subject": (
        "product", "product name", "products", "subject", "inquiry about", "inquiry subject",
        "regarding", "item", "제품", "제품명", "상품", "상품명", "제목", "문의 제품", "문의 상품",
    ),
    "quantity": (
        "quantity", "purchase quantity", "order quantity", "qty", "required quantity",
        "수량", "구매 수량", "주문 수량", "구매수량", "필요 수량",
    ),
    "platform_level": (
        "buyer level", "level", "member level", "바이어 등급", "구매자 등급", "등급",
    ),
    "platform_buyer_id": ("buyer id", "member id", "login id", "회원 id", "바이어 id", "구매자 id"),
    "body": (
        "message", "inquiry", "inquiry content", "inquiry details", "inquiry message", "content",
        "details", "message content", "buyer message", "문의 내용", "문의내용", "메시지", "내용",
        "문의", "메시지 내용", "요청 내용",
    ),
}.items():  # fmt: skip
    for _name in _names:
        _LABELS[_name] = _field

# Lines from which on the rest is Alibaba.com's footer (buttons, legal text), not the buyer's.
_FOOTER = re.compile(
    r"^\s*(reply now|reply to this (inquiry|message)|reply\s*$|view (details|inquiry|message)"
    r"|download the alibaba|this (e-?mail|message) was sent|to protect your (account|privacy)"
    r"|alibaba\.com (customer service|team)|please do not reply|copyright|©"
    r"|답장하기|지금 답장|문의 보기|상세 보기|이 메일은 발신 전용)",
    re.IGNORECASE,
)
_LABEL_LINE = re.compile(r"^\s*[*•·\-]?\s*(?P<label>[^:：\n]{1,40}?)\s*[:：]\s*(?P<value>.*)$")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(\.[\w-]+)+")
_LEVEL = re.compile(r"\bL\s*([0-4])\b", re.IGNORECASE)
# "You have received a new inquiry from John Smith of ABC Trading Ltd."
_FROM_SENTENCE = re.compile(
    r"(new (inquiry|message|rfq|quotation request)s? from|inquiry from|message from)\s+"
    r"(?P<who>[^\n]+?)\s*[.!]?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# "John Smith님으로부터 새 문의가 도착했습니다", "John Smith 님의 새 메시지"
_FROM_SENTENCE_KO = re.compile(
    r"^(?P<who>[^\n]+?)\s*님(으로부터|이|께서|의)\s*(새\s*)?(문의|메시지|메세지)",
    re.MULTILINE,
)
_NOTIFICATION_SUBJECT = re.compile(
    r"^\s*(\[alibaba\.com\]\s*)?("
    r"you have (received )?(a )?new (inquiry|message|rfq)|new (inquiry|message|rfq)s? from"
    r"|(inquiry|message) from .+ (on|via) alibaba"
    r"|.+님(으로부터|의)\s*새\s*(문의|메시지)|새\s*(문의|메시지)(가)?\s*(도착|있습니다))",
    re.IGNORECASE,
)
ALIBABA_SENDER_DOMAINS = ("alibaba.com", "service.alibaba.com", "alibaba-inc.com", "alibaba.com.cn")
_COMPANY_HINT = re.compile(
    r"\b(ltd|limited|llc|inc|corp|co|gmbh|kft|s\.?a|s\.?r\.?l|sp\. z o\.o|b\.?v|pty|plc|ooo"
    r"|trading|import|export|group|company|distribution|cosmetics)\b\.?|주식회사|\(주\)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PastedInquiry:
    """An Alibaba.com inquiry read from text: who, from where, about what, and the message.

    ``country`` is the ISO 3166 alpha-2 code when the shown country/region could be read, else
    empty (``country_text`` keeps what was shown). ``body`` is only the buyer's message.
    """

    body: str
    contact_name: str = ""
    company: str = ""
    country: str = ""
    country_text: str = ""
    email: str = ""
    phone: str = ""
    subject: str = ""
    quantity: str = ""
    platform_level: str = ""
    platform_buyer_id: str = ""

    def message_text(self) -> str:
        """The body plus the product and quantity the buyer filled in on Alibaba's form.

        The inquiry form asks for product and quantity in fields of their own; appended here
        (when the message does not already say them) so triage reads the quantity asked for.
        """
        extra = [
            f"{label}: {value}"
            for label, value in (("Product", self.subject), ("Quantity", self.quantity))
            if value and value.casefold() not in self.body.casefold()
        ]
        return "\n\n".join([self.body, "\n".join(extra)]) if extra else self.body

    def buyer_fields(self) -> dict[str, Any]:
        """Extra buyer fields for ``message_receive(buyer_fields=...)``: phone, platform level."""
        fields: dict[str, Any] = {}
        if self.platform_level:
            fields["platform_level"] = self.platform_level
        if self.phone:
            fields["phone"] = self.phone[:40]
        return fields


def _label_key(label: str) -> str:
    key = unicodedata.normalize("NFKC", label).casefold().strip()
    key = re.sub(r"['’]s\b", "", key)
    key = re.sub(r"\s+", " ", key.replace("_", " ")).strip(" *•·-")
    return key


def _field_of(label: str) -> str | None:
    key = _label_key(label)
    return _LABELS.get(key) or _LABELS.get(re.sub(r"^(buyer|구매자|바이어)\s+", "", key))


def resolve_country(text: str) -> str:
    """ISO alpha-2 for a shown country/region ("Hungary", "헝가리", "HU"), or "" when unknown."""
    from exportdesk.imports.values import ValueProblem, parse_country

    cleaned = re.sub(r"[\U0001F1E6-\U0001F1FF]", "", text).strip(" .,()")
    candidates = [cleaned, *re.split(r"\s*[,/|(]\s*|\s+-\s+", cleaned)[::-1]]
    for candidate in candidates:
        if not candidate.strip(" )"):
            continue
        try:
            return parse_country(candidate.strip(" )"))
        except ValueProblem:
            continue
    return ""


def _split_who(who: str) -> tuple[str, str, str]:
    """ "John Smith of ABC Ltd (Hungary)" → (name, company, country text)."""
    who = who.strip().strip("\"'")
    country_text = ""
    bracket = re.search(r"\(([^)]*)\)\s*$", who)
    if bracket:
        country_text = bracket.group(1)
        who = who[: bracket.start()].strip()
    parts = re.split(r"\s+(?:of|from|at|@)\s+|\s*[,|–—]\s*|\s+-\s+", who, maxsplit=1)
    name, company = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
    if company and not country_text and resolve_country(company):
        company, country_text = "", company
    if not company and _COMPANY_HINT.search(name):
        name, company = "", name
    return name, company, country_text


def parse_pasted_inquiry(text: str) -> PastedInquiry:
    """Read the inquiry a seller copied from Alibaba.com (message centre or notification mail).

    Labelled lines fill the fields; the text under the message label (up to Alibaba's footer) is
    the body. Without a message label the unlabelled lines are the body, and when nothing at all
    is recognised the whole text is.
    """
    text = unicodedata.normalize("NFC", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    found: dict[str, str] = {}
    body_lines: list[str] = []
    loose_lines: list[str] = []
    in_body = False
    waiting_for: str | None = None  # a label on its own line: its value is on the next line
    for line in text.split("\n"):
        stripped = line.strip()
        if _FOOTER.match(stripped) and (in_body or found):
            if in_body:
                break
            continue
        match = _LABEL_LINE.match(line)
        field = _field_of(match.group("label")) if match else None
        if in_body:
            # The buyer's own "Quantity: 5000 pcs" stays in the body and fills a missing field.
            if match and field and field != "body" and match.group("value").strip():
                found.setdefault(field, match.group("value").strip())
            body_lines.append(line.rstrip())
            continue
        if waiting_for and stripped:
            found.setdefault(waiting_for, stripped)
            waiting_for = None
            continue
        if match and field == "body":
            in_body = True
            if match.group("value").strip():
                body_lines.append(match.group("value").strip())
            continue
        if match and field:
            value = match.group("value").strip()
            if value:
                found.setdefault(field, value)
            else:
                waiting_for = field
            continue
        # A label alone on a line without a colon ("국가/지역" then "헝가리").
        if stripped and len(stripped) <= 40 and _field_of(stripped) in {"country", "quantity"}:
            waiting_for = _field_of(stripped)
            continue
        loose_lines.append(line.rstrip())

    sentence = _FROM_SENTENCE.search(text) or _FROM_SENTENCE_KO.search(text)
    if sentence:
        name, company, country_text = _split_who(sentence.group("who"))
        found.setdefault("contact_name", name)
        if company:
            found.setdefault("company", company)
        if country_text:
            found.setdefault("country", country_text)
        loose_lines = [line for line in loose_lines if sentence.group(0).strip() not in line]

    body = "\n".join(body_lines).strip()
    if not body:
        loose = "\n".join(line for line in loose_lines if not _FOOTER.match(line.strip())).strip()
        body = _drop_greeting(loose) if found else text.strip()
        if not body:
            body = text.strip()
    email = found.get("email", "")
    email_match = _EMAIL.search(email) or _EMAIL.search(body)
    if email_match and "alibaba" in email_match.group(0).lower().rpartition("@")[2]:
        email_match = None
    level = _LEVEL.search(found.get("platform_level", ""))
    country_text = found.get("country", "").strip()
    return PastedInquiry(
        body=body,
        contact_name=found.get("contact_name", "")[:120],
        company=found.get("company", "")[:200],
        country=resolve_country(country_text) if country_text else "",
        country_text=country_text,
        email=email_match.group(0).lower() if email_match else "",
        phone=found.get("phone", ""),
        subject=found.get("subject", "")[:255],
        quantity=found.get("quantity", ""),
        platform_level=f"L{level.group(1)}" if level else "",
        platform_buyer_id=found.get("platform_buyer_id", "")[:64],
    )


def _drop_greeting(text: str) -> str:
    """Drop the notification's "Dear Supplier," salutation, which Alibaba wrote, not the buyer."""
    return re.sub(
        r"^\s*(dear (supplier|seller|customer|member)[^\n]*|안녕하세요[^\n]*고객님[^\n]*|"
        r"hello,? supplier[^\n]*)\n",
        "",
        text,
        flags=re.IGNORECASE,
    ).strip()


def is_alibaba_sender(address: str) -> bool:
    """Whether a From address belongs to Alibaba.com's notification service."""
    domain = address.strip().lower().rpartition("@")[2].rstrip(">")
    return any(domain == d or domain.endswith("." + d) for d in ALIBABA_SENDER_DOMAINS)


def parse_alibaba_notification(
    subject: str, text: str, html: str, *, sender: str = ""
) -> PastedInquiry | None:
    """The inquiry inside an Alibaba.com notification mail, or None for any other mail.

    A notification is a mail whose subject announces a new inquiry or message and that comes
    from an Alibaba.com domain (when ``sender`` is given) or, without a sender, whose text names
    alibaba.com. A buyer's own mail that merely mentions Alibaba is not one.
    """
    if not _NOTIFICATION_SUBJECT.search(subject or ""):
        return None
    if sender and not is_alibaba_sender(sender):
        return None
    if not (text or "").strip() and html:
        # Imported here: mailparse imports this module for its own use of the parser.
        from exportdesk.inbox.mailparse import html_to_text

        text = html_to_text(html)
    if not sender and "alibaba" not in (text + html).lower():
        return None
    inquiry = parse_pasted_inquiry(text)
    if not (inquiry.contact_name or inquiry.company):
        who = re.search(r"from\s+(?P<who>.+)$", subject, re.IGNORECASE) or re.search(
            r"^(?P<who>.+?)님", subject
        )
        if who:
            name, company, country_text = _split_who(who.group("who"))
            inquiry = PastedInquiry(
                **{
                    **inquiry.__dict__,
                    "contact_name": name,
                    "company": company,
                    "country_text": inquiry.country_text or country_text,
                    "country": inquiry.country or resolve_country(country_text),
                }
            )
    return inquiry
