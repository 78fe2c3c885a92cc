"""buyer_regrade: recompute from the rubric; records only a change of letter."""

from __future__ import annotations

import pytest

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.buyers.services import buyer_regrade
from tests.factories import make_buyer, make_order

pytestmark = pytest.mark.django_db


def test_an_order_adds_points_on_regrade():
    buyer = make_buyer(business_type="importer")
    before = buyer.grade_score
    make_order(buyer)
    buyer_regrade(buyer=buyer, cause="order")
    assert buyer.grade_score == before + 4  # "has ordered before" is 0.4 of the 10 "other" points


def test_new_thresholds_move_the_letter_and_leave_an_event():
    buyer = make_buyer(platform_level="L4", company_size="enterprise")
    assert buyer.grade == "B"
    workspace = WorkspaceSettings.current()
    workspace.grade_a_threshold, workspace.grade_b_threshold = 35, 10
    workspace.save()
    buyer_regrade(buyer=buyer, cause="settings")
    assert buyer.grade == "A"
    event = buyer.events.get(kind="graded")
    assert event.payload["cause"] == "settings"


def test_nothing_is_recorded_when_nothing_moved():
    buyer = make_buyer(platform_level="L2")
    buyer_regrade(buyer=buyer, cause="nightly")
    assert not buyer.events.filter(kind="graded").exists()
