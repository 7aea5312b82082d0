"""Membership shares that are honest about overlap (Gaussian mixture).

A Gaussian mixture's posteriors are often near-certain (94% of a real shop's customers got a top
share of 0.9 or more with a silhouette of 0.20) although its groups come out differently when fitted
again. Here the shares are checked against that: the mixture is refitted RUNS times on bootstrap
samples with other seeds, every customer is assigned by each refit (its groups matched to the
original ones by the Hungarian method), and a customer's agreement is the share of refits that
keep them in their group. The posteriors are then tempered, p_i ∝ p_i^(1/T), with the temperature
T (>= 1: shares are never made surer than the model) whose top shares come closest to the
agreements (least squares). Calibrated: among customers with a top share of about p, about p keep
their group when the groups are found again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

RUNS = 8
MAX_ROWS = 10_000
TEMPERATURES = np.geomspace(1.0, 100.0, 81)
SHOWN_SHARE = 0.1   # the panel and the JSON list every group with at least this share


@dataclass
class Calibration:
    """The chosen temperature and the figures behind it."""

    temperature: float
    mean_top_share_raw: float
    mean_top_share: float
    mean_agreement: float
    runs: int

    def to_dict(self) -> dict:
        """Return a JSON-ready dict."""
        return {"temperature": round(self.temperature, 3), "runs": self.runs,
                "mean_top_share_raw": round(self.mean_top_share_raw, 4),
                "mean_top_share": round(self.mean_top_share, 4),
                "mean_agreement": round(self.mean_agreement, 4)}


def temper(proba: np.ndarray, temperature: float) -> np.ndarray:
    """Return the rows of `proba` raised to 1/temperature and renormalised."""
    logp = np.log(np.clip(proba, 1e-300, 1.0)) / temperature
    logp -= logp.max(axis=1, keepdims=True)
    p = np.exp(logp)
    return p / p.sum(axis=1, keepdims=True)


def agreement(X: np.ndarray, labels: np.ndarray, fit_predict: Callable[[np.ndarray, np.ndarray, int], np.ndarray],
              seeds: tuple[int, ...]) -> np.ndarray:
    """Return each row's share of refits that put it in its own group.

    `fit_predict(X_fit, X_all, seed)` fits a model with `seed` on `X_fit` and returns its labels of
    `X_all`; each refit is on a bootstrap sample (at most MAX_ROWS rows)."""
    from scipy.optimize import linear_sum_assignment

    n = len(X)
    labels = np.asarray(labels)
    k = int(labels.max()) + 1
    kept = np.zeros(n)
    for seed in seeds:
        rng = np.random.default_rng(seed)
        idx = rng.choice(n, min(n, MAX_ROWS), replace=True)
        theirs = np.asarray(fit_predict(X[idx], X, seed))
        m = max(k, int(theirs.max()) + 1)
        table = np.zeros((m, m))
        np.add.at(table, (theirs, labels), 1)
        rows, cols = linear_sum_assignment(-table)
        mapped = np.full(m, -1)
        mapped[rows] = cols
        kept += mapped[theirs] == labels
    return kept / len(seeds)


def calibrate(proba: np.ndarray, agree: np.ndarray, runs: int = 0) -> Calibration:
    """Return the temperature whose tempered top shares best match `agree` (least squares)."""
    raw_top = proba.max(axis=1)
    best_t, best_err = 1.0, np.inf
    for t in TEMPERATURES:
        err = float(np.mean((temper(proba, t).max(axis=1) - agree) ** 2))
        if err < best_err - 1e-12:
            best_t, best_err = float(t), err
    top = temper(proba, best_t).max(axis=1)
    return Calibration(best_t, float(raw_top.mean()), float(top.mean()), float(agree.mean()),
                       runs)


def shown(shares: dict[str, float], min_share: float = SHOWN_SHARE) -> dict[str, float]:
    """Return the shares of at least `min_share`, largest first (the top one always)."""
    ranked = sorted(shares.items(), key=lambda kv: -kv[1])
    return {k: v for i, (k, v) in enumerate(ranked) if i == 0 or v >= min_share}
