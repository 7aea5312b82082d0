"""BG/NBD: the fit reproduces Fader, Hardie & Lee (2005) on CDNOW; predictions agree with the direct
formulas and with simulated customers."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import simulate_bgnbd
from scipy.special import hyp2f1

from desktop.engine.predictions import bgnbd as bg
from desktop.engine.predictions.summary import summarise_for_clv

PAPER = bg.BGNBDParams(r=0.243, alpha=4.414, a=0.793, b=2.426)


@pytest.fixture(scope="module")
def cdnow_summary(cdnow_lines):
    return summarise_for_clv(cdnow_lines, "1997-09-30", "week")


def _xtT(s):
    return s["frequency"].to_numpy(float), s["recency"].to_numpy(float), s["T"].to_numpy(float)


def test_cdnow_fit_matches_the_paper(cdnow_summary):
    fit = bg.fit_bgnbd(*_xtT(cdnow_summary), time_unit="week")
    assert fit.converged and not fit.at_bound
    assert fit.customers == 2357
    for name in ("r", "alpha", "a", "b"):
        assert getattr(fit, name) == pytest.approx(getattr(PAPER, name), rel=0.005), name
    assert fit.log_likelihood == pytest.approx(-9582.4, rel=0.005)
    # the optimum is at least as good as the paper's rounded parameters
    assert fit.log_likelihood >= bg.log_likelihood(PAPER, *_xtT(cdnow_summary)) - 1e-6


def test_paper_parameters_predict_the_paper_holdout_total(cdnow_summary):
    predicted = bg.expected_purchases(PAPER, 39.0, *_xtT(cdnow_summary))
    assert predicted.sum() == pytest.approx(1653, rel=0.002)


def test_fit_in_days_is_the_same_model(cdnow_summary):
    days = cdnow_summary.assign(recency=cdnow_summary["recency"] * 7, T=cdnow_summary["T"] * 7)
    fit_d = bg.fit_bgnbd(*_xtT(days), time_unit="day")
    fit_w = bg.fit_bgnbd(*_xtT(cdnow_summary), time_unit="week")
    assert fit_d.r == pytest.approx(fit_w.r, rel=1e-3)
    assert fit_d.a == pytest.approx(fit_w.a, rel=1e-3)
    assert fit_d.b == pytest.approx(fit_w.b, rel=1e-3)
    assert fit_d.alpha == pytest.approx(7 * fit_w.alpha, rel=1e-3)
    e_d = bg.expected_purchases(fit_d, 90.0, *_xtT(days))
    e_w = bg.expected_purchases(fit_w, 90.0 / 7, *_xtT(cdnow_summary))
    np.testing.assert_allclose(e_d, e_w, rtol=1e-3, atol=1e-6)


def test_gradient_matches_finite_differences(cdnow_summary):
    x, tx, T = _xtT(cdnow_summary)
    point = np.log([0.4, 3.0, 1.3, 2.0])
    _, grad = bg._loglik_terms(point, x, tx, T, want_grad=True)
    analytic = grad.sum(axis=0)
    for k in range(4):
        step = np.zeros(4)
        step[k] = 1e-6
        up, _ = bg._loglik_terms(point + step, x, tx, T, want_grad=False)
        down, _ = bg._loglik_terms(point - step, x, tx, T, want_grad=False)
        numeric = (up.sum() - down.sum()) / 2e-6
        assert analytic[k] == pytest.approx(numeric, rel=1e-5, abs=1e-4)


def _series_2f1(a, b, c, z, terms=4000):
    """Plain power series of the Gauss hypergeometric function (|z| < 1)."""
    total, term = 1.0, 1.0
    for n in range(terms):
        term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
        total += term
        if abs(term) < 1e-16 * abs(total):
            break
    return total


@pytest.mark.parametrize("params", [PAPER, bg.BGNBDParams(r=1.7, alpha=12.0, a=2.5, b=6.0)])
def test_conditional_expectation_matches_the_papers_formula(params):
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    cases = [(0, 0.0, 30.0, 10.0), (1, 5.0, 38.0, 39.0), (4, 20.0, 25.0, 12.0), (12, 36.0, 39.0, 52.0)]
    for x, tx, T, t in cases:
        z = t / (alpha + T + t)
        f = _series_2f1(r + x, b + x, a + b + x - 1, z)
        assert f == pytest.approx(hyp2f1(r + x, b + x, a + b + x - 1, z), rel=1e-9)
        head = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * f)
        odds = (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) if x > 0 else 0.0
        direct = head / (1 + odds)
        got = bg.expected_purchases(params, t, np.array([x]), np.array([tx]), np.array([T]))[0]
        assert got == pytest.approx(direct, rel=1e-8)


def test_new_customer_expectation_is_the_conditional_one_at_time_zero_and_matches_simulation():
    params = bg.BGNBDParams(r=0.8, alpha=6.0, a=0.9, b=3.0)
    t = np.array([5.0, 20.0, 52.0])
    new = bg.expected_purchases_new(params, t)
    for ti, ni in zip(t, new):
        assert bg.expected_purchases(params, ti, np.zeros(1), np.zeros(1), np.zeros(1))[0] == pytest.approx(ni)
    _, _, later = simulate_bgnbd(20000, 0.8, 6.0, 0.9, 3.0, np.zeros(20000), 52.0, seed=3)
    assert later.mean() == pytest.approx(new[-1], rel=0.05)


@pytest.fixture(scope="module")
def simulated():
    rng = np.random.default_rng(11)
    n = 4000
    T_cal = rng.uniform(20.0, 40.0, n)
    x, tx, later = simulate_bgnbd(n, 0.5, 5.0, 0.8, 3.0, T_cal, 30.0, seed=12)
    return x, tx, T_cal, later


def test_simulated_customers_recover_their_parameters_and_future(simulated):
    x, tx, T, later = simulated
    fit = bg.fit_bgnbd(x, tx, T)
    assert fit.r == pytest.approx(0.5, rel=0.25)
    assert fit.alpha == pytest.approx(5.0, rel=0.35)
    assert fit.a == pytest.approx(0.8, rel=0.5)
    assert fit.b == pytest.approx(3.0, rel=0.6)
    predicted = bg.expected_purchases(fit, 30.0, x, tx, T)
    assert predicted.sum() == pytest.approx(later.sum(), rel=0.08)
    none = bg.probability_no_purchase(fit, 30.0, x, tx, T)
    assert none.mean() == pytest.approx(np.mean(later == 0), abs=0.02)
    # customers the model calls risky really bought less often
    risky = none > 0.8
    assert later[risky].mean() < later[~risky].mean() / 3


def test_probability_alive_behaves():
    x = np.array([0, 3, 3, 3])
    tx = np.array([0.0, 5.0, 30.0, 30.0])
    T = np.array([40.0, 40.0, 40.0, 80.0])
    p = bg.probability_alive(PAPER, x, tx, T)
    assert p[0] == 1.0  # BG/NBD customers can only drop out after a repeat purchase
    assert p[1] < p[2]  # a later last purchase means more likely still active
    assert p[3] < p[2]  # more silence since then means less likely
    assert np.all((p >= 0) & (p <= 1))


def test_huge_frequencies_stay_finite():
    x = np.array([500.0, 2000.0, 1.0])
    tx = np.array([700.0, 729.0, 1.0])
    T = np.array([730.0, 730.0, 730.0])
    params = bg.BGNBDParams(r=0.3, alpha=20.0, a=0.5, b=4.0)
    for values in (bg.expected_purchases(params, 365.0, x, tx, T), bg.probability_alive(params, x, tx, T),
                   bg.probability_no_purchase(params, 90.0, x, tx, T)):
        assert np.all(np.isfinite(values))
    e = bg.expected_purchases(params, 365.0, x, tx, T)
    # a customer who bought on 2000 of 730 days (several a day) is expected to keep that pace at most
    assert e[1] < 2000 / 730 * 365 * 1.01


def test_time_to_likely_purchase_is_where_the_chance_reaches_one_half(cdnow_summary):
    x, tx, T = _xtT(cdnow_summary)
    t = bg.time_to_likely_purchase(PAPER, x, tx, T)
    finite = np.isfinite(t)
    assert finite.any() and (~finite).any()
    chance = 1 - np.array([bg.probability_no_purchase(PAPER, ti, x[i:i + 1], tx[i:i + 1], T[i:i + 1])[0]
                           for i, ti in zip(np.flatnonzero(finite)[:50], t[finite][:50])])
    np.testing.assert_allclose(chance, 0.5, atol=1e-9)
    # where there is no such time, even a very long wait leaves a purchase less likely than not
    assert np.all(bg.probability_no_purchase(PAPER, 1e9, x, tx, T)[~finite] >= 0.5 - 1e-9)


@pytest.mark.parametrize("a, b", [(0.79, 2.4), (25.0, 3.0), (25.0, 30.0), (2.0e4, 1.3e5)])
def test_every_evaluation_route_agrees_with_integration_over_p(a, b):
    # the closed form switches between Euler's transformation, the direct series and quadrature
    # as the Beta shapes grow; all must agree with a brute-force integral over p
    from scipy.integrate import quad
    from scipy.stats import beta as beta_dist

    params = bg.BGNBDParams(r=1.3, alpha=4.4, a=a, b=b)
    x = np.array([0.0, 2.0, 25.0])
    tx = np.array([0.0, 10.0, 30.0])
    T = np.array([20.0, 35.0, 40.0])
    t = 26.0
    got = bg.expected_purchases(params, t, x, tx, T) / bg.probability_alive(params, x, tx, T)
    for i in range(3):
        rr, aa, bb = params.r + x[i], params.alpha + T[i], b + x[i]
        dist = beta_dist(a, bb)
        lo, hi = dist.ppf(1e-12), dist.ppf(1 - 1e-12)
        def integrand(p, rr=rr, aa=aa, dist=dist):
            return -np.expm1(rr * np.log(aa / (aa + p * t))) / p * dist.pdf(p)

        integral, _ = quad(integrand, lo, hi, points=[dist.mean()], limit=200)
        assert got[i] == pytest.approx(integral, rel=1e-5)
