"""The reorder model: summary builder, BG/NBD and Gamma-Gamma fits, fallbacks (no database)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import special

from exportdesk.domain import reorder
from exportdesk.domain.reorder import (
    BGNBDFit,
    PurchaseSummary,
    build_summary,
    fit_bgnbd,
    fit_gamma_gamma,
    predict_reorders,
    simulate_bgnbd,
    simulate_gamma_gamma,
)

DATA = Path(__file__).resolve().parent.parent / "data"
CDNOW_END = date(1997, 9, 30)


def _read_csv(name: str) -> dict[str, np.ndarray]:
    table = np.genfromtxt(DATA / name, delimiter=",", names=True)
    return {column: np.asarray(table[column], dtype=float) for column in table.dtype.names or ()}


@pytest.fixture(scope="module")
def cdnow() -> dict[str, np.ndarray]:
    """CDNOW calibration summary (2,357 customers; columns ID, frequency, recency, T in weeks)."""
    return _read_csv("cdnow_customers_summary.csv")


@pytest.fixture(scope="module")
def cdnow_money() -> dict[str, np.ndarray]:
    """The same customers with z̄ (columns ID, x, t_x, T, zbar)."""
    return _read_csv("cdnow_customers_summary_with_transactions.csv")


@pytest.fixture(scope="module")
def cdnow_fit(cdnow) -> BGNBDFit:
    return fit_bgnbd(cdnow["frequency"], cdnow["recency"], cdnow["T"])


def _rel(value: float, expected: float) -> float:
    return abs(value - expected) / abs(expected)


# --------------------------------------------------------------------------------------------
# Summary builder
# --------------------------------------------------------------------------------------------

D = date


@pytest.mark.parametrize(
    ("orders", "unit", "expected"),
    [
        pytest.param(
            [(D(2025, 1, 1), 100.0)], "weeks", (0, 0.0, 4.0, 0.0), id="one order: no repeat"
        ),
        pytest.param(
            [(D(2025, 1, 1), 100.0), (D(2025, 1, 15), 40.0)],
            "weeks",
            (1, 2.0, 4.0, 40.0),
            id="one repeat, weeks",
        ),
        pytest.param(
            [(D(2025, 1, 1), 100.0), (D(2025, 1, 15), 40.0)],
            "days",
            (1, 14.0, 28.0, 40.0),
            id="one repeat, days",
        ),
        pytest.param(
            [(D(2025, 1, 15), 40.0), (D(2025, 1, 1), 100.0), (D(2025, 1, 22), 60.0)],
            "days",
            (2, 21.0, 28.0, 50.0),
            id="unsorted input; monetary is the repeat mean, first order left out",
        ),
        pytest.param(
            [(D(2025, 1, 1), 100.0), (D(2025, 1, 1), 50.0), (D(2025, 1, 8), 30.0)],
            "weeks",
            (1, 1.0, 4.0, 30.0),
            id="same-day first orders merge",
        ),
        pytest.param(
            [
                (datetime(2025, 1, 1, 9), 10.0),
                (datetime(2025, 1, 8, 9, 30), 20.0),
                (datetime(2025, 1, 8, 17, 45), 5.0),
            ],
            "days",
            (1, 7.0, 28.0, 25.0),
            id="datetimes on one day merge, amounts add up",
        ),
        pytest.param(
            [(D(2025, 1, 1), 10.0), (D(2025, 1, 29), 20.0), (D(2025, 3, 1), 99.0)],
            "days",
            (1, 28.0, 28.0, 20.0),
            id="orders after the calibration end are ignored",
        ),
    ],
)
def test_build_summary_turns_orders_into_frequency_recency_T_and_monetary(orders, unit, expected):
    summary = build_summary(
        [("b1", when, amount) for when, amount in orders], D(2025, 1, 29), unit=unit
    )
    frequency, recency, T, monetary = expected
    assert list(summary.ids) == ["b1"]
    assert summary.unit == unit
    assert summary.frequency[0] == frequency
    assert summary.recency[0] == pytest.approx(recency)
    assert summary.T[0] == pytest.approx(T)
    assert summary.monetary_value[0] == pytest.approx(monetary)


# Transactions of CDNOW customers 1, 2, 3, 18, 26 and 61 from CDNOW_sample.txt (id, date,
# dollars): 26 has two orders on 1997-01-13, 61 has two same-day pairs and orders after the
# calibration end. The builder must give their rows of the published summary files.
CDNOW_ORDERS = [
    (1, "19970101", 29.33), (1, "19970118", 29.73), (1, "19970802", 14.96),
    (1, "19971212", 26.48), (2, "19970101", 63.34), (2, "19970113", 11.77),
    (3, "19970101", 6.79), (18, "19970101", 13.97), (18, "19970204", 9.99),
    (26, "19970102", 3.99), (26, "19970113", 166.89), (26, "19970113", 60.25),
    (61, "19970104", 56.27), (61, "19970120", 62.90), (61, "19970120", 15.36),
    (61, "19970224", 63.95), (61, "19970224", 24.99), (61, "19970303", 15.36),
    (61, "19970729", 31.03), (61, "19971217", 29.48), (61, "19971218", 28.49),
    (61, "19971222", 66.97),
]  # fmt: skip


def test_build_summary_reproduces_the_published_cdnow_rows(cdnow_money):
    orders = [
        (cid, date(int(day[:4]), int(day[4:6]), int(day[6:])), dollars)
        for cid, day, dollars in CDNOW_ORDERS
    ]
    summary = build_summary(orders, CDNOW_END, unit="weeks")
    assert list(summary.ids) == [1, 2, 3, 18, 26, 61]
    rows = np.searchsorted(cdnow_money["ID"], summary.ids.astype(float))
    # The files round to 2 decimals.
    np.testing.assert_array_equal(summary.frequency, cdnow_money["x"][rows])
    np.testing.assert_allclose(summary.recency, cdnow_money["t_x"][rows], atol=0.005)
    np.testing.assert_allclose(summary.T, cdnow_money["T"][rows], atol=0.005)
    np.testing.assert_allclose(summary.monetary_value, cdnow_money["zbar"][rows], atol=0.005)


def test_build_summary_keeps_buyers_apart_and_in_first_seen_order():
    orders = [
        ("b", D(2025, 1, 10), 5.0),
        ("a", D(2025, 1, 1), 1.0),
        ("b", D(2025, 1, 10), 5.0),
        ("a", D(2025, 1, 3), 2.0),
        ("c", D(2025, 2, 1), 9.0),  # after the end: buyer c did not exist yet
    ]
    summary = build_summary(orders, D(2025, 1, 31), unit="days")
    assert list(summary.ids) == ["b", "a"]
    np.testing.assert_array_equal(summary.frequency, [0, 1])
    np.testing.assert_array_equal(summary.T, [21, 30])
    np.testing.assert_array_equal(summary.mean_order_value, [10.0, 1.5])


@pytest.mark.parametrize(
    ("order_days", "median_gap_days"),
    [
        ([1], None),
        ([1, 8], 7.0),
        ([1, 4, 14, 19], 5.0),  # gaps 3, 10, 5
        ([1, 4, 14, 19, 21], 4.0),  # gaps 3, 10, 5, 2 → (3 + 5) / 2
        ([1, 1, 1, 31], 30.0),  # same-day orders are not gaps of 0
    ],
)
def test_median_gap_is_the_buyers_median_days_between_order_days(order_days, median_gap_days):
    orders = [("b", D(2025, 1, day), 1.0) for day in order_days]
    summary = build_summary(orders, D(2025, 1, 31), unit="weeks")
    if median_gap_days is None:
        assert np.isnan(summary.median_gap[0])
    else:
        assert summary.median_gap[0] * 7 == pytest.approx(median_gap_days)


def test_build_summary_of_no_orders_is_empty_and_a_bad_unit_is_refused():
    assert len(build_summary([], D(2025, 1, 1))) == 0
    with pytest.raises(ValueError, match="unit"):
        build_summary([], D(2025, 1, 1), unit="months")  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    orders=st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", 7]),
            st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 3, 31)),
            st.floats(min_value=0.01, max_value=1e6),
        ),
        max_size=40,
    ),
    unit=st.sampled_from(["weeks", "days"]),
)
def test_build_summary_agrees_with_a_plain_python_reference(orders, unit):
    end = date(2024, 3, 15)
    summary = build_summary(orders, end, unit=unit)
    per_unit = 7 if unit == "weeks" else 1
    by_buyer: dict[object, dict[date, float]] = {}
    for buyer, day, amount in orders:
        if day <= end:
            days = by_buyer.setdefault(buyer, {})
            days[day] = days.get(day, 0.0) + amount
    assert list(summary.ids) == list(by_buyer)
    for i, days in enumerate(by_buyer.values()):
        ordered = sorted(days)
        gaps = [(later - earlier).days for earlier, later in pairwise(ordered)]
        assert summary.frequency[i] == len(ordered) - 1
        assert summary.recency[i] == pytest.approx((ordered[-1] - ordered[0]).days / per_unit)
        assert summary.T[i] == pytest.approx((end - ordered[0]).days / per_unit)
        repeat_values = [days[d] for d in ordered[1:]]
        expected_money = sum(repeat_values) / len(repeat_values) if repeat_values else 0.0
        assert summary.monetary_value[i] == pytest.approx(expected_money)
        if gaps:
            assert summary.median_gap[i] * per_unit == pytest.approx(float(np.median(gaps)))
        else:
            assert np.isnan(summary.median_gap[i])


@pytest.mark.parametrize(
    ("frequency", "recency", "T"),
    [([1], [5.0], [4.0]), ([0], [1.0], [4.0]), ([1.5], [1.0], [4.0]), ([-1], [0.0], [4.0])],
    ids=["recency after T", "recency without repeats", "fractional frequency", "negative"],
)
def test_invalid_summaries_are_refused_with_a_clear_error(frequency, recency, T):
    with pytest.raises(ValueError):
        PurchaseSummary.from_arrays(frequency, recency, T)


# --------------------------------------------------------------------------------------------
# CDNOW: the published estimates
# --------------------------------------------------------------------------------------------


def test_bgnbd_reproduces_fader_hardie_lee_2005_on_cdnow_within_1_percent(cdnow_fit):
    fit = cdnow_fit
    assert fit.converged and fit.problem is None and fit.n == 2357
    for value, published in [(fit.r, 0.243), (fit.alpha, 4.414), (fit.a, 0.793), (fit.b, 2.426)]:
        assert _rel(value, published) < 0.01
    assert _rel(fit.ll, -9582.4) < 0.01
    assert fit.ll == pytest.approx(-9582.43, abs=0.05)  # and, in fact, to the printed digits


def test_gamma_gamma_reproduces_fader_hardie_2013_on_cdnow_repeat_buyers(cdnow_money):
    fit = fit_gamma_gamma(cdnow_money["x"], cdnow_money["zbar"])
    assert fit.converged and fit.problem is None
    assert fit.n == 946  # repeat buyers only
    for value, published in [(fit.p, 6.25), (fit.q, 3.74), (fit.gamma, 15.44)]:
        assert _rel(value, published) < 0.01
    assert fit.ll == pytest.approx(-4055.92, abs=0.05)


# Values printed by lifetimes 0.11.3 (BetaGeoFitter / GammaGammaFitter fitted on the same files)
# for the first five CDNOW customers: (1) x=2, t_x=30.43, T=38.86; (2) x=1, t_x=1.71; (3-5) x=0.
LIFETIMES_P_ALIVE = [0.72660914, 0.21222739, 1.0, 1.0, 1.0]
LIFETIMES_EXPECTED_39_WEEKS = [1.225910, 0.203251, 0.194781, 0.194781, 0.194781]
LIFETIMES_EXPECTED_ORDER_VALUE = [24.658616, 18.911480, 35.171002, 35.171002, 35.171002]


def test_predictions_for_cdnow_customers_match_lifetimes(cdnow, cdnow_fit, cdnow_money):
    x, t_x, T = (cdnow[c][:5] for c in ("frequency", "recency", "T"))
    np.testing.assert_allclose(cdnow_fit.probability_alive(x, t_x, T), LIFETIMES_P_ALIVE, rtol=1e-4)
    np.testing.assert_allclose(
        cdnow_fit.expected_purchases(39, x, t_x, T), LIFETIMES_EXPECTED_39_WEEKS, rtol=1e-4
    )
    gg = fit_gamma_gamma(cdnow_money["x"], cdnow_money["zbar"])
    np.testing.assert_allclose(
        gg.expected_order_value(cdnow_money["x"][:5], cdnow_money["zbar"][:5]),
        LIFETIMES_EXPECTED_ORDER_VALUE,
        rtol=1e-4,
    )


@pytest.mark.parametrize("t", [1.0, 39.0, 78.0])
def test_euler_transformed_expectation_equals_eq_10_as_printed(cdnow, cdnow_fit, t):
    """The implementation rewrites ₂F₁ with Euler's transformation; eq. 10 verbatim agrees."""
    r, alpha, a, b = cdnow_fit.r, cdnow_fit.alpha, cdnow_fit.a, cdnow_fit.b
    x, t_x, T = cdnow["frequency"], cdnow["recency"], cdnow["T"]
    hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
    bracket = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp
    delta = (x > 0) * a / (b + np.maximum(x, 1) - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x)
    printed = (a + b + x - 1) / (a - 1) * bracket / (1 + delta)
    np.testing.assert_allclose(cdnow_fit.expected_purchases(t, x, t_x, T), printed, rtol=1e-8)


