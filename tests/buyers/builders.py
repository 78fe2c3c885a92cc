"""Builders for the grading tests: threads of messages with triage, reps with capacity."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from exportdesk.accounts.models import RepProfile, WorkspaceSettings
from exportdesk.accounts.roles import Role
from exportdesk.buyers.models import Buyer
from exportdesk.inbox.models import Conversation, Message
from tests.factories import make_user

PRICE_QUOTE = {
    "language": "en",
    "intents": ["price_quote", "moq"],
    "quantity": {"value": 5000, "unit": "pcs"},
    "target_price": {"amount": 1.2, "currency": "USD", "per": "pcs"},
    "low_intent": False,
}


def thread(
    buyer: Buyer,
    steps: Sequence[tuple[str, float, str, dict[str, Any] | None]],
    *,
    start: datetime | None = None,
    status: str = "awaiting_us",
) -> Conversation:
    """A conversation from ``(direction, hours after start, body, triage)`` steps."""
    begin = start or timezone.now() - timedelta(days=10)
    conversation = Conversation.objects.create(
        buyer=buyer, channel=buyer.channel, subject="Inquiry", status=status
    )
    for direction, hours, body, triage in steps:
        Message.objects.create(
            conversation=conversation,
            direction=direction,
            body=body,
            sent_at=begin + timedelta(hours=hours),
            triage=triage,
        )
    return conversation


def set_workspace(**fields: Any) -> WorkspaceSettings:
    """Change workspace settings in place."""
    workspace = WorkspaceSettings.current()
    for name, value in fields.items():
        setattr(workspace, name, value)
    workspace.save()
    return workspace


def make_rep(username: str, *, senior: bool = False, capacity: int = 200) -> Any:
    """A rep (senior or junior) with a capacity."""
    user = make_user(Role.SENIOR_REP if senior else Role.REP, username=username)
    RepProfile.objects.filter(user=user).update(capacity=capacity)
    return user
