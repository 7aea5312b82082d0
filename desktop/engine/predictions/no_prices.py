"""Predictions for a file without prices (member, date, item): purchases, activity and churn are
predicted as usual; every spend figure is unknown (NaN in the table, null in JSON) instead of 0."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

# Money columns of the prediction table (their _low / _high ranges included when present).
SPEND_COLUMNS = ("historic_spend", "spend_per_purchase", "predicted_spend_12m", "clv")


def has_prices(lines: pd.DataFrame) -> bool:
    """False when no order line carries an amount (the file has no prices)."""
    return bool(len(lines)) and bool(lines["amount"].notna().any())


def spend_columns(columns: Iterable[str]) -> list[str]:
    """The spend columns among `columns`, with their ranges."""
    return [c for c in columns if any(c == s or c.startswith(s + "_") for s in SPEND_COLUMNS)]


def without_spend(table: pd.DataFrame) -> pd.DataFrame:
    """The prediction table with every spend column set to NaN (a copy)."""
    out = table.copy()
    for c in spend_columns(out.columns):
        out[c] = float("nan")
    return out
