import math

import numpy as np
import pytest

from desktop.engine.errors import InputError
from desktop.engine.suggestions import SuggestionSettings, evaluate, ranking_metrics

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
    assert set(result) == {"cutoff", "k", "models", "details"}
    assert result["k"] == 5
    assert {"popularity", "blend", "buy_again", "als", "item_knn", "user_knn", "rules", "content"} <= set(result["models"])
    for figures in result["models"].values():
        assert set(figures) == {"repeats_allowed", "new_items_only"}
        for mode in figures.values():
            assert set(mode) == METRICS
            assert all(0 <= v <= 1 for v in mode.values())
    blend = result["models"]["blend"]
    pop = result["models"]["popularity"]
    # This shop's customers rebuy their staples: personal suggestions must beat best sellers.
    assert blend["repeats_allowed"]["recall"] > 1.5 * pop["repeats_allowed"]["recall"]
    assert blend["new_items_only"]["recall"] >= pop["new_items_only"]["recall"]
    assert result["details"]["customers_scored"]["repeats_allowed"] > 50
    # Both modes were tuned on earlier periods; buying again has nothing new to offer.
    tuning = result["details"]["tuning"]
    assert set(tuning) >= {"repeats_allowed", "new_items_only"} and len(tuning["periods"]) >= 2
    assert "buy_again" not in tuning["new_items_only"]["single_recall"]
    assert "buy_again" not in result["details"]["weights"]["new_items_only"]


def test_cutoff_outside_the_data_is_an_input_error(shop):
    with pytest.raises(InputError, match="cutoff"):
        evaluate(shop, "2030-01-01")
