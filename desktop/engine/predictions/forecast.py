"""Per-customer predictions: chance still a customer, chance of buying soon, expected purchases, next
purchase, spend, lifetime value, each with an 80% range where it is a yearly figure.

`predict_customers` works in four steps:

1. Gates. Predictions need evidence: enough customers who came back and a history of at least
   `min_history_days` and about `gap_multiple` times the usual gap between a customer's purchases
   (yearly figures need `min_year_history_days`). Below a gate the figures are left out (NaN, null in
   JSON) and a warning says why and what would make them possible.
2. Model choice on the shop's own past (choice.py): BG/NBD, MBG/NBD (one-time buyers can leave) and
   the pace model are fitted on the history before a holdout date chosen from the data, and the one
   that predicted the held-back days best is used. Degenerate fits are never used; a warning says
   why. When even the best model was far off in the holdout, the figures are left out.
3. Bounds. Nobody is predicted to buy more often than their own history and the shop's busiest
   customers make plausible; the total expected spend stays within a range of last year's sales
   unless the holdout supports more.
4. Ranges: per customer and in total, from draws of each customer's posterior (intervals.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from desktop.engine.progress import Progress, no_progress

from . import bgnbd as bg
from . import gamma_gamma as gg
from . import choice, intervals
from .messages import PredictionWarning, make_warning
from .pace import PaceModel
from .summary import summarise_for_clv, to_day, unit_days

CHURN_BANDS: dict[str, tuple[str, str]] = {
    "low": ("Low", "低"),
    "medium": ("Medium", "中"),
    "high": ("High", "高"),
}
"""Churn band key -> (English, Chinese) label (band of the chance of no purchase in `churn_days`)."""

TABLE_COLUMNS = [
    "p_alive",                 # probability the customer is still a customer (has not drifted away)
    "churn_risk",              # probability of no purchase in the next `churn_days` days
    "churn_band",              # low / medium / high
    "expected_purchases_90",   # expected purchase days in the next 90 days
    "expected_purchases_365",  # ... in the next 365 days
    "expected_purchases_365_low",   # 80% range of the above
    "expected_purchases_365_high",
    "expected_next_purchase",  # date by which a next purchase is more likely than not (NaT: unlikely)
    "historic_spend",          # net spend up to as_of (returns deducted)
    "spend_per_purchase",      # expected spend per future purchase day
    "predicted_spend_12m",     # expected spend in the next 365 days
    "predicted_spend_12m_low",   # 80% range of the above
    "predicted_spend_12m_high",
    "clv",                     # discounted expected spend over `clv_months`
    "frequency",               # repeat purchase days (model input)
    "recency",                 # time units from first to last purchase day (model input)
    "T",                       # time units from first purchase day to as_of (model input)
]

COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "p_alive": ("Chance still a customer", "仍是顾客的概率"),
    "churn_risk": ("Chance of no purchase in the next 90 days", "未来 90 天内不购买的概率"),
    "churn_band": ("Chance of no purchase (band)", "未来 90 天不购买的可能性"),
    "expected_purchases_90": ("Expected purchases, next 90 days", "未来 90 天预计购买次数"),
    "expected_purchases_365": ("Expected purchases, next 12 months", "未来 12 个月预计购买次数"),
    "expected_purchases_365_low": ("Expected purchases, next 12 months (low)", "未来 12 个月预计购买次数（下限）"),
    "expected_purchases_365_high": ("Expected purchases, next 12 months (high)", "未来 12 个月预计购买次数（上限）"),
    "expected_next_purchase": ("Likely to buy again by", "预计下次购买日期"),
    "historic_spend": ("Spend so far", "累计消费额"),
    "spend_per_purchase": ("Expected spend per purchase", "预计每次消费额"),
    "predicted_spend_12m": ("Expected spend next year", "未来 12 个月预计消费额"),
    "predicted_spend_12m_low": ("Expected spend next year (low)", "未来 12 个月预计消费额（下限）"),
    "predicted_spend_12m_high": ("Expected spend next year (high)", "未来 12 个月预计消费额（上限）"),
    "clv": ("Customer lifetime value", "客户终身价值"),
}
"""Table column -> (English, Chinese) heading for views and exports."""

PURCHASE_COLUMNS = ("p_alive", "churn_risk", "churn_band", "expected_purchases_90", "expected_next_purchase")
YEAR_COLUMNS = ("expected_purchases_365", "expected_purchases_365_low", "expected_purchases_365_high",
                "spend_per_purchase", "predicted_spend_12m", "predicted_spend_12m_low",
                "predicted_spend_12m_high", "clv")
"""Columns left out (NaN) when the purchase gates, or the yearly gate, are not met."""


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
    # gates: below these the figures are left out, with a sentence
    min_predict_customers: int = 10    # customers needed for any prediction
    min_predict_repeat: int = 5        # customers who came back, needed for any prediction
    min_history_days: int = 90         # history needed for any prediction ...
    gap_multiple: float = 3.0          # ... and this many times the usual gap between purchases
    min_year_history_days: int = 180   # history needed for yearly figures (next year, lifetime value)
    max_holdout_error: float = 1.0     # best model further off than this in the holdout: no figures
    # purchase models (BG/NBD, MBG/NBD) need these, else the pace model is used
    min_customers: int = 30
    min_repeat_buyers: int = 10
    min_spend_buyers: int = 10         # repeat buyers with positive spend needed for Gamma-Gamma
    max_spend_correlation: float = 0.3  # |corr(frequency, spend)| above this breaks Gamma-Gamma
    # bounds
    cap_quantile: float = 1.0          # nobody buys more often than this quantile of observed rates
    own_rate_multiple: float = 2.0     # ... nor more than this times their own observed rate, plus one
    max_total_growth: float = 1.5      # expected spend next year <= this x last year's (customers') sales
    supported_total_growth: float = 2.0  # ... or this, when the holdout was within `good_holdout_error`
    good_holdout_error: float = 0.2
    interval: float = 0.8              # width of the ranges
    draws: int = 60                    # posterior draws per customer for the ranges
    choose_model: bool = True          # False: BG/NBD when it can be used (the paper's setting)


@dataclass
class PredictionResult:
    """What `predict_customers` returns: `table` (indexed by customer_id, TABLE_COLUMNS), the
    warnings, the fitted parameters and the checks. `bgnbd` is the BG/NBD fit on all the history
    (always computed when possible, used only when chosen); `model` the purchase model used and the
    holdout comparison behind that choice; `totals` each total with its 80% range."""

    table: pd.DataFrame
    warnings: list[PredictionWarning]
    bgnbd: bg.BGNBDParams | None
    gamma_gamma: gg.GammaGammaParams | None
    method: str                      # 'bgnbd', 'mbgnbd', 'simple' (each customer's pace) or 'none'
    spend_method: str                # 'gamma_gamma', 'average' or 'none'
    checks: dict[str, Any]
    as_of: pd.Timestamp
    settings: PredictionSettings = field(default_factory=PredictionSettings)
    model: dict[str, Any] = field(default_factory=dict)
    totals: dict[str, dict[str, float | None]] = field(default_factory=dict)
    purchase_params: bg.BGNBDParams | None = None  # the fit behind the figures (BG/NBD or MBG/NBD)

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


def needed_history_days(checks: dict[str, Any], s: PredictionSettings) -> int:
    """Days of history any prediction needs: `min_history_days` and `gap_multiple` usual gaps."""
    gap = checks.get("median_days_between_purchases", float("nan"))
    by_gap = int(np.ceil(s.gap_multiple * gap)) if np.isfinite(gap) else 0
    return max(s.min_history_days, by_gap)


def gate(checks: dict[str, Any], s: PredictionSettings) -> PredictionWarning | None:
    """Return the warning that leaves every prediction out, or None when the evidence suffices."""
    if checks["repeat_buyers"] == 0:
        return make_warning("no_repeat_buyers_to_predict", need=s.min_predict_repeat)
    if checks["customers"] < s.min_predict_customers:
        return make_warning("few_customers", n=checks["customers"], need=s.min_predict_customers)
    if checks["repeat_buyers"] < s.min_predict_repeat:
        return make_warning("few_repeat_buyers", n=checks["repeat_buyers"], need=s.min_predict_repeat)
    need = needed_history_days(checks, s)
    if checks["history_days"] < need:
        gap = checks["median_days_between_purchases"]
        if need > s.min_history_days:
            return make_warning("short_history", days=checks["history_days"], need_days=need,
                                gap_days=int(round(gap)))
        return make_warning("short_history_min", days=checks["history_days"], need_days=need)
    return None


def year_gate(checks: dict[str, Any], s: PredictionSettings) -> PredictionWarning | None:
    """Return the warning that leaves the yearly figures out, or None."""
    need = max(s.min_year_history_days, needed_history_days(checks, s))
    if checks["history_days"] < need:
        return make_warning("short_history_year", days=checks["history_days"], need_days=need)
    return None


def model_gate(checks: dict[str, Any], s: PredictionSettings) -> PredictionWarning | None:
    """Return why the purchase models (BG/NBD, MBG/NBD) cannot be fitted, or None."""
    if checks["customers"] < s.min_customers:
        return make_warning("few_repeat_buyers_model", n=checks["repeat_buyers"], need=s.min_repeat_buyers)
    if checks["repeat_buyers"] < s.min_repeat_buyers:
        return make_warning("few_repeat_buyers_model", n=checks["repeat_buyers"], need=s.min_repeat_buyers)
    return None


def _spend_model_problem(checks: dict[str, Any], s: PredictionSettings) -> PredictionWarning | None:
    if checks["spend_buyers"] < s.min_spend_buyers:
        return make_warning("few_spend_buyers", n=checks["spend_buyers"])
    corr = checks["spend_frequency_correlation"]
    if np.isfinite(corr) and abs(corr) > s.max_spend_correlation:
        return make_warning("spend_correlated", corr=corr)
    return None


_SimpleModel = PaceModel  # the former name


def _empty(summary: pd.DataFrame, lines: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The table with every prediction left out (the model inputs and spend so far kept)."""
    table = pd.DataFrame(index=summary.index, columns=TABLE_COLUMNS, dtype=float)
    table["churn_band"] = pd.Series(None, index=summary.index, dtype=object)
    table["expected_next_purchase"] = pd.Series(pd.NaT, index=summary.index, dtype="datetime64[ns]")
    table["historic_spend"] = _net_spend(lines, as_of).reindex(summary.index).fillna(0.0).to_numpy()
    for col in ("frequency", "recency", "T"):
        table[col] = summary[col].to_numpy()
    return table


