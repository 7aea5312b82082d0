"""Combining the models: per-customer normalised scores, weighted, with weights learned on a holdout."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .sparse_utils import row_ids, top_k_dense, top_k_positive, top_per_row

MODES = ("repeats_allowed", "new_items_only")
# Blending must beat the best single model on the validation split by this much to be used;
# otherwise the best single model is used on its own (a blend that does not help only adds noise).
MIN_GAIN = 0.01
STEP_GAIN = 0.003  # each weight change must add this much (relative), so noise is not fitted
GRID = (0.0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
TIE_BREAK = 1e-4  # best sellers break ties among products a model scores equally (often zero)


def prepare(raw, blocked: np.ndarray, excluded: np.ndarray | None, m: int) -> sp.csr_matrix:
    """Return one model's candidates for a batch: its `m` best allowed products per customer, scaled so
    each customer's best is 1.

    `raw` is the model's scores (CSR or dense); `blocked` the sorted keys row * products + column of
    what each customer may not be offered; `excluded` a bool per product never offered.
    """
    if isinstance(raw, np.ndarray):
        n_rows, n_cols = raw.shape
        dense = raw.astype(np.float32, copy=True)
        if excluded is not None and excluded.any():
            dense[:, excluded] = 0.0
        if len(blocked):
            dense.ravel()[blocked] = 0.0
        out = top_k_positive(dense, m)
    else:
        out = sp.csr_matrix(raw, dtype=np.float32, copy=True)
        out.sum_duplicates()
        n_cols = out.shape[1]
        drop = out.data <= 0
        if excluded is not None and excluded.any():
            drop |= excluded[out.indices]
        if len(blocked) and out.nnz:
            keys = row_ids(out).astype(np.int64) * n_cols + out.indices
            pos = np.minimum(np.searchsorted(blocked, keys), len(blocked) - 1)
            drop |= blocked[pos] == keys
        if drop.any():
            out.data[drop] = 0.0
            out.eliminate_zeros()
        out = top_per_row(out, m)
    if out.nnz:
        counts = np.diff(out.indptr)
        nonempty = counts > 0
        row_max = np.zeros(out.shape[0], dtype=np.float32)
        row_max[nonempty] = np.maximum.reduceat(out.data, out.indptr[:-1][nonempty])
        out.data = (out.data / np.repeat(row_max, counts)).astype(np.float32)
    return out


def combine(cands: dict[str, sp.csr_matrix], weights: dict[str, float], popularity: np.ndarray, k: int
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Blend prepared candidates and return the top k per customer as flat arrays
    (row, rank from 0, product column, score, index into `list(cands)` of the main model or -1).

    Every model's candidates take part (weight 0 ones only through the best-seller tie-break), so a
    customer gets k suggestions whenever k products are allowed among the candidates.
    """
    names = list(cands)
    n_cols = next(iter(cands.values())).shape[1]
    rs, cs, vs, ms = [], [], [], []
    for j, name in enumerate(names):
        c = cands[name]
        rs.append(row_ids(c))
        cs.append(c.indices)
        vs.append(c.data * np.float32(weights.get(name, 0.0)))
        ms.append(np.full(c.nnz, j, dtype=np.int16))
    r = np.concatenate(rs).astype(np.int64)
    col = np.concatenate(cs).astype(np.int64)
    v = np.concatenate(vs)
    mdl = np.concatenate(ms)
    if len(r) == 0:
        e = np.zeros(0, dtype=np.int64)
        return e, e, e, np.zeros(0, dtype=np.float32), e
    key = r * n_cols + col
    order = np.argsort(key, kind="stable")
    key, v, mdl = key[order], v[order], mdl[order]
    first = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    total = np.add.reduceat(v, first)
    # The main model of a product is the one with the largest weighted part.
    group = np.repeat(np.arange(len(first)), np.diff(np.concatenate([first, [len(key)]])))
    top_part = np.maximum.reduceat(v, first)
    is_top = (v == top_part[group]) & (v > 0)
    main = np.full(len(first), -1, dtype=np.int64)
    main[group[is_top][::-1]] = mdl[is_top][::-1]  # the first model listed wins a tie
    ukey = key[first]
    urow, ucol = ukey // n_cols, ukey % n_cols
    score = total + TIE_BREAK * popularity[ucol]
    top_score = max(float(score.max()), 1e-12)
    order = np.argsort(urow + 0.5 - 0.45 * (score / top_score), kind="stable")
    urow, ucol, score, main = urow[order], ucol[order], score[order], main[order]
    starts = np.flatnonzero(np.concatenate([[True], urow[1:] != urow[:-1]]))
    rank = np.arange(len(urow)) - np.repeat(starts, np.diff(np.concatenate([starts, [len(urow)]])))
    keep = rank < k
    return urow[keep], rank[keep], ucol[keep], score[keep].astype(np.float32), main[keep]


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
                if r > current * (1 + STEP_GAIN) + 1e-9:
                    weights, current, improved = trial, r, True
        if not improved:
            break
    use_blend = current >= single[best_model] * (1 + MIN_GAIN) and current > single[best_model]
    if not use_blend:
        weights = {m: (1.0 if m == best_model else 0.0) for m in models}
    figures = {"single_recall": single, "blend_recall": current, "best_single": best_model,
               "used_blend": use_blend}
    return {m: w for m, w in weights.items() if w > 0}, figures


def padded_candidates(cands: dict[str, sp.csr_matrix], relevant_sets: list[set], popularity: np.ndarray
                      ) -> ValidationSet:
    """Build a ValidationSet from each model's prepared candidates (one row per validation customer)
    and each customer's set of relevant product columns."""
    names = list(cands)
    n_rows = len(relevant_sets)
    union_rows = []
    for i in range(n_rows):
        parts = [c.indices[c.indptr[i]:c.indptr[i + 1]] for c in cands.values()]
        union_rows.append(np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64))
    width = max((len(c) for c in union_rows), default=1) or 1
    cand = np.full((n_rows, width), -1, dtype=np.int64)
    for i, c in enumerate(union_rows):
        cand[i, : len(c)] = c
    valid = cand >= 0
    values = {}
    for m in names:
        c = cands[m]
        v = np.zeros((n_rows, width), dtype=np.float32)
        for i in range(n_rows):
            lo, hi = c.indptr[i], c.indptr[i + 1]
            v[i, np.searchsorted(union_rows[i], c.indices[lo:hi])] = c.data[lo:hi]
        values[m] = v
    relevant = np.zeros((n_rows, width), dtype=bool)
    for i, rel in enumerate(relevant_sets):
        if rel:
            relevant[i, : len(union_rows[i])] = np.isin(union_rows[i], np.fromiter(rel, dtype=np.int64))
    n_relevant = np.array([len(r) for r in relevant_sets], dtype=np.float32)
    pop = np.where(valid, popularity[np.maximum(cand, 0)], 0.0).astype(np.float32)
    return ValidationSet(values=values, relevant=relevant, n_relevant=n_relevant, valid=valid, popularity=pop)
