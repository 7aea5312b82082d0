"""Segment customers by RFM scores or by clustering their features.

`segment(customers, lines, method, k, settings, progress) -> Segmentation`

Methods:
    rfm           the lead's RFM segments (desktop.engine.segments.rfm), explained the same way
    kmeans        k-means, k chosen by silhouette over k = 2..10 (sampled above 5,000 customers);
                  MiniBatchKMeans for very large shops
    hierarchical  Ward linkage with dendrogram data; above 5,000 customers the tree is built on
                  k-means micro-clusters (a size-weighted Ward, so big micro-clusters count more)
    gmm           Gaussian mixture, soft membership per segment, number of components by BIC
    hdbscan       density clusters; customers in no dense group form "Unusual customers"

Every Segmentation carries names (per language, renameable), a summary table, quality figures and
warnings, rules that explain it (and assign refreshed customers), and x/y for the customer map.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from desktop.engine.errors import InputError
from desktop.engine.progress import Progress, no_progress, scaled
from desktop.texts import Message, message

from . import group_products, naming, outliers, quality, shares
from .explain import FactorView, Rule, RuleModel, factor_view, fit_rules
from .features import FeatureMatrix, build_features
from .words import fields, held, label, pair, pair_params, plain, text

METHODS = ("rfm", "kmeans", "hierarchical", "gmm", "hdbscan")  # their names: the segment_method labels
UNUSUAL_KEY = "unusual"
MINIBATCH_ABOVE = 200_000    # plain k-means was faster than MiniBatch up to 100k here (benchmarks/)
HIERARCHY_DIRECT_MAX = 5_000  # Ward on every customer needs n^2/2 distances
MICRO_CLUSTERS = 400
GMM_SELECT_ROWS = 10_000
CURVE_ROWS = 20_000           # k-means: fit the k curve on a sample above this many customers

USEFUL_LARGEST_SHARE = 0.6    # automatic k: a cut leaving one group above this share is not useful
K_EXTEND = 5                  # automatic k: more segments tried when the best is the largest tried


@dataclass
class SegmentSettings:
    """Choices for `segment`; the defaults give the same result on every run."""

    groups: tuple[str, ...] = ("behaviour",)
    exclude: tuple[str, ...] = ()
    seed: int = 0
    k_min: int = 2
    k_max: int = 10
    n_init: int = 4
    minibatch: bool | None = None      # None: automatic above MINIBATCH_ABOVE customers
    stability_runs: int = 3
    min_cluster_share: float = 0.1     # HDBSCAN: smallest group, as a share of customers
    factor_method: str = "pca"         # pca | factor
    currency: str = ""
    rfm_model: int = 11
    # BLAS/OpenMP threads. One by default: on a busy 2-core machine k-means on 100,000 customers
    # took 9 s with one thread and 42 s with two (benchmarks/bench_segments.py); None = all cores.
    threads: int | None = 1


@dataclass
class Segmentation:
    """The result of `segment`. Labels are segment keys ("s1".. by size, "unusual", or RFM keys)."""

    method: str
    labels: pd.Series                                  # key per customer_id
    names: dict[str, tuple[str, str]]                  # key -> (English, Chinese)
    summary: pd.DataFrame
    quality: dict
    warnings: list[Message]
    embedding: pd.DataFrame                            # x, y per customer_id
    factors: FactorView
    features: FeatureMatrix
    rule_model: RuleModel
    k: int
    probabilities: pd.DataFrame | None = None          # gmm: share per segment key
    k_curve: pd.DataFrame | None = None                # k, silhouette, inertia | bic
    linkage: np.ndarray | None = None                  # scipy linkage matrix (hierarchical)
    linkage_leaves: pd.Series | None = None            # customer_id -> leaf of the tree
    linkage_leaf_sizes: np.ndarray | None = None       # customers per leaf
    notes: list[Message] = field(default_factory=list)
    settings: SegmentSettings = field(default_factory=SegmentSettings)
    unusual: dict | None = None                        # hdbscan: outliers.summary of "unusual"

    @property
    def rules(self) -> list[Rule]:
        """Return the rules explaining the segmentation, biggest first."""
        return self.rule_model.rules

    def name(self, key: str, lang: str = "en") -> str:
        """Return the name of segment `key` in a language ("en", "zh"; English for one it lacks)."""
        return held(self.names[key])(lang)

    def rename(self, renames: Mapping[str, str | tuple[str, str]]) -> None:
        """Rename segments: {key: "name"} or {key: (English, Chinese)}. Raises ValueError when two
        segments would share a name."""
        self.names = naming.unique_renames(self.names, renames)
        self.summary["name"] = [self.names[k][0] for k in self.summary["key"]]
        self.summary["name_zh"] = [self.names[k][1] for k in self.summary["key"]]

    def assign(self, customers: pd.DataFrame, lines: pd.DataFrame | None = None) -> pd.Series:
        """Return the segment key of each customer in `customers` by this segmentation's rules."""
        raw = self.features.readable_for(customers, lines)
        return self.rule_model.predict(raw)

    def membership(self, customer_id: str) -> tuple[str, str]:
        """Return "70% Gift buyers, 30% Regulars" (en, zh) for one customer (soft methods), or the
        plain segment name."""
        if self.probabilities is not None:
            return naming.membership_text(self.probabilities.loc[customer_id], self.names)
        key = self.labels.loc[customer_id]
        reason = (self.unusual or {}).get("per_customer", {}).get(str(customer_id)) if key == UNUSUAL_KEY else None
        if reason:
            # An unusual customer is named with what sets them apart ("buys 20× the usual ...").
            why = Message.from_dict(reason)
            return pair(text("segment_name_why", name=held(self.names[key]), why=why.text))
        return self.names[key]

    def to_dict(self, customers: bool = False) -> dict:
        """Return a JSON-ready dict; with `customers`, also every customer's segment and x/y."""
        seg_rules: dict[str, list[dict]] = {}
        for r in self.rules:
            seg_rules.setdefault(r.segment, []).append(r.to_dict(self.names))
        segments = []
        for row in self.summary.to_dict("records"):
            row = {k: _plain(v) for k, v in row.items()}
            row["rules"] = seg_rules.get(row["key"], [])
            segments.append(row)
        out: dict[str, Any] = {
            "method": self.method,
            **fields("method_name", label("segment_method", self.method)),
            "k": self.k,
            "customers": int(len(self.labels)),
            "segments": segments,
            "names": {k: {"name": v[0], "name_zh": v[1]} for k, v in self.names.items()},
            "quality": {k: _plain(v) for k, v in self.quality.items()},
            "warnings": [w.to_dict() for w in self.warnings],
            "notes": [n.to_dict() for n in self.notes],
            "features": self.features.description,
            "factors": self.factors.to_dict(),
            "rules": [r.to_dict(self.names) for r in self.rules],
            "rules_agreement": round(self.rule_model.agreement, 4),
            "k_curve": (None if self.k_curve is None else
                        [{k: _plain(v) for k, v in r.items()} for r in self.k_curve.to_dict("records")]),
            "settings": {"groups": list(self.settings.groups), "seed": self.settings.seed,
                         "k_min": self.settings.k_min, "k_max": self.settings.k_max},
        }
        if self.unusual is not None:
            # Each unusual customer's reason is in customer_segments (with `customers`).
            out["unusual"] = {k: (_plain(v) if not isinstance(v, (list, dict)) else v)
                              for k, v in self.unusual.items() if k != "per_customer"}
        if self.linkage is not None:
            out["hierarchy"] = {"leaves": int(len(self.linkage) + 1),
                                "linkage": [[_plain(v) for v in row] for row in self.linkage.tolist()],
                                "leaf_sizes": [int(v) for v in (self.linkage_leaf_sizes
                                                                  if self.linkage_leaf_sizes is not None else ())]}
        if customers:
            table = pd.DataFrame({"segment": self.labels, "x": self.embedding["x"],
                                  "y": self.embedding["y"]})
            rows = []
            for cid, r in table.iterrows():
                item = {"customer_id": str(cid), "segment": r["segment"],
                        "x": round(float(r["x"]), 4), "y": round(float(r["y"]), 4)}
                if self.factors.scores is not None:
                    item.update({c: round(float(v), 4) for c, v in self.factors.scores.loc[cid].items()})
                if self.probabilities is not None:
                    item["probabilities"] = {k: round(float(v), 4)
                                             for k, v in self.probabilities.loc[cid].items()}
                    item["shares"] = shares.shown(item["probabilities"])
                if r["segment"] == UNUSUAL_KEY and self.unusual and str(cid) in self.unusual["per_customer"]:
                    item["reason"] = self.unusual["per_customer"][str(cid)]
                rows.append(item)
            out["customer_segments"] = rows
        return out


