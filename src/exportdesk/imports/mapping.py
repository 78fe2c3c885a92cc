"""Which column holds which field: the fields of each import kind and header auto-detection.

Headers are compared after ``values.match_key`` (case, width, spaces and punctuation ignored),
first exactly against each field's synonyms in Korean and English and against its labels in
every UI language (so our own exports re-import in either language), then by containment for
what is still unmatched (``"Company Name (English)"`` still finds the company).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exportdesk.imports.values import match_key


@dataclass(frozen=True)
class FieldSpec:
    """One importable field: its key, label, synonyms and whether a column must be mapped."""

    key: str
    label: str | Promise
    synonyms: tuple[str, ...] = ()
    required: bool = False
    help: str | Promise = ""


class MappingError(ValueError):
    """A mapping that cannot be used (unknown field or column, required field missing)."""


# Buyer identity: shared by the three kinds (orders and messages name their buyer too).
BUYER_IDENTITY = (
    FieldSpec(
        "platform_buyer_id",
        gettext_lazy("Platform buyer ID"),
        (
            "Buyer ID",
            "Alibaba ID",
            "Member ID",
            "Login ID",
            "Customer ID",
            "바이어 ID",
            "바이어아이디",
            "회원 ID",
            "회원아이디",
            "플랫폼 ID",
            "고객 ID",
            "알리바바 ID",
        ),
    ),
    FieldSpec(
        "email",
        gettext_lazy("Email"),
        (
            "E-mail",
            "Email Address",
            "E-mail Address",
            "Mail",
            "Buyer Email",
            "이메일",
            "이메일 주소",
            "메일",
            "메일주소",
            "전자우편",
        ),
    ),
    FieldSpec(
        "company",
        gettext_lazy("Company"),
        (
            "Company Name",
            "Company",
            "Buyer Company",
            "Business Name",
            "Organization",
            "Organisation",
            "Customer",
            "Customer Name",
            "Buyer",
            "회사명",
            "업체명",
            "회사",
            "상호",
            "상호명",
            "기업명",
            "바이어명",
            "바이어 회사",
            "고객사",
            "거래처",
            "거래처명",
        ),
    ),
    FieldSpec(
        "country",
        gettext_lazy("Country"),
        (
            "Country/Region",
            "Country",
            "Country Code",
            "Nation",
            "Buyer Country",
            "국가",
            "국가/지역",
            "국가명",
            "나라",
            "국적",
        ),
    ),
    FieldSpec(
        "contact_name",
        gettext_lazy("Contact name"),
        (
            "Contact",
            "Contact Name",
            "Contact Person",
            "Name",
            "Buyer Name",
            "Full Name",
            "담당자",
            "담당자명",
            "담당자 이름",
            "연락 담당자",
            "이름",
            "성명",
        ),
    ),
)

BUYER_FIELDS = (
    *BUYER_IDENTITY,
    FieldSpec(
        "phone",
        gettext_lazy("Phone"),
        (
            "Tel",
            "Telephone",
            "Phone Number",
            "Mobile",
            "Mobile Phone",
            "Cell",
            "WhatsApp",
            "WhatsApp Number",
            "전화",
            "전화번호",
            "연락처",
            "휴대폰",
            "핸드폰",
            "휴대전화",
        ),
    ),
    FieldSpec(
        "website",
        gettext_lazy("Website"),
        ("Web", "Web Site", "URL", "Homepage", "Home Page", "웹사이트", "홈페이지", "사이트"),
    ),
    FieldSpec(
        "channel",
        gettext_lazy("Channel"),
        ("Source", "Lead Source", "Inquiry Channel", "채널", "유입 채널", "유입경로", "문의 경로"),
    ),
    FieldSpec(
        "platform_level",
        gettext_lazy("Buyer level"),
        (
            "Buyer Level",
            "Level",
            "Platform Level",
            "Member Level",
            "바이어 등급",
            "바이어 레벨",
            "바이어등급",
            "플랫폼 등급",
            "플랫폼 레벨",
            "레벨",
            "회원 등급",
        ),
    ),
    FieldSpec(
        "company_size",
        gettext_lazy("Company size"),
        (
            "Company Size",
            "Size",
            "Employees",
            "Number of Employees",
            "No. of Employees",
            "Staff",
            "회사 규모",
            "기업 규모",
            "규모",
            "직원 수",
            "직원수",
            "종업원 수",
        ),
    ),
    FieldSpec(
        "business_type",
        gettext_lazy("Business type"),
        (
            "Business Type",
            "Buyer Type",
            "Company Type",
            "Type",
            "업종",
            "사업 유형",
            "업태",
            "비즈니스 유형",
            "바이어 유형",
        ),
    ),
    FieldSpec(
        "annual_purchase",
        gettext_lazy("Estimated annual purchase"),
        (
            "Annual Purchase",
            "Estimated Annual Purchase",
            "Annual Purchasing Volume",
            "Annual Purchase Volume",
            "Annual Volume",
            "Annual Budget",
            "연간 구매액",
            "연간 구매 예상액",
            "연간 예상 구매액",
            "연 구매액",
            "연간구매액",
        ),
    ),
    FieldSpec(
        "annual_purchase_currency",
        gettext_lazy("Currency"),
        ("Currency", "Currency Code", "통화", "화폐", "통화 코드"),
    ),
    FieldSpec(
        "assigned_rep",
        gettext_lazy("Assigned rep"),
        (
            "Assigned Rep",
            "Sales Rep",
            "Rep",
            "Salesperson",
            "Account Manager",
            "Owner",
            "영업 담당",
            "영업담당",
            "영업 담당자",
            "영업담당자",
            "담당 영업",
        ),
        help=gettext_lazy("A user name or email of one of your users."),
    ),
    FieldSpec(
        "tags",
        gettext_lazy("Tags"),
        ("Tag", "Labels", "Label", "태그", "라벨"),
        help=gettext_lazy("Separated by commas; system tags are ignored."),
    ),
    FieldSpec(
        "notes",
        gettext_lazy("Notes"),
        (
            "Note",
            "Remarks",
            "Remark",
            "Comment",
            "Comments",
            "Memo",
            "메모",
            "비고",
            "참고",
            "특이사항",
        ),
    ),
    FieldSpec(
        "first_contact_at",
        gettext_lazy("First contact"),
        (
            "First Contact",
            "First Contact Date",
            "First Inquiry",
            "Date Added",
            "Created",
            "Created At",
            "Registered",
            "첫 연락",
            "첫 문의일",
            "최초 문의일",
            "최초 연락일",
            "등록일",
        ),
    ),
    FieldSpec(
        "last_contact_at",
        gettext_lazy("Last contact"),
        (
            "Last Contact",
            "Last Contact Date",
            "Last Activity",
            "Last Inquiry",
            "최근 연락",
            "최근 연락일",
            "최근 문의일",
            "마지막 연락",
            "마지막 연락일",
        ),
    ),
)

ORDER_FIELDS = (
    FieldSpec(
        "number",
        gettext_lazy("Order number"),
        (
            "Order No",
            "Order No.",
            "Order Number",
            "Order ID",
            "Order #",
            "Order",
            "PO Number",
            "PO No",
            "PO",
            "Invoice No",
            "주문번호",
            "주문 번호",
            "오더번호",
            "오더 번호",
            "발주번호",
        ),
        required=True,
    ),
    *BUYER_IDENTITY,
    FieldSpec(
        "ordered_at",
        gettext_lazy("Order date"),
        (
            "Order Date",
            "Date",
            "Ordered",
            "Created",
            "주문일",
            "주문일자",
            "주문 날짜",
            "날짜",
            "일자",
        ),
    ),
    FieldSpec(
        "status",
        gettext_lazy("Status"),
        ("Order Status", "Status", "상태", "주문 상태", "주문상태", "진행 상태"),
    ),
    FieldSpec(
        "payment_channel",
        gettext_lazy("Payment method"),
        (
            "Payment",
            "Payment Method",
            "Payment Terms",
            "Payment Channel",
            "결제 방식",
            "결제방식",
            "결제수단",
            "결제 수단",
        ),
    ),
    FieldSpec("currency", gettext_lazy("Currency"), ("Currency", "통화", "화폐")),
    FieldSpec(
        "total",
        gettext_lazy("Order total"),
        (
            "Total",
            "Order Total",
            "Order Amount",
            "Total Amount",
            "Grand Total",
            "총액",
            "합계",
            "주문 금액",
            "주문금액",
            "결제금액",
            "총 금액",
        ),
    ),
    FieldSpec(
        "sku",
        gettext_lazy("SKU"),
        (
            "SKU",
            "Product Code",
            "Item Code",
            "Item No",
            "Model",
            "품번",
            "상품코드",
            "제품코드",
            "모델명",
        ),
    ),
    FieldSpec(
        "product",
        gettext_lazy("Product"),
        (
            "Product",
            "Product Name",
            "Item",
            "Item Name",
            "Description",
            "상품명",
            "제품명",
            "품명",
            "품목",
        ),
    ),
    FieldSpec(
        "quantity", gettext_lazy("Quantity"), ("Qty", "Quantity", "Q'ty", "수량", "주문수량")
    ),
    FieldSpec(
        "unit_price",
        gettext_lazy("Unit price"),
        ("Unit Price", "Price", "Price per Unit", "단가", "개당 가격", "판매단가"),
    ),
    FieldSpec(
        "line_total",
        gettext_lazy("Line total"),
        ("Line Total", "Subtotal", "Line Amount", "Amount", "금액", "소계", "공급가액"),
    ),
    FieldSpec(
        "paid_at",
        gettext_lazy("Paid date"),
        ("Paid Date", "Payment Date", "Paid", "결제일", "입금일", "결제일자"),
    ),
    FieldSpec(
        "shipped_at",
        gettext_lazy("Shipped date"),
        ("Shipped Date", "Ship Date", "Shipped", "발송일", "출고일", "선적일"),
    ),
    FieldSpec(
        "delivered_at",
        gettext_lazy("Delivered date"),
        ("Delivered Date", "Delivery Date", "Delivered", "배송완료일", "도착일", "수령일"),
    ),
    FieldSpec(
        "cancelled_at",
        gettext_lazy("Cancelled date"),
        ("Cancelled Date", "Canceled Date", "Cancelled", "취소일"),
    ),
)

MESSAGE_FIELDS = (
    *BUYER_IDENTITY,
    FieldSpec(
        "sent_at",
        gettext_lazy("Date and time"),
        (
            "Date",
            "Date/Time",
            "Datetime",
            "Sent",
            "Sent At",
            "Received",
            "Received At",
            "Time",
            "Timestamp",
            "일시",
            "날짜",
            "시간",
            "보낸 시간",
            "받은 시간",
            "수신일시",
            "발송일시",
        ),
        required=True,
    ),
    FieldSpec(
        "direction",
        gettext_lazy("Direction"),
        ("Direction", "In/Out", "Inbound/Outbound", "From", "방향", "구분", "수신/발신", "송수신"),
        help=gettext_lazy("in/out, received/sent, 수신/발신; empty means from the buyer."),
    ),
    FieldSpec(
        "body",
        gettext_lazy("Message"),
        (
            "Message",
            "Body",
            "Content",
            "Text",
            "Message Body",
            "내용",
            "메시지",
            "본문",
            "메시지 내용",
        ),
        required=True,
    ),
    FieldSpec("channel", gettext_lazy("Channel"), ("Channel", "Source", "채널", "경로")),
    FieldSpec("subject", gettext_lazy("Subject"), ("Subject", "Title", "Topic", "제목")),
    FieldSpec(
        "external_id",
        gettext_lazy("Message ID"),
        ("Message ID", "Msg ID", "ID", "메시지 ID", "메시지 번호"),
    ),
)

FIELDS_BY_KIND: dict[str, tuple[FieldSpec, ...]] = {
    "buyers": BUYER_FIELDS,
    "orders": ORDER_FIELDS,
    "messages": MESSAGE_FIELDS,
}
# Columns that identify a buyer: a file must map at least one of them.
IDENTITY_KEYS = ("platform_buyer_id", "email", "company")


def fields_for(kind: str) -> tuple[FieldSpec, ...]:
    """The field specs of an import kind (``buyers``, ``orders``, ``messages``)."""
    try:
        return FIELDS_BY_KIND[kind]
    except KeyError:
        raise MappingError(_("Unknown import kind: %(kind)s") % {"kind": kind}) from None


@lru_cache(maxsize=8)
def _synonym_table(kind: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(exact key → field, [(key, field)] longest first for containment matching)."""
    exact: dict[str, str] = {}
    languages = [code for code, _name in settings.LANGUAGES]
    for spec in fields_for(kind):
        words: list[str] = [spec.key, *spec.synonyms]
        for language in languages:
            with translation.override(language):
                words.append(str(spec.label))
        for word in words:
            key = match_key(word)
            if key:
                exact.setdefault(key, spec.key)
    contained = sorted(exact.items(), key=lambda kv: -len(kv[0]))
    return exact, [(k, f) for k, f in contained if len(k) >= 4 or not k.isascii()]


