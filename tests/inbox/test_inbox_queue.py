"""inbox_queue and inbox_counts: earliest deadline first, A first at equal deadline, scoped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from exportdesk.buyers.services import buyer_grade_lock
from exportdesk.inbox.selectors import InboxQuery, inbox_counts, inbox_queue
from exportdesk.inbox.services import conversation_reject_spam, message_receive, message_send
from tests.factories import make_buyer

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
NOW = T0 + timedelta(hours=3, minutes=30)


def inquiry(buyer: Any, *, at: datetime = T0, body: str = "Price for 500 pcs please?") -> Any:
    return message_receive(body=body, channel="alibaba", buyer=buyer, sent_at=at).conversation


def graded(cast: Any, grade: str, **fields: Any) -> Any:
    buyer = make_buyer(**fields)
    return buyer_grade_lock(buyer=buyer, actor=cast.owner, grade=grade, reason="test")


def companies(queue: Any) -> list[str]:
    return [row.conversation.buyer.company for row in queue.rows]


def test_it_orders_by_deadline_then_grade(cast: Any) -> None:
    late_a = graded(cast, "A", company="Late A")
    early_c = graded(cast, "C", company="Early C")
    same_b = graded(cast, "B", company="Same B")
    same_a = graded(cast, "A", company="Same A")
    inquiry(late_a, at=T0 + timedelta(hours=2))
    inquiry(early_c, at=T0 - timedelta(hours=1))
    inquiry(same_b, at=T0)
    inquiry(same_a, at=T0)
    queue = inbox_queue(cast.owner, InboxQuery(), now=NOW)
    assert companies(queue) == ["Early C", "Same A", "Same B", "Late A"]
    assert [row.state for row in queue.rows] == ["overdue", "due_soon", "due_soon", "on_time"]
    assert queue.rows[0].seconds_left == -int(timedelta(minutes=30).total_seconds())


def test_answered_closed_and_spam_conversations_leave_the_queue(cast: Any) -> None:
    answered, spam, waiting = (make_buyer(company=n) for n in ("Answered", "Spam", "Waiting"))
    message_send(conversation=inquiry(answered), author=cast.rep, body="Hi")
    conversation_reject_spam(conversation=inquiry(spam), actor=cast.rep)
    inquiry(waiting)
    assert companies(inbox_queue(cast.owner, InboxQuery(), now=NOW)) == ["Waiting"]


def test_low_intent_messages_wait_in_the_filtered_view(cast: Any) -> None:
    inquiry(make_buyer(company="Buyer"))
    inquiry(
        make_buyer(company="Pitch"),
        body="We are an SEO agency, we can increase your sales. Free audit, reply now!",
    )
    assert companies(inbox_queue(cast.owner, InboxQuery(), now=NOW)) == ["Buyer"]
    assert companies(inbox_queue(cast.owner, InboxQuery(view="filtered"), now=NOW)) == ["Pitch"]


def test_a_rep_sees_own_and_unassigned_conversations_only(cast: Any) -> None:
    inquiry(make_buyer(company="Mine", assigned_rep=cast.rep))
    inquiry(make_buyer(company="Nobody's"))
    inquiry(make_buyer(company="Theirs", assigned_rep=cast.outsider))
    everything = companies(inbox_queue(cast.rep, InboxQuery(), now=NOW))
    assert sorted(everything) == ["Mine", "Nobody's"]
    assert companies(inbox_queue(cast.rep, InboxQuery(view="mine"), now=NOW)) == ["Mine"]
    assert companies(inbox_queue(cast.rep, InboxQuery(view="unassigned"), now=NOW)) == ["Nobody's"]
    assert len(inbox_queue(cast.owner, InboxQuery(), now=NOW).rows) == 3


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"grade": "A"}, ["Alpha"]),
        ({"channel": "email"}, ["Mailer"]),
        ({"overdue": "1"}, ["Mailer"]),
        ({"q": "alp"}, ["Alpha"]),
        ({"grade": "Z", "view": "bogus", "page": "x"}, ["Mailer", "Alpha"]),
    ],
)
def test_it_filters_the_queue(cast: Any, params: dict[str, str], expected: list[str]) -> None:
    inquiry(graded(cast, "A", company="Alpha"))
    message_receive(
        body="Price?", channel="email", email="m@mailer.de", company="Mailer",
        sent_at=T0 - timedelta(hours=2),
    )  # fmt: skip
    queue = inbox_queue(cast.owner, InboxQuery.from_params(params), now=NOW)
    assert companies(queue) == expected


def test_the_counts_match_the_tabs(cast: Any) -> None:
    inquiry(make_buyer(assigned_rep=cast.rep), at=T0 - timedelta(hours=2))  # overdue
    inquiry(make_buyer(), at=T0)  # due soon
    inquiry(make_buyer(), body="Hi dear, how are you? Spam spam, we increase your sales.")
    counts = inbox_counts(cast.rep, now=NOW)
    assert counts == {
        "awaiting": 2,
        "overdue": 1,
        "due_soon": 1,
        "mine": 1,
        "unassigned": 1,
        "filtered": 1,
    }


def test_the_queue_makes_a_fixed_number_of_queries(
    cast: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(12):
        inquiry(make_buyer(assigned_rep=cast.rep if n % 2 else None), at=T0 + timedelta(minutes=n))
    for user in (cast.owner, cast.rep):
        with django_assert_max_num_queries(4):
            queue = inbox_queue(user, InboxQuery(), now=NOW)
            for row in queue.rows:
                _ = row.conversation.buyer.assigned_rep
