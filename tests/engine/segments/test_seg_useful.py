"""Issue 21: useful automatic cuts, honest warnings, factor analysis in words, names relative to
the shop, rounded figures."""

import numpy as np

from desktop import texts
from desktop.engine.progress import no_progress
from desktop.engine.segments import quality
from desktop.engine.segments.clustering import SegmentSettings, _scan_k, segment
from desktop.engine.segments.explain import MIN_RULE_PRECISION, factor_view, fit_rules, parallel_analysis
from desktop.engine.segments.features import build_features
from desktop.engine.segments.naming import name_segments, profile_sentences
from desktop.engine.segments.rfm import EightClassThresholds

from seg_synthetic import make_customers, three_groups


def _curve_of(table):
    """A try_k for _scan_k from {k: (silhouette, largest share)}; missing k score low."""
    def try_k(k):
        sil, largest = table.get(k, (0.05, 0.4))
        return {"k": k, "silhouette": sil, "largest_share": largest}
    return try_k


def test_the_cut_skips_splits_that_leave_most_customers_in_one_group():
    # k=2 separates best but puts 68% in one group; 5 scores almost the same with balanced groups.
    table = {2: (0.30, 0.68), 3: (0.25, 0.55), 4: (0.27, 0.40), 5: (0.29, 0.30), 6: (0.28, 0.27)}
    curve, chosen, reason = _scan_k(_curve_of(table), 2, 6, 500, no_progress)
    assert chosen == 5 and reason is None
    assert curve.loc[curve["chosen"], "k"].tolist() == [5]


def test_without_any_useful_cut_the_best_is_kept_and_called_no_structure():
    table = {k: (0.3 - 0.01 * k, 0.9) for k in range(2, 7)}
    _, chosen, reason = _scan_k(_curve_of(table), 2, 6, 500, no_progress)
    assert chosen == 2 and reason == "no_structure"


def test_a_best_k_at_the_top_of_the_range_is_extended_then_flagged():
    rising = {k: (0.1 + 0.01 * k, 0.3) for k in range(2, 30)}
    curve, chosen, reason = _scan_k(_curve_of(rising), 2, 10, 500, no_progress)
    assert curve["k"].max() == 15 and chosen == 15 and reason == "edge"
    # A peak inside the extended range is a clear choice.
    peak = {**rising, 12: (0.9, 0.3)}
    _, chosen, reason = _scan_k(_curve_of(peak), 2, 10, 500, no_progress)
    assert chosen == 12 and reason is None


def test_doubtful_choices_warn_and_the_verdict_agrees():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 0.3, (50, 2)), rng.normal(5, 0.3, (50, 2))])
    labels = np.repeat([0, 1], 50)
    good, warns = quality.assess(X, labels, 0.95, k_auto=True)
    assert good["strength"] == "strong" and not warns
    for kwargs, code in (({"k_reason": "edge"}, "segments_no_clear_k"),
                         ({"k_reason": "no_structure"}, "segments_no_clear_groups")):
        q, warns = quality.assess(X, labels, 0.95, k_auto=True, **kwargs)
        assert code in [w.code for w in warns]
        assert q["strength"] == "weak" and q["verdict"].startswith("Weak")
    # Automatic k: an unstable result never says "try fewer segments".
    q, warns = quality.assess(X, labels, 0.4, k_auto=True)
    codes = [w.code for w in warns]
    assert "segments_unstable_rough" in codes and "segments_unstable" not in codes
    assert "fewer" not in " ".join(w.text("en") for w in warns)
    assert q["verdict"].startswith("Weak")
    # The owner's own k above 2: "try fewer" is advice they can follow.
    X3 = np.vstack([X, rng.normal(10, 0.3, (50, 2))])
    _, warns = quality.assess(X3, np.repeat([0, 1, 2], 50), 0.4, k_auto=False)
    assert "segments_unstable" in [w.code for w in warns]


def test_automatic_segments_on_known_groups_are_useful():
    customers, _ = three_groups()
    for method in ("kmeans", "hierarchical"):
        seg = segment(customers, method=method, settings=SegmentSettings(stability_runs=1))
        assert seg.summary["share"].max() <= 0.6, method
        assert seg.k == 3


def test_parallel_analysis_counts_the_real_factors():
    rng = np.random.default_rng(0)
    f = rng.normal(size=(600, 2))
    X = np.hstack([f[:, [0]] + 0.4 * rng.normal(size=(600, 3)), f[:, [1]] + 0.4 * rng.normal(size=(600, 3))])
    assert parallel_analysis(X) == 2
    assert parallel_analysis(rng.normal(size=(600, 6))) <= 1


def test_factor_analysis_in_words_with_scores():
    customers, _ = three_groups()
    fm = build_features(customers)
    view = factor_view(fm, method="factor")
    assert view.n_factors >= 1 and "parallel analysis" in view.rule
    assert list(view.scores.columns) == [f"factor_{i + 1}" for i in range(view.n_factors)]
    assert view.scores.index.equals(fm.X.index)
    first = view.to_dict()["factors"][0]
    assert first["sentence"].startswith(f"Factor 1 — {first['title']}: ")
    assert "number of orders" in view.sentence or "total spend" in view.sentence
    assert first["sentence_zh"].startswith("因子 1——")