def segment(customers: pd.DataFrame, lines: pd.DataFrame | None = None, method: str = "kmeans",
            k: int | None = None, settings: SegmentSettings | None = None,
            progress: Progress | None = None) -> Segmentation:
    """Return the Segmentation of `customers` (customer table, index customer_id) by `method`.

    `k` fixes the number of segments (ignored by rfm and hdbscan); None chooses it automatically.
    """
    from threadpoolctl import threadpool_limits

    settings = settings or SegmentSettings()
    threads = settings.threads
    if threads is None:
        return _segment(customers, lines, method, k, settings, progress)
    # threadpoolctl only limits libraries already loaded: load the BLAS/OpenMP users first.
    import scipy.cluster.hierarchy  # noqa: F401
    import scipy.linalg  # noqa: F401
    import sklearn.cluster  # noqa: F401
    import sklearn.decomposition  # noqa: F401
    import sklearn.metrics  # noqa: F401
    import sklearn.mixture  # noqa: F401
    import sklearn.tree  # noqa: F401

    with threadpool_limits(limits=threads):
        return _segment(customers, lines, method, k, settings, progress)


def _segment(customers: pd.DataFrame, lines: pd.DataFrame | None, method: str, k: int | None,
             settings: SegmentSettings, progress: Progress | None) -> Segmentation:
    progress = progress or no_progress
    if method not in METHODS:
        raise InputError("segments_unknown_segmentation_method_choose", method=method, methods=list(METHODS))
    n = len(customers)
    if n < 3:
        raise InputError("segments_segmenting_needs_least_customers", n=n)
    notes: list[Message] = []
    warnings: list[Message] = []
    if k is not None:
        if method in ("rfm", "hdbscan"):
            method_name = pair(label("segment_method", method))
            warnings.append(message("segments_k_ignored", **pair_params("method", method_name), k=int(k)))
            k = None
        elif not 2 <= k <= n - 1:
            raise InputError("segments_number_segments_must_between", value=n - 1, n=n, k=k)
    progress(0.0, "Preparing customer features")
    fm = build_features(customers, lines, groups=settings.groups, exclude=settings.exclude)
    notes.extend(fm.notes)
    X = fm.X.to_numpy(dtype=float)
    sampler = quality.SilhouetteSample(X, seed=settings.seed)
    k_lo, k_hi = settings.k_min, min(settings.k_max, n - 1)
    fit_progress = scaled(progress, 0.05, 0.7)
    probabilities = k_curve = linkage = leaves = leaf_sizes = None
    refit = None
    k_reason = None
    density = None
    calibration = None

    if method == "rfm":
        keys, rfm_names = _rfm_labels(customers, settings)
        int_labels, key_of = _codes(keys)
    else:
        if method == "kmeans":
            fit = _fit_kmeans(X, k, k_lo, k_hi, settings, fit_progress, sampler)
        elif method == "hierarchical":
            fit = _fit_hierarchical(X, k, k_lo, k_hi, settings, fit_progress, sampler)
            linkage, leaves, leaf_sizes = fit.linkage, fit.leaves, fit.leaf_sizes
            if fit.note:
                notes.append(fit.note)
        elif method == "gmm":
            fit = _fit_gmm(X, k, k_lo, k_hi, settings, fit_progress)
            if fit.note:
                notes.append(fit.note)
            calibration = fit.calibration
        else:
            fit = _fit_hdbscan(X, settings, settings.seed)
            if fit.note:
                notes.append(fit.note)
            density = fit.density
        refit = fit.refit
        k_curve = fit.k_curve
        k_reason = fit.k_reason
        int_labels, new_of = _relabel_by_size(fit.labels)
        if fit.probabilities is not None:
            order = [old for old, _ in sorted(new_of.items(), key=lambda kv: kv[1]) if old != -1]
            probabilities = pd.DataFrame(fit.probabilities[:, order], index=fm.X.index,
                                         columns=[new_of[o] for o in order])
        # key_of maps the method's labels to new ints; turn them into keys.
        key_of = {new: (UNUSUAL_KEY if new == -1 else f"s{new + 1}") for new in set(int_labels.tolist())}
        keys = pd.Series([key_of[v] for v in int_labels], index=fm.X.index, name="segment")
        if probabilities is not None:
            probabilities.columns = [f"s{i + 1}" for i in range(probabilities.shape[1])]
        if leaves is not None:
            leaves = pd.Series(leaves, index=fm.X.index, name="leaf")

    progress(0.7, "Checking how stable the segments are")
    stability_ari = None
    group_stability: dict[int, float] = {}
    if refit is not None and settings.stability_runs > 0:
        seeds = tuple(settings.seed + 1 + i for i in range(settings.stability_runs))
        stability_ari, group_stability = quality.stability_detail(refit, X, int_labels, seeds=seeds,
                                                                  progress=scaled(progress, 0.7, 0.85))
    progress(0.85, "Naming and explaining the segments")
    if method == "rfm":
        names = {key_of[i]: rfm_names[key_of[i]] for i in key_of}
    else:
        auto = naming.name_segments(fm, int_labels)
        names = {key_of[i]: auto[i] for i in sorted(key_of, key=lambda v: (v == -1, v))}
    int_names = {i: names[key_of[i]] for i in key_of}
    qual, qual_warnings = quality.assess(X, int_labels, stability_ari, seed=settings.seed, names=int_names,
                                         sampler=sampler, k_auto=k is None and method != "rfm",
                                         k_reason=k_reason,
                                         largest_limit=None if method == "rfm" else USEFUL_LARGEST_SHARE)
    warnings.extend(qual_warnings)
    per_group, group_warnings = quality.group_quality(int_labels, sampler, group_stability, names=int_names)
    if method != "rfm":  # RFM groups are defined by scores, not found: their overlap is by design
        warnings.extend(group_warnings)
        qual = quality.with_weak_groups(qual, per_group)
    if method == "rfm":
        qual["stability_ari"] = None  # scores are computed, not fitted: nothing to re-run
    rule_model = fit_rules(fm, keys, currency=settings.currency, seed=settings.seed)
    qual["rules_agreement"] = rule_model.agreement
    if rule_model.agreement < 0.7:
        warnings.append(message("segments_rules_weak", agreement=float(rule_model.agreement)))
    factors = factor_view(fm, method=settings.factor_method, seed=settings.seed)
    profiles = naming.profile_sentences(fm, int_labels, customers, currency=settings.currency)
    summary = _summary(customers, keys, names, {key_of[i]: p for i, p in profiles.items()}, rule_model)
    # Each group's own quality: silhouette, stability (None for RFM: nothing is fitted), reliable.
    by_key = {key_of[g]: q for g, q in per_group.items()}
    for col in ("silhouette", "stability", "reliable", "weak_reasons"):
        summary[col] = [by_key.get(k, {}).get(col) for k in summary["key"]]
    # Each group's own best sellers, over-represented categories and message template.
    own = group_products.describe(lines, keys)
    for col in ("top_products", "top_categories", "message_template", "message_template_zh"):
        summary[col] = pd.Series([own.get(k, {}).get(col) for k in summary["key"]], index=summary.index,
                                 dtype=object)
    qual["groups"] = [{"key": k, **pair_params("name", names[k]),
                       **{c: _plain(v) if not isinstance(v, list) else v for c, v in q.items()}}
                      for k, q in by_key.items()]
    if calibration is not None:
        qual["shares"] = calibration.to_dict()
        if calibration.temperature > 1.05:
            notes.append(message("segments_shares_calibrated", raw=calibration.mean_top_share_raw,
                                 agreement=calibration.mean_agreement, runs=calibration.runs))
    unusual = None
    if density is not None:
        unusual = _unusual(customers, lines, keys, density, notes, qual)
        if unusual["customers"]:
            summary.loc[summary["key"] == UNUSUAL_KEY, ["profile", "profile_zh"]] = [
                unusual["profile"], unusual["profile_zh"]]
    progress(1.0, "Done")
    n_segments = int(sum(1 for key in names if key != UNUSUAL_KEY))
    return Segmentation(method=method, labels=keys, names=names, summary=summary, quality=qual,
                        warnings=warnings, embedding=factors.embedding, factors=factors, features=fm,
                        rule_model=rule_model, k=n_segments, probabilities=probabilities,
                        k_curve=k_curve, linkage=linkage, linkage_leaves=leaves,
                        linkage_leaf_sizes=leaf_sizes, notes=notes, settings=settings, unusual=unusual)


