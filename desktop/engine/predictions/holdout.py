"""Built-in validation: fit on a calibration period, predict the holdout period that follows, and
compare with what customers really did (Fader, Hardie & Lee 2005, figure 3 and the totals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from desktop.engine.errors import InputError
from desktop.engine.progress import Progress, no_progress

from . import bgnbd as bg
from . import gamma_gamma as gg
from .messages import PredictionWarning, make_warning
from .summary import purchase_days, summarise_for_clv, to_day, unit_days


@dataclass
class HoldoutResult:
    """Predicted against actual repeat purchases in the holdout period.

    `by_frequency` has one row per number of repeat purchases in the calibration period (the last row
    collects `max_frequency` and more): frequency, label, customers, predicted, actual (mean purchase
    days per customer in the holdout).
    """

    calibration_end: pd.Timestamp
    holdout_end: pd.Timestamp
    holdout_days: int
    customers: int
    bgnbd: bg.BGNBDParams
    gamma_gamma: gg.GammaGammaParams | None
    predicted_repeat_purchases: float
    actual_repeat_purchases: int
    by_frequency: pd.DataFrame
    predicted_spend: float | None
    actual_spend: float
    mean_absolute_error: float          # per customer, purchases
    per_customer: pd.DataFrame          # customer_id -> frequency, predicted, actual, actual_spend
    warnings: list[PredictionWarning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: totals, the chart rows and the fit used."""
        return {
            "calibration_end": self.calibration_end.date().isoformat(),
            "holdout_end": self.holdout_end.date().isoformat(),
            "holdout_days": self.holdout_days,
            "customers": self.customers,
            "predicted_repeat_purchases": self.predicted_repeat_purchases,
            "actual_repeat_purchases": self.actual_repeat_purchases,
            "predicted_spend": self.predicted_spend,
            "actual_spend": self.actual_spend,
            "mean_absolute_error": self.mean_absolute_error,
            "by_frequency": self.by_frequency.to_dict(orient="records"),
        }


def holdout_validation(lines: pd.DataFrame, calibration_end: object, holdout_end: object | None = None,
                       time_unit: str = "week", *, params: bg.BGNBDParams | None = None,
                       max_frequency: int = 7, progress: Progress | None = None,
                       model: str = "bgnbd") -> HoldoutResult:
    """Fit BG/NBD (and Gamma-Gamma) on purchase days up to `calibration_end`, predict each of those
    customers' purchase days in (calibration_end, holdout_end] and compare with the actual ones.

    `holdout_end` defaults to the last day in the lines; pass `params` to check given parameters
    instead of fitting, `model` "mbgnbd" to fit MBG/NBD instead of BG/NBD. Raises InputError when the
    period boundaries leave nothing to compare.
    """
    report = progress or no_progress
    unit = unit_days(time_unit)
    cal_end = to_day(calibration_end)
    report(0.0, "Summarising the calibration period")
    summary = summarise_for_clv(lines, cal_end, time_unit)
    if summary.empty:
        raise InputError(f"No purchases on or before the calibration end {cal_end.date()}; choose a later date.",
                         zh=f"在校准截止日 {cal_end.date()} 及之前没有购买记录；请选择更晚的日期。")
    last_day = pd.to_datetime(lines["date"]).max().normalize()
    end = to_day(holdout_end) if holdout_end is not None else last_day
    warnings: list[PredictionWarning] = []
    if end <= cal_end:
        raise InputError(f"The calibration end {cal_end.date()} leaves no later days to check against "
                         f"(the data ends on {last_day.date()}); choose an earlier date.",
                         zh=f"校准截止日 {cal_end.date()} 之后没有可用于检验的日期（数据截止于 {last_day.date()}）；请选择更早的日期。")
    if last_day <= cal_end:
        warnings.append(make_warning("empty_holdout", date=str(cal_end.date())))
    if len(summary) < 30:
        warnings.append(make_warning("few_holdout_customers", n=len(summary), date=str(cal_end.date())))

    report(0.2, "Fitting on the calibration period")
    x = summary["frequency"].to_numpy(dtype=float)
    tx = summary["recency"].to_numpy(dtype=float)
    TT = summary["T"].to_numpy(dtype=float)
    fitted = params or bg.fit_bgnbd(x, tx, TT, time_unit=time_unit, model=model)
    if params is not None:
        fitted = bg.BGNBDParams(params.r, params.alpha, params.a, params.b,
                                bg.log_likelihood(params, x, tx, TT), time_unit, len(x), model=params.model)
    gparams = None
    try:
        if int(((summary["frequency"] > 0) & (summary["monetary_value"] > 0)).sum()) >= 3:
            gparams = gg.fit_gamma_gamma(summary["frequency"], summary["monetary_value"])
    except ValueError:
        gparams = None

    report(0.6, "Predicting the holdout period")
    holdout_days = int((end - cal_end).days)
    predicted = bg.expected_purchases(fitted, holdout_days / unit, x, tx, TT)
    later = purchase_days(lines, end=end, start=cal_end)
    later = later[later["customer_id"].isin(summary.index)]
    grouped = later.groupby("customer_id", observed=True)
    actual = grouped.size().reindex(summary.index, fill_value=0).to_numpy()
    actual_spend = grouped["spend"].sum().reindex(summary.index, fill_value=0.0).to_numpy()

    per_customer = pd.DataFrame({"frequency": summary["frequency"].to_numpy(), "predicted": predicted,
                                 "actual": actual, "actual_spend": actual_spend}, index=summary.index)
    capped = np.minimum(per_customer["frequency"], max_frequency)
    rows = []
    for k, group in per_customer.groupby(capped.to_numpy()):
        rows.append({"frequency": int(k), "label": f"{int(k)}+" if k == max_frequency else str(int(k)),
                     "customers": int(len(group)), "predicted": float(group["predicted"].mean()),
                     "actual": float(group["actual"].mean())})
    predicted_spend = None
    if gparams is not None and gparams.q > 1.0:
        spend = gg.expected_spend(gparams, summary["frequency"], summary["monetary_value"])
        predicted_spend = float(np.sum(predicted * spend))
    report(1.0, "Holdout check ready")
    return HoldoutResult(
        calibration_end=cal_end, holdout_end=end, holdout_days=holdout_days, customers=len(summary),
        bgnbd=fitted, gamma_gamma=gparams, predicted_repeat_purchases=float(predicted.sum()),
        actual_repeat_purchases=int(actual.sum()), by_frequency=pd.DataFrame(rows),
        predicted_spend=predicted_spend, actual_spend=float(actual_spend.sum()),
        mean_absolute_error=float(np.mean(np.abs(predicted - actual))), per_customer=per_customer,
        warnings=warnings)
