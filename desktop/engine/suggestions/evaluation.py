"""Time-based holdout: fit before a cutoff date, check the suggestions against what was bought after."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from desktop.engine.errors import InputError
from desktop.texts import Message, message
from desktop.engine.progress import Progress, no_progress, scaled

from .blend import MODES
from .matrix import purchases_only
from .sparse_utils import one_blas_thread
from .suggest import BATCH, SuggestionSettings, _new_only, _ranked, _fit, _relevant_sets, candidates

METRICS = ("precision", "recall", "hit_rate", "ndcg", "coverage")
MIN_EVALUATED = 100  # fewer customers scored than this: the figures are a rough guide (said in a warning)
INTERVAL_Z = 1.2816  # 80% intervals, as the predictions give


def interval(values: np.ndarray) -> list[float] | None:
    """An 80% interval for the mean of per-customer values (normal approximation), clipped to 0..1."""
    n = len(values)
    if n < 2:
        return None
    mean = float(np.mean(values))
    half = INTERVAL_Z * float(np.std(values, ddof=1)) / np.sqrt(n)
    return [round(max(0.0, mean - half), 6), round(min(1.0, mean + half), 6)]


def customer_recalls(top: np.ndarray, relevant: list[set], k: int) -> np.ndarray:
    """Each customer's recall at k: the share of what they bought that was among their k suggestions."""
    return np.array([float(np.sum([c in rel for c in row[:k] if c >= 0])) / len(rel)
                     for row, rel in zip(top, relevant)], dtype=float)


def ranking_metrics(top: np.ndarray, relevant: list[set], k: int, n_products: int) -> dict:
    """Return precision, recall, hit rate and NDCG at k (means over customers), catalogue coverage and
    an 80% interval for the recall (`recall_interval`, None with fewer than two customers).

    `top` holds each customer's suggested product columns, best first (-1 = no suggestion).
    """
    if len(relevant) == 0:
        return {**{m: 0.0 for m in METRICS}, "recall_interval": None}
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
            "ndcg": float(np.mean(ndcg)), "coverage": float(len(shown) / max(n_products, 1)),
            "recall_interval": interval(np.asarray(rec, dtype=float))}


@one_blas_thread
def evaluate(lines: pd.DataFrame, cutoff, k: int = 10, settings: SuggestionSettings | None = None, *,
             customers: pd.DataFrame | None = None, details: bool = False,
             progress: Progress | None = None) -> dict:
    """Fit on purchases before `cutoff`, suggest k products, and score them on purchases from `cutoff` on.

    Returns {"cutoff", "k", "customers_evaluated": {mode: n}, "models": {name: {"repeats_allowed": {...},
    "new_items_only": {...}}}, "warnings": [Message]} with precision, recall (and its 80% interval),
    hit_rate, ndcg and coverage for every model on its own and for "blend". Only customers who bought
    both before and after the cutoff are scored ("new_items_only": those who bought something new to
    them). The warnings say when too few customers were scored to trust the figures, and when the blend
    cannot be told apart from best sellers (the interval of the paired difference includes zero) or
    scored below a single model on this holdout. With `details`, adds a "details" entry (weights…).
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
    result: dict = {"cutoff": cutoff_ts.date().isoformat(), "k": int(k), "customers_evaluated": {}, "models": {}}
    for m in names + ["blend"]:
        result["models"][m] = {}
    scored = {}
    warnings: list[Message] = []
    for mode_i, mode in enumerate(MODES):
        rel = bought if mode == "repeats_allowed" else _new_only(pm, rows_all, bought)
        keep = np.array([len(r) > 0 for r in rel], dtype=bool)
        rows = rows_all[keep] if len(rows_all) else rows_all
        rel = [r for r, k_ in zip(rel, keep) if k_]
        scored[mode] = int(len(rows))
        rankers = {m: {m: 1.0} for m in names}
        rankers["blend"] = sm.weights[mode]
        tops: dict[str, list[np.ndarray]] = {m: [] for m in rankers}
        for s in range(0, len(rows), BATCH):
            batch = rows[s:s + BATCH]
            cands = candidates(sm, batch, mode, names)
            for m, w in rankers.items():
                r, rank, col, _, _ = _ranked(sm, batch, w, mode, k, cands)
                top = np.full((len(batch), k), -1, dtype=np.int64)
                top[r, rank] = col
                tops[m].append(top)
            progress(0.8 + 0.2 * (mode_i + min(1.0, (s + len(batch)) / max(len(rows), 1))) / 2, "Evaluating")
        per_customer = {}
        for m in rankers:
            top = np.vstack(tops[m]) if tops[m] else np.zeros((0, k), dtype=np.int64)
            result["models"][m][mode] = ranking_metrics(top, rel, k, pm.n_products)
            per_customer[m] = customer_recalls(top, rel, k)
        result["customers_evaluated"][mode] = int(len(rows))
        warnings.extend(_cautions(mode, per_customer, result["models"], names))
    result["warnings"] = warnings
    if details:
        result["details"] = {"customers_scored": scored, "weights": sm.weights, "tuning": sm.tuning,
                             "horizon_days": sm.horizon_days, "train_lines": int(len(train)),
                             "test_lines": int(len(test)), "products": int(pm.n_products),
                             "customers": int(pm.n_customers)}
    return result


def _cautions(mode: str, recalls: dict[str, np.ndarray], models: dict, names: list[str]) -> list[Message]:
    """What a shop owner must know before trusting one mode's figures: too few customers scored, a blend
    that cannot be told apart from best sellers, or a single model that did better on this holdout."""
    n = len(recalls["blend"])
    out: list[Message] = []
    if n < MIN_EVALUATED:
        out.append(message("suggestions_few_evaluated", mode=mode, n=n, needed=MIN_EVALUATED))
    if n >= 2 and "popularity" in recalls:
        gain = interval_of_difference(recalls["blend"], recalls["popularity"])
        if gain is not None and gain[0] <= 0 < gain[1] + 1e-12:
            out.append(message("suggestions_not_better_than_best_sellers", mode=mode,
                               low=gain[0], high=gain[1]))
    best = max(names, key=lambda m: models[m][mode]["recall"]) if names else None
    if best is not None and n >= 2:
        diff = interval_of_difference(recalls[best], recalls["blend"])
        if diff is not None and diff[0] > 0:
            out.append(message("suggestions_blend_below_model", mode=mode, model=best,
                               blend=models["blend"][mode]["recall"], recall=models[best][mode]["recall"]))
    return out


def interval_of_difference(a: np.ndarray, b: np.ndarray) -> list[float] | None:
    """80% interval of the mean paired difference a - b over the same customers (None below two)."""
    if len(a) < 2:
        return None
    d = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    half = INTERVAL_Z * float(np.std(d, ddof=1)) / np.sqrt(len(d))
    return [float(np.mean(d) - half), float(np.mean(d) + half)]