def _unusual(customers: pd.DataFrame, lines: pd.DataFrame | None, keys: pd.Series,
             density: outliers.DensityFit, notes: list[Message], qual: dict) -> dict:
    """Return the unusual customers' figures and reasons (outliers.summary), with the sentence of
    the group's profile; note how many of HDBSCAN's noise joined their nearest group."""
    ids = keys.index[keys == UNUSUAL_KEY]
    reasons = outliers.reasons(customers, lines, ids)
    info = outliers.summary(customers.reindex(keys.index), reasons)
    qual["density"] = {"min_cluster_size": density.min_cluster_size, "min_samples": density.min_samples,
                       "noise_share": density.noise_share, "rejoined": density.rejoined,
                       "unusual": info["customers"]}
    if density.rejoined and info["customers"]:
        notes.append(message("segments_density_rejoined", noise=density.noise_share,
                             unusual=info["customers"], rejoined=density.rejoined))
    elif density.rejoined:
        notes.append(message("segments_density_rejoined_all", noise=density.noise_share,
                             rejoined=density.rejoined))
    info["profile"] = info["profile_zh"] = ""
    if info["reasons"]:
        code = info["reasons"][0]["code"]
        multiples = [m.params["multiple"] for m in reasons.values() if m.code == code and "multiple" in m.params]
        params = {k: v for k, v in next(m for m in reasons.values() if m.code == code).params.items()}
        if multiples:
            params["multiple"] = outliers.rounded_multiple(float(np.median(multiples)))
        top = Message(code, params)
        profile = message("segments_unusual_profile", n=info["customers"], share=info["share"],
                          revenue_share=info["revenue_share"], why=top, same=info["reasons"][0]["customers"])
        info["profile"], info["profile_zh"] = pair(profile.text)
    return info


