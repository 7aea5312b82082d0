"""Maximum-likelihood fitting shared by the BG/NBD and Gamma-Gamma models: parameters are fitted as
their logarithms (so they stay positive), within bounds, from a few starting points."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def penalised(value: float, grad: np.ndarray, lp: np.ndarray, penalizer: float) -> tuple[float, np.ndarray]:
    """Return the objective (value, gradient in log-parameters `lp`) with an L2 penalty on the
    parameters added, or (1e300, zeros) where it is not finite, which the optimiser steps back from."""
    if penalizer:
        p = np.exp(lp)
        value += penalizer * float(p @ p)
        grad = grad + 2.0 * penalizer * p * p
    if not np.isfinite(value):
        return 1e300, np.zeros(len(lp))
    return float(value), grad


def minimise_log_params(objective: Callable[[np.ndarray], tuple[float, np.ndarray]], starts,
                        log_bound: float) -> tuple[np.ndarray, bool, bool]:
    """Minimise `objective` (value and gradient) over log-parameters within ±`log_bound`, from each of
    `starts` in turn until one converges inside the bounds; return the best log-parameters, whether
    the optimiser converged there, and whether some parameter sits at a bound (odd data)."""
    from scipy.optimize import minimize

    best = None
    for start in starts:
        res = minimize(objective, start, jac=True, method="L-BFGS-B", bounds=[(-log_bound, log_bound)] * len(start),
                       options={"maxiter": 500, "ftol": 1e-13, "gtol": 1e-9})
        if best is None or res.fun < best.fun:
            best = res
        if res.success and np.all(np.abs(res.x) < log_bound - 1e-6):
            break
    if best is None:
        raise ValueError("no starting points to fit from")
    return best.x, _converged(best), bool(np.any(np.abs(best.x) >= log_bound - 1e-6))


def _converged(res) -> bool:
    """True when the optimiser stopped at a stationary point; L-BFGS-B sometimes reports a failed line
    search there although the gradient is already ~0."""
    return bool(res.success) or bool(np.all(np.isfinite(res.x)) and np.max(np.abs(res.jac)) < 1e-5)
