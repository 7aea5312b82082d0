"""One row per customer from clean order lines: recency, frequency, spend and friends (schema.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .charges import service_lines, service_names
from .schema import CUSTOMER_FEATURE_COLUMNS, PROFILE_COLUMNS


def default_as_of(lines: pd.DataFrame) -> pd.Timestamp:
    """The default analysis date: the day of the last purchase in the data."""
    return pd.Timestamp(lines["date"].max()).normalize()


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=CUSTOMER_FEATURE_COLUMNS, index=pd.Index([], name="customer_id", dtype=object))


def build_customers(lines: pd.DataFrame, as_of: pd.Timestamp | None = None,
                    profiles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the customer table (index customer_id; columns in schema.py) from order lines up to and
    including the day `as_of` (default: the last date in the data). A customer whose lines in the
    period are only returns (they bought before the data starts) is kept with frequency 0 and their
    negative spend; their first and last purchase dates are those of the returns. Without prices (every
    amount NaN) monetary and avg_order_value are NaN and favourites go by quantity."""
    as_of = default_as_of(lines) if as_of is None else pd.Timestamp(as_of).normalize()
    lines = lines[lines["date"] < as_of + pd.Timedelta(days=1)]
    if lines.empty:
        return _empty()
    # Integer codes make every group-by below a fast numeric one, whatever the ids look like.
    cust_codes, cust_ids = pd.factorize(lines["customer_id"], sort=True)
    n = len(cust_ids)
    amount = lines["amount"].to_numpy(dtype="float64")
    day = lines["date"].dt.normalize().to_numpy().astype("datetime64[D]").astype("int64")
    is_buy = ~lines["is_return"].to_numpy(dtype=bool)

    monetary = np.bincount(cust_codes, weights=amount, minlength=n)
    b_cust = cust_codes[is_buy]
    dates = lines["date"].to_numpy()
    frame = pd.DataFrame({"c": cust_codes, "t": dates})
    first_any = frame.groupby("c")["t"].min().reindex(range(n)).to_numpy()
    last_any = frame.groupby("c")["t"].max().reindex(range(n)).to_numpy()
    b_day = day[is_buy]
    frame = pd.DataFrame({"c": b_cust, "t": dates[is_buy]})
    g = frame.groupby("c")["t"]
    first_buy = g.min().reindex(range(n)).to_numpy()
    last_buy = g.max().reindex(range(n)).to_numpy()
    frequency = _distinct_per(b_cust, pd.factorize(lines["order_id"].to_numpy()[is_buy])[0], n)
    n_products = _distinct_per(b_cust, pd.factorize(lines["product_id"].to_numpy()[is_buy])[0], n)
    n_days = _distinct_per(b_cust, b_day - (b_day.min() if len(b_day) else 0), n)

    first = np.where(np.isnat(first_buy), first_any, first_buy)
    last = np.where(np.isnat(last_buy), last_any, last_buy)
    weight = _favourite_weight(lines, amount)[is_buy]
    # Product names are factorised once: for the charges (postage, a gift bag), which are never anyone's
    # favourite product (it would head their message), and for the favourite itself.
    names = lines["product_name"].to_numpy()[is_buy]
    name_codes, name_uniques = pd.factorize(names, use_na_sentinel=True)
    named = lines["product_name"].fillna(lines["product_id"]).to_numpy()[is_buy]
    if (name_codes < 0).any() and pd.notna(named[name_codes < 0]).any():  # a nameless line has an id
        goods = ~service_lines(pd.Series(named, dtype=object))
    else:
        goods = ~np.append(service_names(name_uniques), False)[name_codes]
    cat_codes, cat_uniques = pd.factorize(lines["category"].to_numpy()[is_buy], use_na_sentinel=True)
    return customer_table(
        np.asarray(cust_ids, dtype=object), as_of, first, last, frequency, monetary, n_days, n_products,
        _top_by_spend(b_cust[goods], name_codes[goods], name_uniques, weight[goods], n),
        _top_by_spend(b_cust, cat_codes, cat_uniques, weight, n), profiles)


