"""How good a segmentation is, shown honestly: separation, balance, stability, data size."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from desktop.texts import Message, message

from .words import fields, label, pair, pair_params, text

SILHOUETTE_SAMPLE = 5000
MIN_CUSTOMERS = 30          # below this any segmentation is a guess
WEAK_SILHOUETTE = 0.25      # Kaufman & Rousseeuw: below 0.25 there is no substantial structure
STRONG_SILHOUETTE = 0.5
UNSTABLE_ARI = 0.75
SMALL_SEGMENT_SHARE = 0.02

Warning = Message  # a catalogue message (desktop.texts)


class SilhouetteSample:
    """Silhouettes of many labelings of the same rows, from one distance matrix.

    Choosing k scores up to nine labelings; computing the sample's pairwise distances once and
    each labeling's mean distances with one matrix product makes each score cost milliseconds.
    """

    def __init__(self, X: np.ndarray, seed: int = 0, sample: int = SILHOUETTE_SAMPLE) -> None:
        from scipy.spatial.distance import pdist, squareform

        n = len(X)
        rng = np.random.default_rng(seed)
        self.index = np.sort(rng.choice(n, sample, replace=False)) if n > sample else np.arange(n)
        # float32 halves the memory (100 MB at 5,000 rows) and is ample for a mean of distances.
        self.D = squareform(pdist(X[self.index]).astype(np.float32))

    def score(self, labels: np.ndarray) -> float | None:
        """Return the mean silhouette of `labels` (for all rows of X) over the sample, leaving out
        label -1; None when fewer than two groups remain."""
        values = self.values(labels)
        return None if values is None else float(np.mean(values[1]))

    def per_group(self, labels: np.ndarray) -> dict[int, float]:
        """Return the mean silhouette of each group's sampled customers ({} with one group)."""
        values = self.values(labels)
        if values is None:
            return {}
        lab, s = values
        return {int(v): float(s[lab == v].mean()) for v in np.unique(lab)}

    def values(self, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        """Return (label, silhouette) of each sampled row not labelled -1, or None when fewer than
        two groups remain."""
        lab = np.asarray(labels)[self.index]
        keep = lab != -1
        D = self.D[np.ix_(keep, keep)] if not keep.all() else self.D
        lab = lab[keep]
        values, codes = np.unique(lab, return_inverse=True)
        if len(values) < 2 or len(lab) < 3:
            return None
        onehot = np.zeros((len(lab), len(values)), dtype=np.float32)
        onehot[np.arange(len(lab)), codes] = 1.0
        sums = D @ onehot                              # distance from each row to each group
        counts = onehot.sum(axis=0)
        own = counts[codes]
        a = sums[np.arange(len(lab)), codes] / np.maximum(own - 1, 1)
        mean_other = sums / counts
        mean_other[np.arange(len(lab)), codes] = np.inf
        b = mean_other.min(axis=1)
        s = np.where(own > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-12), 0.0)
        return lab, s


def silhouette(X: np.ndarray, labels: np.ndarray, seed: int = 0,
               sample: int = SILHOUETTE_SAMPLE) -> float | None:
    """Return the mean silhouette of `labels` (noise label -1 left out), sampled above `sample`
    rows; None when fewer than two groups remain."""
    return SilhouetteSample(X, seed=seed, sample=sample).score(labels)


VERDICTS = ("strong", "fair", "weak", "none")  # their words: the catalogue's segment_verdict labels


def with_weak_groups(quality: dict, groups: dict[int, dict]) -> dict:
    """Return `quality` with a "strong" verdict lowered to "fair" when a group is weak, so the
    heading never calls the segments clear next to a warning about one of them."""
    if quality.get("strength") == "strong" and any(not g["reliable"] for g in groups.values()):
        quality = {**quality, "strength": "fair", **fields("verdict", label("segment_verdict", "fair"))}
    return quality


