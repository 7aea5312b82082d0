import json

import numpy as np
import pandas as pd
import pytest
from scipy.cluster.hierarchy import is_valid_linkage
from sklearn.metrics import adjusted_rand_score

from desktop.engine.errors import Cancelled, InputError
from desktop.engine.segments.clustering import SegmentSettings, k_at_height, segment
from seg_synthetic import make_customers, three_groups

FAST = SegmentSettings(stability_runs=1)


@pytest.mark.parametrize("method", ["kmeans", "hierarchical", "gmm"])
def test_each_method_recovers_known_groups_and_chooses_k(method):
    customers, truth = three_groups()
    seg = segment(customers, method=method, settings=FAST)
    assert adjusted_rand_score(truth, seg.labels) >= 0.9
    assert seg.k == 3
    chosen = seg.k_curve.loc[seg.k_curve["chosen"], "k"]
    assert chosen.tolist() == [3]
    assert seg.quality["silhouette"] > 0.5 and seg.quality["stability_ari"] > 0.9


def test_hdbscan_recovers_groups_and_sets_aside_unusual_customers():
    customers, truth = make_customers({"regulars": 150, "lapsed": 200, "big_gifts": 100})
    # Three wholesale-like buyers: a hundred times the usual spend per order.
    odd = customers.iloc[:3].copy()
    odd.index = pd.Index(["W1", "W2", "W3"], name="customer_id")
    odd["avg_order_value"] *= [80, 120, 160]
    odd["monetary"] = odd["avg_order_value"] * odd["frequency"]
    odd["frequency"] = [3, 60, 7]
    data = pd.concat([customers, odd])
    seg = segment(data, method="hdbscan", settings=FAST)
    assert set(seg.labels.loc[["W1", "W2", "W3"]]) == {"unusual"}
    assert seg.names["unusual"] == ("Unusual customers", "特殊客户")
    known = seg.labels.loc[truth.index]
    clustered = known != "unusual"
    assert clustered.mean() > 0.95
    assert adjusted_rand_score(truth, known) >= 0.9


def test_hierarchy_on_micro_clusters_for_large_shops():
    customers, truth = make_customers({"regulars": 1800, "lapsed": 2500, "big_gifts": 1200}, seed=3)
    seg = segment(customers, method="hierarchical", k=3, settings=SegmentSettings(stability_runs=0))
    assert adjusted_rand_score(truth, seg.labels) >= 0.9
    assert is_valid_linkage(seg.linkage)
    assert len(seg.linkage) + 1 == len(seg.linkage_leaf_sizes) < 5500
    assert seg.linkage_leaf_sizes.sum() == len(customers)
    assert seg.linkage_leaves.index.equals(customers.index)
    assert any("micro-clusters" in n.text() for n in seg.notes)


def test_dendrogram_cut_heights_match_the_k_curve():
    customers, _ = three_groups()
    seg = segment(customers, method="hierarchical", settings=SegmentSettings(stability_runs=0))
    assert len(seg.linkage) == len(customers) - 1
    for row in seg.k_curve.itertuples():
        assert k_at_height(seg.linkage, row.height) == row.k


def test_same_settings_give_identical_results():
    customers, _ = three_groups()
    for method in ("kmeans", "gmm", "hierarchical", "hdbscan"):
        a = segment(customers, method=method, settings=FAST)
        b = segment(customers, method=method, settings=FAST)
        assert a.labels.equals(b.labels), method
        assert a.names == b.names
        assert a.quality == b.quality
        assert a.embedding.equals(b.embedding)


def test_result_contents_and_json():
    customers, _ = three_groups()
    seg = segment(customers, method="gmm", k=3, settings=FAST)
    assert seg.summary["customers"].sum() == len(customers)
    assert list(seg.summary["key"]) == ["s1", "s2", "s3"]  # biggest first
    assert seg.summary["customers"].is_monotonic_decreasing
    assert np.allclose(seg.probabilities.sum(axis=1), 1.0)
    assert list(seg.probabilities.columns) == ["s1", "s2", "s3"]
    assert (seg.probabilities.idxmax(axis=1) == seg.labels).all()
    en, zh = seg.membership(customers.index[0])
    assert "%" in en and seg.names[seg.labels.iloc[0]][0] in en
    assert list(seg.embedding.columns) == ["x", "y"] and seg.embedding.index.equals(customers.index)
    d = json.loads(json.dumps(seg.to_dict(customers=True)))
    assert sum(s["customers"] for s in d["segments"]) == len(customers)
    assert {"silhouette", "stability_ari", "balance", "rules_agreement"} <= set(d["quality"])
    assert len(d["customer_segments"]) == len(customers)
    assert d["segments"][0]["rules"] and d["factors"]["sentence"]


def test_rename_keeps_names_unique():
    customers, _ = three_groups()
    seg = segment(customers, method="kmeans", k=3, settings=FAST)
    seg.rename({"s1": "Weekend regulars", "s2": ("Gift season", "节日送礼")})
    assert seg.names["s1"] == ("Weekend regulars", "Weekend regulars")
    assert seg.summary.set_index("key").loc["s2", "name_zh"] == "节日送礼"
    assert seg.to_dict()["names"]["s2"]["name"] == "Gift season"
    with pytest.raises(ValueError):
        seg.rename({"s3": "weekend REGULARS"})


def test_assign_puts_refreshed_customers_in_the_same_segments():
    customers, truth = three_groups()
    seg = segment(customers, method="kmeans", settings=FAST)
    fresh, fresh_truth = three_groups(seed=7)
    assigned = seg.assign(fresh)
    # Map each true group to the segment most of its fitted members got.
    majority = pd.crosstab(truth, seg.labels).idxmax(axis=1)
    assert (assigned == fresh_truth.map(majority)).mean() > 0.95


def test_bad_requests_and_cancel():
    customers, _ = three_groups()
    with pytest.raises(InputError):
        segment(customers.iloc[:2])
    with pytest.raises(InputError):
        segment(customers, method="spectral")
    with pytest.raises(InputError):
        segment(customers.iloc[:5], k=5)
    seg = segment(customers, method="hdbscan", k=4, settings=FAST)
    assert any("not used" in w.text() for w in seg.warnings)

    def cancel(fraction, message=""):
        if fraction > 0.1:
            raise Cancelled()

    with pytest.raises(Cancelled):
        segment(customers, method="kmeans", progress=cancel)
