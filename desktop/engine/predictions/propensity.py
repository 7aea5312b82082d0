"""Purchase propensity: the chance each customer buys in the next N days, learnt from the shop's own
history with a time split, to rank marketing lists.

Windows of N days are cut from the end of the history. Features describe each customer as they were
at a window's start; the label says whether they bought inside the window. The most recent window is
the holdout (AUC and reliability are reported on it); the earlier ones train. A logistic regression
is the default; gradient boosting and a small neural network replace it only when clearly better on
the holdout. The chosen model is then refitted on every window and scores customers at `as_of`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from desktop import texts
from desktop.engine.progress import Progress, no_progress, scaled

from .messages import PredictionWarning, make_warning
from .summary import purchase_days, to_day

FEATURES = ["recency", "tenure", "purchase_days", "days_90", "days_365", "spend", "avg_spend",
            "avg_gap", "overdue", "one_time"]

# Model keys; their names are the catalogue's LABELS["propensity_model"] (desktop.texts).
MODEL_KEYS: tuple[str, ...] = ("logistic", "gradient_boosting", "mlp", "bgnbd", "mbgnbd", "simple", "none")


@dataclass
class PropensityResult:
    """Purchase probabilities in the next `horizon_days` (`scores`, indexed by customer_id) and how
    well the chosen model did on the holdout window."""

    scores: pd.Series
    model: str
    horizon_days: int
    as_of: pd.Timestamp
    holdout_auc: dict[str, float] = field(default_factory=dict)    # candidate -> AUC on the holdout
    holdout_brier: dict[str, float] = field(default_factory=dict)  # candidate -> Brier score
    reliability: pd.DataFrame = field(default_factory=pd.DataFrame)  # bin_low bin_high customers predicted observed
    train_rows: int = 0
    test_rows: int = 0
    base_rate: float = float("nan")  # share of holdout customers who bought
    warnings: list[PredictionWarning] = field(default_factory=list)

    def ranked(self) -> pd.Series:
        """Return the scores from the most to the least likely buyer."""
        return self.scores.sort_values(ascending=False, kind="stable")

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (without the per-customer scores)."""
        return {"model": self.model, "horizon_days": self.horizon_days,
                "holdout_auc": self.holdout_auc, "holdout_brier": self.holdout_brier,
                "train_rows": self.train_rows, "test_rows": self.test_rows, "base_rate": self.base_rate,
                "reliability": self.reliability.to_dict(orient="records"),
                "warnings": [w.to_dict() for w in self.warnings]}


