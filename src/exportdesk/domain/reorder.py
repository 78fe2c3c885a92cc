"""Reorder prediction: BG/NBD for "when and how often", Gamma-Gamma for "how much".

The models
----------
* **BG/NBD** (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way", Marketing
  Science 24(2)): while alive, a buyer orders as a Poisson process with rate λ ~ Gamma(r, α);
  after every repeat order the buyer drops out with probability p ~ Beta(a, b).
* **Gamma-Gamma** (Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value", note 025):
  order values of a buyer are Gamma(p, ν) around the buyer's own mean, ν ~ Gamma(q, γ); fitted on
  repeat buyers only, on the average of their repeat orders.

Both are fitted by maximum likelihood in log-parameter space (BFGS, analytic gradients),
vectorised over buyers, and reproduce the published CDNOW estimates (tests/domain/test_reorder.py).

The data: a ``PurchaseSummary`` per buyer
-----------------------------------------
``frequency`` x is the number of *repeat* order days, ``recency`` t_x the time from the first to
the last order, ``T`` the time from the first order to the end of the calibration period,
``monetary_value`` the mean value of the repeat orders (the first order is left out, the
Gamma-Gamma convention used by the papers and by ``lifetimes``). Orders of one buyer on one
calendar day are one order (amounts summed): a split shipment or an invoice amended the same day
is not a reorder.

Time unit: **weeks** by default (the unit of the CDNOW data the published estimates use; a
B2B reorder cycle of a few weeks gives well-scaled parameters), ``"days"`` on request. Times are
whole days divided by the unit, so "weeks" means days / 7, not calendar weeks.

When to trust the model
-----------------------
``predict_reorders`` fits BG/NBD only when there is enough history (``MIN_BUYERS`` buyers and
``MIN_REPEAT_BUYERS`` repeat buyers, orders spread over more than one day) and uses the fit only
when the optimiser converged to an interior point. Otherwise every buyer with at least two order
days gets the "own cycle" forecast (next order = last order + the buyer's median gap between
orders) and the rest are marked "insufficient_history"; each result carries a sentence saying
why.

Pure core: numpy and scipy only, no Django (DESIGN.md, rule 1).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize, special

FloatArray = NDArray[np.float64]
TimeUnit = Literal["weeks", "days"]
DAYS_PER_UNIT: dict[str, float] = {"weeks": 7.0, "days": 1.0}

# Below these counts the BG/NBD estimates are mostly noise: four parameters need a few dozen
# buyers, and the dropout parameters (a, b) are learnt only from buyers who ordered again.
MIN_BUYERS = 20
MIN_REPEAT_BUYERS = 5

# The optimiser searches log-parameters in [-LOG_BOUND, LOG_BOUND] (times and money rescaled to
# order 1 first). A solution this close to the edge is a runaway, not an estimate.
LOG_BOUND = 10.0
EDGE_MARGIN = 0.5
RUNAWAY_ITERATIONS = 5
# a → 0 means "nobody ever drops out": BG/NBD collapses to the NBD and P(alive) is always ~1,
# which would tell a seller every silent buyer is still active.
MIN_DROPOUT_A = 1e-3

METHOD_BGNBD = "bgnbd"
METHOD_OWN_CYCLE = "own_cycle"
METHOD_INSUFFICIENT = "insufficient_history"
VALUE_GAMMA_GAMMA = "gamma_gamma"
VALUE_OWN_AVERAGE = "own_average"

NOT_A_DATE = np.datetime64("NaT", "D")
# A BG/NBD "next order" further out than this is shown as no date: for a slow buyer the model
# honestly says "in 12 years", which reads as nonsense on a follow-up screen.
MAX_WAIT_DAYS = 365.0


# --------------------------------------------------------------------------------------------
# Summary: orders → (frequency, recency, T, monetary value)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class PurchaseSummary:
    """Per-buyer purchase history in the shape the models take (arrays aligned by buyer).

    ``median_gap`` is the median time between consecutive order days (NaN with one order day),
    ``mean_order_value`` the mean over all order days including the first (the value fallback),
    ``calibration_end`` the last day the history covers (needed to turn times into dates).
    """

    ids: NDArray[Any]
    frequency: FloatArray
    recency: FloatArray
    T: FloatArray
    monetary_value: FloatArray
    mean_order_value: FloatArray
    median_gap: FloatArray
    unit: TimeUnit = "weeks"
    calibration_end: date | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def days_per_unit(self) -> float:
        """Days in one time unit (7 for weeks, 1 for days)."""
        return DAYS_PER_UNIT[self.unit]

    @classmethod
    def from_arrays(
        cls,
        frequency: ArrayLike,
        recency: ArrayLike,
        T: ArrayLike,
        monetary_value: ArrayLike | None = None,
        *,
        ids: ArrayLike | None = None,
        unit: TimeUnit = "weeks",
        calibration_end: date | None = None,
    ) -> PurchaseSummary:
        """Wrap ready-made summary columns (e.g. the CDNOW file), validating them.

        Without the order dates the median gap is unknown, so the mean gap t_x / x stands in for
        it, and the mean order value is the repeat-order mean (NaN for one-order buyers).
        """
        if unit not in DAYS_PER_UNIT:
            raise ValueError(f"unit must be 'weeks' or 'days', not {unit!r}")
        x, t_x, t_cal = _validated_rft(frequency, recency, T)
        money = np.zeros_like(x) if monetary_value is None else _float_array(monetary_value)
        if money.shape != x.shape:
            raise ValueError("monetary_value must have one value per buyer")
        with np.errstate(divide="ignore", invalid="ignore"):
            mean_gap = np.where(x > 0, t_x / np.maximum(x, 1), np.nan)
        buyer_ids = np.arange(len(x)) if ids is None else np.asarray(ids, dtype=object)
        if len(buyer_ids) != len(x):
            raise ValueError("ids must have one value per buyer")
        mean_order_value = np.where(x > 0, money, np.nan)
        return cls(
            buyer_ids, x, t_x, t_cal, money, mean_order_value, mean_gap, unit, calibration_end
        )


def _as_day(value: date | datetime) -> date:
    # A datetime counts on its own calendar date; callers convert to the workspace timezone
    # first, because "same day" is a business-day notion, not a UTC one.
    return value.date() if isinstance(value, datetime) else value


def build_summary(
    orders: Iterable[tuple[Hashable, date | datetime, float]],
    calibration_end: date | datetime,
    *,
    unit: TimeUnit = "weeks",
) -> PurchaseSummary:
    """Summarise ``(buyer_id, date or datetime, amount)`` orders up to ``calibration_end``.

    Orders after ``calibration_end`` are ignored (they belong to the hold-out period). A buyer's
    orders on one calendar day merge into one order whose amount is their sum. Per buyer, with
    times in ``unit`` (weeks = days / 7, as in CDNOW):

    * frequency: number of order days minus one (repeat purchases),
    * recency: last order day minus first order day,
    * T: ``calibration_end`` minus first order day,
    * monetary_value: mean amount of the repeat order days (0 for one-order buyers),
    * median_gap: median gap between consecutive order days (NaN for one-order buyers).

    Buyers appear in the order of their first appearance in ``orders``.
    """
    if unit not in DAYS_PER_UNIT:
        raise ValueError(f"unit must be 'weeks' or 'days', not {unit!r}")
    end_day = _as_day(calibration_end)
    end_ordinal = end_day.toordinal()
    code_of: dict[Hashable, int] = {}
    codes: list[int] = []
    days: list[int] = []
    amounts: list[float] = []
    for buyer_id, when, order_amount in orders:
        ordinal = _as_day(when).toordinal()
        if ordinal > end_ordinal:
            continue
        codes.append(code_of.setdefault(buyer_id, len(code_of)))
        days.append(ordinal)
        amounts.append(float(order_amount))
    n_buyers = len(code_of)
    ids = np.empty(n_buyers, dtype=object)
    ids[:] = list(code_of)
    if not n_buyers:
        empty = np.zeros(0)
        return PurchaseSummary(ids, empty, empty, empty, empty, empty, empty, unit, end_day)

    code = np.asarray(codes, dtype=np.int64)
    day = np.asarray(days, dtype=np.int64)
    amount = np.asarray(amounts, dtype=np.float64)
    order = np.lexsort((day, code))
    code, day, amount = code[order], day[order], amount[order]

    # One row per (buyer, day): same-day orders merge, amounts add up.
    new_day = np.ones(len(code), dtype=bool)
    new_day[1:] = (code[1:] != code[:-1]) | (day[1:] != day[:-1])
    day_starts = np.flatnonzero(new_day)
    day_code, day_ordinal = code[day_starts], day[day_starts]
    day_amount = np.add.reduceat(amount, day_starts)

    # Codes are 0..n-1 and every code has at least one day, so group starts follow from counts.
    days_per_buyer = np.bincount(day_code, minlength=n_buyers)
    first_idx = np.concatenate(([0], np.cumsum(days_per_buyer)[:-1]))
    last_idx = first_idx + days_per_buyer - 1
    first_day = day_ordinal[first_idx]
    frequency = (days_per_buyer - 1).astype(np.float64)
    unit_days = DAYS_PER_UNIT[unit]
    recency = (day_ordinal[last_idx] - first_day) / unit_days
    T = (end_ordinal - first_day) / unit_days
    total = np.add.reduceat(day_amount, first_idx)
    repeat_total = total - day_amount[first_idx]
    monetary = np.where(frequency > 0, repeat_total / np.maximum(frequency, 1), 0.0)
    mean_order_value = total / days_per_buyer

    median_gap = _median_gap(day_code, day_ordinal, n_buyers) / unit_days
    return PurchaseSummary(
        ids, frequency, recency, T, monetary, mean_order_value, median_gap, unit, end_day
    )


def _median_gap(day_code: NDArray[np.int64], day_ordinal: NDArray[np.int64], n: int) -> FloatArray:
    """Median gap in days between consecutive order days of each buyer, NaN with one day.

    Rows are sorted by (buyer, day); gaps are sorted within each buyer and the middle one or two
    picked by index arithmetic, so there is no Python loop over buyers.
    """
    same_buyer = day_code[1:] == day_code[:-1]
    gap_code = day_code[1:][same_buyer]
    gap = (day_ordinal[1:] - day_ordinal[:-1])[same_buyer].astype(np.float64)
    order = np.lexsort((gap, gap_code))
    gap = gap[order]
    count = np.bincount(gap_code, minlength=n)
    start = np.concatenate(([0], np.cumsum(count)[:-1]))
    has_gap = count > 0
    lower = start + (count - 1) // 2
    upper = start + count // 2
    result = np.full(n, np.nan)
    result[has_gap] = (gap[lower[has_gap]] + gap[upper[has_gap]]) / 2.0
    return result


def _float_array(values: ArrayLike) -> FloatArray:
    return np.atleast_1d(np.asarray(values, dtype=np.float64))


def _validated_rft(
    frequency: ArrayLike, recency: ArrayLike, T: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Check (x, t_x, T): same length, finite, x whole ≥ 0, 0 ≤ t_x ≤ T, t_x = 0 when x = 0."""
    x, t_x, t_cal = _float_array(frequency), _float_array(recency), _float_array(T)
    if not (x.shape == t_x.shape == t_cal.shape) or x.ndim != 1:
        raise ValueError("frequency, recency and T must be 1-d arrays of the same length")
    if not (np.isfinite(x).all() and np.isfinite(t_x).all() and np.isfinite(t_cal).all()):
        raise ValueError("frequency, recency and T must be finite")
    if (x < 0).any() or (x != np.round(x)).any():
        raise ValueError("frequency must be a whole number ≥ 0")
    # A little slack: summaries read from CSV files carry rounded times (CDNOW has 2 decimals).
    if (t_x < 0).any() or (t_x > t_cal + 1e-9).any():
        raise ValueError("recency must lie between 0 and T")
    if ((x == 0) & (t_x > 0)).any():
        raise ValueError("recency must be 0 for buyers without repeat purchases")
    return x, t_x, t_cal


