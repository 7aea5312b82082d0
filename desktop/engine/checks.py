"""Checks run after the analysis: figures that look implausible become warnings (desktop.texts Messages)
instead of being shown as if they were right. Each check is a pure function over the clean order lines
(schema.py) or the customer table; run_checks calls them all.

A warning here never changes a figure: it says which figure looks wrong and which column to check."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..texts import Message, message
from .cleaning import WalkIn

TOP_CUSTOMER_SHARE = 0.5  # one customer with more than this share of the revenue
TOP_CUSTOMER_MIN_CUSTOMERS = 3
ONE_LINE_SHARE = 0.5  # one line with more than this share of the revenue
ONE_LINE_MIN_LINES = 3
NO_REPEAT_MIN_CUSTOMERS = 20  # below this, a shop where nobody came back yet is plausible


def _buys(lines: pd.DataFrame) -> pd.DataFrame:
    return lines[~lines["is_return"].to_numpy(dtype=bool)]


def has_money(lines: pd.DataFrame) -> bool:
    """False when the lines carry no amounts (a file without prices)."""
    return bool(len(lines)) and bool(lines["amount"].notna().any())


def walk_in_warnings(walk_in: WalkIn | None, identified_lines: int) -> list[Message]:
    """One warning per walk-in / placeholder id set aside: its id, lines and revenue (and its share of
    the lines when it was found by its share)."""
    if walk_in is None:
        return []
    total = identified_lines + sum(int(x["lines"]) for x in walk_in.ids)
    out = []
    for x in walk_in.ids:
        params = {"customer_id": str(x["id"]), "lines": int(x["lines"])}
        code = "walk_in_share" if x.get("why") == "share" else "walk_in"
        if code == "walk_in_share":
            params["share"] = round(int(x["lines"]) / max(1, total), 4)
        if x.get("revenue") is None:
            code += "_no_prices"
        else:
            params["revenue"] = float(x["revenue"])
        out.append(message(code, **params))
    return out


def fewer_orders_than_customers(lines: pd.DataFrame) -> Message | None:
    """Fewer orders than buying customers cannot be: the order number column is probably something else
    (a date-time, a product code)."""
    buys = _buys(lines)
    orders, customers = int(buys["order_id"].nunique()), int(buys["customer_id"].nunique())
    if orders < customers:
        return message("fewer_orders_than_customers", orders=orders, customers=customers)
    return None


def top_customer_share(lines: pd.DataFrame) -> Message | None:
    """One customer with most of the revenue: a till's default customer or a wrong customer column."""
    if not has_money(lines):
        return None
    spend = lines.groupby("customer_id", sort=False)["amount"].sum()
    positive = spend[spend > 0]
    if len(spend) < TOP_CUSTOMER_MIN_CUSTOMERS or positive.empty:
        return None
    share = float(positive.max() / positive.sum())
    if share > TOP_CUSTOMER_SHARE:
        return message("top_customer_share", customer_id=str(positive.idxmax()), share=round(share, 4))
    return None


def no_repeat_buyers(customers: pd.DataFrame) -> Message | None:
    """Many customers and none bought twice: the customer column probably holds order numbers."""
    n = len(customers)
    if n >= NO_REPEAT_MIN_CUSTOMERS and int(customers["frequency"].max()) <= 1:
        return message("no_repeat_customers", customers=int(n))
    return None


def one_line_dominates(lines: pd.DataFrame) -> Message | None:
    """One line with most of the revenue: a totals row kept as a sale, or a wrong amount column."""
    if not has_money(lines) or len(lines) < ONE_LINE_MIN_LINES:
        return None
    amount = lines["amount"].to_numpy(dtype="float64")
    positive = np.where(amount > 0, amount, 0.0)
    total = float(positive.sum())
    if total <= 0:
        return None
    i = int(np.argmax(positive))
    share = float(positive[i] / total)
    if share > ONE_LINE_SHARE:
        row = lines.iloc[i]
        return message("one_line_dominates", file=str(row["source_file"]), sheet=str(row["source_sheet"]),
                       row=int(row["source_row"]), share=round(share, 4), amount=float(amount[i]))
    return None


def run_checks(lines: pd.DataFrame, customers: pd.DataFrame, walk_in: WalkIn | None = None) -> list[Message]:
    """Every check over the lines of the analysis period and its customer table; the warnings found."""
    found = walk_in_warnings(walk_in, len(lines))
    for check in (fewer_orders_than_customers(lines), top_customer_share(lines), no_repeat_buyers(customers),
                  one_line_dominates(lines)):
        if check is not None:
            found.append(check)
    return found
