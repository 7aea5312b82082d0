"""The suggestion models. Each one is fitted on a PurchaseMatrix and scores products for rows of it.

A model's `score(rows)` returns non-negative scores for len(rows) × products, higher = more likely to
be bought next: a sparse CSR matrix (only products the model has an opinion on) or, for the
factorisation model, a dense float32 array. Row -1 means a customer with no purchase history. Scores
of different models are on different scales; the blend normalises them per customer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from desktop.engine.progress import Progress, no_progress

from .matrix import PurchaseMatrix, build_matrix
from .sparse_utils import normalize_rows, row_ids, similarity_top_n, top_k_positive, top_per_row

MODEL_NAMES: dict[str, tuple[str, str]] = {
    "buy_again": ("Buy again", "再次购买"),
    "item_knn": ("Similar products (bought by the same customers)", "相似商品（同一批顾客购买）"),
    "user_knn": ("Customers like you", "相似顾客"),
    "als": ("Taste model (matrix factorisation)", "偏好模型（矩阵分解）"),
    "rules": ("Bought together", "经常一起购买"),
    "content": ("Similar name or category", "名称或类别相似"),
    "popularity": ("Best sellers", "热销商品"),
    "segment_popularity": ("Popular in the customer's segment", "同类顾客中热销"),
}
ALL_MODELS: tuple[str, ...] = tuple(MODEL_NAMES)


@dataclass
class FitContext:
    """What every model may use when fitting."""

    pm: PurchaseMatrix
    lines: pd.DataFrame  # purchase lines before pm.as_of
    horizon_days: float  # how far ahead suggestions should look
    segment_codes: np.ndarray  # segment number per pm row, -1 when unknown
    segment_labels: list[tuple[str, str]] = field(default_factory=list)  # (English, Chinese) per code
    seed: int = 0
    progress: Progress = no_progress
    shared: dict = field(default_factory=dict)  # work reusable by fits on other cuts of the same data


def profile_weights(pm: PurchaseMatrix) -> sp.csr_matrix:
    """Return the customer profile used by neighbourhood models: log of purchase days, recent items weigh more."""
    half_life = max(60.0, pm.span_days / 2.0)
    w = (1.0 + np.log(pm.days.data)) * (0.3 + 0.7 * np.power(0.5, pm.last_age / half_life))
    return pm.with_data(w)


def sparse_rows(m: sp.csr_matrix, rows: np.ndarray) -> sp.csr_matrix:
    """Return the given rows of a CSR matrix; row -1 gives an empty row."""
    missing = rows < 0
    out = m[np.where(missing, 0, rows)]
    if missing.any():
        out = sp.diags((~missing).astype(np.float32)) @ out
    return sp.csr_matrix(out)


def _top_table(values: np.ndarray, rows: int, n: int) -> sp.csr_matrix:
    """Return a (rows × products) CSR matrix holding the n best of `values` in every row."""
    n = min(n, len(values))
    top = np.argsort(-values, kind="stable")[:n]
    top = top[values[top] > 0]
    data = np.tile(values[top].astype(np.float32), rows)
    return sp.csr_matrix((data, np.tile(top, rows), np.arange(rows + 1) * len(top)), shape=(rows, len(values)))


class Model:
    """Base class: fit on a FitContext, then score rows."""

    name = "model"
    # None: scores mean something only within one customer (the blend scales each customer's best
    # to 1); a number: scores are comparable across customers and the blend divides by it.
    scale: float | None = None

    def fit(self, ctx: FitContext) -> Model:
        self.pm = ctx.pm
        return self

    def score(self, rows: np.ndarray) -> np.ndarray:
        raise NotImplementedError


# --- popularity -------------------------------------------------------------------------------

class Popularity(Model):
    """Best sellers: distinct buyers per product, recent buyers weighing more."""

    name = "popularity"

    def fit(self, ctx: FitContext) -> Popularity:
        super().fit(ctx)
        pm = ctx.pm
        self.half_life = max(14.0, 2.0 * ctx.horizon_days)
        decay = np.power(0.5, pm.last_age / self.half_life).astype(np.float32)
        self.values = np.bincount(pm.days.indices, weights=decay, minlength=pm.n_products).astype(np.float32)
        self.buyers = np.bincount(pm.days.indices, minlength=pm.n_products)
        # Buyers within the recent window, for the reason text.
        recent = pm.last_age < max(30.0, 2.0 * ctx.horizon_days)
        self.recent_days = int(max(30.0, 2.0 * ctx.horizon_days))
        self.recent_buyers = np.bincount(pm.days.indices[recent], minlength=pm.n_products)
        return self

    candidates = 300  # best sellers offered to each customer (before removing what they may not get)

    def score(self, rows: np.ndarray, n: int | None = None) -> sp.csr_matrix:
        """The best sellers for every row: `n` of them (default `candidates`) -- enough when at
        most n - m of them can be blocked for a row and m are wanted."""
        return _top_table(self.values, len(rows), min(n or self.candidates, self.candidates))


class SegmentPopularity(Model):
    """Best sellers within the customer's segment, shrunk towards the overall best sellers."""

    name = "segment_popularity"

    def fit(self, ctx: FitContext) -> SegmentPopularity:
        super().fit(ctx)
        pm = ctx.pm
        self.labels = ctx.segment_labels
        self.codes = ctx.segment_codes
        half_life = max(14.0, 2.0 * ctx.horizon_days)
        decay = np.power(0.5, pm.last_age / half_life).astype(np.float32)
        overall = np.bincount(pm.days.indices, weights=decay, minlength=pm.n_products)
        overall_share = overall / max(overall.sum(), 1e-9)
        n_seg = max(int(self.codes.max()) + 1 if len(self.codes) else 0, 1)
        seg_of_entry = self.codes[row_ids(pm.days)]
        ok = seg_of_entry >= 0
        table = np.zeros((n_seg, pm.n_products), dtype=np.float64)
        np.add.at(table, (seg_of_entry[ok], pm.days.indices[ok]), decay[ok])
        # Shrink small segments towards the overall ranking (a few dozen purchases' worth of prior).
        prior = 30.0
        totals = table.sum(axis=1, keepdims=True)
        self.table = ((table + prior * overall_share) / (totals + prior)).astype(np.float32)
        self.overall = overall_share.astype(np.float32)
        self.segment_buyers = np.zeros((n_seg, pm.n_products), dtype=np.int64)
        np.add.at(self.segment_buyers, (seg_of_entry[ok], pm.days.indices[ok]), 1)
        return self

    def segment_of_rows(self, rows: np.ndarray) -> np.ndarray:
        seg = np.full(len(rows), -1, dtype=np.int64)
        ok = rows >= 0
        seg[ok] = self.codes[rows[ok]]
        return seg

    def score(self, rows: np.ndarray, n: int | None = None) -> sp.csr_matrix:
        """Each row's segment's best sellers: `n` of them (default Popularity.candidates)."""
        seg = self.segment_of_rows(rows)
        if not hasattr(self, "_tables"):  # one ranking per segment, built once, best first
            full = Popularity.candidates
            self._tables = [_top_table(t, 1, full) for t in self.table] + [_top_table(self.overall, 1, full)]
        n = min(n or Popularity.candidates, Popularity.candidates)
        tables = [t if t.nnz <= n else sp.csr_matrix((t.data[:n], t.indices[:n], [0, n]), shape=t.shape)
                  for t in self._tables]
        return sp.vstack([tables[s] for s in seg], format="csr") if len(seg) else \
            sp.csr_matrix((0, self.table.shape[1]), dtype=np.float32)


