"""Small factory functions for tests: each makes one valid object with overridable fields."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.utils import timezone

from exportdesk.accounts.roles import Role
from exportdesk.accounts.services import user_create
from exportdesk.buyers.models import Buyer
from exportdesk.buyers.services import buyer_register
from exportdesk.inbox.models import Conversation, Message
from exportdesk.orders.models import Order

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery-9"


def make_user(role: Role = Role.REP, username: str | None = None, **kwargs: Any) -> AbstractUser:
    """A user with a role and the shared test password."""
    n = next(_seq)
    return user_create(
        username=username or f"{role.value}{n}",
        password=PASSWORD,
        role=role,
        first_name=kwargs.pop("first_name", role.value.replace("_", " ").title()),
        last_name=kwargs.pop("last_name", str(n)),
        **kwargs,
    )


def make_buyer(*, actor: Any = None, **fields: Any) -> Buyer:
    """A registered buyer (through the service, so grade, tags and events are real)."""
    n = next(_seq)
    fields.setdefault("company", f"Test Buyer {n} Ltd")
    fields.setdefault("country", "US")
    fields.setdefault("email", f"buyer{n}@example.com")
    company = fields.pop("company")
    country = fields.pop("country")
    return buyer_register(actor=actor, company=company, country=country, **fields)


def make_order(buyer: Buyer, **fields: Any) -> Order:
    """An order of the buyer (created directly: the orders services come with their issue)."""
    n = next(_seq)
    fields.setdefault("number", f"ORD-{n:06d}")
    fields.setdefault("status", "delivered")
    fields.setdefault("currency", "USD")
    fields.setdefault("total_minor", 120_000)
    fields.setdefault("quoted_at", timezone.now())
    return Order.objects.create(buyer=buyer, **fields)


def make_conversation(
    buyer: Buyer, *, body: str = "Hello, price for 5000 pcs?", at: datetime | None = None
) -> Conversation:
    """A conversation with one inbound message."""
    when = at or timezone.now()
    conversation = Conversation.objects.create(
        buyer=buyer,
        channel=buyer.channel,
        subject=body[:40],
        status="awaiting_us",
        first_inbound_at=when,
        last_message_at=when,
    )
    Message.objects.create(conversation=conversation, direction="in", body=body, sent_at=when)
    return conversation