def auto_map(headers: Sequence[str], kind: str) -> dict[str, int]:
    """Guess ``{field key: column index}`` from the header row."""
    exact, contained = _synonym_table(kind)
    mapping: dict[str, int] = {}
    used: set[int] = set()
    keys = [match_key(h) for h in headers]
    for index, key in enumerate(keys):
        field = exact.get(key)
        if key and field and field not in mapping:
            mapping[field] = index
            used.add(index)
    for index, key in enumerate(keys):
        if index in used or not key:
            continue
        for synonym, field in contained:
            if field not in mapping and synonym in key:
                mapping[field] = index
                used.add(index)
                break
    return mapping


def resolve_mapping(raw: dict[str, Any], headers: Sequence[str], kind: str) -> dict[str, int]:
    """Turn a user's mapping (``{field: header name or 1-based column number}``) into indexes.

    Raises ``MappingError`` for unknown fields, columns not in the file, a column mapped twice
    or a required field left out.
    """
    known = {spec.key for spec in fields_for(kind)}
    by_name: dict[str, int] = {}
    for index, header in enumerate(headers):
        by_name.setdefault(header, index)
        by_name.setdefault(match_key(header), index)
    mapping: dict[str, int] = {}
    for field, column in raw.items():
        if field not in known:
            raise MappingError(
                _("%(field)s is not a field of this import (known: %(known)s).")
                % {"field": field, "known": ", ".join(sorted(known))}
            )
        if column is None or column == "":
            continue
        if isinstance(column, int) and not isinstance(column, bool):
            index = column - 1
            if not 0 <= index < len(headers):
                raise MappingError(
                    _("Column %(column)s does not exist (the file has %(count)s columns).")
                    % {"column": column, "count": len(headers)}
                )
        else:
            name = str(column)
            found = by_name.get(name, by_name.get(match_key(name)))
            if found is None:
                raise MappingError(
                    _("The file has no column named %(column)s.") % {"column": repr(name)}
                )
            index = found
        mapping[field] = index
    check_mapping(mapping, kind, headers)
    return mapping


