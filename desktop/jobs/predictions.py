"""Predictions: per-customer purchase and spend predictions (with the columns the customers table
and the export show), the chance of buying in the next days (propensity), and the check of the
purchase model against a period it did not see (holdout)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
else:  # imported on first use: the window shows without it (desktop/lazy.py)
    from desktop.lazy import pandas as pd

from desktop.engine.progress import Progress

# Inputs with at least this many order lines are predicted in a child process: the fits hold
# Python's lock long enough to make the window stutter (a child costs ~1 s to start).
PROCESS_MIN_LINES = 400_000
HOLDOUT_FREQUENCIES = 7  # the chart's last bar collects customers with this many repeat purchases or more
CONTEXT_COLUMNS = ("customer_name", "segment_label", "segment", "monetary", "last_purchase")
# the prediction columns added to the customers' rows (customers table, customer panel)
CUSTOMER_COLUMNS = ("churn_risk", "churn_band", "churn_band_label", "p_alive", "predicted_spend_12m", "clv")


def quiet(progress: Progress | None) -> Progress | None:
    """Return `progress` without the engine's English step messages: the status bar then shows
    the task's translated label."""
    if progress is None:
        return None
    return lambda fraction, message="": progress(fraction, "")


def customer_context(customers: pd.DataFrame) -> pd.DataFrame:
    """Return the customer columns the prediction tables show (name, group, spend, dates)."""
    return customers[[c for c in CONTEXT_COLUMNS if c in customers.columns]]


def with_customers(frame: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    """Return `frame` (indexed by customer id) with the customers' name, group and dates."""
    wanted = [c for c in CONTEXT_COLUMNS if c in customers.columns and c not in frame.columns]
    return frame.join(customers[wanted], how="left")


@dataclass(frozen=True)
class PredictionRequest:
    """Per-customer predictions of `lines` with the settings the predictions view offers.

    Two requests are the same work when their settings are (the data is the session's analysis)."""

    as_of: Any = None            # analysis date (pandas Timestamp) or None: the last purchase day
    time_unit: str = "week"      # 'week' or 'day'
    discount_rate: float = 0.10  # yearly, for the lifetime value
    lines: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    customers: pd.DataFrame | None = field(default=None, compare=False, repr=False)  # customer_context
    band_names: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # churn band key -> label
    clv_months: int = 36         # lifetime value horizon


@dataclass
class PreparedPredictions:
    """A PredictionResult with what the views show from it, built on the worker so that the GUI
    thread only swaps tables in when 87,000 customers' predictions arrive."""

    result: Any                # desktop.engine.predictions.PredictionResult
    columns: pd.DataFrame      # CUSTOMER_COLUMNS for the request's customers, in their order
    churn: pd.DataFrame        # the slipping-away table (customer names, groups, band labels)
    bands: pd.Series           # customers per churn band

    @property
    def table(self) -> pd.DataFrame:
        """The engine's per-customer table (index customer_id), as the export takes it."""
        return self.result.table


def predict(lines: pd.DataFrame, request: PredictionRequest, progress: Progress | None = None):
    """Return desktop.engine.predictions.PredictionResult for `lines`."""
    from desktop.engine.predictions import PredictionSettings, predict_customers
    from desktop.engine.predictions.no_prices import has_prices, without_spend

    settings = PredictionSettings(time_unit=request.time_unit, discount_rate=request.discount_rate,
                                  clv_months=request.clv_months)
    result = predict_customers(lines, request.as_of, settings, progress=quiet(progress))
    if not has_prices(lines):  # a file without prices: spend and lifetime value unknown, not 0
        result.table = without_spend(result.table)
    result.table.index = result.table.index.astype(str)
    return result


def prepare_predictions(result, customers: pd.DataFrame, names: dict[str, str]) -> PreparedPredictions:
    """Return `result` with the columns for `customers` and the slipping-away table, churn bands
    labelled with `names` (band key -> label in the UI language)."""
    table = result.table
    aligned = table.reindex(customers.index)
    columns = pd.DataFrame({
        "churn_risk": aligned["churn_risk"].astype(float),
        "churn_band": aligned["churn_band"].astype(object),
        "churn_band_label": aligned["churn_band"].map(names).astype(object),
        "p_alive": aligned["p_alive"].astype(float),
        "predicted_spend_12m": aligned["predicted_spend_12m"].astype(float),
        "clv": aligned["clv"].astype(float),
    }, index=customers.index)
    churn = with_customers(table.drop(columns=["frequency", "recency", "T"], errors="ignore"), customers)
    churn["churn_band_label"] = churn["churn_band"].map(names)
    churn["purchase_chance"] = 1.0 - churn["churn_risk"].astype(float)
    return PreparedPredictions(result=result, columns=columns, churn=churn,
                               bands=table["churn_band"].value_counts())


def run(request: PredictionRequest, progress: Progress | None = None) -> PreparedPredictions:
    """Predict for the request's lines and prepare the tables for its customers."""
    if request.lines is None or request.customers is None:
        raise ValueError("a prediction request needs the analysis' lines and customers")
    result = predict(request.lines, request, progress)
    return prepare_predictions(result, request.customers, dict(request.band_names))


@dataclass(frozen=True)
class PropensityRequest:
    """Each customer's chance of buying in the next `horizon_days` days after `as_of`."""

    as_of: Any = None
    horizon_days: int = 90
    lines: pd.DataFrame | None = field(default=None, compare=False, repr=False)


def run_propensity(request: PropensityRequest, progress: Progress | None = None):
    """Return desktop.engine.predictions.PropensityResult (scores indexed by customer id as text)."""
    from desktop.engine.predictions import propensity

    result = propensity(request.lines, request.as_of, request.horizon_days, progress=quiet(progress))
    result.scores.index = result.scores.index.astype(str)
    return result


@dataclass(frozen=True)
class HoldoutRequest:
    """The purchase model (`model`: 'bgnbd' or 'mbgnbd') fitted up to `calibration_end`, compared
    with what customers really did until `holdout_end`."""

    calibration_end: Any
    holdout_end: Any
    time_unit: str = "week"
    model: str = "bgnbd"
    lines: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    params: Any = field(default=None, hash=False)  # BG/NBD parameters to check instead of fitting them


def run_holdout(request: HoldoutRequest, progress: Progress | None = None):
    """Return desktop.engine.predictions.HoldoutResult."""
    from desktop.engine.predictions import holdout_validation

    return holdout_validation(request.lines, request.calibration_end, request.holdout_end, request.time_unit,
                              max_frequency=HOLDOUT_FREQUENCIES, progress=quiet(progress), model=request.model,
                              params=request.params)


def unit_days(time_unit: str) -> float:
    """Days in one time unit of the purchase model ('week': 7)."""
    from desktop.engine.predictions.summary import unit_days as days

    return days(time_unit)


def propensity_model_name(key: str, language: str) -> str:
    """The name of propensity model `key` in `language` (a catalogue language: "en", "zh"...)."""
    from desktop import texts

    return texts.label("propensity_model", key, language)
