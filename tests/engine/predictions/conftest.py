"""Fixtures for the prediction tests: the CDNOW sample read straight from the shared data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

CDNOW_SAMPLE = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "cdnow" / "CDNOW_sample.txt"


def read_cdnow_sample(path: Path = CDNOW_SAMPLE) -> pd.DataFrame:
    """Return the CDNOW sample as order lines (schema.py columns the predictions use)."""
    raw = pd.read_csv(path, sep=r"\s+", header=None, names=["master_id", "sample_id", "date", "cds", "dollars"],
                      dtype={"master_id": str, "sample_id": str, "date": str})
    return pd.DataFrame({
        "customer_id": raw["master_id"],
        "order_id": raw["master_id"] + "|" + raw["date"],
        "date": pd.to_datetime(raw["date"], format="%Y%m%d"),
        "quantity": raw["cds"].astype(float),
        "amount": raw["dollars"].astype(float),
        "is_return": False,
    })


@pytest.fixture(scope="session")
def cdnow_lines() -> pd.DataFrame:
    """The 6,919 purchases of the 2,357 customers of the CDNOW 1/10 sample."""
    if not CDNOW_SAMPLE.exists():
        pytest.skip("the CDNOW sample is not in ../shared/data")
    return read_cdnow_sample()


def simulate_bgnbd(n: int, r: float, alpha: float, a: float, b: float, T_cal: np.ndarray, horizon: float,
                   seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Simulate BG/NBD customers (time 0 = first purchase) and return (x, t_x) observed up to T_cal and
    the number of purchases in (T_cal, T_cal + horizon]."""
    rng = np.random.default_rng(seed)
    lam = rng.gamma(r, 1.0 / alpha, n)
    p = rng.beta(a, b, n)
    x = np.zeros(n)
    tx = np.zeros(n)
    later = np.zeros(n)
    for i in range(n):
        t = 0.0
        while True:
            t += rng.exponential(1.0 / lam[i]) if lam[i] > 0 else np.inf
            if t > T_cal[i] + horizon:
                break
            if t <= T_cal[i]:
                x[i] += 1
                tx[i] = t
            else:
                later[i] += 1
            if rng.random() < p[i]:  # drops out right after this purchase
                break
    return x, tx, later
