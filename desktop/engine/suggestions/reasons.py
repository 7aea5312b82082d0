"""Why a product is suggested: a catalogue message (desktop.texts) per suggestion, kept as columns."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .models import ALS, BuyAgain, Popularity, SegmentPopularity, UserKNN, profile_weights
from .sparse_utils import row_argmax, row_ids, top_per_row


def entry_positions(m: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Return the position in m.data of each (row, col) pair, or -1 when not stored (sorted indices)."""
    m.sort_indices()
    keys = row_ids(m).astype(np.int64) * m.shape[1] + m.indices
    query = np.where(rows >= 0, rows.astype(np.int64) * m.shape[1] + cols, -1)
    pos = np.searchsorted(keys, query)
    pos = np.minimum(pos, max(len(keys) - 1, 0))
    found = (rows >= 0) & (len(keys) > 0)
    if len(keys):
        found &= keys[pos] == query
    return np.where(found, pos, -1)


def _anchor(profile: sp.csr_matrix, item_item_t: sp.csr_matrix, rows: np.ndarray, items: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
    """For each (customer row, item), return (the bought product j contributing most via
    item_item[j, item], -1 if none; that contribution). Takes item_item transposed, as CSR."""
    anchors = np.full(len(rows), -1, dtype=np.int64)
    value = np.zeros(len(rows), dtype=np.float32)
    ok = np.flatnonzero(rows >= 0)
    if len(ok) == 0:
        return anchors, value
    a = profile[rows[ok]]
    b = item_item_t[items[ok]]
    arg, mx = row_argmax(sp.csr_matrix(a.multiply(b)))
    anchors[ok], value[ok] = arg, mx
    return anchors, value


def _cached(sm, name: str, make):
    """Return a per-SuggestionModels cached matrix (built once, reused for every batch)."""
    cache = sm.__dict__.setdefault("_reason_cache", {})
    if name not in cache:
        cache[name] = make()
    return cache[name]


def _names(sm) -> list[str]:
    """Return every product's display name as a list (indexing it is much cheaper than the array)."""
    return _cached(sm, "names", lambda: [str(n) for n in sm.pm.product_names])


class Reasons:
    """Why each suggestion was made, as catalogue message codes (desktop.texts) and their parameters,
    kept as columns: one code per suggestion and, per parameter, one value per suggestion (None where
    that suggestion's sentence has no such parameter). `product` and `other` are product names."""

    def __init__(self, n: int):
        self.codes: list[str] = [""] * n
        self.params: dict[str, list] = {}

    def set(self, row: int, code: str, **params) -> None:
        self.codes[row] = code
        for name, value in params.items():
            column = self.params.get(name)
            if column is None:
                column = self.params[name] = [None] * len(self.codes)
            column[row] = value

    def columns(self, prefix: str = "reason") -> dict[str, np.ndarray]:
        """The table columns: `prefix` (the codes) and `prefix.param` per parameter (object arrays, so
        that a whole number stays one where other rows have no value)."""
        return {prefix: _objects(self.codes),
                **{f"{prefix}.{name}": _objects(values) for name, values in self.params.items()}}


def _objects(values: list) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def explain(sm, rows: np.ndarray, items: np.ndarray, model_keys: list[str]) -> Reasons:
    """Return the reasons for suggestions (customer row, product column) that each owe most to the
    model named in `model_keys`."""
    out = Reasons(len(rows))
    keys = np.array(model_keys, dtype=object)
    for key in dict.fromkeys(model_keys):
        sel = np.flatnonzero(keys == key)
        r, it = rows[sel], items[sel]
        model = sm.models.get(key)
        if key == "buy_again" and isinstance(model, BuyAgain):
            reasons = _buy_again(sm, model, r, it)
        elif key in ("item_knn", "content"):
            reasons = _similar(sm, model, r, it, key)
        elif key == "rules":
            reasons = _rules(sm, model, r, it)
        elif key == "user_knn" and isinstance(model, UserKNN):
            reasons = _neighbours(sm, model, r, it)
        elif key == "als" and isinstance(model, ALS):
            reasons = _taste(sm, model, r, it)
        elif key == "segment_popularity" and isinstance(model, SegmentPopularity):
            reasons = _segment(sm, model, r, it)
        else:
            reasons = _popular(sm, r, it)
        for s, (code, params) in zip(sel, reasons):
            out.set(s, code, **params)
    return out


def _popular(sm, rows, items):
    names = _names(sm)
    pop = sm.models.get("popularity")
    if not isinstance(pop, Popularity):
        return [("reason_best_seller", {"product": names[i]}) for i in items]
    out = []
    for i in items:
        recent, total, d = int(pop.recent_buyers[i]), int(pop.buyers[i]), pop.recent_days
        if recent >= 2:
            out.append(("reason_best_seller_recent", {"n": recent, "product": names[i], "days": d}))
        else:
            out.append(("reason_best_seller_total", {"n": total, "product": names[i]}))
    return out


def _segment(sm, model: SegmentPopularity, rows, items):
    names = _names(sm)
    seg = model.segment_of_rows(rows)
    out = []
    for s, i in zip(seg, items):
        if s >= 0 and s < len(model.labels):
            params = model.labels[s]
            code = "reason_group_popular" if "shopper_group" in params else "reason_segment_popular"
            out.append((code, params))
        else:
            out.append(("reason_best_seller", {"product": names[i]}))
    return out


def _buy_again(sm, model: BuyAgain, rows, items):
    names = _names(sm)
    pm = sm.pm
    pos = entry_positions(pm.days, rows, items)
    out = []
    for p, i in zip(pos, items):
        name = names[i]
        if p < 0:
            out.append(("reason_buy_again", {"product": name}))
            continue
        times = int(pm.days.data[p])
        ago = int(pm.last_age[p])
        if times >= 2:
            every = max(int(round((pm.first_age[p] - pm.last_age[p]) / (times - 1))), 1)
            # "about every 1 days" reads wrong: one day is "about every day".
            if every == 1:
                out.append(("reason_bought_every_day", {"product": name, "times": times}))
            else:
                out.append(("reason_bought_every", {"product": name, "times": times, "every": every}))
        elif ago == 0:
            out.append(("reason_bought_today", {"product": name}))
        elif ago == 1:
            out.append(("reason_bought_yesterday", {"product": name}))
        else:
            out.append(("reason_bought_days_ago", {"product": name, "ago": ago}))
    return out


def _similar(sm, model, rows, items, key):
    names = _names(sm)
    profile = _cached(sm, "profile", lambda: profile_weights(sm.pm))
    anchors, _ = _anchor(profile, _cached(sm, key + "_t", lambda: sp.csr_matrix(model.sim.T)), rows, items)
    out = []
    for a, i in zip(anchors, items):
        name = names[i]
        if a < 0:
            out.append(("reason_similar_buyers", {"product": name}))
        elif key == "item_knn":
            out.append(("reason_also_bought", {"other": names[a], "product": name}))
        else:
            out.append(("reason_similar_product", {"other": names[a]}))
    return out


def _rules(sm, model, rows, items):
    names = _names(sm)
    profile = _cached(sm, "binary", sm.pm.binary)
    anchors, conf = _anchor(profile, _cached(sm, "rules_t", lambda: sp.csr_matrix(model.confidence.T)), rows, items)
    lift_m = _cached(sm, "lift", lambda: sp.csr_matrix(model.lift))
    pos = entry_positions(lift_m, anchors, items)
    lifts = np.where(pos >= 0, lift_m.data[np.maximum(pos, 0)] if lift_m.nnz else 0.0, 0.0)
    out = []
    for a, c, i, lift in zip(anchors, conf, items, lifts):
        if a < 0:
            out.append(("reason_together", {}))
            continue
        pct = max(1, int(round(100 * float(c))))
        out.append(("reason_together_with", {"other": names[a], "product": names[i], "pct": pct,
                                             "lift": float(lift)}))
    return out


def _neighbours(sm, model: UserKNN, rows, items):
    names = _names(sm)
    counts = np.zeros(len(rows), dtype=np.int64)
    ok = np.flatnonzero(rows >= 0)
    if len(ok):
        a = model.sim[rows[ok]].copy()
        a.data[:] = 1.0
        b = _cached(sm, "pool_t", lambda: sp.csr_matrix(model.pool_items.T))[items[ok]]
        counts[ok] = np.asarray(a.multiply(b).sum(axis=1)).ravel().astype(np.int64)
    out = []
    for c, i in zip(counts, items):
        if c >= 2:
            out.append(("reason_like_you_count", {"n": int(c), "product": names[i]}))
        else:
            out.append(("reason_like_you", {"product": names[i]}))
    return out


def _taste(sm, model: ALS, rows, items):
    names = _names(sm)
    pm = sm.pm
    anchors = np.full(len(rows), -1, dtype=np.int64)
    ok = np.flatnonzero(rows >= 0)
    if len(ok):
        anchors[ok] = _closest_bought(pm, model.item_unit, rows[ok], items[ok])
    out = []
    for a_, i in zip(anchors, items):
        if a_ < 0 or a_ == i:
            out.append(("reason_taste", {"product": names[i]}))
        else:
            out.append(("reason_taste_with", {"product": names[i], "other": names[a_]}))
    return out


def _closest_bought(pm, unit: np.ndarray, rows: np.ndarray, items: np.ndarray, most: int = 30) -> np.ndarray:
    """For each (customer row, item), return the product among the customer's `most` most recently
    bought whose unit factor vector is closest to the item's (-1 when none is positively close).

    One small matrix product per customer (bought × suggested), batched: each product's vector is
    gathered once per customer rather than once per pair.
    """
    cust, inv = np.unique(rows, return_inverse=True)
    recent = pm.days[cust]
    pos = np.repeat(pm.days.indptr[cust], np.diff(recent.indptr)) + (np.arange(recent.nnz) - np.repeat(
        recent.indptr[:-1], np.diff(recent.indptr)))
    recent = sp.csr_matrix((1.0 / (1.0 + pm.last_age[pos]), recent.indices, recent.indptr), shape=recent.shape)
    recent = top_per_row(recent, most)
    counts = np.diff(recent.indptr)
    width = max(int(counts.max()) if len(counts) else 0, 1)
    r = row_ids(recent)
    slot = np.arange(recent.nnz) - recent.indptr[r]
    bought = np.full((len(cust), width), -1, dtype=np.int64)
    bought[r, slot] = recent.indices
    # Suggestions of each customer side by side, padded the same way.
    order = np.argsort(inv, kind="stable")
    per = np.bincount(inv, minlength=len(cust))
    s_slot = np.empty(len(rows), dtype=np.int64)
    s_slot[order] = np.arange(len(rows)) - np.repeat(np.concatenate([[0], np.cumsum(per)[:-1]]), per)
    s_width = max(int(per.max()), 1)
    sugg = np.zeros((len(cust), s_width, unit.shape[1]), dtype=np.float32)
    sugg[inv, s_slot] = unit[items]
    b_vec = np.where((bought >= 0)[:, :, None], unit[np.maximum(bought, 0)], 0.0).astype(np.float32)
    cos = np.matmul(sugg, b_vec.transpose(0, 2, 1))  # customers × suggestions × bought
    cos[np.broadcast_to((bought < 0)[:, None, :], cos.shape)] = -np.inf
    best = cos.argmax(axis=2)
    value = np.take_along_axis(cos, best[:, :, None], axis=2)[:, :, 0]
    anchor = np.take_along_axis(bought, best, axis=1)
    return np.where(value[inv, s_slot] > 0, anchor[inv, s_slot], -1)
