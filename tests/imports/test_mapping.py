"""Header auto-detection in Korean and English, and user mappings."""

from __future__ import annotations

import pytest

from exportdesk.imports.mapping import MappingError, auto_map, resolve_mapping


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("회사명", "company"),
        ("업체명", "company"),
        ("Company Name", "company"),
        ("Company", "company"),
        ("COMPANY NAME (ENGLISH)", "company"),
        ("국가", "country"),
        ("Country/Region", "country"),
        ("country", "country"),
        ("이메일", "email"),
        ("E-mail", "email"),
        ("E-Mail Address", "email"),
        ("바이어 등급", "platform_level"),
        ("Buyer Level", "platform_level"),
        ("담당자", "contact_name"),
        ("Contact", "contact_name"),
        ("Contact Person", "contact_name"),
        ("전화번호", "phone"),
        ("Buyer ID", "platform_buyer_id"),
        ("연간 구매액", "annual_purchase"),
        ("영업 담당자", "assigned_rep"),
        ("태그", "tags"),
        ("비고", "notes"),
    ],
)
def test_it_detects_buyer_headers_in_korean_and_english(header: str, field: str) -> None:
    assert auto_map(["Unrelated", header], "buyers") == {field: 1}


def test_each_column_and_each_field_is_used_once() -> None:
    headers = ["Company", "회사명", "Country", "Email", "Phone", "Contact Email"]
    mapping = auto_map(headers, "buyers")
    assert mapping["company"] == 0
    assert mapping["country"] == 2
    assert mapping["email"] == 3
    assert len(set(mapping.values())) == len(mapping)


@pytest.mark.parametrize(
    ("kind", "headers", "expected"),
    [
        (
            "orders",
            [
                "주문번호",
                "업체명",
                "주문일",
                "상태",
                "통화",
                "합계",
                "품번",
                "상품명",
                "수량",
                "단가",
            ],
            [
                "number",
                "company",
                "ordered_at",
                "status",
                "currency",
                "total",
                "sku",
                "product",
                "quantity",
                "unit_price",
            ],
        ),
        (
            "orders",
            ["Order No", "Buyer Email", "Order Date", "Status", "Qty", "Unit Price", "SKU"],
            ["number", "email", "ordered_at", "status", "quantity", "unit_price", "sku"],
        ),
        (
            "messages",
            ["일시", "이메일", "방향", "내용", "제목", "채널"],
            ["sent_at", "email", "direction", "body", "subject", "channel"],
        ),
    ],
)
def test_it_detects_order_and_message_headers(
    kind: str, headers: list[str], expected: list[str]
) -> None:
    mapping = auto_map(headers, kind)
    assert [mapping.get(f) for f in expected] == list(range(len(headers)))


def test_a_user_mapping_names_columns_by_header_or_number() -> None:
    headers = ["Nation", "Firm", "Mail"]
    assert resolve_mapping(
        {"country": "Nation", "company": 2, "email": "mail"}, headers, "buyers"
    ) == {
        "country": 0,
        "company": 1,
        "email": 2,
    }


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"colour": "Firm"}, "not a field"),
        ({"company": "Nowhere"}, "no column named"),
        ({"company": 9}, "does not exist"),
        ({"company": "Firm", "contact_name": "Firm"}, "mapped to both"),
        ({"country": "Nation"}, "identifies the buyer"),
    ],
)
def test_bad_mappings_are_refused(mapping: dict[str, object], message: str) -> None:
    with pytest.raises(MappingError, match=message):
        resolve_mapping(mapping, ["Nation", "Firm", "Mail"], "buyers")


def test_required_fields_must_be_mapped() -> None:
    with pytest.raises(MappingError, match="Choose a column for"):
        resolve_mapping({"company": "Firm"}, ["Firm", "Text"], "messages")
