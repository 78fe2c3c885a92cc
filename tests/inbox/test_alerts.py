"""Reply alerts (inbox/alerts.py) and the workspace's SLA policy (inbox/sla.py)."""

from __future__ import annotations

import json
import socket
import threading
from datetime import UTC, date, datetime, time, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.domain.sla import reply_deadline
from exportdesk.inbox import alerts
from exportdesk.inbox.alerts import alert_mark_read, alerts_for, alerts_raise_due
from exportdesk.inbox.models import Conversation, InboxAlert
from exportdesk.inbox.sla import conversation_deadline, sla_policy
from tests.factories import make_buyer, make_conversation

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)  # 21:00 in Seoul
MINUTE = timedelta(minutes=1)


def waiting(*, rep=None, deadline_in=30 * MINUTE, status="awaiting_us", is_spam=False, **kw):
    """A conversation of a new buyer, waiting for us, with its deadline ``deadline_in`` away."""
    buyer = make_buyer(assigned_rep=rep, company=kw.pop("company", None) or "Budapest Beauty Kft")
    conversation = make_conversation(buyer, at=NOW - 3 * timedelta(hours=1))
    deadline = None if deadline_in is None else NOW + deadline_in
    Conversation.objects.filter(pk=conversation.pk).update(
        status=status,
        is_spam=is_spam,
        deadline_at=deadline,
        awaiting_since=NOW - timedelta(hours=3),
    )
    conversation.refresh_from_db()
    return conversation


def workspace(**fields) -> WorkspaceSettings:
    ws = WorkspaceSettings.current()
    for name, value in fields.items():
        setattr(ws, name, value)
    ws.save()
    return ws


def with_email(user, address):
    get_user_model().objects.filter(pk=user.pk).update(email=address)
    return user


class _Hook(BaseHTTPRequestHandler):
    status = 200
    received: list[dict] = []
    url = ""

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        type(self).received.append(json.loads(self.rfile.read(length)))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture
def webhook():
    """A real local HTTP server collecting the posted JSON; ``.status`` sets its answer."""

    class Hook(_Hook):
        received: list[dict] = []

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Hook.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    handler = Hook
    yield handler
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_it_raises_a_due_soon_alert_for_the_buyers_rep_and_emails_them(cast, mailoutbox):
    rep = with_email(cast.rep, "rep@seller.kr")
    workspace(alert_emails=["desk@seller.kr"])
    conversation = waiting(rep=rep, company="Budapest Beauty Kft")

    report = alerts_raise_due(now=NOW)

    alert = InboxAlert.objects.get()
    assert (alert.state, alert.recipient, alert.deadline_at) == (
        "due_soon",
        rep,
        conversation.deadline_at,
    )
    assert (report.raised, report.emails_sent, report.failed) == (1, 1, 0)
    [mail] = mailoutbox
    assert mail.to == ["rep@seller.kr", "desk@seller.kr"]
    assert "Reply due soon: Budapest Beauty Kft (US)" in mail.subject
    assert "2026-11-29 21:30 KST" in mail.body  # the deadline in the workspace's time zone
    assert f"/inbox/c/{conversation.pk}/" in mail.body
    assert alert.deliveries == {"email": "sent", "email_to": ["rep@seller.kr", "desk@seller.kr"]}


@pytest.mark.parametrize(
    ("case", "status", "deadline_in", "is_spam", "state"),
    [
        ("due in 30 minutes", "awaiting_us", 30 * MINUTE, False, "due_soon"),
        ("due exactly at the margin", "awaiting_us", 60 * MINUTE, False, "due_soon"),
        ("due in 61 minutes", "awaiting_us", 61 * MINUTE, False, None),
        ("a minute past the deadline", "awaiting_us", -MINUTE, False, "overdue"),
        ("new and past the deadline", "new", -2 * 60 * MINUTE, False, "overdue"),
        ("missed more than a week ago", "awaiting_us", -timedelta(days=8), False, None),
        ("waiting for the buyer", "awaiting_buyer", -MINUTE, False, None),
        ("closed", "closed", -MINUTE, False, None),
        ("spam", "awaiting_us", -MINUTE, True, None),
        ("no deadline", "awaiting_us", None, False, None),
    ],
)
def test_only_conversations_waiting_for_us_near_or_past_their_deadline_raise_alerts(
    cast, case, status, deadline_in, is_spam, state
):
    waiting(rep=cast.rep, status=status, deadline_in=deadline_in, is_spam=is_spam)
    alerts_raise_due(now=NOW)
    assert list(InboxAlert.objects.values_list("state", flat=True)) == ([state] if state else [])