def test_cdnow_forecast_uses_the_model_for_everyone(cdnow_money):
    summary = PurchaseSummary.from_arrays(
        cdnow_money["x"],
        cdnow_money["t_x"],
        cdnow_money["T"],
        cdnow_money["zbar"],
        ids=cdnow_money["ID"].astype(int),
        calibration_end=CDNOW_END,
    )
    forecast = predict_reorders(summary, horizon_days=39 * 7)
    assert set(forecast.method) == {"bgnbd"}
    assert set(forecast.value_method) == {"gamma_gamma"}
    assert forecast.model_reason.startswith("BG/NBD fitted on 2357 buyers (946 repeat buyers)")
    np.testing.assert_allclose(forecast.expected_orders[:5], LIFETIMES_EXPECTED_39_WEEKS, rtol=1e-4)
    np.testing.assert_allclose(
        forecast.expected_revenue[:5],
        np.multiply(LIFETIMES_EXPECTED_39_WEEKS, LIFETIMES_EXPECTED_ORDER_VALUE),
        rtol=1e-4,
    )
    # Next-order dates lie ahead of today and within the one-year cap, or are left blank.
    dated = ~np.isnat(forecast.next_order_date)
    assert dated.any()
    assert (forecast.next_order_date[dated] > np.datetime64(CDNOW_END)).all()
    assert (forecast.next_order_date[dated] <= np.datetime64(CDNOW_END + timedelta(365))).all()


