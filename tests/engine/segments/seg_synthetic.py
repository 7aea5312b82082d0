"""Synthetic customers with known groups, built the way customers.build_customers lays them out."""

from __future__ import annotations

import numpy as np
import pandas as pd

# (recency days, orders, spend per order, days between orders, tenure days) per known group
GROUPS = {
    "regulars": (8, 25, 60.0, 12.0, 500),
    "lapsed": (330, 1, 40.0, np.nan, 340),
    "big_gifts": (60, 3, 900.0, 90.0, 250),
}


def make_customers(sizes: dict[str, int], seed: int = 0) -> tuple[pd.DataFrame, pd.Series]:
    """Return (customer table, true group per customer) with tight, well separated groups."""
    rng = np.random.default_rng(seed)
    frames, truth = [], []
    start = 0
    for group, n in sizes.items():
        rec, freq, aov, gap, ten = GROUPS[group]
        ids = [f"C{start + i:05d}" for i in range(n)]
        start += n
        f = np.maximum(1, np.round(freq * rng.lognormal(0, 0.1, n))).astype(int)
        a = aov * rng.lognormal(0, 0.1, n)
        r = np.maximum(0, np.round(rec * rng.lognormal(0, 0.1, n))).astype(int)
        t = np.maximum(r, np.round(ten * rng.lognormal(0, 0.05, n))).astype(int)
        g = np.where(f > 1, gap * rng.lognormal(0, 0.1, n), np.nan)
        frames.append(pd.DataFrame({
            "recency_days": r, "frequency": f, "monetary": f * a, "tenure_days": t,
            "avg_order_value": a, "avg_days_between": g, "n_products": f,
        }, index=pd.Index(ids, name="customer_id")))
        truth += [group] * n
    customers = pd.concat(frames)
    as_of = pd.Timestamp("2026-06-30")
    customers["last_purchase"] = as_of - pd.to_timedelta(customers["recency_days"], unit="D")
    customers["first_purchase"] = as_of - pd.to_timedelta(customers["tenure_days"], unit="D")
    return customers, pd.Series(truth, index=customers.index, name="truth")


def three_groups(seed: int = 0) -> tuple[pd.DataFrame, pd.Series]:
    """Return 400 customers in three known groups and their true groups."""
    return make_customers({"regulars": 120, "lapsed": 200, "big_gifts": 80}, seed=seed)


def make_lines(customers: pd.DataFrame, categories: dict[str, str], seed: int = 0) -> pd.DataFrame:
    """Return order lines (schema.py columns used here) giving each customer one main category."""
    rng = np.random.default_rng(seed)
    rows = []
    for cid, c in customers.iterrows():
        main = categories[cid]
        for i in range(int(c["frequency"])):
            cat = main if rng.random() < 0.9 else "Snacks"
            rows.append({"customer_id": cid, "order_id": f"{cid}-{i}", "category": cat,
                         "amount": float(c["avg_order_value"]), "is_return": False,
                         "date": pd.Timestamp("2026-01-01") + pd.Timedelta(days=i)})
    return pd.DataFrame(rows)
