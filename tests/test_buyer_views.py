"""The buyer screens through the Django test client: list, filters, visibility, forms, tags.

Query counts of the list and buyer pages are pinned: they must not grow with the data.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exportdesk.buyers.models import Buyer, BuyerEvent
from exportdesk.buyers.selectors import PAGE_SIZE
from exportdesk.buyers.services import buyer_tag_add, buyer_update
from tests.factories import make_buyer, make_conversation, make_order

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
A_BUYER = {
    "company_size": "enterprise",
    "platform_level": "L4",
    "business_type": "importer",
    "annual_purchase_minor": 10_000_000,
}
B_BUYER = {"company_size": "medium", "platform_level": "L2", "business_type": "importer"}

# Pinned from measurement: workspace settings, session, user, (role groups), count, page,
# tags prefetch, filter options (reps, tags, countries), (2 permission lookups for non-superusers).
# More than this means an N+1 query crept in.
# +1: the inbox count in the navigation (one aggregate query per page).
LIST_PAGE_MAX_QUERIES = {"owner": 10, "rep": 13, "viewer": 13}
# Workspace settings, session, user, role groups, buyer, tags, orders, conversations, samples,
# timeline, lifetime totals, 2 permission lookups.
# +1: the inbox count in the navigation (one aggregate query per page).
DETAIL_PAGE_MAX_QUERIES = 14


def companies(response: Any) -> list[str]:
    """Company names on the shown page of the list, in order."""
    return [b.company for b in response.context["result"].page.object_list]


@pytest.fixture
def shelf(cast: Any) -> dict[str, Buyer]:
    """Four buyers that differ in every filterable field."""
    now = timezone.now()
    alpha = make_buyer(
        company="Alpha Cosmetics Kft",
        contact_name="Kovács Anna",
        email="anna@alpha.hu",
        country="HU",
        channel="alibaba",
        assigned_rep=cast.rep,
        at=now - timedelta(days=1),
        **A_BUYER,
    )
    buyer_tag_add(buyer=alpha, actor=cast.owner, name="vip")
    bravo = make_buyer(
        company="Bravo Beauty GmbH",
        contact_name="Jonas Weber",
        email="jonas@bravo.de",
        country="DE",
        channel="email",
        assigned_rep=cast.senior_rep,
        at=now - timedelta(days=5),
        **B_BUYER,
    )
    charlie = make_buyer(
        company="Charlie Corner Shop",
        contact_name="Nguyen Lan",
        email="lan@charlie.vn",
        country="VN",
        channel="whatsapp",
        at=now - timedelta(days=10),
    )
    delta = make_buyer(
        company="Delta Distribution LLC",
        contact_name="Omar Haddad",
        email="omar@delta.ae",
        country="AE",
        channel="tradeshow",
        platform_level="L1",
        assigned_rep=cast.outsider,
        at=now - timedelta(days=20),
    )
    return {"alpha": alpha, "bravo": bravo, "charlie": charlie, "delta": delta}


# --- the list ---------------------------------------------------------------------------------


def test_the_list_shows_every_buyer_to_an_owner_most_recent_contact_first(
    shelf: Any, cast: Any, client_for: Any
) -> None:
    response = client_for(cast.owner).get("/buyers/")
    assert response.status_code == 200
    assert companies(response) == [
        "Alpha Cosmetics Kft",
        "Bravo Beauty GmbH",
        "Charlie Corner Shop",
        "Delta Distribution LLC",
    ]
    html = response.content.decode()
    assert "<html" in html
    assert "4 buyers" in html
    assert "anna@alpha.hu" in html


def test_the_list_says_so_when_there_are_no_buyers_yet(cast: Any, client_for: Any) -> None:
    response = client_for(cast.owner).get("/buyers/")
    assert response.status_code == 200
    assert "No buyers yet" in response.content.decode()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("alpha", ["Alpha Cosmetics Kft"]),  # company, any case
        ("COSMETICS", ["Alpha Cosmetics Kft"]),
        ("Jonas", ["Bravo Beauty GmbH"]),  # contact name
        ("lan@charlie", ["Charlie Corner Shop"]),  # email
        ("  omar@delta.ae  ", ["Delta Distribution LLC"]),  # surrounding spaces ignored
        ("nobody-has-this", []),
    ],
)
def test_search_matches_company_contact_or_email(
    shelf: Any, cast: Any, client_for: Any, q: str, expected: list[str]
) -> None:
    response = client_for(cast.owner).get("/buyers/", {"q": q})
    assert companies(response) == expected


def test_a_search_without_matches_offers_to_show_all_buyers(
    shelf: Any, cast: Any, client_for: Any
) -> None:
    html = client_for(cast.owner).get("/buyers/", {"q": "nobody-has-this"}).content.decode()
    assert "No buyers match these filters." in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"grade": "A"}, {"alpha"}),
        ({"grade": "b"}, {"bravo"}),
        ({"grade": "C"}, {"charlie", "delta"}),
        ({"grade": "Z"}, {"alpha", "bravo", "charlie", "delta"}),  # unknown value: ignored
        ({"level": "L4"}, {"alpha"}),
        ({"level": "L1"}, {"delta"}),
        ({"level": "L9"}, {"alpha", "bravo", "charlie", "delta"}),
        ({"country": "DE"}, {"bravo"}),
        ({"country": "hu"}, {"alpha"}),
        ({"country": "JP"}, set()),
        ({"tag": "vip"}, {"alpha"}),
        ({"tag": "grade:B"}, {"bravo"}),
        ({"tag": "level:L1"}, {"delta"}),
        ({"rep": "none"}, {"charlie"}),
        ({"rep": "@rep"}, {"alpha"}),
        ({"rep": "@senior_rep"}, {"bravo"}),
        ({"channel": "email"}, {"bravo"}),
        ({"channel": "whatsapp"}, {"charlie"}),
        ({"channel": "tradeshow"}, {"delta"}),
        ({"grade": "C", "channel": "tradeshow"}, {"delta"}),  # filters combine
        ({"grade": "A", "country": "DE"}, set()),
    ],
)
def test_each_filter_narrows_the_list(
    shelf: Any, cast: Any, client_for: Any, params: dict[str, str], expected: set[str]
) -> None:
    query = {k: str(getattr(cast, v[1:]).pk) if v.startswith("@") else v for k, v in params.items()}
    response = client_for(cast.owner).get("/buyers/", query)
    assert set(companies(response)) == {shelf[key].company for key in expected}


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("recent", ["alpha", "bravo", "charlie", "delta"]),
        ("oldest", ["delta", "charlie", "bravo", "alpha"]),
        ("company", ["alpha", "bravo", "charlie", "delta"]),
        ("-company", ["delta", "charlie", "bravo", "alpha"]),
        ("grade", ["alpha", "bravo", "delta", "charlie"]),  # A, B, then C by score
        ("score", ["alpha", "bravo", "delta", "charlie"]),
        ("country", ["delta", "bravo", "alpha", "charlie"]),  # AE, DE, HU, VN
        ("created", ["delta", "charlie", "bravo", "alpha"]),
        ("no-such-sort", ["alpha", "bravo", "charlie", "delta"]),  # falls back to recent
    ],
)
def test_the_list_sorts_as_asked(
    shelf: Any, cast: Any, client_for: Any, sort: str, expected: list[str]
) -> None:
    response = client_for(cast.owner).get("/buyers/", {"sort": sort})
    assert companies(response) == [shelf[key].company for key in expected]


@pytest.fixture
def sixty_buyers(cast: Any) -> None:
    now = timezone.now()
    for i in range(60):
        make_buyer(company=f"Paged Buyer {i:02d}", at=now - timedelta(hours=i))


@pytest.mark.parametrize(
    ("page", "shown", "first"),
    [
        ("1", PAGE_SIZE, "Paged Buyer 00"),
        ("2", 60 - PAGE_SIZE, f"Paged Buyer {PAGE_SIZE:02d}"),
        ("99", 60 - PAGE_SIZE, f"Paged Buyer {PAGE_SIZE:02d}"),  # past the end: the last page
        ("abc", PAGE_SIZE, "Paged Buyer 00"),  # not a number: the first page
        ("0", PAGE_SIZE, "Paged Buyer 00"),
    ],
)
def test_the_list_is_paginated(
    sixty_buyers: None, cast: Any, client_for: Any, page: str, shown: int, first: str
) -> None:
    response = client_for(cast.owner).get("/buyers/", {"page": page})
    names = companies(response)
    assert len(names) == shown
    assert names[0] == first
    html = response.content.decode()
    assert "60 buyers" in html
    assert "of 2" in html


def test_page_links_keep_the_filters(sixty_buyers: None, cast: Any, client_for: Any) -> None:
    html = client_for(cast.owner).get("/buyers/", {"grade": "C", "sort": "company"}).content
    assert b"grade=C" in html
    assert b"page=2" in html
    assert b"sort=company" in html


def test_an_htmx_request_gets_only_the_results_partial(
    shelf: Any, cast: Any, client_for: Any
) -> None:
    response = client_for(cast.owner).get("/buyers/", {"grade": "A"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="buyer-results"' not in html  # the target itself is not repeated inside it
    assert 'data-testid="result-count"' in html
    assert "Alpha Cosmetics Kft" in html
    assert "Bravo Beauty GmbH" not in html
    assert "buyers/_results.html" in [t.name for t in response.templates]
    assert "buyers/list.html" not in [t.name for t in response.templates]


# --- who sees what ----------------------------------------------------------------------------


def test_a_rep_sees_only_own_and_unassigned_buyers(shelf: Any, cast: Any, client_for: Any) -> None:
    response = client_for(cast.rep).get("/buyers/")
    assert set(companies(response)) == {"Alpha Cosmetics Kft", "Charlie Corner Shop"}
    assert "Delta Distribution LLC" not in response.content.decode()


def test_a_rep_cannot_find_another_reps_buyer_by_searching(
    shelf: Any, cast: Any, client_for: Any
) -> None:
    response = client_for(cast.rep).get("/buyers/", {"q": "Delta"})
    assert companies(response) == []


@pytest.mark.parametrize("path", ["/buyers/{pk}/", "/buyers/{pk}/edit/"])
def test_a_rep_gets_not_found_for_another_reps_buyer(
    shelf: Any, cast: Any, client_for: Any, path: str
) -> None:
    response = client_for(cast.rep).get(path.format(pk=shelf["delta"].pk))
    assert response.status_code == 404
    assert "Delta Distribution" not in response.content.decode()


def test_a_rep_gets_not_found_when_tagging_another_reps_buyer(
    shelf: Any, cast: Any, client_for: Any
) -> None:
    delta = shelf["delta"]
    response = client_for(cast.rep).post(f"/buyers/{delta.pk}/tags/add/", {"name": "mine"})
    assert response.status_code == 404
    assert not delta.tags.filter(name="mine").exists()


@pytest.mark.parametrize("key", ["alpha", "charlie"])
def test_a_rep_opens_own_and_unassigned_buyers(
    shelf: Any, cast: Any, client_for: Any, key: str
) -> None:
    client = client_for(cast.rep)
    assert client.get(f"/buyers/{shelf[key].pk}/").status_code == 200
    assert client.get(f"/buyers/{shelf[key].pk}/edit/").status_code == 200


def test_a_viewer_sees_every_buyer_without_edit_buttons(
    shelf: Any, cast: Any, client_for: Any
) -> None:
    client = client_for(cast.viewer)
    listing = client.get("/buyers/")
    assert len(companies(listing)) == 4
    assert b"/buyers/new/" not in listing.content
    detail = client.get(f"/buyers/{shelf['delta'].pk}/")
    assert detail.status_code == 200
    assert f"/buyers/{shelf['delta'].pk}/edit/".encode() not in detail.content
    assert b"/tags/add/" not in detail.content


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/buyers/new/"),
        ("post", "/buyers/new/"),
        ("get", "/buyers/{pk}/edit/"),
        ("post", "/buyers/{pk}/edit/"),
        ("post", "/buyers/{pk}/tags/add/"),
        ("post", "/buyers/{pk}/tags/remove/"),
    ],
)
def test_a_viewer_is_forbidden_to_create_or_change_buyers(
    shelf: Any, cast: Any, client_for: Any, method: str, path: str
) -> None:
    alpha = shelf["alpha"]
    client = client_for(cast.viewer)
    url = path.format(pk=alpha.pk)
    data = {"company": "Viewer Was Here", "country": "US", "name": "vip"}
    response = getattr(client, method)(url, data)
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()
    assert Buyer.objects.count() == 4
    alpha.refresh_from_db()
    assert alpha.company == "Alpha Cosmetics Kft"
    assert alpha.tags.filter(name="vip").exists()


# --- create and edit --------------------------------------------------------------------------


def valid_form(**overrides: str) -> dict[str, str]:
    data = {
        "company": "Budapest Beauty Kft",
        "contact_name": "Kovács Anna",
        "email": "anna@budapestbeauty.hu",
        "phone": "+36 1 234 5678",
        "country": "HU",
        "website": "https://budapestbeauty.hu",
        "channel": "alibaba",
        "platform_buyer_id": "hu1029384",
        "platform_level": "L3",
        "company_size": "large",
        "business_type": "distributor",
        "annual_purchase": "50000",
        "annual_purchase_currency": "usd",
        "assigned_rep": "",
        "notes": "Met at Cosmoprof.",
    }
    data.update(overrides)
    return data


def form_of(buyer: Buyer, **overrides: str) -> dict[str, str]:
    """The edit form as the browser would post it unchanged, plus overrides."""
    data = {
        "company": buyer.company,
        "contact_name": buyer.contact_name,
        "email": buyer.email,
        "phone": buyer.phone,
        "country": buyer.country,
        "website": buyer.website,
        "channel": buyer.channel,
        "platform_buyer_id": buyer.platform_buyer_id,
        "platform_level": buyer.platform_level,
        "company_size": buyer.company_size,
        "business_type": buyer.business_type,
        "annual_purchase": ""
        if buyer.annual_purchase_minor is None
        else str(buyer.annual_purchase_minor / 100),
        "annual_purchase_currency": buyer.annual_purchase_currency,
        "assigned_rep": str(buyer.assigned_rep_id or ""),
        "notes": buyer.notes,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ["owner", "manager", "senior_rep", "rep"])
def test_creating_a_buyer_registers_it_and_opens_its_page(
    cast: Any, client_for: Any, role: str
) -> None:
    user = getattr(cast, role)
    response = client_for(user).post("/buyers/new/", valid_form())

    buyer = Buyer.objects.get()
    assert response.status_code == 302
    assert response.url == f"/buyers/{buyer.pk}/"
    assert buyer.company == "Budapest Beauty Kft"
    assert buyer.country == "HU"
    assert buyer.platform_level == "L3"
    assert buyer.annual_purchase_minor == 5_000_000
    assert buyer.annual_purchase_currency == "USD"
    assert buyer.grade in {"A", "B", "C"}
    assert buyer.grade_reasons
    event = BuyerEvent.objects.get(buyer=buyer)
    assert event.kind == "registered"
    assert event.actor == user
    assert event.payload["grade"] == buyer.grade
    page = client_for(user).get(response.url)
    assert f"Buyer registered with grade {buyer.grade}." in page.content.decode()


def test_a_rep_may_take_a_new_buyer_but_not_give_it_to_a_colleague(
    cast: Any, client_for: Any
) -> None:
    client = client_for(cast.rep)
    refused = client.post("/buyers/new/", valid_form(assigned_rep=str(cast.outsider.pk)))
    assert refused.status_code == 200
    assert "assigned_rep" in refused.context["form"].errors
    assert not Buyer.objects.exists()

    taken = client.post("/buyers/new/", valid_form(assigned_rep=str(cast.rep.pk)))
    assert taken.status_code == 302
    assert Buyer.objects.get().assigned_rep == cast.rep


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("country", "XX"),
        ("country", ""),
        ("company", ""),
        ("email", "not-an-email"),
        ("platform_level", "L9"),
        ("channel", "carrier-pigeon"),
        ("website", "not a url"),
        ("annual_purchase", "-5"),
        ("annual_purchase_currency", "ZZZ"),
    ],
)
def test_creating_with_invalid_data_shows_errors_and_saves_nothing(
    cast: Any, client_for: Any, field: str, value: str
) -> None:
    response = client_for(cast.owner).post("/buyers/new/", valid_form(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Nothing was saved" in response.content.decode()
    assert "invalid-feedback" in response.content.decode()
    assert not Buyer.objects.exists()
    assert not BuyerEvent.objects.exists()


def test_editing_a_buyer_changes_its_fields_and_records_an_update(
    shelf: Any, cast: Any, client_for: Any
) -> None:
    charlie = shelf["charlie"]
    response = client_for(cast.manager).post(
        f"/buyers/{charlie.pk}/edit/",
        form_of(charlie, contact_name="Tran Minh", phone="+84 28 1234 5678", notes="Wants CPNP"),
    )
    assert response.status_code == 302
    assert response.url == f"/buyers/{charlie.pk}/"
    charlie.refresh_from_db()
    assert charlie.contact_name == "Tran Minh"
    assert charlie.phone == "+84 28 1234 5678"
    assert charlie.notes == "Wants CPNP"
    event = charlie.events.filter(kind="updated").get()
    assert set(event.payload["changes"]) == {"contact_name", "phone", "notes"}
    assert event.payload["changes"]["contact_name"] == ["Nguyen Lan", "Tran Minh"]
    assert event.actor == cast.manager


def test_editing_a_grading_field_regrades_the_buyer(shelf: Any, cast: Any, client_for: Any) -> None:
    charlie = shelf["charlie"]
    assert charlie.grade == "C"
    client_for(cast.manager).post(
        f"/buyers/{charlie.pk}/edit/",
        form_of(
            charlie,
            company_size="enterprise",
            platform_level="L4",
            business_type="importer",
            annual_purchase="100000",
        ),
    )
    charlie.refresh_from_db()
    assert charlie.grade == "A"
    assert charlie.tags.filter(name="grade:A").exists()
    assert not charlie.tags.filter(name="grade:C").exists()
    assert charlie.events.filter(kind="graded").exists()


def test_saving_an_unchanged_buyer_records_nothing(shelf: Any, cast: Any, client_for: Any) -> None:
    alpha = shelf["alpha"]
    before = alpha.events.count()
    response = client_for(cast.owner).post(f"/buyers/{alpha.pk}/edit/", form_of(alpha))
    assert response.status_code == 302
    assert alpha.events.count() == before


def test_editing_with_invalid_data_changes_nothing(shelf: Any, cast: Any, client_for: Any) -> None:
    alpha = shelf["alpha"]
    response = client_for(cast.owner).post(
        f"/buyers/{alpha.pk}/edit/", form_of(alpha, contact_name="Changed", country="XX")
    )
    assert response.status_code == 200
    assert "country" in response.context["form"].errors
    alpha.refresh_from_db()
    assert alpha.contact_name == "Kovács Anna"
    assert not alpha.events.filter(kind="updated").exists()


# --- tags -------------------------------------------------------------------------------------


def test_adding_a_user_tag_with_htmx_returns_the_new_tag_list(
    shelf: Any, cast: Any, client_for: Any
) -> None:
    bravo = shelf["bravo"]
    response = client_for(cast.senior_rep).post(
        f"/buyers/{bravo.pk}/tags/add/", {"name": "  Halal   Certified "}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'data-testid="tags"' in html
    assert "halal certified" in html
    assert bravo.tags.filter(name="halal certified", is_system=False).exists()
    event = bravo.events.get(kind="tagged")
    assert event.payload == {"tag": "halal certified"}


def test_adding_a_tag_without_htmx_redirects_back_to_the_buyer(
    shelf: Any, cast: Any, client_for: Any
) -> None:
    bravo = shelf["bravo"]
    response = client_for(cast.owner).post(f"/buyers/{bravo.pk}/tags/add/", {"name": "vip"})
    assert response.status_code == 302
    assert response.url == f"/buyers/{bravo.pk}/"
    assert bravo.tags.filter(name="vip").exists()


@pytest.mark.parametrize("name", ["grade:A", "GRADE:A", "transacted", "level:L4", "dormant"])
def test_a_system_tag_cannot_be_added_by_hand(
    shelf: Any, cast: Any, client_for: Any, name: str
) -> None:
    charlie = shelf["charlie"]
    before = set(charlie.tags.values_list("name", flat=True))
    response = client_for(cast.owner).post(
        f"/buyers/{charlie.pk}/tags/add/", {"name": name}, **HTMX
    )
    assert response.status_code == 200
    assert "System tags are kept automatically" in response.content.decode()
    assert set(charlie.tags.values_list("name", flat=True)) == before
    assert not charlie.events.filter(kind="tagged").exists()


def test_a_system_tag_cannot_be_removed_by_hand(shelf: Any, cast: Any, client_for: Any) -> None:
    alpha = shelf["alpha"]
    response = client_for(cast.owner).post(
        f"/buyers/{alpha.pk}/tags/remove/", {"name": "grade:A"}, **HTMX
    )
    assert "System tags are kept automatically" in response.content.decode()
    assert alpha.tags.filter(name="grade:A").exists()


def test_removing_a_user_tag_with_htmx_drops_it(shelf: Any, cast: Any, client_for: Any) -> None:
    alpha = shelf["alpha"]
    response = client_for(cast.owner).post(
        f"/buyers/{alpha.pk}/tags/remove/", {"name": "vip"}, **HTMX
    )
    assert response.status_code == 200
    assert not alpha.tags.filter(name="vip").exists()
    assert alpha.events.filter(kind="untagged").exists()


def test_an_overlong_tag_is_refused(shelf: Any, cast: Any, client_for: Any) -> None:
    alpha = shelf["alpha"]
    response = client_for(cast.owner).post(
        f"/buyers/{alpha.pk}/tags/add/", {"name": "x" * 61}, **HTMX
    )
    assert "at most 60 characters" in response.content.decode()
    assert not alpha.tags.filter(name__startswith="xxx").exists()


# --- query counts -----------------------------------------------------------------------------


def queries_for(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def add_listed_buyers(cast: Any, count: int) -> None:
    """Buyers with reps, user tags and system tags, as the list shows them."""
    reps = [cast.rep, cast.senior_rep, None]
    for i in range(count):
        buyer = make_buyer(
            assigned_rep=reps[i % 3],
            platform_level=f"L{i % 5}",
            company_size=["small", "large", ""][i % 3],
        )
        buyer_tag_add(buyer=buyer, actor=None, name=f"campaign-{i % 4}")
        buyer_tag_add(buyer=buyer, actor=None, name="vip")


def add_history(buyer: Buyer, cast: Any, count: int) -> None:
    """Orders, conversations and events (from edits) for the buyer page."""
    for i in range(count):
        make_order(buyer, status=["delivered", "paid", "quoted"][i % 3])
        make_conversation(buyer, body=f"Question {i} about MOQ and lead time")
        buyer_update(buyer=buyer, actor=cast.manager, changes={"notes": f"note {i}"})


@pytest.mark.parametrize("role", ["owner", "rep", "viewer"])
def test_the_list_page_makes_a_fixed_number_of_queries(
    cast: Any, client_for: Any, django_assert_max_num_queries: Any, role: str
) -> None:
    add_listed_buyers(cast, 60)
    client = client_for(getattr(cast, role))
    client.get("/buyers/")  # warm up: the workspace settings row and the session exist now

    with django_assert_max_num_queries(LIST_PAGE_MAX_QUERIES[role]):
        response = client.get("/buyers/")
    assert len(companies(response)) == (40 if role == "rep" else PAGE_SIZE)
    measured = queries_for(client, "/buyers/")

    add_listed_buyers(cast, 60)
    assert queries_for(client, "/buyers/") == measured
    assert queries_for(client, "/buyers/?page=2&tag=vip&sort=company") <= measured
    assert queries_for(client, "/buyers/?grade=C") <= measured


def test_the_buyer_page_makes_a_fixed_number_of_queries(
    cast: Any, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    buyer = make_buyer(company="Busy Buyer Ltd", assigned_rep=cast.rep, **A_BUYER)
    buyer_tag_add(buyer=buyer, actor=cast.rep, name="vip")
    add_history(buyer, cast, 5)
    client = client_for(cast.rep)
    url = f"/buyers/{buyer.pk}/"
    client.get(url)

    with django_assert_max_num_queries(DETAIL_PAGE_MAX_QUERIES):
        response = client.get(url)
    assert len(response.context["profile"].orders) == 5
    measured = queries_for(client, url)

    add_history(buyer, cast, 10)
    assert queries_for(client, url) == measured
