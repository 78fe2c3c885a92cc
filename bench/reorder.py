"""Reorder model: CDNOW estimates against the papers and lifetimes, and fit time at 100k buyers.

Target (DESIGN.md): BG/NBD + Gamma-Gamma fit on 100k buyers < 5 s, and faster than lifetimes on
CDNOW. Three parts:

* CDNOW summary files (2,357 customers): our estimates, log-likelihoods and fit times next to
  the published values and to lifetimes' BetaGeoFitter / GammaGammaFitter. lifetimes runs in its
  own virtualenv (``LIFETIMES_PYTHON``, default /tmp/lifetimes-venv/bin/python) through a
  subprocess, so the project's environment stays clean; each side times its own fits in-process.
* CDNOW transactions: the summary built from CDNOW_sample.txt (calibration to 1997-09-30) and the
  39-week hold-out, predicted vs actual repeat purchases; then the 23,570-customer master file.
* 100k simulated buyers drawn from BG/NBD and Gamma-Gamma with the CDNOW parameters: fit time,
  prediction time, end-to-end ``predict_reorders`` time and the recovered parameters.

Data: ../shared/data/cdnow/ beside the repo (override with ``CDNOW_DIR``).
Run alone: ``python -m bench.reorder``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from exportdesk.domain import reorder

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CDNOW_DIR = Path(os.environ.get("CDNOW_DIR", str(SHARED_DATA / "cdnow")))
LIFETIMES_PYTHON = os.environ.get("LIFETIMES_PYTHON", "/tmp/lifetimes-venv/bin/python")
SIMULATED_BUYERS = int(os.environ.get("BENCH_REORDER_BUYERS", "100000"))
REPEATS = int(os.environ.get("BENCH_REORDER_REPEATS", "5"))
CALIBRATION_END = date(1997, 9, 30)
HOLDOUT_END = date(1998, 6, 30)
HOLDOUT_WEEKS = (HOLDOUT_END - CALIBRATION_END).days / 7  # 39 weeks

PUBLISHED_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "ll": -9582.4}
PUBLISHED_GG = {"p": 6.25, "q": 3.74, "gamma": 15.44, "ll": -4055.92}

# Runs inside lifetimes' virtualenv: fit both models REPEATS times, report parameters, median
# fit time, P(alive) / E[Y(39)] timing and the hold-out prediction total, as JSON.
LIFETIMES_SCRIPT = r"""
import json, statistics, sys, time, warnings
warnings.filterwarnings("ignore")
import pandas as pd
import lifetimes
from lifetimes import BetaGeoFitter, GammaGammaFitter

summary_csv, money_csv = sys.argv[1], sys.argv[2]
repeats, horizon = int(sys.argv[3]), float(sys.argv[4])
df = pd.read_csv(summary_csv)
x, t_x, T = df["frequency"], df["recency"], df["T"]
mv = pd.read_csv(money_csv)
rep = mv[mv["x"] > 0]

def timed(make):
    times, out = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        out = make()
        times.append(time.perf_counter() - start)
    return out, statistics.median(times)

bgf, bg_time = timed(lambda: BetaGeoFitter(penalizer_coef=0.0).fit(x, t_x, T))
gg, gg_time = timed(lambda: GammaGammaFitter(penalizer_coef=0.0).fit(rep["x"], rep["zbar"]))

def predict():
    bgf.conditional_probability_alive(x, t_x, T)
    expected = bgf.conditional_expected_number_of_purchases_up_to_time(horizon, x, t_x, T)
    gg.conditional_expected_average_profit(mv["x"], mv["zbar"])
    return float(expected.sum())

