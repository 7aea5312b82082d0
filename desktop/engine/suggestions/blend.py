"""Combining the models: per-customer normalised scores, weighted, with weights learned on a holdout."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .sparse_utils import top_k_dense

MODES = ("repeats_allowed", "new_items_only")
# Blending must beat the best single model on the validation split by this much to be used;
# otherwise the best single model is used on its own (a blend that does not help only adds noise).
MIN_GAIN = 0.01
GRID = (0.0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
TIE_BREAK = 1e-4  # best sellers break ties among products a model scores equally (often zero)


def normalise(scores: np.ndarray) -> np.ndarray:
    """Scale every row to a maximum of 1 (rows with nothing positive become 0); -inf stays -inf."""
    finite = np.where(np.isfinite(scores), scores, 0.0)
    top = finite.max(axis=1, keepdims=True)
    top[top <= 0] = 1.0
    out = np.maximum(finite, 0.0) / top
    return out.astype(np.float32)


def blend(normalised: dict[str, np.ndarray], weights: dict[str, float], allowed: np.ndarray | None,
          popularity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (blended scores with -inf where not allowed, index of the main contributing model per cell)
    for models normalised with `normalise`; `popularity` (normalised, one row) breaks ties."""
    names = [m for m, w in weights.items() if w > 0 and m in normalised]
    shape = next(iter(normalised.values())).shape
    total = np.zeros(shape, dtype=np.float32)
    best = np.full(shape, -1, dtype=np.int8)
    best_val = np.zeros(shape, dtype=np.float32)
    for j, m in enumerate(names):
        part = normalised[m] * np.float32(weights[m])
        total += part
        better = part > best_val
        best[better] = j
        best_val[better] = part[better]
    total += TIE_BREAK * popularity
    if allowed is not None:
        total[~allowed] = -np.inf
    return total, best


@dataclass
class ValidationSet:
    """Candidate scores of every model for validation customers, padded per row for fast search."""

    values: dict[str, np.ndarray]  # model -> (customers × candidates) normalised scores
    relevant: np.ndarray  # bool (customers × candidates): bought in the validation period
    n_relevant: np.ndarray  # relevant products per customer (including ones no model proposed)
    valid: np.ndarray  # bool: real candidate (False = padding)
    popularity: np.ndarray  # tie-breaker per candidate


def recall_at_k(vs: ValidationSet, weights: dict[str, float], k: int) -> float:
    """Return the mean recall@k of the weighted blend on a validation set."""
    total = np.zeros(vs.relevant.shape, dtype=np.float32)
    for m, w in weights.items():
        if w > 0:
            total += np.float32(w) * vs.values[m]
    total += TIE_BREAK * vs.popularity
    total[~vs.valid] = -np.inf
    idx, vals = top_k_dense(total, k)
    hits = np.take_along_axis(vs.relevant, idx, axis=1) & np.isfinite(vals)
    return float(np.mean(hits.sum(axis=1) / np.maximum(vs.n_relevant, 1)))


def search_weights(vs: ValidationSet, models: list[str], k: int, rounds: int = 3) -> tuple[dict[str, float], dict]:
    """Choose blend weights by coordinate ascent on recall@k, starting from the best single model.

    Returns (weights, figures) where figures has each single model's recall, the blend's and which
    was chosen. Falls back to the best single model unless the blend gains MIN_GAIN (relative).
    """
    single = {m: recall_at_k(vs, {m: 1.0}, k) for m in models}
    best_model = max(models, key=lambda m: (single[m], -models.index(m)))
    weights = {m: 0.0 for m in models}
    weights[best_model] = 1.0
    current = single[best_model]
    for _ in range(rounds):
        improved = False
        for m in models:
            if m == best_model:
                continue  # the anchor keeps weight 1: the others are relative to it
            for w in GRID:
                if w == weights[m]:
                    continue
                trial = dict(weights, **{m: w})
                r = recall_at_k(vs, trial, k)
                if r > current + 1e-9:
                    weights, current, improved = trial, r, True
        if not improved:
            break
    use_blend = current >= single[best_model] * (1 + MIN_GAIN) and current > single[best_model]
    if not use_blend:
        weights = {m: (1.0 if m == best_model else 0.0) for m in models}
    figures = {"single_recall": single, "blend_recall": current, "best_single": best_model,
               "used_blend": use_blend}
    return {m: w for m, w in weights.items() if w > 0}, figures


def padded_candidates(per_model_top: dict[str, tuple[np.ndarray, np.ndarray]], relevant_sets: list[set],
                      popularity: np.ndarray) -> ValidationSet:
    """Build a ValidationSet from each model's top candidates (column indices and normalised values
    per customer row) and each customer's set of relevant columns."""
    names = list(per_model_top)
    n_rows = len(relevant_sets)
    union_rows: list[np.ndarray] = []
    for i in range(n_rows):
        cols = np.unique(np.concatenate([per_model_top[m][0][i] for m in names]))
        union_rows.append(cols)
    width = max((len(c) for c in union_rows), default=1) or 1
    cand = np.full((n_rows, width), -1, dtype=np.int64)
    for i, c in enumerate(union_rows):
        cand[i, : len(c)] = c
    valid = cand >= 0
    values = {}
    for m in names:
        idx, val = per_model_top[m]
        v = np.zeros((n_rows, width), dtype=np.float32)
        for i in range(n_rows):
            pos = np.searchsorted(union_rows[i], idx[i])
            v[i, pos] = val[i]
        values[m] = v
    relevant = np.zeros((n_rows, width), dtype=bool)
    for i, rel in enumerate(relevant_sets):
        if rel:
            relevant[i, : len(union_rows[i])] = np.isin(union_rows[i], np.fromiter(rel, dtype=np.int64))
    n_relevant = np.array([len(r) for r in relevant_sets], dtype=np.float32)
    pop = np.where(valid, popularity[np.maximum(cand, 0)], 0.0).astype(np.float32)
    return ValidationSet(values=values, relevant=relevant, n_relevant=n_relevant, valid=valid, popularity=pop)