def test_a_group_with_most_customers_is_never_named_big_spenders():
    customers, _ = make_customers({"regulars": 300, "lapsed": 100})
    # Most customers spend more than the rest; still they are the shop's typical customer.
    fm = build_features(customers)
    labels = np.repeat([0, 1], [300, 100])
    names = name_segments(fm, labels)
    assert "spender" not in names[0][0] and "frequent" not in names[0][0].lower()


def test_profiles_say_whole_orders_and_days():
    customers, _ = make_customers({"regulars": 4}, seed=3)
    customers["frequency"] = [5, 6, 5, 6]
    customers["recency_days"] = [27, 28, 27, 28]
    fm = build_features(customers)
    en, zh = profile_sentences(fm, np.zeros(4, dtype=int), customers)[0]
    assert "6 orders" in en and "5.5" not in en and "28 days ago" in en and "27.5" not in en
    assert "6 个订单" in zh


def test_rules_shown_are_right_for_most_of_their_customers():
    customers, truth = three_groups()
    # Mislabel a random third so some leaves are impure.
    noisy = truth.copy()
    flip = np.random.default_rng(1).random(len(noisy)) < 0.35
    noisy[flip] = "regulars"
    model = fit_rules(build_features(customers), noisy)
    assert model.rules and all(r.precision >= MIN_RULE_PRECISION for r in model.rules)


def test_eight_class_thresholds_are_rounded():
    t = EightClassThresholds(100.0 / 3, 29 / 6, 1234.5678901)
    assert t.to_dict() == {"recency_days_max": 33.33, "frequency_min": 4.83, "monetary_min": 1234.57}


def test_each_group_has_its_own_quality_and_weak_groups_are_named():
    rng = np.random.default_rng(0)
    a, b = rng.normal(0, 0.3, (60, 2)), rng.normal(6, 0.3, (60, 2))
    # A third "group" of points scattered across both: its customers belong nowhere in particular.
    c = np.vstack([rng.normal(0, 0.3, (15, 2)), rng.normal(6, 0.3, (15, 2))])
    X = np.vstack([a, b, c])
    labels = np.repeat([0, 1, 2], [60, 60, 30])
    names = {0: ("Left", "左"), 1: ("Right", "右"), 2: ("Scattered", "分散")}
    groups, warns = quality.group_quality(labels, quality.SilhouetteSample(X), {0: 0.95, 1: 0.4, 2: 0.9},
                                          names=names)
    assert groups[0]["reliable"] and groups[0]["silhouette"] > 0.8 and groups[0]["customers"] == 60
    assert groups[1]["weak_reasons"] == ["unstable"]
    assert "overlap" in groups[2]["weak_reasons"] and not groups[2]["reliable"]
    by_code = {(w.code, w.params["segment"]) for w in warns}
    assert by_code == {("segment_weak_unstable", "Right"), ("segment_weak_overlap", "Scattered")}
    assert "Scattered" in [w for w in warns if w.code == "segment_weak_overlap"][0].text("en")


def test_group_stability_finds_a_group_that_dissolves():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 0.2, (80, 2)), rng.normal(5, 0.2, (80, 2))])
    labels = np.repeat([0, 1], 80)
    # A refit that keeps group 0 and splits group 1 at random.
    def refit(Xs, seed):
        r = np.random.default_rng(seed)
        return np.where(Xs[:, 0] < 2.5, 0, r.integers(1, 3, len(Xs)))
    ari, per_group = quality.stability_detail(refit, X, labels)
    assert per_group[0] > 0.99 and per_group[1] < 0.6 and ari < 0.9


def test_segment_summary_and_json_carry_group_quality():
    customers, _ = three_groups()
    seg = segment(customers, method="kmeans", k=3, settings=SegmentSettings(stability_runs=1))
    assert {"silhouette", "stability", "reliable"} <= set(seg.summary.columns)
    out = seg.to_dict()
    assert [g["key"] for g in out["quality"]["groups"]] == [s["key"] for s in out["segments"]]
    assert all(g["reliable"] for g in out["quality"]["groups"])


def test_a_group_above_the_limit_says_the_data_has_no_clear_groups():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 0.3, (80, 2)), rng.normal(5, 0.3, (20, 2))])
    labels = np.repeat([0, 1], [80, 20])
    q, warns = quality.assess(X, labels, 0.95, largest_limit=0.6)
    assert [w.code for w in warns] == ["segments_one_big_group"] and q["strength"] == "weak"
    _, warns = quality.assess(X, labels, 0.95)
    assert not warns


def test_a_weak_group_lowers_a_clear_verdict():
    q = {"strength": "strong", "verdict": texts.label("segment_verdict", "strong")}
    weak = quality.with_weak_groups(q, {0: {"reliable": True}, 1: {"reliable": False}})
    assert weak["strength"] == "fair" and weak["verdict"] == "Reasonable segments with some overlap."
    assert weak["verdict_zh"] == texts.label("segment_verdict", "fair", "zh")
    assert quality.with_weak_groups(q, {0: {"reliable": True}}) == q
