"""Combining the models: per-customer normalised scores, weighted, with weights learned on a holdout."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .matrix import _sorted_unique
from .sparse_utils import row_ids, top_k_positive, top_per_row

MODES = ("repeats_allowed", "new_items_only")
# Blending must beat the best single model by this much (relative, on validation data the weights
# were not searched on) to be used; otherwise the best single model is used on its own. On the demo
# shop, held-out gains of 1-5% measured on 200-300 customers per period did not carry over to the
# months after the cutoff (the blend came out 0.000-0.004 below the best single model there).
MIN_GAIN = 0.05
Z_GAIN = 2.0  # ... and the paired gain over the validation customers must be this many standard errors
STEP_GAIN = 0.003  # each weight change must add this much (relative), so noise is not fitted
# Small weights let a model fill the places the main model leaves (e.g. after a customer's few
# past products) without reordering the main model's choices.
GRID = (0.0, 0.01, 0.03, 0.1, 0.2, 0.35, 0.6, 1.0, 1.5, 3.0)
TIE_BREAK = 1e-4  # best sellers break ties among products a model scores equally (often zero)
# Models whose validation recall is within this many standard errors (of the paired per-customer
# difference) of the best one are as good as far as the data can tell: rather than bet on one of
# them, their equal mix is used when it is no worse on validation (on the demo shop the model
# ranked first on validation by a hair was 0.02 below the other one after the cutoff).
TIE_SE = 1.0


def prepare(raw, blocked: np.ndarray, excluded: np.ndarray | None, m: int, scale: float | None = None
            ) -> sp.csr_matrix:
    """Return one model's candidates for a batch: its `m` best allowed products per customer, scaled so
    each customer's best is 1 (or, with `scale`, divided by it: for a model whose scores are
    probabilities, how sure it is for this customer must survive into the blend).

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
    if scale is not None:
        out.data = (out.data / np.float32(scale)).astype(np.float32)
    elif out.nnz:
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

    def relevant_index(self) -> tuple[np.ndarray, np.ndarray]:
        """Return (rows, columns) of the relevant candidates (computed once)."""
        if getattr(self, "_relevant_index", None) is None:
            rows, cols = np.nonzero(self.relevant & self.valid)
            self._relevant_index = (rows, cols)
        return self._relevant_index

    @property
    def n_customers(self) -> int:
        return int(self.relevant.shape[0])

    def subset(self, rows: np.ndarray) -> ValidationSet:
        """Return the validation set of the given customers (row numbers or a bool mask)."""
        return ValidationSet(values={m: v[rows] for m, v in self.values.items()}, relevant=self.relevant[rows],
                             n_relevant=self.n_relevant[rows], valid=self.valid[rows],
                             popularity=self.popularity[rows])


def _totals(vs: ValidationSet, weights: dict[str, float]) -> np.ndarray:
    """Return the blended score of every candidate (-inf for padding)."""
    total = np.zeros(vs.relevant.shape, dtype=np.float32)
    for m, w in weights.items():
        if w > 0 and m in vs.values:
            total += np.float32(w) * vs.values[m]
    total += TIE_BREAK * vs.popularity
    total[~vs.valid] = -np.inf
    return total


def _recall_of_totals(vs: ValidationSet, total: np.ndarray, k: int) -> np.ndarray:
    if total.shape[1] <= k:
        hits = (vs.relevant & vs.valid).sum(axis=1)
    else:
        # The k-th best score per customer: what is above it is in the top k (no sort needed), and
        # the places left go to products tied with it, each as likely as the others (ties are rare
        # with the best-seller tie-break, but counting them all would flatter a model that has no
        # opinion on most products).
        kth = np.partition(total, total.shape[1] - k, axis=1)[:, total.shape[1] - k]
        # The relevant products are few: look them up rather than compare whole rows.
        rel_r, rel_c = vs.relevant_index()
        hits = np.bincount(rel_r, weights=total[rel_r, rel_c] >= kth[rel_r], minlength=len(kth))
        crowded = np.flatnonzero(np.count_nonzero(total >= kth[:, None], axis=1) > k)  # ties for the last places
        if len(crowded):
            t, kc = total[crowded], kth[crowded, None]
            rel = vs.relevant[crowded]
            above, tied = t > kc, t == kc
            n_above = np.count_nonzero(above, axis=1)
            hits[crowded] = (np.count_nonzero(above & rel, axis=1) + (k - n_above)
                             * np.count_nonzero(tied & rel, axis=1) / np.maximum(np.count_nonzero(tied, axis=1), 1))
    return hits / np.maximum(vs.n_relevant, 1)


def customer_recall(vs: ValidationSet, weights: dict[str, float], k: int) -> np.ndarray:
    """Return each validation customer's recall@k under the weighted blend."""
    return _recall_of_totals(vs, _totals(vs, weights), k)


