"""Density groups (HDBSCAN) with a small, explained set of unusual customers.

HDBSCAN leaves every customer outside a dense region as noise; on real shops that is often a third of
them or more (customers differ gradually), which is no use to an owner. Here noise is only a
candidate: a customer is set aside as unusual when, besides being outside every dense group, the
distance to their `min_samples`-th nearest customer (their "core distance": how sparse their
neighbourhood is) lies far beyond the shop's typical one (more than OUTLIER_Z robust standard
deviations on a log scale). The other noise joins the group of its nearest grouped customer, and a
note says how many did. Each unusual customer gets a reason in words from the figure where they
differ most from the shop's median customer ("buys 20× the usual quantity per order").

Parameters scale with the shop: `min_samples` grows with the square root of the number of
customers (5..50) and the smallest group is `min_cluster_share` of them (never below min_samples).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.texts import Message, message

FIT_ROWS = 10_000
OUTLIER_Z = 3.0            # robust z of the log core distance beyond which a customer is unusual
MAX_UNUSUAL_SHARE = 0.10   # never more than this share of customers set aside
REASON_MULTIPLE = 2.0      # a figure at least this many times the usual one is the reason
LATER_REASON = 1.5         # a later figure of _REASONS wins only when this many times further out


@dataclass
class DensityFit:
    """Labels (-1 = unusual) and what was done to reach them."""

    labels: np.ndarray
    noise_share: float            # share HDBSCAN itself left outside every dense group
    rejoined: int                 # of those, customers put in their nearest group
    min_cluster_size: int
    min_samples: int
    sampled: bool


def parameters(n: int, min_cluster_share: float) -> tuple[int, int]:
    """Return (min_cluster_size, min_samples) for a shop of `n` customers."""
    min_samples = int(np.clip(round(np.sqrt(n) / 2), 5, 50))
    size = max(min_samples, round(min_cluster_share * n))
    return min(size, max(2, n - 1)), min(min_samples, max(1, n - 1))


def fit_density(X: np.ndarray, min_cluster_share: float, seed: int) -> DensityFit:
    """Return the density groups of rows of `X` (standardised features) and the unusual rows."""
    from sklearn.cluster import HDBSCAN
    from sklearn.neighbors import NearestNeighbors

    n = len(X)
    sampled = n > FIT_ROWS
    rng = np.random.default_rng(seed)
    idx = np.sort(rng.choice(n, FIT_ROWS, replace=False)) if sampled else np.arange(n)
    Xs = X[idx]
    size, min_samples = parameters(len(Xs), min_cluster_share)
    fitted = HDBSCAN(min_cluster_size=size, min_samples=min_samples, copy=True).fit(Xs).labels_
    if (fitted == -1).all():
        # No two dense groups: the shop is one group, with or without a few stragglers.
        fitted = HDBSCAN(min_cluster_size=size, min_samples=min_samples, copy=True,
                         allow_single_cluster=True).fit(Xs).labels_
    if (fitted == -1).all():
        fitted = np.zeros(len(Xs), dtype=int)
    noise_share = float(np.mean(fitted == -1))
    # Core distance of every customer among the fitted ones (a fitted customer is its own nearest).
    nn = NearestNeighbors(n_neighbors=min(min_samples + 1, len(Xs))).fit(Xs)
    dist = nn.kneighbors(X)[0]
    in_fit = np.zeros(n, dtype=bool)
    in_fit[idx] = True
    core = np.where(in_fit, dist[:, -1], dist[:, -2] if dist.shape[1] > 1 else dist[:, -1])
    score = _robust_z(np.log(core + 1e-12))
    candidate = np.ones(n, dtype=bool)          # not in a dense group of the fit
    candidate[idx] = fitted == -1
    unusual = candidate & (score > OUTLIER_Z)
    limit = int(MAX_UNUSUAL_SHARE * n)
    if unusual.sum() > limit:
        keep = np.argsort(-np.where(unusual, score, -np.inf))[:limit]
        unusual = np.zeros(n, dtype=bool)
        unusual[keep] = True
    # Everyone else takes the group of the nearest fitted customer who is in a group.
    grouped = fitted != -1
    labels = np.empty(n, dtype=int)
    nn_grouped = NearestNeighbors(n_neighbors=1).fit(Xs[grouped])
    labels[:] = fitted[grouped][nn_grouped.kneighbors(X)[1][:, 0]]
    labels[idx[grouped]] = fitted[grouped]
    labels[unusual] = -1
    rejoined = int((candidate[idx] & ~unusual[idx]).sum())
    return DensityFit(labels, noise_share, rejoined, size, min_samples, sampled)


def _robust_z(v: np.ndarray) -> np.ndarray:
    med = float(np.median(v))
    mad = 1.4826 * float(np.median(np.abs(v - med)))
    if mad <= 0:
        mad = float(np.std(v)) or 1.0
    return (v - med) / mad


# Figures an unusual customer is explained by, with the catalogue code of the sentence, most
# telling first when two are as far from the usual; total spend last, as it is made of the others.
_REASONS = (
    ("quantity_per_order", "unusual_quantity_per_order"),
    ("avg_order_value", "unusual_order_value"),
    ("frequency", "unusual_orders"),
    ("monetary", "unusual_spend"),
)


def figures(customers: pd.DataFrame, lines: pd.DataFrame | None) -> pd.DataFrame:
    """Return the figures reasons are given in: total spend, orders, spend and quantity per order."""
    out = pd.DataFrame(index=customers.index)
    for col in ("monetary", "frequency", "avg_order_value"):
        if col in customers.columns:
            out[col] = pd.to_numeric(customers[col], errors="coerce")
    if lines is not None and {"customer_id", "quantity", "order_id"} <= set(lines.columns):
        ok = lines[~lines["is_return"].astype(bool)] if "is_return" in lines.columns else lines
        qty = pd.to_numeric(ok["quantity"], errors="coerce")
        if qty.notna().any():
            by = ok.assign(quantity=qty).groupby("customer_id")
            per_order = by["quantity"].sum() / by["order_id"].nunique()
            out["quantity_per_order"] = per_order.reindex(out.index)
    return out


def reasons(customers: pd.DataFrame, lines: pd.DataFrame | None, unusual: pd.Index) -> dict[str, Message]:
    """Return {customer_id: reason} for the `unusual` customers: the figure where each is the most
    times the shop's median customer's ("buys 20× the usual quantity per order"), or, when no figure
    is REASON_MULTIPLE times the usual, the one that is the most times below it."""
    if len(unusual) == 0:
        return {}
    table = figures(customers, lines)
    usual = table.median()
    out: dict[str, Message] = {}
    for cid in unusual:
        best: tuple[float, str, str, float] | None = None
        low: tuple[float, str, float] | None = None
        for col, code in _REASONS:
            if col not in table.columns or not usual.get(col, 0) > 0:
                continue
            v = table.at[cid, col]
            if pd.isna(v):
                continue
            ratio = float(v) / float(usual[col])
            # Total spend is orders times spend per order: it is the reason only when neither
            # part is (a trade buyer spends more in all because each order is bigger).
            if col == "monetary" and best is not None:
                continue
            if ratio >= REASON_MULTIPLE and (best is None or ratio > best[0] * LATER_REASON):
                best = (ratio, code, col, float(v))
            if ratio > 0 and (low is None or ratio < low[0]):
                low = (ratio, col, float(v))
        if best is not None:
            out[str(cid)] = message(best[1], multiple=rounded_multiple(best[0]))
        elif low is not None and low[0] <= 1 / REASON_MULTIPLE:
            # the figure's words are the catalogue's LABELS group "figure"
            out[str(cid)] = message("unusual_low", figure=low[1],
                                    fraction=rounded_multiple(1 / low[0]))
        else:
            out[str(cid)] = message("unusual_mix")
    return out


def rounded_multiple(r: float) -> float | int:
    """A multiple as a person says it: whole above 10 (20×), one decimal below (2.5×)."""
    return round(r) if r >= 10 else round(r, 1)


def summary(customers: pd.DataFrame, unusual_reasons: dict[str, Message]) -> dict:
    """Return the unusual customers' count, share of customers and of revenue, and their reasons
    (the most common first) as JSON-ready data."""
    n = len(customers)
    ids = list(unusual_reasons)
    spend = pd.to_numeric(customers.get("monetary", pd.Series(0.0, index=customers.index)),
                          errors="coerce").fillna(0.0)
    total = float(spend.sum())
    counts: dict[str, int] = {}
    for m in unusual_reasons.values():
        counts[m.code] = counts.get(m.code, 0) + 1
    return {
        "customers": len(ids),
        "share": len(ids) / n if n else 0.0,
        "revenue_share": float(spend.reindex(ids).sum()) / total if total else 0.0,
        "reasons": [{"code": c, "customers": k} for c, k in sorted(counts.items(), key=lambda kv: -kv[1])],
        "per_customer": {cid: m.to_dict() for cid, m in unusual_reasons.items()},
    }
