"""RFM scores and the two segment models."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from desktop import texts

from desktop.engine.segments.rfm import (
    RULE_TABLE_11, SEGMENTS_8, SEGMENTS_11, EightClassThresholds, apply_rfm, assign_8, score_frequency,
    tie_sharing_scores,
)


def test_rule_table_covers_all_125_combinations_exactly_once() -> None:
    combos = [(r, f, m) for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)]
    assert sorted(RULE_TABLE_11) == combos
    assert all(RULE_TABLE_11[c] in SEGMENTS_11 for c in combos)


def test_every_named_segment_is_reachable() -> None:
    assert set(RULE_TABLE_11.values()) == set(SEGMENTS_11)
    assert len(SEGMENTS_11) == 11


def test_rules_read_sensibly() -> None:
    assert RULE_TABLE_11[(5, 5, 5)] == "champions"
    assert RULE_TABLE_11[(1, 1, 1)] == "lost"
    assert RULE_TABLE_11[(5, 1, 1)] == "new"
    assert RULE_TABLE_11[(1, 5, 5)] == "cant_lose"


def test_equal_values_share_a_score_whatever_the_row_order() -> None:
    values = pd.Series([10, 10, 10, 10, 20, 30, 30, 40, 50, 60])
    s1 = tie_sharing_scores(values)
    shuffled = values.sample(frac=1, random_state=3)
    s2 = tie_sharing_scores(shuffled).reindex(values.index)
    assert (s1 == s2).all()
    assert s1[values == 10].nunique() == 1 and s1[values == 30].nunique() == 1
    assert s1.min() == 1 and s1.max() == 5
    assert (np.diff(s1[values.sort_values().index].to_numpy()) >= 0).all()


def test_one_time_buyers_all_get_f1_and_repeat_buyers_spread_over_2_to_5() -> None:
    freq = pd.Series([1] * 70 + [2] * 10 + [3] * 8 + [5] * 7 + [12] * 5)
    f = score_frequency(freq)
    assert set(f[freq == 1]) == {1}
    assert f[freq > 1].min() == 2 and f[freq > 1].max() == 5
    assert f[freq == 2].nunique() == 1


def _customers(n: int = 500, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "recency_days": rng.integers(0, 700, n),
        "frequency": np.where(rng.random(n) < 0.55, 1, rng.integers(2, 30, n)),
        "monetary": rng.gamma(2.0, 150.0, n).round(2),
    }, index=pd.Index([f"c{i}" for i in range(n)], name="customer_id"))


def test_apply_rfm_11_gives_every_customer_one_segment_and_a_summary() -> None:
    c = _customers()
    result = apply_rfm(c, 11)
    assert result.customers["segment"].isin(SEGMENTS_11).all()
    s = result.summary
    assert list(s["key"]) == list(SEGMENTS_11)
    assert s["customers"].sum() == len(c)
    assert s["revenue_share"].sum() == pytest.approx(1.0)
    assert (s["action_zh"].str.len() > 0).all() and (s["profile"].str.len() > 0).all()
    th = result.thresholds.to_dict()
    assert [r["score"] for r in th["recency_days"]] == [1, 2, 3, 4, 5]


def test_rfm_thresholds_are_rounded_for_reading() -> None:
    c = _customers()
    c["monetary"] = c["monetary"] + 0.1 + 0.2 - 0.3 + 1e-12  # float noise as sums of amounts carry
    th = apply_rfm(c, 11).thresholds.to_dict()
    for row in th["monetary"]:
        for end in ("min", "max"):
            assert row[end] == round(row[end], 2)
            assert len(repr(row[end]).split(".")[-1]) <= 2


def test_eight_class_model_against_averages_and_owner_thresholds() -> None:
    c = pd.DataFrame({"recency_days": [5, 5, 200, 200, 5, 5, 200, 200],
                      "frequency": [9, 1, 9, 1, 9, 1, 9, 1],
                      "monetary": [900, 900, 900, 900, 10, 10, 10, 10]})
    keys = assign_8(c).tolist()
    assert keys == ["important_value", "important_develop", "important_keep", "important_retain",
                    "general_value", "general_develop", "general_keep", "general_retain"]
    result = apply_rfm(c, 8)
    assert result.summary["customers"].tolist() == [1] * 8
    assert set(result.customers["segment_name_zh"]) == {texts.label("segment_name", k, "zh") for k in SEGMENTS_8}
    strict = assign_8(c, EightClassThresholds(recency_days_max=1, frequency_min=1, monetary_min=100))
    assert set(strict) == {"important_keep", "general_keep"}
