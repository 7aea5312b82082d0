"""One row per customer from clean order lines: recency, frequency, spend and friends (schema.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .schema import CUSTOMER_FEATURE_COLUMNS, PROFILE_COLUMNS


def default_as_of(lines: pd.DataFrame) -> pd.Timestamp:
    """The default analysis date: the day of the last purchase in the data."""
    return pd.Timestamp(lines["date"].max()).normalize()


def build_customers(lines: pd.DataFrame, as_of: pd.Timestamp | None = None,
                    profiles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the customer table (index customer_id; columns in schema.py) from order lines up to and
    including the day `as_of` (default: the last date in the data). A customer whose lines in the
    period are only returns (they bought before the data starts) is kept with frequency 0 and their
    negative spend; their first and last purchase dates are those of the returns."""
    as_of = default_as_of(lines) if as_of is None else pd.Timestamp(as_of).normalize()
    end = as_of + pd.Timedelta(days=1)
    lines = lines[lines["date"] < end]
    if lines.empty:
        return pd.DataFrame(columns=CUSTOMER_FEATURE_COLUMNS, index=pd.Index([], name="customer_id", dtype="string"))
    buys = lines[~lines["is_return"]]
    every = lines.groupby("customer_id", sort=True, observed=True)
    out = pd.DataFrame({"monetary": every["amount"].sum().astype("float64")})
    g = buys.groupby("customer_id", sort=True, observed=True)
    out["frequency"] = g["order_id"].nunique().reindex(out.index).fillna(0).astype("int64")
    out["first_purchase"] = g["date"].min().reindex(out.index).fillna(every["date"].min())
    out["last_purchase"] = g["date"].max().reindex(out.index).fillna(every["date"].max())
    out["n_products"] = g["product_id"].nunique().reindex(out.index).fillna(0).astype("int64")
    last_day = out["last_purchase"].dt.normalize()
    first_day = out["first_purchase"].dt.normalize()
    out["recency_days"] = (as_of - last_day).dt.days.astype("int64")
    out["tenure_days"] = (as_of - first_day).dt.days.astype("int64")
    out["avg_order_value"] = out["monetary"] / out["frequency"].where(out["frequency"] > 0)
    days = buys["date"].dt.normalize()
    n_days = days.groupby(buys["customer_id"], observed=True).nunique().reindex(out.index).fillna(0)
    span = (last_day - first_day).dt.days
    out["avg_days_between"] = np.where(n_days > 1, span / (n_days - 1).clip(lower=1), np.nan)
    out["favourite_product"] = _top_by_spend(buys, "product_name").reindex(out.index)
    out["favourite_category"] = _top_by_spend(buys, "category").reindex(out.index)
    out.index = out.index.astype("string")
    out.index.name = "customer_id"
    out = out[CUSTOMER_FEATURE_COLUMNS]
    if profiles is not None and len(profiles.columns):
        prof = profiles.reindex(out.index)
        for c in PROFILE_COLUMNS:
            if c in prof.columns:
                out[c] = prof[c].to_numpy()
    return out


def _top_by_spend(buys: pd.DataFrame, column: str) -> pd.Series:
    """Per customer, the value of `column` with the highest spend (NA when the file has none)."""
    sub = buys[["customer_id", column, "amount"]].dropna(subset=[column])
    if sub.empty:
        return pd.Series(dtype="string")
    totals = sub.groupby(["customer_id", column], observed=True, sort=False)["amount"].sum().reset_index()
    totals = totals.sort_values(["customer_id", "amount"], ascending=[True, False], kind="stable")
    top = totals.drop_duplicates("customer_id", keep="first").set_index("customer_id")[column]
    return top.astype("string")