def customer_features(daily: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Return FEATURES per customer who bought on or before `cutoff`, from purchase days (see
    summary.purchase_days). Counts and money are log-scaled so one huge customer does not dominate."""
    d = daily[daily["day"] <= cutoff]
    g = d.groupby("customer_id", observed=True)
    first = g["day"].min()
    last = g["day"].max()
    n = g.size().astype(float)
    spend = g["spend"].sum().clip(lower=0.0)
    recent = d["day"] > cutoff - pd.Timedelta(days=90)
    year = d["day"] > cutoff - pd.Timedelta(days=365)
    n90 = recent.groupby(d["customer_id"], observed=True).sum().reindex(n.index).astype(float)
    n365 = year.groupby(d["customer_id"], observed=True).sum().reindex(n.index).astype(float)
    recency = (cutoff - last).dt.days.astype(float)
    tenure = (cutoff - first).dt.days.astype(float)
    span = (last - first).dt.days.astype(float)
    gap = np.where(n > 1, span / np.maximum(n - 1, 1), tenure + 1.0)
    out = pd.DataFrame({
        "recency": np.log1p(recency),
        "tenure": np.log1p(tenure),
        "purchase_days": np.log1p(n),
        "days_90": np.log1p(n90),
        "days_365": np.log1p(n365),
        "spend": np.log1p(spend),
        "avg_spend": np.log1p(spend / n),
        "avg_gap": np.log1p(gap),
        "overdue": np.log1p(np.minimum(recency / (gap + 1.0), 100.0)),
        "one_time": (n == 1).astype(float),
    }, index=n.index)
    return out


def _window(daily: pd.DataFrame, cutoff: pd.Timestamp, horizon: int) -> tuple[pd.DataFrame, np.ndarray]:
    X = customer_features(daily, cutoff)
    inside = daily[(daily["day"] > cutoff) & (daily["day"] <= cutoff + pd.Timedelta(days=horizon))]
    y = X.index.isin(inside["customer_id"].unique()).astype(int)
    return X, y


def _candidates(random_state: int) -> dict[str, Any]:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return {
        "logistic": make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000)),
        "gradient_boosting": HistGradientBoostingClassifier(max_iter=150, learning_rate=0.05,
                                                            max_leaf_nodes=15, l2_regularization=1.0,
                                                            random_state=random_state),
        "mlp": make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(16,), alpha=1e-3,
                                                             max_iter=200, batch_size=512,
                                                             early_stopping=True,
                                                             random_state=random_state)),
    }


def _one_thread():
    """Run OpenMP/BLAS code on one thread: on these small tables, threads waiting for each other cost
    more than they save, above all on a busy machine (gradient boosting ran 10x slower)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def reliability_bins(predicted: np.ndarray, observed: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """Return calibration rows (bin_low, bin_high, customers, predicted, observed) over equal-width
    probability bins; empty bins are left out."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(predicted, edges[1:-1]), 0, bins - 1)
    rows = []
    for k in range(bins):
        mask = which == k
        if mask.any():
            rows.append({"bin_low": float(edges[k]), "bin_high": float(edges[k + 1]),
                         "customers": int(mask.sum()), "predicted": float(predicted[mask].mean()),
                         "observed": float(observed[mask].mean())})
    return pd.DataFrame(rows, columns=["bin_low", "bin_high", "customers", "predicted", "observed"])


def propensity(lines: pd.DataFrame, as_of: object | None = None, horizon_days: int = 90, *,
               min_gain: float = 0.02, max_train_windows: int = 4, max_rows: int = 50_000,
               random_state: int = 0, progress: Progress | None = None) -> PropensityResult:
    """Return each customer's probability of buying in the `horizon_days` after `as_of` (default:
    the last purchase day), from the best of the candidate models on a time split; see the module
    docstring. With too little history it falls back to the BG/NBD purchase model and says so."""
    report = progress or no_progress
    h = int(horizon_days)
    daily = purchase_days(lines, end=as_of)
    end = to_day(as_of) if as_of is not None else daily["day"].max()
    report(0.0, "Preparing purchase-chance training data")
    if daily.empty:
        return _fallback(lines, end, h, "no_purchases", progress)
    start = daily["day"].min()
    test_cutoff = end - pd.Timedelta(days=h)
    train_cutoffs = [end - pd.Timedelta(days=h * k) for k in range(2, 2 + max_train_windows)]
    # a window needs some history before it, or every customer in it looks brand new
    train_cutoffs = [c for c in train_cutoffs if c >= start + pd.Timedelta(days=min(h, 60))]
    if not train_cutoffs:
        return _fallback(lines, end, h, "short_history", progress)

    parts = [_window(daily, c, h) for c in train_cutoffs]
    X_train = pd.concat([p[0] for p in parts], ignore_index=True)
    y_train = np.concatenate([p[1] for p in parts])
    X_test, y_test = _window(daily, test_cutoff, h)
    if (len(X_train) < 50 or min(y_train.sum(), len(y_train) - y_train.sum()) < 10
            or min(y_test.sum(), len(y_test) - y_test.sum()) < 5):
        return _fallback(lines, end, h, "few_windows", progress)
    from sklearn.metrics import brier_score_loss, roc_auc_score

    rng = np.random.default_rng(random_state)
    if len(X_train) > max_rows:
        pick = rng.choice(len(X_train), max_rows, replace=False)
        X_train, y_train = X_train.iloc[pick], y_train[pick]

    models = _candidates(random_state)
    if len(X_train) < 500:  # flexible models cannot be "clearly better" on so few rows
        models = {"logistic": models["logistic"]}
    aucs: dict[str, float] = {}
    briers: dict[str, float] = {}
    predictions: dict[str, np.ndarray] = {}
    for i, (name, model) in enumerate(models.items()):
        report(0.1 + 0.6 * i / len(models), f"Training {texts.label('propensity_model', name).lower()}")
        with _one_thread():
            model.fit(X_train.to_numpy(), y_train)
            prob = model.predict_proba(X_test.to_numpy())[:, 1]
        predictions[name] = prob
        aucs[name] = float(roc_auc_score(y_test, prob))
        briers[name] = float(brier_score_loss(y_test, prob))
    chosen = "logistic"
    for name in ("gradient_boosting", "mlp"):
        if name in aucs and aucs[name] >= aucs[chosen] + min_gain and briers[name] <= briers["logistic"]:
            chosen = name

    report(0.8, "Scoring customers")
    X_all = pd.concat([X_train, X_test], ignore_index=True)
    y_all = np.concatenate([y_train, y_test])
    final = _candidates(random_state)[chosen]
    X_now = customer_features(daily, end)
    with _one_thread():
        final.fit(X_all.to_numpy(), y_all)
        scores = pd.Series(final.predict_proba(X_now.to_numpy())[:, 1], index=X_now.index,
                           name="purchase_probability")
    warnings: list[PredictionWarning] = []
    if aucs[chosen] < 0.6:
        warnings.append(make_warning("propensity_weak", auc=aucs[chosen]))
    report(1.0, "Purchase chances ready")
    return PropensityResult(scores=scores, model=chosen, horizon_days=h, as_of=end, holdout_auc=aucs,
                            holdout_brier=briers, reliability=reliability_bins(predictions[chosen], y_test),
                            train_rows=int(len(X_train)), test_rows=int(len(X_test)),
                            base_rate=float(y_test.mean()), warnings=warnings)


def _fallback(lines: pd.DataFrame, end: pd.Timestamp, h: int, reason: str,
              progress: Progress | None) -> PropensityResult:
    """Purchase chance from the BG/NBD (or simple) model: 1 - P(no purchase in the horizon)."""
    from .forecast import PredictionSettings, predict_customers

    result = predict_customers(lines, end if pd.notna(end) else None, PredictionSettings(churn_days=h),
                               progress=scaled(progress, 0.1, 1.0))
    scores = (1.0 - result.table["churn_risk"].astype(float)).rename("purchase_probability")
    warnings = [make_warning("propensity_small", reason=reason, days=h)]
    warnings += result.warnings
    return PropensityResult(scores=scores, model=result.method, horizon_days=h, as_of=result.as_of,
                            warnings=warnings)
