"""Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV").

A customer's purchases are Gamma(p, nu) with nu ~ Gamma(q, v) across customers, so the average
z of x purchases has a closed-form likelihood and the expected spend per purchase given (x, z) is
a weighted mean of the customer's own average and the shop-wide mean. The model assumes that how
often people buy and how much they spend per purchase are unrelated: `spend_frequency_correlation`
checks it. Fitted on the log-parameters with an analytic gradient.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from desktop.engine.predictions.fitting import minimise_log_params, penalised

_LOG_BOUND = 15.0


@dataclass(frozen=True)
class GammaGammaParams:
    """Fitted Gamma-Gamma parameters (shape p, shape q, scale v) and the fit's log-likelihood."""

    p: float
    q: float
    v: float
    log_likelihood: float = float("nan")
    customers: int = 0
    converged: bool = True
    at_bound: bool = False

    def to_dict(self) -> dict[str, float]:
        """Return {p, q, v} for JSON output."""
        return {"p": self.p, "q": self.q, "v": self.v}

    @property
    def mean_spend(self) -> float:
        """Shop-wide expected spend per purchase, p v / (q - 1) (infinite when q <= 1)."""
        return self.p * self.v / (self.q - 1.0) if self.q > 1.0 else float("inf")


def _usable(frequency, monetary) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(frequency, dtype=float)
    z = np.asarray(monetary, dtype=float)
    ok = np.isfinite(x) & np.isfinite(z) & (x > 0) & (z > 0)
    return x[ok], z[ok]


def _loglik(log_params: np.ndarray, x: np.ndarray, z: np.ndarray, want_grad: bool,
            groups: tuple[np.ndarray, np.ndarray] | None = None):
    """Per-customer log-likelihood and, if asked, its gradient w.r.t. the log-parameters; the special
    functions depend on x only and are computed once per distinct x (`groups` as np.unique gives)."""
    from scipy.special import digamma, gammaln

    ux, inv = groups if groups is not None else np.unique(x, return_inverse=True)
    p, q, v = np.exp(log_params)
    pu = p * ux
    px = p * x
    log_x = np.log(x)
    log_z = np.log(z)
    log_vxz = np.log(v + x * z)
    ll = ((gammaln(pu + q) - gammaln(pu))[inv] - gammaln(q) + q * np.log(v) + px * log_x
          + (px - 1.0) * log_z - (px + q) * log_vxz)
    if not want_grad:
        return ll, None
    dig_u = digamma(pu + q)
    d_p = x * ((dig_u - digamma(pu))[inv] + log_x + log_z - log_vxz)
    d_q = dig_u[inv] - digamma(q) + np.log(v) - log_vxz
    d_v = q / v - (px + q) / (v + x * z)
    return ll, np.column_stack([d_p * p, d_q * q, d_v * v])


def log_likelihood(params: GammaGammaParams, frequency, monetary) -> float:
    """Return the Gamma-Gamma log-likelihood of the customers with repeat purchases and positive spend."""
    x, z = _usable(frequency, monetary)
    ll, _ = _loglik(np.log([params.p, params.q, params.v]), x, z, want_grad=False)
    return float(ll.sum())


def fit_gamma_gamma(frequency, monetary, *, penalizer: float = 0.0) -> GammaGammaParams:
    """Return the maximum-likelihood Gamma-Gamma parameters.

    `frequency` is each customer's number of repeat purchases and `monetary` their average spend per
    repeat purchase; customers without repeat purchases or with spend <= 0 are left out.
    """
    x, z = _usable(frequency, monetary)
    n = len(x)
    if n == 0:
        raise ValueError("no repeat customers with positive spend to fit")
    # spend is rescaled to a mean of 1 for the optimiser; v scales with it, p and q do not
    scale = float(np.mean(z))
    zs = z / scale
    groups = np.unique(x, return_inverse=True)

    def objective(lp: np.ndarray) -> tuple[float, np.ndarray]:
        ll, grad = _loglik(lp, x, zs, want_grad=True, groups=groups)
        return penalised(-float(ll.sum()) / n, -grad.sum(axis=0) / n, lp, penalizer)

    starts = (np.log([2.0, 3.0, 2.0]), np.zeros(3), np.log([10.0, 10.0, 10.0]))
    best, converged, at_bound = minimise_log_params(objective, starts, _LOG_BOUND)
    p, q, v = np.exp(best)
    params = GammaGammaParams(p=float(p), q=float(q), v=float(v) * scale, customers=n, converged=converged,
                              at_bound=at_bound)
    return GammaGammaParams(**{**asdict(params), "log_likelihood": log_likelihood(params, x, z)})


def expected_spend(params: GammaGammaParams, frequency, monetary) -> np.ndarray:
    """Return E[spend per purchase | x, z] for each customer; the shop-wide mean where x = 0 or z is
    missing or not positive."""
    x = np.asarray(frequency, dtype=float)
    z = np.asarray(monetary, dtype=float)
    p, q, v = params.p, params.q, params.v
    ok = np.isfinite(z) & (z > 0) & (x > 0)
    xs = np.where(ok, x, 0.0)
    zs = np.where(ok, z, 0.0)
    # with x = 0 this is p v / (q - 1), the population mean
    return p * (v + xs * zs) / (p * xs + q - 1.0)


def spend_frequency_correlation(frequency, monetary) -> float:
    """Return the Pearson correlation between repeat purchases and average spend among repeat buyers
    (NaN with fewer than 3 of them or no variation)."""
    x, z = _usable(frequency, monetary)
    if len(x) < 3 or np.ptp(x) == 0 or np.ptp(z) == 0:
        return float("nan")
    return float(np.corrcoef(x, z)[0, 1])
