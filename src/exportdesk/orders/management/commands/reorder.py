"""``exportdesk reorder fit [--summary FILE.csv]``: fit the reorder model.

With ``--summary`` it reads a ready-made purchase summary (columns ``frequency``, ``recency``,
``T`` and optionally ``monetary_value``; the CDNOW names ``x``, ``t_x``, ``T``, ``zbar`` work
too), fits BG/NBD and Gamma-Gamma and prints the parameters and log-likelihoods as JSON; nothing
is stored. Without it, it fits the workspace's paid, shipped and delivered orders (time unit:
weeks, calendar days in the workspace time zone) and stores every buyer's prediction.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
from django.core.management.base import BaseCommand, CommandError, CommandParser

from exportdesk.domain.reorder import fit_bgnbd, fit_gamma_gamma

# Accepted column names, first match wins: our names, then the CDNOW/lifetimes ones.
COLUMNS = {
    "frequency": ("frequency", "x"),
    "recency": ("recency", "t_x"),
    "T": ("T",),
    "monetary_value": ("monetary_value", "zbar", "m_x"),
}


def read_summary_csv(path: Path) -> dict[str, np.ndarray]:
    """The summary columns of a CSV file as float arrays (``monetary_value`` only if present)."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        header = [name.strip() for name in reader.fieldnames or []]
        found: dict[str, str] = {}
        for key, names in COLUMNS.items():
            match = next((n for n in names if n in header), None)
            if match is not None:
                found[key] = match
        missing = [k for k in ("frequency", "recency", "T") if k not in found]
        if missing:
            raise CommandError(
                f"{path.name} has no column {', '.join(missing)} "
                "(expected frequency, recency, T and optionally monetary_value)."
            )
        values: dict[str, list[float]] = {key: [] for key in found}
        for line, row in enumerate(reader, start=2):
            row = {(k or "").strip(): v for k, v in row.items()}
            for key, column in found.items():
                try:
                    number = float((row.get(column) or "").strip())
                except ValueError:
                    raise CommandError(
                        f"{path.name}, row {line}, column {column}: not a number "
                        f"({row.get(column)!r})."
                    ) from None
                if not math.isfinite(number):
                    raise CommandError(f"{path.name}, row {line}, column {column}: not finite.")
                values[key].append(number)
    if not values["frequency"]:
        raise CommandError(f"{path.name} has no rows.")
    return {key: np.asarray(column, dtype=np.float64) for key, column in values.items()}


def fit_summary(columns: dict[str, np.ndarray]) -> dict[str, Any]:
    """Fit both models on summary columns; a model that cannot be fitted says why."""
    try:
        bg = fit_bgnbd(columns["frequency"], columns["recency"], columns["T"])
    except ValueError as error:
        raise CommandError(f"Bad summary: {error}") from None
    result: dict[str, Any] = {
        "bgnbd": {"r": bg.r, "alpha": bg.alpha, "a": bg.a, "b": bg.b, "ll": bg.ll},
    }
    if bg.problem:
        result["bgnbd"]["problem"] = bg.problem
    if "monetary_value" in columns:
        gg = fit_gamma_gamma(columns["frequency"], columns["monetary_value"])
        result["gamma_gamma"] = {"p": gg.p, "q": gg.q, "gamma": gg.gamma, "ll": gg.ll}
        if gg.problem:
            result["gamma_gamma"]["problem"] = gg.problem
    else:
        result["gamma_gamma"] = None
    return result


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


class Command(BaseCommand):
    help = (
        "Fit the reorder model. 'fit --summary FILE.csv' prints BG/NBD and Gamma-Gamma estimates "
        "as JSON; 'fit' alone fits the workspace's orders and stores every buyer's prediction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["fit"], help="What to do (fit).")
        parser.add_argument(
            "--summary",
            type=Path,
            help="CSV with frequency, recency, T [, monetary_value] (CDNOW names accepted).",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Without --summary: enqueue the refit task for the worker instead.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path | None = options["summary"]
        if path is not None:
            if options["enqueue"]:
                raise CommandError("--enqueue does not go with --summary.")
            result = fit_summary(read_summary_csv(path))
            self.stdout.write(json.dumps(_json_safe(result), indent=2))
            return
        if options["enqueue"]:
            from exportdesk.orders.tasks import reorder_refit_nightly

            queued = reorder_refit_nightly.enqueue()
            self.stdout.write(f"Enqueued the reorder refit: {queued.id}")
            return
        from exportdesk.orders.services import reorder_refit

        report = reorder_refit()
        self.stdout.write(json.dumps(_json_safe(report.as_dict()), indent=2))