def largest_share(labels: np.ndarray) -> float:
    """Return the share of customers (those set aside as -1 left out) in the biggest group."""
    labels = np.asarray(labels)
    kept = labels[labels != -1]
    return float(np.bincount(kept).max() / len(kept)) if len(kept) else 0.0


def size_balance(labels: np.ndarray) -> dict:
    """Return smallest and largest group shares and a balance score (normalised entropy, 1 = equal
    sizes)."""
    _, counts = np.unique(labels, return_counts=True)
    shares = counts / counts.sum()
    balance = float(-(shares * np.log(shares)).sum() / np.log(len(shares))) if len(shares) > 1 else 0.0
    return {"smallest_share": float(shares.min()), "largest_share": float(shares.max()),
            "balance": balance}


def stability(refit: Callable[[np.ndarray, int], np.ndarray], X: np.ndarray, labels: np.ndarray,
              seeds: tuple[int, ...] = (1, 2, 3), fraction: float = 0.8, max_rows: int = 10000,
              progress: Callable[[float, str], None] | None = None) -> float | None:
    """Return the mean adjusted Rand index between `labels` and refits on random subsets.

    `refit(X_subset, seed)` returns labels for the subset. Each run draws a different subset and
    seed, so this measures whether the segments would come out the same on slightly different
    data, not only with another starting point.
    """
    return stability_detail(refit, X, labels, seeds, fraction, max_rows, progress)[0]


def stability_detail(refit: Callable[[np.ndarray, int], np.ndarray], X: np.ndarray, labels: np.ndarray,
                     seeds: tuple[int, ...] = (1, 2, 3), fraction: float = 0.8, max_rows: int = 10000,
                     progress: Callable[[float, str], None] | None = None) -> tuple[float | None, dict[int, float]]:
    """Return the mean adjusted Rand index (as `stability`) and each group's stability: the mean
    over the refits of the best Jaccard overlap of its customers with one refitted group (Hennig's
    cluster-wise stability; below 0.5 a group dissolves when recomputed)."""
    from sklearn.metrics import adjusted_rand_score

    n = len(X)
    if n < 10:
        return None, {}
    labels = np.asarray(labels)
    scores = []
    jaccard: dict[int, list[float]] = {}
    for i, seed in enumerate(seeds):
        if progress:
            progress(i / len(seeds), "Checking stability")
        rng = np.random.default_rng(seed)
        size = min(max_rows, max(5, int(n * fraction)))
        idx = np.sort(rng.choice(n, size=size, replace=False))
        mine, theirs = labels[idx], np.asarray(refit(X[idx], seed))
        scores.append(adjusted_rand_score(mine, theirs))
        for g in np.unique(mine):
            if g == -1:
                continue
            a = mine == g
            best = max(float((a & (theirs == h)).sum() / (a | (theirs == h)).sum())
                       for h in np.unique(theirs))
            jaccard.setdefault(int(g), []).append(best)
    return float(np.mean(scores)), {g: float(np.mean(v)) for g, v in jaccard.items()}


WEAK_GROUP_SILHOUETTE = 0.1   # a group whose customers sit about as near another group
WEAK_GROUP_STABILITY = 0.5    # Hennig: a group below 0.5 Jaccard "dissolves" when recomputed


def group_quality(labels: np.ndarray, sampler: SilhouetteSample, group_stability: dict[int, float],
                  names: dict | None = None) -> tuple[dict[int, dict], list[Warning]]:
    """Return each group's size, share, silhouette, stability and whether it is weak ("reliable":
    False, with "weak_reasons"), and a warning in words for each weak group."""
    labels = np.asarray(labels)
    n = len(labels)
    sil = sampler.per_group(labels)
    out: dict[int, dict] = {}
    warnings: list[Warning] = []
    for g in [int(v) for v in np.unique(labels) if v != -1]:
        c = int((labels == g).sum())
        s, st = sil.get(g), group_stability.get(g)
        reasons = []
        name = pair_params("segment", _name(names, g))
        if s is not None and s < WEAK_GROUP_SILHOUETTE:
            reasons.append("overlap")
            warnings.append(message("segment_weak_overlap", **name, silhouette=round(s, 2)))
        if st is not None and st < WEAK_GROUP_STABILITY:
            reasons.append("unstable")
            warnings.append(message("segment_weak_unstable", **name, stability=round(st, 2)))
        out[g] = {"customers": c, "share": c / n if n else 0.0, "silhouette": s, "stability": st,
                  "reliable": not reasons, "weak_reasons": reasons}
    return out, warnings


