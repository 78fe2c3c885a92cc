"""The workload page: each rep's buyers by grade against capacity, and the allocate button."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from exportdesk.accounts.models import RepProfile
from exportdesk.buyers.models import Buyer
from exportdesk.buyers.services import buyer_grade_lock
from tests.factories import make_buyer

pytestmark = pytest.mark.django_db

URL = "/buyers/workload/"
ALLOCATE = "/buyers/workload/allocate/"
A = {
    "company_size": "enterprise",
    "platform_level": "L4",
    "business_type": "importer",
    "annual_purchase_minor": 10_000_000,
}
B = {"company_size": "medium", "platform_level": "L2", "business_type": "importer"}
# Pinned from measurement: workspace settings, session, user, (role groups: superusers skip
# it), reps with their counts by grade, the unassigned queue by grade. More means an N+1.
# +1: the inbox count in the navigation (one aggregate query per page).
WORKLOAD_MAX_QUERIES = {"owner": 6, "rep": 7}


@pytest.fixture
def book(cast: Any) -> None:
    """senior: 1 A + 1 B; rep: 2 C + 1 dormant C; queue: 1 A, 2 C, 1 dormant B."""
    RepProfile.objects.filter(user=cast.senior_rep).update(capacity=4)
    RepProfile.objects.filter(user=cast.rep).update(capacity=2)
    long_ago = timezone.now() - timedelta(days=200)
    make_buyer(company="Senior A", assigned_rep=cast.senior_rep, **A)
    make_buyer(company="Senior B", assigned_rep=cast.senior_rep, **B)
    make_buyer(company="Rep C1", assigned_rep=cast.rep)
    make_buyer(company="Rep C2", assigned_rep=cast.rep)
    make_buyer(company="Rep sleeper", assigned_rep=cast.rep, at=long_ago)
    make_buyer(company="Queue A", **A)
    make_buyer(company="Queue C1")
    make_buyer(company="Queue C2")
    make_buyer(company="Queue sleeper", at=long_ago, **B)


def row(response: Any, username: str) -> Any:
    return next(r for r in response.context["workload"].reps if r.user.username == username)


@pytest.mark.parametrize("role", ["owner", "manager", "senior_rep", "rep", "viewer"])
def test_everyone_signed_in_sees_the_workload(book, cast, client_for, role):
    response = client_for(getattr(cast, role)).get(URL)
    assert response.status_code == 200
    assert "Workload" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response.url


def test_each_rep_shows_buyers_by_grade_load_and_capacity(book, cast, client_for):
    response = client_for(cast.owner).get(URL)
    senior, rep, outsider = (row(response, n) for n in ("senior", "rep", "outsider"))
    assert (senior.seniority, senior.a, senior.b, senior.c, senior.capacity) == (
        "senior",
        1,
        1,
        0,
        4,
    )
    assert (senior.load, senior.load_pct, senior.level) == (2, 50, "success")
    assert (rep.seniority, rep.a, rep.b, rep.c, rep.dormant) == ("junior", 0, 0, 2, 1)
    assert (rep.load, rep.load_pct, rep.level) == (2, 100, "warning")  # dormant not counted
    assert (outsider.load, outsider.spare) == (0, 200)
    workload = response.context["workload"]
    assert workload.unassigned == {"A": 1, "B": 0, "C": 2}
    assert workload.unassigned_dormant == 1
    html = response.content.decode()
    assert "Senior" in html
    assert 'aria-valuenow="2"' in html
    assert "2 / 2" in html


def test_the_senior_reps_come_first(book, cast, client_for):
    names = [r.user.username for r in client_for(cast.owner).get(URL).context["workload"].reps]
    assert names[0] == "senior"
    assert set(names) == {"senior", "rep", "outsider"}


def test_a_rep_over_capacity_shows_a_red_bar(book, cast, client_for):
    RepProfile.objects.filter(user=cast.rep).update(capacity=1)
    response = client_for(cast.owner).get(URL)
    rep = row(response, "rep")
    assert (rep.load_pct, rep.bar_pct, rep.level) == (200, 100, "danger")
    assert "bg-danger" in response.content.decode()


def test_someone_holding_buyers_without_a_rep_role_is_listed_too(book, cast, client_for):
    make_buyer(company="Managers own", assigned_rep=cast.manager)
    manager = row(client_for(cast.owner).get(URL), "manager")
    assert (manager.is_rep, manager.c) == (False, 1)


@pytest.mark.parametrize("role", ["owner", "rep"])
def test_the_workload_page_makes_a_fixed_number_of_queries(
    cast, client_for, django_assert_max_num_queries, role
):
    client = client_for(getattr(cast, role))
    for i in range(3):
        make_buyer(company=f"Few {i}", assigned_rep=cast.rep)
    client.get(URL)  # warm the session
    with django_assert_max_num_queries(WORKLOAD_MAX_QUERIES[role]):
        assert client.get(URL).status_code == 200
    for i in range(30):
        make_buyer(company=f"Many {i}", assigned_rep=[cast.rep, cast.senior_rep, None][i % 3])
    with django_assert_max_num_queries(WORKLOAD_MAX_QUERIES[role]):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize(
    ("role", "shown"),
    [("owner", True), ("manager", True), ("senior_rep", False), ("rep", False), ("viewer", False)],
)
def test_only_owners_and_managers_see_the_allocate_button(book, cast, client_for, role, shown):
    html = client_for(getattr(cast, role)).get(URL).content.decode()
    assert ('data-testid="allocate-button"' in html) is shown


@pytest.mark.parametrize("role", ["owner", "manager"])
def test_the_allocate_button_assigns_the_queue_and_says_how_many(book, cast, client_for, role):
    client = client_for(getattr(cast, role))
    response = client.post(ALLOCATE)
    assert response.status_code == 302
    assert response.url == URL
    html = client.get(URL).content.decode()
    assert "3 buyers assigned." in html
    assigned = dict(Buyer.objects.values_list("company", "assigned_rep__username"))
    assert assigned["Queue A"] == "senior"
    assert {assigned["Queue C1"], assigned["Queue C2"]} == {"outsider"}  # rep is full
    assert assigned["Queue sleeper"] is None


def test_the_allocate_button_says_so_when_nobody_has_room(book, cast, client_for):
    RepProfile.objects.filter(user=cast.outsider).update(capacity=0)
    client = client_for(cast.owner)
    client.post(ALLOCATE)
    html = client.get(URL).content.decode()
    assert "1 buyer assigned." in html  # the A buyer
    assert "2 buyers stay unassigned" in html


@pytest.mark.parametrize("role", ["senior_rep", "rep", "viewer"])
def test_others_may_not_allocate(book, cast, client_for, role):
    response = client_for(getattr(cast, role)).post(ALLOCATE)
    assert response.status_code == 403
    assert Buyer.objects.filter(assigned_rep__isnull=True).count() == 4


def test_allocation_needs_a_post(cast, client_for):
    assert client_for(cast.owner).get(ALLOCATE).status_code == 405


def test_the_navigation_links_to_the_workload(cast, client_for):
    html = client_for(cast.rep).get("/buyers/").content.decode()
    assert 'href="/buyers/workload/" class="nav-link"' in html
    assert 'href="/buyers/" class="nav-link active"' in html


def test_on_the_workload_page_only_the_workload_link_is_active(cast, client_for):
    html = client_for(cast.rep).get(URL).content.decode()
    assert 'href="/buyers/workload/" class="nav-link active"' in html
    assert 'href="/buyers/" class="nav-link"' in html


# --- the buyers list: the grade lock filter ----------------------------------------------------


@pytest.mark.parametrize(
    ("locked", "expected"), [("1", {"Locked"}), ("0", {"Free"}), ("x", {"Locked", "Free"})]
)
def test_the_list_filters_by_grade_lock(cast, client_for, locked, expected):
    buyer_grade_lock(buyer=make_buyer(company="Locked"), actor=cast.owner, grade="A", reason="why")
    make_buyer(company="Free")
    response = client_for(cast.owner).get("/buyers/", {"locked": locked})
    assert {b.company for b in response.context["result"].page.object_list} == expected
    if locked == "1":
        assert "Grade locked by hand" in response.content.decode()
