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


def _names(sm) -> np.ndarray:
    """Return every product's display name as an object array (names[items] picks many at once)."""
    return _cached(sm, "names", lambda: _objects([str(n) for n in sm.pm.product_names]))


class Reasons:
    """Why each suggestion was made, as catalogue message codes (desktop.texts) and their parameters,
    kept as columns: one code per suggestion and, per parameter, one value per suggestion (None where
    that suggestion's sentence has no such parameter). `product` and `other` are product names."""

    def __init__(self, n: int):
        self.codes: np.ndarray = _objects([""] * n)
        self.params: dict[str, np.ndarray] = {}

    def put(self, where: np.ndarray, code, **params) -> None:
        """Set the suggestions at positions `where`: `code` (one, or one per position) and parameters
        (a value, or one per position)."""
        if len(where) == 0:
            return
        self.codes[where] = code
        for name, value in params.items():
            column = self.params.get(name)
            if column is None:
                column = self.params[name] = _objects([None] * len(self.codes))
            column[where] = _objects(value.tolist()) if isinstance(value, np.ndarray) else value

    def columns(self, prefix: str = "reason") -> dict[str, np.ndarray]:
        """The table columns: `prefix` (the codes) and `prefix.param` per parameter (object arrays, so
        that a whole number stays one where other rows have no value)."""
        return {prefix: self.codes, **{f"{prefix}.{name}": values for name, values in self.params.items()}}


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
            _buy_again(sm, model, r, it, out, sel)
        elif key in ("item_knn", "content"):
            _similar(sm, model, r, it, key, out, sel)
        elif key == "rules":
            _rules(sm, model, r, it, out, sel)
        elif key == "user_knn" and isinstance(model, UserKNN):
            _neighbours(sm, model, r, it, out, sel)
        elif key == "als" and isinstance(model, ALS):
            _taste(sm, model, r, it, out, sel)
        elif key == "segment_popularity" and isinstance(model, SegmentPopularity):
            _segment(sm, model, r, it, out, sel)
        else:
            _popular(sm, r, it, out, sel)
    return out


def _popular(sm, rows, items, out: Reasons, sel) -> None:
    names = _names(sm)
    pop = sm.models.get("popularity")
    if not isinstance(pop, Popularity):
        out.put(sel, "reason_best_seller", product=names[items])
        return
    recent = pop.recent_buyers[items] >= 2
    out.put(sel[recent], "reason_best_seller_recent", n=pop.recent_buyers[items[recent]],
            product=names[items[recent]], days=pop.recent_days)
    out.put(sel[~recent], "reason_best_seller_total", n=pop.buyers[items[~recent]], product=names[items[~recent]])


def _segment(sm, model: SegmentPopularity, rows, items, out: Reasons, sel) -> None:
    seg = model.segment_of_rows(rows)
    known = (seg >= 0) & (seg < len(model.labels))
    for s in np.unique(seg[known]):
        params = model.labels[s]
        code = "reason_group_popular" if "shopper_group" in params else "reason_segment_popular"
        out.put(sel[seg == s], code, **params)
    out.put(sel[~known], "reason_best_seller", product=_names(sm)[items[~known]])


def _buy_again(sm, model: BuyAgain, rows, items, out: Reasons, sel) -> None:
    names = _names(sm)
    pm = sm.pm
    pos = entry_positions(pm.days, rows, items)
    never = pos < 0
    out.put(sel[never], "reason_buy_again", product=names[items[never]])
    p = np.maximum(pos, 0)
    times = pm.days.data[p].astype(np.int64) if len(pm.days.data) else np.zeros(len(pos), dtype=np.int64)
    ago = pm.last_age[p].astype(np.int64) if len(pm.last_age) else np.zeros(len(pos), dtype=np.int64)
    span = (pm.first_age[p] - pm.last_age[p]) if len(pm.first_age) else np.zeros(len(pos))
    every = np.maximum(np.round(span / np.maximum(times - 1, 1)).astype(np.int64), 1)
    again = ~never & (times >= 2)
    # "about every 1 days" reads wrong: one day is "about every day".
    daily = again & (every == 1)
    out.put(sel[daily], "reason_bought_every_day", product=names[items[daily]], times=times[daily])
    often = again & (every != 1)
    out.put(sel[often], "reason_bought_every", product=names[items[often]], times=times[often],
            every=every[often])
    once = ~never & (times < 2)
    for code, which in (("reason_bought_today", once & (ago == 0)), ("reason_bought_yesterday", once & (ago == 1))):
        out.put(sel[which], code, product=names[items[which]])
    earlier = once & (ago > 1)
    out.put(sel[earlier], "reason_bought_days_ago", product=names[items[earlier]], ago=ago[earlier])


def _similar(sm, model, rows, items, key, out: Reasons, sel) -> None:
    names = _names(sm)
    profile = _cached(sm, "profile", lambda: profile_weights(sm.pm))
    anchors, _ = _anchor(profile, _cached(sm, key + "_t", lambda: sp.csr_matrix(model.sim.T)), rows, items)
    none = anchors < 0
    out.put(sel[none], "reason_similar_buyers", product=names[items[none]])
    some = ~none
    if key == "item_knn":
        out.put(sel[some], "reason_also_bought", other=names[anchors[some]], product=names[items[some]])
    else:
        out.put(sel[some], "reason_similar_product", other=names[anchors[some]])


def _rules(sm, model, rows, items, out: Reasons, sel) -> None:
    names = _names(sm)
    profile = _cached(sm, "binary", sm.pm.binary)
    anchors, conf = _anchor(profile, _cached(sm, "rules_t", lambda: sp.csr_matrix(model.confidence.T)), rows, items)
    lift_m = _cached(sm, "lift", lambda: sp.csr_matrix(model.lift))
    pos = entry_positions(lift_m, anchors, items)
    lifts = np.where(pos >= 0, lift_m.data[np.maximum(pos, 0)] if lift_m.nnz else 0.0, 0.0)
    none = anchors < 0
    out.put(sel[none], "reason_together")
    some = ~none
    pct = np.maximum(1, np.round(100 * conf[some].astype(np.float64)).astype(np.int64))
    out.put(sel[some], "reason_together_with", other=names[anchors[some]], product=names[items[some]], pct=pct,
            lift=lifts[some].astype(np.float64))


def _neighbours(sm, model: UserKNN, rows, items, out: Reasons, sel) -> None:
    names = _names(sm)
    counts = np.zeros(len(rows), dtype=np.int64)
    ok = np.flatnonzero(rows >= 0)
    if len(ok):
        a = model.sim[rows[ok]].copy()
        a.data[:] = 1.0
        b = _cached(sm, "pool_t", lambda: sp.csr_matrix(model.pool_items.T))[items[ok]]
        counts[ok] = np.asarray(a.multiply(b).sum(axis=1)).ravel().astype(np.int64)
    many = counts >= 2
    out.put(sel[many], "reason_like_you_count", n=counts[many], product=names[items[many]])
    out.put(sel[~many], "reason_like_you", product=names[items[~many]])


def _taste(sm, model: ALS, rows, items, out: Reasons, sel) -> None:
    names = _names(sm)
    pm = sm.pm
    anchors = np.full(len(rows), -1, dtype=np.int64)
    ok = np.flatnonzero(rows >= 0)
    if len(ok):
        anchors[ok] = _closest_bought(pm, model.item_unit, rows[ok], items[ok])
    plain = (anchors < 0) | (anchors == items)
    out.put(sel[plain], "reason_taste", product=names[items[plain]])
    out.put(sel[~plain], "reason_taste_with", product=names[items[~plain]], other=names[anchors[~plain]])


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