def assess(X: np.ndarray, labels: np.ndarray, stability_ari: float | None, seed: int = 0,
           names: dict | None = None, sampler: SilhouetteSample | None = None, k_auto: bool = False,
           k_reason: str | None = None, largest_limit: float | None = None) -> tuple[dict, list[Warning]]:
    """Return the quality figures and the warnings a shop owner should see.

    `labels` are integers with -1 for customers set aside as unusual; `names` maps a label to its
    (English, Chinese) name for the warnings. `k_auto` says the number of segments was chosen
    automatically, `k_reason` why that choice is doubtful ("edge": the best number was the most
    tried; "no_structure": every number tried left one group above most customers). With
    `largest_limit`, a group above that share of customers also says the data has no clear groups
    (a data-driven method found no structure to split them by). The verdict
    never reads better than the warnings: unstable or doubtful segments are called weak.
    """
    n = len(labels)
    sil = (sampler or SilhouetteSample(X, seed=seed)).score(labels)
    bal = size_balance(labels)
    warnings: list[Warning] = []
    if n < MIN_CUSTOMERS:
        warnings.append(message("segments_few_customers", n=int(n)))
    if sil is None:
        strength = "none"
    elif sil < WEAK_SILHOUETTE:
        strength = "weak"
        warnings.append(message("segments_weak", silhouette=float(sil)))
    elif sil < STRONG_SILHOUETTE:
        strength = "fair"
    else:
        strength = "strong"
    k = int(len([v for v in np.unique(labels) if v != -1]))
    doubtful = False
    if k_reason == "no_structure":
        warnings.append(message("segments_no_clear_groups", largest=float(largest_share(labels))))
        doubtful = True
    elif largest_limit is not None and largest_share(labels) > largest_limit:
        warnings.append(message("segments_one_big_group", largest=float(largest_share(labels))))
        doubtful = True
    elif k_reason == "edge":
        warnings.append(message("segments_no_clear_k", k=k))
        doubtful = True
    if stability_ari is not None and stability_ari < UNSTABLE_ARI:
        # "Try fewer segments" only where the owner chose the number and fewer are possible.
        code = "segments_unstable" if not k_auto and k > 2 else "segments_unstable_rough"
        warnings.append(message(code, agreement=float(stability_ari)))
        doubtful = True
    if doubtful and strength in ("fair", "strong"):
        strength = "weak"
    values, counts = np.unique(labels, return_counts=True)
    for v, c in zip(values, counts):
        if v == -1:
            continue
        if c / n < SMALL_SEGMENT_SHARE:
            warnings.append(message("segment_small", **pair_params("segment", _name(names, int(v))), n=int(c),
                                    share=float(c / n)))
    noise = float(np.mean(labels == -1))
    if noise > 0.3:
        warnings.append(message("segments_many_unusual", share=noise))
    quality = {
        "silhouette": sil,
        "silhouette_sample": min(n, SILHOUETTE_SAMPLE),
        "stability_ari": stability_ari,
        **bal,
        "unusual_share": noise,
        "customers": int(n),
        "segments": int(len([v for v in values if v != -1])),
        "strength": strength,
        **fields("verdict", label("segment_verdict", strength)),
    }
    return quality, warnings


def _name(names: dict | None, group: int) -> tuple[str, str]:
    """A group's name (English, Chinese), or "Segment 3" where the caller named none."""
    return (names or {}).get(group) or pair(text("segment_fallback_name", n=group))
