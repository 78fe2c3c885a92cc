"""The nightly refresh: every buyer regraded in batches, tags, win probability; the CLI."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exportdesk.buyers.models import Buyer, BuyerEvent
from exportdesk.buyers.services import buyers_nightly, buyers_regrade_many
from exportdesk.buyers.tasks import nightly_refresh
from tests.buyers.builders import PRICE_QUOTE, make_rep, set_workspace, thread
from tests.factories import make_buyer, make_order

pytestmark = pytest.mark.django_db


def stored(buyer: Buyer) -> Buyer:
    return Buyer.objects.get(pk=buyer.pk)


def test_the_nightly_task_changes_letters_and_records_graded_events_only_for_them():
    mover = make_buyer(company="Mover", platform_level="L4", company_size="enterprise")  # 40: B
    score_only = make_buyer(company="Score only", platform_level="L2")  # 10: C
    still = make_buyer(company="Still", platform_level="L1")
    make_order(mover, total_minor=2_000_000)  # US$20,000 paid: +25 potential, +4 other → A
    make_order(score_only, total_minor=50_000)  # +5: still C
    before = BuyerEvent.objects.filter(kind="graded").count()

    result = nightly_refresh.call()

    assert result["buyers"] == 3
    assert result["letters_changed"] == 1
    assert result["scores_changed"] == 2
    assert stored(mover).grade == "A"
    assert stored(score_only).grade == "C"
    assert stored(score_only).grade_score > 10
    events = BuyerEvent.objects.filter(kind="graded")
    assert events.count() == before + 1
    event = events.get(buyer=mover)
    assert event.payload == {
        "from": "B",
        "to": "A",
        "score": stored(mover).grade_score,
        "cause": "nightly",
    }
    assert stored(mover).tags.filter(name="grade:A").exists()
    assert not stored(mover).tags.filter(name="grade:B").exists()
    assert stored(mover).tags.filter(name="transacted").exists()
    assert not stored(still).events.filter(kind="graded").exists()


def test_a_second_night_without_news_changes_nothing():
    make_buyer(platform_level="L3")
    buyers_nightly()
    again = buyers_nightly()
    assert (again.letters_changed, again.scores_changed, again.tags_added, again.tags_removed) == (
        0,
        0,
        0,
        0,
    )


def test_the_nightly_refresh_marks_dormant_buyers_and_wakes_them_up():
    now = timezone.now()
    sleeper = make_buyer(company="Sleeper")
    awake = make_buyer(company="Awake", at=now - timedelta(days=120))
    assert awake.tags.filter(name="dormant").exists()
    # Time passes for one; the other writes again (as the inbox would record it).
    Buyer.objects.filter(pk=sleeper.pk).update(last_contact_at=now - timedelta(days=120))
    Buyer.objects.filter(pk=awake.pk).update(last_contact_at=now)
    buyers_nightly()
    assert stored(sleeper).tags.filter(name="dormant").exists()
    assert not stored(awake).tags.filter(name="dormant").exists()
    set_workspace(dormant_days=365)
    report = buyers_nightly()
    assert report.tags_removed >= 1
    assert not stored(sleeper).tags.filter(name="dormant").exists()


def test_the_nightly_refresh_keeps_user_tags():
    from exportdesk.buyers.services import buyer_tag_add

    buyer = make_buyer()
    buyer_tag_add(buyer=buyer, actor=None, name="vip")
    buyers_nightly()
    assert stored(buyer).tags.filter(name="vip").exists()


def test_the_nightly_query_count_does_not_grow_with_the_buyers():
    def queries_for(buyers: int) -> int:
        Buyer.objects.all().delete()
        set_workspace(grade_a_threshold=60, grade_b_threshold=30)
        for i in range(buyers):
            buyer = make_buyer(company=f"N{i}", platform_level="L2")
            make_order(buyer)
            thread(buyer, [("in", 0, "5000 pcs?", PRICE_QUOTE)])
        buyers_regrade_many(batch_size=100)  # the orders and messages count from here on
        set_workspace(grade_a_threshold=20, grade_b_threshold=10)  # every letter moves
        with CaptureQueriesContext(connection) as ctx:
            report = buyers_regrade_many(batch_size=100)
        assert report.letters_changed == buyers
        return len(ctx.captured_queries)

    assert queries_for(4) == queries_for(24)


def test_batches_cover_every_buyer():
    for i in range(7):
        make_buyer(company=f"B{i}", platform_level="L3")
    set_workspace(grade_a_threshold=15, grade_b_threshold=10)
    report = buyers_regrade_many(batch_size=3)
    assert (report.buyers, report.letters_changed) == (7, 7)
    assert set(Buyer.objects.values_list("grade", flat=True)) == {"A"}


def test_letter_changes_at_night_allocate_unassigned_buyers_when_automatic():
    kim = make_rep("kim", senior=True)
    buyer = make_buyer(platform_level="L4", company_size="enterprise")
    set_workspace(grade_a_threshold=35, grade_b_threshold=10, auto_allocate=True)
    report = buyers_nightly()
    assert report.reassigned == 1
    assert stored(buyer).assigned_rep == kim


# --- win probability ----------------------------------------------------------------------------


def test_under_thirty_won_buyers_the_win_probability_says_why_it_is_missing():
    for i in range(3):
        make_order(make_buyer(company=f"Won {i}"))
    make_buyer(company="Open")
    report = buyers_nightly()
    assert report.win == {
        "won": 3,
        "lost": 0,
        "needs": 30,
        "active": False,
        "predicted": 0,
        "written": 4,
    }
    assert buyers_nightly().win["written"] == 0  # nothing new: nothing rewritten
    open_buyer = Buyer.objects.get(company="Open")
    assert open_buyer.win_probability is None
    assert open_buyer.win_factors == {"history": {"won": 3, "lost": 0, "needs": 30}}


@pytest.fixture
def history(cast: Any) -> dict[str, Buyer]:
    """30 won importers (a few retailers) and 30 lost retailers (a few importers), two open."""
    long_ago = timezone.now() - timedelta(days=200)
    for i in range(30):
        won = make_buyer(company=f"Won {i}", business_type="importer" if i < 25 else "retailer")
        make_order(won)
        make_buyer(
            company=f"Lost {i}",
            business_type="retailer" if i < 25 else "importer",
            at=long_ago,
        )
    return {
        "importer": make_buyer(company="Open importer", business_type="importer"),
        "retailer": make_buyer(company="Open retailer", business_type="retailer"),
    }


def test_from_thirty_won_and_thirty_lost_each_open_buyer_gets_a_probability(history):
    report = buyers_nightly()
    assert report.win["active"] is True
    assert (report.win["won"], report.win["lost"]) == (30, 30)
    importer, retailer = stored(history["importer"]), stored(history["retailer"])
    assert importer.win_probability > 0.5 > retailer.win_probability
    top = importer.win_factors["factors"]
    assert 1 <= len(top) <= 3
    assert top[0]["field"] == "business_type"
    assert top[0]["text_en"].startswith("Business type: importer (×")
    assert top[0]["text_ko"].startswith("업종: 수입상 (×")
    won = Buyer.objects.get(company="Won 0")
    assert won.win_probability is None
    assert won.win_factors["outcome"] == "won"
    lost = Buyer.objects.get(company="Lost 0")
    assert lost.win_probability is None
    assert lost.win_factors["outcome"] == "lost"
    assert report.win["predicted"] == 2


def test_the_buyer_page_shows_the_win_probability_beside_the_score(history, cast, client_for):
    buyers_nightly()
    importer = stored(history["importer"])
    html = client_for(cast.owner).get(f"/buyers/{importer.pk}/").content.decode()
    assert "Win probability" in html
    assert f"{round(importer.win_probability * 100)}%" in html
    assert "Business type: importer" in html
    assert "Learned from 30 won and 30 lost buyers" in html


def test_the_buyer_page_says_a_lost_buyer_teaches_the_model(history, cast, client_for):
    buyers_nightly()
    lost = Buyer.objects.get(company="Lost 0")
    html = client_for(cast.owner).get(f"/buyers/{lost.pk}/").content.decode()
    assert "Counted as lost" in html
    assert "no contact for 90 days" in html


def test_a_buyer_whose_conversations_are_all_closed_counts_as_lost():
    buyer = make_buyer(company="Closed")
    thread(buyer, [("in", 0, "Hi", None)], status="closed")
    buyers_nightly()
    assert stored(buyer).win_factors.get("history") == {"won": 0, "lost": 1, "needs": 30}


def test_the_buyer_page_says_when_history_is_too_short(cast, client_for):
    buyer = make_buyer()
    buyers_nightly()
    html = client_for(cast.owner).get(f"/buyers/{buyer.pk}/").content.decode()
    assert "Not enough history yet (0 won / 0 lost, needs 30 each)." in html


def test_the_list_sorts_by_win_probability_unknown_last(history, cast, client_for):
    buyers_nightly()
    response = client_for(cast.owner).get("/buyers/", {"sort": "win"})
    names = [b.company for b in response.context["result"].page.object_list]
    assert names[:2] == ["Open importer", "Open retailer"]  # the only open buyers


# --- the command --------------------------------------------------------------------------------


def test_the_regrade_command_runs_the_nightly_refresh():
    make_buyer(platform_level="L4")
    out = StringIO()
    call_command("regrade", "--all", "--batch-size", "2", stdout=out)
    text = out.getvalue()
    assert "Regraded 1 buyers" in text
    assert "not enough history (0 won / 0 lost, needs 30 each)" in text


def test_the_regrade_command_regrades_chosen_buyers():
    one = make_buyer(platform_level="L4", company_size="enterprise")
    other = make_buyer(platform_level="L4", company_size="enterprise")
    set_workspace(grade_a_threshold=35, grade_b_threshold=10)
    out = StringIO()
    call_command("regrade", str(one.pk), stdout=out)
    assert "Regraded 1 buyers: 1 changed letter" in out.getvalue()
    assert stored(one).grade == "A"
    assert stored(other).grade == "B"
    assert stored(one).events.get(kind="graded").payload["cause"] == "manual"


@pytest.mark.parametrize(
    "args",
    [[], ["--all", "5"], ["5", "--enqueue"], ["--all", "--batch-size", "0"]],
)
def test_the_regrade_command_refuses_unclear_requests(args):
    with pytest.raises(CommandError):
        call_command("regrade", *args, stdout=StringIO())


def test_the_regrade_command_can_enqueue_the_nightly_task():
    out = StringIO()
    call_command("regrade", "--all", "--enqueue", stdout=out)
    assert "Enqueued the nightly refresh" in out.getvalue()


def test_the_allocate_command_allocates_the_queue():
    make_rep("park")
    make_buyer()
    out = StringIO()
    call_command("allocate", stdout=out)
    assert "Assigned 1 buyers; 0 stay unassigned." in out.getvalue()
    assert "park: 1" in out.getvalue()