# --- buy again --------------------------------------------------------------------------------

_BUY_AGAIN_FEATURES = 9


def _buy_again_features(pm: PurchaseMatrix, popularity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (features per stored entry of pm.days, usual interval in days per entry)."""
    n = pm.days.data.astype(np.float64)
    last = pm.last_age.astype(np.float64)
    first = pm.first_age.astype(np.float64)
    cols = pm.days.indices
    rows = row_ids(pm.days)
    own_interval = np.where(n >= 2, (first - last) / np.maximum(n - 1, 1), np.nan)
    # A product's typical interval (median over its repeat buyers) stands in for one-time buyers.
    typical = pd.Series(own_interval).groupby(cols).median()
    item_interval = np.full(pm.n_products, np.nan)
    item_interval[typical.index.to_numpy()] = typical.to_numpy()
    global_interval = np.nanmedian(own_interval) if np.isfinite(own_interval).any() else max(pm.span_days / 4, 7)
    item_interval = np.where(np.isfinite(item_interval), item_interval, global_interval)
    interval = np.where(np.isfinite(own_interval), own_interval, item_interval[cols])
    interval = np.maximum(interval, 1.0)
    buyers = np.bincount(cols, minlength=pm.n_products).astype(np.float64)
    repeaters = np.bincount(cols, weights=(n >= 2).astype(np.float64), minlength=pm.n_products)
    base_rate = repeaters.sum() / max(buyers.sum(), 1.0)
    repeat_rate = (repeaters + 5 * base_rate) / (buyers + 5)
    cust_days = pm.customer_days.astype(np.float64)[rows]
    # The odds of a repeat; a shop where nobody has bought anything twice yet has a rate of 0 (log 0 is
    # -inf, which would poison the regression): rates are kept within 0.1% and 99.9%.
    rate = np.clip(repeat_rate[cols], 0.001, 0.999)
    odds = rate / (1 - rate)
    x = np.column_stack([
        np.log1p(n),
        np.log1p(last),
        np.log1p(interval),
        np.log((last + 1.0) / (interval + 1.0)),
        np.log(odds),
        np.log1p(cust_days),
        np.log1p(pm.customer_last_age.astype(np.float64)[rows]),
        n / np.maximum(cust_days, 1.0),
        np.log1p(popularity[cols].astype(np.float64)),
    ])
    return x, interval


def _logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> tuple[np.ndarray, float]:
    """Return (weights, intercept) of an L2-regularised logistic regression (scikit-learn's; its C is
    1 / l2, and it does not shrink the intercept)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0 / l2, max_iter=200, tol=1e-8)
    model.fit(x, y)
    return model.coef_[0].astype(np.float64), float(model.intercept_[0])


