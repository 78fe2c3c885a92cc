"""POST /api/v1/orders: an order with lines through order_create, optionally moved on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from exportdesk.buyers.models import BuyerEvent
from exportdesk.catalog.models import Product
from exportdesk.orders.models import Order
from tests.factories import make_buyer

pytestmark = pytest.mark.django_db

URL = "/api/v1/orders"


@pytest.fixture
def buyer(cast):  # type: ignore[no-untyped-def]
    return make_buyer(assigned_rep=cast.rep, company="Warsaw Skin Sp. z o.o.", country="PL")


def _order(buyer, **extra):  # type: ignore[no-untyped-def]
    return {
        "buyer_id": buyer.pk,
        "number": "PO-2026-001",
        "channel": "tt",
        "currency": "usd",
        "lines": [
            {"description": "Snail cream 50 ml", "quantity": 1000, "unit_price_minor": 180},
            {"description": "Toner 150 ml", "quantity": 500, "unit_price_minor": 250},
        ],
        **extra,
    }


def test_an_order_is_recorded_quoted_with_its_total_and_lines(cast, api_as, buyer):
    response = api_as(cast.rep).post(URL, _order(buyer))
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["status"], data["currency"], data["total_minor"]) == ("quoted", "USD", 305_000)
    assert [line["total_minor"] for line in data["lines"]] == [180_000, 125_000]
    order = Order.objects.get(pk=data["id"])
    assert order.buyer == buyer and order.lines.count() == 2
    assert BuyerEvent.objects.filter(buyer=buyer, kind="order_placed").exists()


def test_a_line_may_name_a_catalog_product_by_sku(cast, api_as, buyer):
    Product.objects.create(sku="SC-50", name_en="Snail cream 50 ml")
    lines = [{"product_sku": "SC-50", "quantity": 10, "unit_price_minor": 200}]
    response = api_as(cast.rep).post(URL, _order(buyer, lines=lines))
    assert response.status_code == 201, response.json()
    assert response.json()["lines"][0]["product_sku"] == "SC-50"


def test_an_unknown_sku_is_422_and_nothing_is_saved(cast, api_as, buyer):
    lines = [{"product_sku": "NOPE", "quantity": 10, "unit_price_minor": 200}]
    response = api_as(cast.rep).post(URL, _order(buyer, lines=lines))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "lines"]
    assert not Order.objects.exists()


def test_an_order_can_be_recorded_as_delivered_passing_through_paid_and_shipped(
    cast, api_as, buyer
):
    quoted = timezone.now() - timedelta(days=30)
    body = _order(
        buyer,
        status="delivered",
        quoted_at=quoted.isoformat(),
        paid_at=(quoted + timedelta(days=2)).isoformat(),
        shipped_at=(quoted + timedelta(days=10)).isoformat(),
    )
    response = api_as(cast.rep).post(URL, body)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "delivered"
    assert data["paid_at"] and data["shipped_at"] and data["delivered_at"]
    kinds = set(BuyerEvent.objects.filter(buyer=buyer).values_list("kind", flat=True))
    assert {"order_placed", "order_paid", "order_shipped", "order_delivered"} <= kinds
    buyer.refresh_from_db()
    assert "transacted" in set(buyer.tags.values_list("name", flat=True))


def test_a_refused_status_step_saves_nothing(cast, api_as, buyer):
    quoted = timezone.now()
    body = _order(
        buyer,
        status="paid",
        quoted_at=quoted.isoformat(),
        paid_at=(quoted - timedelta(days=1)).isoformat(),
    )
    response = api_as(cast.rep).post(URL, body)
    assert response.status_code == 422
    assert "cannot be marked" in response.json()["detail"][0]["msg"]
    assert not Order.objects.exists()


def test_a_quote_can_be_recorded_as_cancelled(cast, api_as, buyer):
    response = api_as(cast.rep).post(URL, _order(buyer, status="cancelled"))
    assert response.status_code == 201
    assert response.json()["status"] == "cancelled"


def test_a_duplicate_order_number_is_422_with_the_services_message(cast, api_as, buyer):
    client = api_as(cast.rep)
    client.post(URL, _order(buyer))
    response = client.post(URL, _order(buyer))
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body"],
            "msg": "Order number PO-2026-001 is already used.",
            "type": "duplicate_number",
        }
    ]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"currency": "XYZ"}, "unknown_currency"),
        ({"lines": []}, "no_lines"),
        ({"lines": [{"description": "x", "quantity": 0, "unit_price_minor": 1}]}, "bad_quantity"),
        ({"number": " "}, "bad_number"),
    ],
)
def test_invalid_orders_are_422_with_the_reason(cast, api_as, buyer, change, code):
    response = api_as(cast.rep).post(URL, _order(buyer, **change))
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == code
    assert not Order.objects.exists()


def test_the_buyer_of_another_rep_is_404(cast, api_as):
    theirs = make_buyer(assigned_rep=cast.outsider)
    response = api_as(cast.rep).post(URL, _order(theirs))
    assert response.status_code == 404
    assert not Order.objects.exists()


def test_a_viewer_may_not_record_orders(cast, api_as, buyer):
    response = api_as(cast.viewer).post(URL, _order(buyer))
    assert response.status_code == 403
    assert not Order.objects.exists()


def test_a_missing_field_is_ninjas_422_in_json(cast, api_as, buyer):
    body = _order(buyer)
    del body["channel"]
    response = api_as(cast.rep).post(URL, body)
    assert response.status_code == 422
    assert any(e["loc"][-1] == "channel" for e in response.json()["detail"])