def recall_at_k(vs: ValidationSet, weights: dict[str, float], k: int) -> float:
    """Return the mean recall@k of the weighted blend on a validation set."""
    return float(np.mean(customer_recall(vs, weights, k))) if vs.n_customers else 0.0


def mean_recall(sets: list[ValidationSet], weights: dict[str, float], k: int) -> float:
    """Return recall@k averaged over validation periods (each period counts the same)."""
    return float(np.mean([recall_at_k(vs, weights, k) for vs in sets]))


def _ascent(sets: list[ValidationSet], models: list[str], anchor: str, k: int, rounds: int
            ) -> tuple[dict[str, float], float]:
    """Coordinate ascent on mean recall@k from `anchor` alone (its weight stays 1: the others are
    relative to it). Returns (weights, mean recall)."""
    weights = {m: 0.0 for m in models}
    weights[anchor] = 1.0
    current = mean_recall(sets, weights, k)
    for _ in range(rounds):
        improved = False
        for m in models:
            if m == anchor:
                continue
            # Everything but model m is fixed while its weight varies: sum the rest once.
            rest = [_totals(vs, dict(weights, **{m: 0.0})) for vs in sets]
            best_w, best_r = weights[m], current
            for w in GRID:
                if w == weights[m]:
                    continue
                r = float(np.mean([np.mean(_recall_of_totals(vs, t + np.float32(w) * vs.values[m], k))
                                   for vs, t in zip(sets, rest)]))
                if r > best_r * (1 + STEP_GAIN) + 1e-9:
                    best_w, best_r = w, r
            if best_w != weights[m]:
                weights[m], current, improved = best_w, best_r, True
        if not improved:
            break
    return {m: w for m, w in weights.items() if w > 0}, current


def _alone(sets: list[ValidationSet], models: list[str], k: int) -> dict[str, list[np.ndarray]]:
    """Return each model's per-customer recall@k on its own, per validation set."""
    return {m: [customer_recall(v, {m: 1.0}, k) for v in sets] for m in models}


def _best_single(sets: list[ValidationSet], models: list[str], k: int,
                 alone: dict[str, list[np.ndarray]] | None = None) -> tuple[str, dict[str, float]]:
    """Return (the model with the best mean recall on its own, each model's mean recall); `alone`:
    the models' per-customer recalls when already computed (_alone)."""
    alone = alone if alone is not None else _alone(sets, models, k)
    single = {m: float(np.mean([float(np.mean(r)) if len(r) else 0.0 for r in alone[m]])) for m in models}
    return max(models, key=lambda m: (single[m], -models.index(m))), single


def tied_models(sets: list[ValidationSet], models: list[str], best: str, k: int,
                alone: dict[str, list[np.ndarray]] | None = None) -> list[str]:
    """Return the best model and those not distinguishable from it on the validation customers
    (mean recall within TIE_SE standard errors of the paired difference)."""
    alone = alone if alone is not None else _alone(sets, models, k)
    base = np.concatenate(alone[best])
    out = [best]
    if len(base) < 2:
        return out
    for m in models:
        if m == best:
            continue
        d = base - np.concatenate(alone[m])
        se = float(d.std(ddof=1) / np.sqrt(len(d)))
        if float(d.mean()) <= TIE_SE * se:
            out.append(m)
    return out


def _groups(sets: list[ValidationSet], seed: int = 0) -> list[ValidationSet]:
    """Return the validation groups for the held-out check: the periods, or with one period two
    random halves of its customers."""
    if len(sets) >= 2:
        return sets
    vs = sets[0]
    order = np.random.default_rng(seed).permutation(vs.n_customers)
    half = vs.n_customers // 2
    return [vs.subset(np.sort(order[:half])), vs.subset(np.sort(order[half:]))]


