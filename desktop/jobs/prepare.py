"""Everything the views need from an analysis, computed once on a worker (no Qt here: the GUI
thread only receives finished arrays and frames). Derived results (predictions, suggestions,
segmentations) are not kept here: they live in the session's slots (desktop.session)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd


class LineIndex(Mapping):
    """Customer id -> positions of their order lines, stored as one array of positions grouped by
    customer plus offsets: a dict of 100,000 small arrays takes ~1 s to unpickle, this ~10 ms."""

    def __init__(self, keys: pd.Index, rows: np.ndarray, starts: np.ndarray) -> None:
        self.keys_index = keys
        self.rows = rows
        self.starts = starts

    @classmethod
    def build(cls, customer_ids: pd.Series) -> LineIndex:
        """Return the index of `customer_ids` (one entry per order line; positions ascending)."""
        codes, uniques = pd.factorize(customer_ids, sort=False)
        keys = pd.Index(np.asarray(uniques, dtype=object).astype(str), dtype=object)
        known = codes >= 0
        positions = np.flatnonzero(known)
        # a stable sort keeps each customer's positions ascending, like groupby().indices
        rows = positions[np.argsort(codes[known], kind="stable")]
        counts = np.bincount(codes[known], minlength=len(keys))
        starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        return cls(keys, rows.astype(np.int64), starts)

    def __getitem__(self, key: str) -> np.ndarray:
        try:
            position = self.keys_index.get_loc(key)
        except (KeyError, TypeError):
            raise KeyError(key) from None
        if not isinstance(position, (int, np.integer)):
            raise KeyError(key)
        return self.rows[self.starts[position]:self.starts[position + 1]]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_index)

    def __len__(self) -> int:
        return len(self.keys_index)

    def __contains__(self, key: object) -> bool:
        return key in self.keys_index

@dataclass
class KeyFigures:
    customers: int
    net_revenue: float
    active_90: int
    repeat_rate: float
    average_order_value: float
    orders: int
    first_date: pd.Timestamp | None
    last_date: pd.Timestamp | None
    has_prices: bool = True  # False: money figures are unknown (the file has no prices)
    walk_in_lines: int = 0  # sales without a customer (walk-in / placeholder ids), in the shop's totals
    walk_in_revenue: float | None = 0.0
    walk_in_orders: int = 0
    shop_revenue: float | None = None  # customers' net revenue + walk-in sales (None without prices)


@dataclass
class AnalysisData:
    """An Analysis plus the tables and arrays the views draw from."""

    analysis: Any  # desktop.engine.pipeline.Analysis
    customers: pd.DataFrame  # display frame, index customer_id, with segment_label
    segments: pd.DataFrame  # summary, with label/profile_text/action_text in the UI language
    figures: KeyFigures
    monthly: pd.Series  # net revenue per month, index 'YYYY-MM'
    rf_grid: np.ndarray  # 5x5 counts, [r-1, f-1]
    projection: np.ndarray  # (n_customers, 2) map coordinates in customers' order
    search_text: np.ndarray  # lower-case text per customer for the search box
    line_rows: Mapping[str, np.ndarray]  # customer id -> positions in analysis.lines (LineIndex)
    spend_pct: np.ndarray  # spend percentile 0..1 per customer (customers' order)
    chinese: bool = False

    @property
    def lines(self) -> pd.DataFrame:
        return self.analysis.lines

    def customer_position(self, customer_id: str) -> int:
        """Return the position of `customer_id` in `customers`, or -1."""
        try:
            return int(self.customers.index.get_loc(customer_id))
        except KeyError:
            return -1

    def customer_lines(self, customer_id: str) -> pd.DataFrame:
        """Return the order lines of one customer, newest first."""
        rows = self.line_rows.get(customer_id)
        if rows is None:
            return self.lines.iloc[0:0]
        return self.lines.iloc[rows].sort_values("date", ascending=False)


def tier_labels(analysis: Any, index: pd.Index, chinese: bool = False) -> pd.Series | None:
    """Each customer's VIP tier (Member, Silver, Gold, Platinum by spend over the last 12 months, the
    thresholds from the shop's own figures; engine/tiers.py) in the UI language, for the customer
    table; None for a file without prices or with too few spending customers."""
    from desktop.engine.tiers import tier_label, tiers_of

    result = tiers_of(analysis)
    if result.thresholds is None:
        return None
    tiers = result.table["tier"]
    tiers.index = tiers.index.astype(str)
    language = "zh" if chinese else "en"
    return tiers.reindex(index).map(lambda t: tier_label(t, language) if isinstance(t, str) else None)


def prepare(analysis: Any, chinese: bool = False, progress=None) -> AnalysisData:
    """Return the view data for `analysis`, labels in Chinese when `chinese`."""
    report = progress or (lambda f, m="": None)
    customers = analysis.customers
    lines = analysis.lines
    report(0.05, "")
    view = customers.copy()
    view.index = view.index.astype(str)
    name_col = "segment_name_zh" if chinese and "segment_name_zh" in view else "segment_name"
    view["segment_label"] = view[name_col] if name_col in view else view.get("segment", "")
    if "customer_name" not in view:
        view["customer_name"] = pd.NA
    tiers = tier_labels(analysis, view.index, chinese)
    if tiers is not None:
        view["tier_label"] = tiers

    segments = analysis.segments.copy()
    zh = chinese and "name_zh" in segments
    segments["label"] = segments["name_zh"] if zh else segments["name"]
    segments["profile_text"] = segments.get("profile_zh" if zh else "profile", "")
    segments["action_text"] = segments.get("action_zh" if zh else "action", "")

    report(0.2, "")
    buys = lines[~lines["is_return"]] if "is_return" in lines else lines
    orders = int(buys["order_id"].nunique()) if len(buys) else 0
    net = float(lines["amount"].sum()) if len(lines) else 0.0
    freq = view["frequency"] if "frequency" in view else pd.Series(0, index=view.index)
    has_prices = bool(getattr(analysis, "has_prices", True))
    walk_in = analysis.walk_in() if hasattr(analysis, "walk_in") else {"lines": 0, "revenue": 0.0, "orders": 0}
    figures = KeyFigures(
        customers=len(view),
        net_revenue=net,
        active_90=int((view["recency_days"] <= 90).sum()) if "recency_days" in view else 0,
        repeat_rate=float((freq >= 2).mean()) if len(view) else 0.0,
        average_order_value=net / orders if orders else 0.0,
        orders=orders,
        first_date=lines["date"].min() if len(lines) else None,
        last_date=lines["date"].max() if len(lines) else None,
        has_prices=has_prices,
        walk_in_lines=int(walk_in["lines"]),
        walk_in_revenue=walk_in["revenue"],
        walk_in_orders=int(walk_in["orders"]),
        shop_revenue=net + (walk_in["revenue"] or 0.0) if has_prices else None,
    )

    report(0.35, "")
    if len(lines):
        months = lines["date"].dt.strftime("%Y-%m")
        monthly = lines["amount"].groupby(months.to_numpy()).sum().sort_index()
    else:
        monthly = pd.Series(dtype=float)

    rf_grid = np.zeros((5, 5), dtype=np.int64)
    if {"r_score", "f_score"} <= set(view.columns) and len(view):
        r = view["r_score"].to_numpy(dtype=np.int64, na_value=0)
        f = view["f_score"].to_numpy(dtype=np.int64, na_value=0)
        ok = (r >= 1) & (r <= 5) & (f >= 1) & (f <= 5)
        np.add.at(rf_grid, (r[ok] - 1, f[ok] - 1), 1)

    report(0.5, "")
    projection = project(view)
    report(0.65, "")
    parts = [view.index.to_series().astype(str)]
    for column in ("customer_name", "phone", "email", "city"):
        if column in view:
            parts.append(view[column].astype("string").fillna(""))
    search = parts[0].str.cat(parts[1:], sep=" ").str.lower() if len(parts) > 1 else parts[0].str.lower()
    search_text = search.to_numpy(dtype=object)

    report(0.75, "")
    line_rows = LineIndex.build(lines["customer_id"]) if len(lines) else LineIndex.build(pd.Series([], dtype=object))
    spend = view["monetary"] if "monetary" in view else pd.Series(0.0, index=view.index)
    spend_pct = spend.rank(pct=True).to_numpy(dtype=float)
    report(1.0, "")
    return AnalysisData(analysis=analysis, customers=view, segments=segments, figures=figures,
                        monthly=monthly, rf_grid=rf_grid, projection=projection,
                        search_text=search_text, line_rows=line_rows, spend_pct=spend_pct,
                        chinese=chinese)


def project(customers: pd.DataFrame) -> np.ndarray:
    """Return 2-D map coordinates: the first two principal components of standardised
    log recency, log frequency and log spend (an engine embedding replaces this later)."""
    n = len(customers)
    if n == 0:
        return np.zeros((0, 2))
    cols = []
    for name in ("recency_days", "frequency", "monetary"):
        values = customers[name].to_numpy(dtype=float, na_value=0.0) if name in customers else np.zeros(n)
        cols.append(np.log1p(np.clip(values, 0, None)))
    x = np.column_stack(cols)
    x = x - x.mean(axis=0)
    std = x.std(axis=0)
    x = x / np.where(std > 0, std, 1.0)
    if n < 2:
        return np.zeros((n, 2))
    # principal axes from the 3x3 covariance: cheap for any number of customers
    eigval, eigvec = np.linalg.eigh(np.cov(x, rowvar=False))
    axes = eigvec[:, np.argsort(eigval)[::-1][:2]]
    # fix the sign so that "more spend" points right in every run
    for j in range(2):
        if axes[2, j] < 0:
            axes[:, j] = -axes[:, j]
    coords = x @ axes
    # a little jitter separates customers with identical figures (many one-time buyers)
    rng = np.random.default_rng(0)
    return coords + rng.normal(0.0, 0.03, coords.shape)
