"""Who sees which buyers."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from exportdesk.buyers.selectors import buyer_profile, buyers_visible_to
from tests.factories import make_buyer

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(cast):
    return {
        "rep": make_buyer(company="Rep Co", assigned_rep=cast.rep),
        "outsider": make_buyer(company="Outsider Co", assigned_rep=cast.outsider),
        "open": make_buyer(company="Open Co"),
    }


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("owner", {"Rep Co", "Outsider Co", "Open Co"}),
        ("manager", {"Rep Co", "Outsider Co", "Open Co"}),
        ("viewer", {"Rep Co", "Outsider Co", "Open Co"}),
        ("rep", {"Rep Co", "Open Co"}),
        ("senior_rep", {"Open Co"}),
        ("outsider", {"Outsider Co", "Open Co"}),
    ],
)
def test_each_role_sees_its_share_of_buyers(cast, book, who, sees):
    user = getattr(cast, who)
    assert set(buyers_visible_to(user).values_list("company", flat=True)) == sees


def test_an_anonymous_user_sees_nobody(book):
    assert not buyers_visible_to(AnonymousUser()).exists()


def test_a_rep_cannot_open_another_reps_buyer(cast, book):
    with pytest.raises(Http404):
        buyer_profile(cast.rep, book["outsider"].pk)
