"""BG/NBD ("beta-geometric / negative binomial distribution") model of repeat purchases.

Fader, Hardie & Lee (2005), "Counting your customers the easy way". While active, a customer buys
as a Poisson process with rate lambda ~ Gamma(r, alpha); after each purchase they drop out with
probability p ~ Beta(a, b). Everything here is vectorised numpy over customers and works in logs,
so large frequencies and long histories neither overflow nor lose precision. The fit runs on the
log-parameters (always positive) with an analytic gradient, on unique (x, t_x, T) rows.

The same code fits the modified BG/NBD (MBG/NBD, Batislam, Denizel & Filiztekin 2007), `model="mbgnbd"`:
a customer may also drop out right after their first purchase, so a one-time buyer seen long ago is
no longer "certainly active" (in BG/NBD they are, by construction). In the formulas this shifts b by
one: B(a, b + x + 1) and B(a + 1, b + x) replace B(a, b + x) and B(a + 1, b + x - 1), for every x.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from desktop.engine.predictions.fitting import minimise_log_params, penalised

LOG_BOUND = _LOG_BOUND = 12.0  # parameters kept within e^-12 .. e^12; reaching the bound is reported as odd data


@dataclass(frozen=True)
class BGNBDParams:
    """Fitted BG/NBD parameters (alpha is in the fit's time unit) and the fit's log-likelihood."""

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float = float("nan")
    time_unit: str = "week"
    customers: int = 0
    converged: bool = True
    at_bound: bool = False
    model: str = "bgnbd"  # or "mbgnbd": one-time buyers can drop out too

    @property
    def shift(self) -> float:
        """1 for MBG/NBD (b shifted by one in every formula), 0 for BG/NBD."""
        return 1.0 if self.model == "mbgnbd" else 0.0

    def to_dict(self) -> dict[str, float]:
        """Return {r, alpha, a, b, log_likelihood} for JSON output."""
        return {k: v for k, v in asdict(self).items() if k in ("r", "alpha", "a", "b", "log_likelihood")}


def _arrays(frequency, recency, T) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.asarray(frequency, dtype=float)
    tx = np.asarray(recency, dtype=float)
    TT = np.asarray(T, dtype=float)
    return x, tx, TT


def row_groups(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group identical rows of the given columns: return (index of each group's first row, group of
    each row, rows per group). One integer key per row, because np.unique(axis=0) sorts far slower."""
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for col in columns:
        values, codes = np.unique(col, return_inverse=True)
        key = key * len(values) + codes.ravel()
    _, first, inverse, counts = np.unique(key, return_index=True, return_inverse=True, return_counts=True)
    return first, inverse.ravel(), counts


def _loglik_terms(log_params: np.ndarray, x: np.ndarray, tx: np.ndarray, T: np.ndarray,
                  want_grad: bool, groups: tuple[np.ndarray, np.ndarray] | None = None,
                  shift: float = 0.0) -> tuple[np.ndarray, np.ndarray | None]:
    """Per-row log-likelihood and, if asked, its gradient w.r.t. the log-parameters (rows x 4);
    `shift` 1 gives MBG/NBD (see the module's note).

    `groups` = np.unique(x, return_inverse=True): the special functions depend on x only, and a
    shop has few distinct purchase counts, so they are computed once per count."""
    from scipy.special import betaln, digamma, gammaln

    ux, inv = groups if groups is not None else np.unique(x, return_inverse=True)
    r, alpha, a, b = np.exp(log_params)
    has_u = (ux > 0) | (shift > 0)
    xm1_u = np.where(has_u, b + ux - 1.0 + shift, b)  # avoids betaln on b - 1 <= 0 where the term is unused
    common = (gammaln(r + ux) - gammaln(r) - betaln(a, b))[inv] + r * np.log(alpha)
    log_aT = np.log(alpha + T)
    log_atx = np.log(alpha + tx)
    # term 1: still active at T; term 2 (x > 0 only): dropped out right after the last purchase
    l1 = betaln(a, b + ux + shift)[inv] - (r + x) * log_aT
    l2 = np.where(has_u, betaln(a + 1.0, xm1_u), -np.inf)[inv] - (r + x) * log_atx
    top = np.maximum(l1, l2)
    with np.errstate(under="ignore"):
        e1 = np.exp(l1 - top)
        e2 = np.exp(l2 - top)
    total = e1 + e2
    ll = common + top + np.log(total)
    if not want_grad:
        return ll, None
    w1 = e1 / total
    w2 = e2 / total
    dig_abx_u = digamma(a + b + ux + shift)
    d_r = (digamma(r + ux) - digamma(r))[inv] + np.log(alpha) - w1 * log_aT - w2 * log_atx
    d_alpha = r / alpha - (r + x) * (w1 / (alpha + T) + w2 / (alpha + tx))
    dig_ab = digamma(a + b)
    # d betaln(a, c) / da = psi(a) - psi(a + c), d/dc = psi(c) - psi(a + c)
    d_a = (dig_ab - dig_abx_u)[inv] + w2 * (digamma(a + 1.0) - digamma(a))
    d_b = ((dig_ab - digamma(b)) + w1 * (digamma(b + ux + shift) - dig_abx_u)[inv]
           + w2 * (digamma(xm1_u) - dig_abx_u)[inv])
    grad = np.column_stack([d_r * r, d_alpha * alpha, d_a * a, d_b * b])
    return ll, grad


def log_likelihood(params: BGNBDParams, frequency, recency, T) -> float:
    """Return the total BG/NBD log-likelihood of the customers under `params`."""
    x, tx, TT = _arrays(frequency, recency, T)
    lp = np.log([params.r, params.alpha, params.a, params.b])
    ll, _ = _loglik_terms(lp, x, tx, TT, want_grad=False, shift=params.shift)
    return float(ll.sum())


def fit_bgnbd(frequency, recency, T, *, time_unit: str = "week", penalizer: float = 0.0,
              model: str = "bgnbd", start: BGNBDParams | None = None) -> BGNBDParams:
    """Return the maximum-likelihood BG/NBD (or, with model="mbgnbd", MBG/NBD) parameters for the
    customers' (x, t_x, T).

    `frequency` is the number of repeat purchase days, `recency` the time of the last one and `T` the
    time observed, both measured from the first purchase in `time_unit`. `penalizer` adds an L2
    penalty on the parameters (0 = plain maximum likelihood); `start`, parameters to start from.
    """
    x, tx, TT = _arrays(frequency, recency, T)
    ok = np.isfinite(x) & np.isfinite(tx) & np.isfinite(TT) & (x >= 0) & (tx <= TT) & (tx >= 0)
    x, tx, TT = x[ok], tx[ok], TT[ok]
    n = len(x)
    if n == 0:
        raise ValueError("no customers to fit")
    # many customers share (x, t_x, T): fit on the unique rows with counts as weights
    first, _, weights = row_groups(x, tx, TT)
    ux, utx, uT = x[first], tx[first], TT[first]
    w = weights.astype(float)
    groups = np.unique(ux, return_inverse=True)
    shift = 1.0 if model == "mbgnbd" else 0.0

    def objective(lp: np.ndarray) -> tuple[float, np.ndarray]:
        ll, grad = _loglik_terms(lp, ux, utx, uT, want_grad=True, groups=groups, shift=shift)
        return penalised(-(w @ ll) / n, -(w @ grad) / n, lp, penalizer)

    mean_T = max(float(np.mean(TT)), 1e-3)
    starts = [np.log([1.0, mean_T, 1.0, 1.0]), np.zeros(4), np.log([0.5, mean_T / 4, 0.5, 3.0])]
    if start is not None:  # a nearby fit (the same customers earlier, or the other model) converges fast
        guess = np.clip(np.log([start.r, start.alpha, start.a, start.b]), -_LOG_BOUND + 1, _LOG_BOUND - 1)
        if np.all(np.isfinite(guess)):
            starts.insert(0, guess)
    best, converged, at_bound = minimise_log_params(objective, starts, _LOG_BOUND)
    r, alpha, a, b = np.exp(best)
    params = BGNBDParams(r=float(r), alpha=float(alpha), a=float(a), b=float(b), time_unit=time_unit,
                         customers=n, converged=converged, at_bound=at_bound, model=model)
    ll = log_likelihood(params, x, tx, TT)
    return BGNBDParams(**{**asdict(params), "log_likelihood": ll})


def _log_alive_odds(params: BGNBDParams, x, tx, T) -> np.ndarray:
    """log of P(dropped out) / P(active) given the history (BG/NBD: -inf without repeat purchases)."""
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    has = (x > 0) | (params.shift > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        odds = (np.log(a) - np.log(np.where(has, b + x - 1.0 + params.shift, 1.0))
                + (r + x) * (np.log(alpha + T) - np.log(alpha + tx)))
    return np.where(has, odds, -np.inf)


def probability_alive(params: BGNBDParams, frequency, recency, T) -> np.ndarray:
    """Return P(the customer is still active at T) for each customer."""
    from scipy.special import expit

    x, tx, TT = _arrays(frequency, recency, T)
    return expit(-_log_alive_odds(params, x, tx, TT))


def probability_no_purchase(params: BGNBDParams, t: float, frequency, recency, T) -> np.ndarray:
    """Return P(no purchase in (T, T + t]) for each customer: the churn risk over `t` time units."""
    x, tx, TT = _arrays(frequency, recency, T)
    alive = probability_alive(params, x, tx, TT)
    # given active at T, lambda ~ Gamma(r + x, alpha + T), so P(no purchase in t) = ((a+T)/(a+T+t))^(r+x)
    log_none = (params.r + x) * (np.log(params.alpha + TT) - np.log(params.alpha + TT + t))
    return 1.0 - alive * -np.expm1(log_none)


def time_to_likely_purchase(params: BGNBDParams, frequency, recency, T, probability: float = 0.5) -> np.ndarray:
    """Return the time after T by which a next purchase has `probability` (default: more likely than
    not), in time units; +inf where the customer is too likely to have dropped out to ever reach it."""
    x, tx, TT = _arrays(frequency, recency, T)
    alive = probability_alive(params, x, tx, TT)
    out = np.full(x.shape, np.inf)
    ok = alive > probability
    # solve alive * (1 - ((alpha+T)/(alpha+T+t))^(r+x)) = probability for t
    log_base = np.log1p(-probability / alive[ok])
    out[ok] = (params.alpha + TT[ok]) * np.expm1(-log_base / (params.r + x[ok]))
    return out


def _a_safe(a: float) -> float:
    # (1 - ...)/(a - 1) is 0/0 at a = 1; a nudge of 1e-7 changes results by ~1e-7 relative
    return a if abs(a - 1.0) > 1e-7 else 1.0 + 1e-7


_LARGE_SHAPE = 20.0  # beyond this the series behind 2F1 overflow: switch method (see _fresh_expectation)
_QUAD_NODES = 48


def _fresh_expectation(t: float, r_: np.ndarray, alpha_: np.ndarray, a: float, b_: np.ndarray) -> np.ndarray:
    """E[purchases in the next t] for a customer active now with lambda ~ Gamma(r_, alpha_) and
    p ~ Beta(a, b_) (for a customer with history: r + x, alpha + T, b + x; for a new one: r, alpha, b).

    Closed form (a+b_-1)/(a-1) * [1 - (alpha_/(alpha_+t))^r_ 2F1(r_, b_; a+b_-1; z)], evaluated in
    the form that stays finite: with Euler's transformation when a is moderate (its parameters do not
    grow with x), directly when a is large but b_ is not, and by quadrature over p when both are
    large (then p is concentrated, and E[purchases | p] = (1 - (alpha_/(alpha_+p t))^r_) / p).
    """
    from scipy.special import hyp2f1

    a = _a_safe(a)
    r_, alpha_, b_ = np.broadcast_arrays(np.asarray(r_, float), np.asarray(alpha_, float), np.asarray(b_, float))
    out = np.full(r_.shape, np.nan)
    if t <= 0:
        return np.zeros(r_.shape)
    z = t / (alpha_ + t)
    log_keep = np.log(alpha_) - np.log(alpha_ + t)  # log(1 - z)
    head = (a + b_ - 1.0) / (a - 1.0)
    euler = np.full(r_.shape, a < _LARGE_SHAPE, dtype=bool)
    direct = ~euler & (b_ < _LARGE_SHAPE)
    quad = ~euler & ~direct
    with np.errstate(over="ignore", invalid="ignore"):
        if euler.any():
            # (1-z)^r_ 2F1(r_, b_; c; z) = (1-z)^(a-1) 2F1(a+b_-1-r_, a-1; c; z), c = a+b_-1;
            # a+b_-1-r_ = a+b-1-r does not grow with x
            f = hyp2f1(a + b_[euler] - 1.0 - r_[euler], a - 1.0, a + b_[euler] - 1.0, z[euler])
            out[euler] = head[euler] * (1.0 - np.exp((a - 1.0) * log_keep[euler]) * f)
        if direct.any():
            f = hyp2f1(r_[direct], b_[direct], a + b_[direct] - 1.0, z[direct])
            out[direct] = head[direct] * (1.0 - np.exp(r_[direct] * log_keep[direct]) * f)
    bad = quad | ~np.isfinite(out)
    if bad.any():
        out[bad] = _quadrature_expectation(t, r_[bad], alpha_[bad], a, b_[bad])
    return out


def _quadrature_expectation(t: float, r_: np.ndarray, alpha_: np.ndarray, a: float, b_: np.ndarray) -> np.ndarray:
    """The same expectation by integrating over p ~ Beta(a, b_) on a grid in logit(p), where the
    density is close to normal; self-normalised trapezoid sums, so no Beta function is needed."""
    centre = np.log(a) - np.log(b_)                       # mode of logit(p)
    spread = np.sqrt(1.0 / a + 1.0 / b_)                  # its standard deviation (Laplace)
    grid = np.linspace(-10.0, 10.0, _QUAD_NODES)
    u = centre[:, None] + spread[:, None] * grid[None, :]
    log_p = -np.logaddexp(0.0, -u)                        # log expit(u)
    log_q = -np.logaddexp(0.0, u)                         # log (1 - expit(u))
    log_w = a * log_p + b_[:, None] * log_q               # density of logit(p), up to a constant
    w = np.exp(log_w - log_w.max(axis=1, keepdims=True))
    p = np.exp(log_p)
    given_p = -np.expm1(r_[:, None] * (np.log(alpha_[:, None]) - np.log(alpha_[:, None] + p * t))) / p
    return (w * given_p).sum(axis=1) / w.sum(axis=1)


def expected_purchases(params: BGNBDParams, t: float, frequency, recency, T, *,
                       groups: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Return E[number of purchases in (T, T + t] | history] for each customer (time units):
    P(active) times what a customer active at T with the updated Gamma and Beta would buy.

    `groups` = row_groups(frequency, T), to reuse when calling for many t on the same customers."""
    from scipy.special import expit

    x, tx, TT = _arrays(frequency, recency, T)
    if t <= 0:
        return np.zeros(x.shape)
    # the expectation for an active customer depends on (x, T) only: compute it once per pair
    first, inv, _ = groups if groups is not None else row_groups(x, TT)
    ux, uT = x[first], TT[first]
    fresh = _fresh_expectation(t, params.r + ux, params.alpha + uT, params.a, params.b + ux + params.shift)[inv]
    return fresh * expit(-_log_alive_odds(params, x, tx, TT))


def expected_purchases_new(params: BGNBDParams, t) -> np.ndarray:
    """Return E[X(t)]: expected purchases in the first `t` time units after a customer's first one."""
    t = np.atleast_1d(np.asarray(t, dtype=float))
    return np.array([_fresh_expectation(float(ti), np.array([params.r]), np.array([params.alpha]),
                                        params.a, np.array([params.b]))[0] for ti in t])
