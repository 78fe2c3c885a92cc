"""The Today page: due follow-ups per rep, A buyers first, HTMX done / snooze / dismiss, and a
fixed number of queries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exportdesk.buyers.models import FollowUp
from tests.orders.conftest import graded_buyer

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TODAY = reverse("orders:today")
# Pinned from measurement: session, user, (role groups and 2 permission lookups for
# non-superusers), the follow-ups, workspace settings (base template).
# +1: the inbox count in the navigation (one aggregate query per page).
# +2: one follow-up query per grade (A, B, C), each stopping at the page size.
TODAY_MAX_QUERIES = {"owner": 8, "rep": 11}


def make_followup(buyer, *, due_days: float = -1, assignee=None, **fields: Any) -> FollowUp:
    fields.setdefault("kind", "post_delivery_checkin")
    fields.setdefault("suggested_message", "Hi,\n\nHow have you been?")
    return FollowUp.objects.create(
        buyer=buyer,
        due_at=timezone.now() + timedelta(days=due_days),
        assignee=assignee,
        **fields,
    )


def shown(response) -> list[int]:
    return [f.pk for f in response.context["followups"]]


@pytest.fixture
def day(cast) -> dict[str, FollowUp]:
    a_buyer = graded_buyer("A", company="Alpha", assigned_rep=cast.rep)
    b_buyer = graded_buyer("B", company="Beta", assigned_rep=cast.rep)
    c_buyer = graded_buyer("C", company="Gamma")
    theirs = graded_buyer("A", company="Theirs", assigned_rep=cast.outsider)
    return {
        "c_old": make_followup(c_buyer, due_days=-5),
        "b_old": make_followup(b_buyer, due_days=-3, assignee=cast.rep),
        "a_new": make_followup(a_buyer, due_days=-0.1, assignee=cast.rep),
        "a_old": make_followup(a_buyer, due_days=-2, assignee=cast.rep, kind="review_request"),
        "future": make_followup(b_buyer, due_days=3, assignee=cast.rep),
        "done": make_followup(b_buyer, assignee=cast.rep, status="done"),
        "snoozed": make_followup(
            b_buyer,
            assignee=cast.rep,
            status="snoozed",
            snoozed_until=timezone.now() + timedelta(days=2),
        ),
        "snooze_over": make_followup(
            c_buyer, status="snoozed", snoozed_until=timezone.now() - timedelta(hours=1)
        ),
        "theirs": make_followup(theirs, assignee=cast.outsider),
    }


def test_today_lists_due_follow_ups_a_buyers_first_then_by_due_date(client_for, cast, day):
    response = client_for(cast.rep).get(TODAY)
    assert response.status_code == 200
    assert shown(response) == [
        day["a_old"].pk,
        day["a_new"].pk,
        day["b_old"].pk,
        day["c_old"].pk,
        day["snooze_over"].pk,
    ]
    html = response.content.decode()
    assert "How have you been?" in html


def test_managers_see_everyones_follow_ups(client_for, cast, day):
    assert day["theirs"].pk in shown(client_for(cast.owner).get(TODAY))


@pytest.mark.parametrize("role", ["owner", "rep"])
def test_today_makes_a_fixed_number_of_queries(
    client_for, cast, day, role, django_assert_max_num_queries
):
    client = client_for(getattr(cast, role))
    with django_assert_max_num_queries(TODAY_MAX_QUERIES[role]):
        assert client.get(TODAY).status_code == 200


def test_the_today_query_count_does_not_grow_with_more_follow_ups(client_for, cast, day):
    client = client_for(cast.rep)
    client.get(TODAY)
    with CaptureQueriesContext(connection) as few:
        client.get(TODAY)
    for i in range(10):
        make_followup(graded_buyer("B", assigned_rep=cast.rep), due_days=-i, assignee=cast.rep)
    with CaptureQueriesContext(connection) as many:
        client.get(TODAY)
    assert len(many) == len(few)


@pytest.mark.parametrize(
    ("action", "data", "status", "notice"),
    [
        pytest.param("done", {}, "done", "Done.", id="done"),
        pytest.param("snooze", {"days": "7"}, "snoozed", "Snoozed for 7 days.", id="snooze"),
        pytest.param(
            "dismiss", {"reason": "Met at the fair"}, "dismissed", "Dismissed.", id="dismiss"
        ),
    ],
)
def test_htmx_actions_close_the_row_and_say_so(client_for, cast, day, action, data, status, notice):
    followup = day["a_new"]
    url = reverse("orders:followup_action", args=[followup.pk, action])
    response = client_for(cast.rep).post(url, data, **HTMX)
    assert response.status_code == 200
    assert notice in response.content.decode()
    followup.refresh_from_db()
    assert followup.status == status
    assert followup.pk not in shown(client_for(cast.rep).get(TODAY))


@pytest.mark.parametrize(
    ("action", "data", "error"),
    [
        pytest.param("snooze", {"days": "2"}, "Snooze for 1, 3 or 7 days.", id="odd snooze"),
        pytest.param("dismiss", {"reason": ""}, "Say why", id="dismiss without a reason"),
    ],
)
def test_bad_actions_change_nothing_and_say_why(client_for, cast, day, action, data, error):
    followup = day["a_new"]
    url = reverse("orders:followup_action", args=[followup.pk, action])
    response = client_for(cast.rep).post(url, data, **HTMX)
    assert error in response.content.decode()
    followup.refresh_from_db()
    assert followup.status == "open"


def test_a_plain_form_post_redirects_back_to_today(client_for, cast, day):
    url = reverse("orders:followup_action", args=[day["a_new"].pk, "done"])
    response = client_for(cast.rep).post(url)
    assert response.status_code == 302
    assert response["Location"] == TODAY


@pytest.mark.parametrize(
    ("role", "status"),
    [
        pytest.param("rep", 404, id="another rep's follow-up is invisible"),
        pytest.param("viewer", 403, id="a viewer changes nothing"),
    ],
)
def test_actions_respect_roles(client_for, cast, day, role, status):
    url = reverse("orders:followup_action", args=[day["theirs"].pk, "done"])
    assert client_for(getattr(cast, role)).post(url).status_code == status


def test_an_unknown_action_is_not_found(client_for, cast, day):
    url = reverse("orders:followup_action", args=[day["a_new"].pk, "explode"])
    assert client_for(cast.rep).post(url).status_code == 404


def test_the_navigation_links_to_today(client_for, cast):
    html = client_for(cast.rep).get(TODAY).content.decode()
    assert f'href="{TODAY}"' in html
