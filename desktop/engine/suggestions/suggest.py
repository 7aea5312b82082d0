"""Fit the suggestion models on a shop's order lines and ask them questions.

    sm = fit_models(lines, SuggestionSettings(k=10), customers=analysis.customers)
    recommend(sm)                      # top-k per customer with reasons
    bought_together(sm, "Gift box A")  # "customers who buy X also buy Y"
    who_to_offer(sm, "Jasmine tea")    # ranked customers for one product
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from desktop import texts
from desktop.engine.errors import InputError
from desktop.engine.progress import Progress, no_progress, scaled

from .blend import MODES, ValidationSet, combine, padded_candidates, prepare, search_weights
from .matrix import PurchaseMatrix, build_matrix, purchases_only
from .models import ALL_MODELS, MODEL_CLASSES, FitContext, Model, Popularity, SegmentPopularity
from .reasons import explain
from .sparse_utils import one_blas_thread

BATCH = 2000  # customers scored at a time (the factorisation model needs a batch × products array)
MAX_PERIODS = 3  # earlier periods of the history the blend weights are chosen on (big shops)
# A shop small enough to tune on all its customers gets more periods, overlapping by half: with a
# few hundred customers per period the choice between close models is mostly noise (on the demo
# shop and synthetic gift shops the overlapping periods picked the better model more often), and
# on a small shop the extra fits cost little.
SMALL_SHOP_PERIODS = 5
SMALL_SHOP_STRIDE = 0.5  # in horizons

# Used when the history is too short to learn weights from it: one model, as an untested blend
# can be worse than its best part. Buying again is usually the strongest signal when repeats are
# allowed; for products new to the customer the factorisation model was the best single model on
# the demo shop, the 9 days of Online Retail and synthetic gift shops (bench_suggestion_quality.py).
DEFAULT_WEIGHTS = {
    "repeats_allowed": {"buy_again": 1.0},
    "new_items_only": {"als": 1.0},
}


@dataclass(frozen=True)
class SuggestionSettings:
    """What to suggest and how."""

    k: int = 10  # suggestions per customer
    allow_repeats: bool = True  # may suggest products the customer bought before
    exclude_recent_days: int = 0  # never suggest a product the customer bought in the last N days
    exclude_products: tuple[str, ...] = ()  # product ids or names (case-insensitive) never suggested
    exclude_categories: tuple[str, ...] = ()
    horizon_days: float | None = None  # how far ahead to look; None = from the length of the history
    tune: bool = True  # learn blend weights on the last `horizon` days of the history
    models: tuple[str, ...] = ALL_MODELS
    max_validation_customers: int = 3000
    max_tuning_customers: int = 8_000  # customers sampled to learn the blend weights on a big shop
    seed: int = 0

    @property
    def mode(self) -> str:
        return "repeats_allowed" if self.allow_repeats else "new_items_only"


@dataclass
class SuggestionModels:
    """Fitted models, the blend weights per mode, and what tuning found."""

    pm: PurchaseMatrix
    models: LazyModels
    weights: dict[str, dict[str, float]]
    settings: SuggestionSettings
    horizon_days: float
    tuning: dict = field(default_factory=dict)
    excluded: np.ndarray | None = None  # bool per product: never suggested (settings)
    _popularity_norm: np.ndarray | None = None


def default_horizon(span_days: float) -> float:
    """Return how many days ahead suggestions look by default: a sixth of the history, 7 to 90 days."""
    return float(min(90.0, max(7.0, span_days / 6.0))) if span_days >= 14 else max(1.0, span_days / 3.0)


# Our own recency × frequency groups when the customers have no segments (catalogue LABELS "shopper_group").
SHOPPER_GROUPS = ("lapsed_one_time", "lapsed_returning", "lapsed_regular",
                  "recent_one_time", "recent_returning", "recent_regular")


def _segments(pm: PurchaseMatrix, customers: pd.DataFrame | None) -> tuple[np.ndarray, list[dict]]:
    """Return (segment code per matrix row, per code the parameters that name the group in a reason).

    Uses the segment names when given (`segment`, and the segment's own Chinese name `segment_zh`);
    otherwise a small recency × frequency grouping of our own (`shopper_group`, a catalogue label key).
    """
    if customers is not None and "segment_name" in customers.columns:
        names = customers["segment_name"].astype("string")
        names.index = names.index.astype(str)
        zh = customers["segment_name_zh"].astype("string") if "segment_name_zh" in customers else names
        zh.index = names.index
        per_row = names.reindex(pm.customers)
        codes, uniques = pd.factorize(per_row, sort=True)
        labels = []
        for u in uniques:
            z = zh[names == u]
            labels.append({"segment": str(u), "segment_zh": str(z.iloc[0]) if len(z) and pd.notna(z.iloc[0])
                           else str(u)})
        return codes.astype(np.int64), labels
    recent = pm.customer_last_age <= np.median(pm.customer_last_age)
    freq = np.digitize(pm.customer_days, [1.5, 3.5])  # 1 / 2-3 / 4+ purchase days
    codes = (recent.astype(np.int64) * 3 + freq).astype(np.int64)
    return codes, [{"shopper_group": key} for key in SHOPPER_GROUPS]


def _excluded_products(pm: PurchaseMatrix, settings: SuggestionSettings) -> np.ndarray:
    out = np.zeros(pm.n_products, dtype=bool)
    if settings.exclude_products:
        wanted = {str(p).strip().casefold() for p in settings.exclude_products}
        ids = np.array([str(p).casefold() for p in pm.products])
        names = np.array([str(n).casefold() for n in pm.product_names])
        out |= np.isin(ids, list(wanted)) | np.isin(names, list(wanted))
    if settings.exclude_categories:
        wanted = {str(c).strip().casefold() for c in settings.exclude_categories}
        cats = np.array([str(c).casefold() if c is not None else "" for c in pm.categories])
        out |= np.isin(cats, list(wanted))
    return out


class LazyModels(dict):
    """Fitted models by name; a model that is not fitted yet is fitted on first use.

    fit_models fits what the blend needs up front; the rest (evaluation, "bought together") come
    on demand. The training lines are kept for that but not pickled: a copy sent to another process
    fits a missing model from the purchase matrix alone (buy again then uses its simple rule).
    """

    def __init__(self, pm: PurchaseMatrix, lines: pd.DataFrame | None, settings: SuggestionSettings, horizon: float,
                 customers: pd.DataFrame | None, shared: dict | None = None):
        super().__init__()
        self.pm, self.lines, self.settings, self.horizon = pm, lines, settings, horizon
        self.shared = shared if shared is not None else {}
        self.codes, self.labels = _segments(pm, customers)
        names = [m for m in settings.models if m in MODEL_CLASSES]
        if "popularity" not in names:
            names.append("popularity")  # breaks ties and serves customers with no history
        self.names = names

    def fit(self, names: list[str], progress: Progress = no_progress) -> None:
        """Fit the given models (those not fitted yet), reporting progress."""
        todo = [n for n in names if n not in self]
        for j, name in enumerate(todo):
            progress(j / len(todo), f"Fitting {texts.label('suggestion_model', name).lower()}")
            self._fit_one(name, scaled(progress, j / len(todo), (j + 1) / len(todo)))
        progress(1.0, "")

    def _fit_one(self, name: str, progress: Progress = no_progress) -> Model:
        lines = self.lines if self.lines is not None else pd.DataFrame(columns=["customer_id", "product_id", "date"])
        ctx = FitContext(pm=self.pm, lines=lines, horizon_days=self.horizon, segment_codes=self.codes,
                         segment_labels=self.labels, seed=self.settings.seed, progress=progress,
                         shared=self.shared)
        model = MODEL_CLASSES[name]().fit(ctx)
        self[name] = model
        return model

    def __missing__(self, name: str) -> Model:
        if name not in MODEL_CLASSES:
            raise KeyError(name)
        return self._fit_one(name)

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("lines", "shared")} | {"lines": None, "shared": {}}


def _fit_all(pm: PurchaseMatrix, lines: pd.DataFrame, settings: SuggestionSettings, horizon: float,
             customers: pd.DataFrame | None, progress: Progress, names: list[str] | None = None,
             shared: dict | None = None) -> LazyModels:
    """Return the models fitted on `pm` (all of settings.models and popularity unless `names` is given)."""
    models = LazyModels(pm, lines, settings, horizon, customers, shared)
    models.fit(models.names if names is None else [n for n in names if n in models.names], progress)
    return models


@one_blas_thread
def fit_models(lines: pd.DataFrame, settings: SuggestionSettings | None = None, *,
               customers: pd.DataFrame | None = None, as_of: pd.Timestamp | str | None = None,
               progress: Progress | None = None) -> SuggestionModels:
    """Choose blend weights and fit the models they use on the purchases before `as_of`; return
    SuggestionModels (other models are fitted when first asked for).

    Blend weights are chosen on the shop's own data: the models are fitted on the history before
    each of up to MAX_PERIODS earlier periods and judged on what was bought in it (see _tune).
    Only the settings' mode (repeats allowed or not) is tuned; the other keeps DEFAULT_WEIGHTS.
    `customers` (the engine's customer table) supplies segment names for "popular in your segment".
    """
    settings = settings or SuggestionSettings()
    return _fit(lines, settings, customers, as_of, (settings.mode,), progress or no_progress)


def _fit(lines: pd.DataFrame, settings: SuggestionSettings, customers: pd.DataFrame | None, as_of,
         modes: tuple[str, ...], progress: Progress) -> SuggestionModels:
    """fit_models, tuning the blend of the given modes."""
    buys = purchases_only(lines)
    pm = build_matrix(buys, as_of=as_of, purchases=True)
    buys = buys[(pd.to_datetime(buys["date"]) < pm.as_of).to_numpy()]
    horizon = float(settings.horizon_days) if settings.horizon_days else default_horizon(pm.span_days)
    weights = {m: dict(w) for m, w in DEFAULT_WEIGHTS.items()}
    tuning: dict = {"tuned": False}
    if settings.tune:
        tuned = _tune(buys, pm, settings, horizon, customers, scaled(progress, 0.0, 0.5), modes)
        if tuned is not None:
            weights, tuning = tuned
    models = LazyModels(pm, buys, settings, horizon, customers)
    for mode in weights:
        weights[mode] = {m: w for m, w in weights[mode].items() if m in models.names and w > 0}
        if not weights[mode]:
            weights[mode] = {"popularity": 1.0}
    models.fit(["popularity", *weights[settings.mode]], scaled(progress, 0.5 if settings.tune else 0.0, 1.0))
    return SuggestionModels(pm=pm, models=models, weights=weights, settings=settings, horizon_days=horizon,
                            tuning=tuning, excluded=_excluded_products(pm, settings))


def validation_periods(pm: PurchaseMatrix, horizon: float, max_periods: int = MAX_PERIODS, stride: float = 1.0
                       ) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Return the (start, end) of the earlier periods the blend weights are chosen on, most recent
    first: the last `horizon` days before as_of, then periods of the same length starting
    `stride` horizons earlier each time (1: one after the other; 0.5: overlapping by half), each
    with at least `horizon` days of history before it. Never anything from as_of on."""
    out = []
    for j in range(max_periods):
        back = horizon * (1.0 + j * stride)  # days from the period's start to as_of
        if pm.span_days < back + horizon:
            break
        start = pm.as_of - pd.Timedelta(days=back)
        out.append((start, start + pd.Timedelta(days=horizon)))
    return out


def _tune(buys: pd.DataFrame, pm: PurchaseMatrix, settings: SuggestionSettings, horizon: float,
          customers: pd.DataFrame | None, progress: Progress, modes: tuple[str, ...] = MODES):
    """Choose blend weights per mode on earlier periods of the history; return (weights, figures),
    or None when the history is too short to leave any period to learn from.

    For each period the models are fitted on the history before it and scored on what was bought
    in it (validation_periods); search_weights then keeps the blend only when it is a real gain.
    """
    small = pm.n_customers <= settings.max_tuning_customers
    periods = validation_periods(pm, horizon, SMALL_SHOP_PERIODS if small else MAX_PERIODS,
                                 SMALL_SHOP_STRIDE if small else 1.0)
    if not periods:
        return None
    rng = np.random.default_rng(settings.seed)
    dates = pd.to_datetime(buys["date"])
    if pm.n_customers > settings.max_tuning_customers:
        # Weights learnt on a random share of the customers carry over; the fits cost far less.
        keep = rng.choice(np.asarray(pm.customers), settings.max_tuning_customers, replace=False)
        mask = buys["customer_id"].astype(str).isin(keep).to_numpy()
        buys, dates = buys[mask], dates[mask]
    k = settings.k
    sets: dict[str, list[ValidationSet]] = {mode: [] for mode in modes}
    figures: dict = {"tuned": True, "periods": [], "validation_customers": 0}
    shared: dict = {}
    names: list[str] = []
    for j, (start, end) in enumerate(periods):
        part = scaled(progress, j / len(periods), (j + 1) / len(periods))
        before = (dates < start).to_numpy()
        inner = buys[before]
        held = buys[((dates >= start) & (dates < end)).to_numpy()]
        if inner.empty or held.empty:
            continue
        inner_pm = build_matrix(inner, as_of=start, purchases=True)
        rows = inner_pm.rows_of(held["customer_id"].astype(str).unique())
        rows = np.unique(rows[rows >= 0])
        if len(rows) < 10:
            continue
        if len(rows) > settings.max_validation_customers:
            rows = np.sort(rng.choice(rows, settings.max_validation_customers, replace=False))
        models = _fit_all(inner_pm, inner, settings, horizon, customers, scaled(part, 0.0, 0.85), shared=shared)
        inner_sm = SuggestionModels(pm=inner_pm, models=models, weights={}, settings=settings, horizon_days=horizon)
        names = list(models)
        held_items = _relevant_sets(inner_pm, held, rows)
        for mode in modes:
            rel = held_items if mode == "repeats_allowed" else _new_only(inner_pm, rows, held_items)
            keep = np.array([len(r) > 0 for r in rel], dtype=bool)
            if keep.sum() < 10:
                continue
            mode_rows = rows[keep]
            rel = [r for r, k_ in zip(rel, keep) if k_]
            parts: dict[str, list] = {m: [] for m in names}
            for s in range(0, len(mode_rows), BATCH):
                batch = mode_rows[s:s + BATCH]
                for m, c in candidates(inner_sm, batch, mode, names, exclude=False, m=2 * k).items():
                    parts[m].append(c)
            cands = {m: sp.vstack(parts[m], format="csr") for m in names}
            sets[mode].append(padded_candidates(cands, rel, _popularity_norm(inner_sm)))
        figures["periods"].append([start.date().isoformat(), end.date().isoformat()])
        figures["validation_customers"] += int(len(rows))
        part(1.0, "Learning how to combine the models")
    if not figures["periods"]:
        return None
    figures["validation_start"] = figures["periods"][-1][0]
    weights = {mode: dict(w) for mode, w in DEFAULT_WEIGHTS.items()}
    for mode in modes:
        if sets[mode]:
            # Buying again has nothing new to offer: alone it would only be best sellers under its name.
            usable = [m for m in names if not (mode == "new_items_only" and m == "buy_again")]
            weights[mode], figures[mode] = search_weights(sets[mode], usable, k)
        else:
            weights[mode] = dict(DEFAULT_WEIGHTS[mode])
    progress(1.0, "")
    return weights, figures


def _relevant_sets(pm: PurchaseMatrix, held: pd.DataFrame, rows: np.ndarray) -> list[set]:
    """Return, for each matrix row, the set of product columns bought in `held` (known products only)."""
    cust = pm.customers.get_indexer(held["customer_id"].astype(str))
    prod = pm.products.get_indexer(held["product_id"].astype(str))
    ok = (cust >= 0) & (prod >= 0)
    pairs = pd.DataFrame({"c": cust[ok], "p": prod[ok]}).drop_duplicates()
    groups = pairs.groupby("c")["p"].agg(lambda s: set(s.tolist()))
    return [groups.get(r, set()) for r in rows]


def _new_only(pm: PurchaseMatrix, rows: np.ndarray, sets: list[set]) -> list[set]:
    out = []
    for r, s in zip(rows, sets):
        had = set(pm.days.indices[pm.days.indptr[r]:pm.days.indptr[r + 1]].tolist())
        out.append(s - had)
    return out


def _popularity_norm(sm: SuggestionModels) -> np.ndarray:
    if sm._popularity_norm is None:
        v = sm.models["popularity"].values
        sm._popularity_norm = (v / max(float(v.max()), 1e-12)).astype(np.float32)
    return sm._popularity_norm


def candidate_count(k: int) -> int:
    """Return how many candidates each model offers per customer to the blend."""
    return max(30, 3 * k)


def _blocked(sm: SuggestionModels, rows: np.ndarray, mode: str, exclude: bool = True) -> np.ndarray:
    """Return sorted keys (batch row * products + column) of what each customer may not be offered:
    everything they bought when repeats are not allowed, what they bought in the last N days."""
    pm = sm.pm
    ok = np.flatnonzero(rows >= 0)
    recent_days = sm.settings.exclude_recent_days if exclude else 0
    if len(ok) == 0 or (mode != "new_items_only" and recent_days <= 0):
        return np.zeros(0, dtype=np.int64)
    sub = pm.days[rows[ok]]
    counts = np.diff(sub.indptr)
    local = np.repeat(ok, counts).astype(np.int64)
    keys = local * pm.n_products + sub.indices
    if mode != "new_items_only":
        starts = np.repeat(pm.days.indptr[rows[ok]], counts)
        src = starts + (np.arange(sub.nnz) - np.repeat(sub.indptr[:-1], counts))
        keys = keys[pm.last_age[src] < recent_days]
    return np.sort(keys)


def candidates(sm: SuggestionModels, rows: np.ndarray, mode: str, names: list[str], exclude: bool = True,
               m: int | None = None) -> dict[str, sp.csr_matrix]:
    """Return each model's prepared candidates (best allowed products, scaled to 1 per customer)."""
    blocked = _blocked(sm, rows, mode, exclude)
    excluded = sm.excluded if exclude else None
    m = m or candidate_count(sm.settings.k)
    names = list(names) + (["popularity"] if "popularity" not in names else [])
    out = {}
    none = np.zeros(0, dtype=np.int64)
    # Best-seller lists are the same for everyone: m of them per customer suffice, plus as many as
    # may be blocked for one customer or excluded for all (building 300 each cost 2 s per 100,000).
    most_blocked = int(np.bincount(blocked // max(sm.pm.n_products, 1)).max()) if len(blocked) else 0
    n_list = m + most_blocked + (int(excluded.sum()) if excluded is not None else 0)
    for name in names:
        model = sm.models[name]
        scale = getattr(model, "scale", None)
        if hasattr(model, "top"):  # dense scores: the model picks its best block by block
            out[name] = prepare(model.top(rows, m, blocked, excluded), none, None, m, scale)
        elif isinstance(model, (Popularity, SegmentPopularity)):
            out[name] = prepare(model.score(rows, n_list), blocked, excluded, m, scale)
        else:
            out[name] = prepare(model.score(rows), blocked, excluded, m, scale)
    return out


def _ranked(sm: SuggestionModels, rows: np.ndarray, weights: dict[str, float], mode: str, k: int,
            cands: dict[str, sp.csr_matrix] | None = None):
    """Return (batch row, rank, product column, score, main model name) arrays of the blend's top k."""
    names = [m for m, w in weights.items() if w > 0]
    if cands is None:
        # One model alone needs only its own top k; a blend may lift a model's lower choices.
        cands = candidates(sm, rows, mode, names, m=k if len(names) == 1 else max(k, candidate_count(k)))
    r, rank, col, score, main = combine(cands, weights, _popularity_norm(sm), k)
    keys = list(cands)
    main_names = [keys[j] if j >= 0 else "popularity" for j in main]
    return r, rank, col, score, main_names


def _top_frame(sm: SuggestionModels, customer_ids: list[str], rows: np.ndarray, weights: dict[str, float],
               mode: str, k: int, progress: Progress) -> pd.DataFrame:
    parts = []
    ids = np.asarray(customer_ids, dtype=object)
    for s in range(0, len(rows), BATCH):
        batch = rows[s:s + BATCH]
        r, rank, items, score, keys = _ranked(sm, batch, weights, mode, k)
        reasons = explain(sm, batch[r], items, keys)
        parts.append(pd.DataFrame({
            "customer_id": ids[s:s + BATCH][r],
            "rank": (rank + 1).astype(np.int64),
            "product_id": np.asarray(sm.pm.products, dtype=object)[items],
            "product_name": sm.pm.product_names[items],
            "score": score.astype(np.float64),
            "model": keys,
            **reasons.columns(),
        }))
        progress(min(1.0, (s + len(batch)) / max(len(rows), 1)), "Choosing suggestions")
    if not parts:
        return pd.DataFrame(columns=["customer_id", "rank", "product_id", "product_name", "score", "model",
                                     "reason"])
    return pd.concat(parts, ignore_index=True)


@one_blas_thread
def recommend(sm: SuggestionModels, customers=None, k: int | None = None, *, progress: Progress | None = None
              ) -> pd.DataFrame:
    """Return the top-k suggestions per customer, best first.

    Columns: customer_id, rank (1 = best), product_id, product_name, score (blend, about 0..n models),
    model (the model that contributed most), reason (a catalogue message code; its parameters in the
    columns reason.product, reason.n ...: desktop.texts.table_texts). `customers` = ids to suggest for
    (default: every customer with purchases); unknown ids get best sellers of their segment.
    """
    progress = progress or no_progress
    k = int(k or sm.settings.k)
    ids = list(sm.pm.customers) if customers is None else [str(c) for c in customers]
    rows = sm.pm.rows_of(ids)
    mode = sm.settings.mode
    return _top_frame(sm, ids, rows, sm.weights[mode], mode, k, progress)


def suggestions_for(sm: SuggestionModels, customer_id, k: int | None = None) -> pd.DataFrame:
    """Return the top suggestions with reasons for one customer (same columns as `recommend`)."""
    return recommend(sm, [customer_id], k)


def find_product(pm: PurchaseMatrix, product) -> int:
    """Return the column of a product given its id or (case-insensitive) name; raise InputError if unknown."""
    text = str(product).strip()
    j = pm.products.get_indexer([text])[0]
    if j >= 0:
        return int(j)
    names = np.array([str(n).casefold() for n in pm.product_names])
    hit = np.flatnonzero(names == text.casefold())
    if len(hit):
        return int(hit[0])
    raise InputError("suggest_product_among_products_bought", text=text)


def bought_together(sm: SuggestionModels, product, n: int = 10) -> pd.DataFrame:
    """Return what is bought together with one product, strongest first.

    Columns: product_id, product_name, together (baskets with both), support (share of all baskets),
    confidence (share of baskets with the product that also had this one), lift (how many times more
    often than by chance), reason (a message code) with reason.other, reason.product, reason.share
    and reason.lift. A basket is one customer's purchases on one day.
    """
    rules = sm.models.get("rules")
    j = find_product(sm.pm, product)
    if rules is None:
        from .models import FitContext, Rules

        rules = Rules().fit(FitContext(pm=sm.pm, lines=pd.DataFrame(), horizon_days=sm.horizon_days,
                                       segment_codes=np.full(sm.pm.n_customers, -1)))
        sm.models["rules"] = rules
    table = rules.rules_for(j)
    if sm.excluded is not None and len(table):
        table = table[~sm.excluded[table["product"].to_numpy()]]
    table = table.head(n)
    cols = table["product"].to_numpy()
    base = sm.pm.product_names[j]
    names = sm.pm.product_names[cols] if len(cols) else np.array([], dtype=object)
    return pd.DataFrame({
        "product_id": np.asarray(sm.pm.products, dtype=object)[cols],
        "product_name": names,
        "together": table["together"].to_numpy(),
        "support": table["support"].to_numpy(),
        "confidence": table["confidence"].to_numpy(),
        "lift": table["lift"].to_numpy(),
        "reason": ["reason_together_share"] * len(cols),
        "reason.other": [str(base)] * len(cols),
        "reason.product": [str(nm) for nm in names],
        "reason.share": [float(c) for c in table["confidence"]],
        "reason.lift": [float(lf) for lf in table["lift"]],
    }).reset_index(drop=True)


@one_blas_thread
def who_to_offer(sm: SuggestionModels, product, n: int = 50, *, progress: Progress | None = None) -> pd.DataFrame:
    """Return the customers to offer one product to, best first.

    Columns: customer_id, rank, score (the product's blended score for the customer; 1 per model
    weight = it is that model's top choice for them), model, reason (a message code; parameters in
    reason.* columns, as in `recommend`). Only customers
    for whom some model ranks the product among its best 200 are listed; customers the settings
    exclude (bought it recently, or at all when repeats are not allowed) are left out.
    """
    progress = progress or no_progress
    j = find_product(sm.pm, product)
    mode = sm.settings.mode
    weights = sm.weights[mode]
    names = [m for m, w in weights.items() if w > 0]
    n_c = sm.pm.n_customers
    score = np.zeros(n_c, dtype=np.float32)
    best = np.zeros(n_c, dtype=np.float32)
    main_of = np.full(n_c, -1, dtype=np.int64)
    for s in range(0, n_c, BATCH):
        rows = np.arange(s, min(n_c, s + BATCH))
        cands = candidates(sm, rows, mode, names, m=max(200, candidate_count(sm.settings.k)))
        for i, name in enumerate(names):
            part = cands[name][:, j].toarray().ravel() * np.float32(weights[name])
            score[rows] += part
            better = part > best[rows]
            main_of[rows[better]] = i
            best[rows[better]] = part[better]
        progress(min(1.0, (s + len(rows)) / n_c), "Scoring customers")
    ok = np.flatnonzero(score > 0)
    order = ok[np.lexsort((-sm.pm.customer_days[ok], -score[ok]))][:n]
    keys = [names[w] if w >= 0 else "popularity" for w in main_of[order]]
    reasons = explain(sm, order, np.full(len(order), j), keys)
    return pd.DataFrame({
        "customer_id": np.asarray(sm.pm.customers, dtype=object)[order],
        "rank": np.arange(1, len(order) + 1),
        "score": score[order].astype(np.float64),
        "model": keys,
        **reasons.columns(),
    })