holdout, predict_time = timed(predict)
print(json.dumps({
    "version": lifetimes.__version__,
    "bgnbd": {k: float(v) for k, v in bgf.params_.items()}, "bgnbd_time": bg_time,
    "gg": {k: float(v) for k, v in gg.params_.items()}, "gg_time": gg_time,
    "gg_mean_nll": float(gg._negative_log_likelihood_), "gg_n": int(len(rep)),
    "predict_time": predict_time, "holdout_expected": holdout,
}))
"""


def _median_time(work: Callable[[], Any], repeats: int = REPEATS) -> tuple[Any, float]:
    times = []
    result = None
    for _ in range(repeats):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return result, statistics.median(times)


def _read_csv(name: str) -> dict[str, np.ndarray]:
    table = np.genfromtxt(CDNOW_DIR / name, delimiter=",", names=True)
    return {column: np.asarray(table[column], dtype=float) for column in table.dtype.names or ()}


def _read_transactions(name: str, id_column: int) -> list[tuple[int, date, float]]:
    orders = []
    with open(CDNOW_DIR / name, encoding="ascii") as lines:
        for line in lines:
            fields = line.split()
            if not fields or not fields[0].isdigit():
                continue  # header line of CDNOW_master.txt
            day = fields[id_column + 1]
            when = date(int(day[:4]), int(day[4:6]), int(day[6:]))
            orders.append((int(fields[id_column]), when, float(fields[-1])))
    return orders


def _lifetimes(horizon_weeks: float) -> dict[str, Any] | str:
    """Run lifetimes in its own venv; return its results or why it could not run."""
    if not Path(LIFETIMES_PYTHON).exists():
        return f"lifetimes not available ({LIFETIMES_PYTHON} missing; set LIFETIMES_PYTHON)"
    try:
        completed = subprocess.run(
            [
                LIFETIMES_PYTHON,
                "-c",
                LIFETIMES_SCRIPT,
                str(CDNOW_DIR / "cdnow_customers_summary.csv"),
                str(CDNOW_DIR / "cdnow_customers_summary_with_transactions.csv"),
                str(REPEATS),
                str(horizon_weeks),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        return f"lifetimes failed: {detail.strip().splitlines()[-1] if detail else error}"
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _cdnow_section(theirs: dict[str, Any] | str) -> list[str]:
    summary = _read_csv("cdnow_customers_summary.csv")
    money = _read_csv("cdnow_customers_summary_with_transactions.csv")
    x, t_x, T = summary["frequency"], summary["recency"], summary["T"]

    bgnbd, bgnbd_time = _median_time(lambda: reorder.fit_bgnbd(x, t_x, T))
    gg, gg_time = _median_time(lambda: reorder.fit_gamma_gamma(money["x"], money["zbar"]))

    def predict() -> float:
        bgnbd.probability_alive(x, t_x, T)
        expected = bgnbd.expected_purchases(HOLDOUT_WEEKS, x, t_x, T)
        gg.expected_order_value(money["x"], money["zbar"])
        return float(expected.sum())

    _, predict_time = _median_time(predict)
    have_lifetimes = isinstance(theirs, dict)

    def their(model: str, name: str) -> str:
        if not isinstance(theirs, dict):
            return "n/a"
        return f"{theirs[model][name]:.4f}"

    their_bgnbd_ll = their_gg_ll = "n/a"
    if isinstance(theirs, dict):
        p = theirs["bgnbd"]
        # lifetimes reports a rescaled mean likelihood; evaluate the paper's LL at its estimates.
        their_bgnbd_ll = (
            f"{reorder.bgnbd_log_likelihood(p['r'], p['alpha'], p['a'], p['b'], x, t_x, T):.2f}"
        )
        their_gg_ll = f"{-theirs['gg_mean_nll'] * theirs['gg_n']:.2f}"

    rows = [
        "| model | parameter | published | ExportDesk | rel. diff | lifetimes |",
        "|---|---|---|---|---|---|",
    ]
    for name in ("r", "alpha", "a", "b"):
        ours = getattr(bgnbd, name)
        published = PUBLISHED_BGNBD[name]
        rows.append(
            f"| BG/NBD | {name} | {published} | {ours:.4f} | "
            f"{abs(ours - published) / published:.2%} | {their('bgnbd', name)} |"
        )
    rows.append(
        f"| BG/NBD | log-likelihood | {PUBLISHED_BGNBD['ll']} | {bgnbd.ll:.2f} | "
        f"{abs(bgnbd.ll - PUBLISHED_BGNBD['ll']) / 9582.4:.3%} | {their_bgnbd_ll} |"
    )
    for name, their_name in (("p", "p"), ("q", "q"), ("gamma", "v")):
        ours = getattr(gg, name)
        published = PUBLISHED_GG[name]
        rows.append(
            f"| Gamma-Gamma | {name} | {published} | {ours:.4f} | "
            f"{abs(ours - published) / published:.2%} | {their('gg', their_name)} |"
        )
    rows.append(
        f"| Gamma-Gamma | log-likelihood | {PUBLISHED_GG['ll']} | {gg.ll:.2f} | "
        f"{abs(gg.ll - PUBLISHED_GG['ll']) / 4055.92:.3%} | {their_gg_ll} |"
    )

    def speed(ours: float, key: str) -> str:
        if not isinstance(theirs, dict):
            return f"| {ours * 1000:.1f} | n/a | n/a |"
        return f"| {ours * 1000:.1f} | {theirs[key] * 1000:.1f} | {theirs[key] / ours:.1f}× |"

    version = f"lifetimes {theirs['version']}" if isinstance(theirs, dict) else str(theirs)
    timing = [
        "",
        f"Fit and prediction times on CDNOW (median of {REPEATS} runs, ms; {version}):",
        "",
        "| work | ExportDesk ms | lifetimes ms | speed-up |",
        "|---|---|---|---|",
        "| BG/NBD fit, 2,357 customers " + speed(bgnbd_time, "bgnbd_time"),
        "| Gamma-Gamma fit, 946 repeat buyers " + speed(gg_time, "gg_time"),
        "| P(alive) + E[Y(39 wk)] + E[order value], all customers "
        + speed(predict_time, "predict_time"),
    ]
    intro = [
        "**CDNOW** (`cdnow_customers_summary*.csv`, 2,357 customers, weeks; published values from "
        "Fader, Hardie & Lee 2005 and Fader & Hardie 2013"
        + (", lifetimes in its own virtualenv)." if have_lifetimes else f"; {theirs}).")
        + f" BG/NBD converged: {bgnbd.converged}, Gamma-Gamma converged: {gg.converged}.",
        "",
    ]
    return intro + rows + timing


def _transactions_section(theirs: dict[str, Any] | str) -> list[str]:
    sample = _read_transactions("CDNOW_sample.txt", id_column=1)
    summary, build_time = _median_time(
        lambda: reorder.build_summary(sample, CALIBRATION_END, unit="weeks")
    )
    reference = _read_csv("cdnow_customers_summary_with_transactions.csv")
    order = np.argsort(summary.ids.astype(int))
    worst = max(
        float(np.abs(summary.frequency[order] - reference["x"]).max()),
        float(np.abs(summary.recency[order] - reference["t_x"]).max()),
        float(np.abs(summary.T[order] - reference["T"]).max()),
        float(np.abs(summary.monetary_value[order] - reference["zbar"]).max()),
    )
    forecast = reorder.predict_reorders(summary, horizon_days=HOLDOUT_WEEKS * 7)
    # Actual repeat purchases in the hold-out: distinct order days after the calibration end.
    cohort = set(summary.ids.tolist())
    holdout_days = {
        (buyer, when)
        for buyer, when, _ in sample
        if CALIBRATION_END < when <= HOLDOUT_END and buyer in cohort
    }
    actual = len(holdout_days)
    predicted = float(np.nansum(forecast.expected_orders))
    their_holdout = (
        f" (lifetimes on the summary file: {theirs['holdout_expected']:,.1f})"
        if isinstance(theirs, dict)
        else ""
    )

    master = _read_transactions("CDNOW_master.txt", id_column=0)
    master_summary, master_build = _median_time(
        lambda: reorder.build_summary(master, CALIBRATION_END, unit="weeks"), repeats=3
    )
    master_forecast, master_predict = _median_time(
        lambda: reorder.predict_reorders(master_summary, horizon_days=HOLDOUT_WEEKS * 7),
        repeats=3,
    )
    fit = master_forecast.bgnbd
    fit_text = (
        f"r={fit.r:.3f}, α={fit.alpha:.3f}, a={fit.a:.3f}, b={fit.b:.3f}, LL={fit.ll:.1f}"
        if fit is not None
        else "not fitted"
    )
    master_actual = len(
        {(buyer, when) for buyer, when, _ in master if CALIBRATION_END < when <= HOLDOUT_END}
    )
    return [
        "",
        "**From transactions.** `build_summary` on CDNOW_sample.txt "
        f"({len(sample):,} transactions, {len(summary):,} customers) took "
        f"{build_time * 1000:.1f} ms and matches the published summary file to "
        f"{worst:.4f} (the file rounds to 2 decimals). Over the 39-week hold-out "
        f"(1997-10-01 to 1998-06-30) `predict_reorders` expects {predicted:,.1f} repeat "
        f"purchase days{their_holdout}; the customers made {actual:,}.",
        "",
        f"CDNOW_master.txt ({len(master):,} transactions, {len(master_summary):,} customers): "
        f"summary {master_build * 1000:.0f} ms, fit + predict {master_predict * 1000:.0f} ms "
        f"({fit_text}); hold-out expected "
        f"{float(np.nansum(master_forecast.expected_orders)):,.0f} vs actual {master_actual:,}.",
    ]


def _simulated_section() -> list[str]:
    n = SIMULATED_BUYERS
    truth = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    money_truth = {"p": 6.25, "q": 3.74, "gamma": 15.44}
    # Customers join over the first 12 weeks of a 39-week calibration period, as in CDNOW.
    T = np.random.default_rng(2024).uniform(27.0, 39.0, n)
    x, t_x, T = reorder.simulate_bgnbd(n, **truth, T=T, seed=2024)
    z_bar = reorder.simulate_gamma_gamma(x, **money_truth, seed=2024)
    summary = reorder.PurchaseSummary.from_arrays(
        x, t_x, T, z_bar, calibration_end=date(2025, 1, 1)
    )

    bgnbd, bgnbd_time = _median_time(lambda: reorder.fit_bgnbd(x, t_x, T), repeats=3)
    gg, gg_time = _median_time(lambda: reorder.fit_gamma_gamma(x, z_bar), repeats=3)

    def predict() -> None:
        bgnbd.probability_alive(x, t_x, T)
        bgnbd.expected_purchases(4.0, x, t_x, T)
        bgnbd.median_time_to_next_purchase(x, T)
        gg.expected_order_value(x, z_bar)

    _, predict_time = _median_time(predict, repeats=3)
    forecast, end_to_end = _median_time(
        lambda: reorder.predict_reorders(summary, horizon_days=28), repeats=3
    )
    labels, counts = np.unique(forecast.method, return_counts=True)
    methods = ", ".join(f"{label} {count:,}" for label, count in zip(labels, counts, strict=True))
    rows = [
        "",
        f"**{n:,} simulated buyers** (BG/NBD and Gamma-Gamma with the CDNOW parameters; "
        f"{int((x > 0).sum()):,} repeat buyers; median of 3 runs). "
        f"Target: fit + predict < 5 s.",
        "",
        "| work | seconds |",
        "|---|---|",
        f"| BG/NBD fit | {bgnbd_time:.2f} |",
        f"| Gamma-Gamma fit | {gg_time:.2f} |",
        f"| predictions (P(alive), E[Y(4 wk)], next-order wait, E[order value]) | "
        f"{predict_time:.2f} |",
        f"| fit + predict total | {bgnbd_time + gg_time + predict_time:.2f} |",
        f"| `predict_reorders` end to end (both fits, fallbacks, dates, reasons) | "
        f"{end_to_end:.2f} |",
        "",
        "| parameter | true | recovered |",
        "|---|---|---|",
    ]
    for name, value in truth.items():
        rows.append(f"| {name} | {value} | {getattr(bgnbd, name):.3f} |")
    for name, value in money_truth.items():
        rows.append(f"| {name} | {value} | {getattr(gg, name):.3f} |")
    rows += ["", f"Methods used: {methods}."]
    return rows


def run() -> list[str]:
    """Run the reorder benchmarks; return Markdown lines."""
    theirs = _lifetimes(HOLDOUT_WEEKS)
    lines = _cdnow_section(theirs) + _transactions_section(theirs) + _simulated_section()
    for line in lines:
        print(line, flush=True)
    return lines


if __name__ == "__main__":
    run()
