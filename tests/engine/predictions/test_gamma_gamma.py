"""Gamma-Gamma spend model: CDNOW parameters, recovery on simulated spend, shrinkage, correlation check."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.engine.predictions import gamma_gamma as gg
from desktop.engine.predictions.summary import summarise_for_clv


def test_cdnow_repeat_buyers_give_the_published_parameters(cdnow_lines):
    s = summarise_for_clv(cdnow_lines, "1997-09-30", "week")
    fit = gg.fit_gamma_gamma(s["frequency"], s["monetary_value"])
    assert fit.customers == 946
    assert fit.converged
    assert fit.p == pytest.approx(6.25, rel=0.005)
    assert fit.q == pytest.approx(3.74, rel=0.005)
    assert fit.v == pytest.approx(15.44, rel=0.005)
    # frequency and spend are nearly unrelated in CDNOW, as the model needs
    assert abs(gg.spend_frequency_correlation(s["frequency"], s["monetary_value"])) < 0.3


def _simulate(n: int, p: float, q: float, v: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 12, n).astype(float)
    nu = rng.gamma(q, 1.0 / v, n)
    z = np.array([rng.gamma(p, 1.0 / nu_i, int(k)).mean() for nu_i, k in zip(nu, x)])
    return x, z


def test_simulated_spend_recovers_the_parameters_and_mean():
    x, z = _simulate(3000, 4.0, 5.0, 60.0, seed=1)
    fit = gg.fit_gamma_gamma(x, z)
    assert fit.p == pytest.approx(4.0, rel=0.15)
    assert fit.q == pytest.approx(5.0, rel=0.3)
    assert fit.v == pytest.approx(60.0, rel=0.35)
    assert fit.mean_spend == pytest.approx(4.0 * 60.0 / 4.0, rel=0.05)
    # the fitted log-likelihood beats the truth only a little, and beats a wrong model a lot
    truth = gg.log_likelihood(gg.GammaGammaParams(4.0, 5.0, 60.0), x, z)
    assert fit.log_likelihood >= truth
    assert fit.log_likelihood - truth < 10
    assert gg.log_likelihood(gg.GammaGammaParams(4.0, 5.0, 120.0), x, z) < truth - 100


def test_expected_spend_shrinks_towards_the_shop_mean():
    params = gg.GammaGammaParams(p=6.0, q=4.0, v=15.0)  # shop mean 30
    x = np.array([1, 10, 100, 0, 3])
    z = np.array([90.0, 90.0, 90.0, np.nan, -5.0])
    e = gg.expected_spend(params, x, z)
    assert 30.0 < e[0] < e[1] < e[2] < 90.0  # more purchases -> closer to the customer's own average
    assert e[3] == pytest.approx(params.mean_spend)
    assert e[4] == pytest.approx(params.mean_spend)  # no usable spend -> the shop mean


def test_fit_ignores_customers_without_repeat_or_positive_spend():
    x, z = _simulate(500, 4.0, 5.0, 60.0, seed=2)
    clean = gg.fit_gamma_gamma(x, z)
    noisy = gg.fit_gamma_gamma(np.r_[x, 0, 0, 3], np.r_[z, np.nan, 10.0, -4.0])
    assert noisy.customers == clean.customers == 500
    assert noisy.p == pytest.approx(clean.p)
    with pytest.raises(ValueError):
        gg.fit_gamma_gamma([0, 0], [np.nan, np.nan])


def test_correlation_check_sees_spend_that_grows_with_frequency():
    rng = np.random.default_rng(4)
    x = rng.integers(1, 20, 400).astype(float)
    z = 10 * x + rng.normal(0, 5, 400).clip(-5, 5) + 10
    assert gg.spend_frequency_correlation(x, z) > 0.9
    assert np.isnan(gg.spend_frequency_correlation([1, 1], [2.0, 3.0]))
