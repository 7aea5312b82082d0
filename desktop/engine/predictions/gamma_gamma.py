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
    from scipy.optimize import minimize

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
        value = -float(ll.sum()) / n
        g = -grad.sum(axis=0) / n
        if penalizer:
            prm = np.exp(lp)
            value += penalizer * float(prm @ prm)
            g = g + 2.0 * penalizer * prm * prm
        if not np.isfinite(value):
            return 1e300, np.zeros(3)
        return value, g

    bounds = [(-_LOG_BOUND, _LOG_BOUND)] * 3
    best = None
    for start in (np.log([2.0, 3.0, 2.0]), np.zeros(3), np.log([10.0, 10.0, 10.0])):
        res = minimize(objective, start, jac=True, method="L-BFGS-B", bounds=bounds,
                       options={"maxiter": 500, "ftol": 1e-13, "gtol": 1e-9})
        if best is None or res.fun < best.fun:
            best = res
        if res.success and np.all(np.abs(res.x) < _LOG_BOUND - 1e-6):
            break
    p, q, v = np.exp(best.x)
    params = GammaGammaParams(p=float(p), q=float(q), v=float(v) * scale, customers=n,
                              converged=_converged(best),
                              at_bound=bool(np.any(np.abs(best.x) >= _LOG_BOUND - 1e-6)))
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


def _converged(res) -> bool:
    """True when the optimiser stopped at a stationary point; L-BFGS-B sometimes reports a failed line
    search there although the gradient is already ~0."""
    return bool(res.success) or bool(np.all(np.isfinite(res.x)) and np.max(np.abs(res.jac)) < 1e-5)
