"""Product suggestions: the models fitted on the shop's purchases with every customer's top
suggestions, one product's "bought together" and "whom to offer it to", and the check of the
suggestions against a period they did not see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd
else:  # imported on first use: the window shows without it (desktop/lazy.py)
    from desktop.lazy import pandas as pd

from desktop.engine.progress import Progress, scaled
from desktop.jobs.predictions import PROCESS_MIN_LINES, quiet

__all__ = ["PROCESS_MIN_LINES", "SuggestionRequest", "SuggestionBundle", "run", "ProductRequest", "run_product",
           "EvaluationRequest", "run_evaluation", "default_cutoff", "product_table", "model_name"]


@dataclass(frozen=True)
class SuggestionRequest:
    """The suggestion settings the products view offers, for the session's lines and customers."""

    k: int = 10
    allow_repeats: bool = True
    exclude_recent_days: int = 0
    exclude_products: tuple[str, ...] = ()
    exclude_categories: tuple[str, ...] = ()
    as_of: Any = None  # fit on purchases before this moment (None: all of them)
    lines: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    customers: pd.DataFrame | None = field(default=None, compare=False, repr=False)  # the analysis' customers
    seed: int = 0
    # suggest for these customers only (None: every customer with purchases; an id without purchases
    # gets the best sellers of its segment)
    customer_ids: tuple[str, ...] | None = None

    def settings(self):
        """Return the engine's SuggestionSettings."""
        from desktop.engine.suggestions import SuggestionSettings

        return SuggestionSettings(k=self.k, allow_repeats=self.allow_repeats,
                                  exclude_recent_days=self.exclude_recent_days,
                                  exclude_products=self.exclude_products,
                                  exclude_categories=self.exclude_categories, seed=self.seed)


@dataclass
class SuggestionBundle:
    """The fitted models, every customer's top-k (engine `recommend` columns: customer_id, rank,
    product_id, product_name, score, model, reason and its parameters reason.*, shown in a language by
    desktop.texts.table_texts) and one row per product (index product_id: product_name, category,
    customers, days)."""

    models: Any
    suggestions: pd.DataFrame
    products: pd.DataFrame
    by_customer: Any = None  # prepare.LineIndex: customer id -> rows of `suggestions` (the panel's look-up)
    customers: int | None = None  # customers with a suggestion

    def for_customer(self, customer_id: str) -> pd.DataFrame:
        """Return the suggestions of one customer, best first."""
        if self.by_customer is not None:
            rows = self.by_customer.get(str(customer_id))
            mine = self.suggestions.iloc[rows if rows is not None else []]
        else:
            mine = self.suggestions[self.suggestions["customer_id"].astype(str) == str(customer_id)]
        return mine.sort_values("rank")


def product_table(pm) -> pd.DataFrame:
    """Return one row per product of the purchase matrix: name, category, customers who bought it
    and the purchase days, most bought first."""
    days = pm.days.tocsc()
    frame = pd.DataFrame({
        "product_name": pm.product_names.astype(object),
        "category": pm.categories.astype(object),
        "customers": np.diff(days.indptr).astype(np.int64),
        "days": np.asarray(days.sum(axis=0)).ravel().astype(float),
    }, index=pd.Index(np.asarray(pm.products, dtype=object).astype(str), name="product_id"))
    return frame.sort_values(["customers", "product_name"], ascending=[False, True], kind="stable")


def run(request: SuggestionRequest, progress: Progress | None = None) -> SuggestionBundle:
    """Fit the suggestion models and suggest for every customer."""
    from desktop.engine.suggestions import fit_models, recommend
    from desktop.jobs.prepare import LineIndex

    models = fit_models(request.lines, request.settings(), customers=request.customers, as_of=request.as_of,
                        progress=scaled(quiet(progress), 0.0, 0.85))
    ids = list(request.customer_ids) if request.customer_ids is not None else None
    top = recommend(models, ids, progress=scaled(quiet(progress), 0.85, 1.0))
    top["customer_id"] = top["customer_id"].astype(str)
    # built here, not on the GUI thread: finding one customer's rows among ~1M takes ~100 ms
    by_customer = LineIndex.build(top["customer_id"])
    return SuggestionBundle(models=models, suggestions=top, products=product_table(models.pm),
                            by_customer=by_customer, customers=len(by_customer))


@dataclass(frozen=True)
class ProductRequest:
    """One product: what is bought with it (`n_together`) and whom to offer it to (`n_offer`)."""

    product_id: str
    n_together: int = 20
    n_offer: int = 100
    models: Any = field(default=None, compare=False, repr=False)  # SuggestionBundle.models


def run_product(request: ProductRequest, progress: Progress | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (bought together, who to offer it to) for one product."""
    from desktop.engine.suggestions import bought_together, who_to_offer

    together = bought_together(request.models, request.product_id, request.n_together)
    offer = who_to_offer(request.models, request.product_id, request.n_offer, progress=quiet(progress))
    offer["customer_id"] = offer["customer_id"].astype(str)
    return together, offer


@dataclass(frozen=True)
class EvaluationRequest:
    """The suggestions (`settings`) checked at `cutoff` against the purchases after it."""

    cutoff: Any
    settings: SuggestionRequest
    details: bool = True  # also the per-model details (blend weights, customers scored)


def run_evaluation(request: EvaluationRequest, progress: Progress | None = None) -> dict:
    """Return the engine's evaluation (precision, recall, hit rate, NDCG and coverage per model and
    for the blend, repeats allowed and new items only) at the cutoff."""
    from desktop.engine.suggestions import evaluate

    s = request.settings
    return evaluate(s.lines, request.cutoff, s.k, s.settings(), customers=s.customers, details=request.details,
                    progress=quiet(progress))


def default_cutoff(first: pd.Timestamp, last: pd.Timestamp) -> pd.Timestamp:
    """The engine's default evaluation date for purchases from `first` to `last`."""
    from desktop.engine.suggestions.suggest import default_horizon

    span = float((last - first).days)
    return last - pd.Timedelta(days=int(np.ceil(default_horizon(span))))


def model_name(key: str, language: str) -> str:
    """The name of suggestion model `key` in `language` (a catalogue language: "en", "zh"...)."""
    from desktop import texts

    return texts.label("suggestion_model", key, language)