def k_at_height(linkage: np.ndarray, height: float) -> int:
    """Return how many segments a dendrogram cut at `height` gives (for a draggable cut line)."""
    return int(np.sum(linkage[:, 2] > height)) + 1


# --- fitting -----------------------------------------------------------------------------------

@dataclass
class _Fit:
    labels: np.ndarray
    refit: Any                       # (X_subset, seed) -> labels, for the stability check
    k_curve: pd.DataFrame | None = None
    probabilities: np.ndarray | None = None
    linkage: np.ndarray | None = None
    leaves: np.ndarray | None = None
    leaf_sizes: np.ndarray | None = None
    note: Message | None = None
    k_reason: str | None = None      # automatic k: None | "edge" | "no_structure"
    density: outliers.DensityFit | None = None
    calibration: shares.Calibration | None = None


def _kmeans_model(k: int, seed: int, n: int, settings: SegmentSettings):
    from sklearn.cluster import KMeans, MiniBatchKMeans

    mini = settings.minibatch if settings.minibatch is not None else n > MINIBATCH_ABOVE
    if mini:
        return MiniBatchKMeans(n_clusters=k, n_init=settings.n_init, random_state=seed,
                               batch_size=4096)
    return KMeans(n_clusters=k, n_init=settings.n_init, random_state=seed)


