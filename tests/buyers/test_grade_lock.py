"""The manual override: a locked grade keeps its letter until it is unlocked."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from exportdesk.buyers.models import Buyer
from exportdesk.buyers.services import (
    buyer_grade_lock,
    buyer_grade_unlock,
    buyer_regrade,
    buyer_update,
    buyers_regrade_many,
)
from tests.buyers.builders import set_workspace
from tests.factories import make_buyer, make_order

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def c_buyer(cast: Any) -> Buyer:
    return make_buyer(company="Small Shop", platform_level="L1")


@pytest.mark.parametrize(
    ("grade", "reason", "field"),
    [
        ("A", "", "reason"),
        ("A", "   \n ", "reason"),
        ("A", "x" * 201, "reason"),
        ("D", "key account", "grade"),
        ("", "key account", "grade"),
    ],
)
def test_a_lock_needs_a_grade_and_a_reason(cast, c_buyer, grade, reason, field):
    with pytest.raises(ValidationError) as excinfo:
        buyer_grade_lock(buyer=c_buyer, actor=cast.manager, grade=grade, reason=reason)
    assert field in excinfo.value.message_dict
    c_buyer.refresh_from_db()
    assert (c_buyer.grade, c_buyer.grade_locked) == ("C", False)
    assert not c_buyer.events.filter(kind="grade_locked").exists()


def test_a_lock_sets_the_letter_and_records_why(cast, c_buyer):
    buyer_grade_lock(
        buyer=c_buyer, actor=cast.manager, grade="a", reason="  Key distributor,  met in Seoul "
    )
    c_buyer.refresh_from_db()
    assert (c_buyer.grade, c_buyer.grade_locked) == ("A", True)
    assert c_buyer.grade_lock_reason == "Key distributor, met in Seoul"
    assert c_buyer.tags.filter(name="grade:A").exists()
    assert not c_buyer.tags.filter(name="grade:C").exists()
    locked = c_buyer.events.get(kind="grade_locked")
    assert locked.payload == {"from": "C", "grade": "A", "reason": "Key distributor, met in Seoul"}
    assert locked.actor == cast.manager
    graded = c_buyer.events.get(kind="graded")
    assert (graded.payload["from"], graded.payload["to"], graded.payload["cause"]) == (
        "C",
        "A",
        "lock",
    )


def test_a_regrade_refreshes_the_score_but_not_a_locked_letter(cast, c_buyer):
    buyer_grade_lock(buyer=c_buyer, actor=cast.manager, grade="A", reason="key account")
    make_order(c_buyer, total_minor=2_000_000)
    buyer_regrade(buyer=c_buyer, cause="order")
    c_buyer.refresh_from_db()
    assert c_buyer.grade == "A"
    assert c_buyer.grade_score > 5  # the order counted
    assert c_buyer.events.filter(kind="graded").count() == 1  # only the lock's


def test_a_profile_change_does_not_move_a_locked_letter(cast, c_buyer):
    buyer_grade_lock(buyer=c_buyer, actor=cast.manager, grade="B", reason="promising")
    buyer_update(
        buyer=c_buyer,
        actor=cast.manager,
        changes={"platform_level": "L4", "company_size": "enterprise", "business_type": "importer"},
    )
    c_buyer.refresh_from_db()
    assert c_buyer.grade == "B"
    assert c_buyer.grade_score >= 46


def test_the_nightly_regrade_does_not_move_a_locked_letter(cast, c_buyer):
    buyer_grade_lock(buyer=c_buyer, actor=cast.manager, grade="A", reason="key account")
    buyers_regrade_many(cause="nightly")
    c_buyer.refresh_from_db()
    assert (c_buyer.grade, c_buyer.grade_locked) == ("A", True)


def test_unlocking_hands_the_letter_back_to_the_rubric(cast, c_buyer):
    buyer_grade_lock(buyer=c_buyer, actor=cast.manager, grade="A", reason="key account")
    buyer_grade_unlock(buyer=c_buyer, actor=cast.owner)
    c_buyer.refresh_from_db()
    assert (c_buyer.grade, c_buyer.grade_locked, c_buyer.grade_lock_reason) == ("C", False, "")
    assert c_buyer.events.filter(kind="grade_unlocked", actor=cast.owner).exists()
    back = c_buyer.events.filter(kind="graded").order_by("-id").first()
    assert (back.payload["from"], back.payload["to"], back.payload["cause"]) == ("A", "C", "unlock")
    assert c_buyer.tags.filter(name="grade:C").exists()


def test_after_unlocking_regrades_move_the_letter_again(cast, c_buyer):
    buyer_grade_lock(buyer=c_buyer, actor=cast.manager, grade="C", reason="bad payer")
    buyer_update(
        buyer=c_buyer,
        actor=cast.manager,
        changes={"platform_level": "L4", "company_size": "enterprise", "business_type": "importer"},
    )
    assert c_buyer.grade == "C"
    buyer_grade_unlock(buyer=c_buyer, actor=cast.manager)
    assert c_buyer.grade == "B"


def test_unlocking_an_unlocked_grade_records_nothing(cast, c_buyer):
    buyer_grade_unlock(buyer=c_buyer, actor=cast.manager)
    assert not c_buyer.events.filter(kind="grade_unlocked").exists()


# --- the buyer page ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "manager", "senior_rep"])
def test_owners_managers_and_senior_reps_lock_from_the_grade_card(cast, client_for, c_buyer, role):
    response = client_for(getattr(cast, role)).post(
        f"/buyers/{c_buyer.pk}/grade/lock/", {"grade": "A", "reason": "strategic account"}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="grade-card"' in html
    assert "Locked" in html
    assert "Lock reason: strategic account" in html
    assert "The rubric alone would give C." in html
    assert 'id="header-grade" hx-swap-oob="true"' in html  # the page header's badge follows
    assert 'id="buyer-tags" hx-swap-oob="true"' in html  # and the grade:A tag
    assert "grade:A" in html
    c_buyer.refresh_from_db()
    assert (c_buyer.grade, c_buyer.grade_locked) == ("A", True)


@pytest.mark.parametrize("role", ["rep", "viewer"])
@pytest.mark.parametrize("action", ["lock", "unlock"])
def test_reps_and_viewers_may_not_lock_or_unlock(cast, client_for, c_buyer, role, action):
    response = client_for(getattr(cast, role)).post(
        f"/buyers/{c_buyer.pk}/grade/{action}/", {"grade": "A", "reason": "mine"}
    )
    assert response.status_code == 403
    c_buyer.refresh_from_db()
    assert not c_buyer.grade_locked


def test_a_senior_rep_cannot_lock_another_reps_buyer(cast, client_for):
    theirs = make_buyer(assigned_rep=cast.rep)
    response = client_for(cast.senior_rep).post(
        f"/buyers/{theirs.pk}/grade/lock/", {"grade": "A", "reason": "x"}
    )
    assert response.status_code == 404


def test_a_lock_without_a_reason_shows_the_error_and_changes_nothing(cast, client_for, c_buyer):
    response = client_for(cast.manager).post(
        f"/buyers/{c_buyer.pk}/grade/lock/", {"grade": "A", "reason": "  "}, **HTMX
    )
    assert response.status_code == 200
    assert "Say why the grade is locked" in response.content.decode()
    c_buyer.refresh_from_db()
    assert not c_buyer.grade_locked


def test_without_htmx_the_lock_redirects_to_the_buyer_page(cast, client_for, c_buyer):
    client = client_for(cast.owner)
    response = client.post(f"/buyers/{c_buyer.pk}/grade/lock/", {"grade": "B", "reason": "why"})
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Grade locked at B." in page
    assert "Grade locked at B: why" in page  # the timeline


def test_the_unlock_button_unlocks(cast, client_for, c_buyer):
    buyer_grade_lock(buyer=c_buyer, actor=cast.manager, grade="A", reason="key account")
    client = client_for(cast.manager)
    page = client.get(f"/buyers/{c_buyer.pk}/").content.decode()
    assert f"/buyers/{c_buyer.pk}/grade/unlock/" in page
    response = client.post(f"/buyers/{c_buyer.pk}/grade/unlock/", **HTMX)
    assert response.status_code == 200
    assert 'data-testid="grade-lock-form"' in response.content.decode()
    c_buyer.refresh_from_db()
    assert (c_buyer.grade, c_buyer.grade_locked) == ("C", False)


@pytest.mark.parametrize(("role", "shown"), [("manager", True), ("rep", False), ("viewer", False)])
def test_the_lock_form_shows_only_to_those_who_may_lock(cast, client_for, c_buyer, role, shown):
    html = client_for(getattr(cast, role)).get(f"/buyers/{c_buyer.pk}/").content.decode()
    assert ('data-testid="grade-lock-form"' in html) is shown


def test_the_grade_lock_setting_survives_a_change_of_thresholds(cast, c_buyer):
    buyer_grade_lock(buyer=c_buyer, actor=cast.manager, grade="B", reason="promising")
    set_workspace(grade_a_threshold=5, grade_b_threshold=1)
    buyer_regrade(buyer=c_buyer, cause="settings")
    assert c_buyer.grade == "B"