def _fit_bgnbd_quietly(summary: pd.DataFrame, s: PredictionSettings) -> bg.BGNBDParams | None:
    try:
        return bg.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"], time_unit=s.time_unit)
    except (ValueError, FloatingPointError):
        return None


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
    if summary.empty:
        warnings.append(make_warning("no_customers", as_of=str(as_of_day.date()) if pd.notna(as_of_day) else "-"))
        return PredictionResult(pd.DataFrame(index=summary.index, columns=TABLE_COLUMNS), warnings, None, None,
                                "none", "none", {"customers": 0}, as_of_day, s)

    checks = check_assumptions(summary, as_of_day, s)
    checks["history_days_needed"] = needed_history_days(checks, s)
    x = summary["frequency"].to_numpy(dtype=float)
    tx = summary["recency"].to_numpy(dtype=float)
    TT = summary["T"].to_numpy(dtype=float)

    # BG/NBD on all the history: always reported (the published check on CDNOW), used only if chosen
    report(0.05, "Fitting the purchase model")
    bgnbd = _fit_bgnbd_quietly(summary, s) if checks["repeat_buyers"] > 0 else None
    checks["purchase_model_at_bound"] = bool(bgnbd.at_bound) if bgnbd else None
    cap_rate, shop_cap = choice.rate_caps(summary, unit, s.cap_quantile, s.own_rate_multiple)
    bg_problem = choice.fit_problem(bgnbd, summary, unit, shop_cap)
    checks["bgnbd_usable"] = bgnbd is not None and bg_problem is None

    stop = gate(checks, s)
    if stop is not None:
        warnings.append(stop)
        if bg_problem is not None:  # reported in the JSON, so its problem is said too
            warnings.append(bg_problem)
        return PredictionResult(_empty(summary, lines, as_of_day), warnings, bgnbd, None, "none", "none", checks,
                                as_of_day, s)

    # --- bounds on purchase rates -----------------------------------------------------------------
    checks["max_purchases_per_year"] = shop_cap * 365.0

    # --- model choice on the shop's own past --------------------------------------------------------
    report(0.1, "Choosing the purchase model")
    model_problem = model_gate(checks, s)
    chosen = choice.choose_purchase_model(lines, summary, as_of_day, s, checks, bgnbd,
                                          models_allowed=model_problem is None, progress=report)
    if model_problem is not None:
        warnings.append(model_problem)
    warnings += chosen.warnings
    if bg_problem is not None:
        warnings.append(bg_problem)
    warnings = choice.unique(warnings)
    checks["purchase_model_at_bound"] = bool(bgnbd.at_bound) if bgnbd else None
    if chosen.too_far_off:
        checks["holdout_error"] = chosen.error
        return PredictionResult(_empty(summary, lines, as_of_day), warnings, bgnbd, None, "none", "none", checks,
                                as_of_day, s, model=chosen.to_dict())
    params = chosen.params
    pace = PaceModel(summary, as_of_day, unit)
    method = chosen.name

    groups = bg.row_groups(x, TT) if params is not None else None

    def uncapped(days: float) -> np.ndarray:
        if params is not None:
            return bg.expected_purchases(params, days / unit, x, tx, TT, groups=groups)
        return pace.expected(days)

    def expected(days: float) -> np.ndarray:
        return np.minimum(uncapped(days), cap_rate * days)

    report(0.3, "Predicting purchases")
    if params is not None:
        p_alive = bg.probability_alive(params, x, tx, TT)
        churn = bg.probability_no_purchase(params, s.churn_days / unit, x, tx, TT)
        next_days = bg.time_to_likely_purchase(params, x, tx, TT) * unit
    else:
        p_alive = pace.p_alive
        churn = pace.no_purchase(float(s.churn_days))
        next_days = pace.days_to_next()
    if method == "bgnbd":
        # in BG/NBD a one-time buyer is active by construction: their chance of still being a customer
        # comes from a model in which they can leave (MBG/NBD when usable, else the pace model)
        alive_model = chosen.alternatives.get("mbgnbd")
        once = x == 0
        p_alive = np.where(once, bg.probability_alive(alive_model, x, tx, TT) if alive_model is not None
                           else pace.p_alive, p_alive)
    e90 = expected(90.0)
    raw365 = uncapped(365.0)
    e365 = np.minimum(raw365, cap_rate * 365.0)
    checks["capped_customers"] = int(np.sum(raw365 > cap_rate * 365.0 + 1e-9))

    # --- spend per purchase -----------------------------------------------------------------------
    report(0.5, "Fitting the spend model")
    gparams: gg.GammaGammaParams | None = None
    sproblem = _spend_model_problem(checks, s)
    if sproblem is None:
        try:
            gparams = gg.fit_gamma_gamma(summary["frequency"], summary["monetary_value"])
        except ValueError:
            gparams = None
        if gparams is None or not gparams.converged or gparams.q <= 1.0 or gparams.at_bound:
            gparams = None
            sproblem = make_warning("spend_unstable")
    if sproblem is not None:
        warnings.append(sproblem)
    avg = summary["avg_day_spend"].to_numpy(dtype=float)
    positive = avg[avg > 0]
    typical = float(np.median(positive)) if len(positive) else 0.0
    top_spend = float(positive.max()) if len(positive) else 0.0
    if gparams is not None:
        spend = gg.expected_spend(gparams, summary["frequency"], summary["monetary_value"])
    else:
        spend = np.where(avg > 0, avg, typical)
    # the model shrinks towards the shop mean; never beyond the largest average anyone really spent
    spend = np.clip(spend, 0.0, top_spend)
    spend_method = "gamma_gamma" if gparams else "average"

    # --- lifetime value: monthly steps of expected purchases, discounted ------------------------------
    monthly = (1.0 + s.discount_rate) ** (1.0 / 12.0) - 1.0
    month_days = 365.25 / 12.0
    clv = np.zeros(len(x))
    previous = np.zeros(len(x))
    for month in range(1, s.clv_months + 1):
        report(0.55 + 0.3 * month / s.clv_months, "Estimating lifetime value")
        cumulative = expected(month * month_days)
        clv += (cumulative - previous) * spend / (1.0 + monthly) ** month
        previous = cumulative

    # --- ranges -----------------------------------------------------------------------------------
    report(0.87, "Working out the ranges")
    ranges = intervals.purchase_ranges(params, pace, gparams, summary, spend, cap_rate, s, 365.0,
                                       top_spend=top_spend)

    # --- bound on the total -----------------------------------------------------------------------
    spend12 = e365 * spend
    net = _net_spend(lines, as_of_day)
    last_year = _last_year_sales(lines, as_of_day, summary.index)
    checks["last_year_sales"] = last_year
    share = s.supported_total_growth if (np.isfinite(chosen.error) and chosen.error <= s.good_holdout_error) \
        else s.max_total_growth
    limit = share * last_year
    total = float(spend12.sum())
    factor = 1.0
    if last_year > 0 and total > limit:
        factor = limit / total
        warnings.append(make_warning("totals_capped", predicted=total, limit=limit, share=share,
                                     last_year=last_year))
    checks["total_scaled_by"] = factor
    spend12 = spend12 * factor
    clv = clv * factor
    spend_low = ranges.spend_low * factor
    spend_high = np.maximum(ranges.spend_high * factor, spend12)
    spend_low = np.minimum(spend_low, spend12)

    # --- table ----------------------------------------------------------------------------------------
    report(0.97, "Building the table")
    next_date = pd.Series(pd.NaT, index=summary.index, dtype="datetime64[ns]")
    finite = np.isfinite(next_days) & (next_days <= s.max_next_purchase_days)
    next_date[finite] = as_of_day + pd.to_timedelta(np.ceil(next_days[finite]), unit="D")
    bands = np.where(churn < s.low_band, "low", np.where(churn > s.high_band, "high", "medium"))
    bands = np.where(np.isnan(churn), np.array(None, dtype=object), bands)
    table = pd.DataFrame({
        "p_alive": p_alive,
        "churn_risk": churn,
        "churn_band": bands,
        "expected_purchases_90": e90,
        "expected_purchases_365": e365,
        "expected_purchases_365_low": np.minimum(ranges.purchases_low, e365),
        "expected_purchases_365_high": np.maximum(ranges.purchases_high, e365),
        "expected_next_purchase": next_date.to_numpy(),
        "historic_spend": net.reindex(summary.index).fillna(0.0).to_numpy(),
        "spend_per_purchase": spend,
        "predicted_spend_12m": spend12,
        "predicted_spend_12m_low": spend_low,
        "predicted_spend_12m_high": spend_high,
        "clv": clv,
        "frequency": summary["frequency"].to_numpy(),
        "recency": tx,
        "T": TT,
    }, index=summary.index)
    totals = intervals.total_ranges(table, ranges, factor, chosen.error, s)
    yearly = year_gate(checks, s)
    if yearly is not None:
        warnings.append(yearly)
        table.loc[:, list(YEAR_COLUMNS)] = np.nan
        totals = {k: v for k, v in totals.items() if k == "expected_purchases_90"}
    report(1.0, "Predictions ready")
    return PredictionResult(table, warnings, bgnbd, gparams, method, spend_method, checks, as_of_day, s,
                            model=chosen.to_dict(), totals=totals, purchase_params=params)


def _last_year_sales(lines: pd.DataFrame, as_of: pd.Timestamp, customers: pd.Index) -> float:
    """Net sales of the customers in the 365 days up to as_of; for a shorter history, scaled up to a
    year."""
    days = pd.to_datetime(lines["date"]).dt.normalize()
    amounts = pd.to_numeric(lines["amount"], errors="coerce").fillna(0.0)
    known = lines["customer_id"].isin(customers).to_numpy()
    start = as_of - pd.Timedelta(days=365)
    keep = known & (days <= as_of).to_numpy() & (days > start).to_numpy()
    covered = (as_of - days[known & (days <= as_of).to_numpy()].min()).days + 1 if keep.any() else 0
    total = float(amounts[keep].sum())
    return total * 365.0 / covered if 0 < covered < 365 else total


def _net_spend(lines: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """Net spend per customer (returns deducted) from lines dated up to as_of."""
    days = pd.to_datetime(lines["date"]).dt.normalize()
    amounts = pd.to_numeric(lines["amount"], errors="coerce").fillna(0.0)
    keep = (days <= as_of).to_numpy()
    return amounts[keep].groupby(lines["customer_id"][keep].to_numpy()).sum()
