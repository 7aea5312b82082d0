import re

import numpy as np
import pandas as pd

from desktop.engine.segments.explain import factor_view, fit_rules
from desktop.engine.segments.features import build_features
from seg_synthetic import three_groups


def test_rules_explain_and_agree_with_clear_segments():
    customers, truth = three_groups()
    fm = build_features(customers)
    model = fit_rules(fm, truth, currency="¥")
    assert model.agreement > 0.95
    assert model.tree.get_depth() <= 3
    assert sum(r.customers for r in model.rules) == len(customers)
    by_segment = {r.segment: r for r in model.rules}
    assert set(by_segment) == {"regulars", "lapsed", "big_gifts"}
    sentence = by_segment["big_gifts"].to_dict({"big_gifts": ("Gift buyers", "礼品买家")})
    assert sentence["sentence"].startswith("Gift buyers: customers who ")
    assert sentence["sentence_zh"].startswith("礼品买家：")
    # Thresholds are rounded for reading, and they sit between the groups' values.
    text = " ".join(r.text for r in model.rules)
    assert re.search(r"(spent|orders|bought|days)", text)
    assert not re.search(r"\d\.\d{3}", text)


def test_rule_thresholds_on_whole_numbers_read_as_whole_numbers():
    customers, _ = three_groups()
    fm = build_features(customers, exclude=("recency_days", "monetary", "avg_order_value",
                                            "avg_days_between", "tenure_days"))
    segments = pd.Series(np.where(customers["frequency"] >= 2, "repeat", "once"), index=customers.index)
    model = fit_rules(fm, segments)
    assert model.agreement == 1.0
    texts = {r.segment: r.text for r in model.rules}
    assert texts["once"] == "placed only one order"
    assert texts["repeat"] == "placed 2 or more orders"


def test_rules_assign_new_customers():
    customers, truth = three_groups()
    fm = build_features(customers)
    model = fit_rules(fm, truth)
    fresh, fresh_truth = three_groups(seed=11)
    assert (model.predict(fm.readable_for(fresh)) == fresh_truth).mean() > 0.95


def test_factor_view_names_the_main_difference():
    customers, _ = three_groups()
    # Make spend the main way customers differ.
    customers["monetary"] = customers["monetary"] * np.random.default_rng(0).lognormal(0, 3, len(customers))
    fm = build_features(customers, exclude=("avg_days_between",))
    for method in ("pca", "factor"):
        view = factor_view(fm, method=method)
        assert view.embedding.shape == (len(customers), 2)
        if method == "pca":
            assert view.sentence.startswith("Differences between customers are mostly about")
            assert view.sentence_zh.startswith("客户之间的差别主要在于")
        else:  # factors are read as "Factor 1 — title: features" (issue 21)
            assert view.sentence.startswith("Factor 1 — ")
            assert view.sentence_zh.startswith("因子 1——")
        shares = [c["share"] for c in view.components]
        assert shares == sorted(shares, reverse=True)
    pca = factor_view(fm)
    assert pca.components[0]["theme"] in ("spend size", "how often they buy", "how recently they bought")