def test_the_due_soon_margin_comes_from_the_workspace(cast):
    workspace(due_soon_minutes=120)
    waiting(rep=cast.rep, deadline_in=90 * MINUTE)
    assert alerts_raise_due(now=NOW).raised == 1


def test_running_twice_raises_nothing_twice(cast, mailoutbox, webhook):
    workspace(alert_emails=["desk@seller.kr"], alert_webhook_url=webhook.url)
    waiting(rep=cast.rep)
    first = alerts_raise_due(now=NOW)
    second = alerts_raise_due(now=NOW + MINUTE)
    assert (first.raised, second.raised) == (1, 0)
    assert InboxAlert.objects.count() == 1
    assert (len(mailoutbox), len(webhook.received)) == (1, 1)


def test_a_run_that_loses_the_race_for_an_alert_raises_nothing(cast):
    conversation = waiting(rep=cast.rep)
    InboxAlert.objects.create(
        conversation=conversation, state="due_soon", deadline_at=conversation.deadline_at
    )
    # Another worker raised it after this run chose its candidates: the constraint decides.
    assert alerts._raise_once(conversation, "due_soon") is None
    assert InboxAlert.objects.count() == 1


def test_due_soon_then_overdue_raise_one_alert_each(cast, mailoutbox):
    with_email(cast.rep, "rep@seller.kr")
    waiting(rep=cast.rep, deadline_in=30 * MINUTE)
    alerts_raise_due(now=NOW)
    alerts_raise_due(now=NOW + 31 * MINUTE)
    alerts_raise_due(now=NOW + 32 * MINUTE)
    assert sorted(InboxAlert.objects.values_list("state", flat=True)) == ["due_soon", "overdue"]
    assert "Reply overdue" in mailoutbox[-1].subject
    assert len(mailoutbox) == 2


def test_a_new_deadline_after_a_reply_raises_a_new_alert(cast):
    conversation = waiting(rep=cast.rep, deadline_in=-MINUTE)
    alerts_raise_due(now=NOW)
    # We replied, the buyer wrote again: the clock restarts with a new deadline, missed again.
    Conversation.objects.filter(pk=conversation.pk).update(deadline_at=NOW + 4 * 60 * MINUTE)
    later = NOW + 5 * 60 * MINUTE
    report = alerts_raise_due(now=later)
    assert report.raised == 1
    assert InboxAlert.objects.filter(state="overdue").count() == 2


def test_the_webhook_gets_slack_style_json(cast, webhook):
    workspace(alert_webhook_url=webhook.url)
    conversation = waiting(rep=cast.rep, deadline_in=-5 * MINUTE, company="Lagos Glow Ltd")

    report = alerts_raise_due(now=NOW)

    [payload] = webhook.received
    assert list(payload) == ["text"]
    assert "Reply overdue: Lagos Glow Ltd (US)" in payload["text"]
    assert "2026-11-29 20:55 KST" in payload["text"]
    assert f"/inbox/c/{conversation.pk}/" in payload["text"]
    assert InboxAlert.objects.get().deliveries == {"webhook": "sent"}
    assert (report.webhooks_sent, report.failed) == (1, 0)


@pytest.mark.parametrize(
    ("case", "url", "recorded"),
    [
        ("a closed port", "http://127.0.0.1:{port}/hook", "failed: URLError"),
        ("a server error", "{server}", "failed: HTTPError: HTTP Error 500"),
        ("not an http URL", "file:///etc/passwd", "failed: not an http(s) URL"),
    ],
)
def test_a_failing_webhook_is_recorded_and_never_raises(
    cast, mailoutbox, webhook, closed_port, case, url, recorded
):
    webhook.status = 500
    with_email(cast.rep, "rep@seller.kr")
    workspace(alert_webhook_url=url.format(port=closed_port, server=webhook.url))
    waiting(rep=cast.rep)

    report = alerts_raise_due(now=NOW)

    deliveries = InboxAlert.objects.get().deliveries
    assert deliveries["webhook"].startswith(recorded)
    assert deliveries["email"] == "sent"  # the email still went out
    assert (report.raised, report.emails_sent, report.webhooks_sent, report.failed) == (1, 1, 0, 1)