def _elbow(ks: list[int], inertia: list[float]) -> int:
    """Return the k farthest below the straight line from the first to the last inertia."""
    if len(ks) < 3:
        return ks[0]
    x = (np.array(ks) - ks[0]) / (ks[-1] - ks[0])
    y = (np.array(inertia) - inertia[-1]) / ((inertia[0] - inertia[-1]) or 1.0)
    return int(ks[int(np.argmax((1 - x) - y))])


def _fit_kmeans(X: np.ndarray, k: int | None, k_lo: int, k_hi: int, settings: SegmentSettings,
                progress: Progress, sampler: quality.SilhouetteSample) -> _Fit:
    n = len(X)

    def refit(Xs: np.ndarray, seed: int, kk: int | None = None) -> np.ndarray:
        return _kmeans_model(kk or chosen, seed, len(Xs), settings).fit_predict(Xs)

    if k is not None:
        chosen = k
        model = _kmeans_model(k, settings.seed, n, settings).fit(X)
        return _Fit(model.labels_, refit)
    # Above CURVE_ROWS customers the curve is fitted on a sample; the chosen k is then fitted on all.
    rng = np.random.default_rng(settings.seed)
    fit_rows = np.sort(rng.choice(n, CURVE_ROWS, replace=False)) if n > CURVE_ROWS else None
    Xc = X if fit_rows is None else X[fit_rows]
    fits = {}

    def try_k(kk: int) -> dict:
        model = _kmeans_model(kk, settings.seed, len(Xc), settings).fit(Xc)
        labels = model.labels_ if fit_rows is None else model.predict(X)
        fits[kk] = labels
        return {"k": kk, "silhouette": sampler.score(labels), "largest_share": quality.largest_share(labels),
                "inertia": float(model.inertia_)}

    curve, chosen, reason = _scan_k(try_k, k_lo, k_hi, len(X), progress)
    curve["elbow"] = curve["k"] == _elbow(curve["k"].tolist(), curve["inertia"].tolist())
    if fit_rows is not None:
        progress(0.95, f"Fitting {chosen} segments")
        fits[chosen] = _kmeans_model(chosen, settings.seed, n, settings).fit(X).labels_
    return _Fit(fits[chosen], refit, k_curve=curve, k_reason=reason)