def search_weights(vs: ValidationSet | list[ValidationSet], models: list[str], k: int, rounds: int = 2
                   ) -> tuple[dict[str, float], dict]:
    """Choose blend weights on one or more validation periods; return (weights, figures).

    The blend is used only when it is a real gain over the best single model (best by mean recall@k
    over the periods): better on average and no worse in any period, a paired gain of at least
    Z_GAIN standard errors over the validation customers, and weights searched without one group of
    the validation data (a period, or half the customers when there is one period) must beat the
    best single model on that group every time, by MIN_GAIN (relative) on average. Otherwise the
    best single model is used alone, so the blend then ranks exactly as that model does -- unless
    other models are as good as far as the validation data can tell (tied_models): then their equal
    mix, when it is no worse on validation. `figures` has each single model's mean recall, the
    blend's, the checks and which was chosen.
    """
    sets = [vs] if isinstance(vs, ValidationSet) else [v for v in vs if v.n_customers]
    if not sets:
        raise ValueError("no validation customers")
    alone = _alone(sets, models, k)  # each model on its own, computed once for the checks below
    best_model, single = _best_single(sets, models, k, alone)
    weights, blended = _ascent(sets, models, best_model, k, rounds)
    base = single[best_model]
    mixed = [customer_recall(v, weights, k) for v in sets]
    per_period = [float(np.mean(w) - np.mean(a)) for w, a in zip(mixed, alone[best_model])]
    diff = np.concatenate([w - a for w, a in zip(mixed, alone[best_model])])
    se = float(diff.std(ddof=1) / np.sqrt(len(diff))) if len(diff) > 1 else float("inf")
    z = float(diff.mean() / se) if se > 0 else (float("inf") if diff.mean() > 0 else 0.0)
    held_out, held_base = [], []
    # The held-out check costs a search per group: only when the blend passed the others.
    if len(weights) > 1 and blended > base and min(per_period) >= 0 and z >= Z_GAIN:
        groups = _groups(sets)
        for g in range(len(groups)):
            rest = [v for j, v in enumerate(groups) if j != g]
            anchor, _ = _best_single(rest, models, k)
            w_rest, _ = _ascent(rest, models, anchor, k, rounds)
            anchor_recall = recall_at_k(groups[g], {anchor: 1.0}, k)
            held_out.append(recall_at_k(groups[g], w_rest, k) - anchor_recall)
            held_base.append(anchor_recall)
    # The gain measured where the weights were searched is optimistic; the held-out gain is not.
    held_gain = float(np.mean(held_out) / max(float(np.mean(held_base)), 1e-12)) if held_out else 0.0
    use_blend = (len(weights) > 1 and blended > base and min(per_period) >= 0 and z >= Z_GAIN
                 and min(held_out) > 0 and held_gain >= MIN_GAIN)
    tied: list[str] = []
    tie_recall = None
    if not use_blend:
        weights = {best_model: 1.0}
        tied = tied_models(sets, models, best_model, k, alone)
        if len(tied) > 1:
            mix = {m: 1.0 for m in tied}
            tie_recall = mean_recall(sets, mix, k)
            if tie_recall >= base:
                weights = mix
    figures = {"single_recall": single, "blend_recall": blended, "best_single": best_model,
               "used_blend": bool(use_blend), "tied": tied, "tie_mix_recall": tie_recall,
               "used_tie_mix": len(weights) > 1 and not use_blend, "periods": len(sets),
               "customers": int(sum(v.n_customers for v in sets)), "gain_per_period": per_period,
               "gain_z": z, "held_out_gain": held_out,
               "held_out_relative_gain": held_gain}
    return weights, figures


def padded_candidates(cands: dict[str, sp.csr_matrix], relevant_sets: list[set], popularity: np.ndarray
                      ) -> ValidationSet:
    """Build a ValidationSet from each model's prepared candidates (one row per validation customer)
    and each customer's set of relevant product columns."""
    names = list(cands)
    n_rows = len(relevant_sets)
    n_cols = len(popularity)
    keys = [row_ids(c).astype(np.int64) * n_cols + c.indices for c in cands.values()]
    # Every (customer, product) any model proposes, sorted: a customer's candidates are one run.
    union = _sorted_unique(np.concatenate(keys)) if keys else np.zeros(0, dtype=np.int64)
    u_row = union // n_cols
    counts = np.bincount(u_row, minlength=n_rows)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    slot = np.arange(len(union)) - starts[u_row]
    width = max(int(counts.max()) if n_rows else 0, 1)
    cand = np.full((n_rows, width), -1, dtype=np.int64)
    cand[u_row, slot] = union % n_cols
    valid = cand >= 0
    values = {}
    for m, key in zip(names, keys):
        pos = np.searchsorted(union, key)
        v = np.zeros((n_rows, width), dtype=np.float32)
        v[u_row[pos], slot[pos]] = cands[m].data
        values[m] = v
    relevant = np.zeros((n_rows, width), dtype=bool)
    rel_keys = np.fromiter((i * n_cols + c for i, rel in enumerate(relevant_sets) for c in rel), dtype=np.int64)
    if len(rel_keys) and len(union):
        pos = np.minimum(np.searchsorted(union, rel_keys), len(union) - 1)
        found = union[pos] == rel_keys
        relevant[u_row[pos[found]], slot[pos[found]]] = True
    n_relevant = np.array([len(r) for r in relevant_sets], dtype=np.float32)
    pop = np.where(valid, popularity[np.maximum(cand, 0)], 0.0).astype(np.float32)
    return ValidationSet(values=values, relevant=relevant, n_relevant=n_relevant, valid=valid, popularity=pop)