def _time_scale(T: FloatArray) -> float:
    # Fitting in units where the typical T is ~1 keeps α near 1 and the search box meaningful
    # whatever the time unit; the scale is undone before the parameters are reported.
    positive = T[T > 0]
    return float(positive.mean()) if positive.size else 1.0


def _at_edge(theta: FloatArray) -> bool:
    return bool((np.abs(theta) > LOG_BOUND - EDGE_MARGIN).any())


def _minimise(objective: Any, theta0: FloatArray) -> tuple[FloatArray, float, bool, str]:
    """Minimise ``objective(theta) -> (value, gradient)`` over the box |theta| ≤ LOG_BOUND.

    BFGS with the analytic gradient on u, where theta = LOG_BOUND · tanh(u / LOG_BOUND): the
    map is close to the identity where estimates live and saturates at the box edge, so a
    runaway parameter stops there with a vanishing gradient instead of overflowing exp().
    Not L-BFGS-B: scipy's implementation calls multi-threaded OpenBLAS for its tiny matrices,
    which on a busy 2-core machine made a 15 ms fit take 200 ms. When BFGS stops short (it
    often reports "precision loss" at an optimum that is flat to machine precision), a small
    gradient still counts as converged, and otherwise a short Nelder-Mead run settles the rest
    unless a parameter has run to the edge.
    """

    def to_theta(u: FloatArray) -> FloatArray:
        return LOG_BOUND * np.tanh(u / LOG_BOUND)

    def on_u(u: FloatArray) -> tuple[float, FloatArray]:
        value, gradient = objective(to_theta(u))
        return value, gradient * (1.0 - np.tanh(u / LOG_BOUND) ** 2)

    iterations_at_edge = 0

    def stop_runaways(intermediate_result: optimize.OptimizeResult) -> None:
        # A parameter that stays at the edge is running away along a flat ridge (e.g. a → 0
        # when nobody drops out); each further step costs a full pass over the buyers.
        nonlocal iterations_at_edge
        iterations_at_edge = (
            iterations_at_edge + 1 if _at_edge(to_theta(intermediate_result.x)) else 0
        )
        if iterations_at_edge >= RUNAWAY_ITERATIONS:
            raise StopIteration

    u0 = LOG_BOUND * np.arctanh(np.clip(theta0, -LOG_BOUND + 1, LOG_BOUND - 1) / LOG_BOUND)
    result = optimize.minimize(
        on_u,
        u0,
        jac=True,
        method="BFGS",
        callback=stop_runaways,
        options={"maxiter": 1000, "gtol": 1e-7},
    )
    theta, value = to_theta(np.asarray(result.x, dtype=np.float64)), float(result.fun)
    gradient = np.asarray(objective(theta)[1])
    converged = bool(result.success) or bool(np.max(np.abs(gradient)) < 1e-6)
    message = str(result.message)
    # A parameter at the edge is a runaway that the caller rejects anyway; polishing it would
    # only spend 1,000 more evaluations walking along a flat ridge.
    if not converged and not _at_edge(theta):
        polish = optimize.minimize(
            lambda u: objective(to_theta(u))[0],
            result.x,
            method="Nelder-Mead",
            options={"maxiter": 600, "maxfev": 800, "xatol": 1e-8, "fatol": 1e-12},
        )
        if polish.fun <= value:
            theta, value = to_theta(np.asarray(polish.x, dtype=np.float64)), float(polish.fun)
        converged = bool(polish.success)
        message = f"BFGS: {message}; Nelder-Mead: {polish.message}"
    return theta, value, converged, message


