"""``exportdesk reorder fit``: the CDNOW reproduction from CSV, the workspace refit that stores
predictions, the nightly task, and the Reorders page."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from exportdesk.orders.models import Order, ReorderPrediction
from exportdesk.orders.services import reorder_refit
from tests.orders.conftest import graded_buyer

DATA = Path(__file__).resolve().parent.parent / "data"
PUBLISHED_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "ll": -9582.4}
PUBLISHED_GG = {"p": 6.25, "q": 3.74, "gamma": 15.44}


def fit(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("reorder", "fit", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    "name",
    ["cdnow_customers_summary.csv", "cdnow_customers_summary_with_transactions.csv"],
)
def test_the_cli_reproduces_the_published_bgnbd_estimates_within_one_percent(name):
    result = fit("--summary", str(DATA / name))
    for key, expected in PUBLISHED_BGNBD.items():
        assert result["bgnbd"][key] == pytest.approx(expected, rel=0.01), key
    assert "problem" not in result["bgnbd"]


def test_the_cli_reproduces_the_published_gamma_gamma_estimates_within_one_percent():
    result = fit("--summary", str(DATA / "cdnow_customers_summary_with_transactions.csv"))
    for key, expected in PUBLISHED_GG.items():
        assert result["gamma_gamma"][key] == pytest.approx(expected, rel=0.01), key
    assert result["gamma_gamma"]["ll"] < 0


def test_without_monetary_values_gamma_gamma_is_null():
    assert fit("--summary", str(DATA / "cdnow_customers_summary.csv"))["gamma_gamma"] is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("frequency,recency\n1,2\n", "no column T", id="a missing column"),
        pytest.param("frequency,recency,T\n1,x,3\n", "row 2, column recency", id="not a number"),
        pytest.param("frequency,recency,T\n", "no rows", id="no rows"),
        pytest.param("frequency,recency,T\n1,5,3\n", "recency must lie", id="recency after T"),
    ],
)
def test_a_bad_summary_file_gets_a_clear_error(tmp_path, content, message):
    path = tmp_path / "summary.csv"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        fit("--summary", str(path))


def test_a_missing_summary_file_gets_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        fit("--summary", str(tmp_path / "nope.csv"))


def test_a_summary_with_one_buyer_says_why_it_cannot_fit(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("frequency,recency,T,monetary_value\n0,0,10,0\n")
    result = fit("--summary", str(path))
    assert "problem" in result["bgnbd"]


# --- the workspace refit ------------------------------------------------------------------------

NOW = timezone.make_aware(datetime(2026, 6, 30, 12, 0))


def purchase(buyer, when: datetime, total: int = 50_000, status: str = "delivered") -> Order:
    return Order.objects.create(
        buyer=buyer,
        number=f"R-{Order.objects.count() + 1}",
        status=status,
        currency="USD",
        total_minor=total,
        quoted_at=when,
        paid_at=when,
    )


@pytest.mark.django_db
def test_a_small_workspace_falls_back_to_own_cycles_and_says_so():
    steady = graded_buyer("A", company="Steady")
    for weeks in (12, 8, 4):
        purchase(steady, NOW - timedelta(weeks=weeks))
    once = graded_buyer("C", company="Once")
    purchase(once, NOW - timedelta(days=10))
    quoted = graded_buyer("B", company="Quoted only")
    purchase(quoted, NOW - timedelta(days=5), status="quoted")

    report = reorder_refit(now=NOW)

    assert report.buyers == 2
    assert report.bgnbd is None
    rows = {p.buyer.company: p for p in ReorderPrediction.objects.select_related("buyer")}
    assert set(rows) == {"Steady", "Once"}
    assert rows["Steady"].method == "own_cycle"
    assert rows["Steady"].next_order_on == (NOW - timedelta(weeks=4)).date() + timedelta(days=28)
    assert rows["Steady"].expected_orders_30 == pytest.approx(30 / 28)
    assert "median order cycle of 28 days" in rows["Steady"].reason
    assert rows["Once"].method == "insufficient_history"
    assert rows["Once"].next_order_on is None
    assert "fewer than" in rows["Once"].reason


def simulate_workspace(n: int = 60, seed: int = 1) -> None:
    """Buyers who order as a Poisson process and drop out after a repeat with probability p
    (the BG/NBD story), over the 400 days before NOW."""
    rng = np.random.default_rng(seed)
    for i in range(n):
        buyer = graded_buyer("B", company=f"Buyer {i}")
        rate = rng.gamma(2.0, 1 / 60)  # about one order a month on average
        dropout = rng.beta(1.0, 2.0)
        day = float(rng.uniform(0, 250))
        while day < 400:
            purchase(buyer, NOW - timedelta(days=400 - day), total=int(rng.gamma(4, 10_000)))
            if day > 0 and rng.random() < dropout:
                break
            day += float(rng.exponential(1 / rate))


@pytest.mark.django_db
def test_a_workspace_with_history_gets_bgnbd_predictions_and_keeps_the_old_p_alive():
    simulate_workspace()
    first = reorder_refit(now=NOW)
    assert first.methods == {"bgnbd": 60}, first
    assert first.bgnbd is not None
    row = ReorderPrediction.objects.order_by("probability_alive").first()
    assert 0.0 <= row.probability_alive <= 1.0
    assert row.expected_orders_90 >= row.expected_orders_30 >= 0
    assert row.currency == "USD"

    second = reorder_refit(now=NOW + timedelta(days=1))
    assert second.buyers == ReorderPrediction.objects.count() == 60
    assert not ReorderPrediction.objects.filter(previous_probability_alive=None).exists()


@pytest.mark.django_db
def test_the_refit_command_stores_predictions_and_prints_a_report():
    buyer = graded_buyer("A")
    purchase(buyer, timezone.now() - timedelta(days=30))
    purchase(buyer, timezone.now() - timedelta(days=2))
    result = fit()
    assert result["buyers"] == 1
    assert ReorderPrediction.objects.get().buyer == buyer


@pytest.mark.django_db
def test_the_nightly_task_refits(settings):
    from exportdesk.orders.tasks import reorder_refit_nightly

    purchase(graded_buyer("A"), timezone.now() - timedelta(days=3))
    result = reorder_refit_nightly.call()
    assert result["buyers"] == 1
    assert ReorderPrediction.objects.count() == 1


@pytest.mark.django_db
def test_an_empty_workspace_refits_to_nothing_without_crashing():
    report = reorder_refit(now=NOW)
    assert (report.buyers, report.bgnbd) == (0, None)


# --- the Reorders page --------------------------------------------------------------------------

PAGE = reverse("orders:reorders")
# Pinned from measurement: session, user, workspace settings, (role groups and 2 permission
# lookups for non-superusers), due, at risk, latest fit.
# +1: the inbox count in the navigation (one aggregate query per page).
PAGE_MAX_QUERIES = {"owner": 7, "rep": 10}


def predict(buyer, **fields: Any) -> ReorderPrediction:
    fields.setdefault("method", "bgnbd")
    fields.setdefault("fitted_at", timezone.now())
    return ReorderPrediction.objects.create(buyer=buyer, **fields)


@pytest.fixture
def board(cast):
    today = timezone.localdate()
    mine = graded_buyer("B", company="Due soon", assigned_rep=cast.rep)
    overdue = graded_buyer("C", company="Overdue")
    later = graded_buyer("B", company="Later", assigned_rep=cast.rep)
    risky = graded_buyer("B", company="Fading big buyer", assigned_rep=cast.rep)
    small = graded_buyer("C", company="Fading small buyer")
    theirs = graded_buyer("A", company="Theirs", assigned_rep=cast.outsider)
    predict(mine, next_order_on=today + timedelta(days=10), probability_alive=0.9)
    predict(overdue, next_order_on=today - timedelta(days=3), method="own_cycle", reason="own")
    predict(later, next_order_on=today + timedelta(days=40), probability_alive=0.95)
    predict(
        risky,
        probability_alive=0.6,
        previous_probability_alive=0.8,
        expected_order_value_minor=120_000,
    )
    predict(small, probability_alive=0.2, expected_order_value_minor=5_000)
    predict(theirs, next_order_on=today, probability_alive=0.1, expected_order_value_minor=90_000)


def companies(rows) -> list[str]:
    return [p.buyer.company for p in rows]


@pytest.mark.django_db
def test_the_reorders_page_shows_who_is_due_and_who_is_at_risk(client_for, cast, board):
    response = client_for(cast.rep).get(PAGE)
    assert response.status_code == 200
    result = response.context["board"]
    assert companies(result.due) == ["Overdue", "Due soon"]
    assert companies(result.at_risk) == ["Fading big buyer"]
    html = response.content.decode()
    assert "overdue" in html and "Own order cycle" in html


@pytest.mark.django_db
def test_managers_see_every_buyer_on_the_reorders_page(client_for, cast, board):
    result = client_for(cast.owner).get(PAGE).context["board"]
    assert "Theirs" in companies(result.due) and "Theirs" in companies(result.at_risk)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["owner", "rep"])
def test_the_reorders_page_makes_a_fixed_number_of_queries(
    client_for, cast, board, role, django_assert_max_num_queries
):
    client = client_for(getattr(cast, role))
    with django_assert_max_num_queries(PAGE_MAX_QUERIES[role]):
        assert client.get(PAGE).status_code == 200


@pytest.mark.django_db
def test_the_buyer_panel_shows_the_prediction(client_for, cast):
    buyer = graded_buyer("A", assigned_rep=cast.rep)
    predict(buyer, next_order_on=date(2026, 7, 1), probability_alive=0.8, reason="BG/NBD fitted")
    response = client_for(cast.rep).get(reverse("orders:buyer_panel", args=[buyer.pk]))
    assert "Next order expected around 2026-07-01" in response.content.decode()