class BuyAgain(Model):
    """Products the customer bought before and is due to buy again.

    A logistic regression learns from the shop's own last `horizon` days which past purchases were
    repeated (by how often and how recently the customer bought the product, their usual interval,
    how often other customers rebuy it); a simple rule is used when there are too few repeats to learn.
    """

    name = "buy_again"

    def fit(self, ctx: FitContext) -> BuyAgain:
        super().fit(ctx)
        pm = ctx.pm
        pop = Popularity().fit(ctx).values
        x_now, self.interval = _buy_again_features(pm, pop)
        self.coef = None
        self.weights = self._learn(ctx)
        if self.weights is not None:
            z = x_now @ self.weights[0] + self.weights[1]
            prob = 1.0 / (1.0 + np.exp(-z))
        else:
            prob = self._rule(pm, x_now)
        self.matrix = pm.with_data(np.maximum(prob, 1e-6))
        # Learnt scores are probabilities of buying again within the horizon: comparable across
        # customers, so the blend keeps them as they are instead of scaling each customer's best to 1.
        self.scale = 1.0 if self.weights is not None else None
        return self

    @staticmethod
    def _rule(pm: PurchaseMatrix, x: np.ndarray) -> np.ndarray:
        # More purchase days, a higher product repeat rate and being due (not long overdue) score higher.
        due = x[:, 3]
        rate = 1.0 / (1.0 + np.exp(-x[:, 4]))
        return rate * x[:, 0] * np.exp(-0.5 * np.square(np.maximum(due, -1.0) / 1.5))

    def _learn(self, ctx: FitContext):
        """Fit the logistic regression on (features at as_of - horizon, bought again before as_of)."""
        pm = ctx.pm
        horizon = max(1.0, float(ctx.horizon_days))
        start = pm.as_of - pd.Timedelta(days=horizon)
        if pm.span_days < 2 * horizon:
            return None
        try:
            past = build_matrix(ctx.lines, as_of=start, purchases=True)
        except Exception:
            return None
        sub = ctx.lines[pd.to_datetime(ctx.lines["date"]) >= start]
        if sub.empty:
            return None
        pop_ctx = FitContext(pm=past, lines=ctx.lines, horizon_days=horizon,
                             segment_codes=np.full(past.n_customers, -1))
        x, _ = _buy_again_features(past, Popularity().fit(pop_ctx).values)
        rows = row_ids(past.days)
        key = pd.MultiIndex.from_arrays([past.customers[rows], past.products[past.days.indices]])
        bought = pd.MultiIndex.from_arrays([sub["customer_id"].astype(str), sub["product_id"].astype(str)])
        y = key.isin(bought).astype(np.int8)
        if y.sum() < 20 or y.sum() == len(y):
            return None
        rng = np.random.default_rng(ctx.seed)
        if len(y) > 300_000:
            pick = rng.choice(len(y), 300_000, replace=False)
            x, y = x[pick], y[pick]
            if y.min() == y.max():  # the sample holds one outcome only: nothing to learn from
                return None
        mean, std = x.mean(axis=0), x.std(axis=0)
        std[std == 0] = 1.0
        w, b = _logistic((x - mean) / std, y.astype(np.float64))
        return w / std, float(b - (mean / std) @ w)

    def score(self, rows: np.ndarray) -> sp.csr_matrix:
        return sparse_rows(self.matrix, rows)


