import numpy as np
import pandas as pd
import pytest

from desktop.engine.segments.features import build_features
from desktop.engine.segments.naming import membership_text, name_segments, profile_sentences, unique_renames
from seg_synthetic import make_customers, three_groups


def _names_by_truth(customers, truth):
    fm = build_features(customers)
    codes = {"regulars": 0, "lapsed": 1, "big_gifts": 2}
    labels = truth.map(codes).to_numpy()
    names = name_segments(fm, labels)
    return {g: names[c] for g, c in codes.items()}, fm, labels


def test_names_follow_how_each_group_differs_from_average():
    names, _, _ = _names_by_truth(*three_groups())
    assert names["regulars"][0] == "Active frequent buyers"
    assert names["lapsed"][0] == "Lapsed one-time small spenders"
    # Their tenure is shorter than average but not half of it: not called "new". Their 3 orders
    # are more than the shop's typical customer's 2: not "occasional" (names relative to the shop).
    assert names["big_gifts"] == ("Active big spenders", "活跃大额客户")
    assert names["regulars"][1] == "活跃高频客户"
    assert names["lapsed"][1] == "已流失的一次性低消费客户"
    assert len({n[0] for n in names.values()}) == 3


def test_clashing_names_are_made_unique():
    customers, truth = make_customers({"lapsed": 300, "regulars": 100})
    fm = build_features(customers)
    # Split the lapsed customers in two arbitrary halves: their traits are the same.
    labels = np.where(truth == "regulars", 0, np.where(np.arange(len(truth)) % 2 == 0, 1, 2))
    names = name_segments(fm, labels)
    assert len({n[0] for n in names.values()}) == 3
    assert len({n[1] for n in names.values()}) == 3


def test_profile_sentences_use_the_customers_own_values():
    customers, truth = three_groups()
    _, fm, labels = _names_by_truth(customers, truth)
    texts = profile_sentences(fm, labels, customers, currency="¥")
    regular = customers[truth == "regulars"]
    en, zh = texts[0]
    assert f"{regular['frequency'].median():.0f} orders" in en
    assert "¥" in en and "¥" in zh and zh.startswith("典型客户")


def test_membership_and_renames():
    names = {"s1": ("Gift buyers", "礼品买家"), "s2": ("Regulars", "常客"), "s3": ("Lapsed", "流失")}
    p = pd.Series({"s1": 0.7, "s2": 0.28, "s3": 0.02})
    assert membership_text(p, names) == ("70% Gift buyers, 28% Regulars", "70% 礼品买家，28% 常客")
    renamed = unique_renames(names, {"s3": ("Sleepers", "沉睡")})
    assert renamed["s3"] == ("Sleepers", "沉睡") and names["s3"] == ("Lapsed", "流失")
    with pytest.raises(ValueError):
        unique_renames(names, {"s3": "regulars"})
    with pytest.raises(ValueError):
        unique_renames(names, {"s3": " "})
