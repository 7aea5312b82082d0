"""The fitting helpers shared by the BG/NBD and Gamma-Gamma models."""

from __future__ import annotations

import numpy as np

from desktop.engine.predictions.fitting import minimise_log_params, penalised


def _quadratic(target: np.ndarray):
    """An objective in log-parameters with its minimum at log(target)."""
    def objective(lp: np.ndarray) -> tuple[float, np.ndarray]:
        d = lp - np.log(target)
        return penalised(float(d @ d), 2.0 * d, lp, 0.0)
    return objective


def test_the_penalty_and_its_gradient_match_the_parameters():
    lp = np.log([0.5, 2.0, 3.0])
    value, grad = penalised(1.0, np.zeros(3), lp, 0.1)
    assert np.isclose(value, 1.0 + 0.1 * (0.25 + 4.0 + 9.0))
    step = 1e-6  # the gradient is that of the penalty in log-parameters
    numeric = [(penalised(1.0, np.zeros(3), lp + step * e, 0.1)[0] - value) / step for e in np.eye(3)]
    assert np.allclose(grad, numeric, rtol=1e-4)


def test_a_value_that_is_not_finite_sends_the_optimiser_back():
    value, grad = penalised(float("nan"), np.ones(4), np.zeros(4), 0.0)
    assert value == 1e300 and np.array_equal(grad, np.zeros(4))


def test_the_minimum_is_found_and_a_parameter_at_its_bound_is_reported():
    best, converged, at_bound = minimise_log_params(_quadratic(np.array([2.0, 0.5])), [np.zeros(2)], 12.0)
    assert converged and not at_bound
    assert np.allclose(np.exp(best), [2.0, 0.5], rtol=1e-4)
    best, converged, at_bound = minimise_log_params(_quadratic(np.array([np.exp(20.0), 1.0])),
                                                    [np.zeros(2), np.ones(2)], 12.0)
    assert at_bound and np.isclose(best[0], 12.0)