def check_mapping(mapping: dict[str, int], kind: str, headers: Sequence[str]) -> None:
    """Refuse a mapping that maps one column twice or leaves out what the kind needs."""
    seen: dict[int, str] = {}
    labels = {spec.key: spec.label for spec in fields_for(kind)}
    for field, index in mapping.items():
        if index in seen:
            raise MappingError(
                _("The column %(column)s is mapped to both %(first)s and %(second)s.")
                % {
                    "column": repr(headers[index]) if index < len(headers) else index + 1,
                    "first": labels.get(seen[index], seen[index]),
                    "second": labels.get(field, field),
                }
            )
        seen[index] = field
    missing = [spec for spec in fields_for(kind) if spec.required and spec.key not in mapping]
    if missing:
        raise MappingError(
            _("Choose a column for: %(fields)s.")
            % {"fields": ", ".join(str(spec.label) for spec in missing)}
        )
    if not any(key in mapping for key in IDENTITY_KEYS):
        raise MappingError(
            _("Choose a column that identifies the buyer: platform buyer ID, email or company.")
        )


def mapping_by_header(mapping: dict[str, int], headers: Sequence[str]) -> dict[str, str]:
    """``{field: header}`` for display and for saving as a reusable ``--mapping`` file."""
    return {f: headers[i] for f, i in mapping.items() if 0 <= i < len(headers)}


def labels_for(kind: str) -> dict[str, str]:
    """``{field key: translated label}`` in the active language."""
    return {spec.key: str(spec.label) for spec in fields_for(kind)}


def unmapped_headers(mapping: dict[str, int], headers: Iterable[str]) -> list[str]:
    """Headers no field reads (shown so the user sees what will be ignored)."""
    used = set(mapping.values())
    return [h for i, h in enumerate(headers) if i not in used and h]
