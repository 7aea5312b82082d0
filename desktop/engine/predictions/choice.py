"""Which purchase model to trust, decided on the shop's own past.

BG/NBD, MBG/NBD (one-time buyers can leave) and the pace model are each fitted on the history before
a holdout date chosen from the data (the last third of the history, at most a year), predict each
customer's purchases in the days held back, and are compared with what the customers really did.
The model with the smallest per-customer error is used, refitted on all the history. A fit that is
degenerate (at a bound of the optimiser, not converged, not finite, or implying customers buying
implausibly often) is never used: the next model is, and a warning names the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from collections.abc import Callable

import numpy as np
import pandas as pd

from . import bgnbd as bg
from .messages import PredictionWarning, make_warning
from .pace import PaceModel
from .summary import purchase_days, summarise_for_clv, unit_days

MODEL_LABELS = {"bgnbd": "BG/NBD", "mbgnbd": "MBG/NBD", "simple": "pace"}
MAX_RATE_PER_YEAR = 365.0   # a population mean above one purchase day a day is implausible
BUSIEST_MULTIPLE = 3.0      # nor anyone predicted to buy more than 3x as often as the busiest customer
MIN_HOLDOUT_CUSTOMERS = 30  # fewer customers in the holdout: its error does not gate the figures
MAX_CHOICE_CUSTOMERS = 20_000  # customers the models are compared on
NEAR_BOUND = 1.0            # a parameter within e^1 of the optimiser's bound counts as at the bound


def rate_caps(summary: pd.DataFrame, unit: float, cap_quantile: float, own_multiple: float
              ) -> tuple[np.ndarray, float]:
    """Return (each customer's highest plausible purchase days per day, the shop's busiest rate per
    day): nobody above `own_multiple` times their own observed rate plus one a year, nor above the
    shop's busiest customers (the `cap_quantile` of observed rates). Rates are observed over at
    least a quarter, so a new customer's first week is not read as a yearly pace."""
    TT = summary["T"].to_numpy(dtype=float)
    observed_days = np.maximum(TT * unit + 1.0, 90.0)
    observed = summary["purchase_days"].to_numpy(dtype=float) / observed_days
    shop = float(np.quantile(observed, cap_quantile)) if len(observed) else 0.0
    return np.minimum(shop, own_multiple * observed + 1.0 / 365.0), shop


def fit_problem(params: bg.BGNBDParams | None, summary: pd.DataFrame, unit: float,
                busiest_per_day: float) -> PredictionWarning | None:
    """Return the warning that rules the fit out, or None when it can be used."""
    if params is None:
        return None
    name = MODEL_LABELS[params.model]
    values = np.array([params.r, params.alpha, params.a, params.b, params.log_likelihood], dtype=float)
    if not np.all(np.isfinite(values)):
        return make_warning("fit_not_finite", model=name)
    if params.at_bound or np.any(np.abs(np.log(values[:4])) > bg.LOG_BOUND - NEAR_BOUND):
        return make_warning("fit_at_bound", model=name)
    if not params.converged:
        return make_warning("fit_not_converged", model=name)
    mean_per_year = params.r / params.alpha * 365.0 / unit
    x = summary["frequency"].to_numpy(dtype=float)
    tx = summary["recency"].to_numpy(dtype=float)
    TT = summary["T"].to_numpy(dtype=float)
    with np.errstate(all="ignore"):
        year = bg.expected_purchases(params, 365.0 / unit, x, tx, TT)
    busiest = float(np.nanmax(year)) if len(year) else 0.0
    if not np.all(np.isfinite(year)):
        return make_warning("fit_not_finite", model=name)
    if mean_per_year > MAX_RATE_PER_YEAR or busiest > BUSIEST_MULTIPLE * busiest_per_day * 365.0 + 1.0:
        return make_warning("fit_implausible", model=name, per_year=max(busiest, mean_per_year))
    return None