def test_a_failing_mail_server_is_recorded_and_never_raises(cast, settings, closed_port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 5
    with_email(cast.rep, "rep@seller.kr")
    waiting(rep=cast.rep)

    report = alerts_raise_due(now=NOW)

    assert InboxAlert.objects.get().deliveries["email"].startswith("failed: ConnectionRefused")
    assert (report.raised, report.emails_sent, report.failed) == (1, 0, 1)


@pytest.mark.parametrize(
    ("alert_emails", "mailed_to"),
    [([], None), (["desk@seller.kr", "boss@seller.kr"], ["desk@seller.kr", "boss@seller.kr"])],
)
def test_an_unassigned_buyers_alert_goes_to_the_queue_and_the_alert_addresses(
    cast, mailoutbox, alert_emails, mailed_to
):
    workspace(alert_emails=alert_emails)
    waiting(rep=None)
    alerts_raise_due(now=NOW)
    assert InboxAlert.objects.get().recipient is None
    assert [m.to for m in mailoutbox] == ([mailed_to] if mailed_to else [])


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("owner", {"unassigned"}),
        ("manager", {"unassigned"}),
        ("viewer", set()),
        ("senior_rep", set()),
        ("rep", {"rep's"}),
        ("outsider", set()),
    ],
)
def test_each_user_sees_their_unread_alerts_and_keepers_the_unassigned_ones(cast, who, sees):
    waiting(rep=cast.rep, company="Rep's Buyer Ltd")
    waiting(rep=None, company="Nobody's Buyer Ltd")
    read = waiting(rep=cast.rep, company="Read Buyer Ltd")
    alerts_raise_due(now=NOW)
    InboxAlert.objects.filter(conversation=read).update(read_at=NOW)

    companies = {a.conversation.buyer.company for a in alerts_for(getattr(cast, who))}

    names = {"rep's": "Rep's Buyer Ltd", "unassigned": "Nobody's Buyer Ltd"}
    assert companies == {names[s] for s in sees}


@pytest.mark.parametrize(
    ("who", "owner_of_alert", "allowed"),
    [
        ("rep", "rep", True),
        ("outsider", "rep", False),
        ("viewer", "rep", False),
        ("manager", "rep", True),
        ("manager", None, True),
        ("rep", None, False),
    ],
)
def test_only_the_recipient_or_a_keeper_marks_an_alert_read(cast, who, owner_of_alert, allowed):
    waiting(rep=getattr(cast, owner_of_alert) if owner_of_alert else None)
    alerts_raise_due(now=NOW)
    alert = InboxAlert.objects.get()
    user = getattr(cast, who)
    if not allowed:
        with pytest.raises(PermissionDenied):
            alert_mark_read(alert=alert, user=user)
        return
    alert_mark_read(alert=alert, user=user)
    alert.refresh_from_db()
    assert alert.read_at is not None
    assert not alerts_for(user).exists()


KST = timedelta(hours=9)


@pytest.mark.parametrize(
    ("case", "business_hours", "awaiting_since_kst", "deadline_kst"),
    [
        ("calendar hours by default", False, datetime(2026, 9, 23, 16), datetime(2026, 9, 23, 20)),
        ("business hours skip Chuseok", True, datetime(2026, 9, 23, 16), datetime(2026, 9, 28, 11)),
        (
            "business hours skip the weekend",
            True,
            datetime(2026, 11, 27, 17),
            datetime(2026, 11, 30, 12),
        ),
        (
            "a December deadline sees next year's holidays",
            True,
            datetime(2026, 12, 31, 16),
            datetime(2027, 1, 4, 11),
        ),
    ],
)
def test_the_workspace_policy_sets_the_conversation_deadline(
    db, case, business_hours, awaiting_since_kst, deadline_kst
):
    workspace(sla_uses_business_hours=business_hours)
    since = (awaiting_since_kst - KST).replace(tzinfo=UTC)
    assert conversation_deadline(since) == (deadline_kst - KST).replace(tzinfo=UTC)


def test_the_business_calendar_is_built_from_the_workspace_settings(db):
    ws = workspace(
        sla_uses_business_hours=True,
        sla_hours=8,
        timezone="Asia/Seoul",
        business_hours_start=time(10),
        business_hours_end=time(19),
        business_days=[0, 1, 2, 3, 4, 5],
    )
    policy = sla_policy(ws, years=[2026])
    assert policy.hours == 8
    assert policy.calendar is not None
    assert (policy.calendar.start, policy.calendar.end) == (time(10), time(19))
    assert policy.calendar.weekdays == frozenset(range(6))
    assert date(2026, 9, 25) in policy.calendar.holidays


@pytest.mark.parametrize(
    "fields",
    [
        {"business_hours_start": time(18), "business_hours_end": time(9)},
        {"business_days": []},
    ],
)
def test_settings_that_cannot_form_a_calendar_fall_back_to_calendar_hours(db, fields):
    policy = sla_policy(workspace(sla_uses_business_hours=True, **fields))
    assert policy.calendar is None
    start = NOW
    assert reply_deadline(start, policy) == start + timedelta(hours=4)


def test_a_conversation_that_is_not_waiting_has_no_deadline(db):
    assert conversation_deadline(None) is None