# --- item-to-item and customer-to-customer neighbourhoods --------------------------------------

def _bm25(m: sp.csr_matrix, k1: float = 1.2, b: float = 0.75) -> sp.csr_matrix:
    """BM25-weight a customer × product matrix: rows are documents, so heavy buyers count less per item."""
    m = sp.csr_matrix(m, dtype=np.float32, copy=True)
    n_rows = m.shape[0]
    df = np.bincount(m.indices, minlength=m.shape[1]).astype(np.float32)
    idf = np.log((n_rows + 1.0) / (df + 0.5)).astype(np.float32)
    length = np.diff(m.indptr).astype(np.float32)
    avg = max(float(length.mean()), 1.0)
    norm = np.repeat(k1 * (1 - b + b * length / avg), np.diff(m.indptr))
    m.data = m.data * (k1 + 1) / (m.data + norm) * idf[m.indices]
    return m


class ItemKNN(Model):
    """Item-to-item collaborative filtering: cosine over BM25-weighted buyers, top neighbours kept."""

    name = "item_knn"
    neighbours = 100
    shrink = 5.0

    def fit(self, ctx: FitContext) -> ItemKNN:
        super().fit(ctx)
        pm = ctx.pm
        self.profile = profile_weights(pm)
        # Items as rows: BM25 over customers (documents = customers) then transpose.
        w = _bm25(pm.days).T.tocsr()
        norms = np.sqrt(np.asarray(w.multiply(w).sum(axis=1)).ravel())
        wn = normalize_rows(w)
        sim = similarity_top_n(wn, wn, self.neighbours * 2, exclude_diagonal=True,
                               progress=ctx.progress)
        # Shrink similarities resting on few buyers (cosine of 1.0 from a single shared customer).
        support = np.bincount(pm.days.indices, minlength=pm.n_products).astype(np.float32)
        r = row_ids(sim)
        shrunk = support / (support + self.shrink)
        sim.data *= shrunk[r] * shrunk[sim.indices]
        self.sim = top_per_row(sim, self.neighbours)
        self._norms = norms
        return self

    def score(self, rows: np.ndarray) -> sp.csr_matrix:
        return sp.csr_matrix(sparse_rows(self.profile, rows) @ self.sim)