# --------------------------------------------------------------------------------------------
# Model properties
# --------------------------------------------------------------------------------------------


def test_a_buyer_without_repeat_purchases_is_alive_by_construction(cdnow_fit):
    alive = cdnow_fit.probability_alive([0, 0, 0], [0, 0, 0], [1.0, 30.0, 300.0])
    np.testing.assert_array_equal(alive, [1.0, 1.0, 1.0])


def test_silence_after_the_last_order_lowers_p_alive_and_expected_purchases(cdnow_fit):
    T = np.array([20.0, 30.0, 40.0, 80.0])
    x, t_x = np.full(4, 3.0), np.full(4, 20.0)
    assert (np.diff(cdnow_fit.probability_alive(x, t_x, T)) < 0).all()
    assert (np.diff(cdnow_fit.expected_purchases(10, x, t_x, T)) < 0).all()


def test_expected_purchases_grow_with_the_horizon(cdnow_fit):
    horizons = np.array([0.0, 1.0, 4.0, 13.0, 52.0, 520.0])
    for x, t_x in [(0, 0.0), (2, 30.43), (10, 38.0)]:
        expected = cdnow_fit.expected_purchases(
            horizons, np.full(6, x), np.full(6, t_x), np.full(6, 38.86)
        )
        assert expected[0] == pytest.approx(0.0, abs=1e-12)
        assert (np.diff(expected) > 0).all()


