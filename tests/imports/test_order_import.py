"""Importing orders: lines grouped by order number, totals, buyers, idempotency."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from exportdesk.buyers.models import Buyer, BuyerEvent
from exportdesk.catalog.models import Product
from exportdesk.imports.services import ImportRejectedError, import_file
from exportdesk.orders.models import Order, OrderLine
from tests.factories import make_buyer, make_order

pytestmark = pytest.mark.django_db

HEADER = [
    "주문번호",
    "이메일",
    "업체명",
    "국가",
    "주문일",
    "상태",
    "통화",
    "품번",
    "상품명",
    "수량",
    "단가",
]


def test_lines_are_grouped_by_order_number(write_file: Callable[..., Path]) -> None:
    buyer = make_buyer(email="anna@bb.hu")
    Product.objects.create(sku="SK-1", name_ko="크림", name_en="Cream", category="skin")
    path = write_file(
        "orders.csv",
        [
            HEADER,
            [
                "A-100",
                "anna@bb.hu",
                "",
                "",
                "2026.11.01",
                "배송완료",
                "USD",
                "SK-1",
                "Cream",
                "1,000",
                "$1.20",
            ],
            ["A-100", "", "", "", "", "", "", "SK-2", "Toner", "500", "0.80"],
            ["A-101", "anna@bb.hu", "", "", "2026-11-20", "paid", "", "", "Sample kit", "1", "25"],
        ],
    )
    outcome = import_file(kind="orders", path=path)
    assert outcome.result["created"] == 2
    first = Order.objects.get(number="A-100")
    assert first.buyer == buyer
    assert (first.status, first.currency, first.total_minor) == ("delivered", "USD", 160_000)
    lines = list(first.lines.order_by("id"))
    assert [(line.quantity, line.unit_price_minor, line.total_minor) for line in lines] == [
        (1000, 120, 120_000),
        (500, 80, 40_000),
    ]
    assert lines[0].product is not None and lines[0].product.sku == "SK-1"
    assert lines[1].product is None and lines[1].description == "SK-2 Toner"
    assert BuyerEvent.objects.filter(buyer=buyer, kind="order_imported").count() == 2
    assert "transacted" in {t.name for t in buyer.tags.all()}
    assert "reordered" in {t.name for t in buyer.tags.all()}


def test_an_order_names_a_new_buyer_by_company_and_country(write_file: Callable[..., Path]) -> None:
    path = write_file(
        "o.csv",
        [
            HEADER,
            [
                "B-1",
                "new@buyer.vn",
                "Hanoi Cosmetics",
                "베트남",
                "2026-11-01",
                "paid",
                "KRW",
                "",
                "Mask",
                "10",
                "₩1,500",
            ],
        ],
    )
    import_file(kind="orders", path=path)
    buyer = Buyer.objects.get()
    assert (buyer.company, buyer.country, buyer.email) == ("Hanoi Cosmetics", "VN", "new@buyer.vn")
    assert Order.objects.get().total_minor == 15_000
    assert BuyerEvent.objects.filter(buyer=buyer, kind="imported").exists()


def test_importing_the_same_orders_twice_changes_nothing(write_file: Callable[..., Path]) -> None:
    make_buyer(email="anna@bb.hu")
    path = write_file(
        "o.csv",
        [
            HEADER,
            ["A-1", "anna@bb.hu", "", "", "2026-11-01", "paid", "EUR", "", "Cream", "10", "€2.50"],
            ["A-1", "anna@bb.hu", "", "", "", "", "", "", "Toner", "5", "€1"],
        ],
    )
    import_file(kind="orders", path=path)
    counts = (Order.objects.count(), OrderLine.objects.count(), BuyerEvent.objects.count())
    again = import_file(kind="orders", path=path)
    assert again.result["created"] == 0 and again.result["updated"] == 0
    assert (Order.objects.count(), OrderLine.objects.count(), BuyerEvent.objects.count()) == counts


def test_a_changed_status_updates_the_order_without_touching_its_lines(
    write_file: Callable[..., Path],
) -> None:
    buyer = make_buyer(email="anna@bb.hu")
    order = make_order(buyer, number="A-9", status="paid", total_minor=5000)
    OrderLine.objects.create(
        order=order, description="Cream", quantity=1, unit_price_minor=5000, total_minor=5000
    )
    import_file(
        kind="orders",
        path=write_file(
            "o.csv", [["Order No", "Email", "Status"], ["A-9", "anna@bb.hu", "shipped"]]
        ),
    )
    order.refresh_from_db()
    assert (order.status, order.total_minor, order.lines.count()) == ("shipped", 5000, 1)
    event = BuyerEvent.objects.get(kind="order_updated_from_import")
    assert event.payload["changes"]["status"] == ["paid", "shipped"]


def test_rows_of_one_order_that_disagree_reject_the_whole_order(
    write_file: Callable[..., Path],
) -> None:
    make_buyer(email="anna@bb.hu")
    path = write_file(
        "o.csv",
        [
            HEADER,
            ["A-1", "anna@bb.hu", "", "", "2026-11-01", "paid", "USD", "", "Cream", "10", "2"],
            ["A-1", "anna@bb.hu", "", "", "", "shipped", "", "", "Toner", "5", "1"],
            ["A-2", "anna@bb.hu", "", "", "", "paid", "", "", "Mask", "5", "1"],
        ],
    )
    with pytest.raises(ImportRejectedError):
        import_file(kind="orders", path=path)
    outcome = import_file(kind="orders", path=path, valid_only=True)
    assert list(Order.objects.values_list("number", flat=True)) == ["A-2"]
    assert sorted({p.row for p in outcome.plan.problems}) == [2, 3]


def test_an_order_number_of_another_buyer_is_refused(write_file: Callable[..., Path]) -> None:
    make_order(make_buyer(email="first@x.com"), number="A-1")
    make_buyer(email="second@x.com")
    outcome = import_file(
        kind="orders",
        path=write_file(
            "o.csv", [["Order No", "Email", "Status"], ["A-1", "second@x.com", "paid"]]
        ),
        dry_run=True,
    )
    assert "another buyer" in outcome.plan.problems[0].reason
