"""Time-based holdout: fit before a cutoff date, check the suggestions against what was bought after."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from desktop.engine.errors import InputError
from desktop.engine.progress import Progress, no_progress, scaled

from .blend import MODES
from .matrix import purchases_only
from .sparse_utils import one_blas_thread
from .suggest import BATCH, SuggestionSettings, _new_only, _ranked, _fit, _relevant_sets, candidates

METRICS = ("precision", "recall", "hit_rate", "ndcg", "coverage")


def ranking_metrics(top: np.ndarray, relevant: list[set], k: int, n_products: int) -> dict[str, float]:
    """Return precision, recall, hit rate and NDCG at k (means over customers) and catalogue coverage.

    `top` holds each customer's suggested product columns, best first (-1 = no suggestion).
    """
    if len(relevant) == 0:
        return {m: 0.0 for m in METRICS}
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    prec, rec, hit, ndcg = [], [], [], []
    for row, rel in zip(top, relevant):
        got = np.array([c in rel for c in row[:k]], dtype=bool) & (row[:k] >= 0)
        h = int(got.sum())
        prec.append(h / k)
        rec.append(h / len(rel))
        hit.append(1.0 if h else 0.0)
        ideal = discounts[: min(len(rel), k)].sum()
        ndcg.append(float((discounts[: len(got)] * got).sum() / ideal))
    shown = np.unique(top[:, :k][top[:, :k] >= 0])
    return {"precision": float(np.mean(prec)), "recall": float(np.mean(rec)), "hit_rate": float(np.mean(hit)),
            "ndcg": float(np.mean(ndcg)), "coverage": float(len(shown) / max(n_products, 1))}


@one_blas_thread
def evaluate(lines: pd.DataFrame, cutoff, k: int = 10, settings: SuggestionSettings | None = None, *,
             customers: pd.DataFrame | None = None, details: bool = False,
             progress: Progress | None = None) -> dict:
    """Fit on purchases before `cutoff`, suggest k products, and score them on purchases from `cutoff` on.

    Returns {"cutoff", "k", "models": {name: {"repeats_allowed": {...}, "new_items_only": {...}}}} with
    precision, recall, hit_rate, ndcg and coverage for every model on its own and for "blend". Only
    customers who bought both before and after the cutoff are scored ("new_items_only": those who
    bought something new to them). With `details`, adds a "details" entry (customers scored, weights).
    """
    progress = progress or no_progress
    settings = settings or SuggestionSettings()
    cutoff_ts = pd.Timestamp(cutoff)
    buys = purchases_only(lines)
    dates = pd.to_datetime(buys["date"])
    train, test = buys[dates < cutoff_ts], buys[dates >= cutoff_ts]
    if train.empty or test.empty:
        first, last = dates.min(), dates.max()
        raise InputError(f"The cutoff {cutoff_ts.date()} must fall inside the data, which runs from "
                         f"{first.date()} to {last.date()}, so that there are purchases before and after it.",
                         zh=f"分界日期 {cutoff_ts.date()} 必须在数据的时间范围内（{first.date()} 至 {last.date()}），"
                            "这样它前后才都有购买记录。")
    span = (cutoff_ts - pd.to_datetime(train["date"]).min()) / pd.Timedelta(days=1)
    test_days = (pd.to_datetime(test["date"]).max() - cutoff_ts) / pd.Timedelta(days=1)
    if settings.horizon_days is None:
        # Look as far ahead as the test period, within what the training history can support.
        horizon = float(max(1.0, min(np.ceil(test_days), span / 3.0)))
        settings = replace(settings, horizon_days=horizon)
    settings = replace(settings, k=k)
    sm = _fit(train, settings, customers, cutoff_ts, MODES, scaled(progress, 0, 0.7))  # both modes are scored
    pm = sm.pm
    sm.models.fit(sm.models.names, scaled(progress, 0.7, 0.8))  # every model is scored on its own

    rows_all = pm.rows_of(test["customer_id"].astype(str).unique())
    rows_all = np.unique(rows_all[rows_all >= 0])
    bought = _relevant_sets(pm, test, rows_all)
    names = list(sm.models.names)
    result: dict = {"cutoff": cutoff_ts.date().isoformat(), "k": int(k), "models": {}}
    for m in names + ["blend"]:
        result["models"][m] = {}
    scored = {}
    for mode_i, mode in enumerate(MODES):
        rel = bought if mode == "repeats_allowed" else _new_only(pm, rows_all, bought)
        keep = np.array([len(r) > 0 for r in rel], dtype=bool)
        rows = rows_all[keep] if len(rows_all) else rows_all
        rel = [r for r, k_ in zip(rel, keep) if k_]
        scored[mode] = int(len(rows))
        rankers = {m: {m: 1.0} for m in names}
        rankers["blend"] = sm.weights[mode]
        tops = {m: [] for m in rankers}
        for s in range(0, len(rows), BATCH):
            batch = rows[s:s + BATCH]
            cands = candidates(sm, batch, mode, names)
            for m, w in rankers.items():
                r, rank, col, _, _ = _ranked(sm, batch, w, mode, k, cands)
                top = np.full((len(batch), k), -1, dtype=np.int64)
                top[r, rank] = col
                tops[m].append(top)
            progress(0.8 + 0.2 * (mode_i + min(1.0, (s + len(batch)) / max(len(rows), 1))) / 2, "Evaluating")
        for m in rankers:
            top = np.vstack(tops[m]) if tops[m] else np.zeros((0, k), dtype=np.int64)
            result["models"][m][mode] = ranking_metrics(top, rel, k, pm.n_products)
    if details:
        result["details"] = {"customers_scored": scored, "weights": sm.weights, "tuning": sm.tuning,
                             "horizon_days": sm.horizon_days, "train_lines": int(len(train)),
                             "test_lines": int(len(test)), "products": int(pm.n_products),
                             "customers": int(pm.n_customers)}
    return result