def test_heavy_buyers_do_not_overflow(cdnow_fit):
    x = np.array([200.0, 500.0, 500.0])
    t_x, T = np.array([38.0, 38.8, 1.0]), np.full(3, 38.86)
    expected = cdnow_fit.expected_purchases(13.0, x, t_x, T)
    alive = cdnow_fit.probability_alive(x, t_x, T)
    assert np.isfinite(expected).all() and (expected >= 0).all()
    assert alive[2] == pytest.approx(0.0, abs=1e-12)  # 500 orders, then 38 silent weeks


def test_median_wait_is_the_lomax_median(cdnow_fit):
    fit = cdnow_fit
    wait = fit.median_time_to_next_purchase([2.0], [38.86])[0]
    survival = ((fit.alpha + 38.86) / (fit.alpha + 38.86 + wait)) ** (fit.r + 2.0)
    assert survival == pytest.approx(0.5)


# --------------------------------------------------------------------------------------------
# Parameter recovery on simulated buyers
# --------------------------------------------------------------------------------------------


def test_bgnbd_and_gamma_gamma_recover_the_parameters_of_simulated_buyers():
    n, truth = 5000, {"r": 0.5, "alpha": 5.0, "a": 0.8, "b": 2.5}
    T = np.random.default_rng(11).uniform(26, 52, n)
    x, t_x, T = simulate_bgnbd(n, **truth, T=T, seed=11)
    fit = fit_bgnbd(x, t_x, T)
    assert fit.problem is None
    assert _rel(fit.r, truth["r"]) < 0.15 and _rel(fit.alpha, truth["alpha"]) < 0.15
    # a and b are learnt from the repeat buyers alone, hence the looser tolerance.
    assert _rel(fit.a, truth["a"]) < 0.3 and _rel(fit.b, truth["b"]) < 0.3

    z_bar = simulate_gamma_gamma(x, p=6.0, q=4.0, gamma=15.0, seed=11)
    gg = fit_gamma_gamma(x, z_bar)
    assert gg.problem is None
    assert _rel(gg.q, 4.0) < 0.15
    assert _rel(gg.p, 6.0) < 0.35 and _rel(gg.gamma, 15.0) < 0.35  # p and γ trade off
    assert _rel(gg.population_mean, 6.0 * 15.0 / 3.0) < 0.1


