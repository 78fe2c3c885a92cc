"""Importing messages: conversations, contact dates, and no duplicates on re-import."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from exportdesk.buyers.models import BuyerEvent
from exportdesk.imports.services import import_file
from exportdesk.inbox.models import Conversation, Message
from tests.factories import make_buyer

pytestmark = pytest.mark.django_db

HEADER = ["일시", "이메일", "방향", "제목", "내용"]
SEOUL = ZoneInfo("Asia/Seoul")


def test_messages_land_in_conversations_and_move_contact_dates(
    write_file: Callable[..., Path],
) -> None:
    buyer = make_buyer(email="anna@bb.hu", channel="email", at=datetime(2026, 10, 1, tzinfo=SEOUL))
    path = write_file(
        "m.csv",
        [
            HEADER,
            ["2026-11-01 09:00", "anna@bb.hu", "수신", "Price", "Price for 5000 pcs?"],
            ["2026-11-01 11:30", "anna@bb.hu", "발신", "Price", "US$1.20 at 5000 pcs."],
            ["2026-11-03 08:00", "ANNA@bb.hu", "in", "Samples", "Can you send samples?"],
        ],
    )
    outcome = import_file(kind="messages", path=path)
    assert outcome.result["created"] == 3
    price = Conversation.objects.get(subject="Price")
    assert price.buyer == buyer and price.channel == "email"
    assert price.first_inbound_at == datetime(2026, 11, 1, 9, 0, tzinfo=SEOUL)
    assert price.first_response_at == datetime(2026, 11, 1, 11, 30, tzinfo=SEOUL)
    assert price.status == "awaiting_buyer"
    assert Conversation.objects.get(subject="Samples").status == "awaiting_us"
    buyer.refresh_from_db()
    assert buyer.first_contact_at == datetime(2026, 10, 1, tzinfo=SEOUL)
    assert buyer.last_contact_at == datetime(2026, 11, 3, 8, 0, tzinfo=SEOUL)
    assert BuyerEvent.objects.filter(buyer=buyer, kind="messages_imported").count() == 2


def test_importing_the_same_messages_twice_adds_nothing(write_file: Callable[..., Path]) -> None:
    make_buyer(email="anna@bb.hu")
    path = write_file("m.xlsx", [HEADER, ["2026-11-01 09:00", "anna@bb.hu", "in", "Hi", "Hello!"]])
    import_file(kind="messages", path=path)
    counts = (Message.objects.count(), Conversation.objects.count(), BuyerEvent.objects.count())
    again = import_file(kind="messages", path=path)
    assert again.result["created"] == 0 and again.result["unchanged"] == 1
    assert (
        Message.objects.count(),
        Conversation.objects.count(),
        BuyerEvent.objects.count(),
    ) == counts


def test_a_message_without_a_known_buyer_or_text_is_rejected(
    write_file: Callable[..., Path],
) -> None:
    outcome = import_file(
        kind="messages",
        path=write_file(
            "m.csv",
            [
                HEADER,
                ["2026-11-01", "ghost@x.com", "in", "", "Hi"],
                ["2026-11-01", "ghost@x.com", "in", "", ""],
            ],
        ),
        dry_run=True,
    )
    reasons = " ".join(p.reason for p in outcome.plan.problems)
    assert "company" in reasons and "empty" in reasons
