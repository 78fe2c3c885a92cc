"""The order screens through the test client: list with filters and visibility (query count
pinned), the create form with lines, the order page with status buttons and reviews, and the
buyer page's orders panel."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exportdesk.orders.models import Order, Review
from tests.orders.conftest import graded_buyer, make_product
from tests.orders.test_order_services import bring_order_to, new_order

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
LIST = reverse("orders:index")
NEW = reverse("orders:create")
# Pinned from measurement: session, user, workspace settings, (role groups and permission
# lookups for non-superusers), count, page, line counts, 3 review-strip queries. The
# visible-buyers filter is a subquery inside those.
# +1: the inbox count in the navigation (one aggregate query per page).
LIST_PAGE_MAX_QUERIES = {"owner": 10, "rep": 13, "viewer": 13}


def listed(response: Any) -> list[str]:
    return [o.number for o in response.context["result"].page.object_list]


@pytest.fixture
def desk(cast: Any) -> dict[str, Any]:
    """Orders of the rep's buyer, an unassigned buyer and the outsider's buyer."""
    mine = graded_buyer("A", company="Mine Kft", assigned_rep=cast.rep)
    free = graded_buyer("B", company="Free Ltd")
    theirs = graded_buyer("C", company="Theirs GmbH", assigned_rep=cast.outsider)
    return {
        "mine": mine,
        "free": free,
        "theirs": theirs,
        "mine_paid": bring_order_to(new_order(mine, number="PO-MINE", channel="paypal"), "paid"),
        "free_quoted": new_order(free, number="PO-FREE"),
        "theirs_delivered": bring_order_to(new_order(theirs, number="PO-THEIRS"), "delivered"),
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        pytest.param("rep", {"PO-MINE", "PO-FREE"}, id="a rep sees own and unassigned buyers"),
        pytest.param("owner", {"PO-MINE", "PO-FREE", "PO-THEIRS"}, id="an owner sees all"),
        pytest.param("viewer", {"PO-MINE", "PO-FREE", "PO-THEIRS"}, id="a viewer sees all"),
    ],
)
def test_the_orders_page_lists_the_orders_the_user_may_see(client_for, cast, desk, role, expected):
    response = client_for(getattr(cast, role)).get(LIST)
    assert response.status_code == 200
    assert set(listed(response)) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param({"status": "paid"}, ["PO-MINE"], id="status"),
        pytest.param({"channel": "paypal"}, ["PO-MINE"], id="channel"),
        pytest.param({"status": "bogus"}, None, id="an unknown status is ignored"),
    ],
)
def test_the_orders_page_filters(client_for, cast, desk, params, expected):
    response = client_for(cast.owner).get(LIST, params, **HTMX)
    assert response.status_code == 200
    if expected is None:
        assert len(listed(response)) == 3
    else:
        assert listed(response) == expected


def test_the_orders_page_filters_by_buyer(client_for, cast, desk):
    response = client_for(cast.owner).get(LIST, {"buyer": desk["free"].pk})
    assert listed(response) == ["PO-FREE"]


def _seed(cast: Any, n: int) -> None:
    for i in range(n):
        buyer = graded_buyer("B", assigned_rep=cast.rep if i % 2 else None)
        bring_order_to(new_order(buyer, number=f"SEED-{n}-{i}"), "delivered")


@pytest.mark.parametrize("role", ["owner", "rep", "viewer"])
def test_the_orders_page_makes_a_fixed_number_of_queries(
    client_for, cast, role, django_assert_max_num_queries
):
    _seed(cast, 6)
    client = client_for(getattr(cast, role))
    with django_assert_max_num_queries(LIST_PAGE_MAX_QUERIES[role]):
        response = client.get(LIST)
    assert response.status_code == 200


def test_the_order_query_count_does_not_grow_with_more_orders(client_for, cast):
    client = client_for(cast.rep)
    _seed(cast, 3)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    _seed(cast, 12)
    with CaptureQueriesContext(connection) as many:
        client.get(LIST)
    assert len(many) == len(few)


def test_a_rep_records_an_order_with_lines(client_for, cast):
    buyer = graded_buyer("A", assigned_rep=cast.rep)
    product = make_product(sku="SER-1")
    data = {
        "number": "PO-NEW",
        "channel": "trade_assurance",
        "currency": "USD",
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
        "lines-0-product": str(product.pk),
        "lines-0-quantity": "200",
        "lines-0-unit_price": "4.50",
        "lines-1-description": "Gift boxes",
        "lines-1-quantity": "10",
        "lines-1-unit_price": "2",
    }
    response = client_for(cast.rep).post(f"{NEW}?buyer={buyer.pk}", data)
    order = Order.objects.get(number="PO-NEW")
    assert response.status_code == 302
    assert response["Location"] == reverse("orders:detail", args=[order.pk])
    assert order.total_minor == 200 * 450 + 10 * 200
    assert order.lines.count() == 2


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        pytest.param({"lines-0-quantity": ""}, "Enter a quantity.", id="quantity missing"),
        pytest.param({"lines-0-unit_price": "1.234"}, "at most 2 decimal", id="too precise"),
        pytest.param(
            {"lines-0-description": "", "lines-0-quantity": "", "lines-0-unit_price": ""},
            "at least one line",
            id="no lines",
        ),
    ],
)
def test_a_bad_order_form_saves_nothing_and_says_why(client_for, cast, changes, error):
    buyer = graded_buyer("A", assigned_rep=cast.rep)
    data = {
        "number": "PO-BAD",
        "channel": "tt",
        "currency": "USD",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-description": "Serum",
        "lines-0-quantity": "5",
        "lines-0-unit_price": "1.00",
        **changes,
    }
    response = client_for(cast.rep).post(f"{NEW}?buyer={buyer.pk}", data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Order.objects.exists()


def test_a_rep_cannot_order_for_another_reps_buyer(client_for, cast, desk):
    response = client_for(cast.rep).get(NEW, {"buyer": desk["theirs"].pk})
    assert response.status_code == 404


def test_a_viewer_cannot_record_orders(client_for, cast, desk):
    assert client_for(cast.viewer).get(NEW, {"buyer": desk["free"].pk}).status_code == 403


def test_the_order_page_offers_only_the_legal_next_steps(client_for, cast, desk):
    response = client_for(cast.rep).get(reverse("orders:detail", args=[desk["mine_paid"].pk]))
    assert response.status_code == 200
    assert [name for name, _label in response.context["actions"]] == ["shipped", "cancel"]


def test_a_status_button_moves_the_order_on(client_for, cast, desk):
    order = desk["mine_paid"]
    url = reverse("orders:action", args=[order.pk, "shipped"])
    response = client_for(cast.rep).post(url)
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == "shipped"


def test_an_illegal_status_button_changes_nothing_and_says_so(client_for, cast, desk):
    order = desk["free_quoted"]
    response = client_for(cast.rep).post(
        reverse("orders:action", args=[order.pk, "delivered"]), follow=True
    )
    assert "cannot be marked" in response.content.decode()
    order.refresh_from_db()
    assert order.status == "quoted"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        pytest.param("outsider", 404, id="another rep's order is invisible"),
        pytest.param("viewer", 403, id="a viewer changes nothing"),
    ],
)
def test_status_buttons_respect_roles(client_for, cast, desk, role, status):
    url = reverse("orders:action", args=[desk["mine_paid"].pk, "shipped"])
    assert client_for(getattr(cast, role)).post(url).status_code == status


def test_a_review_recorded_on_the_order_page_shows_in_the_reviews_strip(client_for, cast, desk):
    order = desk["mine_paid"]
    client = client_for(cast.rep)
    response = client.post(reverse("orders:review", args=[order.pk]), {"rating": "4", "text": "ok"})
    assert response.status_code == 302
    assert Review.objects.get().rating == 4
    client.post(reverse("orders:review", args=[order.pk]), {"rating": "5"})
    summary = client.get(LIST).context["result"].reviews
    assert (summary.count, summary.average) == (2, pytest.approx(4.5))
    assert summary.months[0]["n"] == 2


def test_the_buyer_panel_shows_stats_and_recent_orders(client_for, cast, desk):
    url = reverse("orders:buyer_panel", args=[desk["mine"].pk])
    response = client_for(cast.rep).get(url, **HTMX)
    assert response.status_code == 200
    assert response.context["stats"].order_count == 1
    assert [o.number for o in response.context["recent_orders"]] == ["PO-MINE"]
    assert 'data-testid="buyer-orders-panel"' in response.content.decode()


def test_the_buyer_panel_hides_other_reps_buyers(client_for, cast, desk):
    url = reverse("orders:buyer_panel", args=[desk["theirs"].pk])
    assert client_for(cast.rep).get(url).status_code == 404