# --------------------------------------------------------------------------------------------
# Degenerate data: a clear fallback, never a crash
# --------------------------------------------------------------------------------------------

TODAY = date(2025, 6, 30)


def _orders_every(days: int, *, buyer: str, start: date, count: int, amount: float = 100.0):
    return [(buyer, start + timedelta(days * i), amount) for i in range(count)]


def test_one_buyer_falls_back_to_the_buyers_own_cycle():
    orders = _orders_every(30, buyer="solo", start=date(2025, 1, 1), count=5)
    forecast = predict_reorders(build_summary(orders, TODAY), horizon_days=60)
    (row,) = forecast.rows()
    assert row.method == "own_cycle"
    assert row.reason == (
        "Only 1 buyer with orders, fewer than the 20 the BG/NBD model needs; "
        "using this buyer's own median order cycle of 30 days."
    )
    assert row.next_order_date == date(2025, 5, 31)  # last order 1 May + 30 days: overdue
    assert row.expected_orders == pytest.approx(2.0)
    assert row.p_alive is None
    assert row.expected_order_value == 100.0 and row.expected_revenue == pytest.approx(200.0)
    assert forecast.bgnbd is None


def test_a_one_order_buyer_among_few_has_insufficient_history():
    orders = [("new", date(2025, 6, 1), 50.0)]
    orders += _orders_every(14, buyer="regular", start=date(2025, 1, 6), count=10)
    forecast = predict_reorders(build_summary(orders, TODAY), horizon_days=28)
    rows = {row.buyer_id: row for row in forecast.rows()}
    assert rows["new"].method == "insufficient_history"
    assert "ordered on one day only" in rows["new"].reason
    assert rows["new"].next_order_date is None and rows["new"].expected_orders is None
    assert rows["regular"].method == "own_cycle"
    assert rows["regular"].next_order_date == date(2025, 1, 6) + timedelta(14 * 10)