@dataclass
class Choice:
    """The purchase model used and why: `name` ('bgnbd', 'mbgnbd' or 'simple'), its parameters on all
    the history (None for the pace model), the usable fits of the others (`alternatives`), the
    holdout comparison (`candidates`: name -> errors), and `error`: the chosen model's relative error
    on the total of the holdout (NaN when there was no holdout to check)."""

    name: str
    params: bg.BGNBDParams | None
    alternatives: dict[str, bg.BGNBDParams] = field(default_factory=dict)
    candidates: dict[str, dict[str, float]] = field(default_factory=dict)
    calibration_end: pd.Timestamp | None = None
    holdout_days: int = 0
    holdout_customers: int = 0
    error: float = float("nan")
    too_far_off: bool = False
    warnings: list[PredictionWarning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: {name, label, params, holdout_error, holdout: {...}}."""
        return {
            "name": self.name, "label": MODEL_LABELS.get(self.name, self.name),
            "params": self.params.to_dict() if self.params is not None else None,
            "holdout_error": self.error if np.isfinite(self.error) else None,
            "too_far_off": self.too_far_off,
            "holdout": {
                "calibration_end": (self.calibration_end.date().isoformat()
                                    if self.calibration_end is not None else None),
                "holdout_days": self.holdout_days, "customers": self.holdout_customers,
                "candidates": self.candidates,
            },
        }


def _predict(name: str, params: bg.BGNBDParams | None, summary: pd.DataFrame, as_of: pd.Timestamp,
             days: float, unit: float, cap: np.ndarray) -> np.ndarray:
    if params is not None:
        x = summary["frequency"].to_numpy(dtype=float)
        raw = bg.expected_purchases(params, days / unit, x, summary["recency"].to_numpy(dtype=float),
                                    summary["T"].to_numpy(dtype=float))
    else:
        raw = PaceModel(summary, as_of, unit).expected(days)
    return np.minimum(raw, cap * days)


def choose_purchase_model(lines: pd.DataFrame, summary: pd.DataFrame, as_of: pd.Timestamp, s, checks: dict,
                          bgnbd: bg.BGNBDParams | None, *, models_allowed: bool = True,
                          progress: Callable[[float, str], None] | None = None) -> Choice:
    """Return the Choice for `summary` (the customers up to `as_of`); `bgnbd` is the BG/NBD fit on all
    the history, `models_allowed` False when there are too few customers for BG/NBD and MBG/NBD."""
    unit = unit_days(s.time_unit)
    warnings: list[PredictionWarning] = []
    _, busiest = rate_caps(summary, unit, s.cap_quantile, s.own_rate_multiple)

    full: dict[str, bg.BGNBDParams] = {}
    if models_allowed:
        fits = {"bgnbd": bgnbd, "mbgnbd": _fit(summary, s.time_unit, "mbgnbd", bgnbd)}
        for name, params in fits.items():
            if params is None:
                warnings.append(make_warning("fit_not_converged", model=MODEL_LABELS[name]))
                continue
            problem = fit_problem(params, summary, unit, busiest)
            if problem is None:
                full[name] = params
            else:
                warnings.append(problem)
    order = [n for n in ("mbgnbd", "bgnbd") if n in full] + ["simple"]
    if not s.choose_model and "bgnbd" in full:
        order = ["bgnbd"] + [n for n in order if n != "bgnbd"]

    # --- the holdout: the last third of the history, at most a year ------------------------------
    history = int(checks["history_days"])
    holdout_days = int(min(365, history // 3))
    cal_end = as_of - pd.Timedelta(days=holdout_days)
    candidates: dict[str, dict[str, float]] = {}
    cal = summarise_for_clv(lines, cal_end, s.time_unit) if holdout_days > 0 else summary.iloc[:0]
    cal = cal[cal.index.isin(summary.index)]
    if len(cal) > MAX_CHOICE_CUSTOMERS:  # a fixed random sample decides as well, in a fraction of the time
        cal = cal.sample(n=MAX_CHOICE_CUSTOMERS, random_state=0).sort_index()
    if s.choose_model and len(cal) and int((cal["frequency"] > 0).sum()) > 0:
        later = purchase_days(lines, end=as_of, start=cal_end)
        actual = later[later["customer_id"].isin(cal.index)].groupby("customer_id", observed=True).size()
        actual = actual.reindex(cal.index, fill_value=0).to_numpy(dtype=float)
        cap, cal_busiest = rate_caps(cal, unit, s.cap_quantile, s.own_rate_multiple)
        cal_models_ok = (models_allowed and len(cal) >= s.min_customers
                         and int((cal["frequency"] > 0).sum()) >= s.min_repeat_buyers)
        for step, name in enumerate(order):
            if progress is not None:
                progress(0.1 + 0.15 * step / len(order), "Choosing the purchase model")
            params = None
            if name != "simple":
                if not cal_models_ok:
                    continue
                params = _fit(cal, s.time_unit, name, full.get(name))
                problem = fit_problem(params, cal, unit, cal_busiest) if params is not None else \
                    make_warning("fit_not_converged", model=MODEL_LABELS[name])
                if problem is not None:
                    warnings.append(problem)
                    continue
            predicted = _predict(name, params, cal, cal_end, float(holdout_days), unit, cap)
            total = float(actual.sum())
            candidates[name] = {
                "rmse": float(np.sqrt(np.mean((predicted - actual) ** 2))),
                "mae": float(np.mean(np.abs(predicted - actual))),
                "predicted": float(predicted.sum()), "actual": total,
                "error": abs(float(predicted.sum()) - total) / total if total > 0 else float("inf"),
            }
    ranked = sorted(candidates, key=lambda n: candidates[n]["rmse"]) if s.choose_model else []
    ranked += [n for n in order if n not in ranked]
    if not s.choose_model:
        ranked = order
    name = ranked[0]
    error = candidates.get(name, {}).get("error", float("nan"))
    too_far = bool(len(cal) >= MIN_HOLDOUT_CUSTOMERS and not np.isnan(error) and error > s.max_holdout_error)
    if too_far:
        warnings.append(make_warning("holdout_too_far_off", holdout_days=holdout_days,
                                     error=error if np.isfinite(error) else 9.99))
    elif name == "simple" and models_allowed and not full:
        warnings.append(make_warning("no_purchase_model"))
    return Choice(name=name, params=full.get(name), alternatives=full, candidates=candidates,
                  calibration_end=cal_end if candidates else None, holdout_days=holdout_days if candidates else 0,
                  holdout_customers=int(len(cal)) if candidates else 0, error=error, too_far_off=too_far,
                  warnings=unique(warnings))


def _fit(summary: pd.DataFrame, time_unit: str, model: str,
         start: bg.BGNBDParams | None = None) -> bg.BGNBDParams | None:
    try:
        return bg.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"], time_unit=time_unit,
                            model=model, start=start)
    except (ValueError, FloatingPointError):
        return None


def unique(warnings: list[PredictionWarning]) -> list[PredictionWarning]:
    """The warnings without repeats (same code and parameters), in their order."""
    seen: dict[tuple, PredictionWarning] = {}
    for w in warnings:
        seen.setdefault((w.code, tuple(sorted(w.params.items()))), w)
    return list(seen.values())
