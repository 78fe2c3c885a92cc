"""Writes of the accounts app."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from exportdesk.accounts.models import RepProfile, WorkspaceSettings
from exportdesk.accounts.roles import Role

SETTINGS_FIELDS = (
    "name",
    "timezone",
    "currency",
    "business_hours_start",
    "business_hours_end",
    "business_days",
    "sla_hours",
    "sla_uses_business_hours",
    "sample_share_a",
    "sample_share_b",
    "sample_share_c",
    "grade_a_threshold",
    "grade_b_threshold",
    "dormant_days",
    "rubric_weights",
    "priority_countries",
    "auto_allocate",
    "reassign_on_grade_change",
    "followup_checkin_days",
    "followup_review_days",
    "followup_reorder_lead_days",
    "followup_dormant_days",
    "followup_sample_days",
    "followup_new_product_days",
    "due_soon_minutes",
    "alert_emails",
    "alert_webhook_url",
    "auto_reply_enabled",
    "auto_reply_threshold",
    "llm_enabled",
    "llm_base_url",
    "llm_model",
    "llm_api_key",
)


@transaction.atomic
def workspace_settings_update(*, changes: dict[str, Any]) -> WorkspaceSettings:
    """Apply validated changes to the workspace settings row."""
    workspace = WorkspaceSettings.current()
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"Unknown settings: {sorted(unknown)}")
    for field, value in changes.items():
        setattr(workspace, field, value)
    workspace.full_clean()
    workspace.save()
    return workspace


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: Role,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    seniority: str | None = None,
    capacity: int = 200,
    languages: list[str] | None = None,
) -> AbstractUser:
    """Create a user with a role (and a rep profile for reps), validating the password."""
    from django.contrib.auth.password_validation import validate_password

    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": _("A user named %(name)s already exists.") % {"name": username}}
        )
    user = user_model(username=username, email=email, first_name=first_name, last_name=last_name)
    validate_password(password, user)
    user.set_password(password)
    user.is_staff = role in (Role.OWNER, Role.MANAGER)
    user.is_superuser = role is Role.OWNER
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    if role in (Role.SENIOR_REP, Role.REP):
        RepProfile.objects.create(
            user=user,
            seniority=seniority or ("senior" if role is Role.SENIOR_REP else "junior"),
            capacity=capacity,
            languages=languages or [],
        )
    return user  # type: ignore[return-value]
