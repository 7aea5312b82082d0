import numpy as np
import pandas as pd

from desktop.ui.prepare import project


def test_projection_separates_big_recent_spenders_from_lapsed_one_timers():
    rng = np.random.default_rng(3)
    n = 400
    best = pd.DataFrame({"recency_days": rng.integers(1, 20, n), "frequency": rng.integers(8, 30, n),
                         "monetary": rng.gamma(5, 400, n)})
    lapsed = pd.DataFrame({"recency_days": rng.integers(300, 700, n), "frequency": np.ones(n, int),
                           "monetary": rng.gamma(2, 20, n)})
    xy = project(pd.concat([best, lapsed], ignore_index=True))
    assert xy.shape == (2 * n, 2) and np.isfinite(xy).all()
    # "more spend points right"
    assert xy[:n, 0].mean() > xy[n:, 0].mean() + 1.0


def test_projection_handles_tiny_and_constant_tables():
    one = pd.DataFrame({"recency_days": [3], "frequency": [1], "monetary": [9.0]})
    assert project(one).shape == (1, 2)
    same = pd.DataFrame({"recency_days": [3] * 5, "frequency": [1] * 5, "monetary": [9.0] * 5})
    assert np.isfinite(project(same)).all()
    assert project(same.iloc[0:0]).shape == (0, 2)