def test_no_repeat_buyers_at_all():
    orders = [(f"b{i}", date(2025, 1, 1) + timedelta(i), 10.0) for i in range(60)]
    forecast = predict_reorders(build_summary(orders, TODAY), horizon_days=30)
    assert set(forecast.method) == {"insufficient_history"}
    assert forecast.model_reason == (
        "Only 0 buyers ordered more than once, fewer than the 5 repeat buyers "
        "the BG/NBD model needs."
    )
    assert np.isnan(forecast.p_alive).all()
    # Direct fit on such data does not raise either; it says why it is unusable.
    summary = build_summary(orders, TODAY)
    assert fit_bgnbd(summary.frequency, summary.recency, summary.T).problem is not None
    assert fit_gamma_gamma(summary.frequency, summary.monetary_value).problem is not None


def test_all_orders_on_one_day():
    orders = [(f"b{i}", date(2025, 6, 30), 10.0) for i in range(40)]
    orders += [(f"b{i}", datetime(2025, 6, 30, 18), 5.0) for i in range(10)]
    summary = build_summary(orders, TODAY)
    assert (summary.frequency == 0).all() and (summary.T == 0).all()
    forecast = predict_reorders(summary, horizon_days=30)
    assert set(forecast.method) == {"insufficient_history"}
    assert forecast.model_reason.startswith("All orders fall on a single day")
    assert forecast.expected_order_value[0] == 15.0  # merged same-day orders


def test_fewer_than_five_repeat_buyers():
    orders = [(f"once{i}", date(2025, 1, 1) + timedelta(i), 10.0) for i in range(30)]
    for i in range(3):
        orders += _orders_every(20 + i, buyer=f"repeat{i}", start=date(2025, 2, 1), count=4)
    forecast = predict_reorders(build_summary(orders, TODAY), horizon_days=30)
    methods = dict(zip(forecast.ids, forecast.method, strict=True))
    assert methods["repeat0"] == "own_cycle" and methods["once0"] == "insufficient_history"
    assert "Only 3 buyers ordered more than once" in forecast.model_reason
    assert forecast.gamma_gamma is None and set(forecast.value_method) == {"own_average"}


def test_a_fit_that_says_nobody_drops_out_is_not_used():
    # Buyers who never leave (p ≈ 0): the likelihood pushes a to 0.
    x, t_x, T = simulate_bgnbd(2000, r=0.5, alpha=5.0, a=1e-9, b=1e3, T=40.0, seed=0)
    summary = PurchaseSummary.from_arrays(x, t_x, T, calibration_end=TODAY)
    forecast = predict_reorders(summary, horizon_days=28)
    assert forecast.bgnbd is not None and forecast.bgnbd.a < reorder.MIN_DROPOUT_A
    assert "drove a to" in forecast.model_reason
    assert set(forecast.method) == {"own_cycle", "insufficient_history"}
    assert (forecast.method[x > 0] == "own_cycle").all()


