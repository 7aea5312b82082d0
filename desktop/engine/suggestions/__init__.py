"""Product suggestions per customer: buy again, collaborative filtering, matrix factorisation,
bought-together rules, similar names, best sellers, and a blend tuned on the shop's own history.

Everything here works on the order-lines table (schema.py) and never imports Qt; scikit-learn is
imported only inside the models that need it.
"""

from __future__ import annotations

from .evaluation import evaluate, ranking_metrics
from .matrix import PurchaseMatrix, build_matrix
from .models import ALL_MODELS
from .suggest import (SuggestionModels, SuggestionSettings, bought_together, find_product, fit_models, recommend,
                      suggestions_for, who_to_offer)

__all__ = [
    "ALL_MODELS", "PurchaseMatrix", "SuggestionModels", "SuggestionSettings", "bought_together",
    "build_matrix", "evaluate", "find_product", "fit_models", "ranking_metrics", "recommend", "suggestions_for",
    "who_to_offer",
]
