"""Prospects: people in the shop's customer list who never bought, as a group of their own.

The customer table (customers.py) has a row only for customers with order lines; the customer
list's other sign-ups would otherwise be dropped. `find_prospects` keeps them, `with_prospects`
adds them to a customer table and its segment summary (segment "prospects", no orders, no spend)
so they can be shown and exported like any segment.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .words import fields, label

PROSPECTS_KEY = "prospects"  # its words: the catalogue's segment_name, segment_profile, segment_action


def find_prospects(profiles: pd.DataFrame | None, lines: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of the customer list (`profiles`, index customer_id) with no order line."""
    if profiles is None or not len(profiles):
        return pd.DataFrame(index=pd.Index([], name="customer_id", dtype=object))
    bought = pd.Index(lines["customer_id"].astype(str).unique())
    return profiles[~profiles.index.astype(str).isin(bought)]


def summary_row(count: int, total: int) -> dict:
    """Return the segment-summary row of `count` prospects among `total` people (buyers and
    prospects)."""
    return {"key": PROSPECTS_KEY, **fields("name", label("segment_name", PROSPECTS_KEY)), "customers": int(count),
            "share": count / total if total else 0.0, "revenue": 0.0, "revenue_share": 0.0,
            "avg_spend": 0.0, **fields("profile", label("segment_profile", PROSPECTS_KEY)),
            **fields("action", label("segment_action", PROSPECTS_KEY))}


def with_prospects(customers: pd.DataFrame, summary: pd.DataFrame | None,
                   prospects: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Return `customers` and `summary` with the prospects added as segment "prospects" (their
    profile fields kept; no orders, no spend, no purchase dates)."""
    if prospects is None or not len(prospects):
        return customers, summary
    rows = pd.DataFrame(index=prospects.index.astype(str).rename(customers.index.name))
    for col in prospects.columns:
        if col in customers.columns or col in ("customer_name", "phone", "email", "city"):
            rows[col] = prospects[col].to_numpy()
    rows["segment"] = PROSPECTS_KEY
    for column, name in fields("segment_name", label("segment_name", PROSPECTS_KEY)).items():
        rows[column] = name
    rows["frequency"] = 0
    rows["monetary"] = 0.0
    rows["recency_days"] = np.nan
    out = pd.concat([customers, rows.drop(columns=[c for c in rows.columns if c in customers.index.names])])
    if summary is None:
        return out, None
    row = summary_row(len(rows), len(out))
    extra = pd.DataFrame([{k: v for k, v in row.items() if k in summary.columns or k == "key"}])
    return out, pd.concat([summary, extra], ignore_index=True)