def test_a_fit_that_did_not_converge_is_not_used(monkeypatch, cdnow):
    stuck = BGNBDFit(
        0.2, 4.0, 0.8, 2.4, -9999.0, 2357, False, "the BG/NBD fit did not converge (test)"
    )
    monkeypatch.setattr(reorder, "fit_bgnbd", lambda *args: stuck)
    summary = PurchaseSummary.from_arrays(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    forecast = predict_reorders(summary, horizon_days=28)
    assert forecast.model_reason == "The BG/NBD fit did not converge (test)."
    assert not (forecast.method == "bgnbd").any()
    assert forecast.reason[0].startswith("The BG/NBD fit did not converge (test); using this")


def test_today_after_the_calibration_end_ages_the_buyers(cdnow_money):
    summary = PurchaseSummary.from_arrays(
        cdnow_money["x"], cdnow_money["t_x"], cdnow_money["T"], calibration_end=CDNOW_END
    )
    now = predict_reorders(summary, horizon_days=90)
    later = predict_reorders(summary, horizon_days=90, today=CDNOW_END + timedelta(70))
    repeat = cdnow_money["x"] > 0
    assert (later.p_alive[repeat] < now.p_alive[repeat]).all()
    with pytest.raises(ValueError, match="before"):
        predict_reorders(summary, horizon_days=90, today=CDNOW_END - timedelta(1))


def test_no_buyers_gives_an_empty_forecast():
    forecast = predict_reorders(build_summary([], TODAY), horizon_days=30)
    assert len(forecast) == 0 and list(forecast.rows()) == []
    assert forecast.model_reason == "There are no buyers."


# --------------------------------------------------------------------------------------------
# Properties: random small summaries never raise and give probabilities in [0, 1]
# --------------------------------------------------------------------------------------------


@st.composite
def small_summaries(draw: st.DrawFn) -> PurchaseSummary:
    n = draw(st.integers(min_value=1, max_value=40))
    buyers = draw(
        st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=30),  # repeat purchases
                st.floats(min_value=0, max_value=1),  # recency as a share of T
                st.floats(min_value=0, max_value=200),  # T in weeks
                st.floats(min_value=0.01, max_value=1e6),  # mean repeat order value
            ),
            min_size=n,
            max_size=n,
        )
    )
    x = np.array([b[0] for b in buyers], dtype=float)
    T = np.array([b[2] for b in buyers])
    t_x = np.where(x > 0, np.array([b[1] for b in buyers]) * T, 0.0)
    money = np.where(x > 0, np.array([b[3] for b in buyers]), 0.0)
    return PurchaseSummary.from_arrays(x, t_x, T, money, calibration_end=TODAY)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(summary=small_summaries(), horizon=st.floats(min_value=0, max_value=730))
def test_random_small_summaries_never_raise_and_stay_in_range(summary, horizon):
    forecast = predict_reorders(summary, horizon_days=horizon, min_buyers=5, min_repeat_buyers=2)
    assert len(forecast) == len(summary)
    assert set(forecast.method) <= {"bgnbd", "own_cycle", "insufficient_history"}
    alive = forecast.p_alive[forecast.method == "bgnbd"]
    assert ((alive >= 0) & (alive <= 1)).all()
    assert np.isnan(forecast.p_alive[forecast.method != "bgnbd"]).all()
    orders = forecast.expected_orders[~np.isnan(forecast.expected_orders)]
    assert (orders >= 0).all() and np.isfinite(orders).all()
    assert all(isinstance(text, str) and text.endswith(".") for text in forecast.reason)


@settings(max_examples=100, deadline=None)
@given(
    params=st.tuples(*[st.floats(min_value=1e-3, max_value=1e3)] * 4),
    x=st.integers(min_value=0, max_value=1000),
    shares=st.tuples(st.floats(min_value=0, max_value=1), st.floats(min_value=0, max_value=1e4)),
)
def test_p_alive_is_a_probability_for_any_parameters(params, x, shares):
    recency_share, T = shares
    r, alpha, a, b = params
    fit = BGNBDFit(r, alpha, a, b, ll=0.0, n=1, converged=True)
    t_x = recency_share * T if x else 0.0
    alive = fit.probability_alive([x], [t_x], [T])[0]
    assert 0.0 <= alive <= 1.0


def test_fits_are_frozen_dataclasses():
    assert dataclasses.is_dataclass(BGNBDFit)
    with pytest.raises(dataclasses.FrozenInstanceError):
        BGNBDFit(1, 1, 1, 1, 0, 1, True).r = 2  # type: ignore[misc]
