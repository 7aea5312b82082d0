import math

import numpy as np
import pytest

from desktop.engine.errors import InputError
from desktop.engine.suggestions import SuggestionSettings, evaluate, ranking_metrics
from desktop.engine.suggestions.evaluation import _cautions, interval

METRICS = {"precision", "recall", "hit_rate", "ndcg", "coverage"}


def test_ranking_metrics_by_definition():
    top = np.array([[3, 1, 2], [5, 6, -1]])
    relevant = [{1, 4}, {9}]
    m = ranking_metrics(top, relevant, k=3, n_products=10)
    assert m["precision"] == pytest.approx((1 / 3 + 0) / 2)
    assert m["recall"] == pytest.approx((1 / 2 + 0) / 2)
    assert m["hit_rate"] == pytest.approx(0.5)
    ideal = 1 + 1 / math.log2(3)
    assert m["ndcg"] == pytest.approx((1 / math.log2(3)) / ideal / 2)
    assert m["coverage"] == pytest.approx(5 / 10)


def test_evaluate_reports_every_model_in_both_modes(shop):
    cutoff = shop["date"].min() + (shop["date"].max() - shop["date"].min()) * 0.75
    result = evaluate(shop, cutoff.normalize(), k=5, settings=SuggestionSettings(seed=1), details=True)
    assert set(result) == {"cutoff", "k", "customers_evaluated", "models", "warnings", "details"}
    assert result["k"] == 5
    models = {"popularity", "blend", "buy_again", "als", "item_knn", "user_knn", "rules", "content"}
    assert models <= set(result["models"])
    for figures in result["models"].values():
        assert set(figures) == {"repeats_allowed", "new_items_only"}
        for mode in figures.values():
            assert set(mode) == METRICS | {"recall_interval"}
            assert all(0 <= mode[m] <= 1 for m in METRICS)
            low, high = mode["recall_interval"]
            assert low <= mode["recall"] <= high
    blend = result["models"]["blend"]
    pop = result["models"]["popularity"]
    # This shop's customers rebuy their staples: personal suggestions must beat best sellers.
    assert blend["repeats_allowed"]["recall"] > 1.5 * pop["repeats_allowed"]["recall"]
    assert blend["new_items_only"]["recall"] >= pop["new_items_only"]["recall"]
    assert result["details"]["customers_scored"]["repeats_allowed"] > 50
    assert result["customers_evaluated"] == result["details"]["customers_scored"]
    # Both modes were tuned on earlier periods; buying again has nothing new to offer.
    tuning = result["details"]["tuning"]
    assert set(tuning) >= {"repeats_allowed", "new_items_only"} and len(tuning["periods"]) >= 2
    assert "buy_again" not in tuning["new_items_only"]["single_recall"]
    assert "buy_again" not in result["details"]["weights"]["new_items_only"]


def test_cutoff_outside_the_data_is_an_input_error(shop):
    with pytest.raises(InputError, match="cutoff"):
        evaluate(shop, "2030-01-01")


def test_interval_narrows_with_more_customers_and_brackets_the_mean():
    rng = np.random.default_rng(0)
    few, many = rng.random(20), rng.random(2000)
    lo_f, hi_f = interval(few)
    lo_m, hi_m = interval(many)
    assert lo_f <= few.mean() <= hi_f and lo_m <= many.mean() <= hi_m
    assert hi_m - lo_m < (hi_f - lo_f) / 5
    assert interval(np.array([0.5])) is None


def test_cautions_name_few_customers_and_no_gain_over_best_sellers():
    same = np.array([0.2, 0.4, 0.0, 0.6, 0.1])
    models = {"blend": {"repeats_allowed": {"recall": float(same.mean())}},
              "popularity": {"repeats_allowed": {"recall": float(same.mean())}}}
    codes = [w.code for w in _cautions("repeats_allowed", {"blend": same, "popularity": same + 0.0}, models,
                                       ["popularity"])]
    assert "suggestions_few_evaluated" in codes
    assert "suggestions_not_better_than_best_sellers" in codes
    # A single model clearly better than the blend on this holdout is said too.
    worse = np.zeros(300)
    better = np.full(300, 0.5)
    models = {"blend": {"repeats_allowed": {"recall": 0.0}}, "buy_again": {"repeats_allowed": {"recall": 0.5}},
              "popularity": {"repeats_allowed": {"recall": 0.0}}}
    codes = [w.code for w in _cautions("repeats_allowed", {"blend": worse, "buy_again": better, "popularity": worse},
                                       models, ["buy_again", "popularity"])]
    assert "suggestions_blend_below_model" in codes and "suggestions_few_evaluated" not in codes
