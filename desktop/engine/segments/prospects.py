"""Prospects: people in the shop's customer list who never bought, as a group of their own.

The customer table (customers.py) has a row only for customers with order lines; the customer
list's other sign-ups would otherwise be dropped. `find_prospects` keeps them, `with_prospects`
adds them to a customer table and its segment summary (segment "prospects", no orders, no spend)
so they can be shown and exported like any segment.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PROSPECTS_KEY = "prospects"
NAME = ("Prospects: signed up, never bought", "潜在客户：已注册但从未购买")
ACTION = ("Send a welcome offer for a first order", "发送首单欢迎优惠")
PROFILE = ("In the customer list, with no purchase in the data.", "在客户名单中，但数据里没有任何购买。")


def find_prospects(profiles: pd.DataFrame | None, lines: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of the customer list (`profiles`, index customer_id) with no order line."""
    if profiles is None or not len(profiles):
        return pd.DataFrame(index=pd.Index([], name="customer_id", dtype=object))
    bought = pd.Index(lines["customer_id"].astype(str).unique())
    return profiles[~profiles.index.astype(str).isin(bought)]


def summary_row(count: int, total: int) -> dict:
    """Return the segment-summary row of `count` prospects among `total` people (buyers and
    prospects)."""
    return {"key": PROSPECTS_KEY, "name": NAME[0], "name_zh": NAME[1], "customers": int(count),
            "share": count / total if total else 0.0, "revenue": 0.0, "revenue_share": 0.0,
            "avg_spend": 0.0, "profile": PROFILE[0], "profile_zh": PROFILE[1],
            "action": ACTION[0], "action_zh": ACTION[1]}


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
    rows["segment_name"], rows["segment_name_zh"] = NAME
    rows["frequency"] = 0
    rows["monetary"] = 0.0
    rows["recency_days"] = np.nan
    out = pd.concat([customers, rows.drop(columns=[c for c in rows.columns if c in customers.index.names])])
    if summary is None:
        return out, None
    row = summary_row(len(rows), len(out))
    extra = pd.DataFrame([{k: v for k, v in row.items() if k in summary.columns or k == "key"}])
    return out, pd.concat([summary, extra], ignore_index=True)
