"""The pace model ("simple"): each customer's own pace between purchases, for shops where the purchase
models do not fit (forecast.py uses it as the fallback; choice.py judges it against them)."""

from __future__ import annotations

import numpy as np
import pandas as pd


class PaceModel:
    """The pace model ("simple"): a repeat buyer buys every `gap` days, their own average time between
    purchases over all the time they have been watched, steadied by a quarter of the shop's average
    pace; the chance they are still a customer is (x + 1) / (x + 2) after x repeat purchases until they
    are overdue, each further missed gap lowering it by a factor e. A one-time buyer gets no pace of
    their own: the chance they come back is the share of this shop's customers who did (among those
    watched for at least the usual gap), fading the same way once the usual gap has passed, and at
    most one more purchase is expected from them."""

    PRIOR_DAYS = 90.0

    def __init__(self, summary: pd.DataFrame, as_of: pd.Timestamp, unit: float):
        x = summary["frequency"].to_numpy(dtype=float)
        watched = summary["T"].to_numpy(dtype=float) * unit
        self.repeat = x > 0
        # repeat purchases per day watched, over all customers: one-time buyers count as well
        pooled = x.sum() / max(watched.sum(), 1.0)
        self.shape = x + self.PRIOR_DAYS * pooled          # the rate as Gamma(shape, rate) for ranges
        self.rate = watched + self.PRIOR_DAYS
        self.gap = self.rate / np.maximum(self.shape, 1e-12)
        tx_days = summary["recency"].to_numpy(dtype=float) * unit
        own_gaps = tx_days[self.repeat] / x[self.repeat]
        self.usual_gap = float(np.median(own_gaps)) if len(own_gaps) else 90.0
        self.usual_gap = max(self.usual_gap, 1.0)
        old_enough = watched >= self.usual_gap
        self.return_share = float(self.repeat[old_enough].mean() if old_enough.any() else self.repeat.mean())
        since_last = (as_of - pd.to_datetime(summary["last_purchase"])).dt.days.to_numpy(dtype=float)
        self.since_last = since_last
        # after x + 1 purchases each followed by another, the chance of one more is (x + 1) / (x + 2)
        # (Laplace's rule of succession): never certain, however regular the customer
        repeat_alive = (x + 1.0) / (x + 2.0) * np.exp(-np.maximum(0.0, since_last / self.gap - 1.0))
        once_alive = self.return_share * np.exp(-np.maximum(0.0, since_last / self.usual_gap - 1.0))
        self.p_alive = np.where(self.repeat, repeat_alive, once_alive)

    def expected(self, days: float) -> np.ndarray:
        once = -np.expm1(-days / self.usual_gap)  # at most one more purchase, within about the usual gap
        return self.p_alive * np.where(self.repeat, days / self.gap, once)

    def no_purchase(self, days: float) -> np.ndarray:
        gap = np.where(self.repeat, self.gap, self.usual_gap)
        return 1.0 - self.p_alive * -np.expm1(-days / gap)

    def days_to_next(self) -> np.ndarray:
        # the usual gap after the last purchase; "now" when already overdue but still likely active
        due = np.maximum(self.gap - self.since_last, 0.0)
        return np.where(self.repeat & (self.p_alive >= 0.5), due, np.inf)