# --------------------------------------------------------------------------------------------
# BG/NBD
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BGNBDFit:
    """Maximum-likelihood BG/NBD parameters (times in the summary's unit).

    ``ll`` is the full log-likelihood (FHL 2005, eq. 6, summed over buyers), ``n`` the number of
    buyers, ``problem`` ``None`` when the fit is usable, else a sentence saying why not.
    """

    r: float
    alpha: float
    a: float
    b: float
    ll: float
    n: int
    converged: bool
    problem: str | None = None
    message: str = ""

    def probability_alive(
        self, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike
    ) -> FloatArray:
        """P(alive | x, t_x, T) (Fader, Hardie & Lee 2008 note "Computing P(alive) using the
        BG/NBD model"): 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).

        A buyer with no repeat purchase is alive by construction (dropout can only follow a
        repeat purchase), so P = 1 for x = 0.
        """
        x, t_x, t_cal = _validated_rft(frequency, recency, T)
        return _p_alive(self.r, self.alpha, self.a, self.b, x, t_x, t_cal)

    def expected_purchases(
        self, t: float | ArrayLike, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike
    ) -> FloatArray:
        """E[Y(t) | x, t_x, T]: expected purchases in the next t time units (FHL 2005, eq. 10).

        E = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z)]
            · P(alive),  z = t/(α+T+t).

        Euler's transformation ₂F₁(A,B;C;z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z) turns the
        bracket into 1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z), whose first two arguments do
        not grow with x: no overflow for heavy buyers and a fast-converging series.
        """
        x, t_x, t_cal = _validated_rft(frequency, recency, T)
        horizon = np.broadcast_to(_float_array(t), x.shape)
        return _expected_purchases(self.r, self.alpha, self.a, self.b, horizon, x, t_x, t_cal)

    def median_time_to_next_purchase(self, frequency: ArrayLike, T: ArrayLike) -> FloatArray:
        """Median wait from T to the next purchase, *given the buyer is still alive*.

        Alive, the buyer's rate has posterior Gamma(r+x, α+T) (FHL 2005, section 3), so the wait
        is Lomax: P(wait > w) = ((α+T)/(α+T+w))^(r+x), median (α+T)(2^(1/(r+x)) − 1). Read it
        together with P(alive): a buyer who has probably left will not order at all.
        """
        x, t_cal = _float_array(frequency), _float_array(T)
        return (self.alpha + t_cal) * np.expm1(np.log(2.0) / (self.r + x))


