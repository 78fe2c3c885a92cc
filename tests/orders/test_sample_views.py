"""The sample screens through the Django test client: list, KPIs, visibility, actions, request form.

The samples page's query count is pinned and must not grow with the number of samples.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exportdesk.buyers.models import BuyerEvent
from exportdesk.orders.models import Sample
from tests.factories import make_order
from tests.orders.conftest import bring_to, graded_buyer, make_product, request_sample

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
LIST = reverse("orders:samples")
NEW = reverse("orders:sample_request")
PREVIEW = reverse("orders:sample_split_preview")
# Pinned from measurement: workspace settings, session, user, KPI aggregate, count, page,
# products prefetch, convert-order choices (not for viewers, who get no actions); for users
# other than the superuser owner also role groups and 2 permission lookups. The visible-buyers
# filter is a subquery inside those. More than this means an N+1 query crept in.
# +1: the inbox count in the navigation (one aggregate query per page).
LIST_PAGE_MAX_QUERIES = {"owner": 9, "rep": 12, "viewer": 11}


def action_url(sample: Sample, action: str) -> str:
    return reverse("orders:sample_action", args=[sample.pk, action])


def listed(response: Any) -> list[int]:
    return [s.pk for s in response.context["result"].page.object_list]


@pytest.fixture
def desk(cast: Any) -> dict[str, Any]:
    """Samples of the rep's buyer (A), an unassigned buyer (B) and the outsider's buyer (C)."""
    mine = graded_buyer("A", company="Mine Kft", assigned_rep=cast.rep)
    free = graded_buyer("B", company="Free Ltd")
    theirs = graded_buyer("C", company="Theirs GmbH", assigned_rep=cast.outsider)
    order = make_order(mine, number="PO-MINE-1")
    return {
        "mine": mine,
        "free": free,
        "theirs": theirs,
        "order": order,
        "mine_sent": bring_to(request_sample(mine, cast.rep), "sent", cast.rep),
        "mine_converted": bring_to(
            request_sample(mine, cast.rep), "converted", cast.rep, order=order
        ),
        "free_requested": request_sample(free, cast.rep),
        "theirs_delivered": bring_to(
            request_sample(theirs, cast.outsider), "delivered", cast.outsider
        ),
    }


def test_the_samples_page_replaces_the_placeholder(client_for, cast, desk):
    response = client_for(cast.owner).get(LIST)
    assert response.status_code == 200
    assert "orders/samples.html" in [t.name for t in response.templates]
    assert b'data-testid="coming-soon"' not in response.content
    assert len(listed(response)) == 4


def test_a_rep_sees_only_samples_of_own_and_unassigned_buyers(client_for, cast, desk):
    response = client_for(cast.rep).get(LIST)
    assert sorted(listed(response)) == sorted(
        [desk["mine_sent"].pk, desk["mine_converted"].pk, desk["free_requested"].pk]
    )
    assert b"Theirs GmbH" not in response.content


def test_the_kpis_of_a_rep_count_only_the_samples_the_rep_can_see(client_for, cast, desk):
    conversion = client_for(cast.rep).get(LIST).context["result"].conversion
    assert [(c.grade, c.requested, c.converted) for c in conversion] == [
        ("A", 2, 1),
        ("B", 1, 0),
        ("C", 0, 0),
    ]


def test_the_kpi_strip_shows_requested_converted_rate_and_spend_per_grade(client_for, cast, desk):
    response = client_for(cast.owner).get(LIST)
    a = response.context["result"].conversion[0]
    # A: one sent (on the way), one converted: rate 1/1; the seller paid both (A is free).
    assert (a.requested, a.converted, a.rate, a.seller_spend) == (2, 1, 1.0, {"USD": 25_002})
    html = response.content.decode()
    assert "Sample → order conversion by grade" in html
    assert "100%" in html
    assert "$250.02" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "sent"}, ["mine_sent"]),
        ({"status": "converted"}, ["mine_converted"]),
        ({"grade": "B"}, ["free_requested"]),
        ({"grade": "c"}, ["theirs_delivered"]),
        ({"status": "lost"}, []),
        (
            {"status": "nonsense", "grade": "Z"},
            ["mine_sent", "mine_converted", "free_requested", "theirs_delivered"],
        ),
    ],
)
def test_the_list_filters_by_status_and_grade(client_for, cast, desk, params, expected):
    response = client_for(cast.owner).get(LIST, params, **HTMX)
    assert "orders/_sample_results.html" in [t.name for t in response.templates]
    assert sorted(listed(response)) == sorted(desk[name].pk for name in expected)


def test_the_kpis_ignore_the_status_filter(client_for, cast, desk):
    conversion = client_for(cast.owner).get(LIST, {"status": "sent"}).context["result"].conversion
    assert sum(c.requested for c in conversion) == 4


def _seed(cast: Any, count: int) -> None:
    products = [make_product(), make_product()]
    for i in range(count):
        buyer = graded_buyer("ABC"[i % 3], assigned_rep=cast.rep if i % 2 else None)
        make_order(buyer)
        sample = request_sample(buyer, cast.rep, products=products)
        bring_to(sample, ("requested", "sent", "delivered")[i % 3], cast.rep)


@pytest.mark.parametrize("role", ["owner", "rep", "viewer"])
def test_the_samples_page_makes_a_fixed_number_of_queries(
    client_for, cast, role, django_assert_max_num_queries
):
    _seed(cast, 6)
    client = client_for(getattr(cast, role))
    with django_assert_max_num_queries(LIST_PAGE_MAX_QUERIES[role]):
        response = client.get(LIST)
    assert response.status_code == 200


def test_the_query_count_does_not_grow_with_more_samples(client_for, cast):
    client = client_for(cast.rep)
    _seed(cast, 3)
    client.get(LIST)  # warm per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    _seed(cast, 15)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)
    assert len(response.context["result"].page.object_list) == 18
    assert len(many) == len(few)


def test_a_viewer_sees_samples_but_no_actions_and_no_request_button(client_for, cast, desk):
    response = client_for(cast.viewer).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mark sent" not in html
    assert NEW not in html
    assert len(listed(response)) == 4


def test_a_rep_gets_actions_for_the_status_of_each_sample(client_for, cast, desk):
    html = client_for(cast.rep).get(LIST).content.decode()
    assert action_url(desk["free_requested"], "sent") in html
    assert action_url(desk["mine_sent"], "delivered") in html
    assert action_url(desk["mine_sent"], "lost") in html
    assert action_url(desk["mine_converted"], "lost") not in html
    assert "PO-MINE-1" in html  # offered for converting the sent sample


@pytest.mark.parametrize("action", ["sent", "delivered", "lost", "convert", "cancel"])
def test_a_viewer_cannot_change_a_sample(client_for, cast, desk, action):
    sample = desk["free_requested"]
    response = client_for(cast.viewer).post(action_url(sample, action), {"reason": "x"})
    assert response.status_code == 403
    assert Sample.objects.get(pk=sample.pk).status == "requested"


def test_another_reps_sample_is_not_found(client_for, cast, desk):
    theirs = desk["theirs_delivered"]
    client = client_for(cast.rep)
    assert client.get(reverse("orders:sample_detail", args=[theirs.pk])).status_code == 404
    response = client.post(action_url(theirs, "lost"), {"reason": "mine now"})
    assert response.status_code == 404
    assert Sample.objects.get(pk=theirs.pk).status == "delivered"


def test_the_sample_page_shows_the_split_and_the_policy_snapshot(client_for, cast, desk):
    sample = desk["free_requested"]
    response = client_for(cast.rep).get(reverse("orders:sample_detail", args=[sample.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "A 100% · B 50% · C 0%" in html
    assert "$62.50 (50%)" in html
    assert action_url(sample, "sent") in html


def test_an_unknown_action_is_not_found(client_for, cast, desk):
    response = client_for(cast.rep).post(action_url(desk["free_requested"], "explode"))
    assert response.status_code == 404


def test_marking_sent_with_htmx_returns_the_refreshed_results(client_for, cast, desk):
    sample = desk["free_requested"]
    response = client_for(cast.rep).post(action_url(sample, "sent") + "?grade=B", **HTMX)
    assert response.status_code == 200
    assert "orders/_sample_results.html" in [t.name for t in response.templates]
    assert response.context["notice"] == "Sample marked sent."
    assert response.context["result"].query.grade == "B"
    assert Sample.objects.get(pk=sample.pk).status == "sent"
    assert "sample-sent" in {t.name for t in desk["free"].tags.all()}


def test_a_plain_form_post_redirects_back_to_the_page_it_came_from(client_for, cast, desk):
    sample = desk["mine_sent"]
    detail = reverse("orders:sample_detail", args=[sample.pk])
    response = client_for(cast.rep).post(action_url(sample, "delivered"), {"next": detail})
    assert response.status_code == 302
    assert response.url == detail
    assert Sample.objects.get(pk=sample.pk).status == "delivered"


def test_a_redirect_never_leaves_the_site(client_for, cast, desk):
    response = client_for(cast.rep).post(
        action_url(desk["mine_sent"], "delivered"), {"next": "https://evil.example/"}
    )
    assert response.url == LIST


def test_converting_through_the_page_links_the_chosen_order(client_for, cast, desk):
    sample = desk["mine_sent"]
    response = client_for(cast.rep).post(
        action_url(sample, "convert"), {"order": desk["order"].pk}, **HTMX
    )
    assert response.context["error"] == ""
    sample.refresh_from_db()
    assert (sample.status, sample.converted_order) == ("converted", desk["order"])


def test_converting_to_another_buyers_order_is_refused_and_changes_nothing(client_for, cast, desk):
    sample = desk["mine_sent"]
    foreign = make_order(desk["theirs"], number="PO-THEIRS")
    response = client_for(cast.rep).post(
        action_url(sample, "convert"), {"order": foreign.pk}, **HTMX
    )
    assert response.context["error"] == "Choose one of this buyer's orders."
    assert Sample.objects.get(pk=sample.pk).status == "sent"


def test_marking_lost_needs_a_reason(client_for, cast, desk):
    sample = desk["mine_sent"]
    client = client_for(cast.rep)
    response = client.post(action_url(sample, "lost"), {"reason": " "}, **HTMX)
    assert "Say why" in response.context["error"]
    assert Sample.objects.get(pk=sample.pk).status == "sent"
    client.post(action_url(sample, "lost"), {"reason": "Chose a cheaper supplier"}, **HTMX)
    assert Sample.objects.get(pk=sample.pk).lost_reason == "Chose a cheaper supplier"


def test_an_illegal_transition_shows_the_reason_and_changes_nothing(client_for, cast, desk):
    sample = desk["mine_converted"]
    response = client_for(cast.rep).post(action_url(sample, "sent"), **HTMX)
    assert response.context["error"] == (
        "A sample that is “Converted to order” cannot be marked “Sent”."
    )
    assert Sample.objects.get(pk=sample.pk).status == "converted"


def test_the_buyer_timeline_tells_the_samples_story(client_for, cast, desk):
    sample = desk["mine_sent"]
    client = client_for(cast.rep)
    client.post(action_url(sample, "delivered"))
    client.post(action_url(sample, "lost"), {"reason": "Too pricey"})
    html = client.get(reverse("buyers:detail", args=[desk["mine"].pk])).content.decode()
    for sentence in (
        "Sample requested",
        "Sample sent",
        "Sample delivered",
        "Sample lost: Too pricey",
        "Sample converted to order PO-MINE-1",
    ):
        assert sentence in html


# The request page.


def test_the_request_page_preselects_the_buyer_and_explains_the_split(client_for, cast, desk):
    response = client_for(cast.rep).get(NEW, {"buyer": desk["free"].pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Free Ltd" in html
    assert "Grade B: you pay 50 %, the buyer pays the rest." in html


def test_the_request_page_without_a_buyer_sends_the_user_to_pick_one(client_for, cast):
    response = client_for(cast.rep).get(NEW)
    assert response.status_code == 200
    assert reverse("buyers:list") in response.content.decode()


@pytest.mark.parametrize("buyer", ["theirs", "nobody", "abc"])
def test_a_rep_cannot_request_a_sample_for_a_buyer_they_cannot_see(client_for, cast, desk, buyer):
    buyer_id = desk[buyer].pk if buyer == "theirs" else (999_999 if buyer == "nobody" else buyer)
    client = client_for(cast.rep)
    assert client.get(NEW, {"buyer": buyer_id}).status_code == 404
    before = Sample.objects.count()
    assert client.post(f"{NEW}?buyer={buyer_id}", {"cost": "10"}).status_code == 404
    assert Sample.objects.count() == before


def test_a_viewer_cannot_open_the_request_page(client_for, cast, desk):
    client = client_for(cast.viewer)
    assert client.get(NEW, {"buyer": desk["free"].pk}).status_code == 403
    assert client.post(f"{NEW}?buyer={desk['free'].pk}", {"cost": "1"}).status_code == 403


def test_requesting_a_sample_saves_minor_units_and_products(client_for, cast, desk):
    products = [make_product(sku="SER-01"), make_product(sku="TON-02")]
    buyer = desk["free"]
    response = client_for(cast.rep).post(
        f"{NEW}?buyer={buyer.pk}",
        {
            "products": [p.pk for p in products],
            "cost": "100.01",
            "courier_cost": "25",
            "currency": "usd",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("buyers:detail", args=[buyer.pk])
    sample = Sample.objects.filter(buyer=buyer).latest("id")
    assert (sample.cost_minor, sample.courier_cost_minor, sample.currency) == (10_001, 2_500, "USD")
    assert (sample.seller_share_minor, sample.buyer_share_minor) == (6_250, 6_251)
    assert sorted(p.sku for p in sample.products.all()) == ["SER-01", "TON-02"]
    assert BuyerEvent.objects.filter(buyer=buyer, kind="sample_requested").count() == 2


def test_won_are_whole_units(client_for, cast, desk):
    buyer = desk["mine"]
    client_for(cast.rep).post(f"{NEW}?buyer={buyer.pk}", {"cost": "15000", "currency": "KRW"})
    sample = Sample.objects.filter(buyer=buyer).latest("id")
    assert (sample.cost_minor, sample.courier_cost_minor, sample.currency) == (15_000, 0, "KRW")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"cost": "-1", "currency": "USD"}, "cost", "A cost cannot be negative."),
        ({"cost": "5", "courier_cost": "-0.01", "currency": "USD"}, "courier_cost", "negative"),
        ({"cost": "", "currency": "USD"}, "cost", "This field is required."),
        ({"cost": "ten", "currency": "USD"}, "cost", "Enter an amount"),
        ({"cost": "10.001", "currency": "USD"}, "cost", "at most 2 decimal places"),
        ({"cost": "1000.5", "currency": "KRW"}, "cost", "at most 0 decimal places"),
        ({"cost": "10", "currency": "XYZ"}, "currency", "Not a currency code"),
        ({"cost": "10", "currency": "USD", "products": ["999999"]}, "products", "valid choice"),
    ],
)
def test_the_request_form_rejects_bad_input_and_saves_nothing(
    client_for, cast, desk, data, field, message
):
    before = (Sample.objects.count(), BuyerEvent.objects.count())
    response = client_for(cast.rep).post(f"{NEW}?buyer={desk['free'].pk}", data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Nothing was saved." in response.content.decode()
    assert (Sample.objects.count(), BuyerEvent.objects.count()) == before


def test_the_split_preview_shows_the_amounts_for_the_buyers_grade(client_for, cast, desk):
    response = client_for(cast.rep).get(
        PREVIEW,
        {"buyer": desk["free"].pk, "cost": "100.01", "courier_cost": "", "currency": "USD"},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "You pay $50.00 · the buyer pays $50.01 · total $100.01" in html


def test_the_split_preview_without_valid_amounts_only_explains_the_policy(client_for, cast, desk):
    response = client_for(cast.rep).get(PREVIEW, {"buyer": desk["mine"].pk, "cost": "-3"})
    html = response.content.decode()
    assert "Grade A: the sample is free for the buyer" in html
    assert "Enter the costs to see the amounts." in html


def test_the_split_preview_hides_other_reps_buyers(client_for, cast, desk):
    response = client_for(cast.rep).get(PREVIEW, {"buyer": desk["theirs"].pk, "cost": "1"})
    assert response.status_code == 404