class UserKNN(Model):
    """Customer-to-customer collaborative filtering: what the most similar customers bought."""

    name = "user_knn"
    neighbours = 50
    # Possible neighbours: every customer on a small shop, the most active ones on a big shop, so that
    # customers × pool stays within a fixed budget of similarity computations.
    pool_budget = 5e7

    def fit(self, ctx: FitContext) -> UserKNN:
        super().fit(ctx)
        pm = ctx.pm
        binary = pm.binary()
        df = np.bincount(binary.indices, minlength=pm.n_products).astype(np.float32)
        idf = np.log((pm.n_customers + 1.0) / (df + 1.0)).astype(np.float32)
        w = profile_weights(pm)
        w.data *= idf[w.indices]
        wn = normalize_rows(w)
        pool = np.arange(pm.n_customers)
        max_pool = int(np.clip(self.pool_budget / max(pm.n_customers, 1), 2000, 20_000))
        if pm.n_customers > max_pool:
            activity = np.diff(pm.days.indptr)
            pool = np.sort(np.argsort(-activity, kind="stable")[:max_pool])
        self.pool = pool
        sim = similarity_top_n(wn, wn[pool], self.neighbours, exclude_diagonal=False, progress=ctx.progress)
        # Drop a customer's similarity to themself (pool columns are indexes into `pool`).
        r = row_ids(sim)
        sim.data[pool[sim.indices] == r] = 0.0
        sim.eliminate_zeros()
        self.sim = sim  # customers × pool
        self.pool_items = binary[pool]
        return self

    def score(self, rows: np.ndarray) -> sp.csr_matrix:
        return sp.csr_matrix(sparse_rows(self.sim, rows) @ self.pool_items)


# --- matrix factorisation (implicit ALS) -------------------------------------------------------

