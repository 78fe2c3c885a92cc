"""The Settings page: owners and managers change the workspace's business rules; others read."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

import pytest
from django.forms.models import model_to_dict

from exportdesk.accounts.models import WorkspaceSettings
from tests.factories import make_buyer

pytestmark = pytest.mark.django_db

URL = "/settings/"


def settings_form(**overrides: Any) -> dict[str, Any]:
    """The settings form as a browser posts it, starting from the defaults."""
    data: dict[str, Any] = {
        "name": "ExportDesk",
        "timezone": "Asia/Seoul",
        "currency": "USD",
        "business_hours_start": "09:00",
        "business_hours_end": "18:00",
        "business_days": ["0", "1", "2", "3", "4"],
        "sla_hours": "4",
        "sla_uses_business_hours": False,
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
    }
    data.update(overrides)
    # An unticked checkbox is simply absent from the POST.
    return {
        key: ("on" if value is True else value) for key, value in data.items() if value is not False
    }


def snapshot() -> dict[str, Any]:
    """The stored settings (read back from the database)."""
    WorkspaceSettings.current()
    return model_to_dict(WorkspaceSettings.objects.get(pk=1))


def test_fresh_settings_have_business_hours_as_times() -> None:
    # Code computing SLA deadlines combines these with dates; a str default would break it.
    fresh = WorkspaceSettings.current()
    assert fresh.business_hours_start == time(9, 0)
    assert fresh.business_hours_end == time(18, 0)


@pytest.mark.parametrize("role", ["owner", "manager"])
def test_an_owner_or_manager_saves_the_settings(cast: Any, client_for: Any, role: str) -> None:
    response = client_for(getattr(cast, role)).post(
        URL,
        settings_form(
            name="Seoul Glow Export",
            timezone="Europe/Budapest",
            currency="krw",
            business_hours_start="08:30",
            business_hours_end="17:30",
            business_days=["0", "1", "2", "3", "4", "5"],
            sla_hours="6",
            sla_uses_business_hours=True,
            sample_share_a="90",
            sample_share_b="40",
            sample_share_c="10",
            grade_a_threshold="70",
            grade_b_threshold="40",
            dormant_days="60",
            weight_company_size="10",
            weight_order_potential="30",
            weight_buying_intent="30",
            weight_platform_level="25",
            weight_other="5",
        ),
    )

    assert response.status_code == 302
    assert response.url == URL
    saved = WorkspaceSettings.current()
    assert saved.name == "Seoul Glow Export"
    assert saved.timezone == "Europe/Budapest"
    assert saved.currency == "KRW"
    assert saved.business_hours_start == time(8, 30)
    assert saved.business_hours_end == time(17, 30)
    assert saved.business_days == [0, 1, 2, 3, 4, 5]
    assert saved.sla_hours == 6
    assert saved.sla_uses_business_hours is True
    assert (saved.sample_share_a, saved.sample_share_b, saved.sample_share_c) == (90, 40, 10)
    assert (saved.grade_a_threshold, saved.grade_b_threshold) == (70, 40)
    assert saved.dormant_days == 60
    assert saved.rubric_weights == {
        "company_size": 10,
        "order_potential": 30,
        "buying_intent": 30,
        "platform_level": 25,
        "other": 5,
    }
    page = client_for(getattr(cast, role)).get(URL)
    assert "Settings saved." in page.content.decode()
    assert 'value="Europe/Budapest"' in page.content.decode()


def test_the_page_shows_the_current_settings_to_the_owner(cast: Any, client_for: Any) -> None:
    response = client_for(cast.owner).get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Asia/Seoul"' in html
    assert "Save settings" in html
    assert "Only the owner or a manager" not in html


def test_times_are_shown_in_the_saved_workspace_time_zone(cast: Any, client_for: Any) -> None:
    registered = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)
    buyer = make_buyer(company="Zone Test Ltd", at=registered)
    client = client_for(cast.owner)
    assert "2025-01-15 21:00" in client.get(f"/buyers/{buyer.pk}/").content.decode()  # Seoul

    client.post(URL, settings_form(timezone="America/New_York"))

    assert "2025-01-15 07:00" in client.get(f"/buyers/{buyer.pk}/").content.decode()


ALL_WEIGHTS_ZERO = {
    f"weight_{key}": "0"
    for key in ("company_size", "order_potential", "buying_intent", "platform_level", "other")
}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"timezone": "Mars/Olympus_Mons"}, "timezone", id="unknown-timezone"),
        pytest.param({"timezone": "Seoul"}, "timezone", id="city-without-region"),
        pytest.param({"timezone": ""}, "timezone", id="empty-timezone"),
        pytest.param({"currency": "ZZZ"}, "currency", id="unknown-currency"),
        pytest.param({"currency": "US"}, "currency", id="two-letter-currency"),
        pytest.param(
            {"grade_a_threshold": "30", "grade_b_threshold": "30"},
            "grade_a_threshold",
            id="a-threshold-equal-to-b",
        ),
        pytest.param(
            {"grade_a_threshold": "20", "grade_b_threshold": "40"},
            "grade_a_threshold",
            id="a-threshold-below-b",
        ),
        pytest.param(
            {"business_hours_start": "09:00", "business_hours_end": "08:00"},
            "business_hours_end",
            id="hours-end-before-start",
        ),
        pytest.param(
            {"business_hours_start": "09:00", "business_hours_end": "09:00"},
            "business_hours_end",
            id="hours-end-at-start",
        ),
        pytest.param({"business_hours_end": "25:00"}, "business_hours_end", id="not-a-time"),
        pytest.param({"sla_hours": "0"}, "sla_hours", id="sla-zero"),
        pytest.param({"sla_hours": "100"}, "sla_hours", id="sla-over-72"),
        pytest.param({"sample_share_a": "150"}, "sample_share_a", id="share-over-100"),
        pytest.param({"sample_share_c": "-10"}, "sample_share_c", id="negative-share"),
        pytest.param({"weight_other": "-1"}, "weight_other", id="negative-weight"),
        pytest.param({"weight_platform_level": "101"}, "weight_platform_level", id="weight-101"),
        pytest.param({"business_days": ["7"]}, "business_days", id="no-eighth-weekday"),
        pytest.param(ALL_WEIGHTS_ZERO, "__all__", id="all-weights-zero"),
    ],
)
def test_invalid_settings_show_an_error_and_save_nothing(
    cast: Any, client_for: Any, overrides: dict[str, Any], field: str
) -> None:
    before = snapshot()
    # Valid changes alongside the invalid one must not be saved either.
    data = settings_form(
        **{"name": "Changed Name", "sla_hours": "8", "dormant_days": "30", **overrides}
    )
    response = client_for(cast.owner).post(URL, data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Nothing was saved" in response.content.decode()
    assert snapshot() == before


def test_a_rep_sees_the_settings_read_only(cast: Any, client_for: Any) -> None:
    response = client_for(cast.rep).get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Only the owner or a manager can change these settings." in html
    assert "Save settings" not in html
    form = response.context["form"]
    assert all(field.disabled for field in form.fields.values())
    assert 'name="timezone"' in html
    assert "disabled" in html


@pytest.mark.parametrize("role", ["rep", "senior_rep", "viewer"])
def test_a_post_from_someone_who_may_not_change_settings_is_forbidden(
    cast: Any, client_for: Any, role: str
) -> None:
    before = snapshot()
    response = client_for(getattr(cast, role)).post(
        URL, settings_form(timezone="Europe/Budapest", sla_hours="12")
    )
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()
    assert snapshot() == before


def test_the_owner_sets_follow_up_days_alerts_and_the_assistant(cast: Any, client_for: Any) -> None:
    response = client_for(cast.owner).post(
        URL,
        settings_form(
            followup_checkin_days="10",
            followup_review_days="5",
            followup_reorder_lead_days="3",
            followup_sample_days="21",
            followup_new_product_days="45",
            followup_dormant_a="20",
            followup_dormant_b="40",
            followup_dormant_c="120",
            due_soon_minutes="30",
            alert_emails="sales@example.com\n\n  boss@example.co.kr \nSALES@example.com",
            alert_webhook_url="https://chat.example.com/hook/1",
            auto_reply_enabled=True,
            auto_reply_threshold="0.9",
            llm_enabled=True,
            llm_base_url="http://localhost:11434/v1",
            llm_model="qwen2.5:7b",
            llm_api_key="sk-secret-123",
        ),
    )

    assert response.status_code == 302
    saved = WorkspaceSettings.current()
    assert (
        saved.followup_checkin_days,
        saved.followup_review_days,
        saved.followup_reorder_lead_days,
        saved.followup_sample_days,
        saved.followup_new_product_days,
    ) == (10, 5, 3, 21, 45)
    assert saved.followup_dormant_days == {"A": 20, "B": 40, "C": 120}
    assert saved.followup_rules().dormant_days == {"A": 20, "B": 40, "C": 120}
    assert saved.due_soon_minutes == 30
    assert saved.alert_emails == ["sales@example.com", "boss@example.co.kr"]
    assert saved.alert_webhook_url == "https://chat.example.com/hook/1"
    assert (saved.auto_reply_enabled, saved.auto_reply_threshold) == (True, 0.9)
    assert (saved.llm_enabled, saved.llm_base_url, saved.llm_model) == (
        True,
        "http://localhost:11434/v1",
        "qwen2.5:7b",
    )
    assert saved.llm_api_key == "sk-secret-123"


def test_the_page_never_shows_the_stored_llm_key_only_that_one_is_stored(
    cast: Any, client_for: Any
) -> None:
    WorkspaceSettings.objects.filter(pk=WorkspaceSettings.current().pk).update(
        llm_api_key="sk-secret-123"
    )
    for role in ("owner", "rep"):
        html = client_for(getattr(cast, role)).get(URL).content.decode()
        assert "sk-secret-123" not in html
        assert 'data-testid="llm-key-stored"' in html
        assert 'type="password" name="llm_api_key"' in html


def test_a_blank_llm_key_keeps_the_stored_key(cast: Any, client_for: Any) -> None:
    WorkspaceSettings.objects.filter(pk=WorkspaceSettings.current().pk).update(
        llm_api_key="sk-secret-123"
    )
    response = client_for(cast.owner).post(URL, settings_form(name="Renamed", llm_api_key=""))

    assert response.status_code == 302
    saved = WorkspaceSettings.current()
    assert (saved.name, saved.llm_api_key) == ("Renamed", "sk-secret-123")


def test_the_stored_llm_key_is_removed_only_when_asked(cast: Any, client_for: Any) -> None:
    WorkspaceSettings.objects.filter(pk=WorkspaceSettings.current().pk).update(
        llm_api_key="sk-secret-123"
    )
    client_for(cast.owner).post(URL, settings_form(llm_api_key_clear=True))

    assert WorkspaceSettings.current().llm_api_key == ""


def test_an_invalid_form_does_not_leak_the_stored_key_or_say_it_is_gone(
    cast: Any, client_for: Any
) -> None:
    WorkspaceSettings.objects.filter(pk=WorkspaceSettings.current().pk).update(
        llm_api_key="sk-secret-123"
    )
    html = (
        client_for(cast.owner)
        .post(URL, settings_form(auto_reply_threshold="2", llm_api_key="sk-new-typed"))
        .content.decode()
    )
    assert "sk-secret-123" not in html
    assert "sk-new-typed" not in html
    assert 'data-testid="llm-key-stored"' in html
    assert WorkspaceSettings.current().llm_api_key == "sk-secret-123"


def test_the_page_links_to_the_api_tokens(cast: Any, client_for: Any) -> None:
    html = client_for(cast.owner).get(URL).content.decode()
    assert 'href="/api/tokens/"' in html


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param(
            {"alert_emails": "sales@example.com\nnot-an-email"}, "alert_emails", id="bad-email"
        ),
        pytest.param({"alert_emails": "a@b"}, "alert_emails", id="email-without-domain"),
        pytest.param(
            {"auto_reply_threshold": "1.5"}, "auto_reply_threshold", id="threshold-over-1"
        ),
        pytest.param(
            {"auto_reply_threshold": "-0.1"}, "auto_reply_threshold", id="threshold-below-0"
        ),
        pytest.param({"auto_reply_threshold": "high"}, "auto_reply_threshold", id="threshold-text"),
        pytest.param({"alert_webhook_url": "chat hook"}, "alert_webhook_url", id="bad-webhook"),
        pytest.param({"due_soon_minutes": "0"}, "due_soon_minutes", id="due-soon-zero"),
        pytest.param({"followup_checkin_days": "0"}, "followup_checkin_days", id="checkin-zero"),
        pytest.param({"followup_sample_days": "400"}, "followup_sample_days", id="sample-400"),
        pytest.param({"followup_dormant_a": ""}, "followup_dormant_a", id="dormant-a-empty"),
        pytest.param({"llm_enabled": True}, "llm_base_url", id="llm-without-url"),
        pytest.param({"llm_base_url": "http://"}, "llm_base_url", id="llm-url-without-host"),
    ],
)
def test_invalid_follow_up_alert_and_assistant_settings_save_nothing(
    cast: Any, client_for: Any, overrides: dict[str, Any], field: str
) -> None:
    before = snapshot()
    response = client_for(cast.owner).post(URL, settings_form(name="Changed", **overrides))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Nothing was saved" in response.content.decode()
    assert snapshot() == before


def test_an_invalid_email_is_named_in_the_error(cast: Any, client_for: Any) -> None:
    response = client_for(cast.owner).post(
        URL, settings_form(alert_emails="ok@example.com\nbroken@")
    )
    assert "Not valid email addresses: broken@" in response.content.decode()


def test_a_rep_does_not_see_the_webhook_url(cast, client_for):
    from exportdesk.accounts.services import workspace_settings_update

    workspace_settings_update(
        changes={"alert_webhook_url": "https://hooks.example.com/T0/B0/secret"}
    )
    page = client_for(cast.rep).get("/settings/").content.decode()
    assert "secret" not in page
    owner_page = client_for(cast.owner).get("/settings/").content.decode()
    assert "hooks.example.com/T0/B0/secret" in owner_page
