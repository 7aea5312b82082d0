"""Predictions per customer: BG/NBD purchase counts, Gamma-Gamma spend, lifetime value, holdout
checks and purchase propensity. Plain functions over the order-lines table (engine/schema.py)."""

from __future__ import annotations

from .bgnbd import BGNBDParams, fit_bgnbd
from .forecast import CHURN_BANDS, PredictionResult, PredictionSettings, predict_customers
from .gamma_gamma import GammaGammaParams, fit_gamma_gamma
from .messages import PredictionWarning
from .summary import summarise_for_clv

__all__ = [
    "BGNBDParams", "CHURN_BANDS", "GammaGammaParams", "PredictionResult", "PredictionSettings",
    "PredictionWarning", "fit_bgnbd", "fit_gamma_gamma", "predict_customers", "summarise_for_clv",
]
