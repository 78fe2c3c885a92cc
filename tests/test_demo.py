"""The demo workspace generator (``exportdesk demo``)."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.buyers.models import Buyer, BuyerEvent, Tag
from exportdesk.buyers.services import buyer_sync_system_tags
from exportdesk.catalog.models import Product
from exportdesk.domain.samples import SamplePolicy, split_sample_cost
from exportdesk.inbox.models import Conversation, KnowledgeArticle, Message, ReplyTemplate
from exportdesk.orders.models import Order, Sample
from exportdesk.projects.models import Project
from tests.factories import make_buyer

BUYERS = 120
TIMELINE_KINDS = {
    "registered",
    "message_received",
    "message_sent",
    "order_placed",
    "order_delivered",
    "sample_requested",
    "sample_sent",
    "review_received",
}
# Kinds the samples services record as well (the timeline template knows them).
SAMPLE_KINDS = {"sample_delivered", "sample_converted", "sample_lost", "sample_cancelled"}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Argon2 takes a third of a second per user; these tests are about the data."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_demo(**options: Any) -> str:
    out = io.StringIO()
    # The nightly jobs regrade with the services' rubric; these tests check the generator alone.
    options.setdefault("skip_nightly", True)
    call_command("demo", stdout=out, **options)
    return out.getvalue()


def snapshot() -> dict[str, list[Any]]:
    """The content of the workspace, without ids and timestamps."""
    return {
        "buyers": list(
            Buyer.objects.order_by("id").values_list(
                "company", "country", "grade", "grade_score", "contact_name", "email", "channel"
            )
        ),
        "messages": list(
            Message.objects.order_by("id").values_list("direction", "language", "body")
        ),
        "orders": list(
            Order.objects.order_by("id").values_list(
                "buyer__company", "status", "currency", "total_minor"
            )
        ),
        "samples": list(
            Sample.objects.order_by("id").values_list("buyer__company", "status", "cost_minor")
        ),
    }


def wipe_workspace() -> None:
    """Remove what the demo made, except the team (reused as is by the next run)."""
    Buyer.objects.all().delete()
    for model in (Product, KnowledgeArticle, ReplyTemplate, Tag, Project):
        model.objects.all().delete()


@pytest.mark.django_db
def test_it_is_deterministic_for_a_seed() -> None:
    run_demo(buyers=BUYERS, seed=7)
    first = snapshot()
    wipe_workspace()
    run_demo(buyers=BUYERS, seed=7)
    assert snapshot() == first
    assert len(first["buyers"]) == BUYERS
    assert first["messages"] and first["orders"]
    wipe_workspace()
    run_demo(buyers=BUYERS, seed=8)
    assert snapshot()["buyers"] != first["buyers"]


@pytest.mark.django_db
def test_it_makes_buyers_from_30_plus_countries_with_levels_and_several_languages() -> None:
    run_demo(buyers=BUYERS)
    assert Buyer.objects.values("country").distinct().count() >= 30
    levels = set(Buyer.objects.exclude(platform_level="").values_list("platform_level", flat=True))
    assert {"L0", "L1", "L2", "L3"} <= levels
    languages = set(Message.objects.values_list("language", flat=True))
    assert {"en", "es", "ru"} <= languages
    assert len(languages) >= 6
    assert Product.objects.count() >= 25
    assert Product.objects.filter(launched_at__gte=timezone.now().date() - timedelta(days=60))
    assert KnowledgeArticle.objects.count() >= 8
    assert set(Buyer.objects.values_list("grade", flat=True)) == {"A", "B", "C"}
    # A buyers go to senior reps first; a few buyers wait unassigned.
    seniors_on_a = Buyer.objects.filter(grade="A", assigned_rep__rep_profile__seniority="senior")
    assert seniors_on_a.count() > Buyer.objects.filter(grade="A").count() / 2
    assert Buyer.objects.filter(assigned_rep__isnull=True).exists()


@pytest.mark.django_db
def test_if_empty_leaves_an_existing_workspace_alone() -> None:
    make_buyer(company="Budapest Beauty Kft.", country="HU")
    output = run_demo(buyers=BUYERS, if_empty=True)
    assert "already has buyers" in output
    assert Buyer.objects.count() == 1
    assert not get_user_model().objects.filter(username="demo").exists()


@pytest.mark.django_db
def test_if_empty_fills_an_empty_workspace() -> None:
    run_demo(buyers=30, if_empty=True)
    assert Buyer.objects.count() == 30


@pytest.mark.django_db
def test_orders_include_reorders_with_consistent_totals_and_dates() -> None:
    run_demo(buyers=BUYERS)
    per_buyer = Order.objects.exclude(status="cancelled").values("buyer").annotate(n=Count("id"))
    assert max(row["n"] for row in per_buyer) >= 3
    customers = Buyer.objects.filter(orders__isnull=False).distinct().count()
    assert 0.25 * BUYERS <= customers <= 0.55 * BUYERS
    numbers = list(Order.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    now = timezone.now()
    for order in Order.objects.prefetch_related("lines"):
        assert order.total_minor == sum(line.total_minor for line in order.lines.all())
        assert all(
            line.total_minor == line.quantity * line.unit_price_minor for line in order.lines.all()
        )
        stamps = [order.quoted_at, order.paid_at, order.shipped_at, order.delivered_at]
        reached = [s for s in stamps if s is not None]
        assert reached == sorted(reached) and reached[-1] <= now
        if order.status == "delivered":
            assert order.delivered_at is not None
        if order.status == "quoted":
            assert order.paid_at is None
    assert {"trade_assurance", "tt"} <= set(Order.objects.values_list("channel", flat=True))


@pytest.mark.django_db
def test_samples_follow_the_policy_by_grade() -> None:
    workspace = WorkspaceSettings.current()
    workspace.sample_share_b = 30  # a seller who gives B buyers less than the default 50 %
    workspace.save()
    run_demo(buyers=BUYERS)
    policy = SamplePolicy(100, 30, 0)
    samples = list(Sample.objects.select_related("buyer", "converted_order"))
    assert {s.grade_at_request for s in samples} == {"A", "B", "C"}
    for sample in samples:
        split = split_sample_cost(
            sample.cost_minor, sample.courier_cost_minor, sample.grade_at_request, policy
        )
        assert sample.policy_snapshot == {"A": 100, "B": 30, "C": 0}
        assert sample.grade_at_request == sample.buyer.grade
        assert sample.seller_share_pct == policy.seller_pct(sample.grade_at_request)
        assert (sample.seller_share_minor, sample.buyer_share_minor) == (
            split.seller_minor,
            split.buyer_minor,
        )
        if sample.status == "converted":
            order = sample.converted_order
            assert order is not None and order.quoted_at is not None
            assert sample.delivered_at is not None and order.quoted_at > sample.delivered_at
            assert sample.converted_at == order.quoted_at
    statuses = {s.status for s in samples}
    assert {"converted", "delivered"} <= statuses


@pytest.mark.django_db
def test_every_buyer_has_a_registered_event_and_the_system_tags_the_services_would_give() -> None:
    run_demo(buyers=BUYERS)
    registered = BuyerEvent.objects.filter(kind="registered")
    assert registered.count() == BUYERS
    for event in registered.select_related("buyer"):
        assert event.payload["grade"] == event.buyer.grade
        assert event.at == event.buyer.first_contact_at
    kinds = set(BuyerEvent.objects.values_list("kind", flat=True))
    assert TIMELINE_KINDS <= kinds <= TIMELINE_KINDS | SAMPLE_KINDS
    assert BuyerEvent.objects.filter(kind__startswith="message_").count() == Message.objects.count()
    for buyer in Buyer.objects.prefetch_related("tags"):
        before = {t.name for t in buyer.tags.all()}
        assert f"grade:{buyer.grade}" in before
        system_before = {t.name for t in buyer.tags.all() if t.is_system}
        buyer_sync_system_tags(buyer=buyer)
        after = {t.name for t in buyer.tags.all() if t.is_system}
        assert after == system_before, buyer.company
    assert Tag.objects.filter(name="private-label", buyers__isnull=False).exists()


@pytest.mark.django_db
def test_the_inbox_has_conversations_awaiting_a_reply_some_overdue() -> None:
    run_demo(buyers=300)
    now = timezone.now()
    sla = timedelta(hours=WorkspaceSettings.current().sla_hours)
    waiting = Conversation.objects.filter(status__in=["new", "awaiting_us"])
    assert waiting.filter(deadline_at__lt=now - timedelta(minutes=5)).exists()
    assert waiting.filter(deadline_at__gt=now + timedelta(minutes=5)).exists()
    for conversation in waiting.prefetch_related("messages"):
        messages = list(conversation.messages.all())
        assert messages[-1].direction == "in"
        last_reply = max((i for i, m in enumerate(messages) if m.direction == "out"), default=-1)
        assert conversation.deadline_at == messages[last_reply + 1].sent_at + sla
    assert not Message.objects.filter(sent_at__gt=now).exists()
    answered = Conversation.objects.filter(first_response_at__isnull=False)
    assert not answered.filter(first_response_at__lt=F("first_inbound_at")).exists()
    assert Message.objects.filter(direction="out", author__isnull=False).exists()
    assert not Message.objects.filter(Q(direction="in") & Q(author__isnull=False)).exists()


@pytest.mark.django_db
def test_the_printed_login_works(client: Any) -> None:
    output = run_demo(buyers=20)
    match = re.search(r"http://127\.0\.0\.1:8000 and log in as (\S+) / (\S+)", output)
    assert match, output
    username, password = match.groups()
    response = client.post("/login/", {"username": username, "password": password})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_the_demo_opens_with_forecasts_and_a_today_list_after_the_nightly_jobs():
    from exportdesk.buyers.models import FollowUp
    from exportdesk.orders.models import ReorderPrediction

    call_command("demo", buyers=80, seed=5, stdout=io.StringIO())
    assert ReorderPrediction.objects.count() > 0
    assert FollowUp.objects.filter(status="open").exists()
