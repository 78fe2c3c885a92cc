"""Allocation through the services: capacity, load, events, automatic and on grade change."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from exportdesk.accounts.roles import Role
from exportdesk.buyers.models import Buyer
from exportdesk.buyers.services import (
    buyer_allocate,
    buyer_grade_lock,
    buyer_register,
    buyer_update,
    buyers_allocate_unassigned,
)
from tests.buyers.builders import make_rep, set_workspace
from tests.factories import make_buyer, make_user

pytestmark = pytest.mark.django_db

A = {
    "company_size": "enterprise",
    "platform_level": "L4",
    "business_type": "importer",
    "annual_purchase_minor": 10_000_000,
}
B = {"company_size": "medium", "platform_level": "L2", "business_type": "importer"}


@pytest.fixture
def team(db: None) -> dict[str, Any]:
    """Two seniors (capacity 2 and 3) and two juniors (capacity 3); no automatic allocation."""
    set_workspace(auto_allocate=False)
    return {
        "kim": make_rep("kim", senior=True, capacity=2),
        "lee": make_rep("lee", senior=True, capacity=3),
        "park": make_rep("park", capacity=3),
        "choi": make_rep("choi", capacity=3),
    }


@pytest.fixture
def boss(team: dict[str, Any]) -> Any:
    """A manager (not a rep, so allocation never picks them)."""
    return make_user(Role.MANAGER, username="boss")


def give(rep: Any, n: int, **fields: Any) -> None:
    for _ in range(n):
        make_buyer(assigned_rep=rep, **fields)


@pytest.mark.parametrize(
    ("grade_fields", "loads", "expected", "rule"),
    [
        pytest.param(A, {}, "kim", "senior", id="A-least-loaded-senior-lower-id-on-tie"),
        pytest.param(A, {"kim": 1}, "lee", "senior", id="A-least-loaded-senior"),
        pytest.param(A, {"kim": 2, "lee": 3}, "kim", "senior_over_capacity", id="A-over-capacity"),
        pytest.param(B, {"kim": 2, "lee": 1}, "lee", "senior", id="B-senior-with-room"),
        pytest.param(B, {"kim": 2, "lee": 3, "park": 1}, "choi", "junior", id="B-junior"),
        pytest.param({}, {"park": 2, "choi": 1}, "choi", "junior", id="C-least-loaded-junior"),
        pytest.param({}, {"park": 3, "choi": 3}, None, "", id="C-queue-when-juniors-are-full"),
    ],
)
def test_buyer_allocate_follows_grade_capacity_and_load(team, grade_fields, loads, expected, rule):
    for name, n in loads.items():
        give(team[name], n)
    buyer = make_buyer(company="New Buyer", **grade_fields)
    buyer_allocate(buyer=buyer, actor=None)
    buyer.refresh_from_db()
    assert buyer.assigned_rep == (team[expected] if expected else None)
    events = list(buyer.events.filter(kind="assigned"))
    if expected:
        (event,) = events
        assert event.payload == {
            "from": None,
            "to": expected,
            "reason": "allocation",
            "rule": rule,
            "grade": buyer.grade,
        }
    else:
        assert events == []


def test_dormant_buyers_do_not_count_as_load(team):
    give(team["park"], 3, at=timezone.now() - timedelta(days=365))  # all dormant
    give(team["choi"], 1)
    buyer = make_buyer()
    buyer_allocate(buyer=buyer, actor=None)
    buyer.refresh_from_db()
    assert buyer.assigned_rep == team["park"]


def test_inactive_reps_get_nothing(team):
    for name in ("park", "choi"):
        team[name].is_active = False
        team[name].save()
    buyer = make_buyer()
    buyer_allocate(buyer=buyer, actor=None)
    buyer.refresh_from_db()
    assert buyer.assigned_rep is None


def test_allocating_the_queue_assigns_a_first_and_reports(team, boss):
    give(team["park"], 2)
    give(team["choi"], 2)
    queue = [make_buyer(company=f"C{i}") for i in range(3)] + [
        make_buyer(company="Top", **A),
        make_buyer(company="Mid", **B),
    ]
    sleeper = make_buyer(company="Sleeper", at=timezone.now() - timedelta(days=365))
    report = buyers_allocate_unassigned(actor=boss)
    # A to kim, B to lee (seniors with room), one C to each junior's last place, one C waits
    assert (report.assigned, report.left_unassigned) == (4, 1)
    assert report.by_rep == {"kim": 1, "lee": 1, "park": 1, "choi": 1}
    got = {
        b.company: b.assigned_rep.username if b.assigned_rep else None
        for b in Buyer.objects.filter(pk__in=[b.pk for b in queue])
    }
    assert got["Top"] == "kim"
    assert got["Mid"] == "lee"
    assert sorted(v for k, v in got.items() if k.startswith("C") and v) == ["choi", "park"]
    sleeper.refresh_from_db()
    assert sleeper.assigned_rep is None  # dormant buyers stay in the queue
    event = Buyer.objects.get(company="Top").events.get(kind="assigned")
    assert event.actor == boss
    assert event.payload["reason"] == "allocation"


def test_allocating_the_queue_makes_a_fixed_number_of_queries(team, django_assert_max_num_queries):
    for i in range(30):
        make_buyer(company=f"Q{i}", **(A if i % 3 == 0 else B if i % 3 == 1 else {}))
    with django_assert_max_num_queries(8):
        report = buyers_allocate_unassigned(actor=None)
    # 10 A: seniors fill up (kim 2, lee 3), then take the rest over capacity, alternating;
    # 10 B: seniors are full, the juniors take 3 each; 10 C: nobody has room left.
    assert (report.assigned, report.left_unassigned) == (16, 14)
    assert report.by_rep == {"kim": 5, "lee": 5, "park": 3, "choi": 3}


# --- automatic allocation ----------------------------------------------------------------------


def test_a_new_buyer_without_a_rep_is_allocated_when_the_registration_commits(
    team, django_capture_on_commit_callbacks
):
    set_workspace(auto_allocate=True)
    with django_capture_on_commit_callbacks(execute=True):
        buyer = buyer_register(actor=None, company="Inbound Co", country="US", **A)
    buyer.refresh_from_db()
    assert buyer.assigned_rep == team["kim"]
    assert buyer.events.get(kind="assigned").payload["reason"] == "allocation"


def test_a_batch_of_registrations_is_allocated_once_and_spread(
    team, django_capture_on_commit_callbacks
):
    set_workspace(auto_allocate=True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for i in range(4):
            buyer_register(actor=None, company=f"Imported {i}", country="US")
    assert len(callbacks) == 1
    reps = sorted(Buyer.objects.values_list("assigned_rep__username", flat=True))
    assert reps == ["choi", "choi", "park", "park"]


@pytest.mark.parametrize("auto", [False, True])
def test_automatic_allocation_is_a_workspace_setting(
    team, django_capture_on_commit_callbacks, auto
):
    set_workspace(auto_allocate=auto)
    with django_capture_on_commit_callbacks(execute=True):
        buyer = buyer_register(actor=None, company="Inbound Co", country="US")
    buyer.refresh_from_db()
    assert (buyer.assigned_rep is not None) is auto


def test_a_rep_chosen_at_registration_is_kept(team, django_capture_on_commit_callbacks):
    set_workspace(auto_allocate=True)
    with django_capture_on_commit_callbacks(execute=True):
        buyer = buyer_register(
            actor=None, company="Taken Co", country="US", assigned_rep=team["lee"]
        )
    buyer.refresh_from_db()
    assert buyer.assigned_rep == team["lee"]
    assert not buyer.events.filter(kind="assigned").exists()


def test_a_rolled_back_registration_allocates_nothing(team, django_capture_on_commit_callbacks):
    set_workspace(auto_allocate=True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            buyer_register(actor=None, company="Gone Co", country="US")
            raise RuntimeError
        buyer = buyer_register(actor=None, company="Kept Co", country="US")
    buyer.refresh_from_db()
    assert buyer.assigned_rep is not None
    assert len(callbacks) == 1
    assert Buyer.objects.count() == 1


# --- reassignment on grade change ---------------------------------------------------------------


def upgrade_to_a(buyer: Buyer, actor: Any) -> None:
    buyer_update(buyer=buyer, actor=actor, changes={k: v for k, v in A.items()})


@pytest.mark.parametrize(("setting", "rep_after"), [(True, "kim"), (False, "park")])
def test_an_upgrade_to_a_moves_the_buyer_to_a_senior_only_if_the_setting_says_so(
    team, boss, setting, rep_after
):
    set_workspace(reassign_on_grade_change=setting)
    buyer = make_buyer(assigned_rep=team["park"])
    upgrade_to_a(buyer, boss)
    buyer.refresh_from_db()
    assert buyer.grade == "A"
    assert buyer.assigned_rep.username == rep_after
    if setting:
        event = buyer.events.filter(kind="assigned").get()
        assert (event.payload["from"], event.payload["to"]) == ("park", "kim")


def test_a_rep_who_stays_eligible_keeps_the_buyer(team, boss):
    set_workspace(reassign_on_grade_change=True)
    buyer = make_buyer(assigned_rep=team["park"])
    buyer_update(buyer=buyer, actor=boss, changes=dict(B))
    buyer.refresh_from_db()
    assert buyer.grade == "B"
    assert buyer.assigned_rep == team["park"]  # B buyers may stay with a junior


def test_a_locked_grade_change_reassigns_too(team, boss):
    set_workspace(reassign_on_grade_change=True)
    buyer = make_buyer(assigned_rep=team["choi"])
    buyer_grade_lock(buyer=buyer, actor=boss, grade="A", reason="strategic")
    buyer.refresh_from_db()
    assert buyer.assigned_rep == team["kim"]


def test_an_unassigned_buyer_whose_grade_changes_joins_the_allocation(
    team, boss, django_capture_on_commit_callbacks
):
    buyer = make_buyer()
    set_workspace(auto_allocate=True)
    with django_capture_on_commit_callbacks(execute=True):
        upgrade_to_a(buyer, boss)
    buyer.refresh_from_db()
    assert buyer.assigned_rep == team["kim"]