def _best_k(curve: pd.DataFrame, score: str = "silhouette", higher: bool = True) -> tuple[int, bool]:
    """Return the best k of `curve` by `score` among the useful cuts (no group above
    USEFUL_LARGEST_SHARE of customers), and whether any cut was useful; when none is, the best k
    of all."""
    s = curve[score].astype(float)
    if not higher:
        s = -s
    if s.isna().all():
        return int(curve["k"].iloc[0]), True
    useful = (curve["largest_share"] <= USEFUL_LARGEST_SHARE) if "largest_share" in curve else s.notna()
    useful &= s.notna()
    pool = s.where(useful) if useful.any() else s
    return int(curve["k"].iloc[int(pool.fillna(-np.inf).to_numpy().argmax())]), bool(useful.any())


def _scan_k(try_k, k_lo: int, k_hi: int, n: int, progress: Progress, score: str = "silhouette",
            higher: bool = True) -> tuple[pd.DataFrame, int, str | None]:
    """Score k = k_lo..k_hi with `try_k(k) -> row`, choose the best useful k, and never stop
    silently at the top of the range: when the best k is the largest tried, try up to K_EXTEND
    more; when it is still at the edge the choice is flagged "edge". Returns (curve with a
    "chosen" column, chosen k, None | "edge" | "no_structure")."""
    ks = list(range(k_lo, k_hi + 1))
    rows = []
    for i, kk in enumerate(ks):
        progress(0.9 * i / len(ks), f"Trying {kk} segments")
        rows.append(try_k(kk))
    curve = pd.DataFrame(rows)
    chosen, useful = _best_k(curve, score, higher)
    top = min(k_hi + K_EXTEND, n - 1)
    if chosen == k_hi and top > k_hi:
        for kk in range(k_hi + 1, top + 1):
            progress(0.9, f"Trying {kk} segments")
            rows.append(try_k(kk))
        curve = pd.DataFrame(rows)
        chosen, useful = _best_k(curve, score, higher)
    reason = None
    if not useful:
        reason = "no_structure"
    elif chosen == int(curve["k"].max()) and chosen > k_lo:
        reason = "edge"
    curve["chosen"] = curve["k"] == chosen
    return curve, chosen, reason


