"""Predictions per customer: BG/NBD purchase counts, Gamma-Gamma spend, lifetime value, holdout
checks and purchase propensity. Plain functions over the order-lines table (engine/schema.py)."""

from __future__ import annotations

from .bgnbd import BGNBDParams, fit_bgnbd
from .forecast import CHURN_BANDS, PredictionResult, PredictionSettings, predict_customers
from .gamma_gamma import GammaGammaParams, fit_gamma_gamma
from .holdout import HoldoutResult, holdout_validation
from .messages import PredictionWarning
from .propensity import PropensityResult, propensity
from .summary import summarise_for_clv

__all__ = [
    "BGNBDParams", "CHURN_BANDS", "GammaGammaParams", "HoldoutResult", "PredictionResult",
    "PredictionSettings", "PredictionWarning", "PropensityResult", "fit_bgnbd", "fit_gamma_gamma",
    "holdout_validation", "predict_customers", "propensity", "summarise_for_clv",
]