def _p_alive(
    r: float, alpha: float, a: float, b: float, x: FloatArray, t_x: FloatArray, T: FloatArray
) -> FloatArray:
    # In log space: ((α+T)/(α+t_x))^(r+x) overflows for long-silent heavy buyers.
    with np.errstate(divide="ignore"):
        log_odds_dead = (
            np.log(a)
            - np.log(b + np.maximum(x, 1) - 1)
            + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x))
        )
    return np.where(x > 0, special.expit(-log_odds_dead), 1.0)


def _expected_purchases(
    r: float,
    alpha: float,
    a: float,
    b: float,
    t: FloatArray,
    x: FloatArray,
    t_x: FloatArray,
    T: FloatArray,
) -> FloatArray:
    if abs(a - 1.0) < 1e-7:
        # (a+b+x−1)/(a−1) · [1 − (1−z)^(a−1) F] is 0/0 at a = 1; the limit is continuous, so
        # step just off it rather than carry a second formula.
        a = 1.0 + 1e-7
    c = a + b + x - 1.0
    z = t / (alpha + T + t)
    hyp = special.hyp2f1(a + b - 1.0 - r, a - 1.0, c, z)
    bracket = 1.0 - np.exp((a - 1.0) * np.log1p(-z)) * hyp
    return (c / (a - 1.0)) * bracket * _p_alive(r, alpha, a, b, x, t_x, T)


def _sum_product(a: FloatArray, b: FloatArray) -> float:
    """Σ a·b without BLAS: OpenBLAS threads a long dot product, and its worker threads then
    spin and steal the second core from the rest of the evaluation (3× slower fits measured on
    a busy 2-core machine). einsum's own loop is as fast single-threaded."""
    return float(np.einsum("i,i->", a, b))


class _BGNBDLikelihood:
    """Mean negative log-likelihood of FHL 2005 eq. 6 and its gradient in log-parameters.

    Terms that depend on x only (lnΓ(r+x), B(a, b+x), ...) are computed once per distinct x
    and gathered, so the per-buyer work is two logs and a log-sum-exp per evaluation.
    """

    def __init__(self, x: FloatArray, t_x: FloatArray, T: FloatArray) -> None:
        self.n = len(x)
        self.ux, self.inverse, counts = np.unique(x, return_inverse=True, return_counts=True)
        self.counts = counts.astype(np.float64)
        self.x, self.t_x, self.T = x, t_x, T
        self.repeat = x > 0
        self.ux_repeat = self.ux > 0
        self.b_shift = np.maximum(x, 1) - 1.0  # b + x − 1 for repeat buyers

    def __call__(self, theta: FloatArray) -> tuple[float, FloatArray]:
        r, alpha, a, b = np.exp(theta)
        ux, inv, counts = self.ux, self.inverse, self.counts
        psi = special.digamma
        beta_ab = special.betaln(a, b)

        # ln A1 = lnΓ(r+x) − lnΓ(r) + r ln α          (the NBD part, x only)
        log_a1 = special.gammaln(r + ux) - special.gammaln(r) + r * np.log(alpha)
        # ln B(a, b+x)/B(a, b) and ln B(a+1, b+x−1)/B(a, b) (the dropout part, x only)
        log_stay = special.betaln(a, b + ux) - beta_ab
        log_drop = np.where(
            self.ux_repeat, special.betaln(a + 1.0, b + np.maximum(ux, 1) - 1.0) - beta_ab, -np.inf
        )
        rx = r + self.x
        log_alpha_T = np.log(alpha + self.T)
        log_alpha_tx = np.log(alpha + self.t_x)
        term_stay = log_stay[inv] - rx * log_alpha_T
        term_drop = log_drop[inv] - rx * log_alpha_tx
        log_sum = np.logaddexp(term_stay, term_drop)
        ll = float(_sum_product(counts, log_a1) + log_sum.sum())

        # Share of each buyer's likelihood that comes from "dropped out after t_x".
        w_drop = np.exp(term_drop - log_sum)
        w_stay = 1.0 - w_drop
        digamma_abx = psi(a + b + ux)
        d_r = (
            _sum_product(counts, psi(r + ux) - psi(r))
            + self.n * np.log(alpha)
            - _sum_product(w_stay, log_alpha_T)
            - _sum_product(w_drop, log_alpha_tx)
        )
        d_alpha = self.n * r / alpha - _sum_product(
            rx, w_stay / (alpha + self.T) + w_drop / (alpha + self.t_x)
        )
        d_a = _sum_product(counts, psi(a + b) - digamma_abx) + w_drop.sum() / a
        d_b = _sum_product(counts, psi(b + ux) - psi(b) + psi(a + b) - digamma_abx) - _sum_product(
            w_drop[self.repeat], 1.0 / (b + self.b_shift[self.repeat])
        )
        gradient = np.array([d_r * r, d_alpha * alpha, d_a * a, d_b * b])
        if not np.isfinite(ll):
            return np.inf, np.zeros(4)
        return -ll / self.n, -gradient / self.n


def bgnbd_log_likelihood(
    r: float,
    alpha: float,
    a: float,
    b: float,
    frequency: ArrayLike,
    recency: ArrayLike,
    T: ArrayLike,
) -> float:
    """Total BG/NBD log-likelihood at the given parameters (FHL 2005, eq. 6)."""
    x, t_x, t_cal = _validated_rft(frequency, recency, T)
    if not len(x):
        return 0.0
    theta = np.log([r, alpha, a, b])
    return -_BGNBDLikelihood(x, t_x, t_cal)(theta)[0] * len(x)


