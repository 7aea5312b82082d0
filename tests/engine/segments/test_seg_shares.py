"""Gaussian-mixture shares honest about overlap and calibrated against refits (issue 21, item 3)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from seg_synthetic import three_groups
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_limits

from desktop.engine.segments import shares
from desktop.engine.segments.clustering import SegmentSettings, segment
from desktop.engine.segments.naming import membership_text


def _gmm(k: int, seed: int) -> GaussianMixture:
    return GaussianMixture(k, covariance_type="full", reg_covar=1e-3, random_state=seed, n_init=1)


def _calibrated(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (raw posteriors, calibrated shares, agreement over 20 fresh refits) of a k-mixture."""
    def fit_predict(Xf, Xa, seed):
        return _gmm(k, seed).fit(Xf).predict(Xa)

    with threadpool_limits(limits=1):  # as segment() does: threads on a busy machine cost minutes
        proba = _gmm(k, 0).fit(X).predict_proba(X)
        labels = proba.argmax(axis=1)
        cal = shares.calibrate(proba, shares.agreement(X, labels, fit_predict,
                                                       tuple(range(1, 1 + shares.RUNS))))
        # Agreement checked on other refits than the ones the temperature was chosen on.
        fresh = shares.agreement(X, labels, fit_predict, tuple(range(100, 120)))
    return proba, shares.temper(proba, cal.temperature), fresh


def _calibration_error(top: np.ndarray, kept: np.ndarray) -> float:
    """Customers binned by top share (0.5-0.6, ..., 0.9-1.0): mean |share - kept| weighted by bin size."""
    bins = np.clip(((top - 0.5) // 0.1).astype(int), 0, 4)
    err = sum(abs(top[bins == b].mean() - kept[bins == b].mean()) * (bins == b).sum()
              for b in np.unique(bins))
    return float(err / len(top))


@pytest.fixture(scope="module")
def separated():
    customers, _ = three_groups()
    return segment(customers, method="gmm", settings=SegmentSettings(stability_runs=1))


def test_well_separated_groups_keep_top_shares_near_one(separated):
    seg = separated
    top = seg.probabilities.max(axis=1)
    assert top.mean() > 0.95
    assert seg.quality["shares"]["mean_agreement"] > 0.95


def test_heavily_overlapping_blobs_share_the_middle_about_evenly():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 1, (300, 2)), rng.normal(0, 1, (300, 2)) + [1.0, 0]])
    _, calibrated, fresh = _calibrated(X, 2)
    top = calibrated.max(axis=1)
    middle = np.abs(X[:, 0] - 0.5) < 0.15
    assert middle.sum() >= 20
    assert 0.4 <= top[middle].mean() <= 0.65
    # Never surer than the refits: in each band of top shares, at least about that share keep their group.
    for lo in (0.5, 0.6, 0.7, 0.8, 0.9):
        band = (top >= lo) & (top < lo + 0.1 if lo < 0.9 else top <= 1.0)
        if band.sum() >= 20:
            assert fresh[band].mean() >= top[band].mean() - 0.1


def test_shares_are_calibrated_where_the_mixture_is_over_confident():
    # Customers spread evenly with no groups, split into four: the mixture's posteriors are surer
    # than refits bear out (they move the borders); after tempering, customers with a top share of
    # about p keep their group in about p of refits.
    rng = np.random.default_rng(1)
    X = rng.uniform(0, 1, (600, 3))
    raw, calibrated, fresh = _calibrated(X, 4)
    raw_error = _calibration_error(raw.max(axis=1), fresh)
    assert raw_error > 0.1                                          # the raw shares are not honest
    assert _calibration_error(calibrated.max(axis=1), fresh) < min(0.06, raw_error / 2)
    assert abs(calibrated.max(axis=1).mean() - fresh.mean()) < 0.05


def test_temper_keeps_the_order_and_softens():
    p = np.array([[0.98, 0.02], [0.6, 0.4]])
    t = shares.temper(p, 4.0)
    assert (t.argmax(axis=1) == p.argmax(axis=1)).all()
    assert np.allclose(t.sum(axis=1), 1.0)
    assert 0.5 < t[0, 0] < 0.98 and 0.5 < t[1, 0] < 0.6
    assert np.allclose(shares.temper(p, 1.0), p)


def test_every_share_above_ten_percent_is_shown():
    names = {"s1": ("Gift buyers", "礼品买家"), "s2": ("Regulars", "常客"), "s3": ("Bargain hunters", "小单客户"),
             "s4": ("New", "新客户")}
    p = pd.Series({"s1": 0.45, "s2": 0.3, "s3": 0.17, "s4": 0.08})
    en, zh = membership_text(p, names)
    assert en == "45% Gift buyers, 30% Regulars, 17% Bargain hunters"
    assert zh == "45% 礼品买家，30% 常客，17% 小单客户"
    assert shares.shown(p.to_dict()) == {"s1": 0.45, "s2": 0.3, "s3": 0.17}


def test_json_lists_each_customers_shares_and_the_calibration(separated):
    data = separated.to_dict(customers=True)
    assert set(data["quality"]["shares"]) >= {"temperature", "mean_top_share", "mean_agreement"}
    row = data["customer_segments"][0]
    assert row["shares"] and all(v >= 0.1 for v in row["shares"].values())
    assert next(iter(row["shares"])) == row["segment"]
