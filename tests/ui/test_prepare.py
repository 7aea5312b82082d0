import numpy as np
import pandas as pd
import pytest

from desktop.jobs.prepare import project


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


def test_line_index_matches_groupby_and_survives_pickling():
    import pickle

    from desktop.jobs.prepare import LineIndex

    rng = np.random.default_rng(5)
    ids = pd.Series(rng.choice(["C1", "C22", "C333", None], size=500), dtype="str")
    index = LineIndex.build(ids)
    expected = {str(k): v for k, v in ids.to_frame("c").groupby("c", sort=False).indices.items()}
    assert set(index) == set(expected) and len(index) == len(expected)
    for key, rows in expected.items():
        assert np.array_equal(index[key], rows)
    again = pickle.loads(pickle.dumps(index))
    assert np.array_equal(again["C22"], expected["C22"])
    assert "C4" not in index and index.get("C4") is None
    with pytest.raises(KeyError):
        index["C4"]
    assert len(LineIndex.build(pd.Series([], dtype=object))) == 0
