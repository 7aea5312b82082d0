"""Purchase propensity: a real time-split fit that finds the signal, and an honest fallback."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from desktop.engine.predictions.propensity import customer_features, propensity, reliability_bins
from desktop.engine.predictions.summary import purchase_days


def _regulars_and_drifters(n: int = 600, days: int = 540, seed: int = 0) -> pd.DataFrame:
    """Half the customers buy every ~3 weeks throughout; the others stop after a random date."""
    rng = np.random.default_rng(seed)
    rows = []
    start = pd.Timestamp("2023-01-01")
    for c in range(n):
        gap = rng.uniform(10, 40)
        stop = days if c % 2 == 0 else rng.uniform(30, days)
        t = rng.uniform(0, 60)
        while t < min(stop, days):
            rows.append((f"K{c}", start + pd.Timedelta(days=int(t)), float(rng.gamma(3, 15))))
            t += rng.exponential(gap)
    return pd.DataFrame(rows, columns=["customer_id", "date", "amount"]).assign(is_return=False)


def test_propensity_learns_who_comes_back():
    lines = _regulars_and_drifters()
    r = propensity(lines, horizon_days=60)
    assert r.model in ("logistic", "gradient_boosting", "mlp")
    assert r.holdout_auc["logistic"] > 0.8
    # another model is chosen only when it is clearly better than the logistic regression
    if r.model != "logistic":
        assert r.holdout_auc[r.model] >= r.holdout_auc["logistic"] + 0.02
    assert r.scores.between(0, 1).all()
    assert r.reliability["customers"].sum() == r.test_rows
    # reliability: customers given a high chance did buy more often than those given a low one
    rel = r.reliability
    assert rel["observed"].iloc[-1] > rel["observed"].iloc[0]
    ranked = r.ranked()
    assert ranked.is_monotonic_decreasing
    # regulars (even numbers) fill the top of the list
    top = ranked.index[:100]
    assert np.mean([int(c[1:]) % 2 == 0 for c in top]) > 0.8
    assert r.warnings == []


def test_too_little_history_falls_back_to_the_purchase_model():
    lines = _regulars_and_drifters(n=80, days=100, seed=1)
    r = propensity(lines, horizon_days=60)
    assert r.model in ("bgnbd", "mbgnbd", "simple")
    assert r.warnings[0].code == "propensity_small"
    # issue 17: warnings are catalogue messages (code + params), rendered per language
    assert "60" in r.warnings[0].text("en") and "60" in r.warnings[0].text("zh")
    assert r.scores.between(0, 1).all()
    assert len(r.scores) == lines["customer_id"].nunique()


def test_features_describe_the_customer_at_the_cutoff():
    lines = pd.DataFrame({"customer_id": ["A", "A", "A", "B"],
                          "date": pd.to_datetime(["2024-01-01", "2024-01-11", "2024-03-01", "2024-01-05"]),
                          "amount": [10.0, 30.0, 99.0, 5.0], "is_return": False})
    f = customer_features(purchase_days(lines), pd.Timestamp("2024-01-31"))
    assert f.loc["A", "recency"] == pytest.approx(np.log1p(20))
    assert f.loc["A", "purchase_days"] == pytest.approx(np.log1p(2))  # March is after the cutoff
    assert f.loc["A", "spend"] == pytest.approx(np.log1p(40))
    assert f.loc["B", "one_time"] == 1.0


def test_reliability_bins_average_what_falls_in_them():
    pred = np.array([0.05, 0.07, 0.55, 0.95, 1.0])
    obs = np.array([0, 1, 1, 1, 0])
    bins = reliability_bins(pred, obs, bins=10)
    assert list(bins["customers"]) == [2, 1, 2]
    assert bins["predicted"].iloc[0] == pytest.approx(0.06)
    assert bins["observed"].iloc[2] == pytest.approx(0.5)
