"""The Patterns page: intents over time, shares by country and grade, uncovered questions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exportdesk.buyers.models import Buyer
from exportdesk.inbox.models import Conversation, Message
from exportdesk.insights import patterns as patterns_module
from exportdesk.insights.patterns import message_patterns
from tests.factories import make_buyer

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)


def triage(intents: list[str], **facts: Any) -> dict[str, Any]:
    """A triage result in the DESIGN.md contract shape."""
    result: dict[str, Any] = {
        "language": "en",
        "intents": intents,
        "quantity": None,
        "target_price": None,
        "destination_country": None,
        "incoterm": None,
        "certifications": [],
        "deadline_days": None,
        "low_intent": False,
        "low_intent_score": 0.05,
        "knowledge": [],
        "draft": None,
    }
    result.update(facts)
    return result


def inbound(
    buyer: Buyer,
    body: str,
    result: dict[str, Any] | None,
    *,
    at: datetime = NOW,
    conversation: Conversation | None = None,
) -> Conversation:
    conversation = conversation or Conversation.objects.create(
        buyer=buyer, status="awaiting_us", first_inbound_at=at, last_message_at=at
    )
    Message.objects.create(
        conversation=conversation, direction="in", body=body, sent_at=at, triage=result
    )
    return conversation


def buyer(country: str, grade: str = "B", **fields: Any) -> Buyer:
    made = make_buyer(country=country, **fields)
    Buyer.objects.filter(pk=made.pk).update(grade=grade)
    made.grade = grade
    return made


COVERED = [{"article_id": 1, "score": 0.9}]
PCS = {"value": 200, "unit": "pcs"}


@pytest.fixture
def hungary_and_us(db: None) -> dict[str, Buyer]:
    """Five Hungarian conversations (customisation, small batches), three American ones."""
    hu_a, hu_b, hu_c, hu_d, hu_e = (buyer("HU", "A" if n < 2 else "C") for n in range(5))
    inbound(
        hu_a, "Can you put our logo on 200 pcs of toner?", triage(["customization"], quantity=PCS)
    )
    inbound(hu_b, "We need our own brand packaging.", triage(["customization"]))
    inbound(
        hu_c,
        "Can I order 100 pcs only?",
        triage(["moq"], quantity={"value": 100, "unit": "pcs"}),
        at=NOW - timedelta(days=40),
    )
    inbound(hu_d, "Shipping cost to Budapest?", triage(["shipping"], knowledge=COVERED))
    inbound(
        hu_e,
        "Price for 5000 pcs?",
        triage(["price_quote"], quantity={"value": 5000, "unit": "pcs"}, knowledge=COVERED),
    )
    us_a, us_b, us_c = (buyer("US", "B") for _ in range(3))
    inbound(us_a, "Do you ship by DHL?", triage(["shipping"], knowledge=COVERED))
    inbound(
        us_b,
        "Is it FDA registered? Need the MoCRA listing.",
        triage(
            ["certification"], certifications=["FDA"], knowledge=[{"article_id": 2, "score": 0.2}]
        ),
    )
    inbound(
        us_c,
        "Is the FDA registration valid for MoCRA?",
        triage(["certification"]),
        at=NOW - timedelta(days=70),
    )
    # left out: a pitch, an outbound reply, a message from last year, one not analysed yet
    inbound(us_a, "SEO services for your website", triage(["other"], low_intent=True))
    convo = Conversation.objects.filter(buyer=us_a).earliest("pk")
    Message.objects.create(
        conversation=convo,
        direction="out",
        body="Yes, DHL.",
        sent_at=NOW,
        triage=triage(["shipping"]),
    )
    inbound(us_a, "Old question about payment", triage(["payment"]), at=NOW - timedelta(days=300))
    inbound(us_b, "Hello?", None)
    return {"hu": hu_a, "us": us_a}


def test_country_shares_count_conversations_per_intent_and_requirement(
    cast, hungary_and_us
) -> None:  # type: ignore[no-untyped-def]
    result = message_patterns(cast.owner, now=NOW)
    hungary = next(g for g in result.by_country if g.key == "HU")
    assert hungary.conversations == 5
    intents = {s.key: s.percent for s in hungary.intents}
    assert intents["customization"] == 40 and intents["moq"] == 20
    requirements = {s.key: s.percent for s in hungary.requirements}
    assert requirements["customization"] == 40
    assert requirements["small_batch"] == 40  # 200 pcs and 100 pcs; 5000 pcs is not small
    # "Hungary: 40 % customisation, 40 % small batch ..."
    assert {(s.key, s.percent) for s in hungary.summary} >= {
        ("customization", 40),
        ("small_batch", 40),
    }
    us = next(g for g in result.by_country if g.key == "US")
    assert us.conversations == 3
    assert {s.key: s.percent for s in us.intents}["certification"] == 67
    assert {s.key: s.percent for s in us.requirements}["certification"] == 67
    assert result.by_country[0].key == "HU"  # most conversations first


def test_grades_months_and_what_is_left_out(cast, hungary_and_us) -> None:  # type: ignore[no-untyped-def]
    result = message_patterns(cast.owner, now=NOW)
    assert {g.key: g.conversations for g in result.by_grade} == {"A": 2, "B": 3, "C": 3}
    assert result.months == ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]
    series = {s["intent"]: s["counts"] for s in result.series}
    assert series["customization"] == [0, 0, 0, 0, 0, 2]
    assert series["moq"] == [0, 0, 0, 0, 1, 0]
    assert series["certification"] == [0, 0, 0, 1, 0, 1]
    assert "payment" not in series  # 300 days ago, outside the window
    assert result.low_intent == 1 and result.untriaged == 1
    assert result.total_messages == 10 and not result.is_sampled
    chart = result.chart_data()
    assert chart["labels"] == result.months
    assert all(isinstance(d["label"], str) for d in chart["datasets"])
    texts = [e["text"] for e in result.examples["customization"]]
    assert "Can you put our logo on 200 pcs of toner?" in texts


def test_uncovered_questions_are_grouped_by_intent_with_frequent_words(
    cast, hungary_and_us
) -> None:  # type: ignore[no-untyped-def]
    result = message_patterns(cast.owner, now=NOW)
    groups = {g.intent: g for g in result.uncovered}
    assert "shipping" not in groups  # answered by an article with a high score
    certification = groups["certification"]
    assert certification.count == 2  # no match, and a match scoring 0.2
    assert ("mocra", 2) in certification.words
    assert certification.suggestion == "Is it FDA registered?"
    assert groups["customization"].count == 2
    assert result.uncovered[0].count >= result.uncovered[-1].count


def test_reps_see_the_patterns_of_their_own_and_unassigned_buyers_only(cast) -> None:  # type: ignore[no-untyped-def]
    mine = buyer("VN", assigned_rep=cast.rep)
    theirs = buyer("JP", assigned_rep=cast.outsider)
    inbound(mine, "Giá bao nhiêu?", triage(["price_quote"]))
    inbound(theirs, "価格はいくらですか？", triage(["price_quote"]))
    assert [g.key for g in message_patterns(cast.rep, now=NOW).by_country] == ["VN"]
    assert {g.key for g in message_patterns(cast.viewer, now=NOW).by_country} == {"VN", "JP"}


def test_a_busy_month_is_read_in_part_and_estimated(cast, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(patterns_module, "SAMPLE_CAP", 60)  # 10 messages a month over 6 months
    someone = buyer("DE")
    conversation = None
    for n in range(40):  # November: 30 questions about price, 10 replies of ours
        conversation = inbound(
            someone,
            f"Price please {n}",
            triage(["price_quote"]),
            at=NOW - timedelta(hours=n),
            conversation=conversation,
        )
        if n % 4 == 0:
            Message.objects.filter(conversation=conversation, body=f"Price please {n}").update(
                direction="out"
            )
    inbound(someone, "Samples?", triage(["sample"]), at=NOW - timedelta(days=45))
    result = message_patterns(cast.owner, now=NOW)
    assert result.is_sampled
    assert result.read_messages == 11  # the 10 latest of November, the one of September
    series = {s["intent"]: s["counts"] for s in result.series}
    # 10 read of 40 in November, and among them the inbound share: ~30 price questions
    assert 24 <= series["price_quote"][-1] <= 36
    assert series["sample"] == [0, 0, 0, 0, 1, 0]  # October was read whole: exact
    assert 25 <= result.total_messages <= 37


def test_the_patterns_page_shows_chart_tables_and_suggestions(
    cast, client_for, hungary_and_us
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(cast.manager).get(reverse("patterns"), {"months": 12})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="intents-chart-data"' in html and "chartjs/chart.umd.min.js" in html
    assert "exportdesk/patterns.js" in html
    assert 'data-testid="country-table"' in html and "40 %" in html
    assert reverse("inbox:knowledge_create") + "?question=Is%20it%20FDA%20registered%3F" in html
    # a viewer reads the patterns but gets no link to write an article
    html = client_for(cast.viewer).get(reverse("patterns")).content.decode()
    assert "Suggest a new article" not in html


def test_an_empty_period_says_so(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    html = client_for(cast.owner).get(reverse("patterns")).content.decode()
    assert "No buyer messages in this period yet." in html
    assert "chart.umd.min.js" not in html


def test_the_patterns_page_makes_a_fixed_number_of_queries(  # type: ignore[no-untyped-def]
    cast, client_for, django_assert_max_num_queries, django_assert_num_queries, hungary_and_us
) -> None:
    for n in range(6):  # a message in every month of the window
        inbound(
            buyer("FR"), f"Samples please {n}", triage(["sample"]), at=NOW - timedelta(days=n * 30)
        )
    # the role (once), one count, one read per month
    with django_assert_num_queries(1 + 1 + 6):
        message_patterns(cast.rep, now=NOW)
    client = client_for(cast.rep)
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("patterns"))
    for n in range(30):
        inbound(
            buyer("FR"), f"More samples {n}", triage(["sample"]), at=NOW - timedelta(days=n * 5)
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(reverse("patterns"))
    assert "France" in response.content.decode()
