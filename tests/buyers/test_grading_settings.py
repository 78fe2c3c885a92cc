"""The Settings page's grading and allocation settings: priority countries, allocation switches."""

from __future__ import annotations

from typing import Any

import pytest

from exportdesk.accounts.models import WorkspaceSettings

pytestmark = pytest.mark.django_db

URL = "/settings/"


def settings_form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "ExportDesk",
        "timezone": "Asia/Seoul",
        "currency": "USD",
        "business_hours_start": "09:00",
        "business_hours_end": "18:00",
        "business_days": ["0", "1", "2", "3", "4"],
        "sla_hours": "4",
        "sample_share_a": "100",
        "sample_share_b": "50",
        "sample_share_c": "0",
        "grade_a_threshold": "60",
        "grade_b_threshold": "30",
        "dormant_days": "90",
        "weight_company_size": "20",
        "weight_order_potential": "25",
        "weight_buying_intent": "25",
        "weight_platform_level": "20",
        "weight_other": "10",
        "followup_checkin_days": "14",
        "followup_review_days": "7",
        "followup_reorder_lead_days": "7",
        "followup_sample_days": "14",
        "followup_new_product_days": "30",
        "followup_dormant_a": "30",
        "followup_dormant_b": "60",
        "followup_dormant_c": "90",
        "due_soon_minutes": "60",
        "alert_emails": "",
        "alert_webhook_url": "",
        "auto_reply_threshold": "0.75",
        "llm_base_url": "",
        "llm_model": "",
        "llm_api_key": "",
        "auto_allocate": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_fresh_settings_allocate_automatically_and_keep_reps_on_grade_change():
    fresh = WorkspaceSettings.current()
    assert (fresh.auto_allocate, fresh.reassign_on_grade_change, fresh.priority_countries) == (
        True,
        False,
        [],
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("hu, ae", ["HU", "AE"]),
        ("US;DE  JP", ["US", "DE", "JP"]),
        ("HU, hu", ["HU"]),
        ("", []),
    ],
)
def test_priority_countries_are_saved_as_iso_codes(cast, client_for, typed, stored):
    response = client_for(cast.owner).post(URL, settings_form(priority_countries=typed))
    assert response.status_code == 302
    assert WorkspaceSettings.current().priority_countries == stored


def test_an_unknown_priority_country_is_refused(cast, client_for):
    response = client_for(cast.owner).post(URL, settings_form(priority_countries="HU, XX, Mars"))
    assert response.status_code == 200
    assert "Unknown country codes: XX, Mars." in response.content.decode()
    assert WorkspaceSettings.current().priority_countries == []


def test_the_allocation_switches_are_saved(cast, client_for):
    client_for(cast.manager).post(
        URL, settings_form(auto_allocate=None, reassign_on_grade_change="on")
    )
    saved = WorkspaceSettings.current()
    assert (saved.auto_allocate, saved.reassign_on_grade_change) == (False, True)


def test_the_page_shows_the_saved_priority_countries(cast, client_for):
    workspace = WorkspaceSettings.current()
    workspace.priority_countries = ["HU", "AE"]
    workspace.save()
    html = client_for(cast.rep).get(URL).content.decode()
    assert 'value="HU, AE"' in html
    assert "Allocation to reps" in html
