"""Per-customer predictions: still active?, churn risk, expected purchases, next purchase, spend, CLV.

`predict_customers` fits BG/NBD (purchase days) and Gamma-Gamma (spend per purchase) on the order
lines up to `as_of`, checks the models' assumptions first and falls back to simple estimates (each
customer's average time between purchases and average spend) where the data cannot carry them.
Every prediction is capped so odd data cannot produce wild numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from desktop.engine.progress import Progress, no_progress

from . import bgnbd as bg
from . import gamma_gamma as gg
from .messages import PredictionWarning, make_warning
from .summary import summarise_for_clv, to_day, unit_days

CHURN_BANDS: dict[str, tuple[str, str]] = {
    "low": ("Low", "低"),
    "medium": ("Medium", "中"),
    "high": ("High", "高"),
}
"""Churn band key -> (English, Chinese) label."""

TABLE_COLUMNS = [
    "p_alive",                 # probability the customer is still active (has not drifted away)
    "churn_risk",              # probability of no purchase in the next `churn_days` days
    "churn_band",              # low / medium / high
    "expected_purchases_90",   # expected purchase days in the next 90 days
    "expected_purchases_365",  # ... in the next 365 days
    "expected_next_purchase",  # date by which a next purchase is more likely than not (NaT: unlikely)
    "historic_spend",          # net spend up to as_of (returns deducted)
    "spend_per_purchase",      # expected spend per future purchase day
    "predicted_spend_12m",     # expected spend in the next 365 days
    "clv",                     # discounted expected spend over `clv_months`
    "frequency",               # repeat purchase days (model input)
    "recency",                 # time units from first to last purchase day (model input)
    "T",                       # time units from first purchase day to as_of (model input)
]

COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "p_alive": ("Chance still active", "仍活跃的概率"),
    "churn_risk": ("Churn risk (no purchase in 90 days)", "流失风险（90 天内不再购买）"),
    "churn_band": ("Churn risk", "流失风险等级"),
    "expected_purchases_90": ("Expected purchases, next 90 days", "未来 90 天预计购买次数"),
    "expected_purchases_365": ("Expected purchases, next 12 months", "未来 12 个月预计购买次数"),
    "expected_next_purchase": ("Likely to buy again by", "预计下次购买日期"),
    "historic_spend": ("Spend so far", "累计消费额"),
    "spend_per_purchase": ("Expected spend per purchase", "预计每次消费额"),
    "predicted_spend_12m": ("Expected spend next year", "未来 12 个月预计消费额"),
    "clv": ("Customer lifetime value", "客户终身价值"),
}
"""Table column -> (English, Chinese) heading for views and exports."""


@dataclass(frozen=True)
class PredictionSettings:
    """Choices for `predict_customers`. Defaults suit a small shop."""

    time_unit: str = "week"            # 'day' or 'week': the unit the models are fitted in
    discount_rate: float = 0.10        # yearly discount rate for the lifetime value
    clv_months: int = 36               # lifetime value horizon
    churn_days: int = 90               # churn risk = no purchase within this many days
    low_band: float = 0.33             # churn risk below this is 'low'
    high_band: float = 0.66            # above this 'high'
    max_next_purchase_days: int = 730  # a likely next purchase further away than this is shown as none
    min_customers: int = 30            # below these the purchase model is not used
    min_repeat_buyers: int = 10
    min_history_days: int = 90
    min_spend_buyers: int = 10         # repeat buyers with positive spend needed for Gamma-Gamma
    max_spend_correlation: float = 0.3  # |corr(frequency, spend)| above this breaks Gamma-Gamma
    cap_quantile: float = 1.0          # predicted purchase rates are capped at this quantile of the
                                       # observed ones: by default, nobody is predicted to buy more
                                       # often than the most frequent customer so far


@dataclass
class PredictionResult:
    """What `predict_customers` returns: `table` (indexed by customer_id, TABLE_COLUMNS), the
    warnings, the fitted parameters (None where a fallback was used) and the assumption checks."""

    table: pd.DataFrame
    warnings: list[PredictionWarning]
    bgnbd: bg.BGNBDParams | None
    gamma_gamma: gg.GammaGammaParams | None
    method: str                      # 'bgnbd', 'simple' (average time between purchases) or 'none'
    spend_method: str                # 'gamma_gamma', 'average' or 'none'
    checks: dict[str, Any]
    as_of: pd.Timestamp
    settings: PredictionSettings = field(default_factory=PredictionSettings)

    @property
    def params(self) -> dict[str, dict[str, float] | None]:
        """Return {'bgnbd': {...} | None, 'gamma_gamma': {...} | None}."""
        return {"bgnbd": self.bgnbd.to_dict() if self.bgnbd else None,
                "gamma_gamma": self.gamma_gamma.to_dict() if self.gamma_gamma else None}


def check_assumptions(summary: pd.DataFrame, as_of: pd.Timestamp, settings: PredictionSettings) -> dict[str, Any]:
    """Return the facts the models rest on: customers, repeat buyers, history length, typical gap
    between purchases and the spend-frequency correlation."""
    unit = unit_days(settings.time_unit)
    repeat = summary["frequency"] > 0
    n = int(len(summary))
    gaps = (summary.loc[repeat, "recency"] * unit / summary.loc[repeat, "frequency"]).to_numpy(dtype=float)
    history = int((as_of - summary["first_purchase"].min()).days) + 1 if n else 0
    positive = repeat & (summary["monetary_value"] > 0)
    return {
        "customers": n,
        "repeat_buyers": int(repeat.sum()),
        "repeat_share": float(repeat.mean()) if n else float("nan"),
        "history_days": history,
        "median_days_between_purchases": float(np.median(gaps)) if len(gaps) else float("nan"),
        "spend_buyers": int(positive.sum()),
        "spend_frequency_correlation": gg.spend_frequency_correlation(summary["frequency"], summary["monetary_value"]),
    }


def _purchase_model_problem(checks: dict[str, Any], s: PredictionSettings) -> PredictionWarning | None:
    """Return the warning that rules the purchase model out, or None when the data can carry it."""
    if checks["repeat_buyers"] == 0:
        return make_warning("no_repeat_buyers")
    if checks["customers"] < s.min_customers:
        return make_warning("few_customers", n=checks["customers"])
    if checks["repeat_buyers"] < s.min_repeat_buyers:
        return make_warning("few_repeat_buyers", n=checks["repeat_buyers"])
    gap = checks["median_days_between_purchases"]
    if checks["history_days"] < s.min_history_days or (np.isfinite(gap) and checks["history_days"] < 2 * gap):
        return make_warning("short_history", days=checks["history_days"])
    return None


def _spend_model_problem(checks: dict[str, Any], s: PredictionSettings) -> PredictionWarning | None:
    if checks["spend_buyers"] < s.min_spend_buyers:
        return make_warning("few_spend_buyers", n=checks["spend_buyers"])
    corr = checks["spend_frequency_correlation"]
    if np.isfinite(corr) and abs(corr) > s.max_spend_correlation:
        return make_warning("spend_correlated", corr=corr, direction="more" if corr > 0 else "less",
                            direction_zh="多" if corr > 0 else "少")
    return None


class _SimpleModel:
    """Fallback: while active, a customer buys every `gap` days: their own average time between
    purchases, computed over all the time they have been watched (so a short history cannot make
    everyone look like a daily buyer) and steadied by a quarter of the shop's average pace. They
    count as active until overdue; each further missed gap lowers the chance by a factor e."""

    PRIOR_DAYS = 90.0

    def __init__(self, summary: pd.DataFrame, as_of: pd.Timestamp, unit: float):
        x = summary["frequency"].to_numpy(dtype=float)
        watched = summary["T"].to_numpy(dtype=float) * unit
        # repeat purchases per day watched, over all customers: one-time buyers count as well
        pooled = x.sum() / max(watched.sum(), 1.0)
        rate = (x + self.PRIOR_DAYS * pooled) / (watched + self.PRIOR_DAYS)
        self.gap = 1.0 / rate
        since_last = (as_of - pd.to_datetime(summary["last_purchase"])).dt.days.to_numpy(dtype=float)
        self.since_last = since_last
        self.p_alive = np.exp(-np.maximum(0.0, since_last / self.gap - 1.0))

    def expected(self, days: float) -> np.ndarray:
        return self.p_alive * days / self.gap

    def no_purchase(self, days: float) -> np.ndarray:
        return 1.0 - self.p_alive * -np.expm1(-days / self.gap)

    def days_to_next(self) -> np.ndarray:
        # the usual gap after the last purchase; "now" when already overdue but still likely active
        due = np.maximum(self.gap - self.since_last, 0.0)
        return np.where(self.p_alive >= 0.5, due, np.inf)


def predict_customers(lines: pd.DataFrame, as_of: object | None = None,
                      settings: PredictionSettings | None = None,
                      progress: Progress | None = None) -> PredictionResult:
    """Return per-customer predictions from the order lines bought up to `as_of` (default: the last
    purchase day). See TABLE_COLUMNS for the table and PredictionResult for the rest."""
    s = settings or PredictionSettings()
    report = progress or no_progress
    unit = unit_days(s.time_unit)
    report(0.0, "Summarising purchases")
    summary = summarise_for_clv(lines, as_of, s.time_unit)
    as_of_day = to_day(as_of) if as_of is not None else (
        summary["last_purchase"].max() if len(summary) else pd.Timestamp("NaT"))
    warnings: list[PredictionWarning] = []
    table = pd.DataFrame(index=summary.index, columns=TABLE_COLUMNS)
    if summary.empty:
        warnings.append(make_warning("no_customers", as_of=str(as_of_day.date()) if pd.notna(as_of_day) else "-"))
        return PredictionResult(table, warnings, None, None, "none", "none", {"customers": 0}, as_of_day, s)

    checks = check_assumptions(summary, as_of_day, s)
    x = summary["frequency"].to_numpy(dtype=float)
    tx = summary["recency"].to_numpy(dtype=float)
    TT = summary["T"].to_numpy(dtype=float)

    # --- purchase counts --------------------------------------------------------------------------
    report(0.1, "Fitting the purchase model")
    params: bg.BGNBDParams | None = None
    problem = _purchase_model_problem(checks, s)
    if problem is None:
        try:
            params = bg.fit_bgnbd(x, tx, TT, time_unit=s.time_unit)
        except (ValueError, FloatingPointError):
            params = None
        if params is None or not params.converged or not np.isfinite(params.log_likelihood):
            params = None
            problem = make_warning("fit_failed")
    if problem is not None:
        warnings.append(problem)
    checks["purchase_model_at_bound"] = bool(params.at_bound) if params else None

    simple: _SimpleModel | None = None
    if params is None and checks["repeat_buyers"] > 0:
        simple = _SimpleModel(summary, as_of_day, unit)
    method = "bgnbd" if params else ("simple" if simple else "none")

    # purchase rates are capped at the rates customers actually showed (purchase days per day, over at
    # least a quarter, so a new customer's visits in their first week are not read as a yearly pace)
    observed_days = np.maximum((TT * unit) + 1.0, 90.0)
    observed_rate = summary["purchase_days"].to_numpy(dtype=float) / observed_days
    cap_rate = float(np.quantile(observed_rate, s.cap_quantile))
    checks["max_purchases_per_year"] = cap_rate * 365.0

    groups = bg.row_groups(x, TT) if params is not None else None

    def uncapped(days: float) -> np.ndarray:
        if params is not None:
            return bg.expected_purchases(params, days / unit, x, tx, TT, groups=groups)
        if simple is not None:
            return simple.expected(days)
        return np.full(len(x), np.nan)

    def expected(days: float) -> np.ndarray:
        return np.minimum(uncapped(days), cap_rate * days)

    report(0.3, "Predicting purchases")
    if params is not None:
        p_alive = bg.probability_alive(params, x, tx, TT)
        churn = bg.probability_no_purchase(params, s.churn_days / unit, x, tx, TT)
        next_days = bg.time_to_likely_purchase(params, x, tx, TT) * unit
    elif simple is not None:
        p_alive = simple.p_alive
        churn = simple.no_purchase(float(s.churn_days))
        next_days = simple.days_to_next()
    else:
        p_alive = churn = next_days = np.full(len(x), np.nan)
    e90 = expected(90.0)
    raw365 = uncapped(365.0)
    e365 = np.minimum(raw365, cap_rate * 365.0)
    checks["capped_customers"] = int(np.sum(raw365 > cap_rate * 365.0))

    # --- spend per purchase -----------------------------------------------------------------------
    report(0.5, "Fitting the spend model")
    gparams: gg.GammaGammaParams | None = None
    sproblem = _spend_model_problem(checks, s)
    if sproblem is None:
        try:
            gparams = gg.fit_gamma_gamma(summary["frequency"], summary["monetary_value"])
        except ValueError:
            gparams = None
        if gparams is None or not gparams.converged or gparams.q <= 1.0:
            gparams = None
            sproblem = make_warning("spend_unstable")
    if sproblem is not None and method != "none":
        warnings.append(sproblem)
    avg = summary["avg_day_spend"].to_numpy(dtype=float)
    positive = avg[avg > 0]
    typical = float(np.median(positive)) if len(positive) else 0.0
    if gparams is not None:
        spend = gg.expected_spend(gparams, summary["frequency"], summary["monetary_value"])
    else:
        spend = np.where(avg > 0, avg, typical)
    # the model shrinks towards the shop mean; never beyond the largest average anyone really spent
    spend = np.clip(spend, 0.0, float(positive.max()) if len(positive) else 0.0)
    spend_method = "gamma_gamma" if gparams else "average"

    # --- lifetime value: monthly steps of expected purchases, discounted ------------------------------
    monthly = (1.0 + s.discount_rate) ** (1.0 / 12.0) - 1.0
    month_days = 365.25 / 12.0
    clv = np.zeros(len(x))
    previous = np.zeros(len(x))
    for month in range(1, s.clv_months + 1):
        report(0.55 + 0.4 * month / s.clv_months, "Estimating lifetime value")
        cumulative = expected(month * month_days)
        clv += (cumulative - previous) * spend / (1.0 + monthly) ** month
        previous = cumulative

    # --- table ----------------------------------------------------------------------------------------
    report(0.97, "Building the table")
    net = _net_spend(lines, as_of_day)
    next_date = pd.Series(pd.NaT, index=summary.index, dtype="datetime64[ns]")
    finite = np.isfinite(next_days) & (next_days <= s.max_next_purchase_days)
    next_date[finite] = as_of_day + pd.to_timedelta(np.ceil(next_days[finite]), unit="D")
    bands = np.where(churn < s.low_band, "low", np.where(churn > s.high_band, "high", "medium"))
    bands = np.where(np.isnan(churn), None, bands)
    table = pd.DataFrame({
        "p_alive": p_alive,
        "churn_risk": churn,
        "churn_band": bands,
        "expected_purchases_90": e90,
        "expected_purchases_365": e365,
        "expected_next_purchase": next_date.to_numpy(),
        "historic_spend": net.reindex(summary.index).fillna(0.0).to_numpy(),
        "spend_per_purchase": spend,
        "predicted_spend_12m": e365 * spend,
        "clv": clv,
        "frequency": summary["frequency"].to_numpy(),
        "recency": tx,
        "T": TT,
    }, index=summary.index)
    report(1.0, "Predictions ready")
    return PredictionResult(table, warnings, params, gparams, method, spend_method, checks, as_of_day, s)


def _net_spend(lines: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """Net spend per customer (returns deducted) from lines dated up to as_of."""
    days = pd.to_datetime(lines["date"]).dt.normalize()
    amounts = pd.to_numeric(lines["amount"], errors="coerce").fillna(0.0)
    keep = (days <= as_of).to_numpy()
    return amounts[keep].groupby(lines["customer_id"][keep].to_numpy()).sum()