def fit_bgnbd(frequency: ArrayLike, recency: ArrayLike, T: ArrayLike) -> BGNBDFit:
    """Fit BG/NBD by maximum likelihood (FHL 2005, section 4, eq. 6).

    Optimises log(r, α, a, b) with BFGS and the analytic gradient, after rescaling time so
    the mean T is 1; starts from r = α = a = b = 1 in those units. Never raises on valid but
    degenerate data: the returned ``problem`` says whether the estimates can be used.
    """
    x, t_x, t_cal = _validated_rft(frequency, recency, T)
    n = len(x)
    if n == 0:
        nan = float("nan")
        return BGNBDFit(nan, nan, nan, nan, nan, 0, False, "there are no buyers to fit")
    scale = _time_scale(t_cal)
    scaled = _BGNBDLikelihood(x, t_x / scale, t_cal / scale)
    theta, _, converged, message = _minimise(scaled, np.zeros(4))
    r, alpha_scaled, a, b = (float(v) for v in np.exp(theta))
    alpha = alpha_scaled * scale
    ll = bgnbd_log_likelihood(r, alpha, a, b, x, t_x, t_cal)
    problem = _bgnbd_problem(theta, r, alpha, a, b, ll, converged, message)
    if not (x > 0).any():
        # Without a repeat purchase the likelihood is flat in a and b and maximised as r → 0:
        # the optimiser stops "successfully" at numbers that mean nothing.
        problem = "no buyer ordered more than once, so the BG/NBD model cannot be estimated"
    return BGNBDFit(r, alpha, a, b, ll, n, converged, problem, message)


def _bgnbd_problem(
    theta: FloatArray,
    r: float,
    alpha: float,
    a: float,
    b: float,
    ll: float,
    converged: bool,
    message: str,
) -> str | None:
    values = {"r": r, "alpha": alpha, "a": a, "b": b}
    if not all(np.isfinite(v) for v in [*values.values(), ll]):
        return "the BG/NBD fit produced non-finite numbers"
    if a < MIN_DROPOUT_A:
        return (
            f"the BG/NBD fit drove a to {a:.2g} (no sign of buyers dropping out), "
            "so it cannot tell a lapsed buyer from a slow one"
        )
    if _at_edge(theta):
        name = list(values)[int(np.argmax(np.abs(theta)))]
        return (
            f"the BG/NBD parameter {name} ran to the edge of its range ({values[name]:.3g}), "
            "so the history does not pin the model down"
        )
    if not converged:
        return f"the BG/NBD fit did not converge ({message})"
    return None


