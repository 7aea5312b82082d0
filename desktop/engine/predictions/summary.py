"""Order lines -> one row per customer in the shape the buy-till-you-die models need.

The models work on purchase *days*: several lines, receipts or a time of day on the same day count as
one purchase, as in Fader, Hardie & Lee (2005). Returns are not purchases.
"""

from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd

from desktop.engine.errors import InputError

TIME_UNITS: dict[str, float] = {"day": 1.0, "week": 7.0}
"""Length of each time unit in days."""

SUMMARY_COLUMNS = [
    "frequency",       # repeat purchase days (purchase days minus one)
    "recency",         # time from the first to the last purchase day, in time units (t_x)
    "T",               # time from the first purchase day to the end of the period, in time units
    "monetary_value",  # mean spend of the repeat purchase days (NaN without repeat purchases)
    "first_purchase",  # first purchase day
    "last_purchase",   # last purchase day up to the end of the period
    "purchase_days",   # distinct purchase days
    "spend",           # gross spend of the purchase days in the period
    "avg_day_spend",   # spend / purchase_days: average spend per purchase day, first day included
]


def unit_days(time_unit: str) -> float:
    """Return the length of `time_unit` ('day' or 'week') in days."""
    try:
        return TIME_UNITS[time_unit]
    except KeyError:
        raise InputError("predict_time_unit_known_use", time_unit=time_unit) from None


def to_day(value: object) -> pd.Timestamp:
    """Return `value` (date, text or Timestamp) as a Timestamp at midnight."""
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        value = _dt.datetime(value.year, value.month, value.day)
    return pd.Timestamp(value).normalize()


def purchase_days(lines: pd.DataFrame, end: object | None = None, start: object | None = None) -> pd.DataFrame:
    """Return one row per customer and purchase day: columns customer_id, day, spend.

    Only purchases (not returns) are kept, from days after `start` (exclusive) up to `end` (inclusive);
    `spend` is the gross amount bought that day.
    """
    missing = {"customer_id", "date", "amount"} - set(lines.columns)
    if missing:
        raise InputError("predict_order_lines_lack_column", columns=sorted(missing))
    if "is_return" in lines.columns:
        keep = ~lines["is_return"].fillna(False).astype(bool).to_numpy()
    else:
        keep = (lines["amount"].fillna(0) >= 0).to_numpy()
    frame = pd.DataFrame({
        "customer_id": lines["customer_id"].to_numpy()[keep],
        "day": pd.to_datetime(lines["date"].to_numpy()[keep]).normalize(),
        "spend": pd.to_numeric(lines["amount"], errors="coerce").to_numpy(dtype=float)[keep],
    })
    frame = frame[frame["customer_id"].notna() & frame["day"].notna()]
    if end is not None:
        frame = frame[frame["day"] <= to_day(end)]
    if start is not None:
        frame = frame[frame["day"] > to_day(start)]
    daily = frame.groupby(["customer_id", "day"], sort=True, observed=True)["spend"].sum(min_count=0)
    return daily.reset_index()


def summarise_for_clv(lines: pd.DataFrame, calibration_end: object | None = None,
                      time_unit: str = "week") -> pd.DataFrame:
    """Return a DataFrame indexed by customer_id with SUMMARY_COLUMNS, measured up to `calibration_end`.

    `calibration_end` is the last day of the period (inclusive; default: the last purchase day in the
    lines). Each customer's clock starts on their first purchase day; T runs to `calibration_end`.
    Customers whose first purchase is after it are left out.
    """
    unit = unit_days(time_unit)
    daily = purchase_days(lines, end=calibration_end)
    if daily.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS, index=pd.Index([], name="customer_id"))
    end = to_day(calibration_end) if calibration_end is not None else daily["day"].max()

    grouped = daily.groupby("customer_id", sort=True, observed=True)
    first = grouped["day"].min()
    last = grouped["day"].max()
    count = grouped["day"].size()
    spend = grouped["spend"].sum()
    # daily is sorted by (customer, day), so each customer's first row is their first purchase day
    first_spend = grouped["spend"].first()

    days_x = (last - first).dt.days.to_numpy(dtype=float)
    days_T = (end - first).dt.days.to_numpy(dtype=float)
    repeats = count.to_numpy() - 1
    with np.errstate(invalid="ignore", divide="ignore"):
        monetary = np.where(repeats > 0, (spend - first_spend).to_numpy() / repeats, np.nan)
    out = pd.DataFrame({
        "frequency": repeats.astype(np.int64),
        "recency": days_x / unit,
        "T": days_T / unit,
        "monetary_value": monetary,
        "first_purchase": first.to_numpy(),
        "last_purchase": last.to_numpy(),
        "purchase_days": count.to_numpy().astype(np.int64),
        "spend": spend.to_numpy(dtype=float),
        "avg_day_spend": spend.to_numpy(dtype=float) / count.to_numpy(),
    }, index=first.index)
    out.index.name = "customer_id"
    return out