def _ward_weighted(centres: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Return a scipy-format linkage matrix of Ward clustering of groups of `sizes` points at
    `centres`, as if the points were clustered starting from these groups.

    Lance-Williams' Ward update is exact for groups of any size, so starting from micro-clusters
    with their real sizes gives the Ward tree above them (unlike unweighted Ward on the centres).
    """
    m = len(centres)
    sizes = sizes.astype(float)
    diff = ((centres[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    D = np.sqrt(2.0 * np.outer(sizes, sizes) / np.add.outer(sizes, sizes) * diff)
    np.fill_diagonal(D, np.inf)
    ids = np.arange(m)
    leaves = np.ones(m)
    active = np.ones(m, dtype=bool)
    Z = np.zeros((m - 1, 4))
    for step in range(m - 1):
        flat = int(np.argmin(D))
        i, j = divmod(flat, m)
        dij = D[i, j]
        ni, nj = sizes[i], sizes[j]
        nk = sizes
        new = np.sqrt(np.maximum(((ni + nk) * D[i] ** 2 + (nj + nk) * D[j] ** 2 - nk * dij ** 2)
                                 / (ni + nj + nk), 0.0))
        a, b = sorted((ids[i], ids[j]))
        Z[step] = (a, b, dij, leaves[i] + leaves[j])
        # Row i becomes the merged cluster; row j is retired.
        D[i, :] = new
        D[:, i] = new
        D[j, :] = np.inf
        D[:, j] = np.inf
        D[i, i] = np.inf
        D[i, ~active] = np.inf
        D[~active, i] = np.inf
        active[j] = False
        sizes = sizes.copy()
        sizes[i] = ni + nj
        leaves[i] += leaves[j]
        ids[i] = m + step
    return Z


def _hierarchy(X: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (linkage, leaf of each row, rows per leaf); leaves are customers or micro-clusters."""
    from scipy.cluster.hierarchy import linkage

    n = len(X)
    if n <= HIERARCHY_DIRECT_MAX:
        return linkage(X, method="ward"), np.arange(n), np.ones(n, dtype=int)
    from sklearn.cluster import MiniBatchKMeans

    micro = MiniBatchKMeans(n_clusters=MICRO_CLUSTERS, n_init=1, random_state=seed,
                            batch_size=8192).fit(X)
    leaf = micro.labels_
    sizes = np.bincount(leaf, minlength=MICRO_CLUSTERS)
    used = np.flatnonzero(sizes)  # an empty micro-cluster would be a leaf with no customers
    remap = -np.ones(MICRO_CLUSTERS, dtype=int)
    remap[used] = np.arange(len(used))
    centres = np.vstack([X[leaf == c].mean(axis=0) for c in used])
    return _ward_weighted(centres, sizes[used]), remap[leaf], sizes[used]


def _cut(Z: np.ndarray, leaf: np.ndarray, k: int) -> np.ndarray:
    from scipy.cluster.hierarchy import fcluster

    return fcluster(Z, k, criterion="maxclust")[leaf] - 1


def _fit_hierarchical(X: np.ndarray, k: int | None, k_lo: int, k_hi: int, settings: SegmentSettings,
                      progress: Progress, sampler: quality.SilhouetteSample) -> _Fit:
    progress(0.0, "Building the customer tree")
    Z, leaf, sizes = _hierarchy(X, settings.seed)
    note = None
    if len(X) > HIERARCHY_DIRECT_MAX:
        note = message("segments_tree_on_groups", customers=len(X), groups=len(sizes))

    def refit(Xs: np.ndarray, seed: int) -> np.ndarray:
        Zs, leaf_s, _ = _hierarchy(Xs, seed)
        return _cut(Zs, leaf_s, chosen)

    if k is not None:
        chosen = k
        return _Fit(_cut(Z, leaf, k), refit, linkage=Z, leaves=leaf, leaf_sizes=sizes, note=note)
    cuts = {}

    def try_k(kk: int) -> dict:
        labels = _cut(Z, leaf, kk)
        cuts[kk] = labels
        # The merge height where the tree splits into kk groups, for the draggable cut line.
        upper = float(Z[-(kk - 1), 2])
        lower = float(Z[-kk, 2]) if kk <= len(Z) else 0.0
        return {"k": kk, "silhouette": sampler.score(labels), "largest_share": quality.largest_share(labels),
                "height": (upper + lower) / 2}

    # The tree is cut where the groups are useful as well as separated: a cut that leaves one
    # group above USEFUL_LARGEST_SHARE of customers is taken only when every cut does.
    curve, chosen, reason = _scan_k(try_k, k_lo, min(k_hi, len(sizes)), len(sizes) + 1,
                                    scaled(progress, 0.3, 1.0))
    return _Fit(cuts[chosen], refit, k_curve=curve, linkage=Z, leaves=leaf, leaf_sizes=sizes, note=note,
                k_reason=reason)


def _gmm(k: int, seed: int, settings: SegmentSettings, n_init: int | None = None):
    from sklearn.mixture import GaussianMixture

    # reg_covar keeps components on discrete features (one-time buyers) from collapsing.
    return GaussianMixture(n_components=k, covariance_type="full",
                           n_init=n_init or max(1, settings.n_init // 2), random_state=seed,
                           reg_covar=1e-3)


def _fit_gmm(X: np.ndarray, k: int | None, k_lo: int, k_hi: int, settings: SegmentSettings,
             progress: Progress) -> _Fit:
    n = len(X)

    def refit(Xs: np.ndarray, seed: int) -> np.ndarray:
        return _gmm(chosen, seed, settings, n_init=1).fit(Xs).predict(Xs)

    curve = None
    note = None
    reason = None
    models: dict = {}
    if k is None:
        rng = np.random.default_rng(settings.seed)
        sample = X if n <= GMM_SELECT_ROWS else X[np.sort(rng.choice(n, GMM_SELECT_ROWS, replace=False))]
        if n > GMM_SELECT_ROWS:
            note = message("segments_k_on_sample", n=GMM_SELECT_ROWS)

        def try_k(kk: int) -> dict:
            model = _gmm(kk, settings.seed, settings, n_init=1).fit(sample)
            models[kk] = model
            return {"k": kk, "bic": float(model.bic(sample)),
                    "largest_share": quality.largest_share(model.predict(sample))}

        curve, chosen, reason = _scan_k(try_k, k_lo, k_hi, n, scaled(progress, 0.0, 0.8 / 0.9),
                                        score="bic", higher=False)
    else:
        chosen = k
    progress(0.85, f"Fitting {chosen} segments")
    if chosen in models and n > GMM_SELECT_ROWS:
        # Start from the sample's fit: a few EM steps on all customers instead of a cold start.
        from sklearn.mixture import GaussianMixture

        start = models[chosen]
        model = GaussianMixture(n_components=chosen, covariance_type="full", reg_covar=1e-3,
                                random_state=settings.seed, weights_init=start.weights_,
                                means_init=start.means_, precisions_init=start.precisions_).fit(X)
    else:
        model = _gmm(chosen, settings.seed, settings).fit(X)
    proba = model.predict_proba(X)
    labels = proba.argmax(axis=1)
    # Shares honest about overlap: tempered until the top shares match how often customers keep
    # their group when the mixture is refitted (shares.py).
    progress(0.9, "Checking the shares of belonging")

    def fit_predict(Xf: np.ndarray, Xa: np.ndarray, seed: int) -> np.ndarray:
        return _gmm(chosen, seed, settings, n_init=1).fit(Xf).predict(Xa)

    seeds = tuple(settings.seed + 101 + i for i in range(shares.RUNS))
    calibration = shares.calibrate(proba, shares.agreement(X, labels, fit_predict, seeds), shares.RUNS)
    proba = shares.temper(proba, calibration.temperature)
    return _Fit(labels, refit, k_curve=curve, probabilities=proba, note=note,
                k_reason=reason, calibration=calibration)


def _fit_hdbscan(X: np.ndarray, settings: SegmentSettings, seed: int) -> _Fit:
    fit = outliers.fit_density(X, settings.min_cluster_share, seed)
    note = None
    if fit.sampled:
        note = message("segments_density_on_sample", n=outliers.FIT_ROWS)

    def refit(Xs: np.ndarray, s: int) -> np.ndarray:
        return outliers.fit_density(Xs, settings.min_cluster_share, s).labels

    return _Fit(fit.labels, refit, note=note, density=fit)


# --- helpers -----------------------------------------------------------------------------------

def _relabel_by_size(labels: np.ndarray) -> tuple[np.ndarray, dict[int, int]]:
    """Return labels renumbered 0.. by decreasing size (ties by first appearance), -1 kept, and the
    map old -> new."""
    labels = np.asarray(labels)
    values, first, counts = np.unique(labels, return_index=True, return_counts=True)
    order = sorted([(c, f, v) for v, f, c in zip(values, first, counts) if v != -1],
                   key=lambda t: (-t[0], t[1]))
    mapping = {int(v): i for i, (_, _, v) in enumerate(order)}
    mapping[-1] = -1
    return np.array([mapping[int(v)] for v in labels]), mapping


def _codes(keys: pd.Series) -> tuple[np.ndarray, dict[int, str]]:
    """Return integer codes of string keys (largest segment first) and code -> key."""
    order = keys.value_counts(sort=True).index.tolist()
    code = {k: i for i, k in enumerate(order)}
    return keys.map(code).to_numpy(dtype=int), {i: k for k, i in code.items()}


def _rfm_labels(customers: pd.DataFrame, settings: SegmentSettings) -> tuple[pd.Series, dict]:
    if "segment" not in customers.columns:
        from desktop.engine.segments import rfm

        customers = rfm.apply_rfm(customers, model=settings.rfm_model).customers
    keys = customers["segment"].astype(str)
    keys.name = "segment"
    names = {}
    for key, grp in customers.groupby(keys, sort=False):
        en = grp["segment_name"].iloc[0] if "segment_name" in grp else key
        zh = grp["segment_name_zh"].iloc[0] if "segment_name_zh" in grp else en
        names[str(key)] = (str(en), str(zh))
    return keys, names


def _summary(customers: pd.DataFrame, keys: pd.Series, names: dict, profiles: dict,
             rule_model: RuleModel) -> pd.DataFrame:
    spend = pd.to_numeric(customers.get("monetary", pd.Series(0.0, index=customers.index)),
                          errors="coerce").reindex(keys.index).fillna(0.0)
    total = float(spend.sum())
    n = len(keys)
    top_rule: dict[str, Rule] = {}
    for r in rule_model.rules:
        top_rule.setdefault(r.segment, r)
    rows = []
    for key in names:
        member = keys == key
        c = int(member.sum())
        rev = float(spend[member].sum())
        row = {
            "key": key, **pair_params("name", names[key]),
            "customers": c, "share": c / n if n else 0.0,
            "revenue": rev, "revenue_share": rev / total if total else 0.0,
            "avg_spend": rev / c if c else 0.0,
        }
        for col, out in (("recency_days", "median_recency"), ("frequency", "median_frequency"),
                         ("avg_order_value", "median_order_value")):
            if col in customers.columns:
                row[out] = float(pd.to_numeric(customers.loc[member[member].index, col],
                                               errors="coerce").median()) if c else None
        row["profile"], row["profile_zh"] = profiles.get(key, ("", ""))
        rule = top_rule.get(key)
        row.update(fields("rule", rule.text_in if rule else plain("")))
        rows.append(row)
    return pd.DataFrame(rows)


def _plain(v: Any) -> Any:
    """Return `v` as a JSON-friendly Python value (NaN -> None)."""
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        return None if np.isnan(v) else round(float(v), 6)
    return v