def customer_table(ids: np.ndarray, as_of: pd.Timestamp, first: np.ndarray, last: np.ndarray,
                   frequency: np.ndarray, monetary: np.ndarray, n_days: np.ndarray, n_products: np.ndarray,
                   favourite_product: np.ndarray, favourite_category: np.ndarray,
                   profiles: pd.DataFrame | None) -> pd.DataFrame:
    """The customer table (schema.py) from the per-customer aggregates, whichever engine computed them
    (here, or the SQL query of columnar.py): recency, tenure and the averages follow from them."""
    frequency = np.asarray(frequency, dtype="int64")
    n_days = np.asarray(n_days, dtype="int64")
    out = pd.DataFrame({
        "first_purchase": pd.to_datetime(first).astype("datetime64[ns]"),
        "last_purchase": pd.to_datetime(last).astype("datetime64[ns]"),
    }, index=pd.Index(ids, name="customer_id"))
    last_day = out["last_purchase"].dt.normalize()
    first_day = out["first_purchase"].dt.normalize()
    out["recency_days"] = (as_of - last_day).dt.days.astype("int64")
    out["frequency"] = frequency
    out["monetary"] = monetary
    out["tenure_days"] = (as_of - first_day).dt.days.astype("int64")
    out["avg_order_value"] = np.where(frequency > 0, monetary / np.maximum(frequency, 1), np.nan)
    span = (last_day - first_day).dt.days.to_numpy()
    out["avg_days_between"] = np.where(n_days > 1, span / np.maximum(n_days - 1, 1), np.nan)
    out["n_products"] = np.asarray(n_products, dtype="int64")
    out["favourite_product"] = favourite_product
    out["favourite_category"] = favourite_category
    out = out[CUSTOMER_FEATURE_COLUMNS]
    if profiles is not None and len(profiles.columns):
        prof = profiles.reindex(out.index)
        for c in PROFILE_COLUMNS:
            if c in prof.columns:
                out[c] = prof[c].to_numpy()
    return out


def _favourite_weight(lines: pd.DataFrame, amount: np.ndarray) -> np.ndarray:
    """What makes a product a customer's favourite: spend, or (a file without prices, every amount
    NaN) the quantity bought, one per line when the quantity is unknown."""
    if not np.isnan(amount).all():
        return amount
    qty = lines["quantity"].to_numpy(dtype="float64")
    return np.where(np.isnan(qty), 1.0, np.abs(qty))


def _distinct_per(cust: np.ndarray, codes: np.ndarray, n: int) -> np.ndarray:
    """Per customer code 0..n-1, the number of distinct `codes` (integers from -1 up; -1, a missing
    value, counts as one) on their lines: one hash pass over integer pairs."""
    if not len(codes):
        return np.zeros(n, dtype=np.int64)
    width = int(codes.max()) + 2
    pairs = pd.unique(cust.astype(np.int64) * width + (codes.astype(np.int64) + 1))
    return np.bincount(pairs // width, minlength=n)


def _top_by_spend(cust: np.ndarray, codes: np.ndarray, uniques: np.ndarray | pd.Index, amount: np.ndarray,
                  n: int) -> np.ndarray:
    """Per customer code 0..n-1, the value (uniques[code]; code -1: none) with the highest spend (None
    when there is none)."""
    result = np.full(n, None, dtype=object)
    ok = codes >= 0
    if not ok.any():
        return result
    n_v = max(1, len(uniques))
    inverse, pair = pd.factorize(cust[ok].astype(np.int64) * n_v + codes[ok])
    # Rounded to a millionth: sums in another order (the SQL path, columnar.py) tie the same way.
    spend = np.round(np.bincount(inverse, weights=amount[ok], minlength=len(pair)), 6)
    c, v = pair // n_v, pair % n_v
    # Highest spend per customer (ties: the value seen first in the file, the lowest code).
    best = np.full(n, -np.inf)
    np.fmax.at(best, c, spend)
    top = spend == best[c]
    first = np.full(n, n_v, dtype=np.int64)
    np.minimum.at(first, c[top], v[top])
    has = first < n_v
    result[has] = np.asarray(uniques, dtype=object)[first[has]]
    return result