def simulate_bgnbd(
    n: int,
    *,
    r: float,
    alpha: float,
    a: float,
    b: float,
    T: float | ArrayLike,
    seed: int | None = None,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Draw (frequency, recency, T) for ``n`` buyers from the BG/NBD generative story.

    λ ~ Gamma(r, rate α), p ~ Beta(a, b); repeat purchases arrive as Poisson(λ) on (0, T] and
    after each one the buyer leaves with probability p, so x = min(K, N(T)) with K ~ Geometric(p)
    and N(T) ~ Poisson(λT). Given N(T) = m arrivals, they are m sorted uniforms on (0, T], so the
    x-th one is T · Beta(x, m − x + 1): exact and vectorised.
    """
    rng = np.random.default_rng(seed)
    t_cal = np.broadcast_to(_float_array(T), (n,)).astype(np.float64)
    rate = rng.gamma(r, 1.0 / alpha, size=n)
    dropout = rng.beta(a, b, size=n)
    arrivals = rng.poisson(rate * t_cal)
    lifetime_purchases = rng.geometric(np.clip(dropout, 1e-12, 1.0))
    x = np.minimum(arrivals, lifetime_purchases)
    repeat = x > 0
    t_x = np.zeros(n)
    t_x[repeat] = t_cal[repeat] * rng.beta(x[repeat], arrivals[repeat] - x[repeat] + 1)
    return x.astype(np.float64), t_x, t_cal


# --------------------------------------------------------------------------------------------
# Gamma-Gamma
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GammaGammaFit:
    """Maximum-likelihood Gamma-Gamma parameters (p, q, γ) and log-likelihood over ``n`` repeat
    buyers; ``problem`` is ``None`` when the fit is usable."""

    p: float
    q: float
    gamma: float
    ll: float
    n: int
    converged: bool
    problem: str | None = None
    message: str = ""

    @property
    def population_mean(self) -> float:
        """Mean order value of a new buyer, E[Z] = p·γ/(q−1) (infinite unless q > 1)."""
        return self.p * self.gamma / (self.q - 1.0) if self.q > 1 else float("inf")

    def expected_order_value(self, frequency: ArrayLike, monetary_value: ArrayLike) -> FloatArray:
        """E[Z | x, z̄] = p(γ + x z̄)/(p x + q − 1) (Fader & Hardie 2013 note, eq. 5).

        A weighted mean of the population mean and the buyer's own repeat average, the weight
        on the own average growing with x; for x = 0 it is the population mean.
        """
        x = _float_array(frequency)
        z_bar = np.where(x > 0, _float_array(monetary_value), 0.0)
        return self.p * (self.gamma + x * z_bar) / (self.p * x + self.q - 1.0)


class _GammaGammaLikelihood:
    """Mean negative log-likelihood of z̄ given x (Fader & Hardie 2013) and its gradient.

    ln f(z̄ | p, q, γ, x) = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln z̄ + px ln x
                           − (px+q) ln(γ + x z̄).
    """

    def __init__(self, x: FloatArray, z_bar: FloatArray) -> None:
        self.n = len(x)
        self.x = x
        self.x_log_xz = x * (np.log(z_bar) + np.log(x))
        self.log_z = np.log(z_bar)
        self.x_z = x * z_bar
        self.log_x = np.log(x)

    def __call__(self, theta: FloatArray) -> tuple[float, FloatArray]:
        p, q, v = np.exp(theta)
        px = p * self.x
        log_v_xz = np.log(v + self.x_z)
        ll = (
            special.gammaln(px + q).sum()
            - special.gammaln(px).sum()
            - self.n * special.gammaln(q)
            + self.n * q * np.log(v)
            + _sum_product(px - 1.0, self.log_z)
            + _sum_product(px, self.log_x)
            - _sum_product(px + q, log_v_xz)
        )
        psi_pxq = special.digamma(px + q)
        d_p = _sum_product(self.x, psi_pxq - special.digamma(px) - log_v_xz) + self.x_log_xz.sum()
        d_q = psi_pxq.sum() - self.n * special.digamma(q) + self.n * np.log(v) - log_v_xz.sum()
        d_v = self.n * q / v - np.sum((px + q) / (v + self.x_z))
        if not np.isfinite(ll):
            return np.inf, np.zeros(3)
        gradient = np.array([d_p * p, d_q * q, d_v * v])
        return -float(ll) / self.n, -gradient / self.n


def _repeat_values(
    frequency: ArrayLike, monetary_value: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    x, money = _float_array(frequency), _float_array(monetary_value)
    if x.shape != money.shape:
        raise ValueError("frequency and monetary_value must have the same length")
    # Gamma-Gamma models positive spend of repeat buyers; refund-only or zero-value repeat
    # histories carry no information about order size and would make ln z̄ undefined.
    keep = (x > 0) & np.isfinite(money) & (money > 0)
    return x[keep], money[keep]


def gamma_gamma_log_likelihood(
    p: float, q: float, gamma: float, frequency: ArrayLike, monetary_value: ArrayLike
) -> float:
    """Total Gamma-Gamma log-likelihood over the repeat buyers (x > 0, z̄ > 0)."""
    x, z_bar = _repeat_values(frequency, monetary_value)
    if not len(x):
        return 0.0
    return -_GammaGammaLikelihood(x, z_bar)(np.log([p, q, gamma]))[0] * len(x)


def fit_gamma_gamma(frequency: ArrayLike, monetary_value: ArrayLike) -> GammaGammaFit:
    """Fit Gamma-Gamma by maximum likelihood on repeat buyers (x > 0, z̄ > 0).

    Buyers without repeat purchases are left out, as in the note: their z̄ is undefined.
    Money is rescaled so the mean z̄ is 1 (γ is scaled back), which makes the fit independent
    of the currency's size (won vs dollars).
    """
    x, z_bar = _repeat_values(frequency, monetary_value)
    n = len(x)
    if n == 0:
        nan = float("nan")
        return GammaGammaFit(nan, nan, nan, nan, 0, False, "there are no repeat buyers to fit")
    scale = float(z_bar.mean())
    theta, _, converged, message = _minimise(_GammaGammaLikelihood(x, z_bar / scale), np.zeros(3))
    p, q, v_scaled = (float(v) for v in np.exp(theta))
    gamma = v_scaled * scale
    ll = gamma_gamma_log_likelihood(p, q, gamma, x, z_bar)
    problem: str | None = None
    if not np.isfinite([p, q, gamma, ll]).all():
        problem = "the Gamma-Gamma fit produced non-finite numbers"
    elif _at_edge(theta):
        name = ("p", "q", "gamma")[int(np.argmax(np.abs(theta)))]
        problem = f"the Gamma-Gamma parameter {name} ran to the edge of its range"
    elif not converged:
        problem = f"the Gamma-Gamma fit did not converge ({message})"
    elif q <= 1.0:
        problem = f"the Gamma-Gamma fit has q = {q:.3g} ≤ 1, so the mean order value is undefined"
    return GammaGammaFit(p, q, gamma, ll, n, converged, problem, message)


def simulate_gamma_gamma(
    frequency: ArrayLike, *, p: float, q: float, gamma: float, seed: int | None = None
) -> FloatArray:
    """Draw each buyer's mean repeat-order value z̄ from the Gamma-Gamma story (0 when x = 0).

    ν ~ Gamma(q, rate γ); each order ~ Gamma(p, rate ν), so the mean of x orders is
    Gamma(px, rate νx).
    """
    rng = np.random.default_rng(seed)
    x = _float_array(frequency)
    nu = rng.gamma(q, 1.0 / gamma, size=len(x))
    shape = np.maximum(p * x, 1e-12)
    z_bar = rng.gamma(shape, 1.0 / (nu * np.maximum(x, 1.0)))
    return np.where(x > 0, z_bar, 0.0)


# --------------------------------------------------------------------------------------------
# The seller-facing forecast with fallbacks
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuyerReorder:
    """One buyer's forecast as plain Python values (see ``ReorderForecast``)."""

    buyer_id: Any
    method: str
    reason: str
    p_alive: float | None
    expected_orders: float | None
    expected_order_value: float | None
    expected_revenue: float | None
    next_order_date: date | None
    value_method: str
    # The reason as a stable code and its numbers ({"code": "own_cycle", "problem":
    # "few_buyers", ...}), so the app can say it in the seller's language.
    reason_code: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class ReorderForecast:
    """Per-buyer forecasts over ``horizon_days`` from ``today`` (arrays aligned with ``ids``).

    ``method`` is "bgnbd", "own_cycle" or "insufficient_history"; ``reason`` says in English why
    that method was used. ``p_alive`` is NaN unless the method is "bgnbd". ``next_order_date``
    is, for "bgnbd", the median date of the next order if the buyer is still alive (read it with
    ``p_alive``) and, for "own_cycle", last order + the buyer's median gap (may lie in the past:
    the reorder is overdue); NaT when unknown. ``value_method`` says where the expected order
    value comes from ("gamma_gamma" or "own_average").
    """

    ids: NDArray[Any]
    method: NDArray[np.str_]
    reason: NDArray[Any]
    p_alive: FloatArray
    expected_orders: FloatArray
    expected_order_value: FloatArray
    expected_revenue: FloatArray
    next_order_date: NDArray[np.datetime64]
    value_method: NDArray[np.str_]
    horizon_days: float
    today: date | None
    bgnbd: BGNBDFit | None
    gamma_gamma: GammaGammaFit | None
    model_reason: str
    # Per buyer, ``reason`` as a code with its numbers (see ``BuyerReorder.reason_code``).
    reason_code: NDArray[Any] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def rows(self) -> Iterator[BuyerReorder]:
        """Yield one ``BuyerReorder`` per buyer, NaN/NaT turned into ``None``."""

        def number(value: float) -> float | None:
            return float(value) if np.isfinite(value) else None

        for i in range(len(self.ids)):
            when = self.next_order_date[i]
            yield BuyerReorder(
                buyer_id=self.ids[i],
                method=str(self.method[i]),
                reason=str(self.reason[i]),
                p_alive=number(self.p_alive[i]),
                expected_orders=number(self.expected_orders[i]),
                expected_order_value=number(self.expected_order_value[i]),
                expected_revenue=number(self.expected_revenue[i]),
                next_order_date=None if np.isnat(when) else when.astype(date),
                value_method=str(self.value_method[i]),
                reason_code=(
                    dict(self.reason_code[i])
                    if self.reason_code is not None and self.reason_code[i]
                    else {}
                ),
            )


# Codes of the reasons a buyer's forecast falls back from the model (``reason_code["problem"]``).
PROBLEM_NO_BUYERS = "no_buyers"
PROBLEM_FEW_BUYERS = "few_buyers"
PROBLEM_SINGLE_DAY = "single_day"
PROBLEM_FEW_REPEAT = "few_repeat_buyers"
PROBLEM_FIT_FAILED = "fit_failed"
PROBLEM_NOT_FINITE = "not_finite"


def _summary_problem(
    summary: PurchaseSummary, min_buyers: int, min_repeat: int
) -> tuple[str, dict[str, Any]] | None:
    """Why the summary is too thin for BG/NBD: (English text, code and numbers), or None."""
    n = len(summary)
    repeat = int((summary.frequency > 0).sum())
    if n < min_buyers:
        return (
            f"only {n} buyer{'s' if n != 1 else ''} with orders, "
            f"fewer than the {min_buyers} the BG/NBD model needs",
            {"problem": PROBLEM_FEW_BUYERS, "buyers": n, "needed": min_buyers},
        )
    if float(summary.T.max()) == 0.0:
        return (
            "all orders fall on a single day, so there is no history over time to learn from",
            {"problem": PROBLEM_SINGLE_DAY},
        )
    if repeat < min_repeat:
        return (
            f"only {repeat} buyer{'s' if repeat != 1 else ''} ordered more than once, "
            f"fewer than the {min_repeat} repeat buyers the BG/NBD model needs",
            {"problem": PROBLEM_FEW_REPEAT, "repeat": repeat, "needed": min_repeat},
        )
    return None


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def predict_reorders(
    summary: PurchaseSummary,
    *,
    horizon_days: float,
    today: date | None = None,
    min_buyers: int = MIN_BUYERS,
    min_repeat_buyers: int = MIN_REPEAT_BUYERS,
    max_wait_days: float = MAX_WAIT_DAYS,
) -> ReorderForecast:
    """Forecast every buyer's reorders over the next ``horizon_days``; never raises on thin data.

    ``today`` defaults to the summary's calibration end. A later ``today`` ages every buyer
    (T grows by the difference) on the assumption that nobody ordered in between, so build the
    summary up to today when you have the orders.

    With enough history and a trustworthy fit: method "bgnbd" with P(alive) (FHL 2008 note),
    E[Y(t)] (FHL 2005 eq. 10) and the median next-order date given alive (NaT when that is
    more than ``max_wait_days`` away). Otherwise the buyer's own median order cycle
    ("own_cycle": next = last order + median gap, expected orders = horizon / median gap) or
    "insufficient_history" for one-order-day buyers. Expected order
    value comes from Gamma-Gamma (eq. 5 of the 2013 note) when it fits, else from the buyer's
    own average order; expected revenue = expected orders × expected order value.
    """
    if horizon_days < 0 or not np.isfinite(horizon_days):
        raise ValueError("horizon_days must be a finite number ≥ 0")
    n = len(summary)
    unit_days = summary.days_per_unit
    end = summary.calibration_end
    today = today if today is not None else end
    age = 0.0
    if today is not None and end is not None:
        if today < end:
            raise ValueError("today must not be before the summary's calibration end")
        age = (today - end).days / unit_days
    x, t_x = summary.frequency, summary.recency
    T = summary.T + age
    horizon = horizon_days / unit_days

    p_alive = np.full(n, np.nan)
    expected_orders = np.full(n, np.nan)
    next_date = np.full(n, NOT_A_DATE)
    method = np.full(n, METHOD_INSUFFICIENT, dtype="<U20")
    reason = np.empty(n, dtype=object)
    reason_code = np.empty(n, dtype=object)
    today_day = np.datetime64(today, "D") if today is not None else NOT_A_DATE

    fit: BGNBDFit | None = None
    thin = (
        _summary_problem(summary, min_buyers, min_repeat_buyers)
        if n
        else ("there are no buyers", {"problem": PROBLEM_NO_BUYERS})
    )
    problem, problem_code = thin if thin is not None else (None, {})
    if problem is None:
        fit = fit_bgnbd(x, t_x, T)
        problem = fit.problem
        problem_code = {"problem": PROBLEM_FIT_FAILED}
    if fit is not None and problem is None:
        repeat = int((x > 0).sum())
        with np.errstate(all="ignore"):
            alive = _p_alive(fit.r, fit.alpha, fit.a, fit.b, x, t_x, T)
            orders = _expected_purchases(
                fit.r, fit.alpha, fit.a, fit.b, np.full(n, horizon), x, t_x, T
            )
            wait_days = fit.median_time_to_next_purchase(x, T) * unit_days
        usable = (
            np.isfinite(alive) & np.isfinite(orders) & (orders >= -1e-9) & np.isfinite(wait_days)
        )
        method[usable] = METHOD_BGNBD
        p_alive[usable] = np.clip(alive[usable], 0.0, 1.0)
        expected_orders[usable] = np.maximum(orders[usable], 0.0)
        if today is not None:
            dated = usable & (wait_days <= max_wait_days)
            next_date[dated] = today_day + np.round(wait_days[dated]).astype("timedelta64[D]")
        reason[usable] = (
            f"BG/NBD fitted on {n} buyers ({repeat} repeat buyers): "
            f"r={fit.r:.3g}, α={fit.alpha:.3g}, a={fit.a:.3g}, b={fit.b:.3g}."
        )
        fitted_code = {
            "code": METHOD_BGNBD,
            "buyers": n,
            "repeat": repeat,
            "r": f"{fit.r:.3g}",
            "alpha": f"{fit.alpha:.3g}",
            "a": f"{fit.a:.3g}",
            "b": f"{fit.b:.3g}",
        }
        for i in np.flatnonzero(usable):
            reason_code[i] = fitted_code
        model_reason = f"BG/NBD fitted on {n} buyers ({repeat} repeat buyers)."
        fallback = ~usable
        fallback_problem = "the BG/NBD prediction for this buyer was not a finite number"
        problem_code = {"problem": PROBLEM_NOT_FINITE}
    else:
        model_reason = _capitalised(problem or "") + "."
        fallback = np.ones(n, dtype=bool)
        fallback_problem = problem or ""

    _own_cycle(
        summary,
        fallback,
        fallback_problem,
        horizon_days,
        method,
        reason,
        expected_orders,
        next_date,
    )
    gap_days = np.maximum(summary.median_gap * unit_days, 1.0)
    for i in np.flatnonzero(fallback):
        if method[i] == METHOD_OWN_CYCLE:
            reason_code[i] = {
                "code": METHOD_OWN_CYCLE,
                **problem_code,
                "days": round(float(gap_days[i])),
            }
        else:
            reason_code[i] = {"code": METHOD_INSUFFICIENT, **problem_code}

    order_value, value_method, gg = _order_values(summary, min_repeat_buyers)
    revenue = expected_orders * order_value
    return ReorderForecast(
        ids=summary.ids,
        method=method,
        reason=reason,
        p_alive=p_alive,
        expected_orders=expected_orders,
        expected_order_value=order_value,
        expected_revenue=revenue,
        next_order_date=next_date,
        value_method=value_method,
        horizon_days=float(horizon_days),
        today=today,
        bgnbd=fit,
        gamma_gamma=gg,
        model_reason=model_reason,
        reason_code=reason_code,
    )


def _own_cycle(
    summary: PurchaseSummary,
    fallback: NDArray[np.bool_],
    problem: str,
    horizon_days: float,
    method: NDArray[np.str_],
    reason: NDArray[Any],
    expected_orders: FloatArray,
    next_date: NDArray[np.datetime64],
) -> None:
    """Fill the fallback buyers in place: own median cycle where there is one, else nothing."""
    unit_days = summary.days_per_unit
    # Same-day orders are one order, so no real cycle is shorter than a day; summaries built
    # from arrays (mean gap t_x / x) can claim less, which would explode horizon / gap.
    gap_days = np.maximum(summary.median_gap * unit_days, 1.0)
    has_cycle = fallback & (summary.frequency > 0) & np.isfinite(gap_days)
    no_cycle = fallback & ~has_cycle
    lead = _capitalised(problem)
    method[has_cycle] = METHOD_OWN_CYCLE
    expected_orders[has_cycle] = horizon_days / gap_days[has_cycle]
    if summary.calibration_end is not None:
        end = np.datetime64(summary.calibration_end, "D")
        since_last_days = (summary.T - summary.recency) * unit_days
        # Dates only within a century: absurd times from hand-made arrays must not wrap around.
        dated = has_cycle & (since_last_days < 36_500) & (gap_days < 36_500)
        since_last = np.round(since_last_days[dated]).astype("timedelta64[D]")
        cycle = np.round(gap_days[dated]).astype("timedelta64[D]")
        next_date[dated] = end - since_last + cycle
    reason[has_cycle] = [
        f"{lead}; using this buyer's own median order cycle of {days:.0f} days."
        for days in gap_days[has_cycle]
    ]
    method[no_cycle] = METHOD_INSUFFICIENT
    reason[no_cycle] = (
        f"{lead}; this buyer has ordered on one day only, so there is no order cycle to measure."
    )


def _order_values(
    summary: PurchaseSummary, min_repeat_buyers: int
) -> tuple[FloatArray, NDArray[np.str_], GammaGammaFit | None]:
    """Expected order value per buyer: Gamma-Gamma when it fits, else the buyer's own mean."""
    n = len(summary)
    x, money = summary.frequency, summary.monetary_value
    value_method = np.full(n, VALUE_OWN_AVERAGE, dtype="<U20")
    own = summary.mean_order_value.astype(np.float64).copy()
    positive_repeat = int(((x > 0) & (money > 0)).sum())
    if positive_repeat < min_repeat_buyers:
        return own, value_method, None
    gg = fit_gamma_gamma(x, money)
    if gg.problem is not None:
        return own, value_method, gg
    with np.errstate(all="ignore"):
        # Repeat buyers with non-positive z̄ (refunds) were not in the fit; keep their own mean.
        modelled = (x == 0) | (money > 0)
        value = gg.expected_order_value(x, money)
    usable = modelled & np.isfinite(value)
    own[usable] = value[usable]
    value_method[usable] = VALUE_GAMMA_GAMMA
    return own, value_method, gg