class ALS(Model):
    """Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren & Volinsky), the
    `implicit` package's conjugate-gradient solver. It replaced our own numpy solver after a side-by-side
    run on a time holdout found recall@10 equal within the seed spread and the fit up to 2x faster
    (README, "The taste model")."""

    name = "als"
    max_fit_customers = 15_000

    # A gentle confidence (alpha) and a firmer regularisation: with alpha 10 and reg 1 the factors
    # chased each customer's own purchases and ranked below best sellers on shops where those sell
    # a lot; alpha 2 / reg 10 did better on the demo shop and on synthetic gift shops (benchmarks/
    # bench_suggestion_quality.py) alike.
    def __init__(self, factors: int | None = None, iterations: int = 8, reg: float = 10.0, alpha: float = 2.0,
                 cg_steps: int = 2):
        self.factors, self.iterations, self.reg, self.alpha, self.cg_steps = factors, iterations, reg, alpha, cg_steps

    def fit(self, ctx: FitContext) -> ALS:
        from implicit.cpu.als import AlternatingLeastSquares
        from threadpoolctl import threadpool_limits

        super().fit(ctx)
        pm = ctx.pm
        # Few factors for a small catalogue: more only memorise who bought what (measured on the demo shop).
        f = self.factors or int(np.clip(round(np.sqrt(min(pm.n_customers, pm.n_products))), 8, 40))
        f = int(min(f, max(2, min(pm.n_customers, pm.n_products) // 2)))
        weights = profile_weights(pm)
        # implicit reads each stored value as the confidence c itself (1 + alpha × profile weight)
        conf = sp.csr_matrix((1.0 + self.alpha * weights.data, weights.indices, weights.indptr),
                             shape=weights.shape, dtype=np.float32)
        # On a big shop the product factors are learnt from the most active customers, then every
        # customer's factors are solved against them (one pass): most of the fit for a fraction of the time.
        fit_rows = None
        if pm.n_customers > self.max_fit_customers:
            activity = np.diff(conf.indptr)
            fit_rows = np.sort(np.argsort(-activity, kind="stable")[: self.max_fit_customers])
        train = conf[fit_rows] if fit_rows is not None else conf
        # implicit warns (and slows down) when BLAS runs its own threads beside it: it checks when made
        with threadpool_limits(1, "blas"):
            model = AlternatingLeastSquares(factors=f, regularization=self.reg, alpha=1.0,
                                            iterations=self.iterations, use_cg=True,
                                            calculate_training_loss=False, num_threads=1, random_state=ctx.seed)
            model.cg_steps = self.cg_steps  # not a constructor argument
            model.fit(train, show_progress=False,
                      callback=lambda it, _seconds, _loss: ctx.progress((it + 1) / self.iterations, ""))
            x = model.user_factors
            if fit_rows is not None:
                x = model.recalculate_user(np.arange(pm.n_customers), conf)
        y = np.ascontiguousarray(model.item_factors, dtype=np.float32)
        self.user_factors, self.item_factors = np.ascontiguousarray(x, dtype=np.float32), y
        norms = np.linalg.norm(y, axis=1)
        norms[norms == 0] = 1.0
        self.item_unit = (y / norms[:, None]).astype(np.float32)
        return self

    def score(self, rows: np.ndarray) -> np.ndarray:
        out = np.zeros((len(rows), self.pm.n_products), dtype=np.float32)
        ok = rows >= 0
        if ok.any():
            out[ok] = np.maximum(self.user_factors[rows[ok]] @ self.item_factors.T, 0.0)
        return out

    chunk = 1024  # customers per score block: 1024 × 10,000 products is 40 MB of float32

    def top(self, rows: np.ndarray, m: int, blocked: np.ndarray, excluded: np.ndarray | None) -> sp.csr_matrix:
        """Return the `m` best positive scores per row as CSR, leaving out `blocked` (sorted keys
        row * products + column) and `excluded` products; the same as the best of `score` but
        scored block by block, never a whole batch × products array at once."""
        n_p = self.pm.n_products
        ok = np.flatnonzero(rows >= 0)
        if len(ok) == 0:
            return sp.csr_matrix((len(rows), n_p), dtype=np.float32)
        y_t = self.item_factors.T  # a transposed view: BLAS multiplies it faster than a contiguous copy
        drop = excluded if excluded is not None and excluded.any() else None
        b_row, b_col = blocked // n_p, blocked % n_p
        parts_r, parts_c, parts_v = [], [], []
        for s in range(0, len(ok), self.chunk):
            idx = ok[s:s + self.chunk]
            block = self.user_factors[rows[idx]] @ y_t
            if drop is not None:
                block[:, drop] = 0.0
            if len(blocked):
                lo, hi = np.searchsorted(b_row, [idx[0], idx[-1] + 1])
                br, bc = b_row[lo:hi], b_col[lo:hi]
                local = np.searchsorted(idx, br)
                hit = (local < len(idx)) & (idx[np.minimum(local, len(idx) - 1)] == br)
                block[local[hit], bc[hit]] = 0.0
            top = top_k_positive(block, m)
            parts_r.append(idx[row_ids(top)])
            parts_c.append(top.indices)
            parts_v.append(top.data)
        r = np.concatenate(parts_r)
        return sp.csr_matrix((np.concatenate(parts_v), (r, np.concatenate(parts_c))), shape=(len(rows), n_p),
                             dtype=np.float32)


# --- bought together (association rules) ------------------------------------------------------

class Rules(Model):
    """Association rules X → Y over baskets (one basket = one customer's purchases on one day).

    support = share of baskets with both, confidence = P(Y | X), lift = confidence / P(Y).
    A customer's score for Y sums the confidence of the rules from the products they bought.
    """

    name = "rules"
    max_consequents = 100

    def fit(self, ctx: FitContext) -> Rules:
        super().fit(ctx)
        pm = ctx.pm
        baskets = pm.baskets.tocsc().tocsr()
        self.n_baskets = baskets.shape[0]
        self.item_baskets = np.bincount(baskets.indices, minlength=pm.n_products).astype(np.float32)
        bt = baskets.T.tocsr()
        # Co-occurrence counts, pruned per antecedent; a pair seen in one basket only is noise.
        self.min_count = 2.0 if self.n_baskets >= 200 else 1.0
        co = similarity_top_n(bt, bt, self.max_consequents * 3, exclude_diagonal=True,
                              min_value=self.min_count - 0.5, progress=ctx.progress)
        r = row_ids(co)
        together = co.data.copy()
        conf = together / np.maximum(self.item_baskets[r], 1.0)
        base = self.item_baskets[co.indices] / max(self.n_baskets, 1)
        lift = conf / np.maximum(base, 1e-12)
        keep = lift > 1.0
        self.together = sp.csr_matrix((together[keep], (r[keep], co.indices[keep])), shape=co.shape)
        confidence = sp.csr_matrix((conf[keep].astype(np.float32), (r[keep], co.indices[keep])), shape=co.shape)
        self.confidence = top_per_row(confidence, self.max_consequents)
        lift_m = sp.csr_matrix((lift[keep].astype(np.float32), (r[keep], co.indices[keep])), shape=co.shape)
        self.lift = lift_m
        self.profile = profile_weights(pm)
        return self

    def rules_for(self, item: int) -> pd.DataFrame:
        """Return the rules item → Y: columns product (index), together, support, confidence, lift."""
        conf = self.confidence.getrow(item)
        cols = conf.indices
        together = np.asarray(self.together[item, cols].todense()).ravel() if len(cols) else np.zeros(0)
        lift = np.asarray(self.lift[item, cols].todense()).ravel() if len(cols) else np.zeros(0)
        return pd.DataFrame({
            "product": cols,
            "together": together.astype(int),
            "support": together / max(self.n_baskets, 1),
            "confidence": conf.data,
            "lift": lift,
        }).sort_values(["confidence", "lift"], ascending=False, kind="stable")

    def score(self, rows: np.ndarray) -> sp.csr_matrix:
        return sp.csr_matrix(sparse_rows(self.profile, rows) @ self.confidence)


# --- content (names and categories) -----------------------------------------------------------

class Content(Model):
    """Products whose name or category looks like what the customer bought (character n-grams, so
    Chinese names work without word splitting)."""

    name = "content"
    neighbours = 50

    def fit(self, ctx: FitContext) -> Content:
        super().fit(ctx)
        pm = ctx.pm
        self.profile = profile_weights(pm)
        # Names do not change with the cut: fits on earlier cuts reuse the similarities of a later one.
        cached = ctx.shared.get("content_sim")
        if cached is not None:
            idx = cached[0].get_indexer(pm.products)
            if (idx >= 0).all():
                self.sim = sp.csr_matrix(cached[1][idx][:, idx])
                return self
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = [f"{n or ''} {c or ''}".lower() for n, c in zip(pm.product_names, pm.categories)]
        try:
            # Grams in most names ("bag", "茶") say nothing and would make every pair similar.
            vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, min_df=1,
                                  max_df=0.3 if pm.n_products >= 50 else 1.0, dtype=np.float32)
            tf = vec.fit_transform(texts).tocsr()
        except ValueError:  # every name empty
            tf = sp.csr_matrix((pm.n_products, 1), dtype=np.float32)
        self.sim = similarity_top_n(tf, tf, self.neighbours, exclude_diagonal=True, min_value=0.05,
                                    progress=ctx.progress)
        ctx.shared.setdefault("content_sim", (pm.products, self.sim))
        return self

    def score(self, rows: np.ndarray) -> sp.csr_matrix:
        return sp.csr_matrix(sparse_rows(self.profile, rows) @ self.sim)


MODEL_CLASSES: dict[str, type[Model]] = {
    "buy_again": BuyAgain,
    "item_knn": ItemKNN,
    "user_knn": UserKNN,
    "als": ALS,
    "rules": Rules,
    "content": Content,
    "popularity": Popularity,
    "segment_popularity": SegmentPopularity,
}
